package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What leaves with a report besides its values: names in attack points and in notes. A masked
 * value used elsewhere as a parameter or member name (maps keyed by session id are common) is
 * masked in the body by the residual sweep; it must not be shown by a point either.
 */
final class ReportNamesReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));
  private static final String SECRET = "abcd1234zzSecret";

  private static final String REPORT = "{\"request\":{\"method\":\"POST\",\"uri\":\"/api?"
      + SECRET + "[token]=x&q=1\",\"headers\":[[\"Content-Type\",\"application/json\"]],"
      + "\"body\":\"{\\\"password\\\":\\\"" + SECRET + "\\\",\\\"" + SECRET
      + "\\\":{\\\"token\\\":\\\"qqq\\\"}}\"},\"attacks\":[{\"type\":\"sqli\",\"point\":[\"get\",\""
      + SECRET + "\"],\"payload\":\"x' OR 1=1\"},{\"type\":\"sqli\",\"point\":[[\"post\"],"
      + "[\"json_doc\"],[\"hash\",\"" + SECRET + "\"],[\"hash\",\"token\"]],\"payload\":\"qqq\"}]}";

  @Test
  void maskedValueUsedAsANameIsShownByNoPointAndNoNote() {
    MaskedReport m = DEFAULT.mask(ReportJson.read(REPORT));
    String out = new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("abcd1234");
    for (Note n : m.notes()) {
      assertThat(n.toString()).doesNotContain("abcd1234");
    }
    for (Attack a : m.report().attacks()) {
      assertThat(a.toString()).doesNotContain("abcd1234");
      assertThat(String.valueOf(a.rawPoint())).doesNotContain("abcd1234");
    }
    // Evidence: the attack payload at a point with no masked name is kept as it was.
    assertThat(out).contains("\"point\":[\"get\",\"***\"],\"payload\":\"x' OR 1=1\"")
        .contains("\"point\":[[\"post\"],[\"json_doc\"],[\"hash\",\"***\"],[\"hash\",\"token\"]],"
            + "\"payload\":\"***\"");
  }

  @Test
  void attackBuiltInCodeWithoutARawPointHasItsParsedPointMasked() {
    HttpRequest req = HttpRequest.builder().method("GET")
        .uri("/a?password=" + SECRET + "&" + SECRET + "=1").build();
    Attack a = Attack.of("xss", Point.of(Step.named("get", SECRET)), "<script>");
    MaskedReport m = DEFAULT.mask(new AttackReport("r", null, req, List.of(a), Map.of()));
    Attack out = m.report().attacks().get(0);
    assertThat(out.point().display()).isEqualTo("get ***");
    assertThat(out.payload()).isEqualTo("<script>");
    assertThat(new String(ReportJson.write(m, true), StandardCharsets.UTF_8))
        .doesNotContain("abcd1234");
  }

  @Test
  void namesWithoutAnEchoAreLeftAsTheyWere() {
    String in = REPORT.replace("[\"hash\",\"" + SECRET + "\"]", "[\"hash\",\"other\"]")
        .replace("[\"get\",\"" + SECRET + "\"]", "[\"get\",\"q\"]");
    MaskedReport m = DEFAULT.mask(ReportJson.read(in));
    assertThat(new String(ReportJson.write(m.report()), StandardCharsets.UTF_8))
        .contains("\"point\":[\"get\",\"q\"]")
        .contains("[\"hash\",\"other\"],[\"hash\",\"token\"]]");
  }

  @Test
  void carriedThroughMemberNamesAndNumbersAreSweptAndDetected() {
    String in = "{\"request\":{\"method\":\"GET\",\"uri\":\"/a?session=Sess1onSecret77\","
        + "\"headers\":[],\"seen\":{\"Sess1onSecret77\":[1,2]}},\"attacks\":[{\"type\":\"x\","
        + "\"ctx\":{\"Sess1onSecret77\":true}}],\"ctx\":{\"sessions\":{\"Sess1onSecret77\":"
        + "\"active\",\"other\":\"kept\"},\"n\":4111111111111111,\"m\":[5500000000000004, 7],"
        + "\"ts\":1700000000123},\"Sess1onSecret77\":1,\"after\":2}";
    MaskedReport m = DEFAULT.mask(ReportJson.read(in));
    String out = new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("Sess1on").doesNotContain("411111111111")
        .doesNotContain("550000000000")
        .contains("\"seen\":{\"***\":[1,2]}")
        .contains("\"ctx\":{\"***\":true}")
        .contains("\"sessions\":{\"***\":\"active\",\"other\":\"kept\"}")
        .contains("\"n\":\"************1111\"").contains("\"m\":[\"************0004\",7]")
        .contains("\"ts\":1700000000123").contains("\"***\":1,\"after\":2");
    String again = new String(ReportJson.write(DEFAULT.mask(ReportJson.read(
        ReportJson.write(m.report()))).report()), StandardCharsets.UTF_8);
    assertThat(again).isEqualTo(new String(ReportJson.write(m.report()), StandardCharsets.UTF_8));
  }
}
