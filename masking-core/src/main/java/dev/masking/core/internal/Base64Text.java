package dev.masking.core.internal;

/**
 * Base64 and base64url as values carry them: decodes while remembering the alphabet and whether
 * the text was padded, and encodes new bytes the same way, so a nested value is written back in
 * the encoding it came in. No line breaks or other characters are accepted inside the text.
 * Stateless and thread-safe.
 */
final class Base64Text {
  private static final byte[] STD =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
          java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(
          java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < 64; i++) {
      VALUES[STD[i]] = (byte) i;
      VALUES[URL[i]] = (byte) i;
    }
  }

  /**
   * A decoded text and how it was written.
   *
   * @param bytes the decoded bytes
   * @param url whether the base64url alphabet is written ({@code -_})
   * @param padded whether {@code =} padding is written
   */
  record Decoded(byte[] bytes, boolean url, boolean padded) {
    @Override
    public String toString() {
      return "Base64Text.Decoded[" + bytes.length + " bytes]";
    }
  }

  private Base64Text() {}

  /** Whether {@code c} is a character of either alphabet (not padding). */
  static boolean alphabet(int c) {
    return c < 128 && c >= 0 && VALUES[c] >= 0;
  }

  /**
   * Decodes {@code s[from, to)}, or returns null when it is not base64 of one alphabet with correct
   * padding (or none).
   *
   * @param urlHint how to write an ambiguous text (neither {@code +/} nor {@code -_}, unpadded,
   *     a multiple of four long) when re-encoded: base64url in a JWT, else standard
   */
  static Decoded decode(byte[] s, int from, int to, boolean urlHint) {
    int end = to;
    int pads = 0;
    while (end > from && s[end - 1] == '=' && pads < 3) {
      end--;
      pads++;
    }
    int n = end - from;
    if (n < 2 || pads > 2 || n % 4 == 1 || pads > 0 && (n + pads) % 4 != 0) {
      return null;
    }
    boolean std = false;
    boolean url = false;
    for (int i = from; i < end; i++) {
      int c = s[i];
      if (c < 0 || VALUES[c] < 0) {
        return null;
      }
      if (c == '+' || c == '/') {
        std = true;
      } else if (c == '-' || c == '_') {
        url = true;
      }
    }
    if (std && url) {
      return null;
    }
    byte[] out = new byte[n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1)];
    int o = 0;
    int i = from;
    while (end - i >= 4) {
      int v = VALUES[s[i]] << 18 | VALUES[s[i + 1]] << 12 | VALUES[s[i + 2]] << 6
          | VALUES[s[i + 3]];
      out[o++] = (byte) (v >> 16);
      out[o++] = (byte) (v >> 8);
      out[o++] = (byte) v;
      i += 4;
    }
    int rest = end - i;
    if (rest == 2) {
      int v = VALUES[s[i]] << 18 | VALUES[s[i + 1]] << 12;
      out[o++] = (byte) (v >> 16);
    } else if (rest == 3) {
      int v = VALUES[s[i]] << 18 | VALUES[s[i + 1]] << 12 | VALUES[s[i + 2]] << 6;
      out[o++] = (byte) (v >> 16);
      out[o++] = (byte) (v >> 8);
    }
    boolean writeUrl = url || !std && (pads == 0 && (urlHint || n % 4 != 0));
    boolean padded = pads > 0 || n % 4 == 0 && !writeUrl;
    return new Decoded(out, writeUrl, padded);
  }

  /** The first decoded byte of {@code s[from, to)} if it starts with two alphabet characters. */
  static int firstByte(byte[] s, int from, int to) {
    if (to - from < 2 || !alphabet(s[from]) || !alphabet(s[from + 1])) {
      return -1;
    }
    return (VALUES[s[from]] << 2 | VALUES[s[from + 1]] >> 4) & 0xff;
  }

  /** The 6-bit value of alphabet character {@code c}. */
  static int value(char c) {
    return VALUES[c];
  }

  /** {@link #firstByte(byte[], int, int)} of a string's first two characters. */
  static int firstByte(String s) {
    if (s.length() < 2 || !alphabet(s.charAt(0)) || !alphabet(s.charAt(1))) {
      return -1;
    }
    return (VALUES[s.charAt(0)] << 2 | VALUES[s.charAt(1)] >> 4) & 0xff;
  }

  /** Encodes {@code data} in the given alphabet, with or without padding. */
  static byte[] encode(byte[] data, boolean url, boolean padded) {
    byte[] a = url ? URL : STD;
    int full = data.length / 3;
    int rest = data.length % 3;
    int len = full * 4 + (rest == 0 ? 0 : padded ? 4 : rest + 1);
    byte[] out = new byte[len];
    int o = 0;
    int i = 0;
    for (int k = 0; k < full; k++) {
      int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
      out[o++] = a[v >> 18 & 63];
      out[o++] = a[v >> 12 & 63];
      out[o++] = a[v >> 6 & 63];
      out[o++] = a[v & 63];
      i += 3;
    }
    if (rest > 0) {
      int v = (data[i] & 0xff) << 16 | (rest == 2 ? (data[i + 1] & 0xff) << 8 : 0);
      out[o++] = a[v >> 18 & 63];
      out[o++] = a[v >> 12 & 63];
      if (rest == 2) {
        out[o++] = a[v >> 6 & 63];
      } else if (padded) {
        out[o++] = '=';
      }
      if (padded) {
        out[o++] = '=';
      }
    }
    return out;
  }
}
