package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.NamePrefixes;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scratch state of one masking call: the current point (a stack of steps the scanners push and
 * pop), the policy to ask, the notes, and the values masked so far (kept only for the residual
 * sweep of attack payloads, never exposed).
 *
 * <p>One instance per call; not thread-safe. This object is the {@link Field} view handed to the
 * policy, so asking costs no allocation.
 */
public final class MaskRun implements Field {

  /** Builds points from the step stack without copying them twice. */
  private static final ModelAccess MODEL = ModelAccess.get();

  /** A masked point and the decision that masked it; for attack payloads. */
  public record Masked(Point point, Decision decision) {}

  private final MaskPolicy policy;
  private final MaskingOptions options;
  private final Actions actions;

  private Step[] steps = new Step[16];
  private String[] names = new String[16];
  private int depth;

  private final List<Note> notes = new ArrayList<>();
  private int droppedNotes;
  private final List<Masked> masked = new ArrayList<>();
  private final List<String> maskedValues = new ArrayList<>();
  /**
   * Where and under which decision each entry of {@link #maskedValues} was masked, read through
   * the two views below. While every masked point has recorded its value and no detector span was
   * masked (the common case), this is {@link #masked} itself; the first entry that breaks that
   * gives it a list of its own.
   */
  private List<Masked> maskedValueEntries = masked;
  private final List<Decision> maskedValueDecisions = new EntryView<>(false);
  private final List<Point> maskedValuePoints = new EntryView<>(true);
  private final ValueInspector[] inspectors;
  /** Whether {@link NestedLayers} is among {@link #inspectors}. */
  private final boolean layers;
  /** Whether an inspector other than {@link NestedLayers} is among {@link #inspectors}. */
  private final boolean otherInspectors;
  private long work;
  private List<Point> wholeParts;
  private final DetectorInspector detectorInspector;

  /**
   * Nested encodings entered around the current point (see {@link NestedLayers}); bounds how deep
   * inner scanners' values are decoded again.
   */
  int decodeLayers;

  /** A run asking {@code policy} under {@code options}. */
  public MaskRun(MaskPolicy policy, MaskingOptions options) {
    this.policy = policy;
    this.options = options;
    this.actions = new Actions(options);
    this.detectorInspector = DetectorInspector.of(detectorRules(policy));
    this.inspectors = inspectorsFor(policy, options, detectorInspector);
    this.layers = has(inspectors, NestedLayers.INSTANCE);
    this.otherInspectors = inspectors.length > (layers ? 1 : 0);
  }

  private static boolean has(ValueInspector[] inspectors, ValueInspector which) {
    for (ValueInspector i : inspectors) {
      if (i == which) {
        return true;
      }
    }
    return false;
  }

  /** Whether an inspector other than the nested layers is active. */
  boolean inspectsBeyondLayers() {
    return otherInspectors;
  }

