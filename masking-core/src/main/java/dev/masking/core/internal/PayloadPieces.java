package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Note;
import dev.masking.core.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks what an attack payload shows of a masked value in part. A payload is a sample of the
 * request, often cut to a window: it can begin inside a masked value (its tail), end inside one
 * (its head), or lie wholly inside one, at a point named more coarsely than the masked one
 * ({@code post}, {@code get_all}, {@code uri}). The residual sweep finds whole values only; this
 * finds, for each payload, the longest head that is a tail of a masked value, the longest tail that
 * is a head of one, and whether the payload is inside one, each at least {@code
 * residualMinLength} characters, in the value's raw, percent-encoded and JSON-escaped forms, and
 * masks those pieces. Keep actions are starred (a kept edge of a piece is no edge of the value)
 * and {@code remove} becomes {@code redact}.
 *
 * <p>Linear: each payload and form pair is matched with a Knuth-Morris-Pratt automaton, and the
 * work is charged to the report's budget (past it the payload is masked whole). Not thread-safe:
 * one per masking call.
 */
final class PayloadPieces {
  private final List<String> forms = new ArrayList<>();
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Point> points = new ArrayList<>();
  private final List<int[]> failures = new ArrayList<>();
  private final int min;
  /**
   * The hashes of every {@link #gram()}-char window of every form, as bits: a payload whose first
   * and last windows are both absent holds no piece (the common case costs two look-ups).
   */
  private final long[] grams = new long[64];

  /** The sweep's matcher, to mask echoes in the points the notes name; null: none hunted. */
  private final Echoes echoes;

  private PayloadPieces(int min, Echoes echoes) {
    this.min = min;
    this.echoes = echoes;
  }

  /** Chars the percent and JSON escapes of a value may write besides the value's own. */
  private static final String ESCAPE_CHARS = "%+\\\"/0123456789ABCDEFabcdefnrtbfu";

