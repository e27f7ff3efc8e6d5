package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import java.nio.charset.StandardCharsets;

/**
 * The readings of a masked value that a receiver takes besides the text the scanner masked,
 * recorded for the residual sweep under the same decision (no note of their own), so that an echo
 * of what the receiver reads is masked elsewhere in the report too: the password of a {@code
 * Basic} credential once its base64 is decoded, the secret parameters of a {@code Digest} (or
 * OAuth, AWS signature) credential, the token after a scheme word in a value masked whole, a value
 * without the blanks around it, a cookie value percent-decoded.
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
    if (n == 0) {
      return;
    }
    int s = 0;
    int e = n;
    while (s < e && blank(original.charAt(s))) {
      s++;
    }
    while (e > s && blank(original.charAt(e - 1))) {
      e--;
    }
    if (s < e && (s > 0 || e < n)) {
      run.huntPastLimit(d, original.substring(s, e));
    }
    char c = original.charAt(s < e ? s : 0);
    if (c < 'A' || c > 'z' || e - s < 7) {
      return; // no scheme word
    }
    int w = s;
    while (w < e && !blank(original.charAt(w))) {
      w++;
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
    if (Ascii.equalsIgnoreCase(scheme, "Basic")) {
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
    if (value.indexOf('%') >= 0) {
      run.huntPastLimit(d, Percent.decode(value, false));
    }
    if (value.indexOf('+') >= 0) {
      run.huntPastLimit(d, Percent.decode(value, true));
    }
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
