package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Point;
import dev.masking.core.Step;
import org.junit.jupiter.api.Test;

/**
 * The compiled policy keeps the facts of the parsers asked about last: asking about several
 * parsers in turn, with parser names that are equal but not the same instance, gives the same
 * decisions as asking about each alone.
 */
final class ParserFactsTest {

  private static MaskPolicy policy() {
    return RuleSet.builder()
        .rule(Rule.builder("names").names("password").exact(true).action(MaskAction.redact())
            .build())
        .rule(Rule.builder("point").point(Point.of(Step.of("post"), Step.of("json_doc"),
            Step.named("hash", "items"), Step.indexed("array", 1))).build())
        .rule(Rule.builder("header").point(Point.of(Step.named("header", "X-Key"))).build())
        .build().policy();
  }

  private static String copy(String s) {
    return new String(s.toCharArray());
  }

  @Test
  void decisionsDoNotDependOnWhichParsersWereAskedBefore() {
    MaskPolicy p = policy();
    for (int round = 0; round < 3; round++) {
      String hash = round == 0 ? "hash" : copy("hash");
      String array = round == 1 ? "array" : copy("array");
      String header = round == 2 ? "header" : copy("header");
      TestField member = TestField.at(Step.of("post"), Step.of("json_doc"),
          Step.named(hash, "password"));
      TestField other = TestField.at(Step.of("post"), Step.of("json_doc"),
          Step.named(hash, "user"));
      TestField element = TestField.at(Step.of("post"), Step.of("json_doc"),
          Step.named("hash", "items"), Step.indexed(array, 1));
      TestField otherElement = TestField.at(Step.of("post"), Step.of("json_doc"),
          Step.named("hash", "items"), Step.indexed(array, 2));
      TestField headerField = TestField.at(Step.named(header, "x-key"));
      TestField getField = TestField.at(Step.named(copy("get"), "password"));
      for (int k = 0; k < 2; k++) {
        assertThat(p.decide(member)).extracting(d -> d.ruleId()).isEqualTo("names");
        assertThat(p.decide(element)).extracting(d -> d.ruleId()).isEqualTo("point");
        assertThat(p.decide(headerField)).extracting(d -> d.ruleId()).isEqualTo("header");
        assertThat(p.decide(other)).isNull();
        assertThat(p.decide(otherElement)).isNull();
        assertThat(p.decide(getField)).extracting(d -> d.ruleId()).isEqualTo("names");
        byte[] pw = "password".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.maySelectName(hash, pw, 0, pw.length)).isTrue();
        assertThat(p.maySelectName(array, pw, 0, pw.length))
            .isEqualTo(policy().maySelectName("array", pw, 0, pw.length));
        assertThat(p.maySelectName(copy("cookie"), pw, 0, pw.length)).isTrue();
        byte[] user = "user".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.maySelectName(hash, user, 0, user.length)).isFalse();
      }
    }
  }

  @Test
  void decisionsStayTheSameAfterMoreParsersThanTheFactsCacheKeeps() {
    MaskPolicy p = policy();
    TestField member = TestField.at(Step.of("post"), Step.of("json_doc"),
        Step.named("hash", "password"));
    TestField element = TestField.at(Step.of("post"), Step.of("json_doc"),
        Step.named("hash", "items"), Step.indexed("array", 1));
    TestField headerField = TestField.at(Step.named("header", "x-key"));
    MaskPolicy fresh = policy();
    for (int n = 0; n < 200; n++) {
      // Parsers the scanners never use: past the cache's bound their facts are made each time,
      // and they decide as on a policy that was asked about nothing before.
      TestField odd = TestField.at(Step.named("parser" + n, "password"));
      assertThat(p.decide(odd)).isEqualTo(fresh.decide(odd));
      TestField oddHeader = TestField.at(Step.named(copy("parser" + n), "x-key"));
      assertThat(p.decide(oddHeader)).isEqualTo(fresh.decide(oddHeader));
      assertThat(p.decide(member)).extracting(d -> d.ruleId()).isEqualTo("names");
      assertThat(p.decide(element)).extracting(d -> d.ruleId()).isEqualTo("point");
      assertThat(p.decide(headerField)).extracting(d -> d.ruleId()).isEqualTo("header");
      assertThat(p.decide(TestField.at(Step.named(copy("header"), "x-other")))).isNull();
    }
  }

  @Test
  void foldedNamesOfEveryLengthAreFound() {
    StringBuilder b = new StringBuilder();
    for (int n = 1; n <= 40; n++) {
      b.append((char) ('a' + n % 26));
      String name = b.toString();
      MaskPolicy p = RuleSet.builder().rule(Rule.builder("r").names(name).exact(true)
          .action(MaskAction.redact()).build()).build().policy();
      assertThat(p.decide(TestField.at(Step.named("hash", name.toUpperCase(java.util.Locale.ROOT)))))
          .as("length %d", n).isNotNull();
      assertThat(p.decide(TestField.at(Step.named("hash", name + "x")))).isNull();
      assertThat(p.decide(TestField.at(Step.named("hash", "")))).isNull();
    }
  }
}
