package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON scanner's folded nested-layer pre-check of numbers ({@link
 * JsonScanner#numberMayHoldLayer}) never answers "no" where the full pre-check ({@link
 * NestedLayers#promising(byte[], int, int)}) answers "maybe", on random JSON numbers and on planted
 * ones of every length and shape.
 */
final class JsonNumberPrecheckTest {

  private static String randomNumber(Random r) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(4) == 0) {
      b.append('-');
    }
    if (r.nextInt(6) == 0) {
      b.append('0');
    } else {
      b.append((char) ('1' + r.nextInt(9)));
      int digits = r.nextInt(24);
      for (int i = 0; i < digits; i++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
    }
    if (r.nextInt(3) == 0) {
      b.append('.');
      int digits = 1 + r.nextInt(12);
      for (int i = 0; i < digits; i++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
    }
    if (r.nextInt(5) == 0) {
      b.append(r.nextBoolean() ? 'e' : 'E');
      int sign = r.nextInt(3);
      if (sign > 0) {
        b.append(sign == 1 ? '+' : '-');
      }
      int digits = 1 + r.nextInt(4);
      for (int i = 0; i < digits; i++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
    }
    return b.toString();
  }

  private static List<String> planted() {
    List<String> out = new ArrayList<>();
    String digits = "8564531234567890123456789012345678901234";
    for (int n = 1; n <= digits.length(); n++) {
      String d = digits.substring(0, n);
      out.add(d);
      out.add("-" + d);
      out.add(d + ".5");
      out.add("0." + d);
      out.add(d + "e1");
      out.add(d + "E+12");
      out.add("-" + d + ".25e-3");
    }
    for (String s : new String[] {"0", "-0", "1e5", "1E+5", "-1e-5", "9999", "99999", "123456",
        "4111111111111111", "-4111111111111111", "1234.5678", "1e+10"}) {
      out.add(s);
    }
    return out;
  }

  private static void check(String s) {
    byte[] b = ("x" + s + "y").getBytes(UTF_8);
    int from = 1;
    int to = b.length - 1;
    if (NestedLayers.promising(b, from, to)) {
      assertThat(JsonScanner.numberMayHoldLayer(b, from, to)).as(s).isTrue();
    }
    if (s.indexOf('.') < 0) {
      // Without a fraction the fold gives the full test's own answer (it calls its last step).
      assertThat(JsonScanner.numberMayHoldLayer(b, from, to)).as(s)
          .isEqualTo(NestedLayers.promising(b, from, to));
    }
  }

  @Test
  void foldedNumberPrecheckSaysMaybeWhereverTheFullOneDoes() {
    Random r = new Random(7);
    int maybes = 0;
    for (int i = 0; i < 200_000; i++) {
      String s = randomNumber(r);
      check(s);
      byte[] b = s.getBytes(UTF_8);
      if (NestedLayers.promising(b, 0, b.length)) {
        maybes++;
      }
    }
    assertThat(maybes).as("the full pre-check says maybe for some numbers").isGreaterThan(1000);
    for (String s : planted()) {
      check(s);
    }
  }

  @Test
  void numbersWithAFractionOrABase64ImpossibleLengthAreAnsweredWithoutTheFullTest() {
    for (String s : new String[] {"166.8", "-0.25", "12", "12345", "123456789", "1.5e10"}) {
      byte[] b = s.getBytes(UTF_8);
      assertThat(JsonScanner.numberMayHoldLayer(b, 0, b.length)).as(s).isFalse();
      assertThat(NestedLayers.promising(b, 0, b.length)).as(s).isFalse();
    }
  }
}
