package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Step;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Looks inside values that are themselves encoded documents: JSON, form-urlencoded text, base64
 * or base64url (of those, or of gzip), percent-encoded text, and JWTs. Each layer is decoded,
 * scanned with the point extended by its Wallarm step ({@code base64}, {@code gzip}, {@code
 * percent}, {@code jwt jwt_prefix|jwt_header|jwt_payload}, then {@code json_doc > hash NAME} or
 * {@code form_urlencoded NAME}), and, when something inside was masked, encoded again exactly as
 * it came: base64 alphabet and padding, percent-encoding style (hex case, {@code +} for space,
 * which characters were raw), JWT segments and prefix. A value with nothing selected inside is
 * left as it was ({@code null}: no copy).
 *
 * <p>Detection is conservative and cheap: a value is taken for
 *
 * <ul>
 *   <li>JSON when its first non-blank byte (after a byte order mark) opens an object or array
 *       and it is strictly valid; when it is not, but holds a colon and no other reading applies,
 *       it is scanned leniently as an invalid JSON body is;
 *   <li>XML when it starts with an XML declaration, or with a start tag and has an end tag or an
 *       empty-element tag later ({@link XmlScanner}, which is lenient: notes of a value tried as
 *       XML with nothing masked are dropped);
 *   <li>a JWT when it is three base64url (or standard base64) segments (an optional {@code
 *       Scheme } prefix of letters) whose first decodes to a JSON object;
 *   <li>base64 when it is made of one alphabet with correct padding and decodes to printable UTF-8
 *       text or to gzip ({@code 1f 8b}); only text that is itself one of these formats is
 *       descended into, but a rule on the {@code base64} point itself is asked either way;
 *   <li>form-urlencoded when it is {@code name=value} pairs joined by {@code &} (after an
 *       optional {@code ?}), at least one with a non-empty name, read as the form scanner reads
 *       a body;
 *   <li>percent-encoded when it holds a valid {@code %XX} escape; as with base64, only a decoding
 *       that is one of these formats is descended into.
 * </ul>
 *
 * <p>Layers. Each decoding (JSON, XML, form, base64, gzip, percent, JWT; the base64 of a JWT
 * segment is part of the JWT layer) counts one layer, across inner scanners: a member of a JSON
 * document found in a base64 form field is two layers down. At most {@code maxDecodeLayers} are
 * decoded (capped at {@value #HARD_CAP}). Past the limit a value that still is, or after up to
 * {@value #PEEK} more base64 or percent decodings becomes, a structured format (JSON, XML, JWT,
 * form, gzip) is masked whole with a fallback note: the policy cannot be asked which names
 * exist, and such a value could hold any of them. Plain text past the limit is left alone.
 *
 * <p>Failures stay local to the value and fail closed: a gzip layer that is corrupt or inflates
 * past {@code maxInflatedBytes} masks the value whole, with a note. A value masked whole this way
 * is recorded as masked by the rule id {@code (nested layers)}, so attack payloads at its point
 * are masked too.
 *
 * <p>Stateless and thread-safe; per-call state lives in the {@link MaskRun} and a small object per
 * value. Never throws on value content.
 */
final class NestedLayers implements ValueInspector {

  /** The one instance. */
  static final NestedLayers INSTANCE = new NestedLayers();

  /** Most layers decoded whatever {@code maxDecodeLayers} says: bounds this code's own nesting. */
  static final int HARD_CAP = 16;

  /** Past the limit: base64 and percent decodings looked through to find a structured format. */
  static final int PEEK = 4;

  static final String NOTE_LIMIT =
      "value nests encodings deeper than maxDecodeLayers; masked whole";
  static final String NOTE_GZIP_LARGE =
      "gzip layer inflates past maxInflatedBytes; value masked whole";
  static final String NOTE_GZIP_CORRUPT = "gzip layer could not be inflated; value masked whole";

  /** The decision recorded for a value masked whole by a layer failure. */
  static final Decision FAIL_CLOSED = new Decision(MaskAction.redact(), "(nested layers)");

  private static final Step BASE64 = Step.of("base64");
  private static final Step GZIP = Step.of("gzip");
  private static final Step PERCENT = Step.of("percent");
  private static final Step JWT_PREFIX = Step.named("jwt", "jwt_prefix");
  private static final Step JWT_HEADER = Step.named("jwt", "jwt_header");
  private static final Step JWT_PAYLOAD = Step.named("jwt", "jwt_payload");

  static final String NOTE_BUDGET =
      "report work budget (maxWorkBytes) spent; encoded value masked whole";

  /** Marker: this reading does not apply; try the next. */
  private static final byte[] PASS = new byte[0];

  private NestedLayers() {}

  @Override
  public String inspect(String value, MaskRun run) {
    return promising(value) ? peel(value, run) : null;
  }

  /**
   * {@link #inspect} of a value the caller has already found {@link #promising} (its ASCII
   * characters tested as bytes by {@link #mayInspect}, which for ASCII text answers exactly as
   * {@link #promising(String)}): the test is not run a second time.
   */
  static String inspectPromising(String value, MaskRun run) {
    return peel(value, run);
  }

  @Override
  public boolean mayInspect(byte[] b, int from, int to) {
    return promising(b, from, to);
  }

  @Override
  public boolean mayInspectJson(byte[] b, int from, int to) {
    return promisingJson(b, from, to);
  }

  /**
   * Whether {@link #promising(String)} could hold for the decoded text of the JSON string content
   * {@code b[from, to)}, read through its escapes without decoding. That test is true for a text
   * without any character that can start a layer ({@code %=.{[<}) only when every character is a
   * base64 one; so this answers false for a text with no such character and some character outside
   * the base64 alphabet (a space, a quote, a control or non-ASCII character), and true (the safe
   * side) for everything else, including any backslash-u escape (it could stand for anything) and
   * a malformed escape. Escaped strings were decoded for the full test before this (measured with
   * CpuTime json:1kb, where about one string in five holds an escape: see the commit).
   */
  static boolean promisingJson(byte[] b, int from, int to) {
    if (to - from < 3) {
      return false; // the decoded text is no longer than its encoding
    }
    boolean plain = false;
    boolean blanks = false; // blanks seen: plain unless leading or trailing
    boolean other = false;
    int i = from;
    while (i < to) {
      int c = b[i];
      if (c == '\\') {
        if (i + 1 >= to) {
          return true;
        }
        int e = b[i + 1];
        if (e == 'n' || e == 'r' || e == 't') {
          blanks = true; // a line break or tab: trailing ones are trimmed before decoding
        } else if (e == '"' || e == '\\' || e == 'b' || e == 'f') {
          plain = true; // a quote, a backslash or a control character: not base64
        } else if (e != '/') { // a slash is a base64 character, not one that starts a layer
          return true; // a backslash-u escape (any character) or a malformed one
        } else {
          plain |= blanks && other;
          blanks = false;
          other = true;
        }
        i += 2;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        blanks = true; // raw control blanks are no valid JSON, but the scanner reads them
      } else if (c < 0) {
        plain = true;
      } else {
        plain |= blanks && other; // blanks between characters; leading ones are trimmed
        blanks = false;
        other = true;
        int k = CLASSES[c];
        if ((k & SPECIAL) != 0) {
          return true;
        }
        if ((k & B64) == 0) {
          plain = true;
        }
      }
      i++;
    }
    return !plain;
  }

  /**
   * {@link #promising(String)} of the text whose UTF-8 encoding is {@code b[from, to)}, without
   * decoding it. Every character the test looks at is ASCII, and UTF-8 keeps ASCII characters and
   * their order (a multi-byte character is bytes of 0x80 and above, which the test treats like any
   * non-ASCII character), so the answer is the same except where the byte length makes it say
   * true for a text that is shorter in characters (the safe side).
   */
  static boolean promising(byte[] b, int from, int to) {
    if (from < to && (blank(b[from]) || blank(b[to - 1]))) {
      while (from < to && blank(b[from])) {
        from++; // peel reads the text between its blanks
      }
      while (to > from && blank(b[to - 1])) {
        to--;
      }
    }
    int n = to - from;
    if (n < 3) {
      return false;
    }
    int all = B64;
    int any = 0;
    int i = from;
    while (i < to) {
      int c = b[i];
      int k = c >= 0 ? CLASSES[c] : 0;
      if (k == 0) {
        break;
      }
      all &= k;
      any |= k;
      i++;
    }
    if (i == to && (any & SPECIAL) == 0) {
      // Only ASCII here, so the text is these bytes; rare enough to decode for the prefix test.
      return (all & B64) != 0 && n >= 4 && n % 4 != 1 && plausiblePrefix(b, from, to);
    }
    // Most values with a space or other plain character hold none of the characters that can
    // start a layer: special skips eight bytes at a time to them.
    return special(b, from, to);
  }

  /**
   * Whether the text {@code b[from, to)} is made of ASCII digits only, in a way that {@link
   * #inspect} can find nothing in under a policy that selects no {@code base64} step: true only
   * when every byte is {@code 0-9} and no group of four digits has {@code 0}, {@code 4} or {@code
   * 8} third and {@code 9} fourth. The only reading {@link #promising(byte[], int, int)} allows a
   * digit text is base64, whose every digit is a 6-bit value from 52 to 61; so each group of three
   * decoded bytes starts with a byte of 0xD3 or above (never blank, bracket, {@code <}, gzip's
   * 0x1F, a byte order mark's 0xBB second byte, or a base64 or percent character), its second byte
   * is none of {@code % & + = < [ { space} either (its low four bits are 0xD to 0xF, its high four
   * 4 to 0xD), and its third is {@code =} only for those groups. Decoded text with no {@code =} and
   * such first bytes is none of JSON, XML, a JWT, gzip, form text (which needs {@code name=}),
   * base64 or percent-encoded text, so {@link Peel} neither descends into it nor reads the digits
   * as form or percent text: the value comes back unchanged with nothing recorded, unless a rule
   * selects the {@code base64} step itself, which the caller must rule out. The decoded bytes hold
   * at most two ASCII characters in a row, so no detector reads a secret in them either (and none
   * would see them: they are only read inside a structure). JsonDigitsPrecheckTest holds this to
   * {@link #inspect} under a policy selecting every other field.
   */
  static boolean inertDigits(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    for (int q = from; q + 4 <= to; q += 4) {
      int third = b[q + 2];
      if (b[q + 3] == '9' && (third == '0' || third == '4' || third == '8')) {
        return false; // this group decodes to a third byte '=' (0x3D)
      }
    }
    return true;
  }

  /** Reads eight bytes as one little-endian long. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * Whether the eight bytes of {@code w} may hold a {@code %}, {@code =} or {@code .} (a zero byte
   * in {@code w} XOR that byte repeated; the test can say yes for a word without one, never no for
   * a word with one).
   */
  private static boolean mayHoldSpecial(long w) {
    long p = w ^ 0x2525252525252525L;
    long e = w ^ 0x3d3d3d3d3d3d3d3dL;
    long d = w ^ 0x2e2e2e2e2e2e2e2eL;
    return (((p - ONES) & ~p | (e - ONES) & ~e | (d - ONES) & ~d) & HIGHS) != 0;
  }

  /** {@link #special(String)} on UTF-8 bytes. */
  private static boolean special(byte[] b, int from, int to) {
    int f = from;
    if (to - from >= 3 && b[f] == (byte) 0xEF && b[f + 1] == (byte) 0xBB
        && b[f + 2] == (byte) 0xBF) {
      f += 3; // a byte order mark before JSON
    }
    while (f < to && (b[f] == ' ' || b[f] == '\t' || b[f] == '\r' || b[f] == '\n')) {
      f++;
    }
    if (f < to && (b[f] == '{' || b[f] == '[' || b[f] == '<')) {
      return true;
    }
    int eq = -1;
    int eqs = 0;
    int dots = 0;
    int p = from;
    while (p < to) {
      if (p + 8 <= to && !mayHoldSpecial((long) LONGS.get(b, p))) {
        p += 8; // none of the three bytes this loop looks at
        continue;
      }
      for (int stop = Math.min(p + 8, to); p < stop; p++) {
        byte c = b[p];
        if (c == '%') {
          if (p + 2 < to && hexChar((char) b[p + 1]) && hexChar((char) b[p + 2])) {
            return true;
          }
        } else if (c == '=') {
          if (eq < 0) {
            eq = p;
          }
          eqs++;
        } else if (c == '.') {
          dots++;
        }
      }
    }
    if (eq >= 0) {
      if (eq > from && allFormName(b, from, eq) || FormScanner.indexOf(b, (byte) '&', from, to) < to) {
        return true; // name=value, or pairs (whose names the form scanner reads whatever they are)
      }
      if (dots == 2) {
        return true; // a JWT with padded segments after a scheme ("Bearer eyJ...==.sig")
      }
      for (int j = eq; j < to; j++) {
        if (b[j] != '=') {
          return false;
        }
      }
      for (int j = from; j < eq; j++) {
        if (b[j] < 0 || !Base64Text.alphabet(b[j])) {
          return false;
        }
      }
      return true;
    }
    return dots == 2 && (!MaskRun.precheck || jwtShape(b, from, to));
  }

  /**
   * Whether the UTF-8 text {@code b[from, to)}, known to hold no {@code =}, could be read by {@link
   * Jwt#parse}: after optional spaces, or a prefix of 1 to 32 letters and spaces, only base64 (either
   * alphabet) characters and dots, then optional spaces. With no {@code =}, no valid percent escape and no opening bracket, that reading is
   * the only one a text with two dots can have, so a text failing this test (an e-mail address,
   * a host name, a version string) is not decoded at all. Tests turn it off with {@link
   * MaskRun#precheck} to compare outputs.
   */
  private static boolean jwtShape(byte[] b, int from, int to) {
    int i = from;
    while (i < to && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z')) {
      i++;
    }
    int start = from;
    if (i < to && b[i] == ' ' && i - from <= 32) {
      while (i < to && b[i] == ' ') {
        i++;
      }
      start = i;
    }
    int end = to;
    while (end > start && b[end - 1] == ' ') {
      end--;
    }
    for (int k = start; k < end; k++) {
      int c = b[k];
      if (c != '.' && !(c >= 0 && Base64Text.alphabet(c))) {
        return false;
      }
    }
    return true;
  }

  /** {@link #jwtShape(byte[], int, int)} of the text {@code v}. */
  private static boolean jwtShape(String v) {
    int n = v.length();
    int i = 0;
    while (i < n && (v.charAt(i) >= 'a' && v.charAt(i) <= 'z'
        || v.charAt(i) >= 'A' && v.charAt(i) <= 'Z')) {
      i++;
    }
    int start = 0;
    if (i < n && v.charAt(i) == ' ' && i <= 32) {
      while (i < n && v.charAt(i) == ' ') {
        i++;
      }
      start = i;
    }
    int end = n;
    while (end > start && v.charAt(end - 1) == ' ') {
      end--;
    }
    for (int k = start; k < end; k++) {
      char c = v.charAt(k);
      if (c != '.' && !Base64Text.alphabet(c)) {
        return false;
      }
    }
    return true;
  }


  private static String peel(String value, MaskRun run) {
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    Peel p = new Peel(run);
    byte[] out = p.peel(data);
    if (p.failure != null) {
      run.fallback(p.failure);
      if (p.limitText != null) {
        // Fail closed: the values of the layer past the limit, which an echo elsewhere in the
        // report (a query parameter) may show decoded, are hunted by the sweep too.
        OtherReadings.layer(FAIL_CLOSED, p.limitText, run);
      }
      return run.mask(FAIL_CLOSED, value);
    }
    if (out == null || Arrays.equals(out, data)) {
      return null;
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code v} could be one of the formats at all, without allocating: most values (words,
   * numbers, names, URLs, prose) stop here. Rough timing (JUnit loop, no JaCoCo, 2 shared cores;
   * JMH should confirm) on a 137 KB JSON body of typical API strings: JSON scan without inspectors
   * ~760 MB/s, with the leaf hook and an inspector that does nothing ~500 MB/s, with this one ~370
   * MB/s; before these checks moved here from after decoding, ~180 MB/s.
   */
  static boolean promising(String v) {
    int n = v.length();
    if (n > 0 && (blank(v.charAt(0)) || blank(v.charAt(n - 1)))) {
      int a = 0;
      while (a < n && blank(v.charAt(a))) {
        a++;
      }
      while (n > a && blank(v.charAt(n - 1))) {
        n--;
      }
      v = v.substring(a, n); // peel reads the text between its blanks (rare: a copy here)
      n = v.length();
    }
    if (n < 3) {
      return false;
    }
    // A per-character class table up to the first plain character (a space, most punctuation),
    // then vectorised indexOf calls for the few characters that can start a layer.
    int all = B64;
    int any = 0;
    int i = 0;
    while (i < n) {
      char c = v.charAt(i);
      int k = c < 128 ? CLASSES[c] : 0;
      if (k == 0) {
        break; // a space or other plain character: only a special character can still matter
      }
      all &= k;
      any |= k;
      i++;
    }
    if (i == n && (any & SPECIAL) == 0) {
      return (all & B64) != 0 && n >= 4 && n % 4 != 1 && plausiblePrefix(v);
    }
    return special(v);
  }

  /** The rest of {@link #promising}: where a special character may start a layer. */
  private static boolean special(String v) {
    int n = v.length();
    int f = n > 0 && v.charAt(0) == '\ufeff' ? 1 : 0; // a byte order mark before JSON
    while (f < n && (v.charAt(f) == ' ' || v.charAt(f) == '\t' || v.charAt(f) == '\r'
        || v.charAt(f) == '\n')) {
      f++;
    }
    if (f < n && (v.charAt(f) == '{' || v.charAt(f) == '[' || v.charAt(f) == '<')) {
      return true;
    }
    for (int p = v.indexOf('%'); p >= 0 && p + 2 < n; p = v.indexOf('%', p + 1)) {
      if (hexChar(v.charAt(p + 1)) && hexChar(v.charAt(p + 2))) {
        return true;
      }
    }
    int eq = v.indexOf('=');
    if (eq >= 0) {
      if (eq > 0 && allFormName(v, eq) || v.indexOf('&') >= 0) {
        return true; // name=value, or pairs (whose names the form scanner reads whatever they are)
      }
      int d1 = v.indexOf('.');
      int d2 = d1 < 0 ? -1 : v.indexOf('.', d1 + 1);
      if (d2 > 0 && v.indexOf('.', d2 + 1) < 0) {
        return true; // a JWT with padded segments after a scheme ("Bearer eyJ...==.sig")
      }
      for (int j = eq; j < n; j++) {
        if (v.charAt(j) != '=') {
          return false;
        }
      }
      return allBase64(v, eq); // padded base64
    }
    int dot = v.indexOf('.');
    if (dot >= 0) {
      int second = v.indexOf('.', dot + 1);
      return second > 0 && v.indexOf('.', second + 1) < 0 // header.payload.signature
          && (!MaskRun.precheck || jwtShape(v));
    }
    return false;
  }

  /**
   * Whether {@code b[from, end)}, the text before the first {@code =}, could be the names of a
   * form: URL characters, {@code &}, non-ASCII bytes (as an IRI writes them) and a leading
   * {@code ?}.
   */
  private static boolean allFormName(byte[] b, int from, int end) {
    int q = urlQuery(b, from, end);
    if (q >= 0) {
      from = q + 1; // https://h/reset?token=x: the names start after the URL's '?'
    }
    for (int i = from; i < end; i++) {
      if (b[i] >= 0 && !formNameChar((char) b[i]) && b[i] != '&' && !(b[i] == '?' && i == from)) {
        return false;
      }
    }
    return true;
  }

  /** {@link #allFormName(byte[], int, int)} of {@code v[0, end)}. */
  private static boolean allFormName(String v, int end) {
    int q = urlQuery(v, end);
    for (int i = q + 1; i < end; i++) {
      char c = v.charAt(i);
      if (c < 128 && !formNameChar(c) && c != '&' && !(c == '?' && i == 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allBase64(String v, int end) {
    for (int i = 0; i < end; i++) {
      if (!Base64Text.alphabet(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code d} without blanks at its ends ({@code d} itself when it has none). */
  static byte[] trimmed(byte[] d) {
    int a = 0;
    int e = d.length;
    while (a < e && blank(d[a])) {
      a++;
    }
    while (e > a && blank(d[e - 1])) {
      e--;
    }
    return a == 0 && e == d.length ? d : Arrays.copyOfRange(d, a, e);
  }

  /** A space, tab, CR or LF: what {@link Peel#peel} trims from both ends of a text. */
  private static boolean blank(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static final int B64 = 1;
  private static final int NAME = 2;
  private static final int SPECIAL = 4;
  private static final byte[] CLASSES = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      int k = 0;
      if (Base64Text.alphabet(c)) {
        k |= B64;
      }
      if (formNameChar((char) c)) {
        k |= NAME;
      }
      if ("%=.{[<".indexOf(c) >= 0) {
        k |= SPECIAL;
      }
      CLASSES[c] = (byte) k;
    }
  }

  private static boolean hexChar(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }



  private static boolean formNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
        || c == '-' || c == '.' || c == '%' || c == '[' || c == ']' || c == '+' || c == '*'
        || c == '~' || c == '$' || c == ':';
  }

  /** Whether a decoded text may start with byte {@code b}: printable, blank, gzip, UTF-8 lead. */
  static boolean plausibleFirstByte(int b) {
    return b >= 0x20 && b < 0x7f || b == '\t' || b == '\n' || b == '\r' || b == 0x1f
        || b >= 0xc2 && b <= 0xf4;
  }

  /**
   * Whether the first (up to six) bytes the base64 text {@code v} decodes to could start gzip or
   * printable UTF-8 text; {@code v} is known to be made of alphabet characters.
   */
  static boolean plausiblePrefix(String v) {
    int quads = Math.min(2, v.length() / 4);
    long b = 0;
    int n = 0;
    for (int q = 0; q < quads; q++) {
      int x = 0;
      for (int k = 0; k < 4; k++) {
        x = x << 6 | Base64Text.value(v.charAt(q * 4 + k));
      }
      b |= (long) (x & 0xffffff) << (n << 3);
      n += 3;
    }
    if (n == 0) {
      return plausibleFirstByte(Base64Text.firstByte(v));
    }
    return plausibleDecoded(b, n);
  }

  /**
   * {@link #plausiblePrefix(String)} of the ASCII base64 text {@code s[from, to)}, at least four
   * characters long, without making a String of it.
   */
  static boolean plausiblePrefix(byte[] s, int from, int to) {
    int quads = Math.min(2, (to - from) / 4);
    long b = 0;
    int n = 0;
    for (int q = 0; q < quads; q++) {
      int x = 0;
      for (int k = 0; k < 4; k++) {
        x = x << 6 | Base64Text.value((char) s[from + q * 4 + k]);
      }
      b |= (long) (x & 0xffffff) << (n << 3);
      n += 3;
    }
    return plausibleDecoded(b, n);
  }

  /**
   * The rest of {@link #plausiblePrefix(String)}: the first {@code n} (3 or 6) decoded bytes, in
   * {@code b} as two groups of three, each group's first byte in its highest bits (no array: this
   * runs for every unselected all-alphanumeric value, such as most JSON numbers).
   */
  private static boolean plausibleDecoded(long b, int n) {
    if (decodedByte(b, 0) == 0x1f) {
      return decodedByte(b, 1) == 0x8b;
    }
    int i = 0;
    while (i < n) {
      int c = decodedByte(b, i);
      if (c < 0x80) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
          return false;
        }
        i++;
        continue;
      }
      int more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2
          : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
      if (more < 0) {
        return false;
      }
      for (int k = 1; k <= more && i + k < n; k++) {
        if ((decodedByte(b, i + k) & 0xc0) != 0x80) {
          return false;
        }
      }
      i += more + 1;
    }
    return true;
  }

  /** Decoded byte {@code i} (0-5) of the groups {@link #plausibleDecoded} takes. */
  private static int decodedByte(long b, int i) {
    int group = i / 3;
    int k = i - group * 3;
    return (int) (b >>> (group * 24 + (2 - k) * 8)) & 0xff;
  }

  /** The state of inspecting one value. */
  private static final class Peel {
    private final MaskRun run;
    private final int maxLayers;
    /** Why the value must be masked whole, or null. */
    String failure;

    /**
     * The decoded text of the JSON, XML or form layer found past {@code maxDecodeLayers} (or of
     * the base64 or percent-encoded text holding one), or null: recorded for the residual sweep
     * with what it holds ({@link OtherReadings#layer}), since only the outer value is masked.
     */
    String limitText;

    Peel(MaskRun run) {
      this.run = run;
      this.maxLayers = Math.min(run.options().maxDecodeLayers(), HARD_CAP);
    }

    private boolean atLimit() {
      return run.decodeLayers >= maxLayers;
    }

    /** The rewritten {@code d}, or null when nothing changed (or {@link #failure} was set). */
    byte[] peel(byte[] d) {
      if (!run.charge(d.length)) {
        failure = NOTE_BUDGET; // each decoded layer draws on the report's work budget
        return null;
      }
      int lead = 0;
      int end = d.length;
      while (lead < end && blank(d[lead])) {
        lead++;
      }
      while (end > lead && blank(d[end - 1])) {
        end--;
      }
      if (lead == 0 && end == d.length || lead == end) {
        return read(d);
      }
      // Blanks around a value (a line break after a copied token, the last value of a body that
      // ends in CRLF) are no part of base64, percent or form text: read between them, keep them.
      byte[] r = read(Arrays.copyOfRange(d, lead, end));
      if (r == null) {
        return null;
      }
      byte[] out = new byte[lead + r.length + d.length - end];
      System.arraycopy(d, 0, out, 0, lead);
      System.arraycopy(r, 0, out, lead, r.length);
      System.arraycopy(d, end, out, lead + r.length, d.length - end);
      return out;
    }

    /** {@link #peel} of a text without blanks at its ends. */
    private byte[] read(byte[] d) {
      int f = JsonCheck.ws(d, bomEnd(d), d.length);
      boolean bracket = f < d.length && (d[f] == '{' || d[f] == '[');
      if (bracket && isJson(d)) {
        return json(d);
      }
      if (looksLikeXml(d, f)) {
        return xml(d);
      }
      Jwt jwt = Jwt.parse(d);
      if (jwt != null) {
        return jwt(d, jwt);
      }
      byte[] r = base64(d);
      if (r != PASS) {
        return r;
      }
      int start = formStart(d); // where the pairs start, read once for the test and the scan
      boolean form = looksLikeForm(d, start);
      if (form && bracket && lenientJsonLike(d, f)) {
        // Text that opens like JSON is read as JSON first, as a lenient body is: read as a form,
        // a value runs across the JSON punctuation after it ({"q":"a=1&password=x"}, "tok),
        // so its mask took quotes and brackets with it and a second masking read it otherwise.
        // A form inside one of its strings is still read there, by the JSON scan's inspection.
        r = lenientJson(d);
        if (failure != null) {
          return r;
        }
        // Pairs from its first '&' outside strings ({"a":1}&password=x, {a: x&password=y}), or
        // in a string left open at the end, are read as a form too; none from an '&' inside a
        // string, whose values would run across the quotes and brackets after them again.
        byte[] base = r == null ? d : r;
        int after = pairsOutsideStrings(base, f);
        byte[] withPairs = after < 0 ? null : form(base, after);
        return withPairs != null ? withPairs : r;
      }
      r = form ? form(d, start) : percent(d);
      if (r == null && failure == null && !form && bracket && lenientJsonLike(d, f)) {
        return lenientJson(d); // (form text that is lenient JSON was read as JSON above)
      }
      return r;
    }

    /** Strict JSON, after an optional UTF-8 byte order mark (which the JSON scanner skips). */
    private boolean isJson(byte[] d) {
      return JsonCheck.check(d, bomEnd(d), d.length, run.options().maxJsonDepth())
          != JsonCheck.INVALID;
    }

    /**
     * A text that opens like JSON and holds a name-value colon but is not strictly valid (single
     * quotes, bare names, a trailing comma, junk after it: what lenient readers and Python's
     * {@code str(dict)} produce) is scanned as the JSON scanner scans an invalid body, leniently
     * for selected names, so that a value masked in such a body is masked inside a layer too.
     * When nothing is masked the value is left as it was, without the scan's notes.
     */
    private byte[] lenientJson(byte[] d) {
      int mark = run.noteCount();
      boolean bodyWasLenient = run.takeLenient(); // the body's flag, not this value's
      byte[] r = json(d);
      run.takeLenient();
      if (bodyWasLenient) {
        run.markLenient();
      }
      if (r == null && failure == null) {
        run.dropNotesSince(mark);
      }
      return r;
    }

    private byte[] json(byte[] d) {
      if (atLimit()) {
        failure = NOTE_LIMIT;
        limitText = new String(d, StandardCharsets.UTF_8);
        return null;
      }
      run.decodeLayers++;
      try {
        return JsonScanner.mask(d, 0, d.length, run);
      } finally {
        run.decodeLayers--;
      }
    }

    /**
     * Scans an XML value. Detection by shape is loose (an HTML or XSS fragment passes it), so when
     * nothing in the value was masked, the notes the scan added (such as a lenient-scan note for
     * malformed markup) are dropped: a value merely tried as XML leaves no trace.
     */
    private byte[] xml(byte[] d) {
      if (atLimit()) {
        failure = NOTE_LIMIT;
        limitText = new String(d, StandardCharsets.UTF_8);
        return null;
      }
      int mark = run.noteCount();
      run.decodeLayers++;
      byte[] r;
      try {
        r = XmlScanner.maskUtf8Text(d, 0, d.length, run);
      } finally {
        run.decodeLayers--;
      }
      if (r == null) {
        run.dropNotesSince(mark);
      }
      return r;
    }

    /** Scans {@code d} as a form whose pairs start at {@code start} ({@link #formStart}). */
    private byte[] form(byte[] d, int start) {
      if (atLimit()) {
        failure = NOTE_LIMIT;
        limitText = new String(d, StandardCharsets.UTF_8);
        return null;
      }
      run.decodeLayers++;
      try {
        byte[] r = FormScanner.mask(d, start, d.length, run, "form_urlencoded");
        if (r == null || start == 0) {
          return r;
        }
        byte[] withMark = new byte[r.length + start]; // the '?' or the URL before the pairs
        System.arraycopy(d, 0, withMark, 0, start);
        System.arraycopy(r, 0, withMark, start, r.length);
        return withMark;
      } finally {
        run.decodeLayers--;
      }
    }

    private byte[] base64(byte[] d) {
      int first = Base64Text.firstByte(d, 0, d.length);
      if (first < 0 || !plausibleFirstByte(first)) {
        return PASS; // cheap rejection of most random tokens before decoding them
      }
      Base64Text.Decoded b = Base64Text.decode(d, 0, d.length, false);
      if (b == null) {
        return PASS;
      }
      byte[] inner = b.bytes();
      boolean gz = Gzip.magic(inner);
      // Valid JSON may hold DEL and other bytes the printable test refuses (fuzz finding): a
      // base64 value that decodes to JSON is descended into whatever its bytes.
      if (!gz && !printableUtf8(inner) && !isJson(inner)) {
        return PASS;
      }
      boolean structured = gz || holdsStructure(inner);
      if (atLimit()) {
        if (structured) {
          failure = NOTE_LIMIT;
          limitText = gz ? null : new String(inner, StandardCharsets.UTF_8);
          return null;
        }
        return PASS;
      }
      int depth = run.depth();
      run.decodeLayers++;
      run.push(BASE64, null);
      try {
        Decision sel = run.decide();
        byte[] changed;
        if (sel != null) {
          changed = utf8(run.mask(sel, text(inner)));
        } else if (!structured) {
          return PASS;
        } else if (gz) {
          changed = gzip(inner);
        } else {
          changed = peel(inner);
        }
        if (changed == null || failure != null) {
          return null;
        }
        return Base64Text.encode(changed, b.url(), b.padded());
      } finally {
        run.popTo(depth);
        run.decodeLayers--;
      }
    }

    private byte[] gzip(byte[] gz) {
      if (atLimit()) {
        failure = NOTE_LIMIT;
        return null;
      }
      int[] end = {gz.length};
      byte[] raw = Gzip.inflate(gz, run.options().maxInflatedBytes(), end);
      if (raw == Gzip.TOO_LARGE) {
        failure = NOTE_GZIP_LARGE;
        return null;
      }
      // Bytes after the last gzip member are read by no decoder and would be written back
      // unread: such a value is masked whole, as corrupt gzip is.
      if (raw == Gzip.CORRUPT || end[0] != gz.length) {
        failure = NOTE_GZIP_CORRUPT;
        return null;
      }
      int depth = run.depth();
      run.decodeLayers++;
      run.push(GZIP, null);
      try {
        Decision sel = run.decide();
        byte[] changed = sel != null ? utf8(run.mask(sel, text(raw))) : peel(raw);
        if (changed == null || failure != null) {
          return null;
        }
        return Gzip.deflate(changed);
      } finally {
        run.popTo(depth);
        run.decodeLayers--;
      }
    }

    private byte[] percent(byte[] d) {
      PercentStyle.Decoded p = PercentStyle.decode(d, 0, d.length, null);
      if (p == null) {
        return null;
      }
      byte[] inner = p.bytes();
      boolean structured = holdsStructure(inner);
      if (atLimit()) {
        if (structured) {
          failure = NOTE_LIMIT;
          limitText = new String(inner, StandardCharsets.UTF_8);
        }
        return null;
      }
      int depth = run.depth();
      run.decodeLayers++;
      run.push(PERCENT, null);
      try {
        Decision sel = run.decide();
        byte[] changed;
        if (sel != null) {
          changed = utf8(run.mask(sel, text(inner)));
        } else if (structured) {
          changed = peel(inner);
        } else {
          return null;
        }
        if (changed == null || failure != null) {
          return null;
        }
        return PercentStyle.reencode(d, 0, d.length, p, changed);
      } finally {
        run.popTo(depth);
        run.decodeLayers--;
      }
    }

    private byte[] jwt(byte[] d, Jwt j) {
      if (atLimit()) {
        failure = NOTE_LIMIT;
        return null;
      }
      int depth = run.depth();
      run.decodeLayers++;
      try {
        byte[] prefix = null;
        if (j.prefixEnd > 0) {
          run.push(JWT_PREFIX, null);
          Decision sel = run.decide();
          if (sel != null) {
            prefix = utf8(run.mask(sel, new String(d, 0, j.prefixEnd, StandardCharsets.UTF_8)));
          }
          run.popTo(depth);
        }
        byte[] header = segment(d, j.prefixEnd + j.spaces, j.dot1, JWT_HEADER, depth);
        if (failure != null) {
          return null;
        }
        byte[] payload = segment(d, j.dot1 + 1, j.dot2, JWT_PAYLOAD, depth);
        if (failure != null || prefix == null && header == null && payload == null) {
          return null;
        }
        ByteSink out = new ByteSink(d.length + 16);
        if (prefix != null) {
          out.write(prefix);
        } else {
          out.write(d, 0, j.prefixEnd);
        }
        out.write(d, j.prefixEnd, j.prefixEnd + j.spaces);
        if (header != null) {
          out.write(header);
        } else {
          out.write(d, j.prefixEnd + j.spaces, j.dot1);
        }
        out.write('.');
        if (payload != null) {
          out.write(payload);
        } else {
          out.write(d, j.dot1 + 1, j.dot2);
        }
        out.write(d, j.dot2, d.length); // the dot and the signature, as they were
        return out.toByteArray();
      } finally {
        run.popTo(depth);
        run.decodeLayers--;
      }
    }

    /** A JWT segment {@code d[from, to)} at {@code step}: its replacement, or null. */
    private byte[] segment(byte[] d, int from, int to, Step step, int depth) {
      run.push(step, null);
      try {
        Decision sel = run.decide();
        if (sel != null) {
          return utf8(run.mask(sel, new String(d, from, to - from, StandardCharsets.US_ASCII)));
        }
        Base64Text.Decoded b = Base64Text.decode(d, from, to, true);
        if (b == null) {
          return null;
        }
        run.push(BASE64, null);
        sel = run.decide();
        byte[] changed = sel != null ? utf8(run.mask(sel, text(b.bytes()))) : peel(b.bytes());
        if (changed == null || failure != null) {
          return null;
        }
        return Base64Text.encode(changed, b.url(), b.padded());
      } finally {
        run.popTo(depth);
      }
    }

    /** Whether {@code d} is, on its face, a format that holds names: JSON, JWT, form, gzip. */
    private boolean structured(byte[] d) {
      if (Gzip.magic(d)) {
        return true;
      }
      int f = JsonCheck.ws(d, bomEnd(d), d.length);
      if (f < d.length && (d[f] == '{' || d[f] == '[') && (isJson(d) || lenientJsonLike(d, f))) {
        return true;
      }
      return looksLikeXml(d, f) || Jwt.parse(d) != null || looksLikeForm(d);
    }

    /**
     * Whether {@code d} is structured or becomes so after up to {@link #PEEK} base64 or percent
     * decodings; iterative, each step linear in the (shrinking) text.
     */
    private boolean holdsStructure(byte[] d) {
      byte[] cur = d;
      for (int k = 0; k <= PEEK; k++) {
        cur = trimmed(cur); // as peel reads it
        if (structured(cur)) {
          return true;
        }
        Base64Text.Decoded b = Base64Text.decode(cur, 0, cur.length, false);
        if (b != null
            && (Gzip.magic(b.bytes()) || printableUtf8(b.bytes()) || isJson(b.bytes()))) {
          cur = b.bytes();
          continue;
        }
        PercentStyle.Decoded p = PercentStyle.decode(cur, 0, cur.length, null);
        if (p == null) {
          return false;
        }
        cur = p.bytes();
      }
      return true; // still decoding after PEEK rounds: fail closed
    }
  }

  /**
   * Where the parts of a JWT lie in a value: an optional scheme prefix ({@code Bearer}) and the
   * spaces after it (or spaces alone), then {@code header.payload.signature}, then optional spaces
   * (kept with the signature).
   */
  private static final class Jwt {
    int prefixEnd;
    int spaces;
    int dot1;
    int dot2;

    /** The JWT layout of {@code d}, or null when {@code d} is not a JWT with a JSON header. */
    static Jwt parse(byte[] d) {
      int n = d.length;
      int i = 0;
      while (i < n && (d[i] >= 'a' && d[i] <= 'z' || d[i] >= 'A' && d[i] <= 'Z')) {
        i++;
      }
      int prefixEnd = 0;
      int spaces = 0;
      if (i < n && d[i] == ' ' && i <= 32) {
        prefixEnd = i;
        while (i < n && d[i] == ' ') {
          i++;
        }
        spaces = i - prefixEnd;
      } else {
        i = 0;
      }
      int start = i;
      int end = n; // trailing spaces stay after the signature, copied with it
      while (end > start && d[end - 1] == ' ') {
        end--;
      }
      int dots = 0;
      int dot1 = 0;
      int dot2 = 0;
      for (int k = start; k < end; k++) {
        byte c = d[k];
        if (c == '.') {
          if (dots == 0) {
            dot1 = k;
          } else if (dots == 1) {
            dot2 = k;
          } else {
            return null;
          }
          dots++;
        } else if (!(Base64Text.alphabet(c) || c == '=')) {
          // Either alphabet: decoders that take both (atob after a replace, Node's Buffer,
          // Python's urlsafe_b64decode) read a token written in the standard one. A segment
          // mixing the two is refused when decoded.
          return null;
        }
      }
      if (dots != 2 || dot1 - start < 4 || dot2 - dot1 < 2) {
        return null;
      }
      Base64Text.Decoded h = Base64Text.decode(d, start, dot1, true);
      if (h == null) {
        return null;
      }
      byte[] hb = h.bytes();
      int f = JsonCheck.ws(hb, 0, hb.length);
      if (f >= hb.length || hb[f] != '{'
          || JsonCheck.check(hb, 0, hb.length, 8) != JsonCheck.VALID) {
        return null;
      }
      Jwt j = new Jwt(); // made only for a JWT: most values fail the shape test above
      j.prefixEnd = prefixEnd;
      j.spaces = spaces;
      j.dot1 = dot1;
      j.dot2 = dot2;
      return j;
    }
  }

  /**
   * Whether {@code d}, from its first non-blank byte {@code f}, reads as XML: an XML declaration,
   * or a start tag ({@code <} and a name character) with an end tag or empty-element tag later.
   */
  static boolean looksLikeXml(byte[] d, int f) {
    int n = d.length;
    if (f + 3 >= n || d[f] != '<') {
      return false;
    }
    if (d[f + 1] == '?' && d[f + 2] == 'x' && d[f + 3] == 'm') {
      return true;
    }
    byte c = d[f + 1];
    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':')) {
      return false;
    }
    for (int i = f + 2; i + 1 < n; i++) {
      if (d[i] == '<' && d[i + 1] == '/' || d[i] == '/' && d[i + 1] == '>') {
        return true;
      }
    }
    return false;
  }

  /** The index after a leading UTF-8 byte order mark of {@code d}, or 0. */
  static int bomEnd(byte[] d) {
    return d.length >= 3 && d[0] == (byte) 0xEF && d[1] == (byte) 0xBB && d[2] == (byte) 0xBF
        ? 3 : 0;
  }

  /**
   * Whether {@code d}, opening a bracket at {@code f}, holds a colon after it: the only text a
   * lenient JSON scan can find a name in.
   */
  static boolean lenientJsonLike(byte[] d, int f) {
    for (int i = f + 1; i < d.length; i++) {
      if (d[i] == ':') {
        return true;
      }
    }
    return false;
  }

  /**
   * Where form pairs outside the strings of the bracketed text opening at {@code f} start: just
   * past its first {@code &} outside strings (in double or single quotes, skipped with their
   * backslash escapes), or at the content of a string left open at the end; -1 when neither.
   */
  static int pairsOutsideStrings(byte[] d, int f) {
    for (int i = f; i < d.length; i++) {
      byte c = d[i];
      if (c == '&') {
        return i + 1;
      }
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < d.length && d[j] != c) {
          j += d[j] == '\\' ? 2 : 1;
        }
        if (j >= d.length) {
          return i + 1; // a string left open: its content runs to the end
        }
        i = j;
      }
    }
    return -1;
  }

  /**
   * Whether {@code d} reads as form-urlencoded text, after an optional {@code ?} and before
   * trailing line breaks: {@code &}-separated pairs, at least one a non-empty name followed by
   * {@code =}, no control characters; names made of URL characters (or non-ASCII), except that
   * in a text of several pairs names may hold anything (the form scanner reads any name: {@code
   * user name=bob&password=x}). A stricter test (no {@code ?}, no empty name, no trailing line
   * break, ASCII names only) left such text unread inside a value while the same text as a body
   * is masked.
   */
  static boolean looksLikeForm(byte[] d) {
    return looksLikeForm(d, formStart(d));
  }

  /** {@link #looksLikeForm(byte[])} with the pairs starting at {@code start} ({@link #formStart}). */
  static boolean looksLikeForm(byte[] d, int start) {
    int end = d.length;
    while (end > 0 && (d[end - 1] == '\n' || d[end - 1] == '\r')) {
      end--;
    }
    boolean pair = false;
    boolean urlNames = true;
    boolean amp = false;
    boolean inName = true;
    int nameLen = 0;
    for (int i = start; i <= end; i++) {
      int c = i == end ? '&' : d[i] & 0xff;
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
      if (c == '&') {
        amp |= i < end;
        inName = true;
        nameLen = 0;
      } else if (inName) {
        if (c == '=') {
          pair |= nameLen > 0;
          inName = false;
        } else {
          nameLen++;
          urlNames &= c >= 0x80 || formNameChar((char) c);
        }
      }
    }
    return pair && (urlNames || amp);
  }

  /**
   * Where the pairs of a form text start: after one leading {@code ?} (a query as written), or
   * after the {@code ?} or {@code #} of a URL before them ({@code https://h/reset?token=x}, {@code
   * /cb#access_token=x}: a Referer, a redirect target), whose query an application reads.
   */
  static int formStart(byte[] d) {
    if (d.length > 0 && d[0] == '?') {
      return 1;
    }
    int q = urlQuery(d, 0, d.length);
    return q < 0 ? 0 : q + 1;
  }

  /**
   * The index of the {@code ?} or {@code #} that ends a URL at the start of {@code b[from, to)}
   * (one starting with {@code /} or holding {@code ://}, made of URL characters with no {@code =}
   * or {@code &} before it), or -1.
   */
  static int urlQuery(byte[] b, int from, int to) {
    boolean url = from < to && b[from] == '/';
    for (int i = from; i < to; i++) {
      int c = b[i];
      // A non-ASCII byte goes on, as the String form's char does: an IRI's path (/caf\u00e9?token=)
      // is a URL whose query an application reads.
      int k = c < 0 ? URL_PLAIN : URL_CLASS[c];
      if (k == URL_PLAIN) {
        continue;
      }
      if (k == URL_QUERY) {
        return url && i + 1 < to ? i : -1;
      }
      if (k == URL_STOP) {
        return -1;
      }
      url |= i + 2 < to && b[i + 1] == '/' && b[i + 2] == '/'; // a ':'
    }
    return -1;
  }

  /** {@link #URL_CLASS}: a character a URL goes on with. */
  private static final byte URL_PLAIN = 0;
  /** {@link #URL_CLASS}: a control character, a space or one of {@code = & " < >}: no URL here. */
  private static final byte URL_STOP = 1;
  /** {@link #URL_CLASS}: {@code ?} or {@code #}, which end a URL before its query. */
  private static final byte URL_QUERY = 2;
  /** {@link #URL_CLASS}: {@code :}, which may start {@code ://}. */
  private static final byte URL_COLON = 3;

  /** The class of each ASCII character for {@link #urlQuery}, one lookup instead of ten tests. */
  private static final byte[] URL_CLASS = new byte[128];

  static {
    for (int c = 0; c <= ' '; c++) {
      URL_CLASS[c] = URL_STOP;
    }
    for (char c : new char[] {'=', '&', '"', '<', '>', 0x7f}) {
      URL_CLASS[c] = URL_STOP;
    }
    URL_CLASS['?'] = URL_QUERY;
    URL_CLASS['#'] = URL_QUERY;
    URL_CLASS[':'] = URL_COLON;
  }

  /** {@link #urlQuery(byte[], int, int)} of {@code v[0, to)}. */
  static int urlQuery(String v, int to) {
    boolean url = to > 0 && v.charAt(0) == '/';
    for (int i = 0; i < to; i++) {
      char c = v.charAt(i);
      if (c == '?' || c == '#') {
        return url && i + 1 < to ? i : -1;
      }
      if (c <= ' ' || c == '=' || c == '&' || c == '"' || c == '<' || c == '>' || c == 0x7f) {
        return -1;
      }
      url |= c == ':' && i + 2 < to && v.charAt(i + 1) == '/' && v.charAt(i + 2) == '/';
    }
    return -1;
  }

  /** Strict UTF-8 with no control characters other than tab, CR and LF. */
  static boolean printableUtf8(byte[] d) {
    int n = d.length;
    int i = 0;
    while (i < n) {
      int b = d[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
        return false;
      }
      int len = Utf8.sequenceLength(d, i, n);
      if (len < 0) {
        return false;
      }
      i += len;
    }
    return true;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
