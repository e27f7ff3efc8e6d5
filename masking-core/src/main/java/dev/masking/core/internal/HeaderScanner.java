package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.Step;

/**
 * Masks request header values and the cookies inside {@code Cookie} headers, keeping every other
 * header, its name, order and duplicates unchanged.
 *
 * <pre>{@code
 * Headers masked = HeaderScanner.mask(request.headers(), run); // same instance when unchanged
 * }</pre>
 *
 * <p>Headers. Each header line is the field {@code header NAME} (the name as sent; points compare
 * header names ASCII-case-insensitively). A selected {@code Authorization} or {@code
 * Proxy-Authorization} value keeps its scheme and one space ({@code Bearer ***}); a value with no
 * credential after a token-shaped scheme is masked whole. Any other selected value is masked whole.
 * {@link MaskAction.Remove} drops the header line.
 *
 * <p>Cookies. A {@code Cookie} header that is not selected as a whole is split on {@code ;}; each
 * cookie is {@code header Cookie > cookie NAME} (the name as sent, spaces trimmed). A selected
 * cookie's value is masked, keeping surrounding double quotes; a name with brackets is also asked
 * under the readings of {@link BracketReadings} (PHP parses {@code user[password]} cookies); {@code remove} drops the cookie
 * with its {@code ; } separator, and the header when no cookie is left. Fail closed: some servers
 * also split on {@code ,}, so in a cookie that is not selected each {@code ,name=value} is asked
 * too and, if selected, its value is masked up to the next {@code ,} or {@code ;}.
 *
 * <p>Values reach the action as sent (no decoding); masks are written raw, except that CR and LF
 * are never written (each becomes a space). Past {@code maxHeaders} headers, or {@code maxFields}
 * cookies in one header, the remaining values are masked whole with a fallback note.
 *
 * <p>Stateless and thread-safe; each call uses only its own {@link MaskRun}. Never throws on any
 * header content.
 */
public final class HeaderScanner {
  /** Longest authentication scheme kept in clear; a longer first token may be the credential. */
  static final int MAX_SCHEME_LENGTH = 32;


  private HeaderScanner() {}

