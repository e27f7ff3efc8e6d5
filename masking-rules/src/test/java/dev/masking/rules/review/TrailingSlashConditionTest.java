package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /login/} reaches the {@code /login} handler on many servers (Spring before 6, Express
 * without strict routing, Laravel): a rule conditioned on {@code /login} must apply to it too, or
 * an attacker adds a slash and the password leaves unmasked.
 */
final class TrailingSlashConditionTest {

  private static String maskedUri(String rules, String uri) {
    Masker m = Masker.of(RuleSet.parse(rules, "r.json"));
    HttpRequest req = HttpRequest.builder().method("POST").uri(uri)
        .header("Host", "shop.example").build();
    return m.mask(new AttackReport("r", null, req, List.of(), Map.of())).report().request().uri();
  }

  private static final String LOGIN =
      "[{\"id\":\"pin\",\"names\":[\"pin\"],\"when\":{\"path\":\"/login\"}}]";

  @Test
  void aTrailingSlashStillMeetsAPathCondition() {
    assertThat(maskedUri(LOGIN, "/login/?pin=4471secret")).isEqualTo("/login/?pin=***");
    assertThat(maskedUri("[{\"id\":\"pin\",\"names\":[\"pin\"],\"when\":{\"path\":"
        + "\"/api/*/login.php\"}}]", "/api/v1/login.php/?pin=4471secret"))
        .doesNotContain("4471secret");
    assertThat(maskedUri("[{\"id\":\"pin\",\"names\":[\"pin\"],\"when\":[{\"type\":\"equal\","
        + "\"point\":[\"action_name\"],\"value\":\"login\"}]}]", "/a/b/login/?pin=4471secret"))
        .doesNotContain("4471secret");
  }

  @Test
  void theSlashedReadingStillMeetsItsOwnConditions() {
    assertThat(maskedUri("[{\"id\":\"pin\",\"names\":[\"pin\"],\"when\":{\"path\":\"/login/*\"}}]",
        "/login/x?pin=4471secret")).doesNotContain("4471secret");
    assertThat(maskedUri("[{\"id\":\"pin\",\"names\":[\"pin\"],\"when\":[{\"type\":\"equal\","
        + "\"point\":[\"path\",0],\"value\":\"login\"}]}]", "/login/?pin=4471secret"))
        .doesNotContain("4471secret");
  }

  @Test
  void anotherPathStillDoesNotMeetIt() {
    assertThat(maskedUri(LOGIN, "/logout/?pin=4471secret")).contains("4471secret");
    assertThat(maskedUri(LOGIN, "/login/x/?pin=4471secret")).contains("4471secret");
  }
}
