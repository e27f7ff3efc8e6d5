package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.Step;

/**
 * Masks the path part of a URI (no query), segment by segment, copying every character no rule
 * selects unchanged.
 *
 * <pre>{@code
 * String masked = PathScanner.mask("/api/v1/user.php", run); // same instance when unchanged
 * }</pre>
 *
 * <p>Fields, following Wallarm's URL splitting: {@code /api/v1/user.php} gives {@code path 0}
 * ({@code api}), {@code path 1} ({@code v1}), {@code action_name} ({@code user}, the last segment
 * before its first dot) and {@code action_ext} ({@code php}, after that dot; not asked when there
 * is no dot). Empty segments ({@code //}) are not counted, as servers that merge slashes read
 * them; the text after the last {@code /} is always the last segment, so a trailing slash gives an
 * empty {@code action_name}. Values are percent-decoded ({@code +} stays a plus) before the action
 * sees them; masks are written percent-encoded. A path segment cannot be dropped, so {@code
 * remove} writes the redact token.
 *
 * <p>Matrix parameters. A segment such as {@code app;jsessionid=ABC} carries {@code ;name=value}
 * parameters. When the segment itself is not selected, each parameter with an {@code =} is asked
 * as {@code path N > hash name} (N being the segment's position among the non-empty segments,
 * also for the last segment, whose {@code action_name} and {@code action_ext} are taken from the
 * text before its first {@code ;}); if selected, its value is masked up to the next {@code ;}. We
 * chose {@code hash} under {@code path N} rather than {@code get name} because the parameter
 * belongs to the segment, not to the query, and a rule for query parameter {@code jsessionid}
 * should not silently match the path. A selected segment is masked whole, parameters included.
 *
 * <p>Past {@code maxFields} segments, the remaining ones are masked whole with a fallback note. A
 * path holding an {@code @} also goes whole through the value detectors, at point {@code uri}
 * (an absolute-form target's {@code user:password@}).
 *
 * <p>Stateless and thread-safe; each call uses only its own {@link MaskRun}. Never throws on any
 * input content.
 */
public final class PathScanner {
  private PathScanner() {}

  private static final Step ACTION_NAME = Step.of("action_name");
  private static final Step ACTION_EXT = Step.of("action_ext");
  /** {@code path N} for the first segments (steps are immutable: shared by every scan). */
  private static final Step[] PATH_STEPS = new Step[16];

  static {
    for (int i = 0; i < PATH_STEPS.length; i++) {
      PATH_STEPS[i] = Step.indexed("path", i);
    }
  }

  private static Step pathStep(int index) {
    return index < PATH_STEPS.length ? PATH_STEPS[index] : Step.indexed("path", index);
  }

  /**
   * Masks the path part of a URI.
   *
   * @param path the path as sent (percent-encoded), without the query
   * @return the masked path, or {@code path} itself when nothing changed
   */
  public static String mask(String path, MaskRun run) {
    if (path == null || run == null) {
      return path;
    }
    String r = mask(path, path.length(), run);
    return r == null ? path : r;
  }

  /**
   * Masks the path {@code uri[0, end)} (the text before the query), read in place.
   *
   * @return the masked path, or {@code null} when nothing changed
   */
  public static String mask(String uri, int end, MaskRun run) {
    String first = userinfoFirst(uri, end, run);
    if (first != null) {
      String r = segments(first, first.length(), run);
      return r == null ? first : r;
    }
    return userinfo(uri, end, segments(uri, end, run), run);
  }

  /**
   * The path {@code uri[0, end)} with what the value detectors find in it read whole masked first,
   * when it holds an {@code @}, they find a URL password in it as sent and their masks leave its
   * segments as they were (the same slashes); else null. Read after the segments, a detector that masked part of a
   * segment could take the {@code @} a URL password needs with it: {@code
   * /go/http://u:Secr3t%C3%A9Pass99@h/x} had {@code Pass99@h} masked as an e-mail and kept {@code
   * Secr3t%C3%A9}, the password's start (review-s20).
   */
  private static String userinfoFirst(String uri, int end, MaskRun run) {
    DetectorInspector detectors = run.detectorInspector();
    int at = detectors == null ? -1 : uri.indexOf('@');
    if (at < 0 || at >= end) {
      return null;
    }
    String path = uri.substring(0, end);
    if (!detectors.findsUrlPassword(path)) {
      // Only for a URL password in the path as sent: an e-mail found first in the text as sent
      // would take the '@' that a password read in a decoded segment needs
      // (/a/https:%2F%2Fu:Secr3t~Pass99@h.example%2Fx, found so as before).
      return null;
    }
    int base = run.depth();
    run.push(URI, null);
    String r = detectors.mask(path, run, null, null);
    run.popTo(base);
    if (r == null || !sameSlashes(path, r)) {
      return null;
    }
    return r;
  }

