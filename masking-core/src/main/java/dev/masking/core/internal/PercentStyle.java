package dev.masking.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding that remembers how each byte was written, and re-encoding that writes new text
 * the same way, so a value rewritten inside a percent-encoded layer keeps its style: which
 * characters were left raw, upper- or lower-case hex, {@code +} or {@code %20} for a space.
 *
 * <p>The unchanged start and end of the decoded text are copied from the original bytes as they
 * were; the changed middle is written byte by byte in the style the original used for that byte
 * (the first way it was written, if it was written several ways), and bytes the original did not
 * hold are written raw when unreserved ({@code A-Za-z0-9-._~} and {@code *}) and as {@code %XX}
 * in the original's hex case otherwise. In the middle {@code %} is never written raw, nor {@code +}
 * where it reads as a space, so re-encoding never creates an escape. Stateless and thread-safe.
 */
final class PercentStyle {
  private static final byte UNSEEN = 0;
  private static final byte RAW = 1;
  private static final byte PLUS = 2;
  private static final byte UPPER = 3;
  private static final byte LOWER = 4;

  private static final byte[] HEX_UP = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_LOW = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * A decoded text and how it was written.
   *
   * @param bytes the decoded bytes
   * @param starts for each decoded byte, where it starts in the encoded text; one more entry for
   *     the end
   * @param style how each byte value was first written
   * @param lowerHex whether the original wrote hex letters in lower case
   * @param plusAsSpace whether {@code +} was read as a space
   */
  record Decoded(byte[] bytes, int[] starts, byte[] style, boolean lowerHex, boolean plusAsSpace) {
    @Override
    public String toString() {
      return "PercentStyle.Decoded[" + bytes.length + " bytes]";
    }
  }

  private PercentStyle() {}

  /**
   * Decodes {@code s[from, to)}, or returns null when it holds no valid {@code %XX} escape. An
   * invalid escape stays literal. {@code +} is read as a space when asked, or (when {@code
   * plusAsSpace} is null) when the text holds a {@code +} and no {@code %20}.
   */
  static Decoded decode(byte[] s, int from, int to, Boolean plusAsSpace) {
    boolean escape = false;
    boolean pct20 = false;
    boolean plus = false;
    for (int i = from; i < to; i++) {
      byte b = s[i];
      if (b == '%' && i + 2 < to && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
        escape = true;
        if (s[i + 1] == '2' && s[i + 2] == '0') {
          pct20 = true;
        }
      } else if (b == '+') {
        plus = true;
      }
    }
    if (!escape) {
      return null;
    }
    boolean spaces = plusAsSpace != null ? plusAsSpace : plus && !pct20;
    return styled(s, from, to, spaces);
  }

  /**
   * Writes {@code replacement}, the new decoded text of the percent-encoded {@code s[from, to)}, in
   * the style of that text: for a scanner writing back a value an inspector rewrote.
   *
   * @param plusAsSpace whether {@code +} reads as a space (query strings and form bodies)
   */
  static byte[] rewrite(byte[] s, int from, int to, boolean plusAsSpace, String replacement) {
    return reencode(s, from, to, styled(s, from, to, plusAsSpace),
        replacement.getBytes(StandardCharsets.UTF_8));
  }

  private static Decoded styled(byte[] s, int from, int to, boolean spaces) {
    byte[] out = new byte[to - from];
    int[] starts = new int[to - from + 1];
    byte[] style = new byte[256];
    int upper = 0;
    int lower = 0;
    int n = 0;
    int i = from;
    while (i < to) {
      starts[n] = i - from;
      byte b = s[i];
      int hi = b == '%' && i + 2 < to ? hex(s[i + 1]) : -1;
      int lo = hi >= 0 ? hex(s[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        int v = hi << 4 | lo;
        byte how = UPPER;
        if (isLowerHex(s[i + 1]) || isLowerHex(s[i + 2])) {
          how = LOWER;
          lower++;
        } else if (s[i + 1] > '9' || s[i + 2] > '9') {
          upper++;
        }
        if (style[v] == UNSEEN) {
          style[v] = how;
        }
        out[n++] = (byte) v;
        i += 3;
      } else if (b == '+' && spaces) {
        if (style[' '] == UNSEEN) {
          style[' '] = PLUS;
        }
        out[n++] = ' ';
        i++;
      } else {
        if (style[b & 0xff] == UNSEEN) {
          style[b & 0xff] = RAW;
        }
        out[n++] = b;
        i++;
      }
    }
    starts[n] = to - from;
    return new Decoded(java.util.Arrays.copyOf(out, n), java.util.Arrays.copyOf(starts, n + 1),
        style, lower > upper, spaces);
  }

  /**
   * Writes {@code replacement} (new decoded bytes) in the style of {@code d}, the decoding of
   * {@code s[from, to)}.
   */
  static byte[] reencode(byte[] s, int from, int to, Decoded d, byte[] replacement) {
    byte[] old = d.bytes();
    int max = Math.min(old.length, replacement.length);
    int p = 0;
    while (p < max && old[p] == replacement[p]) {
      p++;
    }
    int q = 0;
    while (q < max - p && old[old.length - 1 - q] == replacement[replacement.length - 1 - q]) {
      q++;
    }
    ByteSink out = new ByteSink(to - from + 16);
    out.write(s, from, from + d.starts()[p]);
    for (int k = p; k < replacement.length - q; k++) {
      int b = replacement[k] & 0xff;
      byte how = d.style()[b];
      if (how == UNSEEN) {
        how = unreserved(b) ? RAW : d.lowerHex() ? LOWER : UPPER;
      }
      if (b == '%' || b == '+' && d.plusAsSpace() || how == PLUS && b != ' ') {
        how = d.lowerHex() ? LOWER : UPPER;
      }
      if (how == RAW) {
        out.write(b);
      } else if (how == PLUS) {
        out.write('+');
      } else {
        byte[] h = how == LOWER ? HEX_LOW : HEX_UP;
        out.write('%');
        out.write(h[b >> 4]);
        out.write(h[b & 0xf]);
      }
    }
    out.write(s, from + d.starts()[old.length - q], to);
    return out.toByteArray();
  }

  private static boolean unreserved(int b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
        || b == '-' || b == '.' || b == '_' || b == '~' || b == '*';
  }

  private static boolean isLowerHex(byte b) {
    return b >= 'a' && b <= 'f';
  }

  static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