  /**
   * Masks header values.
   *
   * @return the masked headers, or {@code headers} itself when nothing changed
   */
  public static Headers mask(Headers headers, MaskRun run) {
    if (headers == null || run == null || headers.size() == 0) {
      return headers;
    }
    int base = run.depth();
    int limit = run.options().maxHeaders();
    Header[] out = null; // handed to the model without a copy (ModelAccess.headers)
    int kept = 0;
    // The step of a header no rule can select is built only if something asks for it.
    MaskRun.StepSource lazy = (from, to) -> Step.named("header", headers.get(from).name());
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      Header masked;
      if (i < limit) {
        masked = header(h, i, lazy, run);
      } else {
        if (i == limit) {
          run.push(Step.of("header"));
          run.maskedWhole("more headers than maxHeaders; the remaining values are masked whole");
          run.pop();
        }
        if (h.value().isEmpty()) {
          masked = h;
        } else {
          recordPastLimit(h, run);
          masked = new Header(h.name(), Actions.REDACT_TOKEN);
        }
      }
      run.popTo(base);
      if (masked != h && out == null) {
        out = new Header[headers.size()];
        for (int k = 0; k < i; k++) {
          out[k] = headers.get(k);
        }
        kept = i;
      }
      if (out != null && masked != null) {
        out[kept++] = masked;
      }
    }
    return out == null ? headers : ModelAccess.get().headers(out, kept);
  }

  /**
   * Records the value of a header redacted past {@code maxHeaders}, unasked, so that the residual
   * sweep hunts its echoes elsewhere in the report (fail closed): the whole value, what follows its
   * first word (an {@code Authorization} credential), and, for {@code Cookie}, each {@code
   * name=value} piece's value split at {@code ;} and {@code ,}.
   */
  private static void recordPastLimit(Header h, MaskRun run) {
    String v = h.value();
    run.push(Step.named("header", h.name()), h.name());
    run.huntPastLimit(MaskRun.LIMIT, v);
    int n = v.length();
    int b = wordEnd(v, spacesEnd(v, 0));
    int c = spacesEnd(v, b);
    int e = trimmedEnd(v, c, n);
    if (c > b && c < e) {
      run.huntPastLimit(MaskRun.LIMIT, v.substring(c, e));
      OtherReadings.credential(v.substring(spacesEnd(v, 0), b), v.substring(c, e), MaskRun.LIMIT,
          run);
    }
    // Cookies only: a Content-Type's boundary hunted across the body would mask its framing.
    int p = h.is("Cookie") ? 0 : n;
    while (p < n) {
      int end = p;
      while (end < n && v.charAt(end) != ';' && v.charAt(end) != ',') {
        end++;
      }
      int eq = PathScanner.indexOf(v, '=', p, end);
      if (eq < end) {
        String value = unquoted(trimmed(v, eq + 1, end));
        if (!value.isEmpty()) {
          run.huntPastLimit(MaskRun.LIMIT, value);
        }
      }
      p = end + 1;
    }
  }

  /**
   * The masked header {@code i}, {@code h} itself when unchanged, or {@code null} to drop it.
   * {@code lazy} builds the step of header {@code i} from {@code (i, i)}.
   */
  private static Header header(Header h, int i, MaskRun.StepSource lazy, MaskRun run) {
    String value = h.value();
    String name = h.name();
    Decision d = null;
    if (run.maySelectText("header", name, 0, name.length())) {
      run.push(Step.named("header", name), name);
      d = run.decide();
    } else {
      run.pushLazy(lazy, i, i); // no rule can select it: the policy is not asked
    }
    if (d != null) {
      if (d.action() instanceof MaskAction.Remove) {
        run.removed(d, value);
        return null;
      }
      if (value.isEmpty()) {
        return h;
      }
      String masked =
          h.is("Authorization") || h.is("Proxy-Authorization")
              ? credentials(value, d, run)
              : clean(run.mask(d, value));
      return masked.equals(value) ? h : new Header(h.name(), masked);
    }
    if (h.is("Cookie")) {
      String v = new Cookies(value, run).scan();
      if (v == null) {
        return null;
      }
      return v == value ? h : new Header(h.name(), v);
    }
    if (!value.isEmpty() && run.inspectsValues()) {
      // The inspectors' pre-checks on the value's bytes first (one copy into the run's scratch):
      // most header values hold nothing any of them could change, and skip their String passes.
      long which = run.textInspectors(value, 0, value.length());
      String replaced = which == 0 ? null : run.inspect(value, which);
      if (replaced != null) {
        return new Header(h.name(), clean(replaced));
      }
    }
    return h;
  }

  /** {@code Bearer abc} as {@code Bearer <mask of abc>}; the whole value when there is no scheme. */
  private static String credentials(String value, Decision d, MaskRun run) {
    int a = spacesEnd(value, 0);
    int b = wordEnd(value, a);
    int c = spacesEnd(value, b);
    int e = trimmedEnd(value, c, value.length());
    if (c >= e || b - a > MAX_SCHEME_LENGTH || !isScheme(value, a, b)
        || run.inspectsValues() && run.mayInspectText(value, a, b)
            && run.inspect(value.substring(a, b)) != null) {
      return clean(run.mask(d, value));
    }
    String masked = clean(run.mask(d, value.substring(c, e)));
    OtherReadings.credential(value.substring(a, b), value.substring(c, e), d, run);
    // The scheme, one space and the mask in the run's builder: no copy of the scheme on its own.
    StringBuilder out = run.borrowText(b - a + 1 + masked.length());
    String r = out.append(value, a, b).append(' ').append(masked).toString();
    run.giveBackText(out);
    return r;
  }

  /** The cookies of one {@code Cookie} header value. */
  private static final class Cookies implements MaskRun.StepSource {
    private final String v;
    private final MaskRun run;
    private final TextEdits ed;
    private final int base;
    private boolean keptBefore;
    /**
     * End of the quotes a selected cookie's value opened and did not close before its {@code ;}
     * (0 when none): readers that take quoted values ({@code password="a; b"}) read the cookies
     * up to there as part of the value, so they are masked too.
     */
    private int quotedUntil;
    private boolean removedAny;

    Cookies(String v, MaskRun run) {
      this.v = v;
      this.run = run;
      this.ed = new TextEdits(v, run);
      this.base = run.depth();
    }

    /** The rewritten value, {@code v} itself when unchanged, or {@code null} when none is left. */
    String scan() {
      int limit = run.options().maxFields();
      int count = 0;
      int n = v.length();
      int p = 0;
      while (true) {
        int semi = PathScanner.indexOf(v, ';', p, n);
        int ts = p;
        int te = semi;
        while (ts < te && isSpace(v.charAt(ts))) {
          ts++;
        }
        while (te > ts && isSpace(v.charAt(te - 1))) {
          te--;
        }
        if (ts < te && ts < quotedUntil) {
          // Inside the quotes a selected value opened: read as part of that value.
          ed.replace(ts, te, Actions.REDACT_TOKEN);
          keptBefore = true;
        } else if (ts < te) {
          if (count < limit) {
            cookie(p, semi, ts, te);
          } else {
            if (count == limit) {
              run.push(Step.of("cookie"));
              run.maskedWhole("more cookies than maxFields; the remaining values are masked whole");
              run.popTo(base);
            }
            int eq = PathScanner.indexOf(v, '=', ts, te);
            if (eq + 1 < te) {
              // Recorded, so that the residual sweep hunts its echoes elsewhere (fail closed).
              run.push(Step.of("cookie"));
              run.huntPastLimit(MaskRun.LIMIT, unquoted(trimmed(eq + 1, te)));
              OtherReadings.cookie(MaskRun.LIMIT, unquoted(trimmed(eq + 1, te)), run);
              run.popTo(base);
              ed.replace(eq + 1, te, Actions.REDACT_TOKEN);
            }
            keptBefore = true;
          }
          count++;
        }
        if (semi >= n) {
          break;
        }
        p = semi + 1;
      }
      String r = ed.result();
      if (removedAny && isBlank(r)) {
        return null;
      }
      return r;
    }

    /** The step of the cookie named {@code v[from, to)}. */
    @Override
    public Step makeStep(int from, int to) {
      return Step.named("cookie", v.substring(from, to));
    }

    /** Cookie segment {@code v[ss, se)} (separator excluded), trimmed to {@code v[ts, te)}. */
    private void cookie(int ss, int se, int ts, int te) {
      int eq = PathScanner.indexOf(v, '=', ts, te);
      Decision d = ask(ts, eq);
      if (d != null) {
        quotedUntil = quoteEnd(eq + 1, se, te);
        if (d.action() instanceof MaskAction.Remove) {
          run.removed(d, eq < te ? trimmed(eq + 1, te) : "");
          OtherReadings.cookie(d, eq < te ? unquoted(trimmed(eq + 1, te)) : "", run);
          run.popTo(base);
          removedAny = true;
          drop(ss, se);
          return;
        }
        maskValue(d, eq + 1, te);
        run.popTo(base);
        keptBefore = true;
        return;
      }
      keptBefore = true;
      if (eq + 1 < te && run.inspectsValues()) {
        inspectValue(eq, eq + 1, ts, te);
        return;
      }
      commaReading(ts, te);
    }

    /**
     * Passes the unselected value {@code v[vs, te)} of the cookie named {@code v[ts, eq)}
     * (trimmed) through the run's inspectors. When an inspector rewrites a value that also has a
     * {@code ,name=value} second reading, the whole value is masked (fail closed): both rewrites
     * cannot apply to one range.
     */
    private void inspectValue(int eq, int vs, int ts, int te) {
      int s = vs;
      int e = te;
      while (s < e && isSpace(v.charAt(s))) {
        s++;
      }
      if (e - s >= 2 && v.charAt(s) == '"' && v.charAt(e - 1) == '"') {
        s++;
        e--;
      }
      if (s >= e) {
        commaReading(ts, te);
        return;
      }
      int ns = ts;
      int ne = eq;
      while (ns < ne && isSpace(v.charAt(ns))) {
        ns++;
      }
      while (ne > ns && isSpace(v.charAt(ne - 1))) {
        ne--;
      }
      // PHP, Express (cookie-parser) and Rails percent-decode cookie values: the inspectors read
      // the decoded text, and a rewrite is written back in the value's own escapes.
      String decoded = PathScanner.indexOf(v, '%', s, e) < e ? Percent.decode(v, s, e, false)
          : null;
      long which = decoded == null ? run.textInspectors(v, s, e)
          : run.textInspectors(decoded, 0, decoded.length());
      if (which == 0) {
        commaReading(ts, te); // no inspector could change it: no String, no step
        return;
      }
      run.pushLazy(this, ns, ne); // the name becomes a String only if something asks for it
      String replaced = run.inspect(decoded == null ? v.substring(s, e) : decoded, which);
      if (replaced != null && decoded != null) {
        byte[] raw = v.substring(s, e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        replaced = new String(PercentStyle.rewrite(raw, 0, raw.length, false, replaced),
            java.nio.charset.StandardCharsets.UTF_8);
      }
      if (replaced == null) {
        run.popTo(base);
        commaReading(ts, te);
        return;
      }
      if (PathScanner.indexOf(v, ',', s, e) < e) {
        run.fallback("value rewritten by an inspector also has a ',' second reading; masked whole");
        run.popTo(base);
        ed.replace(s, e, Actions.REDACT_TOKEN);
        return;
      }
      run.popTo(base);
      ed.replace(s, e, clean(replaced));
    }

    /**
     * The second reading of a cookie that was not selected: {@code ,name=value} parts, and parts
     * after whitespace (Python's {@code http.cookies}, used by aiohttp and Bottle, ends a cookie at
     * whitespace: {@code a=1 sid=x} is two cookies, and {@code sid = x} is {@code sid}). Under
     * the {@code ,} reading a part's value ends at the next {@code ,}, under the whitespace reading
     * at the next whitespace; a part both readings start is masked to the farther end. Each part is
     * a cookie of its own: unselected, its value goes through the inspectors like any cookie value
     * (a base64 JSON after a {@code ,} is read as it is after a {@code ;}). The caller has
     * inspected the whole value and found nothing to change, so these rewrites are the only ones.
     */
    private void commaReading(int ts, int te) {
      int q = separator(ts, te);
      if (q < te && run.inspectsValues()) {
        // The cookie's own value as each reading ends it: at the first ',', or at the first blank.
        int c = PathScanner.indexOf(v, ',', ts, te);
        int eq = PathScanner.indexOf(v, '=', ts, q);
        if (eq < q && (c == te || !inspectPart(ts, eq, c)) && q != c) {
          inspectPart(ts, eq, q);
        }
      }
      while (q < te) {
        boolean comma = false;
        boolean space = false;
        int ps = q;
        for (char c; ps < te && ((c = v.charAt(ps)) == ',' || isSpace(c)); ps++) {
          comma |= c == ',';
          space |= c != ',';
        }
        int next = separator(ps, te);
        int eq = PathScanner.indexOf(v, '=', ps, next);
        int vs = eq + 1;
        boolean found = eq < next;
        if (!found && space) {
          // sid = x: Python reads blanks around the '='
          int k = next;
          while (k < te && isSpace(v.charAt(k))) {
            k++;
          }
          if (k < te && v.charAt(k) == '=') {
            found = true;
            eq = k;
            vs = k + 1;
            while (vs < te && isSpace(v.charAt(vs))) {
              vs++;
            }
          }
        }
        if (found && ps < eq) {
          int pc = comma ? PathScanner.indexOf(v, ',', vs, te) : te;
          int pw = te;
          if (space) {
            pw = vs;
            if (pw < te && v.charAt(pw) == '"') {
              int close = PathScanner.indexOf(v, '"', pw + 1, te);
              pw = close < te ? close + 1 : te; // a quoted value runs to its closing quote
            }
            while (pw < te && !isSpace(v.charAt(pw))) {
              pw++;
            }
          }
          int pe = comma && space ? Math.max(pc, pw) : comma ? pc : pw;
          Decision d = ask(ps, eq);
          if (d != null) {
            if (d.action() instanceof MaskAction.Remove) {
              run.removed(d, trimmed(vs, pe));
              removedAny = true;
              ed.replace(q, pe, "");
            } else {
              maskValue(d, vs, pe);
            }
            run.popTo(base);
          } else if (run.inspectsValues()) {
            // Each reading's value is inspected as that reading ends it.
            if (!inspectPart(ps, eq, comma ? pc : pw) && comma && space && pc != pw) {
              inspectPart(ps, eq, pw);
            }
          }
        }
        q = next;
      }
    }

    /** The first {@code ,} or whitespace in {@code v[from, to)}, or {@code to}. */
    private int separator(int from, int to) {
      for (int i = from; i < to; i++) {
        char c = v.charAt(i);
        if (c == ',' || isSpace(c)) {
          return i;
        }
      }
      return to;
    }

    /**
     * Inspects the value {@code v[eq + 1, end)} (trimmed, quotes kept) of the part named {@code
     * v[ns, eq)} (trimmed) of the {@code ,} reading, and writes back a rewrite; whether there was
     * one.
     */
    private boolean inspectPart(int ns, int eq, int end) {
      int s = eq + 1;
      int e = end;
      while (s < e && isSpace(v.charAt(s))) {
        s++;
      }
      while (e > s && isSpace(v.charAt(e - 1))) {
        e--;
      }
      if (e - s >= 2 && v.charAt(s) == '"' && v.charAt(e - 1) == '"') {
        s++;
        e--;
      }
      long which = s >= e ? 0 : run.textInspectors(v, s, e);
      if (which == 0) {
        return false;
      }
      String name = trimmed(ns, eq);
      run.push(Step.named("cookie", name), name);
      String replaced = run.inspect(v.substring(s, e), which);
      run.popTo(base);
      if (replaced != null) {
        ed.replace(s, e, clean(replaced));
        return true;
      }
      return false;
    }

    /**
     * Asks about the cookie named {@code v[s, e)} (trimmed here); on a decision its step stays
     * pushed. A name no rule can select is not asked about.
     */
    private Decision ask(int s, int e) {
      while (s < e && isSpace(v.charAt(s))) {
        s++;
      }
      while (e > s && isSpace(v.charAt(e - 1))) {
        e--;
      }
      boolean bracket =
          PathScanner.indexOf(v, '[', s, e) < e || PathScanner.indexOf(v, ']', s, e) < e;
      if (!bracket && !run.maySelectText("cookie", v, s, e)) {
        return null;
      }
      String name = v.substring(s, e);
      run.push(Step.named("cookie", name), name);
      Decision d = run.decide();
      if (d == null) {
        run.popTo(base);
        if (bracket) {
          d = BracketReadings.ask(run, "cookie", name, base); // PHP: password[x], user[password]
        }
      }
      return d;
    }

    /** Masks the value in {@code v[vs, ve)}, trimmed, keeping surrounding double quotes. */
    private void maskValue(Decision d, int vs, int ve) {
      while (vs < ve && isSpace(v.charAt(vs))) {
        vs++;
      }
      while (ve > vs && isSpace(v.charAt(ve - 1))) {
        ve--;
      }
      if (ve - vs >= 2 && v.charAt(vs) == '"' && v.charAt(ve - 1) == '"') {
        vs++;
        ve--;
      }
      if (vs >= ve) {
        return; // nothing to hide
      }
      String value = v.substring(vs, ve);
      ed.replace(vs, ve, clean(run.mask(d, value)));
      OtherReadings.cookie(d, value, run);
    }

    /**
     * For the value {@code v[vs, te)} of a cookie ending at the {@code ;} {@code v[se]}: when it
     * opens a quote it does not close, the end (exclusive) of the closing quote after {@code se};
     * else 0.
     */
    private int quoteEnd(int vs, int se, int te) {
      while (vs < te && isSpace(v.charAt(vs))) {
        vs++;
      }
      if (vs >= te || v.charAt(vs) != '"' || te - vs >= 2 && v.charAt(te - 1) == '"'
          || se >= v.length()) {
        return 0;
      }
      int q = v.indexOf('"', se + 1);
      return q < 0 ? 0 : q + 1;
    }

    /** Drops segment {@code v[ss, se)} with one separator next to it. */
    private void drop(int ss, int se) {
      if (keptBefore) {
        ed.replace(ss - 1, se, ""); // from the ; that ends the cookie before it
        return;
      }
      int end = se;
      if (end < v.length()) {
        end++; // the ; after it, and the spaces that follow
        while (end < v.length() && isSpace(v.charAt(end))) {
          end++;
        }
      }
      ed.replace(ss, end, "");
    }

    private String trimmed(int s, int e) {
      return HeaderScanner.trimmed(v, s, e);
    }
  }

  /** The end of the blanks in {@code v} from {@code i}. */
  private static int spacesEnd(String v, int i) {
    while (i < v.length() && isSpace(v.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The end of the word (no blank) in {@code v} from {@code i}. */
  private static int wordEnd(String v, int i) {
    while (i < v.length() && !isSpace(v.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code e}, moved back over the blanks that end {@code v[s, e)}. */
  private static int trimmedEnd(String v, int s, int e) {
    while (e > s && isSpace(v.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  /** {@code v[s, e)} without the blanks at its ends. */
  private static String trimmed(String v, int s, int e) {
    int from = spacesEnd(v, s);
    return v.substring(Math.min(from, e), trimmedEnd(v, Math.min(from, e), e));
  }

  /** A cookie value without the double quotes around it, if it has them. */
  private static String unquoted(String value) {
    int n = value.length();
    return n >= 2 && value.charAt(0) == '"' && value.charAt(n - 1) == '"'
        ? value.substring(1, n - 1) : value;
  }

  /** A mask as written into a header: CR and LF never are (each becomes a space). */
  static String clean(String mask) {
    if (mask.indexOf('\r') < 0 && mask.indexOf('\n') < 0) {
      return mask;
    }
    return mask.replace('\r', ' ').replace('\n', ' ');
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isSpace(c) && c != ';') {
        return false;
      }
    }
    return true;
  }

  /** Schemes with digits in their names; any other word with a digit may be a credential. */
  private static final String[] DIGIT_SCHEMES = {"AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256",
      "SCRAM-SHA-1", "SCRAM-SHA-256", "OAuth2"};

  /**
   * Whether {@code s[from, to)} reads as an authentication scheme that may be kept: a token with
   * no digit, or one of the {@link #DIGIT_SCHEMES}. A key or password in the scheme's place (an
   * API key, then a space) holds digits almost always, and is masked with the rest.
   */
  private static boolean isScheme(String s, int from, int to) {
    if (!isToken(s, from, to)) {
      return false;
    }
    boolean digit = false;
    for (int i = from; i < to && !digit; i++) {
      char c = s.charAt(i);
      digit = c >= '0' && c <= '9';
    }
    if (!digit) {
      return true;
    }
    String word = s.substring(from, to); // rare: a first word with a digit
    for (String scheme : DIGIT_SCHEMES) {
      if (Ascii.equalsIgnoreCase(scheme, word)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s[from, to)} is a non-empty RFC 9110 token (an auth-scheme). */
  private static boolean isToken(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
