package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import dev.masking.core.Attack;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Attack payloads are samples of the request: often a window of the value at their point,
 * truncated, or at a point named more coarsely than the masked one. What a payload shows of a
 * masked value must not go beyond what the request shows of it.
 */
final class PayloadReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static String mask(String reportJson) {
    MaskedReport m = DEFAULT.mask(ReportJson.read(reportJson));
    return new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
  }

  /** mask(mask(x)) == mask(x), notes left out. */
  private static void assertIdempotent(String out) {
    AttackReport once = ReportJson.read(out);
    String a = new String(ReportJson.write(once), StandardCharsets.UTF_8);
    String b = new String(ReportJson.write(DEFAULT.mask(once).report()), StandardCharsets.UTF_8);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void truncatedPayloadAtAKeepLastPointDoesNotShowMiddleDigits() {
    String out = mask("{\"request\":{\"method\":\"POST\",\"uri\":\"/pay\",\"headers\":[[\"Content-Type\","
        + "\"application/x-www-form-urlencoded\"]],\"body\":\"cc_number=4111222233334444'--\"},"
        + "\"attacks\":[{\"type\":\"sqli\",\"point\":[\"post\",\"form_urlencoded\",\"cc_number\"],"
        + "\"payload\":\"41112222333\"}]}");
    assertThat(out).doesNotContain("2333").doesNotContain("4111")
        .contains("\"payload\":\"***********\"");
  }

  @Test
  void payloadEqualToTheValueAtAKeepLastPointKeepsWhatTheRequestKeeps() {
    String out = mask("{\"request\":{\"method\":\"POST\",\"uri\":\"/pay\",\"headers\":[[\"Content-Type\","
        + "\"application/x-www-form-urlencoded\"]],\"body\":\"cc_number=4111222233334444'--\"},"
        + "\"attacks\":[{\"type\":\"sqli\",\"point\":[\"post\",\"form_urlencoded\",\"cc_number\"],"
        + "\"payload\":\"4111222233334444'--\"}]}");
    assertThat(out).contains("\"payload\":\"***************4'--\"").doesNotContain("3334");
    assertIdempotent(out);
  }

  private static final String LOGIN = "{\"request\":{\"method\":\"POST\","
      + "\"uri\":\"/login?token=tok123secretABC&next=%2Fhome\",\"headers\":[[\"Content-Type\","
      + "\"application/x-www-form-urlencoded\"],[\"Cookie\",\"session=sess98765secret; x=1\"]],"
      + "\"body\":\"user=bob&password=hunter2secretXYZ' OR 1=1--&z=1\"},\"attacks\":[";

  @Test
  void payloadAtACoarserPointStartingInsideAMaskedValueLosesThatPiece() {
    String out = mask(LOGIN + "{\"type\":\"sqli\",\"point\":[\"post\"],"
        + "\"payload\":\"secretXYZ' OR 1=1--&z=1\"}]}");
    assertThat(out).doesNotContain("secretXYZ").doesNotContain("XYZ'")
        .contains("\"payload\":\"***&z=1\"");
    assertIdempotent(out);
  }

  @Test
  void truncatedPayloadEndingInsideAMaskedValueLosesThatPiece() {
    String out = mask(LOGIN + "{\"type\":\"xss\",\"point\":[\"get_all\"],"
        + "\"payload\":\"token=tok123secretAB\"},{\"type\":\"xss\",\"point\":[\"uri\"],"
        + "\"payload\":\"/login?token=tok123sec\"},{\"type\":\"xss\",\"point\":[\"header\","
        + "\"COOKIE\"],\"payload\":\"x=1; session=sess98765sec\"}]}");
    assertThat(out).doesNotContain("tok123").doesNotContain("sess98765")
        .contains("\"payload\":\"token=***\"").contains("\"payload\":\"/login?token=***\"")
        .contains("\"payload\":\"x=1; session=***\"");
    assertIdempotent(out);
  }

  @Test
  void payloadLyingInsideAMaskedValueAtAnotherPointIsMaskedWhole() {
    String out = mask(LOGIN + "{\"type\":\"sqli\",\"point\":[\"post\"],"
        + "\"payload\":\"2secretXYZ' OR 1=1\"}]}");
    assertThat(out).doesNotContain("secretXYZ").contains("\"payload\":\"***\"");
  }

  @Test
  void percentEncodedPieceOfAMaskedValueIsMasked() {
    String out = mask(LOGIN + "{\"type\":\"sqli\",\"point\":[\"post\"],"
        + "\"payload\":\"x=1&z=hunter2secretXYZ%27%20OR%201\"}]}");
    assertThat(out).doesNotContain("hunter2").contains("\"payload\":\"x=1&z=***\"");
  }

  @Test
  void payloadsSharingNoPieceOfAMaskedValueAreKeptExactly() {
    String out = mask(LOGIN + "{\"type\":\"sqli\",\"point\":[\"post\"],\"payload\":\"' UNION "
        + "SELECT 1--\"},{\"type\":\"sqli\",\"point\":[\"get\",\"next\"],\"payload\":\"/home\"},"
        + "{\"type\":\"sqli\",\"point\":[\"post\"],\"payload\":\"user=bob&pass\"}]}");
    assertThat(out).contains("\"payload\":\"' UNION SELECT 1--\"").contains("\"payload\":\"/home\"")
        .contains("\"payload\":\"user=bob&pass\"");
  }

  @Test
  void noWindowOfTheBodyShowsFourCharactersOfTheSecret() {
    Random rnd = new Random(7);
    for (int round = 0; round < 300; round++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 24; i++) {
        sb.append((char) ('A' + rnd.nextInt(26)));
      }
      String secret = sb.toString();
      String body = "user=bob&password=" + secret + "&z=1--x";
      int at = body.indexOf(secret);
      List<Attack> attacks = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        int from = rnd.nextInt(at + secret.length() - 4);
        int to = Math.max(from + 4, at + 4) + rnd.nextInt(body.length() - Math.max(from + 4, at + 4));
        attacks.add(new Attack("sqli", Point.of(Step.of("post")), null, body.substring(from, to),
            Map.of()));
      }
      HttpRequest req = HttpRequest.builder().method("POST").uri("/login")
          .header("Content-Type", "application/x-www-form-urlencoded").body(body).build();
      MaskedReport m = DEFAULT.mask(new AttackReport("r", null, req, attacks, Map.of()));
      for (int k = 0; k < attacks.size(); k++) {
        String p = m.report().attacks().get(k).payload();
        for (int i = 0; i + 4 <= secret.length(); i++) {
          assertThat(p).as("%s in %s from %s", secret, p, attacks.get(k).payload())
              .doesNotContain(secret.substring(i, i + 4));
        }
      }
    }
  }

  @Test
  void manyPayloadsAgainstALargeMaskedValueStayWithinTheWorkBudget() {
    String big = "Q".repeat(1 << 20);
    List<Attack> attacks = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      attacks.add(new Attack("sqli", Point.of(Step.of("post")), null, "QQQQ" + "Q".repeat(k) + "R",
          Map.of()));
    }
    HttpRequest req = HttpRequest.builder().method("POST").uri("/login")
        .header("Content-Type", "application/x-www-form-urlencoded").body("password=" + big)
        .build();
    Masker m = Masker.of(RuleSet.preset("default"),
        MaskingOptions.builder().maxWorkBytes(32L << 20).build());
    long t0 = System.nanoTime();
    MaskedReport out = m.mask(new AttackReport("r", null, req, attacks, Map.of()));
    assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L);
    for (Attack a : out.report().attacks()) {
      assertThat(a.payload()).doesNotContain("QQQQ");
    }
  }
}
