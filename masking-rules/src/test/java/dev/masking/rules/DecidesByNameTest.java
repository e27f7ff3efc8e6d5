package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.NamePrefixes;
import org.junit.jupiter.api.Test;

/**
 * The compiled policy says it answers for a named step from its name alone only for a parser
 * that no point rule ends in: a point rule on a JSON member makes the answer depend on the
 * member's parents, so the JSON scanner must ask about every member.
 */
final class DecidesByNameTest {

  @Test
  void aPointRuleEndingInAParserMakesItsAnswersDependOnTheParents() {
    NamePrefixes names = (NamePrefixes) RuleSet.parse(
        "[{\"id\":\"n\",\"names\":[\"password\"],\"action\":\"redact\"}]", "t").policy();
    assertThat(names.decidesByName("hash")).isTrue();
    NamePrefixes point = (NamePrefixes) RuleSet.parse("["
        + "{\"id\":\"n\",\"names\":[\"password\"],\"action\":\"redact\"},"
        + "{\"id\":\"k\",\"point\":[\"post\",\"json_doc\",\"hash\",\"user\",\"hash\",\"pin\"],"
        + "\"action\":\"redact\"}]", "t").policy();
    assertThat(point.decidesByName("hash")).isFalse();
    assertThat(point.decidesByName("form_urlencoded")).isTrue();
    NamePrefixes wildcard = (NamePrefixes) RuleSet.parse("["
        + "{\"id\":\"w\",\"point\":[\"post\",\"json_doc\",\"hash\",\"user\",\"hash_all\"],"
        + "\"action\":\"redact\"}]", "t").policy();
    assertThat(wildcard.decidesByName("hash")).isFalse();
  }
}
