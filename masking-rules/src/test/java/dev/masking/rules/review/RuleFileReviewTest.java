package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.rules.RuleFileException;
import dev.masking.rules.RuleSet;
import org.junit.jupiter.api.Test;

/** Hostile rule files: clear errors quoting where, never a parser's text or a stack trace. */
final class RuleFileReviewTest {

  private static RuleFileException failure(String json) {
    try {
      RuleSet.parse(json, "rules.json");
    } catch (RuleFileException e) {
      return e;
    }
    throw new AssertionError("expected a RuleFileException");
  }

  @Test
  void aNumberTooLongForTheParserIsReportedWhereItIs() {
    String digits = "7".repeat(2000);
    RuleFileException e = failure("{\"rules\": [\n  {\"id\": \"a\",\n   \"point\": [\"path\", "
        + digits + "]}]}");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).contains("rules.json:3:").doesNotContain("7777");
  }

  @Test
  void aStringTooLongForTheParserIsReportedWhereItIs() {
    String huge = "x".repeat(21_000_000);
    RuleFileException e = failure("[\n {\"id\": \"a\", \"names\": [\"" + huge + "\"]}]");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).doesNotContain("xxxx");
  }
}
