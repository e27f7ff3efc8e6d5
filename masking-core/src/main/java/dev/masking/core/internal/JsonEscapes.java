package dev.masking.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * JSON string escaping on bytes: decodes the content of a quoted JSON string (keys and values) and
 * writes a Java string as a quoted JSON string. Decoding never fails: what cannot be decoded (an
 * invalid escape, a lone surrogate escape, invalid UTF-8) becomes U+FFFD.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonEscapes {
  /** What replaces an undecodable escape or byte sequence. */
  static final char REPLACEMENT = '\uFFFD';

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private JsonEscapes() {}

  /**
   * Decodes the content {@code b[start, end)} of a JSON string (without its quotes). Besides the
   * JSON escapes it accepts {@code \'} (JSON5, single-quoted names in the lenient scan).
   */
  static String decode(byte[] b, int start, int end) {
    int bs = indexOfBackslash(b, start, end);
    if (bs < 0) {
      return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(end - start);
    int run = start;
    int i = bs;
    while (i < end) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (i > run) {
        // A backslash is ASCII, so it never splits a valid UTF-8 sequence.
        sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      }
      i = unescape(b, i, end, sb);
      run = i;
    }
    if (end > run) {
      sb.append(new String(b, run, end - run, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static int indexOfBackslash(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      if (b[i] == '\\') {
        return i;
      }
    }
    return -1;
  }

  /** Decodes the escape at {@code b[i]} (a backslash) into {@code sb}; returns the index after it. */
  private static int unescape(byte[] b, int i, int end, StringBuilder sb) {
    if (i + 1 >= end) {
      sb.append(REPLACEMENT);
      return end;
    }
    byte c = b[i + 1];
    switch (c) {
      case '"', '\\', '/', '\'' -> sb.append((char) c);
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> {
        int cu = hex4(b, i + 2, end);
        if (cu < 0) {
          sb.append(REPLACEMENT);
          return i + 2;
        }
        if (Character.isHighSurrogate((char) cu)) {
          int lowAt = i + 6;
          if (lowAt + 1 < end && b[lowAt] == '\\' && b[lowAt + 1] == 'u') {
            int low = hex4(b, lowAt + 2, end);
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
              sb.append((char) cu).append((char) low);
              return lowAt + 6;
            }
          }
          sb.append(REPLACEMENT);
        } else if (Character.isLowSurrogate((char) cu)) {
          sb.append(REPLACEMENT);
        } else {
          sb.append((char) cu);
        }
        return i + 6;
      }
      default -> sb.append(REPLACEMENT);
    }
    return i + 2;
  }

  private static int hex4(byte[] b, int i, int end) {
    if (i + 4 > end) {
      return -1;
    }
    int v = 0;
    for (int k = i; k < i + 4; k++) {
      int c = b[k];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  /**
   * Writes {@code s} as a quoted JSON string: quote, backslash and control characters escaped, a
   * lone surrogate as a {@code \}{@code uXXXX} escape, everything else as UTF-8.
   */
  static void writeQuoted(ByteSink out, String s) {
    out.write('"');
    writeContent(out, s);
    out.write('"');
  }

  /** Writes {@code s} JSON-escaped as in {@link #writeQuoted}, without the quotes. */
  static void writeContent(ByteSink out, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          out.write('\\');
          out.write(c);
        } else if (c < 0x20) {
          writeControl(out, c);
        } else {
          out.write(c);
        }
      } else if (c < 0x800) {
        out.write(0xC0 | c >> 6);
        out.write(0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          out.write(0xF0 | cp >> 18);
          out.write(0x80 | cp >> 12 & 0x3F);
          out.write(0x80 | cp >> 6 & 0x3F);
          out.write(0x80 | cp & 0x3F);
        } else {
          writeUnicodeEscape(out, c);
        }
      } else {
        out.write(0xE0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      }
    }
  }

  /** {@code s} as a quoted JSON string. */
  static String quote(String s) {
    return '"' + escape(s) + '"';
  }

  /** {@code s} JSON-escaped as in {@link #writeQuoted}, without quotes, as a string. */
  static String escape(String s) {
    ByteSink b = new ByteSink(s.length() + 16);
    writeContent(b, s);
    return new String(b.toByteArray(), StandardCharsets.UTF_8);
  }

  private static void writeControl(ByteSink out, char c) {
    switch (c) {
      case '\n' -> {
        out.write('\\');
        out.write('n');
      }
      case '\r' -> {
        out.write('\\');
        out.write('r');
      }
      case '\t' -> {
        out.write('\\');
        out.write('t');
      }
      case '\b' -> {
        out.write('\\');
        out.write('b');
      }
      case '\f' -> {
        out.write('\\');
        out.write('f');
      }
      default -> writeUnicodeEscape(out, c);
    }
  }

  private static void writeUnicodeEscape(ByteSink out, char c) {
    out.write('\\');
    out.write('u');
    out.write(HEX[c >> 12 & 0xF]);
    out.write(HEX[c >> 8 & 0xF]);
    out.write(HEX[c >> 4 & 0xF]);
    out.write(HEX[c & 0xF]);
  }
}
