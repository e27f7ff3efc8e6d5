package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Canary for the cheap gates in front of the other readings of a masked value (a blank right
 * after a prefix as long as a scheme word, an {@code =} in a non-Basic credential, the sweep's
 * minimum length): every reading those gates let through before is still hunted.
 */
final class OtherReadingsGateCanaryTest {

  private static final String SECRET = "Kv7pQ2xWm9";

  private static String mask(String reportJson, MaskingOptions o) {
    MaskedReport m = Masker.of(RuleSet.preset("default"), o).mask(ReportJson.read(reportJson));
    return new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
  }

  private static String report(String uri, String headers, String body) {
    return "{\"request\":{\"method\":\"POST\",\"uri\":\"" + uri + "\",\"headers\":[" + headers
        + "],\"body\":\"" + body + "\"}}";
  }

  @Test
  void tokenAfterEverySchemeWordLengthIsHunted() {
    String[] schemes = {"NTLM", "Basic", "Token", "OAuth", "Bearer", "Digest", "Negotiate",
        "AWS4-HMAC-SHA256", "bearer", "NEGOTIATE"};
    for (String scheme : schemes) {
      String token = SECRET + scheme.length();
      String out = mask(report("/x?echo=" + token,
          "[\"Content-Type\",\"application/json\"]",
          "{\\\"authorization\\\":\\\"" + scheme + " " + token + "\\\"}"),
          MaskingOptions.defaults());
      assertThat(out).as(scheme).doesNotContain(token);
    }
  }

  @Test
  void blanksAroundAValueAreTrimmedAtEitherEnd() {
    for (String v : new String[] {" " + SECRET, SECRET + " ", "\t" + SECRET + "\n",
        "\u00a0" + SECRET}) {
      String json = v.replace("\t", "\\\\t").replace("\n", "\\\\n");
      String out = mask(report("/x?echo=" + SECRET, "[\"Content-Type\",\"application/json\"]",
          "{\\\"password\\\":\\\"" + json + "\\\"}"), MaskingOptions.defaults());
      assertThat(out).doesNotContain(SECRET);
    }
  }

  @Test
  void digestResponseAndPaddedTokenParamsAreHunted() {
    String out = mask(report("/x?r=" + SECRET + "&s=" + SECRET + "Sig",
        "[\"Authorization\",\"Digest username=\\\"bob\\\", response=\\\"" + SECRET + "\\\"\"],"
            + "[\"Proxy-Authorization\",\"OAuth oauth_signature=" + SECRET + "Sig\"]", ""),
        MaskingOptions.defaults());
    assertThat(out).doesNotContain(SECRET);
  }

  @Test
  void readingsShorterThanTheMinimumAreNotHuntedButLongerOnesAre() {
    // residualMinLength 12: the 10-character token after "Bearer " is not hunted; the whole
    // value (17 characters) still is.
    MaskingOptions o = MaskingOptions.builder().residualMinLength(12).build();
    String out = mask(report("/x?echo=" + SECRET + "&whole=Bearer%20" + SECRET,
        "[\"Content-Type\",\"application/json\"]",
        "{\\\"authorization\\\":\\\"Bearer " + SECRET + "\\\"}"), o);
    assertThat(out).contains("echo=" + SECRET).doesNotContain("Bearer%20" + SECRET);
  }
}
