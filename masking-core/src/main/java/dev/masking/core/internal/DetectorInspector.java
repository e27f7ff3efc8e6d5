package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The value inspector that runs the policy's value detectors ({@link
 * dev.masking.core.MaskPolicy#detectors()}) over a value and masks each span found with that
 * detector's decision, keeping the rest of the value. Every span masked is recorded through the
 * {@link MaskRun} (a note naming the rule and detector, and the original for the residual sweep).
 *
 * <p>One instance per {@link MaskRun} (it keeps a scratch span list); not thread-safe.
 */
final class DetectorInspector implements ValueInspector {
  /** The note text for each detector's finds, made once. */
  private static final String[] FOUND_BY = new String[Detector.values().length];

  static {
    for (Detector d : Detector.values()) {
      FOUND_BY[d.ordinal()] = "found by value detector '" + d.id() + "'";
    }
  }

  private final Detection detection;
  /** By detector ordinal; shared between the runs of one rule list, never written after. */
  private final Decision[] decisions;
  /** Made on the first value the detectors search: most runs have none past the pre-check. */
  private Detection.Spans spans;
  /** An immutable copy of the rule list this inspector was made for. */
  private final List<DetectorRule> rules;
  private final byte[][] scratch = new byte[1][];
  /** {@link Detection#minLength()} of {@link #detection}, read once. */
  private final int minLength;

  private DetectorInspector(List<DetectorRule> rules) {
    this.rules = List.copyOf(rules); // the same instance when the policy's list is immutable
    this.decisions = new Decision[Detector.values().length];
    List<Detector> active = new ArrayList<>();
    for (DetectorRule r : rules) {
      int k = r.detector().ordinal();
      if (decisions[k] == null) {
        decisions[k] = r.decision();
        active.add(r.detector());
      }
    }
    this.detection = Detection.of(active);
    this.minLength = detection.minLength();
  }

  /** A fresh inspector (own scratch) sharing {@code template}'s immutable tables. */
  private DetectorInspector(DetectorInspector template) {
    this.rules = template.rules;
    this.decisions = template.decisions;
    this.detection = template.detection;
    this.minLength = template.minLength;
  }

  /**
   * The inspector made for the last rule list seen; a policy returns the same list on every call
   * (see {@link dev.masking.core.MaskPolicy#detectors()}), so its tables are built once. Reused
   * only for an equal list (identity first: an immutable list is its own copy). Only its
   * immutable tables are used: no run uses its scratch, so it holds no request bytes.
   */
  private static volatile DetectorInspector lastTemplate;

  /** An inspector for {@code rules}, or null when there are none. */
  static DetectorInspector of(List<DetectorRule> rules) {
    if (rules == null || rules.isEmpty()) {
      return null;
    }
    DetectorInspector t = lastTemplate;
    if (t == null || !t.rules.equals(rules)) {
      t = new DetectorInspector(rules);
      lastTemplate = t; // a race keeps one of two equal templates: harmless
    }
    // Never the template itself: its scratch would hold the bytes of the last value this run
    // pre-checked (a card number in an escaped JSON string) for as long as the template is kept.
    return new DetectorInspector(t);
  }

  /**
   * Drops this inspector's per-run state (the span list and the scratch that holds the bytes of
   * the last value pre-checked), so that it is as {@link #of} makes it: for the thread's pooled
   * run ({@link MaskRun#release}), which lends it to the thread's next run. A hook for api10.
   */
  void reset() {
    spans = null;
    scratch[0] = null;
  }

  /**
   * Whether {@link #mayInspect} certainly answers false for the ASCII text of {@code n} bytes
   * whose table counts {@link Detection#copyQuick} gathered ({@code gathered}, not -1): too short
   * for any active detector, or at most {@link Detection#quickMax()} bytes that {@link
   * Detection#quickLacks(long)} rules out.
   */
  boolean quietText(int n, long gathered) {
    return n < minLength || n <= Detection.quickMax() && detection.quickLacks(gathered);
  }

  /** {@link Detection#minLength()} of this inspector's engine. */
  int minLength() {
    return minLength;
  }

  /** {@link Detection#quietBelow()} of this inspector's engine. */
  int quietBelow() {
    return detection.quietBelow();
  }

  @Override
  public String inspect(String value, MaskRun run) {
    return mask(value, run, null, null);
  }

  @Override
  public boolean mayInspect(byte[] b, int from, int to) {
    // The length test first, here: this method is inlined into the scanners' loops and most
    // values are too short (measured: 1376 of the 3777 values of json-100k), which then skip
    // the call into the engine.
    return to - from >= minLength && detection.mayFind(b, from, to);
  }

  @Override
  public boolean mayInspectJson(byte[] b, int from, int to) {
    if (to - from < minLength) {
      return false; // the decoded text has no more characters than its encoding has bytes
    }
    // Measured (CpuTime detectors:json-api:detectors+sweep): escaped strings were decoded and
    // inspected for the default answer (true) alone.
    return detection.mayFindJson(b, from, to, scratch);
  }

