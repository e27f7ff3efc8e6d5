package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The payload pieces' alphabet as the matcher gives it ({@link Echoes#asciiAlphabet}, from the
 * byte sets collected with the values' flags): every ASCII char of every hunted value, a masked
 * container's members as decoded among them.
 */
final class EchoesAlphabetTest {

  private static boolean has(long[] a, char c) {
    return (a[c >>> 6] & 1L << c) != 0;
  }

  @Test
  void holdsEveryAsciiCharOfEveryHuntedValueAndDecodedMember() {
    Random r = new Random(11);
    String alphabet = "aZ09-._~ %+/&<>'\"\\:@=?#*;,!$()\n\t\u007f\u00e9\u20ac\ud800GHIJ";
    for (int round = 0; round < 400; round++) {
      MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
      run.push(Step.of("post"));
      List<String> hunted = new ArrayList<>();
      for (int k = 0; k < 1 + r.nextInt(5); k++) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4 + r.nextInt(12); i++) {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        String v = sb.toString();
        if (v.charAt(0) == '{' || v.charAt(0) == '[') {
          continue;
        }
        if (r.nextBoolean()) {
          // A masked container whose member is written with escapes only.
          StringBuilder esc = new StringBuilder();
          for (int i = 0; i < v.length(); i++) {
            esc.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) v.charAt(i)));
          }
          run.mask(new Decision(MaskAction.redact(), "t"), "{\"m\":\"" + esc + "\"}");
        } else {
          run.mask(new Decision(MaskAction.redact(), "t"), v);
        }
        hunted.add(v);
      }
      Echoes e = Echoes.of(run, r.nextBoolean()); // byte sets collected with the flags, or not
      if (e == null) {
        continue;
      }
      long[] a = e.asciiAlphabet();
      for (String v : hunted) {
        if (!Echoes.hunted(v, 4)) {
          continue;
        }
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (c < 128) {
            assertThat(has(a, c)).as("%s in %s", (int) c, v).isTrue();
          }
        }
      }
    }
  }
}
