package dev.masking.rules.internal;

import dev.masking.core.Ascii;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.NamePrefixes;
import dev.masking.rules.Rule;
import dev.masking.rules.Selector;
import java.util.ArrayList;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule list compiled for {@link MaskPolicy#decide}: names selectors become two hash tables
 * (normalised and exact names) mapping each name straight to its winning rule, and point
 * selectors are indexed by the innermost step's parser and key, so a lookup touches only the few
 * rules that could match.
 *
 * <p>When several rules select a field the strictest action wins ({@link
 * dev.masking.core.MaskAction#strictness()}), ties going to the smallest rule id, so the result
 * never depends on rule order. Immutable after {@link #compile} and thread-safe; {@code decide}
 * allocates nothing for ordinary names (a name holding {@code %}, NUL or surrounding whitespace
 * takes a slower path that builds its decoded spellings, and so does an XML name with a namespace
 * prefix, whose local name is matched too).
 *
 * <p>Rules with conditions ({@link Rule#conditions()}) are compiled into the same tables, marked
 * with an ordinal, and indexed by a {@link ConditionIndex}. {@link #bind} picks the conditioned
 * rules that apply to one report and returns a view sharing every table, in which only those
 * rules and the unconditioned ones are live. An unbound policy (asked without {@code bind}) cannot
 * evaluate conditions and treats every rule as live: it fails closed. Detect selectors become
 * {@link #detectors()}: per detector the best live rule, by the same precedence.
 */
public final class CompiledPolicy implements MaskPolicy, NamePrefixes {

  /** One rule as decide() needs it. */
  private static final class Candidate {
    final String id;
    final int strictness;
    final Decision decision;
    /** Position among the conditioned rules, or -1 for a rule without conditions. */
    final int ordinal;
    /** Point steps, or null for names rules. */
    final Step[] steps;
    /** Per step: the parser a wildcard step stands for, or null for a literal step. */
    final String[] wildcard;

    Candidate(Rule rule, Point point, int ordinal) {
      this.ordinal = ordinal;
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
        if (wildcard[i] != null ? !wildcard[i].equals(fs.parser()) : !sameStep(steps[i], fs)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Whether a point step compares its key loosely: ASCII case folded and the separators {@code _ -
   * .} and space ignored, as {@link NameTable.Mode#NORMALIZE} does. Servers read these names so:
   * CGI, PHP, Rack and WSGI turn header {@code X_Api_Key} and {@code X-Api-Key} into one variable
   * {@code HTTP_X_API_KEY}; PHP turns {@code .} and space in query, form, multipart and cookie
   * names into {@code _}; ASP.NET reads query, form and cookie names in any case. A point on one
   * spelling therefore selects every spelling such a server reads as it (fail closed).
   */
  static boolean looseKey(String parser) {
    switch (parser) {
      case "header":
      case "get":
      case "cookie":
      case "form_urlencoded":
      case "multipart":
        return true;
      default:
        return false;
    }
  }

  /** {@link Step#sameAs}, with the keys of {@link #looseKey} parsers compared loosely. */
  static boolean sameStep(Step rule, Step field) {
    if (rule.key() == null || field.key() == null || !looseKey(rule.parser())) {
      return rule.sameAs(field);
    }
    return rule.parser().equals(field.parser()) && rule.index() == field.index()
        && looseEquals(rule.key(), field.key());
  }

  /** Whether two names are equal with ASCII case folded and separators ignored; no allocation. */
  private static boolean looseEquals(String a, String b) {
    int i = 0;
    int j = 0;
    int n = a.length();
    int m = b.length();
    while (true) {
      while (i < n && NameForms.isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < m && NameForms.isSeparator(b.charAt(j))) {
        j++;
      }
      if (i == n || j == m) {
        return i == n && j == m;
      }
      if (Ascii.lower(a.charAt(i++)) != Ascii.lower(b.charAt(j++))) {
        return false;
      }
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
    /** {@link NameFilter} bits of the keys of {@link #byKey}; null when none. */
    long[] keyBits;
  }

  private static final Candidate[] NO_CANDIDATES = new Candidate[0];

  private final int ruleCount;
  private final NameTable<Candidate[]> normalizedNames;
  private final NameTable<Candidate[]> exactNames;
  private final boolean hasNames;
  /** {@link NameFilter} bits of every names-rule name (normalised and exact). */
  private final long[] nameBits;
  private final Map<String, Bucket> points;
  /** Rules without conditions. */
  private final int unconditioned;
  /** The conditioned rules, indexed; null when there are none. */
  private final ConditionIndex conditions;
  /** In a bound view: ordinals of the live conditioned rules, ascending; null when unbound. */
  private final int[] live;
  /** In a bound view: why, as sentences naming rules and condition kinds. */
  private final List<String> why;
  /** Every detect rule's candidate, once per detector it names. */
  private final List<Map.Entry<Detector, Candidate>> detectCandidates;
  /** The detectors of this view: per detector the best live rule. */
  private final List<DetectorRule> detectors;

  private CompiledPolicy(List<Rule> rules) {
    this.ruleCount = rules.size();
    this.live = null;
    this.why = List.of();
    List<Rule> conditioned = new ArrayList<>();
    Map<String, List<Candidate>> normalized = new HashMap<>();
    Map<String, List<Candidate>> exact = new HashMap<>();
    Map<String, Map<String, List<Candidate>>> keyed = new HashMap<>();
    Map<String, TreeMap<Integer, List<Candidate>>> indexed = new HashMap<>();
    Map<String, List<Candidate>> any = new HashMap<>();
    List<Map.Entry<Detector, Candidate>> detect = new ArrayList<>();
    for (Rule rule : rules) {
      int ordinal = -1;
      if (!rule.conditions().isEmpty()) {
        ordinal = conditioned.size();
        conditioned.add(rule);
      }
      if (rule.selector() instanceof Selector.Detect sel) {
        Candidate c = new Candidate(rule, null, ordinal);
        for (Detector d : sel.detectors()) {
          detect.add(Map.entry(d, c));
        }
      } else if (rule.selector() instanceof Selector.Names n) {
        Candidate c = new Candidate(rule, null, ordinal);
        for (String name : n.names()) {
          if (n.exact()) {
            exact.computeIfAbsent(Ascii.lower(name), k -> new ArrayList<>()).add(c);
          } else {
            normalized.computeIfAbsent(NameForms.normalize(name), k -> new ArrayList<>()).add(c);
          }
        }
      } else {
        Point p = ((Selector.AtPoint) rule.selector()).point();
        Candidate c = new Candidate(rule, p, ordinal);
        Step last = p.step(p.size() - 1);
        String base = NameForms.wildcardBase(last.parser());
        if (base != null) {
          any.computeIfAbsent(base, k -> new ArrayList<>()).add(c);
        } else if (last.key() != null) {
          String key = looseKey(last.parser()) ? NameForms.normalize(last.key())
              : last.caseInsensitiveKey() ? Ascii.lower(last.key()) : last.key();
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
    this.normalizedNames = new NameTable<>(NameTable.Mode.NORMALIZE, ranked(normalized));
    this.exactNames = new NameTable<>(NameTable.Mode.FOLD, ranked(exact));
    this.hasNames = !normalized.isEmpty() || !exact.isEmpty();
    this.nameBits = NameFilter.bits(concat(normalized.keySet(), exact.keySet()));
    this.unconditioned = rules.size() - conditioned.size();
    this.conditions = conditioned.isEmpty() ? null : new ConditionIndex(conditioned);

    Map<String, Bucket> buckets = new HashMap<>();
    keyed.forEach((parser, byKey) -> {
      Map<String, Candidate[]> arrays = new HashMap<>();
      byKey.forEach((k, list) -> arrays.put(k, list.toArray(NO_CANDIDATES)));
      NameTable.Mode mode = looseKey(parser) ? NameTable.Mode.NORMALIZE
          : Step.named(parser, "").caseInsensitiveKey() ? NameTable.Mode.FOLD : NameTable.Mode.EXACT;
      Bucket b = buckets.computeIfAbsent(parser, k -> new Bucket());
      b.byKey = new NameTable<>(mode, arrays);
      b.keyBits = NameFilter.bits(arrays.keySet());
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
    this.filters = new ConcurrentHashMap<>();
    this.byParser = new ParserFilter[SLOTS];
    this.detectCandidates = List.copyOf(detect);
    this.detectors = liveDetectors();
  }

  /** Per detector, the best live detect rule: the same precedence as every other selector. */
  private List<DetectorRule> liveDetectors() {
    if (detectCandidates.isEmpty()) {
      return List.of();
    }
    Map<Detector, Candidate> winners = new EnumMap<>(Detector.class);
    for (Map.Entry<Detector, Candidate> e : detectCandidates) {
      if (isLive(e.getValue())) {
        winners.merge(e.getKey(), e.getValue(), CompiledPolicy::better);
      }
    }
    List<DetectorRule> out = new ArrayList<>();
    winners.forEach((d, c) -> out.add(new DetectorRule(d, c.decision)));
    return List.copyOf(out);
  }

  /** A bound view of {@code base}: the same tables, only {@code live} conditioned rules. */
  private CompiledPolicy(CompiledPolicy base, int[] live, List<String> why) {
    this.ruleCount = base.ruleCount;
    this.normalizedNames = base.normalizedNames;
    this.exactNames = base.exactNames;
    this.hasNames = base.hasNames;
    this.nameBits = base.nameBits;
    this.points = base.points;
    this.filters = base.filters;
    this.byParser = base.byParser;
    this.unconditioned = base.unconditioned;
    this.conditions = base.conditions;
    this.live = live;
    this.why = why;
    this.detectCandidates = base.detectCandidates;
    this.detectors = liveDetectors();
  }

  /** Each name's candidates, best first (strictest action, then smallest id). */
  private static Map<String, Candidate[]> ranked(Map<String, List<Candidate>> byName) {
    Comparator<Candidate> order = Comparator.<Candidate>comparingInt(c -> -c.strictness)
        .thenComparing(c -> c.id);
    Map<String, Candidate[]> out = new HashMap<>();
    byName.forEach((k, list) -> {
      Candidate[] a = list.toArray(NO_CANDIDATES);
      Arrays.sort(a, order);
      out.put(k, a);
    });
    return out;
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
    ParserFilter pf = facts(last.parser());
    Candidate best = null;
    if (pf.names != null) {
      String name = field.name();
      if (name != null) {
        best = byName(name);
        if (pf.xml) {
          // wsse:Password: an XML application reads the local name, so match it too.
          int colon = name.lastIndexOf(':');
          if (colon >= 0 && colon < name.length() - 1) {
            best = better(best, byName(name.substring(colon + 1)));
          }
        }
      }
    }
    Bucket bucket = pf.bucket;
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

  /**
   * False when no rule, live or not, can select a named {@code parser} step with this name: the
   * name is not among the names rules' names (when the parser carries names) nor the keys of the
   * point rules whose innermost step has this parser, compared as {@link NameFilter} hashes, and
   * no point rule for this parser has a wildcard, keyless or indexed innermost step. A name that
   * {@code decide} would read in another spelling (percent, NUL, surrounding blanks, non-ASCII,
   * an XML name with a colon, whose local part it reads too) is always answered true.
   */
  @Override
  public boolean maySelectName(String parser, byte[] name, int from, int to) {
    ParserFilter pf = facts(parser);
    if (pf.always || pf.xml && hasColon(name, from, to)) {
      return true; // an XML name with a prefix: decide matches its local part too
    }
    long[] bits = pf.bits;
    if (bits == null) {
      return false;
    }
    int h = NameFilter.hash(name, from, to, bits);
    if (h == NameFilter.UNUSUAL) {
      return true;
    }
    return h != NameFilter.ABSENT && NameFilter.has(bits, h);
  }

  /**
   * {@link #maySelectName}'s prefix test as data: the prefix bits of this parser's names-rule names
   * and point-rule keys (see {@link NameFilter#hash(byte[], int, int, long[])}, whose first test
   * this is), so that a scanner answers most absent names with one probe and no call. Null for a
   * parser whose every name is asked about (wildcard, keyless or indexed point rules, XML names).
   */
  @Override
  public long[] namePrefixBits(String parser) {
    ParserFilter pf = facts(parser);
    if (pf.always || pf.xml) {
      return null;
    }
    return pf.prefixBits;
  }

  /**
   * False when no point rule's innermost step is an indexed or wildcard step of {@code parser}
   * (live or not): {@link #decide} asks only those about an indexed step, since names rules apply
   * only to named steps and keyed point rules only to keyed ones. A JSON scanner then asks nothing
   * about array elements (measured with CpuTime json:1kb, see the commit).
   */
  @Override
  public boolean maySelectIndexed(String parser) {
    Bucket b = facts(parser).bucket;
    return b != null && (b.any.length > 0 || b.indexes.length > 0);
  }

  /**
   * True when no point rule's innermost step has {@code parser}: {@link #decide} then reads only
   * the names tables (the name, and an XML name's local part), whose answer for a name is fixed
   * in this view (its live rules are chosen when it is made). A JSON scanner then asks once per
   * distinct member name (measured with CpuTime json:dense1kb, see the commit).
   */
  @Override
  public boolean decidesByName(String parser) {
    return facts(parser).bucket == null;
  }

  /** Prefix bits with none set: for a parser no rule can select a named step of. */
  private static final long[] NO_PREFIXES = new long[NamePrefixes.BITS / 64];

  private static boolean hasColon(byte[] name, int from, int to) {
    for (int i = from; i < to; i++) {
      if (name[i] == ':') {
        return true;
      }
    }
    return false;
  }

  /** What {@link #maySelectName} and {@link #decide} need about one parser; immutable. */
  private static final class ParserFilter {
    final String parser;
    /** The point rules whose innermost step has this parser, or null. */
    final Bucket bucket;
    /**
     * The names-rule bits when names rules apply to this parser's steps ({@link
     * NameForms#carriesName}), else null.
     */
    final long[] names;
    /** Every name of this parser must be asked about. */
    final boolean always;
    /** An XML parser: a name with a colon must be asked about. */
    final boolean xml;
    /**
     * The union of the names-rule bits (when this parser carries names) and the point-rule key
     * bits for this parser; null when there are neither.
     */
    final long[] bits;
    /** The prefix part of {@link #bits} (none set when it is null); never modified. */
    final long[] prefixBits;

    ParserFilter(String parser, Bucket bucket, boolean always, long[] names, long[] keys) {
      this.parser = parser;
      this.bucket = bucket;
      this.names = names;
      this.always = always;
      this.xml = parser.startsWith("xml_");
      this.bits = NameFilter.union(names, keys);
      this.prefixBits = bits == null ? NO_PREFIXES : NameFilter.prefixBits(bits);
    }
  }

  /**
   * The facts of the parsers asked about so far, by the parser name's identity (parser names are
   * the scanners' constants), in an open-addressed table indexed by the name's hash: scanners ask
   * about a few parsers many times (a JSON body: {@code json_doc} once, then {@code hash} and
   * {@code array} for every member and element), and a hit spares every decide a string switch
   * and a map lookup. A report asks about about a dozen parsers (uri, path, query, header, cookie,
   * then the body's and the nested layers'); the four most recent, kept before, missed for most of
   * them on every report ({@code slowFacts} about 2-3% of the full report and the 1 KB JSON
   * report; measured, see the commit). Shared by this policy and its bound views (the facts depend
   * only on the shared tables). Entries are only added, never replaced, at most {@link #PROBES}
   * slots from a name's home slot. Benign races: each entry is immutable and any thread's copy is
   * right; two threads adding at once may lose one entry, which is then added again.
   */
  private final ParserFilter[] byParser;

  private static final int SLOTS = 64;
  private static final int PROBES = 4;

  /**
   * Every parser's facts made so far, shared by this policy and its bound views (they depend only
   * on the shared tables): a report asks about more parsers than {@link #byParser} may hold by
   * identity, and each switch made a new filter and bit union (measured: about 15% of the
   * allocation samples of a full report). Keys are the scanners' parser constants, never request
   * data; at most {@link #MAX_FILTERS} are kept.
   */
  private final ConcurrentHashMap<String, ParserFilter> filters;

  private static final int MAX_FILTERS = 64;

  private static int slot(String parser) {
    int h = parser.hashCode();
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }

  private ParserFilter facts(String parser) {
    int k = slot(parser);
    ParserFilter pf = byParser[k];
    if (pf != null && pf.parser == parser) {
      return pf;
    }
    return slowFacts(parser, k);
  }

  private ParserFilter slowFacts(String parser, int home) {
    ParserFilter[] t = byParser;
    int free = -1;
    for (int i = 0; i < PROBES; i++) {
      int k = (home + i) & (SLOTS - 1);
      ParserFilter pf = t[k];
      if (pf == null) {
        free = k;
        break;
      }
      if (pf.parser == parser || pf.parser.equals(parser)) {
        return pf;
      }
    }
    ParserFilter made = filters.get(parser);
    if (made == null) {
      made = parserFilter(parser);
      if (filters.size() < MAX_FILTERS) {
        ParserFilter had = filters.putIfAbsent(parser, made);
        if (had != null) {
          made = had;
        }
      }
    }
    if (free >= 0 && made.parser == parser) {
      t[free] = made; // found by identity from now on
    }
    return made;
  }

  private ParserFilter parserFilter(String parser) {
    Bucket bucket = points.get(parser);
    boolean always = bucket != null && (bucket.any.length > 0 || bucket.indexes.length > 0);
    long[] names = hasNames && NameForms.carriesName(parser) ? nameBits : null;
    return new ParserFilter(parser, bucket, always, names,
        bucket == null ? null : bucket.keyBits);
  }

  private static java.util.Collection<String> concat(java.util.Collection<String> a,
      java.util.Collection<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private Candidate byName(String name) {
    Candidate best = better(first(normalizedNames.get(name)), first(exactNames.get(name)));
    if (NameForms.unusual(name)) {
      for (String alternative : NameForms.alternatives(name)) {
        best = better(best, first(normalizedNames.get(alternative)));
        best = better(best, first(exactNames.get(alternative)));
      }
    }
    return best;
  }

  /** The best live candidate of a ranked list, or null. */
  private Candidate first(Candidate[] ranked) {
    if (ranked != null) {
      for (Candidate c : ranked) {
        if (isLive(c)) {
          return c;
        }
      }
    }
    return null;
  }

  /** Whether {@code c} applies here: unconditioned, unbound (fail closed), or bound and chosen. */
  private boolean isLive(Candidate c) {
    if (c.ordinal < 0 || live == null) {
      return true;
    }
    int[] l = live;
    if (l.length <= 8) {
      for (int x : l) {
        if (x == c.ordinal) {
          return true;
        }
      }
      return false;
    }
    return Arrays.binarySearch(l, c.ordinal) >= 0;
  }

  private Candidate scan(Candidate[] candidates, Field field, int depth, Candidate best) {
    if (candidates != null) {
      for (Candidate c : candidates) {
        if (isLive(c) && c.matches(field, depth)) {
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

  /** One entry per detector some live rule selects, with the winning rule's decision. */
  @Override
  public List<DetectorRule> detectors() {
    return detectors;
  }

  @Override
  public boolean selectsAnything() {
    return live == null ? ruleCount > 0 : unconditioned > 0 || live.length > 0;
  }

  /**
   * This policy narrowed to the conditioned rules whose conditions hold for {@code report} (plus
   * every unconditioned rule); {@code this} when no rule has conditions. Choosing uses the
   * {@link ConditionIndex}, so it does not look at every rule. Never throws: a failure to
   * evaluate keeps every rule live (fail closed), with a note saying so.
   */
  @Override
  public MaskPolicy bind(AttackReport report) {
    if (conditions == null || live != null) {
      return this;
    }
    try {
      ConditionIndex.Selection s = conditions.select(report);
      // Reports of one endpoint select the same rules: the view made last is reused, with the
      // detectors it chose and the name-filter cache it warmed (a view is immutable).
      CompiledPolicy last = lastBound;
      if (last != null && Arrays.equals(last.live, s.matched) && last.why.equals(s.why)) {
        return last;
      }
      CompiledPolicy bound = new CompiledPolicy(this, s.matched, s.why);
      lastBound = bound; // a benign race: any thread's view is right for its selection
      return bound;
    } catch (RuntimeException e) {
      return new CompiledPolicy(this, allConditioned(),
          List.of("rule conditions could not be evaluated; every rule applied"));
    }
  }

  /** In an unbound policy: the bound view {@link #bind} made last, or null. */
  private volatile CompiledPolicy lastBound;

  private int[] allConditioned() {
    int[] all = new int[conditions.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** For a bound view: which conditioned rules applied and why; rule ids and condition kinds. */
  @Override
  public List<String> explain() {
    return why;
  }

  /** The rule count; never request data. */
  @Override
  public String toString() {
    return "CompiledPolicy[" + ruleCount + " rules"
        + (live == null ? "" : ", " + live.length + " conditioned live") + "]";
  }
}
