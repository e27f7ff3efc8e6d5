package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.rules.Condition;
import dev.masking.rules.RuleFileException;
import dev.masking.rules.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * A header condition on a name no header can have ({@code "Host "}, {@code "X-A:"}) never holds,
 * so its rule silently never applies: it is a configuration error, quoted with file:line:column.
 */
final class HeaderConditionNameTest {

  private static RuleFileException failure(String json) {
    try {
      RuleSet.parse(json, "rules.json");
    } catch (RuleFileException e) {
      return e;
    }
    throw new AssertionError("expected a RuleFileException");
  }

  @Test
  void aHeaderNameWithASpaceIsAnErrorWithItsPosition() {
    RuleFileException e = failure("[{\"id\": \"a\", \"names\": [\"pin\"],\n"
        + "  \"when\": {\"header\": {\"Host \": \"shop.example\"}}}]");
    assertThat(e.getMessage()).contains("'Host '").contains("rules.json:2:");
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void aWallarmConditionOnABadHeaderNameIsAnErrorToo() {
    RuleFileException e = failure("[{\"type\": \"sensitive_data\", \"id\": 7, \"point\": "
        + "[\"get\", \"pin\"], \"action\": [{\"type\": \"equal\", \"point\": [\"header\", "
        + "\"X-Tenant:\"], \"value\": \"blue\"}]}]");
    assertThat(e.getMessage()).contains("'X-Tenant:'").contains("rules.json:1:");
  }

  @Test
  void aMethodOrHostNoRequestCanCarryIsAnError() {
    assertThat(failure("[{\"id\": \"a\", \"names\": [\"pin\"],\n"
        + "  \"when\": {\"method\": [\"GET\", \"POST \"]}}]").getMessage())
        .contains("'POST '").contains("rules.json:2:");
    assertThat(failure("[{\"id\": \"a\", \"names\": [\"pin\"],\n"
        + "  \"when\": {\"host\": \"shop.example \"}}]").getMessage())
        .contains("'shop.example '").contains("rules.json:2:");
    assertThat(Condition.method().equal("M-SEARCH").values()).containsExactly("M-SEARCH");
    assertThat(Condition.header("Host").regex("^a b$").values()).containsExactly("^a b$");
  }

  @Test
  void tokenNamesAndPseudoHeadersAreAccepted() {
    assertThat(Condition.header("X-Api_Key.v2~").absent().name()).isEqualTo("X-API_KEY.V2~");
    assertThat(Condition.header(":authority").iequal("a").name()).isEqualTo(":AUTHORITY");
    assertThatThrownBy(() -> Condition.header(":")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Condition.header("a b")).isInstanceOf(IllegalArgumentException.class);
  }
}
