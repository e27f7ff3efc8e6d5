package dev.masking.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of URI and form text, and percent-encoding of masks.
 *
 * <p>Decoding is lenient and total: {@code %XX} with two hex digits becomes that byte, an invalid
 * escape ({@code %zz}, a trailing {@code %} or {@code %4}) stays literal, {@code +} becomes a space
 * when asked (query strings and form bodies), and the bytes are read as UTF-8 with every malformed
 * or overlong sequence ({@code %C0%AE}) replaced by U+FFFD. Encoding keeps the unreserved
 * characters {@code A-Za-z0-9-._~} and {@code *} and {@code :} raw (so the redact token and HMAC
 * masks read as written) and writes every other UTF-8 byte as {@code %XX} in upper-case hex.
 *
 * <p>Stateless and thread-safe. No method throws on any input text.
 */
public final class Percent {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private Percent() {}

  /**
   * Decodes {@code src[from, to)}.
   *
   * @param plusAsSpace whether {@code +} means a space (query strings and form bodies)
   */
  public static String decode(byte[] src, int from, int to, boolean plusAsSpace) {
    int i = from;
    while (i < to) {
      byte b = src[i];
      if (b == '%' || b == '+' && plusAsSpace) {
        break;
      }
      i++;
    }
    if (i == to) {
      // No escape at all: the common case, decoded without a scratch copy.
      return new String(src, from, to - from, StandardCharsets.UTF_8);
    }
    byte[] buf = new byte[to - from];
    int n = i - from;
    System.arraycopy(src, from, buf, 0, n);
    while (i < to) {
      byte b = src[i];
      if (b == '%') {
        int hi = i + 1 < to ? PercentStyle.hex(src[i + 1]) : -1;
        int lo = i + 2 < to ? PercentStyle.hex(src[i + 2]) : -1;
        if (hi >= 0 && lo >= 0) {
          buf[n++] = (byte) (hi << 4 | lo);
          i += 3;
          continue;
        }
        buf[n++] = b;
      } else if (b == '+' && plusAsSpace) {
        buf[n++] = ' ';
      } else {
        buf[n++] = b;
      }
      i++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  /**
   * Decodes {@code s[from, to)}; characters outside ASCII are taken as their UTF-8 bytes.
   *
   * @param plusAsSpace whether {@code +} means a space
   */
  public static String decode(String s, int from, int to, boolean plusAsSpace) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '%' || c == '+' && plusAsSpace) {
        break;
      }
      i++;
    }
    if (i == to) {
      return s.substring(from, to);
    }
    byte[] b = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
    return decode(b, 0, b.length, plusAsSpace);
  }

  /** Decodes all of {@code s}. */
  public static String decode(String s, boolean plusAsSpace) {
    return decode(s, 0, s.length(), plusAsSpace);
  }

  /** Percent-encodes {@code s} as UTF-8 bytes. */
  public static byte[] encode(String s) {
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    int extra = 0;
    for (byte b : raw) {
      if (!keepsRaw(b)) {
        extra += 2;
      }
    }
    if (extra == 0) {
      return raw;
    }
    byte[] out = new byte[raw.length + extra];
    int n = 0;
    for (byte b : raw) {
      if (keepsRaw(b)) {
        out[n++] = b;
      } else {
        out[n++] = '%';
        out[n++] = HEX[(b >> 4) & 0xf];
        out[n++] = HEX[b & 0xf];
      }
    }
    return out;
  }

  /** Percent-encodes {@code s}, as a string. */
  public static String encodeToString(String s) {
    return new String(encode(s), StandardCharsets.US_ASCII);
  }

  private static boolean keepsRaw(byte b) {
    return b >= 'a' && b <= 'z'
        || b >= 'A' && b <= 'Z'
        || b >= '0' && b <= '9'
        || b == '-' || b == '.' || b == '_' || b == '~' || b == '*' || b == ':';
  }
}
