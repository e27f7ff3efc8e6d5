package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.detect.Detector;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The digit-run test of {@link Detection#mayFind} for values of 8 to 64 bytes that hold enough
 * digits in all for a card or an SSN (one bit per byte, runs joined across single spaces and
 * dashes, run starts checked for a letter before them): it never skips a value in which {@link
 * Detection#find} finds a card or an SSN, wherever the number stands and whatever digits,
 * letters and separators surround it; and it skips UUIDs and numbers glued to a letter.
 */
final class DigitRunPrecheckTest {

  private static final String[] NUMBERS = {"4111111111111111", "4111 1111 1111 1111",
    "4111-1111-1111-1111", "378282246310005", "4222222222222", "6011000990139424",
    "5555 5555 5555 4444", "123-45-6789", "078 05 1120", "3530111333300000",
    "4111111111111111111"};

  private static List<Detection> engines() {
    return List.of(new Detection(EnumSet.of(Detector.CARD)),
        new Detection(EnumSet.of(Detector.US_SSN)),
        new Detection(EnumSet.of(Detector.CARD, Detector.US_SSN, Detector.JWT)),
        new Detection(EnumSet.of(Detector.CARD, Detector.URL_PASSWORD, Detector.GITHUB_TOKEN)));
  }

  private static void assertNotSkipped(Detection d, String v) {
    byte[] b = v.getBytes(UTF_8);
    assertThat(d.mayFind(b, 0, b.length)).as("value [%s]", v).isTrue();
    assertThat(d.mayFind(v, new byte[1][])).as("string [%s]", v).isTrue();
    for (int off = 1; off < 8; off++) {
      byte[] p = new byte[b.length + 2 * off];
      Arrays.fill(p, (byte) '9'); // digits around the value must not join its runs
      System.arraycopy(b, 0, p, off, b.length);
      assertThat(d.mayFind(p, off, off + b.length)).as("value [%s] at %d", v, off).isTrue();
    }
  }

  @Test
  void digitDenseRandomTextsUpToSixtyFourBytesAreNeverSkippedWhereFindFinds() {
    String alphabet = "012345678901234567890123456789  --aZfbc_.\u00e9";
    Random r = new Random(4242);
    Detection.Spans spans = new Detection.Spans();
    int found = 0;
    int skipped = 0;
    for (Detection d : engines()) {
      for (int n = 0; n < 40_000; n++) {
        int len = 8 + r.nextInt(60);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < len) {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        if (r.nextBoolean()) { // a number planted at random, often glued to what surrounds it
          sb.insert(r.nextInt(sb.length() + 1), NUMBERS[r.nextInt(NUMBERS.length)]);
          sb.setLength(Math.min(sb.length(), 64));
        }
        String v = sb.toString();
        spans.clear();
        d.find(v, spans);
        if (spans.size() > 0) {
          found++;
          assertNotSkipped(d, v);
        } else {
          byte[] b = v.getBytes(UTF_8);
          if (!d.mayFind(b, 0, b.length)) {
            skipped++;
          }
        }
      }
    }
    assertThat(found).as("found").isGreaterThan(1000);
    assertThat(skipped).as("skipped").isGreaterThan(1000); // the test does skip values
  }

  @Test
  void everyNumberAtEveryOffsetAmongDigitsLettersAndSeparatorsIsNeverSkipped() {
    String[] fillers = {"0000f77f-e89b-12d3-a456-426614174000", "12 34 56 78 90 12 34 56 78",
        "a1b2c3d4e5f6a7b8c9d0", "1-2-3-4-5-6-7-8-9-0-1-2-3", "ord-2026-000123 ts 1763700000",
        "\u00e912345\u00e967890\u00e9"};
    Detection.Spans spans = new Detection.Spans();
    int found = 0;
    for (Detection d : engines()) {
      for (String number : NUMBERS) {
        for (String f : fillers) {
          for (String glue : new String[] {" ", "-", "_", ".", "/", "\u00e9", ""}) {
            for (int before = 0; before <= f.length(); before++) {
              String v = f.substring(0, before) + glue + number + glue
                  + f.substring(before);
              if (v.getBytes(UTF_8).length > 72) {
                v = v.substring(0, Math.min(v.length(), before + 2 * glue.length()
                    + number.length() + 4));
              }
              spans.clear();
              d.find(v, spans);
              if (spans.size() > 0) {
                found++;
                assertNotSkipped(d, v);
              }
            }
          }
        }
      }
    }
    assertThat(found).isGreaterThan(3000);
  }

  @Test
  void uuidsAndNumbersGluedToLettersAreSkippedUpToSixtyFourBytes() {
    Detection d = new Detection(EnumSet.of(Detector.CARD, Detector.JWT));
    for (String v : List.of("00012345-e89b-12d3-a456-426614174000",
        "12345678-abcd-1234-1234-a23456789012", "a4111111111111111", "x4111 1111 1111 1111",
        "0000f77f-e89b-12d3-a456-426614174000 and 0000f77f-e89b-12d3-a456-4266141740",
        "ts 1763700000 id 20261121 n 1234", "Z123456789012 v123 456 789 0123")) {
      byte[] b = v.getBytes(UTF_8);
      assertThat(d.mayFind(b, 0, b.length)).as(v).isFalse();
    }
  }
}
