package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
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
}
