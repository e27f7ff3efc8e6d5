package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The JSON scanner's eight-bytes-at-a-time digit test ({@link JsonScanner#nonDigits}) against a
 * byte loop: every byte value at every position of a word, and every pair of adjacent bytes (so
 * every carry of the addition into the next byte), give the first non-digit where the loop does.
 */
final class JsonDigitsReviewTest {

  private static int reference(long w) {
    for (int k = 0; k < 8; k++) {
      int b = (int) (w >>> (8 * k)) & 0xFF;
      if (b < '0' || b > '9') {
        return k;
      }
    }
    return 8;
  }

  private static int fast(long w) {
    long m = JsonScanner.nonDigits(w);
    return m == 0 ? 8 : Long.numberOfTrailingZeros(m) >>> 3;
  }

  private static long with(long w, int at, int b) {
    return w & ~(0xFFL << (8 * at)) | (long) b << (8 * at);
  }

  @Test
  void everyByteAndEveryAdjacentPairFindTheFirstNonDigitLikeAByteLoop() {
    int checked = 0;
    for (int digit = '0'; digit <= '9'; digit++) {
      long base = 0x0101010101010101L * digit;
      assertThat(fast(base)).isEqualTo(8);
      for (int at = 0; at < 8; at++) {
        for (int x = 0; x < 256; x++) {
          long w = with(base, at, x);
          assertThat(fast(w)).as("byte %d at %d", x, at).isEqualTo(reference(w));
          checked++;
          if (at < 7 && (digit == '0' || digit == '9')) {
            for (int y = 0; y < 256; y++) {
              long v = with(w, at + 1, y);
              assertThat(fast(v)).as("bytes %d %d at %d", x, y, at).isEqualTo(reference(v));
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(900_000);
  }
}
