package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Limits and fail-closed paths: a value masked whole because a limit tripped must still have its
 * echoes elsewhere in the report hunted, as a value a rule selected has.
 */
final class LimitsReviewTest {

  private static final String SECRET = "Zq9sEcrVal77";

  private static String mask(String reportJson, MaskingOptions o) {
    MaskedReport m = Masker.of(RuleSet.preset("default"), o).mask(ReportJson.read(reportJson));
    return new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
  }

  private static void assertNoSecret(String out) {
    assertThat(out).doesNotContain(SECRET).doesNotContain("Zq9sEcr")
        .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))
            .substring(0, 12));
  }

  @Test
  void queryParameterPastMaxFieldsHasItsEchoesHunted() {
    String report = "{\"request\":{\"method\":\"GET\",\"uri\":\"/x?a=1&b=2&password=" + SECRET
        + "\",\"headers\":[[\"Referer\",\"http://h/?c=" + SECRET + "\"]]},\"attacks\":[{\"type\":"
        + "\"xss\",\"point\":[\"header\",\"USER-AGENT\"],\"payload\":\"" + SECRET + "\"}]}";
    String out = mask(report, MaskingOptions.builder().maxFields(2).build());
    assertNoSecret(out);
    assertThat(out).contains("a=1&b=2&password=***").contains("more parameters than maxFields");
    // at the limit: asked by name, masked by its rule
    assertThat(mask(report, MaskingOptions.builder().maxFields(3).build()))
        .doesNotContain(SECRET).contains("default/password");
  }

  @Test
  void formFieldPastMaxFieldsHasItsEchoesHunted() {
    String report = "{\"request\":{\"method\":\"POST\",\"uri\":\"/x?e=" + SECRET + "\",\"headers\":"
        + "[[\"Content-Type\",\"application/x-www-form-urlencoded\"]],\"body\":\"a=1&b=2&password="
        + SECRET + "\"}}";
    assertNoSecret(mask(report, MaskingOptions.builder().maxFields(2).build()));
  }

  @Test
  void formFieldWithTooDeepBracketsHasItsEchoesHunted() {
    String name = "p" + "[a]".repeat(200);
    String report = "{\"request\":{\"method\":\"GET\",\"uri\":\"/x?" + name + "=" + SECRET
        + "\",\"headers\":[[\"Referer\",\"http://h/?c=" + SECRET + "\"]]}}";
    String out = mask(report, MaskingOptions.defaults());
    assertNoSecret(out);
  }

  @Test
  void cookiePastMaxFieldsHasItsEchoesHunted() {
    String report = "{\"request\":{\"method\":\"GET\",\"uri\":\"/x?c=" + SECRET + "\",\"headers\":"
        + "[[\"Cookie\",\"a=1; b=2; session=\\\"" + SECRET + "\\\"\"]]}}";
    String out = mask(report, MaskingOptions.builder().maxFields(2).build());
    assertNoSecret(out);
    assertThat(out).contains("a=1; b=2; session=***");
  }

  @Test
  void headerPastMaxHeadersHasItsEchoesHunted() {
    String report = "{\"request\":{\"method\":\"POST\",\"uri\":\"/x?q=" + SECRET + "\",\"headers\":"
        + "[[\"A\",\"1\"],[\"B\",\"2\"],[\"X-Api-Key\",\"" + SECRET + "\"],[\"Content-Type\","
        + "\"text/plain\"]],\"body\":\"hi " + SECRET + "\"},\"attacks\":[{\"type\":\"xss\","
        + "\"point\":[\"post\"],\"payload\":\"" + SECRET + "\"}]}";
    String out = mask(report, MaskingOptions.builder().maxHeaders(2).build());
    assertNoSecret(out);
    assertThat(out).contains("[\"A\",\"1\"],[\"B\",\"2\"]").contains("more headers than maxHeaders");
  }

  @Test
  void credentialAndCookiesOfHeadersPastMaxHeadersHaveTheirEchoesHunted() {
    String report = "{\"request\":{\"method\":\"POST\",\"uri\":\"/x?q=" + SECRET + "1&r="
        + SECRET + "2\",\"headers\":[[\"A\",\"1\"],[\"Authorization\",\"Bearer  " + SECRET
        + "1 \"],[\"Cookie\",\"a=b; sid=\\\"" + SECRET + "2\\\", x=y\"]]}}";
    String out = mask(report, MaskingOptions.builder().maxHeaders(1).build());
    assertNoSecret(out);
    assertThat(out).contains("[\"A\",\"1\"]");
  }

  @Test
  void pathSegmentPastMaxFieldsHasItsEchoesHunted() {
    String report = "{\"request\":{\"method\":\"GET\",\"uri\":\"/a/b/c;jsessionid=" + SECRET
        + "/d\",\"headers\":[[\"Referer\",\"http://h/?c=" + SECRET + "\"]]}}";
    String out = mask(report, MaskingOptions.builder().maxFields(2).build());
    assertNoSecret(out);
    assertThat(out).contains("/a/b/***/***").contains("more path segments than maxFields");
  }

  private static String multipart(String echo) {
    String body = "--XX\\r\\nContent-Disposition: form-data; name=\\\"a\\\"\\r\\n\\r\\n1\\r\\n"
        + "--XX\\r\\nContent-Disposition: form-data; name=\\\"password\\\"\\r\\n\\r\\n" + SECRET
        + "\\r\\n--XX--\\r\\n";
    return "{\"request\":{\"method\":\"POST\",\"uri\":\"/x?e=" + echo + "\",\"headers\":"
        + "[[\"Content-Type\",\"multipart/form-data; boundary=XX\"]],\"body\":\"" + body + "\"}}";
  }

  @Test
  void multipartPartPastMaxMultipartPartsHasItsEchoesHunted() {
    String out = mask(multipart(SECRET), MaskingOptions.builder().maxMultipartParts(1).build());
    assertNoSecret(out);
    assertThat(out).contains("name=\\\"a\\\"\\r\\n\\r\\n1\\r\\n--XX\\r\\n***");
  }

  @Test
  void multipartPartWithTooLongHeaderHasItsEchoesHunted() {
    assertNoSecret(mask(multipart(SECRET), MaskingOptions.builder().maxPartHeaderBytes(20).build()));
  }

  @Test
  void contentTypePastMaxHeadersKeepsTheMultipartFramingOfTheBody() {
    String body = "--BndryLong42\\r\\nContent-Disposition: form-data; name=\\\"password\\\"\\r\\n\\r\\n"
        + SECRET + "\\r\\n--BndryLong42--\\r\\n";
    String out = mask("{\"request\":{\"method\":\"POST\",\"uri\":\"/x\",\"headers\":[[\"A\",\"1\"],"
        + "[\"Content-Type\",\"multipart/form-data; boundary=BndryLong42\"]],\"body\":\"" + body
        + "\"}}", MaskingOptions.builder().maxHeaders(1).build());
    assertNoSecret(out);
    assertThat(out).contains("--BndryLong42\\r\\n").contains("--BndryLong42--");
  }

  @Test
  void multipartPartWithoutHeadersPastMaxMultipartPartsHasItsValueHunted() {
    // A part that starts with its blank line (an empty header block): its value is what follows
    // that line, not the line and the value together (which no echo elsewhere holds).
    for (String blank : new String[] {"\\r\\n", "\\n"}) {
      String body = "--XX\\r\\nContent-Disposition: form-data; name=\\\"a\\\"\\r\\n\\r\\n1\\r\\n"
          + "--XX\\r\\n" + blank + SECRET + "\\r\\n--XX--\\r\\n";
      String out = mask("{\"request\":{\"method\":\"POST\",\"uri\":\"/x?e=" + SECRET
          + "\",\"headers\":[[\"Content-Type\",\"multipart/form-data; boundary=XX\"],"
          + "[\"User-Agent\",\"ua " + SECRET + "\"]],\"body\":\"" + body + "\"}}",
          MaskingOptions.builder().maxMultipartParts(1).build());
      assertNoSecret(out);
      assertThat(out).contains("[\"User-Agent\",\"ua ***\"]").contains("/x?e=***");
    }
  }

  @Test
  void jsonLayerPastMaxDecodeLayersHasItsMembersHunted() {
    // A base64 value holding JSON is two layers down: past maxDecodeLayers 1 the value is masked
    // whole, and the JSON's values (decoded) are hunted elsewhere in the report.
    String inner = Base64.getEncoder().encodeToString(
        ("{\"a\":{\"password\":\"" + SECRET + "\"}}").getBytes(StandardCharsets.UTF_8));
    String report = "{\"request\":{\"method\":\"POST\",\"uri\":\"/x?e=" + SECRET + "\",\"headers\":"
        + "[[\"Content-Type\",\"application/json\"]],\"body\":\"{\\\"q\\\":\\\"" + inner
        + "\\\"}\"}}";
    String out = mask(report, MaskingOptions.builder().maxDecodeLayers(1).build());
    assertNoSecret(out);
    assertThat(out).contains("/x?e=***").contains("maxDecodeLayers");
  }
}
