package dev.masking.core.internal;

import dev.masking.core.Ascii;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Which scanner a body goes to: from Content-Type, checked against the bytes. When the declared
 * type is missing or contradicts the bytes, the bytes win: an attacker picks the header, and the
 * application behind the node may sniff just the same.
 */
public enum BodyFormat {
  /** application/x-www-form-urlencoded. */
  FORM,
  /** JSON. */
  JSON,
  /**
   * XML: declared as {@code application/xml}, {@code text/xml}, {@code application/soap+xml} or any
   * other {@code .../xml} or {@code ...+xml} type, or found by its first character {@code <} (after
   * a byte order mark and whitespace, in UTF-8, UTF-16 or UTF-32); see {@link XmlScanner}.
   */
  XML,
  /** multipart/*: {@link MultipartScanner}. */
  MULTIPART,
  /** Anything else: no fields; only a rule on the whole body selects it. */
  OTHER,
  /** No body. */
  EMPTY;

  /**
   * Detects the format of {@code body[from,to)} declared as {@code contentType} (may be null).
   */
  public static BodyFormat detect(String contentType, byte[] body, int from, int to) {
    if (from >= to) {
      return EMPTY;
    }
    BodyFormat declared = declared(contentType);
    BodyFormat sniffed = sniff(body, from, to);
    if (declared == MULTIPART) {
      return MULTIPART;
    }
    if (declared == sniffed) {
      return declared;
    }
    if (declared == JSON && sniffed == OTHER) {
      return JSON; // invalid JSON goes to the JSON scanner's lenient fallback
    }
    if (sniffed != OTHER) {
      return sniffed;
    }
    return declared;
  }

  /** Whether {@code contentType} (may be null) declares {@code application/x-www-form-urlencoded}. */
  public static boolean declaredForm(String contentType) {
    return declared(contentType) == FORM;
  }

  static BodyFormat declared(String contentType) {
    if (contentType == null) {
      return OTHER;
    }
    // The media type: the text before the first ';', without the characters up to a space at
    // either end (as String.trim), compared ASCII-case-insensitively; read in place, no copies.
    String ct = contentType;
    int n = ct.length();
    int s = 0;
    while (s < n && ct.charAt(s) <= ' ') {
      s++;
    }
    int e = ct.indexOf(';', s);
    if (e < 0) {
      e = n;
    }
    while (e > s && ct.charAt(e - 1) <= ' ') {
      e--;
    }
    if (is(ct, s, e, "application/x-www-form-urlencoded")) {
      return FORM;
    }
    if (startsWith(ct, s, e, "multipart/")) {
      return MULTIPART;
    }
    if (endsWith(ct, s, e, "/json") || endsWith(ct, s, e, "+json") || endsWith(ct, s, e, "/x-json")
        || is(ct, s, e, "application/jsonl") || is(ct, s, e, "application/x-ndjson")) {
      return JSON;
    }
    if (endsWith(ct, s, e, "/xml") || endsWith(ct, s, e, "+xml")) {
      return XML;
    }
    return OTHER;
  }

  /** Whether {@code s[from, to)} is {@code lower} (lower case ASCII) ignoring ASCII case. */
  private static boolean is(String s, int from, int to, String lower) {
    return to - from == lower.length() && at(s, from, lower);
  }

  private static boolean startsWith(String s, int from, int to, String lower) {
    return to - from >= lower.length() && at(s, from, lower);
  }

  private static boolean endsWith(String s, int from, int to, String lower) {
    return to - from >= lower.length() && at(s, to - lower.length(), lower);
  }

  /** Whether {@code lower} appears at {@code s[at]}, ignoring ASCII case. */
  private static boolean at(String s, int at, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      if (Ascii.lower(s.charAt(at + i)) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static BodyFormat sniff(byte[] b, int from, int to) {
    java.nio.charset.Charset wide = WideJson.detect(b, from, to);
    if (wide != null) {
      return sniffWide(b, from, to, wide);
    }
    if (XmlScanner.isEbcdic(b, from, to)) {
      return XML; // masked whole by the XML scanner: it cannot be read byte by byte
    }
    int i = from;
    if (to - i >= 3 && (b[i] & 0xff) == 0xEF && (b[i + 1] & 0xff) == 0xBB
        && (b[i + 2] & 0xff) == 0xBF) {
      i += 3;
    }
    while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    if (i >= to) {
      return OTHER;
    }
    byte c = b[i];
    if (c == '{' || c == '[') {
      return JSON;
    }
    if (c == '<') {
      return XML;
    }
    if (c == '-' && i + 1 < to && b[i + 1] == '-' && !pemBegin(b, i, to)) {
      return MULTIPART; // a body that starts with a boundary line
    }
    return looksLikeForm(b, i, to) ? FORM : OTHER;
  }

  /** The format of a UTF-16 or UTF-32 body, by its first character that is not a space. */
  private static BodyFormat sniffWide(byte[] b, int from, int to, java.nio.charset.Charset cs) {
    int n = Math.min(to - from, 64);
    String head = new String(b, from, n, cs);
    for (int k = 0; k < head.length(); k++) {
      char c = head.charAt(k);
      if (c == '\uFEFF' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      if (c == '<') {
        return XML;
      }
      return c == '{' || c == '[' ? JSON : OTHER;
    }
    return OTHER;
  }

  private static final byte[] PEM_BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

  /**
   * Whether {@code b[i, to)} starts with a PEM armor line ({@code -----BEGIN }): a key or
   * certificate sent as the body (curl --data-binary @key.pem) is text for the value detectors,
   * not a multipart body whose first boundary would hide the armor from the key detector.
   */
  private static boolean pemBegin(byte[] b, int i, int to) {
    return to - i >= PEM_BEGIN.length
        && Arrays.equals(b, i, i + PEM_BEGIN.length, PEM_BEGIN, 0, PEM_BEGIN.length);
  }

  /** A name made of URL-safe characters, then '=' within the first 256 bytes, and no raw CR/LF. */
  private static boolean looksLikeForm(byte[] b, int from, int to) {
    int limit = Math.min(to, from + 256);
    for (int i = from; i < limit; i++) {
      byte c = b[i];
      if (c == '=') {
        return i > from && noLineBreaks(b, i, Math.min(to, from + 4096));
      }
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '_' || c == '-' || c == '.' || c == '%' || c == '[' || c == ']' || c == '+'
          || c == '*' || c == '~';
      if (!ok) {
        return false;
      }
    }
    return false;
  }

  private static boolean noLineBreaks(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return false;
      }
    }
    return true;
  }
}
