package dev.masking.rules.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.rules.Rule;
import dev.masking.rules.Selector;
import java.util.ArrayList;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule list compiled for {@link MaskPolicy#decide}: names selectors become two hash tables
 * (normalised and exact names) mapping each name straight to its winning rule, and point
 * selectors are indexed by the innermost step's parser and key, so a lookup touches only the few
 * rules that could match. Detect selectors become {@link #detectors()}: one decision per detector,
 * chosen by the same precedence.
 *
 * <p>When several rules select a field the strictest action wins ({@link
 * dev.masking.core.MaskAction#strictness()}), ties going to the smallest rule id, so the result
 * never depends on rule order. Immutable after {@link #compile} and thread-safe; {@code decide}
 * allocates nothing for ordinary names (a name holding {@code %}, NUL or surrounding whitespace
 * takes a slower path that builds its decoded spellings, and so does an XML name with a namespace
 * prefix, whose local name is matched too).
 */
public final class CompiledPolicy implements MaskPolicy {

  /** One rule as decide() needs it. */
  private static final class Candidate {
    final String id;
    final int strictness;
    final Decision decision;
    /** Point steps, or null for names rules. */
    final Step[] steps;
    /** Per step: the parser a wildcard step stands for, or null for a literal step. */
    final String[] wildcard;

    Candidate(Rule rule, Point point) {
      this.id = rule.id();
      this.strictness = rule.action().strictness();
      this.decision = new Decision(rule.action(), rule.id());
      if (point == null) {
        steps = null;
        wildcard = null;
      } else {
        steps = point.steps().toArray(new Step[0]);
        wildcard = new String[steps.length];
        for (int i = 0; i < steps.length; i++) {
          wildcard[i] = NameForms.wildcardBase(steps[i].parser());
        }
      }
    }

    boolean matches(Field f, int depth) {
      if (steps.length != depth) {
        return false;
      }
      for (int i = depth - 1; i >= 0; i--) { // innermost first: most selective
        Step fs = f.step(i);
        if (wildcard[i] != null ? !wildcard[i].equals(fs.parser()) : !steps[i].sameAs(fs)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Point rules whose innermost step has one parser. */
  private static final class Bucket {
    /** By the innermost step's key (header keys folded); null when none. */
    NameTable<Candidate[]> byKey;
    /** Sorted innermost indexes, and the rules for each. */
    int[] indexes = new int[0];
    Candidate[][] byIndex = new Candidate[0][];
    /** Rules whose innermost step is a wildcard or takes no argument. */
    Candidate[] any = new Candidate[0];
  }

  private static final Candidate[] NO_CANDIDATES = new Candidate[0];

  private final int ruleCount;
  private final NameTable<Candidate> normalizedNames;
  private final NameTable<Candidate> exactNames;
  private final boolean hasNames;
  private final Map<String, Bucket> points;
  private final List<DetectorRule> detectors;

  private CompiledPolicy(List<Rule> rules) {
    this.ruleCount = rules.size();
    Map<String, Candidate> normalized = new HashMap<>();
    Map<String, Candidate> exact = new HashMap<>();
    Map<String, Map<String, List<Candidate>>> keyed = new HashMap<>();
    Map<String, TreeMap<Integer, List<Candidate>>> indexed = new HashMap<>();
    Map<String, List<Candidate>> any = new HashMap<>();
    Map<Detector, Candidate> detectorWinners = new EnumMap<>(Detector.class);
    for (Rule rule : rules) {
      if (rule.selector() instanceof Selector.Detect sel) {
        Candidate c = new Candidate(rule, null);
        for (Detector d : sel.detectors()) {
          detectorWinners.merge(d, c, CompiledPolicy::better);
        }
      } else if (rule.selector() instanceof Selector.Names n) {
        Candidate c = new Candidate(rule, null);
        for (String name : n.names()) {
          if (n.exact()) {
            exact.merge(Ascii.lower(name), c, CompiledPolicy::better);
          } else {
            normalized.merge(NameForms.normalize(name), c, CompiledPolicy::better);
          }
        }
      } else {
        Point p = ((Selector.AtPoint) rule.selector()).point();
        Candidate c = new Candidate(rule, p);
        Step last = p.step(p.size() - 1);
        String base = NameForms.wildcardBase(last.parser());
        if (base != null) {
          any.computeIfAbsent(base, k -> new ArrayList<>()).add(c);
        } else if (last.key() != null) {
          String key = last.caseInsensitiveKey() ? Ascii.lower(last.key()) : last.key();
          keyed.computeIfAbsent(last.parser(), k -> new HashMap<>())
              .computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        } else if (last.index() >= 0) {
          indexed.computeIfAbsent(last.parser(), k -> new TreeMap<>())
              .computeIfAbsent(last.index(), k -> new ArrayList<>()).add(c);
        } else {
          any.computeIfAbsent(last.parser(), k -> new ArrayList<>()).add(c);
        }
      }
    }
    this.normalizedNames = new NameTable<>(NameTable.Mode.NORMALIZE, normalized);
    this.exactNames = new NameTable<>(NameTable.Mode.FOLD, exact);
    this.hasNames = !normalized.isEmpty() || !exact.isEmpty();

    Map<String, Bucket> buckets = new HashMap<>();
    keyed.forEach((parser, byKey) -> {
      Map<String, Candidate[]> arrays = new HashMap<>();
      byKey.forEach((k, list) -> arrays.put(k, list.toArray(NO_CANDIDATES)));
      NameTable.Mode mode =
          Step.named(parser, "").caseInsensitiveKey() ? NameTable.Mode.FOLD : NameTable.Mode.EXACT;
      buckets.computeIfAbsent(parser, k -> new Bucket()).byKey = new NameTable<>(mode, arrays);
    });
    indexed.forEach((parser, byIndex) -> {
      Bucket b = buckets.computeIfAbsent(parser, k -> new Bucket());
      b.indexes = byIndex.keySet().stream().mapToInt(Integer::intValue).toArray();
      b.byIndex = byIndex.values().stream().map(l -> l.toArray(NO_CANDIDATES))
          .toArray(Candidate[][]::new);
    });
    any.forEach((parser, list) ->
        buckets.computeIfAbsent(parser, k -> new Bucket()).any = list.toArray(NO_CANDIDATES));
    this.points = Map.copyOf(buckets);
    List<DetectorRule> detectorRules = new ArrayList<>();
    detectorWinners.forEach((d, c) -> detectorRules.add(new DetectorRule(d, c.decision)));
    this.detectors = List.copyOf(detectorRules);
  }

  /**
   * Compiles {@code rules}. The rules are assumed valid (unique ids), as {@link
   * dev.masking.rules.RuleSet} guarantees.
   */
  public static CompiledPolicy compile(List<Rule> rules) {
    return new CompiledPolicy(List.copyOf(rules));
  }

  @Override
  public Decision decide(Field field) {
    int depth = field.depth();
    if (depth == 0) {
      return null;
    }
    Step last = field.last();
    Candidate best = null;
    if (hasNames && NameForms.carriesName(last.parser())) {
      String name = field.name();
      if (name != null) {
        best = byName(name);
        if (last.parser().startsWith("xml_")) {
          // wsse:Password: an XML application reads the local name, so match it too.
          int colon = name.lastIndexOf(':');
          if (colon >= 0 && colon < name.length() - 1) {
            best = better(best, byName(name.substring(colon + 1)));
          }
        }
      }
    }
    Bucket bucket = points.get(last.parser());
    if (bucket != null) {
      if (last.key() != null && bucket.byKey != null) {
        best = scan(bucket.byKey.get(last.key()), field, depth, best);
      }
      if (last.index() >= 0) {
        int at = Arrays.binarySearch(bucket.indexes, last.index());
        if (at >= 0) {
          best = scan(bucket.byIndex[at], field, depth, best);
        }
      }
      best = scan(bucket.any, field, depth, best);
    }
    return best == null ? null : best.decision;
  }

  private Candidate byName(String name) {
    Candidate best = better(normalizedNames.get(name), exactNames.get(name));
    if (NameForms.unusual(name)) {
      for (String alternative : NameForms.alternatives(name)) {
        best = better(best, normalizedNames.get(alternative));
        best = better(best, exactNames.get(alternative));
      }
    }
    return best;
  }

  private static Candidate scan(Candidate[] candidates, Field field, int depth, Candidate best) {
    if (candidates != null) {
      for (Candidate c : candidates) {
        if (c.matches(field, depth)) {
          best = better(best, c);
        }
      }
    }
    return best;
  }

  /** The stricter of two candidates; on equal strictness the one with the smaller id. */
  private static Candidate better(Candidate a, Candidate b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.strictness != b.strictness) {
      return a.strictness > b.strictness ? a : b;
    }
    return a.id.compareTo(b.id) <= 0 ? a : b;
  }

  /** One entry per detector some rule selects, with the winning rule's decision. */
  @Override
  public List<DetectorRule> detectors() {
    return detectors;
  }

  @Override
  public boolean selectsAnything() {
    return ruleCount > 0;
  }

  /** The rule count; never request data. */
  @Override
  public String toString() {
    return "CompiledPolicy[" + ruleCount + " rules]";
  }
}
