package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import java.nio.charset.StandardCharsets;

/**
 * The readings of a masked value that a receiver takes besides the text the scanner masked,
 * recorded for the residual sweep under the same decision (no note of their own), so that an echo
 * of what the receiver reads is masked elsewhere in the report too: the password of a {@code
 * Basic} credential once its base64 is decoded, the secret parameters of a {@code Digest} (or
 * OAuth, AWS signature) credential, the token after a scheme word in a value masked whole, a value
 * without the blanks around it, a cookie value percent-decoded; and the values of text masked whole
 * without being read (a layer past {@code maxDecodeLayers}, a multipart part or body).
 *
 * <p>Stateless and thread-safe; each call uses only its own {@link MaskRun}. Never throws.
 */
final class OtherReadings {
  private OtherReadings() {}

  /** Auth-params whose values are secrets (Digest, OAuth 1.0, AWS SigV4, HTTP Signatures). */
  private static final String[] SECRET_PARAMS = {"response", "signature", "oauth_signature",
      "oauth_token"};

  /** Schemes after which a value masked whole carries its credential. */
  private static final String[] SCHEMES = {"Basic", "Bearer", "Digest", "OAuth", "Token",
      "Negotiate", "NTLM", "AWS4-HMAC-SHA256"};

  /**
   * Records the readings of {@code original}, a value masked under {@code d} at the current point:
   * the value without the blanks around it, and, when it opens with an authentication scheme and
   * a space ({@code Bearer abc} in a JSON member named {@code authorization}), its credential as
   * {@link #credential} reads it.
   */
  static void of(Decision d, String original, MaskRun run) {
    int n = original.length();
    if (n == 0 || unhunted(n, run)) {
      return;
    }
    if (!trims(original.charAt(0)) && !trims(original.charAt(n - 1))
        && !blankAfterScheme(original)) {
      return; // the common value: nothing to trim, and no scheme word opens it
    }
    int s = 0;
    int e = n;
    while (s < e && trims(original.charAt(s))) {
      s++;
    }
    while (e > s && trims(original.charAt(e - 1))) {
      e--;
    }
    MaskAction a = d.action();
    boolean trimmed = s < e && (s > 0 || e < n)
        && !(a instanceof MaskAction.KeepFirst || a instanceof MaskAction.KeepLast)
        && noMarkup(original, s, e);
    char c = original.charAt(s < e ? s : 0);
    boolean schemeWord = c >= 'A' && c <= 'z' && e - s >= 7;
    if (!trimmed && !schemeWord || readsAsItsMask(d, original, run)) {
      return; // no reading, or a value masked before: its readings are mask text (P6)
    }
    if (trimmed) {
      // Not under a keep action: a kept tail with a blank at its end, trimmed, is shorter than
      // the action's 2N and would be starred whole where a second masking meets it (P6). Not
      // with quotes or angle brackets: trimmed, such a value (x") can match across an XML
      // attribute's closing quote, which the sweep does not keep (P3).
      run.huntPastLimit(d, original.substring(s, e));
    }
    if (!schemeWord) {
      return;
    }
    int w = s;
    while (w < e && w - s <= 16 && !blank(original.charAt(w))) {
      w++; // a scheme is short: a long word is not read to its end
    }
    if (w >= e || w - s > 16 || !scheme(original, s, w)) {
      return;
    }
    int cs = w;
    while (cs < e && blank(original.charAt(cs))) {
      cs++;
    }
    String credential = original.substring(cs, e);
    run.huntPastLimit(d, credential);
    credential(original.substring(s, w), credential, d, run);
  }

  /**
   * Whether {@code v}, masked under {@code d}, is its own mask (a report masked before: a keep
   * action's {@code Bearer a*********}, a redact token): then what a receiver would read in it is
   * mask text, and hunted it would rewrite the mask on a second masking (P6).
   */
  private static boolean readsAsItsMask(Decision d, String v, MaskRun run) {
    MaskAction a = d.action();
    if (a instanceof MaskAction.Redact r && v.equals(r.token())) {
      return true;
    }
    if (v.indexOf('*') < 0 && !v.startsWith("hmac:")) {
      return false; // no mask reads without a star, but those
    }
    return run.applyAction(a, v).equals(v);
  }