  /** Whether {@code a} and {@code b} hold the same number of slashes. */
  private static boolean sameSlashes(String a, String b) {
    int n = 0;
    for (int i = 0; i < a.length(); i++) {
      n += a.charAt(i) == '/' ? 1 : 0;
    }
    for (int i = 0; i < b.length(); i++) {
      n -= b.charAt(i) == '/' ? 1 : 0;
    }
    return n == 0;
  }

  /**
   * The segments of the path {@code uri[0, end)} masked, read in place; null when nothing
   * changed.
   */
  private static String segments(String uri, int end, MaskRun run) {
    String path = uri;
    TextEdits ed = new TextEdits(path, run);
    int base = run.depth();
    int limit = run.options().maxFields();
    int lastSlash = end == 0 ? -1 : path.lastIndexOf('/', end - 1);
    int index = 0;
    int resolved = 0; // the segment's index once dot segments are resolved, as servers do
    int trail = end; // where the trailing slashes start
    while (trail > 0 && path.charAt(trail - 1) == '/') {
      trail--;
    }
    int p = 0;
    while (p <= lastSlash) {
      int slash = path.indexOf('/', p);
      if (slash > p) {
        int dots = dots(path, p, slash);
        if (index < limit) {
          segment(path, p, slash, index, dots == 0 ? resolved : -1, slash == trail, run, ed);
        } else {
          overLimit(path, p, slash, index == limit, run, ed);
        }
        resolved = dots == 0 ? resolved + 1 : dots == 2 ? Math.max(0, resolved - 1) : resolved;
        index++;
      }
      p = slash + 1;
    }
    int start = lastSlash + 1;
    if (index < limit) {
      last(path, start, end, index, run, ed);
    } else {
      overLimit(path, start, end, index == limit, run, ed);
    }
    run.popTo(base);
    return ed.resultBefore(end);
  }

  private static final Step URI = Step.of("uri");

  /**
   * An absolute-form target ({@code http://user:password@host/...}) carries credentials across
   * what the segments split ({@code http:}, {@code user:password@host}), so the value detectors
   * (the URL password among them) also read the path whole when it holds an {@code @}. Returns
   * {@code masked} (null: unchanged) or the detectors' rewrite of it.
   */
  private static String userinfo(String uri, int end, String masked, MaskRun run) {
    DetectorInspector detectors = run.detectorInspector();
    // String.indexOf (a vector search) over the whole URI: the first '@' lies before end exactly
    // when the path holds one (measured, see the commit: the character loop to end was most of
    // what the detectors added to the json-api report's URI).
    int at = detectors == null ? -1 : uri.indexOf('@');
    if (at < 0 || at >= end) {
      return masked;
    }
    int base = run.depth();
    run.push(URI, null);
    String r = detectors.mask(masked != null ? masked : uri.substring(0, end), run, null, null);
    run.popTo(base);
    return r == null ? masked : r;
  }

  /**
   * Segment {@code path[s, e)}, {@code path N} with N = {@code index}. Servers resolve dot
   * segments ({@code /./KEY/} is {@code /KEY/}) and ignore a trailing slash ({@code
   * /token/KEY/} routes as {@code /token/KEY}), so when it is not selected the segment is also
   * asked as {@code path resolved} and, when only slashes follow it ({@code trailing}), as
   * {@code action_name} and {@code action_ext}; a segment selected under any reading is masked
   * whole. A dot segment ({@code resolved} -1) holds no value: only its parameters are asked.
   */
  private static void segment(String path, int s, int e, int index, int resolved,
      boolean trailing, MaskRun run, TextEdits ed) {
    int base = run.depth();
    run.push(pathStep(index), null);
    if (resolved < 0) {
      matrix(path, s, e, run, ed); // . or ..: no value, but ..;jsessionid=x has parameters
      run.popTo(base);
      return;
    }
    Decision d = run.decide();
    if (d == null && (resolved != index || trailing)) {
      run.popTo(base);
      if (resolved != index) {
        run.push(pathStep(resolved), null);
        d = run.decide();
      }
      if (d == null && trailing) {
        run.popTo(base);
        run.push(ACTION_NAME, null);
        d = run.decide();
        int semi = indexOf(path, ';', s, e);
        if (d == null && indexOf(path, '.', s, semi) < semi) {
          run.popTo(base);
          run.push(ACTION_EXT, null);
          d = run.decide();
        }
      }
      if (d == null) {
        run.popTo(base);
        run.push(pathStep(index), null); // inspected at its own point
      }
    }
    if (d != null) {
      maskRange(d, path, s, e, run, ed);
    } else {
      inspectRange(path, s, indexOf(path, ';', s, e), run, ed);
      matrix(path, s, e, run, ed);
    }
    run.popTo(base);
  }

