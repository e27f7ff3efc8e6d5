package dev.masking.rules.internal;

import com.google.re2j.Pattern;
import dev.masking.core.Ascii;
import dev.masking.core.AttackReport;
import dev.masking.rules.Condition;
import dev.masking.rules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conditioned rules of a rule set, indexed so that choosing the rules for a request does not
 * look at every rule: a hash map by host (rules without a host condition in a shared tree), then
 * a trie over the literal leading path segments ({@code path 0 equal}, {@code path 1 equal}, ...),
 * then a hash map by literal action name and method. A request walks its host's trie and the shared one along
 * its own segments and evaluates, in full, only the rules it meets on the way.
 *
 * <p>Immutable after construction and thread-safe. {@link #select} allocates per report only what
 * the request's facts and the rules met need.
 */
final class ConditionIndex {

  /** One conditioned rule: its ordinal, id and compiled conditions. */
  static final class Entry {
    final int ordinal;
    final String id;
    final Condition[] conditions;
    final Check[] checks;

    Entry(int ordinal, Rule rule) {
      this.ordinal = ordinal;
      this.id = rule.id();
      this.conditions = rule.conditions().toArray(new Condition[0]);
      this.checks = new Check[conditions.length];
      for (int i = 0; i < conditions.length; i++) {
        checks[i] = new Check(conditions[i]);
      }
      // Cheap, selective checks first (method, literal segments) and regexes last; explanations
      // still list the conditions in the order the rule declares them.
      Arrays.sort(checks, (a, b) -> Integer.compare(a.cost(), b.cost()));
    }
  }

  /** One compiled condition. */
  static final class Check {
    final Condition c;
    final Pattern pattern;

    Check(Condition c) {
      this.c = c;
      this.pattern = c.type() == Condition.Type.REGEX
          ? Pattern.compile(c.values().get(0), c.isHost() ? Pattern.CASE_INSENSITIVE : 0)
          : null;
    }

    int cost() {
      int base = c.type() == Condition.Type.REGEX ? 10 : 0;
      switch (c.part()) {
        case METHOD:
        case INSTANCE:
        case PROTO:
          return base;
        case PATH:
        case ACTION_NAME:
        case ACTION_EXT:
        case URI:
          return base + 1;
        default:
          return base + 2;
      }
    }

    boolean test(RequestFacts f) {
      switch (c.part()) {
        case INSTANCE:
          return one(f.instance());
        case PROTO:
          return one(f.proto());
        case SCHEME:
          return one(f.scheme());
        case URI:
          return one(f.uri());
        case PATH:
          return one(f.path(c.index()));
        case ACTION_NAME:
          return one(f.actionName());
        case ACTION_EXT:
          return one(f.actionExt());
        case METHOD:
          return one(f.method());
        case GET:
          return any(f.query(c.name()));
        case HEADER:
          return any(c.isHost() && c.type() != Condition.Type.ABSENT ? f.hostValues()
              : f.header(c.name()));
        default:
          return false;
      }
    }

    private boolean any(List<String> values) {
      if (c.type() == Condition.Type.ABSENT) {
        return values.isEmpty();
      }
      for (String v : values) {
        if (value(v)) {
          return true;
        }
      }
      return false;
    }

    private boolean one(String v) {
      if (c.type() == Condition.Type.ABSENT) {
        return v == null;
      }
      return v != null && value(v);
    }

    private boolean value(String v) {
      switch (c.type()) {
        case EQUAL:
          for (String x : c.values()) {
            if (x.equals(v)) {
              return true;
            }
          }
          return false;
        case IEQUAL:
          for (String x : c.values()) {
            if (Ascii.equalsIgnoreCase(x, v)) {
              return true;
            }
          }
          return false;
        case REGEX:
          return pattern.matcher(v).find();
        default:
          return false;
      }
    }
  }

  /**
   * A trie node over literal path segments. Its rules are split by literal action name and by
   * method (each key optional), so a request meets only those whose keys it carries.
   */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    final Map<String, List<Entry>> building = new HashMap<>();
    /** Key: action name or "", NUL, method upper-cased or "" (either part "" = any). */
    Map<String, Entry[]> byKey = Map.of();
    boolean hasAction;
    boolean hasMethod;

    void add(String action, String method, Entry e) {
      hasAction |= action != null;
      hasMethod |= method != null;
      building.computeIfAbsent(key(action, method), k -> new ArrayList<>()).add(e);
    }

    static String key(String action, String method) {
      return (action == null ? "" : "a" + action) + '\0' + (method == null ? "" : method);
    }

    void freeze() {
      Map<String, Entry[]> m = new HashMap<>();
      building.forEach((k, v) -> m.put(k, v.toArray(new Entry[0])));
      byKey = m;
      building.clear();
      for (Node child : children.values()) {
        child.freeze();
      }
    }

    void meet(String action, String method, List<Entry> met) {
      add(byKey.get(key(null, null)), met);
      if (hasAction) {
        add(byKey.get(key(action, null)), met);
      }
      if (hasMethod && method != null) {
        add(byKey.get(key(null, method)), met);
        if (hasAction) {
          add(byKey.get(key(action, method)), met);
        }
      }
    }

    private static void add(Entry[] es, List<Entry> met) {
      if (es != null) {
        for (Entry e : es) {
          met.add(e);
        }
      }
    }
  }

  /** Most rules explained per report; more are counted in one last sentence. */
  static final int MAX_EXPLAINED = 64;

  private final int size;
  private final Map<String, Node> byHost = new HashMap<>();
  private final Node anyHost = new Node();

  /** Indexes {@code rules}, whose ordinals are their positions in the list. */
  ConditionIndex(List<Rule> rules) {
    this.size = rules.size();
    for (int i = 0; i < rules.size(); i++) {
      Entry e = new Entry(i, rules.get(i));
      Set<String> hosts = new LinkedHashSet<>();
      List<String> segments = new ArrayList<>();
      String action = null;
      Condition hostCondition = null;
      Map<Integer, String> literalPath = new HashMap<>();
      Set<String> methods = new LinkedHashSet<>();
      for (Condition c : e.conditions) {
        if (hostCondition == null && c.isHost() && c.type() == Condition.Type.IEQUAL) {
          hostCondition = c;
          hosts.addAll(c.values()); // already lower-cased
        } else if (c.part() == Condition.Part.PATH && c.type() == Condition.Type.EQUAL
            && c.values().size() == 1) {
          literalPath.putIfAbsent(c.index(), c.values().get(0));
        } else if (action == null && c.part() == Condition.Part.ACTION_NAME
            && c.type() == Condition.Type.EQUAL && c.values().size() == 1) {
          action = c.values().get(0);
        } else if (methods.isEmpty() && c.part() == Condition.Part.METHOD
            && (c.type() == Condition.Type.EQUAL || c.type() == Condition.Type.IEQUAL)) {
          for (String v : c.values()) {
            methods.add(Ascii.upper(v)); // a superset key: the full check compares exactly
          }
        }
      }
      for (int k = 0; literalPath.containsKey(k); k++) {
        segments.add(literalPath.get(k));
      }
      List<Node> roots = new ArrayList<>();
      if (hosts.isEmpty()) {
        roots.add(anyHost);
      } else {
        for (String h : hosts) {
          roots.add(byHost.computeIfAbsent(h, k -> new Node()));
        }
      }
      for (Node root : roots) {
        Node n = root;
        for (String seg : segments) {
          n = n.children.computeIfAbsent(seg, k -> new Node());
        }
        if (methods.isEmpty()) {
          n.add(action, null, e);
        } else {
          for (String m : methods) {
            n.add(action, m, e);
          }
        }
      }
    }
    anyHost.freeze();
    for (Node n : byHost.values()) {
      n.freeze();
    }
  }

  /** The number of conditioned rules. */
  int size() {
    return size;
  }

  /** The result of choosing rules for one report. */
  static final class Selection {
    /** Ordinals of the rules whose conditions all hold, ascending. */
    final int[] matched;
    /** Explanation sentences: rule ids and condition kinds, never values. */
    final List<String> why;

    Selection(int[] matched, List<String> why) {
      this.matched = matched;
      this.why = why;
    }
  }

  /**
   * The rules whose conditions hold for {@code report}, with sentences saying which conditions
   * matched for each, and for each rule met on the way that did not apply, which condition failed.
   * Rules the index rules out (by host, leading path segments, action name or method) are not
   * looked at, so not mentioned.
   */
  Selection select(AttackReport report) {
    RequestFacts f = new RequestFacts(report);
    Selection s = select(f);
    if (f.endsWithSlash()) {
      // /login/ reaches /login on many servers: the rules of either reading apply (more masking).
      Selection t = select(new RequestFacts(report, true));
      int[] both = Arrays.copyOf(s.matched, s.matched.length + t.matched.length);
      System.arraycopy(t.matched, 0, both, s.matched.length, t.matched.length);
      Arrays.sort(both);
      Set<String> why = new LinkedHashSet<>(s.why);
      why.addAll(t.why);
      s = new Selection(dedupe(both), List.copyOf(why));
    }
    return s;
  }

  private Selection select(RequestFacts f) {
    List<Entry> met = new ArrayList<>();
    walk(anyHost, f, met);
    if (!byHost.isEmpty()) {
      for (String host : f.hosts()) {
        Node n = byHost.get(host);
        if (n != null) {
          walk(n, f, met);
        }
      }
    }
    if (met.isEmpty()) {
      return new Selection(new int[0], List.of());
    }
    if (met.size() > 1) {
      met = new ArrayList<>(new java.util.LinkedHashSet<>(met));
    }
    int[] matched = new int[met.size()];
    int count = 0;
    List<String> why = new ArrayList<>(Math.min(met.size(), MAX_EXPLAINED + 1));
    int unexplained = 0;
    for (Entry e : met) {
      int failed = -1;
      for (int i = 0; i < e.checks.length; i++) {
        boolean ok;
        try {
          ok = e.checks[i].test(f);
        } catch (RuntimeException ex) {
          ok = true; // a check that cannot be evaluated applies the rule (fail closed)
        }
        if (!ok) {
          failed = i;
          break;
        }
      }
      if (why.size() >= MAX_EXPLAINED) {
        if (failed < 0) {
          matched[count++] = e.ordinal;
        }
        unexplained++;
        continue;
      }
      StringBuilder b = new StringBuilder("rule ").append(e.id).append(": ");
      if (failed < 0) {
        matched[count++] = e.ordinal;
        for (int i = 0; i < e.conditions.length; i++) {
          b.append(i == 0 ? "" : "; ").append(e.conditions[i].describe()).append(" matched");
        }
      } else {
        b.append("not applied: ").append(e.checks[failed].c.describe()).append(" did not match");
      }
      why.add(b.toString());
    }
    if (unexplained > 0) {
      why.add(unexplained + " more rules met and not explained (at most " + MAX_EXPLAINED + ")");
    }
    int[] out = Arrays.copyOf(matched, count);
    Arrays.sort(out);
    return new Selection(dedupe(out), why);
  }

  private static int[] dedupe(int[] sorted) {
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  private static void walk(Node root, RequestFacts f, List<Entry> met) {
    String action = f.actionName();
    String method = f.method() == null ? null : Ascii.upper(f.method());
    Node n = root;
    int depth = 0;
    while (n != null) {
      n.meet(action, method, met);
      if (n.children.isEmpty() || depth >= f.pathCount()) {
        break;
      }
      n = n.children.get(f.path(depth++));
    }
  }

  /** Size only; never request data. */
  @Override
  public String toString() {
    return "ConditionIndex[" + size + " rules]";
  }
}