  /** Whether {@code v[from, to)} holds none of {@code " ' < >}. */
  private static boolean noMarkup(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\'' || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether no reading of a value of {@code n} characters can be hunted: every reading (trimmed,
   * decoded, a credential's part) is at most as long as the value, and the sweep hunts nothing
   * shorter than {@code residualMinLength}.
   */
  private static boolean unhunted(int n, MaskRun run) {
    return n < run.options().residualMinLength();
  }

  /**
   * Whether {@code v}, with nothing to trim, has a blank right after a prefix as long as one of
   * {@link #SCHEMES} (4, 5, 6, 9 or 16 characters): without one, no scheme word opens it.
   */
  private static boolean blankAfterScheme(String v) {
    int n = v.length();
    for (int k : SCHEME_LENGTHS) {
      if (k < n && blank(v.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  /** The lengths of {@link #SCHEMES}. */
  private static final int[] SCHEME_LENGTHS = schemeLengths();

  private static int[] schemeLengths() {
    return java.util.Arrays.stream(SCHEMES).mapToInt(String::length).distinct().sorted().toArray();
  }

  private static boolean scheme(String v, int s, int w) {
    for (String scheme : SCHEMES) {
      if (wordAt(v, s, w, scheme)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code v[from, to)} is {@code word}, ASCII-case-insensitively. */
  private static boolean wordAt(String v, int from, int to, String word) {
    if (word.length() != to - from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (Ascii.lower(v.charAt(i)) != Ascii.lower(word.charAt(i - from))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records what a server reads from the credential of an {@code Authorization} value with
   * {@code scheme}: for {@code Basic}, the base64-decoded {@code user:password} and its password
   * (its user-id when the password is empty: an API key sent as the user); for other schemes, the
   * values of the secret auth-params ({@code response}, {@code signature}, {@code oauth_signature},
   * {@code oauth_token}), unquoted, and percent-decoded when they hold {@code %}.
   */
  static void credential(String scheme, String credential, Decision d, MaskRun run) {
    if (unhunted(credential.length(), run)) {
      return;
    }
    boolean basic = Ascii.equalsIgnoreCase(scheme, "Basic");
    if (!basic && credential.indexOf('=') < 0) {
      return; // a token68 without padding: no auth-param, hunted with the whole credential
    }
    if (readsAsItsMask(d, credential, run)) {
      return;
    }
    if (basic) {
      basic(credential, d, run);
      return;
    }
    int n = credential.length();
    int i = 0;
    while (i < n) {
      while (i < n && (blank(credential.charAt(i)) || credential.charAt(i) == ',')) {
        i++;
      }
      int ns = i;
      while (i < n && credential.charAt(i) != '=' && credential.charAt(i) != ','
          && !blank(credential.charAt(i))) {
        i++;
      }
      int ne = i;
      while (i < n && blank(credential.charAt(i))) {
        i++;
      }
      if (i >= n || credential.charAt(i) != '=') {
        continue; // a token68 or a bare word: hunted with the whole credential
      }
      i++;
      while (i < n && blank(credential.charAt(i))) {
        i++;
      }
      String value;
      if (i < n && credential.charAt(i) == '"') {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < n && credential.charAt(i) != '"') {
          char c = credential.charAt(i);
          if (c == '\\' && i + 1 < n) {
            c = credential.charAt(++i);
          }
          b.append(c);
          i++;
        }
        i++;
        value = b.toString();
      } else {
        int vs = i;
        while (i < n && credential.charAt(i) != ',' && !blank(credential.charAt(i))) {
          i++;
        }
        value = credential.substring(vs, i);
      }
      if (!value.isEmpty() && secretParam(credential, ns, ne)) {
        run.huntPastLimit(d, value);
        if (value.indexOf('%') >= 0) {
          run.huntPastLimit(d, Percent.decode(value, false));
        }
      }
    }
  }

  private static boolean secretParam(String s, int from, int to) {
    for (String p : SECRET_PARAMS) {
      if (wordAt(s, from, to, p)) {
        return true;
      }
    }
    return false;
  }

  /** The decoded {@code user:password} of a Basic credential, and its password. */
  private static void basic(String credential, Decision d, MaskRun run) {
    int e = 0;
    while (e < credential.length() && !blank(credential.charAt(e))
        && credential.charAt(e) != ',') {
      e++;
    }
    byte[] b = credential.substring(0, e).getBytes(StandardCharsets.ISO_8859_1);
    Base64Text.Decoded dec = Base64Text.decode(b, 0, b.length, false);
    if (dec == null || dec.bytes().length == 0) {
      return;
    }
    byte[] raw = dec.bytes();
    // RFC 7617: UTF-8 where the server asks for it; servers that do not read ISO-8859-1.
    String text = new String(raw, Utf8.isValid(raw) ? StandardCharsets.UTF_8
        : StandardCharsets.ISO_8859_1);
    run.huntPastLimit(d, text);
    int colon = text.indexOf(':'); // the user-id has no colon; the password may
    if (colon < 0) {
      return;
    }
    String password = text.substring(colon + 1);
    run.huntPastLimit(d, password.isEmpty() ? text.substring(0, colon) : password);
  }

  /**
   * Records the percent-decoded readings of a cookie value masked under {@code d} (PHP, Express
   * and Rails decode cookie values; PHP also reads {@code +} as a space).
   */
  static void cookie(Decision d, String value, MaskRun run) {
    if (unhunted(value.length(), run)) {
      return;
    }
    if ((value.indexOf('%') >= 0 || value.indexOf('+') >= 0) && readsAsItsMask(d, value, run)) {
      return;
    }
    if (value.indexOf('%') >= 0) {
      decoded(d, Percent.decode(value, false), run);
    }
    if (value.indexOf('+') >= 0) {
      decoded(d, Percent.decode(value, true), run);
    }
  }

  /**
   * Records {@code v}, a decoded reading of a masked value, and its own readings ({@link #of}): a
   * cookie {@code Bearer%20<token>} that js-cookie wrote and the server decodes is read as {@code
   * Bearer <token>}, whose token an echo elsewhere may show alone.
   */
  private static void decoded(Decision d, String v, MaskRun run) {
    if (onlyBlanks(v)) {
      // Blanks only (a cookie "+" read as a space): no secret beyond the value as sent, which is
      // hunted; hunted, every space of the report was masked, also the one between a kept scheme
      // and its mask ("Digest ***" became "Digest******", masked whole by a second masking: P6).
      // Only the four blanks that format text: a reading of other control characters or Unicode
      // spaces (%01%02..., %E3%80%80...) is a binary value, hunted as any other (left unhunted,
      // its raw echo stayed in headers, body and payloads).
      return;
    }
    run.huntPastLimit(d, v);
    of(d, v, run);
  }

  /** Decodings followed into a layer found past {@code maxDecodeLayers} (base64, percent). */
  private static final int MAX_LAYER_DECODES = 4;

  /**
   * Records {@code text}, a layer found past {@code maxDecodeLayers} and masked with the value
   * around it without being read, and what a receiver reads in it: a JSON layer is hunted by its
   * members (the sweep does that for JSON text); an XML layer by its text, CDATA and attribute
   * values (namespace declarations kept); a form layer by its values, decoded; a base64 or
   * percent-encoded text by its decoding, read the same way (a few decodings at most).
   */
  static void layer(Decision d, String text, MaskRun run) {
    run.huntPastLimit(d, text);
    String t = text;
    for (int k = 0; k <= MAX_LAYER_DECODES; k++) {
      byte[] b = t.strip().getBytes(StandardCharsets.UTF_8);
      if (b.length == 0 || b[0] == '{' || b[0] == '[') {
        return; // JSON: hunted by its members
      }
      if (NestedLayers.looksLikeXml(b, 0)) {
        xmlValues(new String(b, StandardCharsets.UTF_8), d, run);
        return;
      }
      if (NestedLayers.looksLikeForm(b)) {
        formValues(b, d, run);
        return;
      }
      String next = null;
      Base64Text.Decoded bd = Base64Text.decode(b, 0, b.length, false);
      if (bd != null && NestedLayers.printableUtf8(bd.bytes())) {
        next = new String(bd.bytes(), StandardCharsets.UTF_8);
      } else if (t.indexOf('%') >= 0) {
        next = Percent.decode(t, false);
      }
      if (next == null || next.equals(t) || k == MAX_LAYER_DECODES) {
        return;
      }
      run.huntPastLimit(d, next);
      t = next;
    }
  }

  /** Hunts the decoded values of the form text {@code b}. */
  private static void formValues(byte[] b, Decision d, MaskRun run) {
    int n = b.length;
    int i = NestedLayers.formStart(b);
    while (i < n) {
      int end = i;
      while (end < n && b[end] != '&') {
        end++;
      }
      int eq = i;
      while (eq < end && b[eq] != '=') {
        eq++;
      }
      if (eq + 1 < end) {
        String v = Percent.decode(b, eq + 1, end, true);
        if (!v.isBlank()) {
          run.huntPastLimit(d, v);
        }
      }
      i = end + 1;
    }
  }

  /** Hunts the text, CDATA and attribute values of the XML text {@code x}, unescaped. */
  private static void xmlValues(String x, Decision d, MaskRun run) {
    int n = x.length();
    int i = 0;
    while (i < n) {
      int lt = x.indexOf('<', i);
      int textEnd = lt < 0 ? n : lt;
      huntText(x, i, textEnd, d, run);
      if (lt < 0) {
        return;
      }
      if (x.startsWith("<![CDATA[", lt)) {
        int e = x.indexOf("]]>", lt + 9);
        int ce = e < 0 ? n : e;
        String c = x.substring(lt + 9, ce).strip();
        if (!c.isEmpty()) {
          run.huntPastLimit(d, c);
        }
        i = e < 0 ? n : e + 3;
      } else if (x.startsWith("<!--", lt)) {
        int e = x.indexOf("-->", lt + 4);
        i = e < 0 ? n : e + 3;
      } else if (x.startsWith("<?", lt) || x.startsWith("<!", lt)) {
        int e = x.indexOf('>', lt);
        i = e < 0 ? n : e + 1;
      } else {
        i = tag(x, lt + 1, d, run);
      }
    }
  }

  /** Hunts the attribute values of the tag from {@code i}; the index after its {@code >}. */
  private static int tag(String x, int i, Decision d, MaskRun run) {
    int n = x.length();
    while (i < n) {
      char c = x.charAt(i);
      if (c == '>') {
        return i + 1;
      }
      if (c == '"' || c == '\'') {
        int e = x.indexOf(c, i + 1);
        if (!namespaceDeclaration(x, i)) {
          huntText(x, i + 1, e < 0 ? n : e, d, run);
        }
        i = e < 0 ? n : e + 1;
        continue;
      }
      i++;
    }
    return n;
  }

  /**
   * Whether the attribute value whose quote is at {@code q} is that of {@code xmlns} or {@code
   * xmlns:p}: a namespace URI is structure, and hunting it would mask the report's own XML.
   */
  private static boolean namespaceDeclaration(String x, int q) {
    int k = q - 1;
    while (k >= 0 && blank(x.charAt(k))) {
      k--;
    }
    if (k < 0 || x.charAt(k) != '=') {
      return false;
    }
    k--;
    while (k >= 0 && blank(x.charAt(k))) {
      k--;
    }
    int end = k + 1;
    while (k >= 0 && !blank(x.charAt(k)) && "<\"'".indexOf(x.charAt(k)) < 0) {
      k--;
    }
    int start = k + 1;
    return x.startsWith("xmlns", start)
        && (end - start == 5 || end - start > 6 && x.charAt(start + 5) == ':');
  }

  /** Hunts {@code x[from, to)} with XML's character references decoded, when not blank. */
  private static void huntText(String x, int from, int to, Decision d, MaskRun run) {
    String t = x.substring(from, to);
    if (t.indexOf('&') >= 0) {
      byte[] b = t.getBytes(StandardCharsets.UTF_8);
      t = XmlScanner.decodeReferences(b, 0, b.length, StandardCharsets.UTF_8); // as it reads XML
    }
    t = t.strip();
    if (!t.isEmpty()) {
      run.huntPastLimit(d, t);
    }
  }

  /**
   * Records the values of a multipart text {@code b[from, to)} masked whole without being read (no
   * usable boundary, too many boundary candidates, nested too deeply), as any boundary would frame
   * them: each text after a blank line up to the next line that starts with {@code --}, without
   * the line break before that line.
   */
  static void multipartValues(Decision d, byte[] b, int from, int to, MaskRun run) {
    int i = from;
    while (i < to) {
      int vs = -1;
      // The next blank line (LF LF, or LF CR LF).
      for (int k = i; k < to; k++) {
        if (b[k] == '\n') {
          int m = k + 1;
          if (m < to && b[m] == '\r') {
            m++;
          }
          if (m < to && b[m] == '\n') {
            vs = m + 1;
            break;
          }
        }
      }
      if (vs < 0 || vs >= to) {
        return;
      }
      int ve = vs;
      int k = vs;
      while (true) {
        while (k < to && b[k] != '\n') {
          k++;
        }
        if (k >= to) {
          ve = to;
          break;
        }
        if (k + 2 < to && b[k + 1] == '-' && b[k + 2] == '-') {
          ve = k > vs && b[k - 1] == '\r' ? k - 1 : k;
          break;
        }
        k++;
      }
      String v = new String(b, vs, ve - vs, StandardCharsets.UTF_8).strip();
      if (!v.isEmpty()) {
        run.huntPastLimit(d, v);
      }
      i = Math.max(ve, vs);
      if (i == vs && ve == vs) {
        i++;
      }
    }
  }

  /** Whether every char of {@code v} is a {@link #blank} (true when empty). */
  private static boolean onlyBlanks(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (!blank(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a receiver's trim drops {@code c} at a value's edge: Java's {@code trim()} (every
   * char up to the space: NUL, form feed, vertical tab), PHP's {@code trim()}, and the Unicode
   * spaces, NEL and BOM that JavaScript's {@code trim()}, Python's {@code strip()} and Go's {@code
   * strings.TrimSpace} drop ({@code U+00A0}, {@code U+3000}, {@code U+2028}, {@code U+FEFF}).
   */
  private static boolean trims(char c) {
    return c <= ' ' || c >= 0x80 && (c == '\u0085' || c == '\ufeff' || Character.isSpaceChar(c));
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
