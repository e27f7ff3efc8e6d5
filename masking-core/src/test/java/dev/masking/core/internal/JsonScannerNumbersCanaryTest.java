package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the JSON scanner's number walk, which finds the end of a run of digits eight bytes
 * at a time: secret numbers of every length at every alignment (and ending within eight bytes of
 * the input's end) never survive, the numbers around them stay byte-identical, and malformed
 * numbers still make the scan fall back.
 */
final class JsonScannerNumbersCanaryTest {

  private static final Decision PIN = new Decision(MaskAction.redact(), "pin");

  private static final MaskPolicy PINS = f -> f.name() != null && f.name().startsWith("pin")
      ? PIN : null;

  @Test
  void selectedNumbersNeverSurviveAtAnyAlignmentOrLength() throws Exception {
    int checked = 0;
    for (int pad = 0; pad < 9; pad++) {
      for (int len = 1; len <= 20; len++) {
        String digits = "9".repeat(len - 1) + (len % 10);
        String secret = "7" + digits.substring(1);
        List<String> shapes = List.of(secret, "-" + secret, secret + ".5", secret + "e7",
            "0." + secret, secret + ".1" + secret + "E-12");
        for (String n : shapes) {
          String plain = "1" + "0".repeat(len);
          String doc = "{\"pad\":\"" + "p".repeat(pad) + "\",\"a\":" + plain + ",\"pin\":" + n
              + ",\"b\":[" + plain + ",-" + plain + ".25e+3],\"pin2\":" + n + "}";
          byte[] json = doc.getBytes(UTF_8);
          JsonTesting.parse(doc);
          JsonTesting.Result r = JsonTesting.scan(json, PINS, MaskingOptions.defaults());
          assertThat(r.fellBack()).isFalse();
          String expected = "{\"pad\":\"" + "p".repeat(pad) + "\",\"a\":" + plain
              + ",\"pin\":\"***\",\"b\":[" + plain + ",-" + plain + ".25e+3],\"pin2\":\"***\"}";
          assertThat(r.text()).as(doc).isEqualTo(expected);
          assertThat(Leaks.found(r.bytes(), secret)).as(doc).isNull();
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(9 * 20 * 6);
  }

  @Test
  void malformedNumbersAtEveryAlignmentFallBack() {
    for (int pad = 0; pad < 9; pad++) {
      for (String bad : List.of("12.", "1.e5", "1e", "-", "01", "1.2.3", "12a", "1e+")) {
        String doc = "{\"pad\":\"" + "p".repeat(pad) + "\",\"pin\":\"CANARY-9\",\"n\":" + bad
            + ",\"pin2\":\"CANARY-8\"}";
        JsonTesting.Result r = JsonTesting.scan(doc.getBytes(UTF_8), PINS,
            MaskingOptions.defaults());
        assertThat(r.fellBack()).as(doc).isTrue();
        assertThat(Leaks.found(r.bytes(), "CANARY-9")).as(doc).isNull();
        assertThat(Leaks.found(r.bytes(), "CANARY-8")).as(doc).isNull();
      }
    }
  }

  @Test
  void nonDigitsFindsTheFirstNonDigitOfEveryWord() {
    Random random = new Random(7);
    byte[] b = new byte[8];
    for (int round = 0; round < 200_000; round++) {
      for (int k = 0; k < 8; k++) {
        int pick = random.nextInt(4);
        b[k] = (byte) (pick < 2 ? '0' + random.nextInt(10)
            : pick == 2 ? random.nextInt(256) : "/:09+-.eE\u00ff\u00fa".charAt(random.nextInt(11)));
      }
      long w = 0;
      for (int k = 7; k >= 0; k--) {
        w = w << 8 | (b[k] & 0xFF);
      }
      int expected = 8;
      for (int k = 0; k < 8; k++) {
        if (b[k] < '0' || b[k] > '9') {
          expected = k;
          break;
        }
      }
      long m = JsonScanner.nonDigits(w);
      int got = m == 0 ? 8 : Long.numberOfTrailingZeros(m) >>> 3;
      assertThat(got).isEqualTo(expected);
    }
  }
}