  /**
   * {@link #mayInspectJson} for JSON string content whose escapes are all two-character ones (the
   * caller knows: no backslash-u, none malformed): the same answer, through {@link
   * Detection#mayFindJsonSimpleEscapes}.
   */
  boolean mayInspectJsonSimpleEscapes(byte[] b, int from, int to) {
    return to - from >= minLength && detection.mayFindJsonSimpleEscapes(b, from, to, scratch);
  }

  /**
   * Masks what the detectors find in {@code value}.
   *
   * @param where the point named in notes; with a null {@code context}, null means the run's
   *     current point
   * @param context what the value is when it is not a request value ({@code "attack payload"},
   *     {@code "carried-through member"}), for the note; null for a request value
   * @return the value with spans masked, or null when nothing was found
   */
  String mask(String value, MaskRun run, Point where, String context) {
    if (value.length() < minLength) {
      return null; // too short for any active detector: most values stop here
    }
    if (run.detectorsFindNothingIn(value)) {
      // An attack payload that repeats a request value the pre-check already ruled out (its
      // usual sample): the same text, so nothing to find (see MaskRun#detectorsFindNothingIn).
      return null;
    }
    if (!detection.mayFind(value, scratch)) {
      // No shape can start anywhere in it (measured on the json-api report: most values that
      // reach here came through another inspector's pre-check, or are payloads, and hold none).
      return null;
    }
    return maskSpans(value, run, where, context);
  }

  /**
   * {@link #inspect} of a value whose bytes {@link #mayInspect} (or {@link #mayInspectJson}, for
   * JSON string content) has already answered true for: its String pre-check ({@link
   * Detection#mayFind(String, byte[][])}) is not run a second time. Skipping a pre-check never
   * changes an answer (it only rules out values {@link Detection#find} finds nothing in).
   */
  String inspectPrechecked(String value, MaskRun run) {
    if (value.length() < minLength) {
      return null;
    }
    return maskSpans(value, run, null, null);
  }

  /**
   * Whether the URL password detector, when active, finds a password in {@code value} (read as it
   * stands; nothing is masked or recorded).
   */
  boolean findsUrlPassword(String value) {
    if (decisions[Detector.URL_PASSWORD.ordinal()] == null || value.length() < minLength
        || !detection.mayFind(value, scratch)) {
      return false;
    }
    if (spans == null) {
      spans = new Detection.Spans();
    } else {
      spans.clear();
    }
    detection.find(value, spans);
    for (int k = 0; k < spans.size(); k++) {
      if (spans.detector(k) == Detector.URL_PASSWORD) {
        return true;
      }
    }
    return false;
  }

  /** {@link #mask} past its pre-checks. */
  private String maskSpans(String value, MaskRun run, Point where, String context) {
    if (spans == null) {
      spans = new Detection.Spans();
    } else {
      spans.clear();
    }
    detection.find(value, spans);
    int n = spans.size();
    if (n == 0) {
      return null;
    }
    sortByStart();
    StringBuilder out = null;
    int copied = 0;
    int k = 0;
    while (k < n) {
      int s = spans.start(k);
      int e = spans.end(k);
      Detector det = spans.detector(k);
      Decision d = decisions[det.ordinal()];
      k++;
      while (k < n && spans.start(k) < e) { // overlapping spans are masked as one
        e = Math.max(e, spans.end(k));
        Decision other = decisions[spans.detector(k).ordinal()];
        if (stricter(other, d)) {
          d = other;
          det = spans.detector(k);
        }
        k++;
      }
      String original = value.substring(s, e);
      if (alreadyMasked(original)) {
        continue; // a mask from an earlier run: masking is idempotent
      }
      String reason = context == null ? FOUND_BY[det.ordinal()]
          : context + ": " + FOUND_BY[det.ordinal()];
      if (context == null && where == null) {
        where = run.point();
      }
      String masked = run.maskFound(d, original, where, reason);
      if (out == null) {
        out = new StringBuilder(value.length());
      }
      out.append(value, copied, s).append(masked);
      copied = e;
    }
    if (out == null) {
      return null;
    }
    out.append(value, copied, value.length());
    return out.toString();
  }

  private void sortByStart() {
    // Spans arrive nearly sorted (only an e-mail found after a URL password can start earlier).
    for (int i = 1; i < spans.size; i++) {
      int s = spans.start[i];
      int e = spans.end[i];
      Detector d = spans.detector[i];
      int j = i - 1;
      while (j >= 0 && spans.start[j] > s) {
        spans.start[j + 1] = spans.start[j];
        spans.end[j + 1] = spans.end[j];
        spans.detector[j + 1] = spans.detector[j];
        j--;
      }
      spans.start[j + 1] = s;
      spans.end[j + 1] = e;
      spans.detector[j + 1] = d;
    }
  }

  private static boolean alreadyMasked(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '*') {
        return false;
      }
    }
    return true;
  }

  static boolean stricter(Decision a, Decision b) {
    int c = Integer.compare(strictness(a.action()), strictness(b.action()));
    return c > 0 || c == 0 && a.ruleId().compareTo(b.ruleId()) < 0;
  }

  private static int strictness(MaskAction a) {
    return a.strictness();
  }
}
