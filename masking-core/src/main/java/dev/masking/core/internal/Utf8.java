package dev.masking.core.internal;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
public final class Utf8 {
  private Utf8() {}

  /** Whether {@code b} is well-formed UTF-8, so that decoding and re-encoding gives the same bytes. */
  public static boolean isValid(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int len = sequenceLength(b, i, n);
      if (len < 0) {
        return false;
      }
      i += len;
    }
    return true;
  }

  /**
   * The length of the well-formed UTF-8 sequence starting at {@code b[i]} and ending before {@code
   * n} (1 to 4), or -1 when it is malformed, overlong, a surrogate, past U+10FFFF or truncated.
   */
  public static int sequenceLength(byte[] b, int i, int n) {
    int c = b[i] & 0xFF;
    if (c < 0x80) {
      return 1;
    }
    int need;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) {
        lo = 0xA0;
      } else if (c == 0xED) {
        hi = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) {
        lo = 0x90;
      } else if (c == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return -1;
    }
    if (i + need >= n) {
      return -1;
    }
    int second = b[i + 1] & 0xFF;
    if (second < lo || second > hi) {
      return -1;
    }
    for (int k = 2; k <= need; k++) {
      int cont = b[i + k] & 0xFF;
      if (cont < 0x80 || cont > 0xBF) {
        return -1;
      }
    }
    return need + 1;
  }
}
