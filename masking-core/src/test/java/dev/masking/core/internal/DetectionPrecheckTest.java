package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.detect.Detector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@link Detection#mayFind}'s narrower shapes (card and SSN digits counted only in a run of
 * digits, spaces and dashes that starts a word; URL userinfo only with an {@code @} in the
 * authority) never skip a value {@link Detection#find} finds something in, on random texts built
 * from the pieces those rules look at.
 */
final class DetectionPrecheckTest {

  private static final String[] PIECES = {
    "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005",
    "123-45-6789", "078 05 1120", "0", "12", "345", "6789", "0000", " ", "-", "--", "  ", "a", "Z",
    "é", "€", "x", "_", ".", "://", "https://", "u:p@", "@", "host", "/", "?", "#", "\"", "'",
    ":", "//", "-----BEGIN ", "RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----",
    "eyJhbGciOiJIUzI1NiJ9", ".e30.", "sig", "AKIAIOSFODNN7EXAMPLE", "DE89370400440532013000",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyz", "xoxb-123456789012-abcdefghijkl",
    "sk_live_0123456789abcdefABCDEF", "a@b.co", "f1a3-e89b-12d3-a456-426614174000",
    "s://a/b@c", "4222222222222", "1234 ", "AIzaSyA-1234567890abcdefghijklmnopqrstu", "gh",
    "github_pat_", "xox", "xoxp-", "rk_live_", "J", "B", "A", "AS", "IA",
    // Characters beyond U+00FF (the string test reads them as '?'), one a surrogate pair, and
    // ones whose low byte is an ASCII trigger ('@', 'A', '0', '-'), then an ASCII '?'.
    "\u0140", "\u0141", "\u0130", "\u0430", "\u2010", "\ud83d\ude00", "?", "u:p\u20ac@",
  };

  /** Text put before and after a planted secret: each keeps a word boundary next to it. */
  private static final String[] FILLERS = {
    " ", "ab ", "é ", "€-", ": ", "x.", "A_", "12 ", "\n", "/?", "\"", "--",
  };

  private static List<Detection> engines() {
    List<Detection> engines = new ArrayList<>();
    engines.add(new Detection(Arrays.asList(Detector.values())));
    for (Detector d : Detector.values()) {
      engines.add(new Detection(List.of(d)));
    }
    engines.add(new Detection(List.of(Detector.CARD, Detector.URL_PASSWORD, Detector.JWT)));
    return engines;
  }

  @Test
  void byteTestSaysYesWhereverFindFindsSomethingInRandomTexts() {
    List<Detection> engines = engines();
    Random r = new Random(5);
    Detection.Spans spans = new Detection.Spans();
    int found = 0;
    for (int n = 0; n < 40_000; n++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + r.nextInt(8);
      for (int p = 0; p < parts; p++) {
        String f = PIECES[r.nextInt(PIECES.length)];
        if (r.nextInt(3) == 0 && f.length() > 2) {
          int s = r.nextInt(f.length());
          f = f.substring(s, s + 1 + r.nextInt(f.length() - s));
        }
        sb.append(f);
      }
      String v = sb.toString();
      byte[] b = v.getBytes(UTF_8);
      byte[] padded = new byte[b.length + 6];
      Arrays.fill(padded, (byte) '7'); // digits and letters around must not matter
      System.arraycopy(b, 0, padded, 3, b.length);
      for (Detection d : engines) {
        // The string test answers as the byte test on the string's UTF-8 bytes, always.
        assertThat(d.mayFind(v, new byte[1][])).as("value %s", v)
            .isEqualTo(v.length() >= d.minLength() && d.mayFind(b, 0, b.length));
        spans.clear();
        d.find(v, spans);
        if (spans.size() > 0) {
          found++;
          assertThat(d.mayFind(b, 0, b.length)).as("value %s", v).isTrue();
          assertThat(d.mayFind(padded, 3, 3 + b.length)).as("value %s", v).isTrue();
          assertThat(d.mayFind(v, new byte[1][])).as("value %s", v).isTrue();
        }
      }
    }
    assertThat(found).isGreaterThan(10_000);
  }

  /**
   * {@code v} as the content of a JSON string: quotes, backslashes and controls escaped as
   * Jackson does, and, at random, other ASCII characters as a backslash-u escape (either hex case)
   * and slashes as a backslash-slash; non-ASCII characters stay raw.
   */
  private static String jsonContent(String v, Random r) {
    String quoted = new String(
        com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(v));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        int end = quoted.charAt(i + 1) == 'u' ? i + 6 : i + 2;
        sb.append(quoted, i, end); // an escape Jackson wrote: kept whole
        i = end - 1;
        continue;
      }
      int pick = r.nextInt(8);
      if (c < 0x80 && pick == 0) {
        String hex = String.format(java.util.Locale.ROOT, "%04x", (int) c);
        sb.append("\\u").append(r.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
      } else if (c == '/' && pick < 4) {
        sb.append("\\/");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Test
  void jsonTestAnswersAsTheByteTestOnTheDecodedTextInRandomTexts() {
    List<Detection> engines = engines();
    Random r = new Random(11);
    Detection.Spans spans = new Detection.Spans();
    int found = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + r.nextInt(8);
      for (int p = 0; p < parts; p++) {
        String f = PIECES[r.nextInt(PIECES.length)];
        if (r.nextInt(3) == 0 && f.length() > 2) {
          int s = r.nextInt(f.length());
          f = f.substring(s, s + 1 + r.nextInt(f.length() - s));
        }
        sb.append(f);
        if (r.nextInt(4) == 0) {
          sb.append("\"\\/\n\t\u0001".charAt(r.nextInt(6)));
        }
      }
      String v = sb.toString();
      byte[] utf8 = v.getBytes(UTF_8);
      byte[] json = jsonContent(v, r).getBytes(UTF_8);
      byte[] padded = new byte[json.length + 4];
      Arrays.fill(padded, (byte) '\\'); // bytes around must not be read
      System.arraycopy(json, 0, padded, 2, json.length);
      for (Detection d : engines) {
        boolean want = d.mayFind(utf8, 0, utf8.length);
        assertThat(d.mayFindJson(json, 0, json.length, new byte[1][])).as("value %s", v)
            .isEqualTo(want);
        assertThat(d.mayFindJson(padded, 2, 2 + json.length, new byte[1][])).as("value %s", v)
            .isEqualTo(want);
        spans.clear();
        d.find(v, spans);
        if (spans.size() > 0) {
          found++;
          assertThat(want).as("value %s", v).isTrue();
        }
      }
    }
    assertThat(found).isGreaterThan(5_000);
  }

  @Test
  void jsonTestSaysYesForMalformedEscapesAndNoForShortOrPlainOnes() {
    Detection d = new Detection(Arrays.asList(Detector.values()));
    for (String c : List.of("abcdefgh\\", "abcdefgh\\x", "abcdefgh\\u12", "abcdefgh\\u12G4")) {
      byte[] b = c.getBytes(UTF_8);
      assertThat(d.mayFindJson(b, 0, b.length, new byte[1][])).as(c).isTrue();
    }
    for (String c : List.of("Bob \\\"Bobby\\\" Tables", "caf\\u00e9 \\u2603 \\n second line",
        "\\u0061\\u0062")) {
      byte[] b = c.getBytes(UTF_8);
      assertThat(d.mayFindJson(b, 0, b.length, new byte[1][])).as(c).isFalse();
    }
    byte[] b = "x \\u0034111111111111111".getBytes(UTF_8); // "x 4111111111111111"
    assertThat(d.mayFindJson(b, 0, b.length, new byte[1][])).isTrue();
  }

  @Test
  void byteTestSaysYesForEverySecretOfTheTableAtEveryAlignment() {
    List<Detection> engines = engines();
    Detection.Spans spans = new Detection.Spans();
    int found = 0;
    for (Arguments row : DetectionTest.rows()) {
      String secret = (String) row.get()[0];
      for (String filler : FILLERS) {
        for (int pad = 0; pad < 19; pad++) {
          String v = filler.repeat(pad / filler.length() + 1).substring(0, pad) + secret
              + filler.repeat(1 + pad % 3);
          byte[] b = v.getBytes(UTF_8);
          for (Detection d : engines) {
            spans.clear();
            d.find(v, spans);
            if (spans.size() == 0) {
              continue;
            }
            found++;
            assertThat(d.mayFind(b, 0, b.length)).as("value %s", v).isTrue();
            assertThat(d.mayFind(v, new byte[1][])).as("value %s", v).isTrue();
            for (int off = 1; off < 9; off++) {
              byte[] padded = new byte[b.length + off + 9];
              Arrays.fill(padded, (byte) 'a');
              System.arraycopy(b, 0, padded, off, b.length);
              assertThat(d.mayFind(padded, off, off + b.length)).as("value %s at %d", v, off)
                  .isTrue();
            }
          }
        }
      }
    }
    assertThat(found).isGreaterThan(5_000);
  }

  /** Characters the string test reads other than as their UTF-8 bytes, ASCII '?' last. */
  private static final String[] WIDE = {
    "\u0140", "\u0141", "\u0130", "\u0430", "\u20ac", "\u2010", "\ud83d\ude00", "\u00e9",
    "\u0080", "?",
  };

  @Test
  void stringTestSaysYesForEverySecretOfTheTableWithAWideCharacterAnywhere() {
    // Every table value with a character beyond U+00FF (or a surrogate pair, or a '?') put at
    // every position, also inside the secret (in a URL's authority it ends none, for find): where
    // find still finds something, both tests say yes and agree.
    List<Detection> engines = engines();
    Detection.Spans spans = new Detection.Spans();
    int found = 0;
    for (Arguments row : DetectionTest.rows()) {
      String value = (String) row.get()[0];
      for (String wide : WIDE) {
        for (int at = 0; at <= value.length(); at++) {
          String v = value.substring(0, at) + wide + value.substring(at);
          byte[] b = v.getBytes(UTF_8);
          for (Detection d : engines) {
            boolean string = d.mayFind(v, new byte[1][]);
            assertThat(string).as("value %s", v)
                .isEqualTo(v.length() >= d.minLength() && d.mayFind(b, 0, b.length));
            spans.clear();
            d.find(v, spans);
            if (spans.size() > 0) {
              found++;
              assertThat(string).as("value %s", v).isTrue();
            }
          }
        }
      }
    }
    assertThat(found).isGreaterThan(8_000);
  }

  @Test
  void stringTestSaysYesForUrlPasswordsWithWideCharactersInTheAuthority() {
    Detection d = new Detection(List.of(Detector.URL_PASSWORD));
    for (String v : List.of("https://u\u20ac:p@h/", "https://u:p\u20acss@h/",
        "x://\u0141:\u0140@h", "s://u:\ud83d\ude00pw@host", "a://u:p\u2010w\u2010@h?q")) {
      assertThat(DetectionTest.find(v, java.util.EnumSet.of(Detector.URL_PASSWORD))).as(v)
          .isNotEmpty();
      assertThat(d.mayFind(v, new byte[1][])).as(v).isTrue();
    }
    // An ASCII '?' ends the authority for find, not for the pre-check (the looser side).
    String q = "https://host?u:p@x";
    byte[] b = q.getBytes(UTF_8);
    assertThat(DetectionTest.find(q, java.util.EnumSet.of(Detector.URL_PASSWORD))).isEmpty();
    assertThat(d.mayFind(b, 0, b.length)).isTrue();
  }

  @Test
  void byteTestFindsUrlUserinfoAfterAnEarlierUrlAndAnEarlierAt() {
    Detection d = new Detection(List.of(Detector.URL_PASSWORD));
    for (String v : List.of("s://a/b@c s://u:p@h", "x://a b@c https://u:pw@h", "@@ a://b:c@d",
        "a://x/ b://y/ c://u:p@h/ d://z/")) {
      byte[] b = v.getBytes(UTF_8);
      assertThat(DetectionTest.find(v, java.util.EnumSet.of(Detector.URL_PASSWORD))).as(v)
          .isNotEmpty();
      assertThat(d.mayFind(b, 0, b.length)).as(v).isTrue();
    }
    for (String v : List.of("s://a/b@c", "https://host/a@b", "a://b c@d", "http://h:1/?q=@")) {
      byte[] b = v.getBytes(UTF_8);
      assertThat(d.mayFind(b, 0, b.length)).as(v).isFalse();
    }
  }

  @Test
  void byteTestCostsLinearTimeOnHostileValues() {
    Detection d = new Detection(Arrays.asList(Detector.values()));
    String[] hostile = {
      "a://b".repeat(50_000) + "@", "://".repeat(80_000), "1 ".repeat(100_000),
      "4111-".repeat(50_000) + "x", "-".repeat(200_000), "eyJ".repeat(60_000),
    };
    for (String h : hostile) {
      byte[] b = h.getBytes(UTF_8);
      long t0 = System.nanoTime();
      for (int k = 0; k < 10; k++) {
        d.mayFind(b, 0, b.length);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ms).as("%s...", h.substring(0, 12)).isLessThan(2_000);
    }
  }

  @Test
  void byteTestSkipsUuidsNumbersAfterLettersAndUrlsWithoutUserinfo() {
    Detection d = new Detection(List.of(Detector.CARD, Detector.URL_PASSWORD, Detector.JWT,
        Detector.PRIVATE_KEY, Detector.AWS_ACCESS_KEY, Detector.GOOGLE_API_KEY,
        Detector.GITHUB_TOKEN, Detector.SLACK_TOKEN, Detector.STRIPE_KEY));
    for (String v : List.of("00012345-e89b-12d3-a456-426614174000", "a4111111111111111",
        "ord-2026-000123", "ts 1763700000", "https://shop.example/cart?step=2",
        "please deliver after 3 pm, ring twice", "user-1234567-890", "Customer 12 of Springfield",
        "see https://www.example.com/x?y=1", "BEGINNERS -- ok", "xoxo, ghost", "github pat",
        "123456789012 x", "é1234567890€12", "176370000012",
        // Shorter than every shape without an '@' (a GitHub token has 33 characters at least).
        "github_pat_x", "ghp_abcdefgh", "xoxb-1234567", "id AKIAIOSFO")) {
      byte[] b = v.getBytes(UTF_8);
      assertThat(d.mayFind(b, 0, b.length)).as(v).isFalse();
    }
    for (String v : List.of("x 4111111111111111", "card: 4111-1111-1111-1111",
        "https://u:pw@shop.example/", "t=eyJhbGciOiJIUzI1NiJ9.e30.sig", "é 4111111111111111",
        "-----BEGIN RSA PRIVATE KEY-----", "id AKIAIOSFODNN7EXAMPLE", "xoxb-1234567890",
        "x github_pat_x", "x ghp_abcdefgh", "x sk_live_abc", "u://:p@h")) {
      byte[] b = v.getBytes(UTF_8);
      assertThat(d.mayFind(b, 0, b.length)).as(v).isTrue();
    }
  }

  /**
   * The one-table test reads one table for every engine (the shapes of inactive detectors are
   * told apart by the engine): their bytes, and digits without a digit detector, let no value past
   * it, while the active detector's own shape still does, on bytes, strings and JSON content.
   */
  @Test
  void oneTableTestIgnoresTheBytesOfInactiveDetectorsShapes() {
    String others = "eyJ4 -B xo- AKIA _ 4111111111111111 DE";
    Detection email = new Detection(List.of(Detector.EMAIL));
    Detection card = new Detection(List.of(Detector.CARD));
    Detection slack = new Detection(List.of(Detector.SLACK_TOKEN));
    for (Detection d : List.of(email, slack)) {
      assertNo(d, others);
    }
    assertNo(card, "eyJ4 -B xo- AKIA _ 411111111111 DE @ x"); // 12 digits, all but an '@' group
    assertYes(email, others + " a@b.co");
    assertYes(card, "eyJ4 -B xo- " + "x 4111111111111111");
    assertYes(slack, "eyJ4 -B AKIA _ xoxb-1234567890 DE");
  }

  private static void assertNo(Detection d, String v) {
    byte[] b = v.getBytes(UTF_8);
    assertThat(b.length).isLessThanOrEqualTo(64);
    assertThat(d.mayFind(b, 0, b.length)).as(v).isFalse();
    assertThat(d.mayFind(v, new byte[1][])).as(v).isFalse();
    assertThat(d.mayFindJson(b, 0, b.length, new byte[1][])).as(v).isFalse();
  }

  private static void assertYes(Detection d, String v) {
    byte[] b = v.getBytes(UTF_8);
    assertThat(d.mayFind(b, 0, b.length)).as(v).isTrue();
    assertThat(d.mayFind(v, new byte[1][])).as(v).isTrue();
    assertThat(d.mayFindJson(b, 0, b.length, new byte[1][])).as(v).isTrue();
  }
}
