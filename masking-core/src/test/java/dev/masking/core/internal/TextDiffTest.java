package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

final class TextDiffTest {

  /** Applies the hunks of {@code a} against {@code b} to {@code a}. */
  private static String apply(String a, String b, int[] h) {
    StringBuilder sb = new StringBuilder();
    int done = 0;
    for (int x = 0; x < h.length; x += 4) {
      assertThat(h[x]).isGreaterThanOrEqualTo(done);
      sb.append(a, done, h[x]).append(b, h[x + 2], h[x + 3]);
      done = h[x + 1];
    }
    return sb.append(a, done, a.length()).toString();
  }

  @Test
  void twoMasksGiveTwoHunksAndKeepTheTextBetween() {
    String a = "x 4111111111111111 <b> 5500000000000004 y";
    String b = "x ************1111 <b> ************0004 y";
    int[] h = TextDiff.hunks(a, b);
    assertThat(apply(a, b, h)).isEqualTo(b);
    int s = a.indexOf(" <b> ");
    for (int x = 0; x < h.length; x += 4) {
      assertThat(h[x + 1] <= s || h[x] >= s + 5).as("the text between the masks is kept").isTrue();
    }
  }

  @Test
  void equalTextsHaveNoHunksAndTooManyEditsGiveUp() {
    assertThat(TextDiff.hunks("abc", "abc")).isNull();
    assertThat(TextDiff.hunks("a".repeat(500), "b".repeat(500))).isNull();
  }

  @Test
  void aMegabyteOfOneLetterAroundTwoMasksStillGivesItsRanges() {
    String a = "x" + "a".repeat(1 << 20) + "y";
    String b = "*" + "a".repeat((1 << 20) - 100) + "z";
    int[] h = TextDiff.hunks(a, b);
    if (h != null) { // null is allowed: past the comparison budget the caller writes it whole
      assertThat(apply(a, b, h)).isEqualTo(b);
    }
  }

  @Test
  void hunksRebuildTheRewriteAndNeverSplitASurrogatePair() {
    Random rnd = new Random(42);
    String alphabet = "ab*1 \uD83D\uDE00\uD83D\uDE01<&";
    for (int round = 0; round < 20_000; round++) {
      StringBuilder a = new StringBuilder();
      int n = rnd.nextInt(40);
      for (int i = 0; i < n; i++) {
        int k = rnd.nextInt(8);
        a.append(k == 5 ? "\uD83D\uDE00" : k == 6 ? "\uD83D\uDE01" : String.valueOf(
            alphabet.charAt(k < 5 ? k : k + 2)));
      }
      StringBuilder b = new StringBuilder(a);
      int edits = rnd.nextInt(4);
      for (int e = 0; e < edits && b.length() > 0; e++) {
        int s = rnd.nextInt(b.length());
        int t = Math.min(b.length(), s + rnd.nextInt(6));
        if (s > 0 && Character.isLowSurrogate(b.charAt(s))) {
          s--;
        }
        if (t < b.length() && Character.isLowSurrogate(b.charAt(t))) {
          t++;
        }
        b.replace(s, t, rnd.nextBoolean() ? "***" : "\uD83D\uDE01*");
      }
      String as = a.toString();
      String bs = b.toString();
      int[] h = TextDiff.hunks(as, bs);
      if (as.equals(bs)) {
        assertThat(h).isNull();
        continue;
      }
      assertThat(h).isNotNull();
      assertThat(apply(as, bs, h)).isEqualTo(bs);
      for (int x = 0; x < h.length; x += 4) {
        for (int k = 0; k < 2; k++) {
          int i = h[x + k];
          assertThat(i > 0 && i < as.length() && Character.isLowSurrogate(as.charAt(i))).isFalse();
          int j = h[x + 2 + k];
          assertThat(j > 0 && j < bs.length() && Character.isLowSurrogate(bs.charAt(j))).isFalse();
        }
      }
    }
  }
}