  /**
   * A superset of the ASCII chars any piece can hold, as 128 bits: every ASCII char of the run's
   * masked values, and the chars their escaped forms add. Building it costs one pass over the
   * values; building the forms themselves ({@link #of}) costs several, so a payload is first
   * tested against this ({@link #mayHold}).
   */
  static long[] alphabet(MaskRun run) {
    long[] bits = new long[2];
    for (String v : run.maskedValues()) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c < 128) {
          bits[c >>> 6] |= 1L << c;
        }
      }
    }
    for (int i = 0; i < ESCAPE_CHARS.length(); i++) {
      char c = ESCAPE_CHARS.charAt(i);
      bits[c >>> 6] |= 1L << c;
    }
    return bits;
  }

  /**
   * As {@link #alphabet(MaskRun)}, from the ASCII chars of the hunted values as {@link
   * Echoes#asciiAlphabet} has them (the pieces are pieces of those values; a container's own text
   * is not read, only its hunted members).
   */
  static long[] alphabet(long[] valueChars) {
    return new long[] {valueChars[0] | ESCAPE_BITS[0], valueChars[1] | ESCAPE_BITS[1]};
  }

  /** {@link #ESCAPE_CHARS} as 128 bits. */
  private static final long[] ESCAPE_BITS = new long[2];

  static {
    for (int i = 0; i < ESCAPE_CHARS.length(); i++) {
      char c = ESCAPE_CHARS.charAt(i);
      ESCAPE_BITS[c >>> 6] |= 1L << c;
    }
  }

  /**
   * Whether {@code payload} may hold a piece: every piece is at least {@code min} chars and
   * begins with the payload's first chars or ends with its last, so when neither its first nor
   * its last {@code min(4, min)} chars are all in {@code alphabet} (a char above ASCII counts as
   * in), no form of any masked value can match there.
   */
  static boolean mayHold(String payload, long[] alphabet, int min) {
    int g = Math.min(4, Math.max(1, min));
    int m = payload.length();
    if (m < Math.max(1, min)) {
      return false;
    }
    return allIn(payload, 0, g, alphabet) || allIn(payload, m - g, m, alphabet);
  }

  private static boolean allIn(String s, int from, int to, long[] alphabet) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 128 && (alphabet[c >>> 6] & 1L << c) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The pieces of the run's masked values, or null when no value is long enough; {@code echoes}
   * (the sweep's matcher, may be null) masks its echoes in the points the notes name.
   */
  static PayloadPieces of(MaskRun run, Echoes echoes) {
    List<String> values = run.maskedValues();
    if (values.isEmpty()) {
      return null;
    }
    int min = Math.max(1, run.options().residualMinLength());
    List<Decision> ds = run.maskedValueDecisions();
    List<Point> ps = run.maskedValuePoints();
    PayloadPieces pp = new PayloadPieces(min, echoes);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (!Echoes.hunted(v, min) || Echoes.isItsOwnMask(run, run.maskedValueEntry(i), v)) {
        // A value that reads as its own mask (masking a masked report again finds its masks as
        // masked values) or is stars only: any piece of it is a piece of what the output shows
        // at its place anyway. Taken, a payload "*" became "***" on a second masking (P6).
        continue;
      }
      char c0 = v.charAt(0);
      if (c0 == '{' || c0 == '[') {
        for (String inner : Residuals.jsonScalars(v, min)) {
          pp.add(inner, ds.get(i), ps.get(i), seen);
        }
      } else {
        pp.add(v, ds.get(i), ps.get(i), seen);
      }
    }
    return pp.forms.isEmpty() ? null : pp;
  }

  private void add(String v, Decision d, Point p, java.util.Set<String> seen) {
    if (!Echoes.hunted(v, min)) {
      return;
    }
    form(v, d, p, seen);
    if (!unreserved(v)) {
      form(Echoes.percent(v, true, false, false), d, p, seen);
      if (v.indexOf(' ') >= 0) {
        form(Echoes.percent(v, true, true, false), d, p, seen);
      }
      form(JsonEscapes.escape(v), d, p, seen);
    }
  }

  /** Whether every char of {@code v} is one percent-encoding keeps ({@code A-Za-z0-9-._~}). */
  private static boolean unreserved(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '.' || c == '_' || c == '~')) {
        return false;
      }
    }
    return true;
  }

  private void form(String f, Decision d, Point p, java.util.Set<String> seen) {
    if (seen.add(f)) {
      forms.add(f);
      decisions.add(d);
      points.add(p);
      failures.add(null);
      int g = gram();
      for (int i = 0; i + g <= f.length(); i++) {
        int h = hash(f, i, g);
        grams[h >>> 6] |= 1L << h;
      }
    }
  }

  /** Chars hashed into {@link #grams}: every piece holds at least this many. */
  private int gram() {
    return Math.min(4, min);
  }

  /** A hash of {@code s[i, i + g)} in {@code [0, 4096)}. */
  private static int hash(String s, int i, int g) {
    int h = 0;
    for (int j = 0; j < g; j++) {
      h = h * 31 + s.charAt(i + j);
    }
    h *= 0x9E3779B9;
    return h >>> 20;
  }

  /**
   * {@code payload} with the pieces of masked values it shows masked, or the same instance.
   *
   * @param where the payload's point, for notes (may be null)
   */
  String mask(String payload, MaskRun run, Point where) {
    int m = payload.length();
    int[] found = scan(payload, run, where);
    if (found == null) {
      return Actions.REDACT_TOKEN;
    }
    int insideForm = found[0];
    int head = found[1];
    int headForm = found[2];
    int tail = found[3];
    int tailForm = found[4];
    if (insideForm >= 0 || head + tail >= m && head > 0 && tail > 0) {
      int k = insideForm >= 0 ? insideForm : stricter(tailForm, headForm) ? tailForm : headForm;
      note(run, where, k, "attack payload is part of ");
      return run.applyAction(pieceAction(decisions.get(k)), payload);
    }
    return edges(payload, head, headForm, m - tail, tailForm, run, where);
  }

  /**
   * {@code now} (the payload {@code was} rewritten by its nested reading or the detectors) with
   * what {@code was} shows of masked values masked, or the same instance. The reading can rewrite
   * part of a masked value's text (a window cut from a JSON body, read as a form, masks its first
   * or last pair), after which neither this class nor the sweep matches what is left of it: the
   * pieces at {@code was}'s edges, and the whole values in it that run across an end of the
   * rewritten span, are found in {@code was} and masked where they stand in {@code now}, with the
   * rewritten span when they reach into it (fail closed: {@code now} is taken as {@code was} with
   * one span rewritten, from the first char that differs to the last).
   */
  String maskAsWas(String was, String now, MaskRun run, Point where) {
    if (was.equals(now)) {
      return now;
    }
    int[] found = scan(was, run, where);
    if (found == null) {
      return Actions.REDACT_TOKEN;
    }
    int lw = was.length();
    int ln = now.length();
    int insideForm = found[0];
    int head = found[1];
    int tail = found[3];
    if (insideForm >= 0 || head + tail >= lw && head > 0 && tail > 0) {
      int k = insideForm >= 0 ? insideForm
          : stricter(found[4], found[2]) ? found[4] : found[2];
      note(run, where, k, "attack payload is part of ");
      return run.applyAction(pieceAction(decisions.get(k)), now);
    }
    // now = was[0, cp) + rewritten + was[lw - cs, lw)
    int cp = 0;
    int bound = Math.min(lw, ln);
    while (cp < bound && was.charAt(cp) == now.charAt(cp)) {
      cp++;
    }
    int cs = 0;
    while (cs < bound - cp && was.charAt(lw - 1 - cs) == now.charAt(ln - 1 - cs)) {
      cs++;
    }
    // Spans of now to mask: {from, to, form}.
    List<int[]> spans = new ArrayList<>();
    if (head > 0) {
      spans.add(new int[] {0, endIn(head, lw, ln, cp, cs), found[2]});
    }
    if (tail > 0) {
      spans.add(new int[] {startIn(lw - tail, lw, ln, cp, cs), ln, found[4]});
    }
    int rwTo = lw - cs;
    for (int k = 0; k < forms.size(); k++) {
      String w = forms.get(k);
      int n = w.length();
      if (n < min || n > lw) {
        continue;
      }
      if (!run.charge((long) lw + n)) {
        run.note(new Note(Note.Kind.FALLBACK, where, null, null,
            "report work budget (maxWorkBytes) spent; attack payload masked whole"));
        return Actions.REDACT_TOKEN;
      }
      int[] wf = failureOf(k);
      // A whole value across an end of the rewritten span: its text on the other side of that
      // end stays in now (one wholly inside the span is masked there or shown whole and swept).
      // What is left over must be a piece as this class hunts one (at least min chars), and
      // more than a keep action's kept edge (the same in both).
      MaskAction a = decisions.get(k).action();
      int keptHead = a instanceof MaskAction.KeepFirst f ? f.count() : 0;
      int keptTail = a instanceof MaskAction.KeepLast l ? l.count() : 0;
      int r = 0;
      for (int i = 0; i < lw; i++) {
        r = step(w, wf, r, was.charAt(i));
        int e = i + 1;
        int st = e - n;
        if (r == n && (st < cp && e > cp && cp - st >= min && cp - st > keptHead
            || st < rwTo && e > rwTo && e - rwTo >= min && e - rwTo > keptTail)) {
          spans.add(new int[] {startIn(st, lw, ln, cp, cs), endIn(e, lw, ln, cp, cs), k});
        }
      }
    }
    if (spans.isEmpty()) {
      return now;
    }
    spans.sort((x, y) -> Integer.compare(x[0], y[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] sp : spans) {
      if (sp[1] <= sp[0]) {
        continue;
      }
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && sp[0] <= last[1]) {
        last[1] = Math.max(last[1], sp[1]);
        if (stricter(sp[2], last[2])) {
          last[2] = sp[2];
        }
      } else {
        merged.add(sp.clone());
      }
    }
    StringBuilder out = new StringBuilder(ln + 8);
    int at = 0;
    for (int[] sp : merged) {
      out.append(now, at, sp[0]);
      out.append(run.applyAction(pieceAction(decisions.get(sp[2])), now.substring(sp[0], sp[1])));
      note(run, where, sp[2], "attack payload shows, as sent, part of ");
      at = sp[1];
    }
    return out.append(now, at, ln).toString();
  }

  /** Where a span of {@code was} ending at {@code e} ends in {@code now} (see maskAsWas). */
  private static int endIn(int e, int lw, int ln, int cp, int cs) {
    return e <= cp ? e : e >= lw - cs ? e + ln - lw : ln - cs;
  }

  /** Where a span of {@code was} starting at {@code s} starts in {@code now}. */
  private static int startIn(int s, int lw, int ln, int cp, int cs) {
    return s >= lw - cs ? s + ln - lw : s <= cp ? s : cp;
  }

  /** {@code payload} with {@code [0, headEnd)} and {@code [tailFrom, m)} masked (when not empty). */
  private String edges(String payload, int headEnd, int headForm, int tailFrom, int tailForm,
      MaskRun run, Point where) {
    int m = payload.length();
    if (headEnd == 0 && tailFrom == m) {
      return payload;
    }
    StringBuilder out = new StringBuilder(m + 8);
    if (headEnd > 0) {
      out.append(run.applyAction(pieceAction(decisions.get(headForm)),
          payload.substring(0, headEnd)));
      note(run, where, headForm, "attack payload begins with the end of ");
    }
    out.append(payload, headEnd, tailFrom);
    if (tailFrom < m) {
      out.append(run.applyAction(pieceAction(decisions.get(tailForm)),
          payload.substring(tailFrom)));
      note(run, where, tailForm, "attack payload ends with the start of ");
    }
    return out.toString();
  }

  /**
   * The pieces {@code payload} shows: {insideForm, head, headForm, tail, tailForm} (forms -1 and
   * lengths 0 when none), or null when the report's work budget is spent (noted).
   */
  private int[] scan(String payload, MaskRun run, Point where) {
    int m = payload.length();
    int[] none = {-1, 0, -1, 0, -1};
    if (m < min) {
      return none;
    }
    int g = gram();
    int h0 = hash(payload, 0, g);
    int h1 = hash(payload, m - g, g);
    if ((grams[h0 >>> 6] & 1L << h0) == 0 && (grams[h1 >>> 6] & 1L << h1) == 0) {
      return none;
    }
    // Every piece begins with the payload's first or ends with its last min chars: a form that
    // holds neither is passed over without building the payload's automaton.
    String first = payload.substring(0, min);
    String last = payload.substring(m - min);
    int[] pf = null;
    int head = 0; // longest head of the payload that is a tail of a form
    int tail = 0; // longest tail of the payload that is a head of a form
    int headForm = -1;
    int tailForm = -1;
    int insideForm = -1;
    for (int k = 0; k < forms.size(); k++) {
      String w = forms.get(k);
      if (!run.charge((long) m + w.length())) {
        run.note(new Note(Note.Kind.FALLBACK, where, null, null,
            "report work budget (maxWorkBytes) spent; attack payload masked whole"));
        return null;
      }
      if (w.length() < min || !w.contains(first) && !w.contains(last)) {
        continue;
      }
      if (pf == null) {
        pf = failure(payload);
      }
      // The payload's automaton over the form: a full match is the payload inside the form; the
      // state at the end is the longest head of the payload that is a tail of the form.
      int q = 0;
      for (int i = 0; i < w.length(); i++) {
        char c = w.charAt(i);
        while (q > 0 && payload.charAt(q) != c) {
          q = pf[q - 1];
        }
        if (payload.charAt(q) == c) {
          q++;
        }
        if (q == m) {
          if (insideForm < 0 || stricter(k, insideForm)) {
            insideForm = k;
          }
          q = pf[q - 1];
        }
      }
      if (q >= min && (q > head || q == head && stricter(k, headForm))) {
        head = q;
        headForm = k;
      }
      // The form's automaton over the payload: the state at the end is the longest tail of the
      // payload that is a head of the form.
      {
        int[] wf = failureOf(k);
        int n = w.length();
        int r = 0;
        for (int i = 0; i < m; i++) {
          r = step(w, wf, r, payload.charAt(i));
        }
        if (r == n) {
          r = 0; // the whole value is in the payload: the sweep's case, not a piece
        }
        if (r >= min && (r > tail || r == tail && stricter(k, tailForm))) {
          tail = r;
          tailForm = k;
        }
      }
    }
    return new int[] {insideForm, head, headForm, tail, tailForm};
  }

  /** The failure table of form {@code k}, made on first use. */
  private int[] failureOf(int k) {
    int[] wf = failures.get(k);
    if (wf == null) {
      wf = failure(forms.get(k));
      failures.set(k, wf);
    }
    return wf;
  }

  /**
   * One step of the automaton of {@code w} (failure table {@code wf}): from {@code r}, the length
   * of the longest head of {@code w} ending at the previous char, to that length after {@code c}
   * ({@code w.length()} when the whole of {@code w} ends at {@code c}).
   */
  private static int step(String w, int[] wf, int r, char c) {
    int n = w.length();
    while (r > 0 && (r == n || w.charAt(r) != c)) {
      r = wf[r - 1];
    }
    return r < n && w.charAt(r) == c ? r + 1 : r;
  }

  private boolean stricter(int a, int b) {
    return b < 0 || DetectorInspector.stricter(decisions.get(a), decisions.get(b));
  }

  private void note(MaskRun run, Point where, int k, String what) {
    Decision d = decisions.get(k);
    Point at = points.get(k);
    run.note(new Note(Note.Kind.RESIDUAL, where, d.ruleId(), pieceAction(d).describe(),
        what + (at == null ? "a masked value"
            : "the value masked at " + PointNames.shown(at, echoes, run))));
  }

  /** Keep actions starred (a piece's kept edge is no edge of the value); remove as redact. */
  private static MaskAction pieceAction(Decision d) {
    MaskAction a = d.action();
    if (a instanceof MaskAction.KeepFirst || a instanceof MaskAction.KeepLast) {
      return new MaskAction.Stars();
    }
    return a instanceof MaskAction.Remove ? MaskAction.redact() : a;
  }

  /** The Knuth-Morris-Pratt failure function of {@code s}. */
  private static int[] failure(String s) {
    int[] f = new int[s.length()];
    int q = 0;
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      while (q > 0 && s.charAt(q) != c) {
        q = f[q - 1];
      }
      if (s.charAt(q) == c) {
        q++;
      }
      f[i] = q;
    }
    return f;
  }
}
