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

  private Step[] steps;
  private String[] names;
  private int depth;
  /** The thread's pool this run borrowed its arrays from ({@link #pooled}), or null. */
  private Pool pool;

  /** From the thread's pool when this run borrowed it ({@link #pooled}); emptied when given back. */
  private final List<Note> notes;
  private int droppedNotes;
  /** As {@link #notes}. */
  private final List<Masked> masked;
  /** As {@link #notes}. */
  private final List<String> maskedValues;
  /**
   * Where and under which decision each entry of {@link #maskedValues} was masked, read through
   * the two views below. While every masked point has recorded its value and no detector span was
   * masked (the common case), this is {@link #masked} itself; the first entry that breaks that
   * gives it a list of its own.
   */
  private List<Masked> maskedValueEntries;
  /** Made on first use: a run with nothing masked never sweeps, and never asks for them. */
  private List<Decision> maskedValueDecisions;
  private List<Point> maskedValuePoints;
  private final ValueInspector[] inspectors;
  /** Whether {@link NestedLayers} is among {@link #inspectors}. */
  private final boolean layers;
  /** Whether an inspector other than {@link NestedLayers} is among {@link #inspectors}. */
  private final boolean otherInspectors;
  /**
   * The value detectors when they are the only active inspector besides the nested layers (as
   * every run the policy and options make has them), else null: {@link #othersMayInspect} asks
   * them directly.
   */
  private final DetectorInspector onlyOther;
  private long work;
  private List<Point> wholeParts;
  private final DetectorInspector detectorInspector;

  /**
   * Nested encodings entered around the current point (see {@link NestedLayers}); bounds how deep
   * inner scanners' values are decoded again.
   */
  int decodeLayers;

  /**
   * Headers in which {@link BodyWire} found no Content-Encoding when it read the body (compared by
   * identity), or null: the residual sweep then has no compressed body to inflate for them.
   */
  dev.masking.core.Headers uncodedBodyHeaders;

  /** A run asking {@code policy} under {@code options}. */
  public MaskRun(MaskPolicy policy, MaskingOptions options) {
    this(policy, options, (Pool) null);
  }

  /**
   * A run for one masking call that borrows its scratch arrays from the calling thread's pool
   * instead of allocating them; the caller must {@link #release} it when the call is done (in a
   * {@code finally}). A run made on a thread whose arrays are already lent out (a policy that
   * masks from inside a masking call) allocates its own, as the constructor does.
   */
  public static MaskRun pooled(MaskPolicy policy, MaskingOptions options) {
    Pool p = POOL.get();
    if (p.lent) {
      return new MaskRun(policy, options, (Pool) null);
    }
    p.lent = true;
    try {
      return new MaskRun(policy, options, p);
    } catch (RuntimeException | Error e) {
      p.lent = false; // no run holds them: the thread's later calls still borrow them
      throw e;
    }
  }

  private MaskRun(MaskPolicy policy, MaskingOptions options, Pool pool) {
    if (pool != null && pool.steps != null) {
      this.pool = pool;
      this.steps = pool.steps;
      this.names = pool.names;
      this.lazy = pool.lazy;
      this.lazyFrom = pool.lazyFrom;
      this.lazyTo = pool.lazyTo;
      this.valueBytes = pool.bytes;
      this.text = pool.text;
    } else {
      this.pool = pool;
      this.steps = new Step[16];
      this.names = new String[16];
    }
    if (pool != null && pool.notes != null) {
      this.notes = pool.notes;
      this.masked = pool.masked;
      this.maskedValues = pool.maskedValues;
    } else {
      this.notes = new ArrayList<>();
      this.masked = new ArrayList<>();
      this.maskedValues = new ArrayList<>();
    }
    this.maskedValueEntries = masked;
    this.policy = policy;
    this.options = options;
    List<DetectorRule> rules = detectorRules(policy);
    if (pool != null && pool.setActions != null && pool.setOptions == options
        && java.util.Objects.equals(pool.setRules, rules)) {
      // The thread's last run had these very options and detector rules: its inspector set,
      // reset when that run was released (DetectorInspector.reset), serves this one.
      this.actions = pool.setActions;
      this.detectorInspector = pool.setDetectors;
      this.inspectors = pool.setInspectors;
    } else {
      this.actions = new Actions(options);
      this.detectorInspector = DetectorInspector.of(rules);
      this.inspectors = inspectorsFor(policy, options, detectorInspector);
      if (pool != null && !options.hasHmacKey()) {
        // Never with an HMAC key: the thread would keep the key (and its engine) past the masker.
        pool.setOptions = options;
        // An immutable list is its own copy (and equals itself at once); a mutable one that a
        // policy changes later no longer equals the copy, and gets a set of its own.
        pool.setRules = rules == null ? null : List.copyOf(rules);
        pool.setActions = actions;
        pool.setDetectors = detectorInspector;
        pool.setInspectors = inspectors;
      }
    }
    this.layers = has(inspectors, NestedLayers.INSTANCE);
    this.otherInspectors = inspectors.length > (layers ? 1 : 0);
    this.onlyOther = onlyOther(inspectors);
  }

  /** The one inspector of {@code all} other than the nested layers if it is the detectors. */
  private static DetectorInspector onlyOther(ValueInspector[] all) {
    DetectorInspector only = null;
    for (ValueInspector i : all) {
      if (i != NestedLayers.INSTANCE) {
        if (only != null || !(i instanceof DetectorInspector d)) {
          return null;
        }
        only = d;
      }
    }
    return only;
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

  /**
   * The policy's detectors. A policy that throws here is a broken configuration, not bad report
   * content: running without its detectors would let through what they are there to find, so the
   * call fails (closed: no report comes back). Its message is not kept (a policy bound to a report
   * may quote request data).
   */
  private static List<DetectorRule> detectorRules(MaskPolicy policy) {
    try {
      return policy.detectors();
    } catch (RuntimeException e) {
      throw new IllegalStateException("MaskPolicy.detectors() threw "
          + e.getClass().getName() + "; the report was not masked");
    }
  }

  /** A run with exactly the given inspectors; for tests of the leaf-value hook. */
  MaskRun(MaskPolicy policy, MaskingOptions options, List<ValueInspector> inspectors) {
    this.explicitInspectors = true;
    this.steps = new Step[16];
    this.names = new String[16];
    this.notes = new ArrayList<>();
    this.masked = new ArrayList<>();
    this.maskedValues = new ArrayList<>();
    this.maskedValueEntries = masked;
    this.policy = policy;
    this.options = options;
    this.actions = new Actions(options);
    this.inspectors = inspectors.toArray(new ValueInspector[0]);
    this.layers = has(this.inspectors, NestedLayers.INSTANCE);
    this.otherInspectors = this.inspectors.length > (layers ? 1 : 0);
    this.onlyOther = onlyOther(this.inspectors);
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
   * Whether the policy answers for a named {@code parser} step from its name alone ({@link
   * NamePrefixes#decidesByName}), so that a scanner may reuse one {@link #decide} per distinct
   * name; false when the policy cannot say, the name pre-filter is off or the policy throws.
   */
  boolean decidesByName(String parser) {
    if (!nameFilter || !(policy instanceof NamePrefixes np)) {
      return false;
    }
    try {
      return np.decidesByName(parser);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The policy, as the identity under which a scanner may keep {@link #maySelectName}'s answers
   * from one run to the next; null when it may not: the answers are kept only for a policy that
   * promises to be immutable ({@link NamePrefixes}, the rule engine's compiled policy), and only
   * while the name pre-filter is on. A policy whose rules can change (one that delegates to the
   * rules loaded last) is asked afresh in every run.
   */
  Object nameAnswersKey() {
    return nameFilter && policy instanceof NamePrefixes ? policy : null;
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


  /** Set by the constructor that takes its inspectors as given (tests): see {@link #stableInspectors}. */
  private boolean explicitInspectors;

  /**
   * Whether this run's inspectors are the ones its policy and options make (so that another run
   * with the same stable policy and the same options has the same ones) and the pre-check is on: a
   * scanner may then keep a value's {@link #mayInspect} answer across such runs.
   */
  boolean stableInspectors() {
    return !explicitInspectors && precheck;
  }

  /**
   * Masks {@code original} (the decoded value at the current point) under {@code d}: records a note
   * and the value for the residual sweep, and returns the decoded mask for the scanner to encode.
   * For {@link MaskAction.Remove} this returns the redact token: call {@link #removed} instead where
   * the member can be dropped.
   */
  public String mask(Decision d, String original) {
    return mask(d, original, null);
  }

  /**
   * As {@link #mask(Decision, String)} for a JSON container whose scalar members a scanner read as
   * it found the container's end: {@code members} as {@link JsonShape#scalars(String, int)} lists
   * them for {@code original} under this run's {@code residualMinLength} (null: not read), for the
   * residual sweep ({@link #memberScalars}).
   */
  String mask(Decision d, String original, List<String> members) {
    MaskAction a = d.action();
    if ((a instanceof MaskAction.KeepFirst || a instanceof MaskAction.KeepLast)
        && original != null && holdsSelected(original)) {
      // keep_first / keep_last show part of a flat value (a card's last digits). A value that
      // holds fields another rule selects (a JSON object, a form or base64 text) would show part
      // of those: {"number":"4111...","cvv":"123"} under keep_last(4) showed 23"}. Starred whole,
      // and recorded so: attack payloads at or inside this point are starred too.
      d = new Decision(STARS, d.ruleId());
    }
    record(d, original, members);
    return actions.apply(d.action(), original);
  }

  private static final MaskAction STARS = new MaskAction.Stars();

  /** Set in a run made by {@link #holdsSelected}: its own masks are never probed again. */
  private boolean probe;

  /**
   * Whether {@code value}, masked whole at the current point by an action that keeps part of it,
   * may hold something another rule selects: a value that opens like a JSON object or array
   * ({@code { [}, also when malformed, so that no parser need accept it), or one in which the
   * policy selects, or a detector finds, something once decoded as the nested layers decode an
   * unselected value (XML, form, base64, percent-encoded, JWT): asked of a scratch run at the same
   * point (its notes and masks are dropped; its work is charged to this run). Text that merely
   * starts with {@code <} (an escaped {@code &lt;} in XML text) is probed, not starred outright.
   */
  private boolean holdsSelected(String value) {
    if (probe) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > ' ') {
        if (c == '{' || c == '[') {
          return true;
        }
        break;
      }
    }
    if (options.maxDecodeLayers() == 0 || !NestedLayers.promising(value)) {
      // Not promising: the nested layers' inspect below would return null at once, with nothing
      // recorded and no work charged (most masked cards and tokens stop here, no scratch run).
      return false;
    }
    MaskRun scratch = new MaskRun(policy, options);
    scratch.probe = true;
    scratch.work = work;
    scratch.decodeLayers = decodeLayers;
    for (int i = 0; i < depth; i++) {
      Step s = step(i);
      scratch.push(s, names[i]);
    }
    String inside;
    try {
      inside = NestedLayers.INSTANCE.inspect(value, scratch);
    } catch (RuntimeException e) {
      inside = value; // fail closed: as if something inside were selected
    }
    work = scratch.work;
    return inside != null;
  }

  /** Records that the member at the current point, holding {@code original}, was dropped. */
  public void removed(Decision d, String original) {
    record(d, original, null);
  }

  /** As {@link #removed(Decision, String)}, with the container's members as {@link #mask(Decision, String, List)}. */
  void removed(Decision d, String original, List<String> members) {
    record(d, original, members);
  }

  private void record(Decision d, String original, List<String> members) {
    Point p = point();
    Masked m = new Masked(p, d);
    if (original == null) {
      ownValueEntries();
    } else {
      if (members != null) {
        memberScalars(maskedValues.size(), members);
      }
      maskedValues.add(original);
      if (maskedValueEntries != masked) {
        maskedValueEntries.add(m);
      }
    }
    masked.add(m);
    note(new Note(Note.Kind.MASKED, p, d.ruleId(), d.action().describe(), ""));
    if (original != null && original.length() >= options.residualMinLength()) {
      OtherReadings.of(d, original, this); // trimmed, and a scheme's credential (after the note)
    }
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

  /**
   * The decision for a value a scanner masked past a limit without asking the policy; recorded
   * with {@link #huntPastLimit} so that the residual sweep hunts its echoes.
   */
  static final Decision LIMIT = new Decision(MaskAction.redact(), "(limit)");

  /**
   * Records {@code original}, a value a scanner redacted past a limit without asking the policy,
   * for the residual sweep under {@code d}, at the current point, without a note of its own (the
   * limit's one fallback note says why): its echoes elsewhere in the report are then masked as a
   * selected value's are (fail closed).
   */
  void huntPastLimit(Decision d, String original) {
    ownValueEntries();
    maskedValues.add(original);
    maskedValueEntries.add(new Masked(point(), d));
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
    return inspect(value, ALL_INSPECTORS);
  }

  /** Every active inspector, for {@link #inspect(String, long)}. */
  static final long ALL_INSPECTORS = -1L;

  /**
   * {@link #inspect(String)} that skips the inspectors whose bit (bit {@code k} for the {@code
   * k}-th active inspector) is clear in {@code which}, while no earlier inspector has changed the
   * value: the caller has learnt from their pre-check ({@link #textInspectors}) that they would
   * return {@code null} and record nothing for {@code value}. An inspector after one that changed
   * the value always runs (its pre-check was of the value before that change).
   */
  String inspect(String value, long which) {
    if (which != ALL_INSPECTORS && detectorInspector != null) {
      noteDetectorsSaidNo(value, which);
    }
    String current = value;
    int d = depth;
    ValueInspector[] all = inspectors;
    for (int k = 0; k < all.length; k++) {
      ValueInspector inspector = all[k];
      if (current == value && k < 64 && (which & (1L << k)) == 0) {
        continue; // its pre-check said no for this very value
      }
      String next;
      try {
        // A bit from textInspectors (which != ALL_INSPECTORS) means the value is ASCII and the
        // inspector's byte pre-check said yes: the nested layers' String pre-check would repeat
        // that very test, so it is skipped.
        next = current == value && which != ALL_INSPECTORS && inspector == NestedLayers.INSTANCE
            ? NestedLayers.inspectPromising(current, this) : inspector.inspect(current, this);
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
   * {@link #inspect(String)} of a JSON value whose pre-checks the scanner has already run on its
   * bytes: {@code layersMay} is the nested layers' answer (the scanner's own, fused with its pass
   * over the value), {@code othersMay} that of {@link #othersMayInspect}. While the value is
   * unchanged, an inspector whose pre-check said no is skipped (it would return null and record
   * nothing), and the value detectors, when they are the only other inspector and said yes, do
   * not run their String pre-check again ({@link DetectorInspector#inspectPrechecked}). Measured
   * (see the commit): on the json-api report, values the nested layers' pre-check passed went to
   * the detectors' String pre-check, and values the detectors' passed to the layers' one.
   */
  String inspectPrechecked(String value, boolean layersMay, boolean othersMay) {
    if (!othersMay && detectorInspector != null) {
      rememberDetectorsFindNothing(value);
    }
    String current = value;
    int d = depth;
    DetectorInspector only = onlyOther;
    for (ValueInspector inspector : inspectors) {
      boolean unchanged = current == value;
      String next;
      try {
        if (inspector == NestedLayers.INSTANCE) {
          if (unchanged && !layersMay) {
            continue;
          }
          next = inspector.inspect(current, this);
        } else {
          if (unchanged && !othersMay) {
            continue;
          }
          next = unchanged && inspector == only ? only.inspectPrechecked(current, this)
              : inspector.inspect(current, this);
        }
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
    return textInspectors(s, from, to) != 0;
  }

  /**
   * The active inspectors whose pre-check ({@link ValueInspector#mayInspect}) says they could
   * change the text {@code s[from, to)} (a header, cookie or path value held as a String), as
   * bits for {@link #inspect(String, long)}: bit {@code k} for the {@code k}-th inspector; 0 when
   * none could (the caller may skip {@link #inspect} and the String it would make). The text is
   * copied into the run's scratch when it is plain ASCII (its UTF-8 encoding is then those
   * bytes); a text with a non-ASCII character, or a run with the pre-check off, gets every
   * inspector ({@link #ALL_INSPECTORS}). Every answer is taken before any inspector runs, so
   * that none reads the scratch after an inspector's own scanners have reused it. Call only
   * when {@link #inspectsValues()}.
   */
  long textInspectors(String s, int from, int to) {
    if (!precheck) {
      return ALL_INSPECTORS;
    }
    int n = to - from;
    byte[] b = scratch(n);
    DetectorInspector only = onlyOther;
    boolean detectorsQuiet = false;
    if (only != null && n >= only.minLength() && n <= Detection.quickMax()) {
      // The detectors' table test gathered in the copy (one pass instead of two); the other
      // inspectors are asked on the copied bytes.
      long gathered = Detection.copyQuick(s, from, to, b);
      if (gathered < 0) {
        return ALL_INSPECTORS;
      }
      detectorsQuiet = only.quietText(n, gathered);
    } else if (!asciiInto(s, from, to, b)) {
      return ALL_INSPECTORS;
    }
    long which = 0;
    ValueInspector[] all = inspectors;
    for (int k = 0; k < all.length; k++) {
      ValueInspector inspector = all[k];
      if (k >= 64) {
        which = ALL_INSPECTORS;
      } else if (inspector == only ? !detectorsQuiet && only.mayInspect(b, 0, n)
          : inspector.mayInspect(b, 0, n)) {
        which |= 1L << k;
      }
    }
    return which;
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
    DetectorInspector only = onlyOther;
    if (only != null) {
      // One call the compiler can inline, not a loop of interface calls (most values of a body
      // come here when detectors are on).
      return jsonEscaped ? only.mayInspectJson(b, from, to) : only.mayInspect(b, from, to);
    }
    for (ValueInspector inspector : inspectors) {
      if (inspector != NestedLayers.INSTANCE && (jsonEscaped ? inspector.mayInspectJson(b, from, to)
          : inspector.mayInspect(b, from, to))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Request values of this run in which the value detectors certainly find nothing (their
   * pre-check said no on the very value), for {@link #detectorsFindNothingIn}: an attack payload
   * is most often the request value at its point, which the detectors need not read again
   * (measured, see the commit: the json-api report's payload, its body's {@code note}, took a
   * String pre-check of about 35 ns). At most {@link #DETECTORS_CLEAN_MAX}, the first ones; made
   * on the first. Not pooled: it goes with the run.
   */
  private String[] detectorsClean;
  private int detectorsCleanCount;
  private static final int DETECTORS_CLEAN_MAX = 8;

  /** Remembers {@code value}: the detectors' pre-check said no for it (see {@link #detectorsClean}). */
  private void rememberDetectorsFindNothing(String value) {
    String[] a = detectorsClean;
    if (a == null) {
      a = new String[DETECTORS_CLEAN_MAX];
      detectorsClean = a;
    }
    int n = detectorsCleanCount;
    if (n < DETECTORS_CLEAN_MAX) {
      a[n] = value;
      detectorsCleanCount = n + 1;
    }
  }

  /**
   * {@link #rememberDetectorsFindNothing} of {@code value} when the bits {@code which} of {@link
   * #inspect(String, long)} (answers of the inspectors' pre-checks on that very value) leave the
   * detectors out.
   */
  private void noteDetectorsSaidNo(String value, long which) {
    ValueInspector[] all = inspectors;
    for (int k = 0; k < all.length && k < 64; k++) {
      if (all[k] == detectorInspector) {
        if ((which & (1L << k)) == 0) {
          rememberDetectorsFindNothing(value);
        }
        return;
      }
    }
  }

  /**
   * Whether {@code value} equals a request value of this run in which the value detectors
   * certainly find nothing ({@link #detectorsClean}): then they find nothing in it either (what
   * they find depends on the text alone).
   */
  boolean detectorsFindNothingIn(String value) {
    String[] a = detectorsClean;
    if (a == null) {
      return false;
    }
    int len = value.length();
    for (int i = 0; i < detectorsCleanCount; i++) {
      String c = a[i];
      if (c.length() == len && c.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #othersMayInspect} for JSON string content with escapes that the caller knows are all
   * two-character ones (no backslash-u, none malformed): the same answer; the value detectors,
   * when they are the only other inspector, read such content with their plain table loop
   * ({@link DetectorInspector#mayInspectJsonSimpleEscapes}).
   */
  boolean othersMayInspectSimpleEscapes(byte[] b, int from, int to) {
    DetectorInspector only = onlyOther;
    if (only != null) {
      return only.mayInspectJsonSimpleEscapes(b, from, to);
    }
    return othersMayInspect(b, from, to, true);
  }

  /**
   * A length below which {@link #othersMayInspect} answers false for every ASCII text without an
   * {@code @} and without backslash-u escapes (JSON content whose only escapes are two-character
   * ones stands for fewer such characters): when the value detectors are the only inspector
   * beside the nested layers, their {@link Detection#quietBelow()}; else 0 (never).
   */
  int othersQuietBelow() {
    DetectorInspector only = onlyOther;
    return only == null ? 0 : only.quietBelow();
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

  /** Replaces the {@code i}th note kept (for {@link PointNames}). */
  void setNote(int i, Note n) {
    notes.set(i, n);
    if (i < noteSetSize) {
      noteSet = null;
    }
  }

  /** The {@code i}th note kept. */
  Note noteAt(int i) {
    return notes.get(i);
  }

  /** The number of notes kept so far; a mark for {@link #dropRepeatedNotesSince}. */
  int noteCount() {
    return notes.size();
  }

  /** Drops every note added since {@code mark}. */
  void dropNotesSince(int mark) {
    if (mark < notes.size()) {
      notes.subList(mark, notes.size()).clear();
      if (mark < noteSetSize) {
        noteSet = null;
      }
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
    if (noteSet == null) {
      noteSet = new java.util.HashMap<>();
      noteSetSize = 0;
    }
    while (noteSetSize > mark) { // an outer pass's mark: take back what the inner one counted
      noteSet.merge(notes.get(--noteSetSize), -1, (a, b) -> a + b == 0 ? null : a + b);
    }
    while (noteSetSize < mark) {
      noteSet.merge(notes.get(noteSetSize++), 1, Integer::sum);
    }
    List<Note> added = new ArrayList<>(notes.subList(mark, notes.size()));
    notes.subList(mark, notes.size()).clear();
    for (Note n : added) {
      if (noteSet.putIfAbsent(n, 1) == null) {
        notes.add(n);
        noteSetSize++;
      }
    }
  }

  /**
   * The first {@link #noteSetSize} notes, counted, kept from one {@link #dropRepeatedNotesSince}
   * to the next (null when a note it counts was replaced or dropped): a set built anew on each
   * call made a report with many attack payloads inspected, once maxNotes was raised, quadratic
   * in the notes (16,000 payloads: 44 s).
   */
  private java.util.Map<Note, Integer> noteSet;
  private int noteSetSize;

  /** Points masked so far, with their decisions. */
  public List<Masked> maskedPoints() {
    return masked;
  }

  /** Original values masked so far (never exposed outside core). */
  List<String> maskedValues() {
    return maskedValues;
  }

  /**
   * Per entry of {@link #maskedValues}, the scalar members of a JSON container a scanner masked
   * whole, as {@link JsonShape#scalars(String, int)} lists them (a {@code List<String>}), or null;
   * null until one is recorded (a run that masks no container never makes it).
   */
  private Object[] memberScalars;

  private void memberScalars(int entry, List<String> members) {
    Object[] m = memberScalars;
    if (m == null || entry >= m.length) {
      m = Arrays.copyOf(m != null ? m : new Object[0], Math.max(entry + 8, entry * 2));
      memberScalars = m;
    }
    m[entry] = members;
  }

  /**
   * The scalar members of entry {@code i} of {@link #maskedValues()}, a JSON container masked
   * whole, exactly as {@link JsonShape#scalars(String, int)} lists them for its text under this
   * run's {@code residualMinLength} (the scanner read them as it found the container's end; the
   * sweep need not read the text again); null when none were recorded (then ask JsonShape).
   */
  @SuppressWarnings("unchecked")
  List<String> memberScalars(int i) {
    Object[] m = memberScalars;
    return m != null && i < m.length ? (List<String>) m[i] : null;
  }

  /**
   * Where and under which decision entry {@code i} of {@link #maskedValues()} was masked, in one
   * read (the sweep's set-up reads both for every hunted value).
   */
  Masked maskedValueEntry(int i) {
    return maskedValueEntries.get(i);
  }

  /** The decision for each entry of {@link #maskedValues()}. */
  List<Decision> maskedValueDecisions() {
    List<Decision> v = maskedValueDecisions;
    if (v == null) {
      v = new EntryView<>(false);
      maskedValueDecisions = v;
    }
    return v;
  }

  /** Where each entry of {@link #maskedValues()} was masked (null when not at a point). */
  List<Point> maskedValuePoints() {
    List<Point> v = maskedValuePoints;
    if (v == null) {
      v = new EntryView<>(true);
      maskedValuePoints = v;
    }
    return v;
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

  /**
   * The notes so far, with a last one counting those past the cap: an unmodifiable snapshot, in
   * one copy that {@link dev.masking.core.MaskedReport} keeps as it is.
   */
  public List<Note> notes() {
    int n = notes.size();
    Note[] out = notes.toArray(new Note[n + (droppedNotes == 0 ? 0 : 1)]);
    if (droppedNotes != 0) {
      out[n] = new Note(Note.Kind.INFO, null, null, null,
          droppedNotes + " more notes not kept (maxNotes " + options.maxNotes() + ")");
    }
    return MODEL.notes(out);
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
    int seen = 0;
    // No branch per character: the characters' bits are gathered and tested once at the end
    // (measured: the header values' pre-check copy was a tenth of CpuTime headers).
    for (int i = 0; i < n; i++) {
      char c = s.charAt(from + i);
      seen |= c;
      dst[i] = (byte) c;
    }
    return seen < 0x80;
  }

  /** Scratch for {@link #scratch}. */
  private byte[] valueBytes;
  /** The most bytes any {@link #scratch} call of this run asked for: its only bytes written. */
  private int scratchUsed;
  /** The longest text a builder given back with {@link #giveBackText} held. */
  private int textUsed;

  /**
   * A scratch array of at least {@code n} bytes, reused by the run: for a scanner's pre-check of a
   * value decoded into bytes ({@link #mayInspect}). The caller writes only its first {@code n}
   * bytes (the pool clears only those). Its contents are the caller's only until the
   * next call; no inspector or policy call uses it. {@link #maySelectText} and {@link
   * #mayInspectText} use it for the name or value they test.
   */
  byte[] scratch(int n) {
    if (n > scratchUsed) {
      scratchUsed = n; // the callers write only the first n bytes: release clears up to here
    }
    byte[] b = valueBytes;
    if (b == null || b.length < n) {
      b = new byte[Math.max(n, 64)];
      valueBytes = b;
    }
    return b;
  }

  /** The text builder lent by {@link #borrowText}, when not lent out; from the pool. */
  private StringBuilder text;

  /**
   * An empty builder with room for {@code capacity} characters, for one text rewrite ({@link
   * TextEdits}); given back with {@link #giveBackText} once its result is made. Reused across the
   * rewrites of this run and, through the pool, of the thread's later runs.
   */
  StringBuilder borrowText(int capacity) {
    StringBuilder b = text;
    if (b == null) {
      return new StringBuilder(capacity);
    }
    text = null;
    b.setLength(0);
    b.ensureCapacity(capacity);
    return b;
  }

  /** Takes back a builder from {@link #borrowText}; its text is no longer read. */
  void giveBackText(StringBuilder b) {
    if (b.capacity() <= POOL_MAX_BYTES) {
      if (b.length() > textUsed) {
        textUsed = b.length(); // a builder's text only grows until it is given back
      }
      text = b;
    }
  }

  // ---- arrays reused across the runs of one thread -------------------------------------------

  /**
   * The scratch arrays of the last finished run on one thread (the step stack, the lazy steps, the
   * byte scratch), lent to the next run made by {@link #pooled}: a report then allocates none of
   * them. Only arrays of a modest size are kept. Given back emptied: no reference to a step, name
   * or source, and no byte of a value, outlives the run that wrote it.
   */
  private static final class Pool {
    Step[] steps;
    String[] names;
    StepSource[] lazy;
    int[] lazyFrom;
    int[] lazyTo;
    byte[] bytes;
    StringBuilder text;
    /** The notes, masked points and masked values lists, emptied; all three or none. */
    List<Note> notes;
    List<Masked> masked;
    List<String> maskedValues;
    /** Whether a run holds the arrays now. */
    boolean lent;
    /**
     * The inspector set of the last run made here, for the next run with the same options (by
     * identity) and an equal detector rule list (a masker passes the same ones every time):
     * the actions (whose only state is the HMAC engine for the options' key), the value detectors
     * (reset on release: no span and no scratch byte of a value outlives the run) and the
     * inspectors array (immutable once made).
     */
    MaskingOptions setOptions;
    List<DetectorRule> setRules;
    Actions setActions;
    DetectorInspector setDetectors;
    ValueInspector[] setInspectors;
  }

  private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);

  /** Longest step stack kept for reuse. */
  private static final int POOL_MAX_DEPTH = 256;
  /** Largest byte scratch kept for reuse. */
  private static final int POOL_MAX_BYTES = 4096;
  /** Longest notes or masked-values list kept for reuse (its array is kept, emptied). */
  private static final int POOL_MAX_ENTRIES = 256;

  /**
   * Gives the arrays this run borrowed ({@link #pooled}) back to the thread's pool, cleared; the
   * run must not be used after. Does nothing for a run that borrowed nothing. Call once.
   */
  public void release() {
    Pool p = pool;
    if (p == null) {
      return;
    }
    pool = null;
    depth = 0;
    if (detectorInspector != null && p.setDetectors == detectorInspector) {
      detectorInspector.reset(); // lent to the thread's next run: as fresh as DetectorInspector.of's
    }
    if (steps.length <= POOL_MAX_DEPTH) {
      // Only the depths this run wrote: they run from 0 without a gap (the stack grows one step
      // at a time), each holds a step, a name or a lazy source, and past them every entry is
      // null (cleared when an earlier run gave the arrays back, or never written).
      int used = usedDepths();
      Arrays.fill(steps, 0, used, null);
      Arrays.fill(names, 0, used, null);
      p.steps = steps;
      p.names = names;
      if (lazy != null && lazy.length == steps.length) {
        Arrays.fill(lazy, 0, used, null);
        p.lazy = lazy;
        p.lazyFrom = lazyFrom;
        p.lazyTo = lazyTo;
      } else {
        p.lazy = null;
        p.lazyFrom = null;
        p.lazyTo = null;
      }
    } else {
      p.steps = null;
      p.names = null;
      p.lazy = null;
      p.lazyFrom = null;
      p.lazyTo = null;
    }
    byte[] b = valueBytes;
    if (b != null && b.length <= POOL_MAX_BYTES) {
      // Only the bytes this run wrote: the rest were cleared when an earlier run gave it back (a
      // full clear cost every report up to 4 KB once any report had grown the scratch).
      Arrays.fill(b, 0, Math.min(scratchUsed, b.length), (byte) 0);
      p.bytes = b;
    } else {
      p.bytes = null;
    }
    StringBuilder t = text;
    if (t != null) {
      // NULs over every character this run's rewrites held (the rest were cleared before). From
      // length 0: setLength fills only past the current length, and the builder comes back
      // holding the last rewrite's text.
      t.setLength(0);
      t.setLength(Math.min(textUsed, t.capacity()));
      t.setLength(0);
    }
    p.text = t;
    if (notes.size() <= POOL_MAX_ENTRIES && masked.size() <= POOL_MAX_ENTRIES
        && maskedValues.size() <= POOL_MAX_ENTRIES) {
      // Emptied: no note, point or value outlives the run (the report got its own copy of the
      // notes from notes()).
      notes.clear();
      masked.clear();
      maskedValues.clear();
      p.notes = notes;
      p.masked = masked;
      p.maskedValues = maskedValues;
    } else {
      p.notes = null;
      p.masked = null;
      p.maskedValues = null;
    }
    steps = null;
    names = null;
    lazy = null;
    valueBytes = null;
    text = null;
    p.lent = false;
  }

  /** How many depths from 0 hold a step, a name or a lazy source (see {@link #release}). */
  private int usedDepths() {
    Step[] s = steps;
    String[] n = names;
    StepSource[] l = lazy;
    if (l != null && l.length != s.length) {
      return s.length; // not read in step with the others: clear everything
    }
    int i = 0;
    while (i < s.length && (s[i] != null || n[i] != null || l != null && l[i] != null)) {
      i++;
    }
    return i;
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

  /**
   * Whether the work charged so far is past the report's budget: some part, layer or payload was
   * then masked whole without being read, and every later charge fails.
   */
  boolean workSpent() {
    return work > options.maxWorkBytes();
  }
}
