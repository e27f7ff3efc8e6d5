package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskingOptions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** keep_first and keep_last count code points, star the rest, and star short values whole. */
final class ActionsKeepTest {

  private final Actions actions = new Actions(MaskingOptions.defaults());

  /** The plain definition: by code points, with String operations. */
  private static String reference(String v, int count, boolean first) {
    int[] cps = v.codePoints().toArray();
    if (cps.length < 2 * count) {
      return "*".repeat(cps.length);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cps.length; i++) {
      boolean kept = first ? i < count : i >= cps.length - count;
      b.append(kept ? new String(Character.toChars(cps[i])) : "*");
    }
    return b.toString();
  }

  @Test
  void examples() {
    assertThat(actions.apply(new MaskAction.KeepLast(4), "4111111111111111"))
        .isEqualTo("************1111");
    assertThat(actions.apply(new MaskAction.KeepFirst(2), "abcdef")).isEqualTo("ab****");
    assertThat(actions.apply(new MaskAction.KeepLast(4), "1234567")).isEqualTo("*******");
    assertThat(actions.apply(new MaskAction.KeepLast(1), "x\uD83D\uDE00y\uD83D\uDE01"))
        .isEqualTo("***\uD83D\uDE01");
    assertThat(actions.apply(new MaskAction.KeepFirst(1), "\uD83D\uDE00abc"))
        .isEqualTo("\uD83D\uDE00***");
  }

  @Test
  void agreesWithTheDefinitionOnGeneratedValues() {
    Random r = new Random(11);
    String[] pieces = {"a", "7", "é", "\uD83D\uDE00", "*", " "};
    for (int round = 0; round < 5000; round++) {
      StringBuilder v = new StringBuilder();
      int n = r.nextInt(24);
      for (int i = 0; i < n; i++) {
        v.append(pieces[r.nextInt(pieces.length)]);
      }
      int count = 1 + r.nextInt(8);
      boolean first = r.nextBoolean();
      MaskAction a = first ? new MaskAction.KeepFirst(count) : new MaskAction.KeepLast(count);
      assertThat(actions.apply(a, v.toString())).as("round %d", round)
          .isEqualTo(reference(v.toString(), count, first));
    }
  }
}
