package dev.masking.core.internal;

/**
 * Finds the part of a JSON string's content that a rewrite changed, so that only that part is
 * written anew and the unchanged start and end keep their escapes as sent ({@code \/}, {@code
 * \u003c}, upper- or lower-case hex). Stateless and thread-safe.
 */
final class JsonStyle {
  private JsonStyle() {}

  /**
   * The changed span of the escaped content {@code src[cs, ce)} (between the quotes), whose decoded
   * text is {@code original}, against {@code replaced}: {@code {byteStart, byteEnd, charStart,
   * charEnd}} where {@code src[byteStart, byteEnd)} is replaced by {@code replaced[charStart,
   * charEnd)}; or null when the span cannot be mapped exactly (the caller rewrites the whole
   * string).
   */
  static int[] changedSpan(byte[] src, int cs, int ce, String original, String replaced) {
    int lo = original.length();
    int ln = replaced.length();
    int max = Math.min(lo, ln);
    int p = 0;
    while (p < max && original.charAt(p) == replaced.charAt(p)) {
      p++;
    }
    int q = 0;
    while (q < max - p && original.charAt(lo - 1 - q) == replaced.charAt(ln - 1 - q)) {
      q++;
    }
    // Never split a surrogate pair: it may be one UTF-8 sequence or two escapes.
    if (p > 0 && Character.isHighSurrogate(original.charAt(p - 1))) {
      p--;
    }
    if (q > 0 && Character.isLowSurrogate(original.charAt(lo - q))) {
      q--;
    }
    int bp = offset(src, cs, ce, p);
    int bq = offset(src, cs, ce, lo - q);
    if (bp < 0 || bq < 0 || bq < bp) {
      return null;
    }
    // Check the mapping: invalid UTF-8 or odd escapes decode to other lengths; then give up.
    if (!JsonEscapes.decode(src, cs, bp).equals(original.substring(0, p))
        || !JsonEscapes.decode(src, bq, ce).equals(original.substring(lo - q))) {
      return null;
    }
    return new int[] {bp, bq, p, ln - q};
  }

  /** The byte offset in {@code src[cs, ce)} after {@code chars} decoded UTF-16 units, or -1. */
  private static int offset(byte[] src, int cs, int ce, int chars) {
    int i = cs;
    int n = 0;
    while (n < chars) {
      if (i >= ce) {
        return -1;
      }
      int b = src[i] & 0xff;
      if (b == '\\') {
        i += i + 1 < ce && src[i + 1] == 'u' ? 6 : 2;
        n++;
      } else if (b < 0x80) {
        i++;
        n++;
      } else if (b >= 0xf0) {
        i += 4;
        n += 2;
      } else if (b >= 0xe0) {
        i += 3;
        n++;
      } else {
        i += 2;
        n++;
      }
    }
    return n == chars && i <= ce ? i : -1;
  }
}
