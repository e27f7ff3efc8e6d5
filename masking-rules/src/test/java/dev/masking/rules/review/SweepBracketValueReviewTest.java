package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The residual sweep hunts a masked value that only starts like a JSON object or array (a
 * password beginning with '[' or '{') as a whole: it was taken for a container and only its JSON
 * members (none) were hunted, so its echoes in the query, headers and payloads stayed.
 */
final class SweepBracketValueReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static MaskedReport mask(String encodedPassword, String uri, String referer) {
    HttpRequest req = HttpRequest.builder().method("POST").uri(uri).header("Host", "h.example")
        .header("Referer", referer)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("password=" + encodedPassword + "&x=1").build();
    return DEFAULT.mask(new AttackReport("r-1", null, req, List.of(), Map.of()));
  }

  @Test
  void aPasswordStartingWithABracketIsHuntedWhole() {
    String enc = "%5BK%273N%2C%5C%3C5hbQ"; // [K'3N,\<5hbQ
    MaskedReport m = mask(enc, "/login?r=" + enc + "&z=1", "http://a/?q=%5BK'3N,%5C%3C5hbQ");
    String out = new String(ReportJson.write(m.report()), UTF_8);
    assertThat(out).doesNotContain("K%273N").doesNotContain("K'3N").doesNotContain("5hbQ");
    assertThat(m.report().request().uri()).startsWith("/login?r=").endsWith("&z=1");
    assertThat(new String(ReportJson.write(DEFAULT.mask(m.report()).report()), UTF_8)).isEqualTo(out);
  }

  @Test
  void aPasswordStartingWithABraceIsHuntedWhole() {
    String enc = "%7Bs3cr3t-Pw%7D";
    MaskedReport m = mask(enc, "/login?r=" + enc, "http://a/?q={s3cr3t-Pw}");
    String out = new String(ReportJson.write(m.report()), UTF_8);
    assertThat(out).doesNotContain("s3cr3t-Pw");
    assertThat(new String(ReportJson.write(DEFAULT.mask(m.report()).report()), UTF_8)).isEqualTo(out);
  }

  @Test
  void aJsonArrayPasswordIsStillHuntedByItsMembers() {
    String enc = "%5B%22member-secret-1%22%5D"; // ["member-secret-1"]
    MaskedReport m = mask(enc, "/login?r=member-secret-1", "http://a/");
    assertThat(m.report().request().uri()).doesNotContain("member-secret-1");
  }
}
