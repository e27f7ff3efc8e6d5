package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Review of the readings the residual sweep hunts besides a masked value's own text (trimmed, a
 * scheme's credential, a Basic credential decoded, a cookie decoded, a layer past the limit):
 * idempotence and bounded cost on hostile input.
 */
final class OtherReadingsReviewTest {

  private static String mask(Masker m, String reportJson) {
    return mask(m, reportJson, false);
  }

  private static String mask(Masker m, String reportJson, boolean notes) {
    MaskedReport r = m.mask(ReportJson.read(reportJson));
    return new String(ReportJson.write(r, notes), StandardCharsets.UTF_8);
  }

  private static String jsonReport(String bodyEscaped) {
    return "{\"request\":{\"method\":\"POST\",\"uri\":\"/x\",\"headers\":[[\"Content-Type\","
        + "\"application/json\"]],\"body\":\"" + bodyEscaped + "\"}}";
  }

  @Test
  void keepFirstMaskKeepingTheSchemeWordIsStableOnASecondMasking() {
    Masker m = Masker.of(RuleSet.parse("[{\"id\":\"kf\",\"names\":[\"auth\"],\"action\":"
        + "{\"type\":\"keep_first\",\"count\":8}},{\"id\":\"tok\",\"names\":[\"auth2\"],"
        + "\"action\":{\"type\":\"redact\",\"token\":\"Bearer [hidden]\"}}]", "kf.json"));
    String in = jsonReport("{\\\"auth\\\":\\\"Bearer abcdefghij\\\","
        + "\\\"auth2\\\":\\\"Bearer klmnopqrst\\\",\\\"n\\\":\\\"abcdefghij klmnopqrst\\\"}");
    String once = mask(m, in);
    assertThat(once).doesNotContain("abcdefghij").doesNotContain("klmnopqrst")
        .contains("Bearer a*********");
    assertThat(mask(m, once)).isEqualTo(once);
  }

  @Test
  void xmlLayerPastTheLimitWithManyAmpersandsIsReadInLinearTime() {
    String xml = "<r><a>" + "&".repeat(2_000_000) + "</a></r>";
    String b64 = Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    String in = jsonReport("{\\\"note\\\":\\\"" + b64 + "\\\"}");
    Masker m = Masker.of(RuleSet.preset("default"),
        MaskingOptions.builder().maxDecodeLayers(1).build());
    String out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> mask(m, in, true));
    assertThat(out).contains("maxDecodeLayers").doesNotContain(b64);
  }

  @Test
  void valueWithBlanksOtherReceiversTrimIsHuntedTrimmed() {
    Masker m = Masker.of(RuleSet.preset("default"));
    // NBSP (JavaScript, Python, Go), NUL and form feed (Java's trim, PHP), ideographic space, BOM.
    for (String ws : new String[] {"\\\\u00a0", "\\\\u0000", "\\\\f", "\\\\u3000", "\\\\ufeff"}) {
      String in = "{\"request\":{\"method\":\"POST\",\"uri\":\"/x?e=Zq9sEcrVal77\","
          + "\"headers\":[[\"Content-Type\",\"application/json\"]],\"body\":"
          + "\"{\\\"password\\\":\\\"" + ws + "Zq9sEcrVal77" + ws + "\\\"}\"}}";
      assertThat(mask(m, in)).as(ws).doesNotContain("Zq9sEcrVal77");
    }
  }

  @Test
  void cookieHoldingAnEncodedSchemeAndTokenHasTheTokenHunted() {
    Masker m = Masker.of(RuleSet.preset("default"));
    String in = "{\"request\":{\"method\":\"GET\","
        + "\"uri\":\"/x?e=Zq9sOpaqueTok55&f=Zq9sPadded77\","
        + "\"headers\":[[\"Cookie\",\"token=Bearer%20Zq9sOpaqueTok55; session=%20Zq9sPadded77%20\"]]}}";
    assertThat(mask(m, in)).doesNotContain("Zq9sOpaqueTok55").doesNotContain("Zq9sPadded77");
  }
}