  private static void last(String path, int s, int e, int index, MaskRun run, TextEdits ed) {
    int base = run.depth();
    int semi = indexOf(path, ';', s, e);
    int dot = indexOf(path, '.', s, semi);
    run.push(ACTION_NAME, null);
    Decision d = run.decide();
    boolean nameMasked = d != null;
    if (d != null) {
      maskRange(d, path, s, dot, run, ed);
    }
    run.popTo(base);
    boolean extMasked = false;
    if (dot < semi) {
      run.push(ACTION_EXT, null);
      d = run.decide();
      if (d != null) {
        extMasked = true;
        maskRange(d, path, dot + 1, semi, run, ed);
      }
      run.popTo(base);
    }
    if (!nameMasked && !extMasked && run.inspectsValues()) {
      run.push(pathStep(index), null);
      inspectRange(path, s, semi, run, ed);
      run.popTo(base);
    }
    if (semi < e) {
      run.push(pathStep(index), null);
      matrix(path, s, e, run, ed);
      run.popTo(base);
    }
  }

  /** Asks each {@code ;name=value} of {@code path[s, e)} as {@code hash name}. */
  private static void matrix(String path, int s, int e, MaskRun run, TextEdits ed) {
    int base = run.depth();
    int q = indexOf(path, ';', s, e);
    while (q < e) {
      int ps = q + 1;
      int pe = indexOf(path, ';', ps, e);
      int eq = indexOf(path, '=', ps, pe);
      if (eq < pe) {
        String name = Percent.decode(path, ps, eq, false);
        run.push(Step.named("hash", name), name);
        Decision d = run.decide();
        if (d != null) {
          maskRange(d, path, eq + 1, pe, run, ed);
        } else {
          inspectRange(path, eq + 1, pe, run, ed);
        }
        run.popTo(base);
      }
      q = pe;
    }
  }

  private static void maskRange(Decision d, String path, int s, int e, MaskRun run, TextEdits ed) {
    if (s >= e) {
      return; // nothing to hide
    }
    String original = Percent.decode(path, s, e, false);
    ed.replace(s, e, Percent.encodeToString(run.mask(d, original)));
  }

  /**
   * Passes the unselected text {@code path[s, e)} through the run's inspectors at the current
   * point, writing back what they rewrite, percent-encoded.
   */
  private static void inspectRange(String path, int s, int e, MaskRun run, TextEdits ed) {
    if (s >= e || !run.inspectsValues()) {
      return;
    }
    // No escape: the text is its own decoding, and the pre-checks on it are exact.
    long which = indexOf(path, '%', s, e) == e ? run.textInspectors(path, s, e)
        : MaskRun.ALL_INSPECTORS;
    if (which == 0) {
      return; // no inspector could change it
    }
    String replaced = run.inspect(Percent.decode(path, s, e, false), which);
    if (replaced != null) {
      // Written in the segment's own percent-encoding style (hex case, raw characters).
      byte[] seg = path.substring(s, e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ed.replace(s, e, new String(PercentStyle.rewrite(seg, 0, seg.length, false, replaced),
          java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static void overLimit(
      String path, int s, int e, boolean first, MaskRun run, TextEdits ed) {
    run.push(Step.of("path"));
    if (first) {
      run.maskedWhole("more path segments than maxFields; the remaining segments are masked whole");
    }
    if (s < e) {
      // Recorded, so that the residual sweep hunts their echoes elsewhere (fail closed): the
      // segment and the value of each of its ;name=value matrix parameters.
      run.huntPastLimit(MaskRun.LIMIT, Percent.decode(path, s, e, false));
      for (int p = indexOf(path, ';', s, e); p < e; ) {
        int next = indexOf(path, ';', p + 1, e);
        int eq = indexOf(path, '=', p + 1, next);
        if (eq + 1 < next) {
          run.huntPastLimit(MaskRun.LIMIT, Percent.decode(path, eq + 1, next, false));
        }
        p = next;
      }
      ed.replace(s, e, Actions.REDACT_TOKEN);
    }
    run.pop();
  }


  /**
   * 1 when segment {@code path[s, e)} (its text before any {@code ;}, percent-decoded) is {@code
   * .}, 2 when it is {@code ..}, else 0.
   */
  private static int dots(String path, int s, int e) {
    char c = path.charAt(s);
    if (c != '.' && c != '%') {
      return 0; // the usual segment: one test
    }
    int semi = indexOf(path, ';', s, e);
    String t = semi - s > 6 ? "" : Percent.decode(path, s, semi, false);
    return ".".equals(t) ? 1 : "..".equals(t) ? 2 : 0;
  }

  /** First index of {@code c} in {@code s[from, to)}, or {@code to}; never looks past {@code to}. */
  static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return to;
  }
}