  /** The policy's detectors; a policy that throws here gets none (its point rules still work). */
  private static List<DetectorRule> detectorRules(MaskPolicy policy) {
    try {
      return policy.detectors();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** A run with exactly the given inspectors; for tests of the leaf-value hook. */
  MaskRun(MaskPolicy policy, MaskingOptions options, List<ValueInspector> inspectors) {
    this.policy = policy;
    this.options = options;
    this.actions = new Actions(options);
    this.inspectors = inspectors.toArray(new ValueInspector[0]);
    this.layers = has(this.inspectors, NestedLayers.INSTANCE);
    this.otherInspectors = this.inspectors.length > (layers ? 1 : 0);
    DetectorInspector found = null;
    for (ValueInspector i : inspectors) {
      if (i instanceof DetectorInspector d) {
        found = d;
      }
    }
    this.detectorInspector = found;
  }

  private static final ValueInspector[] NO_INSPECTORS = {};
  private static final ValueInspector[] NESTED_ONLY = {NestedLayers.INSTANCE};

  /**
   * The inspectors that look inside unselected leaf values, in the order they run. Nested layers
   * (issue 3) and value detectors (issue 5) register here.
   */
  private static ValueInspector[] inspectorsFor(MaskPolicy policy, MaskingOptions options,
      DetectorInspector detectors) {
    boolean layers = options.maxDecodeLayers() > 0;
    if (detectors == null) {
      return layers ? NESTED_ONLY : NO_INSPECTORS;
    }
    // After the nested layers, so that a value they rewrote is searched as rewritten.
    return layers ? new ValueInspector[] {NestedLayers.INSTANCE, detectors}
        : new ValueInspector[] {detectors};
  }

  /** The options in force. */
  public MaskingOptions options() {
    return options;
  }

  // ---- the point stack ------------------------------------------------------------------------

  /** Enters a step; {@code name} is the decoded field name for {@link #name()}, or null. */
  public void push(Step step, String name) {
    if (depth == steps.length) {
      grow();
    }
    // A null entry stands for a lazy step (pushLazy): a pushed step must be a real one.
    steps[depth] = java.util.Objects.requireNonNull(step, "step");
    names[depth] = name;
    depth++;
  }

  private void grow() {
    steps = Arrays.copyOf(steps, depth * 2);
    names = Arrays.copyOf(names, depth * 2);
    if (lazy != null) {
      lazy = Arrays.copyOf(lazy, depth * 2);
      lazyFrom = Arrays.copyOf(lazyFrom, depth * 2);
      lazyTo = Arrays.copyOf(lazyTo, depth * 2);
    }
  }

  /**
   * Builds a step a scanner pushed with {@link #pushLazy}, when it is first needed. Its input
   * must not change while the step is on the stack.
   */
  interface StepSource {
    /** The step for the input range {@code [from, to)}; its key is the decoded name. */
    Step makeStep(int from, int to);
  }

  /**
   * Lazy steps by depth (allocated with the first one): the entry at a depth whose {@link #steps}
   * entry is null. Entries above the current depth are stale and never read: {@link #pop} only
   * moves the depth (one store per member instead of four; measured, see the commit).
   */
  private StepSource[] lazy;
  private int[] lazyFrom;
  private int[] lazyTo;

  /**
   * Enters a named step that {@code source} builds from {@code [from, to)} only if something asks
   * for it ({@link #step}, {@link #name()}, {@link #point()}): a member whose name no rule can
   * select and whose value is not inspected never becomes a String.
   */
  void pushLazy(StepSource source, int from, int to) {
    if (depth == steps.length) {
      grow();
    }
    if (lazy == null) {
      lazy = new StepSource[steps.length];
      lazyFrom = new int[steps.length];
      lazyTo = new int[steps.length];
    }
    steps[depth] = null;
    lazy[depth] = source;
    lazyFrom[depth] = from;
    lazyTo[depth] = to;
    depth++;
  }

  private Step materialize(int i) {
    Step s = lazy[i].makeStep(lazyFrom[i], lazyTo[i]);
    steps[i] = s;
    names[i] = s.key();
    return s;
  }

  /** Enters a step whose name is its key (or none). */
  public void push(Step step) {
    push(step, step.key());
  }

  /** Leaves the innermost step. */
  public void pop() {
    depth--;
  }

  /** Leaves steps until {@code d} remain. */
  public void popTo(int d) {
    if (depth > d) {
      depth = d;
    }
  }

  @Override
  public int depth() {
    return depth;
  }

  @Override
  public Step step(int i) {
    if (i < 0 || i >= depth) {
      throw new IndexOutOfBoundsException(i);
    }
    Step s = steps[i];
    return s != null ? s : materialize(i);
  }

  @Override
  public String name() {
    if (depth == 0) {
      return null;
    }
    if (steps[depth - 1] == null) {
      materialize(depth - 1);
    }
    return names[depth - 1];
  }

  @Override
  public Point point() {
    Step[] s = steps;
    for (int i = 0; i < depth; i++) {
      if (s[i] == null) {
        materialize(i);
      }
    }
    return MODEL.point(Arrays.copyOf(s, depth));
  }

  // ---- asking and masking ---------------------------------------------------------------------

  /**
   * Asks the policy about the current point. A policy that throws is treated as selecting the
   * field with the default action (fail closed); its exception text is never kept.
   */
  public Decision decide() {
    try {
      return policy.decide(this);
    } catch (RuntimeException e) {
      return new Decision(MaskAction.redact(), "(policy error)");
    }
  }

  /**
   * Whether the name pre-filter ({@link #maySelectName}) is used; tests turn it off to compare
   * outputs with and without it. Never changed by library code.
   */
  static volatile boolean nameFilter = true;

  /**
   * Whether the policy could select a field whose innermost step is a named {@code parser} step
   * with the decoded name {@code name[from, to)} (UTF-8, no escapes), at any point: see {@link
   * MaskPolicy#maySelectName}. When false the scanner may skip {@link #decide()} for it. A policy
   * that throws here is asked (true).
   */
  public boolean maySelectName(String parser, byte[] name, int from, int to) {
    if (!nameFilter) {
      return true;
    }
    try {
      return policy.maySelectName(parser, name, from, to);
    } catch (RuntimeException e) {
      return true;
    }
  }

  /**
   * The policy's name prefix set for named steps of {@code parser} ({@link
   * NamePrefixes#namePrefixBits}), for a scanner to answer most names {@link #maySelectName} would
   * answer false for without asking; null when every name must be asked about (the policy has no
   * such set, the name pre-filter is off, or the policy throws).
   */
  long[] namePrefixBits(String parser) {
    if (!nameFilter || !(policy instanceof NamePrefixes np)) {
      return null;
    }
    try {
      return np.namePrefixBits(parser);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether the policy could select a field whose innermost step is an indexed step of {@code
   * parser} ({@link NamePrefixes#maySelectIndexed}); true when the policy cannot say, the
   * pre-filter is off or the policy throws. When false, a scanner may skip {@link #decide} there.
   */
  boolean maySelectIndexed(String parser) {
    if (!nameFilter || !(policy instanceof NamePrefixes np)) {
      return true;
    }
    try {
      return np.maySelectIndexed(parser);
    } catch (RuntimeException e) {
      return true;
    }
  }

  /**
   * Masks {@code original} (the decoded value at the current point) under {@code d}: records a note
   * and the value for the residual sweep, and returns the decoded mask for the scanner to encode.
   * For {@link MaskAction.Remove} this returns the redact token: call {@link #removed} instead where
   * the member can be dropped.
   */
  public String mask(Decision d, String original) {
    record(d, original);
    return actions.apply(d.action(), original);
  }

  /** Records that the member at the current point, holding {@code original}, was dropped. */
  public void removed(Decision d, String original) {
    record(d, original);
  }

  private void record(Decision d, String original) {
    Point p = point();
    Masked m = new Masked(p, d);
    if (original == null) {
      ownValueEntries();
    } else {
      maskedValues.add(original);
      if (maskedValueEntries != masked) {
        maskedValueEntries.add(m);
      }
    }
    masked.add(m);
    note(new Note(Note.Kind.MASKED, p, d.ruleId(), d.action().describe(), ""));
  }

  /**
   * Masks {@code original}, a span a value detector found inside a value, under {@code d}: records
   * the original for the residual sweep and a note at {@code where} (null: no point) with {@code
   * reason}, a fixed sentence naming the detector. The point is not recorded as masked whole: only
   * the span was.
   */
  String maskFound(Decision d, String original, Point where, String reason) {
    Point p = where;
    ownValueEntries();
    maskedValues.add(original);
    maskedValueEntries.add(new Masked(p, d));
    note(new Note(Note.Kind.MASKED, p, d.ruleId(), d.action().describe(), reason));
    return actions.apply(d.action(), original);
  }

  /** The value-detector inspector, or null when the policy has no detectors. */
  DetectorInspector detectorInspector() {
    return detectorInspector;
  }

  // ---- lenient scans ---------------------------------------------------------------------------

  private boolean lenientScan;

  /** Records that a scanner fell back to a lenient scan of part of the body it was given. */
  public void markLenient() {
    lenientScan = true;
  }

  /** Whether {@link #markLenient()} was called since the last call of this method; clears it. */
  public boolean takeLenient() {
    boolean was = lenientScan;
    lenientScan = false;
    return was;
  }

  // ---- looking inside unselected values --------------------------------------------------------

  /**
   * Whether any inspector is active. Scanners test this before decoding an unselected leaf value
   * for {@link #inspect}, so a run without inspectors costs nothing per value.
   */
  public boolean inspectsValues() {
    return inspectors.length > 0;
  }

  /**
   * Passes an unselected leaf value through the active inspectors. The caller has the leaf's point
   * pushed (as it was when it asked {@link #decide()}) and, on a non-null result, writes the
   * returned decoded text in place of the value, encoded exactly as it writes a mask.
   *
   * @param value the decoded value
   * @return the decoded replacement, or {@code null} when no inspector changed the value
   */
  public String inspect(String value) {
    String current = value;
    int d = depth;
    for (ValueInspector inspector : inspectors) {
      String next;
      try {
        next = inspector.inspect(current, this);
      } catch (RuntimeException e) {
        // An inspector bug must not pass a value through unexamined: mask it (fail closed).
        popTo(d);
        fallback("value could not be inspected; masked whole");
        return Actions.REDACT_TOKEN;
      }
      popTo(d);
      if (next != null) {
        current = next;
      }
    }
    return current == value ? null : current;
  }

  /**
   * Whether the pre-check of {@link #mayInspect} is used; tests turn it off to compare outputs
   * with and without it. Never changed by library code.
   */
  static volatile boolean precheck = true;

  /**
   * Whether any active inspector could change the value whose UTF-8 encoding is exactly {@code
   * b[from, to)} (no escapes of any kind left in it). When false, the caller may skip decoding the
   * value and calling {@link #inspect}: the result would be {@code null} with nothing recorded.
   */
  public boolean mayInspect(byte[] b, int from, int to) {
    if (!precheck) {
      return true;
    }
    for (ValueInspector inspector : inspectors) {
      if (inspector.mayInspect(b, from, to)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #mayInspect} for the content {@code b[from, to)} of a JSON string that may hold escapes
   * (see {@link ValueInspector#mayInspectJson}): when false, the caller may skip decoding it.
   */
  public boolean mayInspectJson(byte[] b, int from, int to) {
    if (!precheck) {
      return true;
    }
    for (ValueInspector inspector : inspectors) {
      if (inspector.mayInspectJson(b, from, to)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #mayInspect} for the text {@code s[from, to)} (a header, cookie or path value held as a
   * String), copied into the run's scratch when it is plain ASCII: when false, the caller may skip
   * {@link #inspect} and the String it would make. A text with a non-ASCII character is always
   * inspected (true). Call only when {@link #inspectsValues()}.
   */
  boolean mayInspectText(String s, int from, int to) {
    if (!precheck) {
      return true;
    }
    int n = to - from;
    byte[] b = scratch(n);
    return !asciiInto(s, from, to, b) || mayInspect(b, 0, n);
  }

  /** Whether the nested-layer inspector is among the active ones. */
  boolean inspectsLayers() {
    return layers;
  }

  /**
   * {@link #mayInspect} (or, for JSON string content that holds escapes, {@link #mayInspectJson})
   * asked of every active inspector but the nested layers: for a scanner that runs the nested
   * layers' pre-check itself, fused with its own pass over the value.
   */
  boolean othersMayInspect(byte[] b, int from, int to, boolean jsonEscaped) {
    for (ValueInspector inspector : inspectors) {
      if (inspector != NestedLayers.INSTANCE && (jsonEscaped ? inspector.mayInspectJson(b, from, to)
          : inspector.mayInspect(b, from, to))) {
        return true;
      }
    }
    return false;
  }

  /** Applies an action to a value outside any scan (attack payloads, residual hits). */
  public String applyAction(MaskAction action, String value) {
    return actions.apply(action, value);
  }

  /** Records that the part at the current point was masked whole, and why (a fixed sentence). */
  public void fallback(String reason) {
    note(new Note(Note.Kind.FALLBACK, point(), null, null, reason));
  }

  /**
   * Records that the part at the current point was masked whole without being scanned (a limit,
   * an unscanned format, a scanner failure), and why. Attack payloads whose point lies in that
   * part, and payloads with no point at all, are then masked whole too: the secrets the part held
   * were never seen, so the residual sweep could not find them in a payload (fail closed).
   *
   * <p>A step without key or index in the current point stands for every step of its parser
   * ({@code get} for any query parameter); {@code X_all} stands for every {@code X}; {@code uri}
   * covers the path and the query.
   */
  public void maskedWhole(String reason) {
    fallback(reason);
    if (wholeParts == null) {
      wholeParts = new ArrayList<>(2);
    }
    wholeParts.add(point());
  }

  /**
   * Whether an attack payload at {@code p} (null: no point given) lies in a part masked whole by
   * {@link #maskedWhole}.
   */
  public boolean inWholePart(Point p) {
    if (wholeParts == null) {
      return false;
    }
    if (p == null) {
      return true;
    }
    for (Point w : wholeParts) {
      if (covers(w, p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean covers(Point whole, Point p) {
    if (whole.size() == 1 && "uri".equals(whole.step(0).parser()) && p.size() > 0) {
      String first = p.step(0).parser();
      return first.equals("uri") || first.equals("get") || first.equals("path")
          || first.startsWith("action_");
    }
    if (p.size() < whole.size()) {
      return false;
    }
    for (int i = 0; i < whole.size(); i++) {
      Step w = whole.step(i);
      Step s = p.step(i);
      String parser = w.parser().endsWith("_all")
          ? w.parser().substring(0, w.parser().length() - 4) : w.parser();
      boolean wildcard = w.key() == null && w.index() < 0;
      if (!parser.equals(s.parser()) || !wildcard && !w.sameAs(s)) {
        return false;
      }
    }
    return true;
  }

  /** Adds a note, up to the configured cap; past it, notes are counted. */
  public void note(Note n) {
    if (notes.size() < options.maxNotes()) {
      notes.add(n);
    } else {
      droppedNotes++;
    }
  }

  /** The number of notes kept so far; a mark for {@link #dropRepeatedNotesSince}. */
  int noteCount() {
    return notes.size();
  }

  /** Drops every note added since {@code mark}. */
  void dropNotesSince(int mark) {
    if (mark < notes.size()) {
      notes.subList(mark, notes.size()).clear();
    }
  }

  /**
   * Drops the notes added since {@code mark} that repeat a note from before it: for a scanner
   * that passes over its own output once more.
   */
  void dropRepeatedNotesSince(int mark) {
    if (mark >= notes.size()) {
      return;
    }
    java.util.Set<Note> before = new java.util.HashSet<>(notes.subList(0, mark));
    List<Note> added = new ArrayList<>(notes.subList(mark, notes.size()));
    notes.subList(mark, notes.size()).clear();
    for (Note n : added) {
      if (before.add(n)) {
        notes.add(n);
      }
    }
  }

  /** Points masked so far, with their decisions. */
  public List<Masked> maskedPoints() {
    return masked;
  }

  /** Original values masked so far (never exposed outside core). */
  List<String> maskedValues() {
    return maskedValues;
  }

  /** The decision for each entry of {@link #maskedValues()}. */
  List<Decision> maskedValueDecisions() {
    return maskedValueDecisions;
  }

  /** Where each entry of {@link #maskedValues()} was masked (null when not at a point). */
  List<Point> maskedValuePoints() {
    return maskedValuePoints;
  }

  /**
   * Gives {@link #maskedValueEntries} a list of its own (a copy of {@link #masked}, which it was
   * until now), before an entry that is masked but holds no value, or holds a value but is no
   * masked point.
   */
  private void ownValueEntries() {
    if (maskedValueEntries == masked) {
      maskedValueEntries = new ArrayList<>(masked);
    }
  }

  /** A read-only view of the points or the decisions of {@link #maskedValueEntries}. */
  private final class EntryView<T> extends java.util.AbstractList<T>
      implements java.util.RandomAccess {
    private final boolean points;

    EntryView(boolean points) {
      this.points = points;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int i) {
      Masked m = maskedValueEntries.get(i);
      return (T) (points ? m.point() : m.decision());
    }

    @Override
    public int size() {
      return maskedValueEntries.size();
    }
  }

  /** The notes, with a last one counting those past the cap. */
  public List<Note> notes() {
    if (droppedNotes == 0) {
      return notes;
    }
    List<Note> out = new ArrayList<>(notes);
    out.add(new Note(Note.Kind.INFO, null, null, null,
        droppedNotes + " more notes not kept (maxNotes " + options.maxNotes() + ")"));
    return out;
  }

  // ---- names held as text --------------------------------------------------------------------

  /**
   * {@link #maySelectName} for a name held as text, {@code s[from, to)}: whether the policy could
   * select a named {@code parser} step with that decoded name. A name that is not plain ASCII, or
   * longer than 128 characters, is always asked about (true).
   */
  boolean maySelectText(String parser, String s, int from, int to) {
    int n = to - from;
    if (n > 128) {
      return true;
    }
    byte[] b = scratch(n); // never in use here: no caller holds it across this call
    if (!asciiInto(s, from, to, b)) {
      return true;
    }
    return maySelectName(parser, b, 0, n);
  }

  /**
   * Copies the text {@code s[from, to)} into {@code dst} as bytes, one per character; false
   * ({@code dst} partly written) when a character is not ASCII.
   */
  private static boolean asciiInto(String s, int from, int to, byte[] dst) {
    int n = to - from;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(from + i);
      if (c >= 0x80) {
        return false;
      }
      dst[i] = (byte) c;
    }
    return true;
  }

  /** Scratch for {@link #scratch}. */
  private byte[] valueBytes;

  /**
   * A scratch array of at least {@code n} bytes, reused by the run: for a scanner's pre-check of a
   * value decoded into bytes ({@link #mayInspect}). Its contents are the caller's only until the
   * next call; no inspector or policy call uses it. {@link #maySelectText} and {@link
   * #mayInspectText} use it for the name or value they test.
   */
  byte[] scratch(int n) {
    byte[] b = valueBytes;
    if (b == null || b.length < n) {
      b = new byte[Math.max(n, 64)];
      valueBytes = b;
    }
    return b;
  }

  // ---- the per-report work budget --------------------------------------------------------------

  /**
   * Charges {@code bytes} of scanning against the report's work budget ({@link
   * MaskingOptions#maxWorkBytes()}). Callers charge a part before scanning it (the URI, the
   * headers, the body, each decoded layer, each residual pass over a payload) and, on {@code
   * false}, mask that part whole with a fallback note instead of scanning it.
   *
   * @return whether the budget still covers the work charged so far
   */
  public boolean charge(long bytes) {
    work += Math.max(0, bytes);
    return work <= options.maxWorkBytes();
  }
}
