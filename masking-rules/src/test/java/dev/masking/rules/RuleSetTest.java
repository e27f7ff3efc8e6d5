package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RuleSetTest {

  private static final Rule A = Rule.builder("a").names("password").build();
  private static final Rule B =
      Rule.builder("b").point(Point.of(Step.named("get", "t"))).action(new MaskAction.Hmac())
          .build();

  @Test
  void rulesListIsUnmodifiable() {
    RuleSet set = RuleSet.builder().rule(A).rule(B).build();
    assertThatThrownBy(() -> set.rules().add(A)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.rules().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(set.rules()).containsExactly(A, B);
  }

  @Test
  void builderIsCopiedAtBuild() {
    RuleSet.Builder b = RuleSet.builder().rule(A);
    RuleSet first = b.build();
    b.rule(B);
    assertThat(first.rules()).containsExactly(A);
    assertThat(b.build().rules()).containsExactly(A, B);
  }

  @Test
  void selectorNamesAreCopied() {
    String[] names = {"password"};
    Rule r = Rule.builder("r").names(names).build();
    names[0] = "other";
    Selector.Names s = (Selector.Names) r.selector();
    assertThat(s.names()).containsExactly("password");
    assertThatThrownBy(() -> s.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void duplicateIdsAreRejectedQuotingTheId() {
    Rule other = Rule.builder("a").names("secret").build();
    assertThatThrownBy(() -> RuleSet.builder().rule(A).rule(other).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("duplicate rule id 'a'");
    assertThatThrownBy(() -> RuleSet.builder().rule(A).build()
        .plus(RuleSet.builder().rule(other).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("duplicate rule id 'a'");
  }

  @Test
  void theSameRuleTwiceIsKeptOnce() {
    RuleSet set = RuleSet.builder().rule(A).rule(Rule.builder("a").names("password").build())
        .build();
    assertThat(set.rules()).containsExactly(A);
    RuleSet d = RuleSet.preset("default");
    assertThat(d.plus(d).rules()).isEqualTo(d.rules());
  }

  @Test
  void plusAppendsInOrder() {
    RuleSet ab = RuleSet.builder().rule(A).build().plus(RuleSet.builder().rule(B).build());
    assertThat(ab.rules()).containsExactly(A, B);
    assertThat(ab.policy().decide(TestField.query("t")).ruleId()).isEqualTo("b");
  }

  @Test
  void requiresHmacKeyOnlyWhenARuleUsesHmac() {
    assertThat(RuleSet.builder().rule(A).build().requiresHmacKey()).isFalse();
    assertThat(RuleSet.builder().rule(A).rule(B).build().requiresHmacKey()).isTrue();
  }

  @Test
  void emptySetSelectsNothing() {
    assertThat(RuleSet.builder().build().policy().selectsAnything()).isFalse();
    assertThat(RuleSet.empty().policy().selectsAnything()).isFalse();
    assertThat(RuleSet.empty().policy().decide(TestField.query("password"))).isNull();
    assertThat(RuleSet.builder().rule(A).build().policy().selectsAnything()).isTrue();
  }

  @Test
  void policyIsCompiledOnceAndCached() {
    RuleSet set = RuleSet.builder().rule(A).build();
    assertThat(set.policy()).isSameAs(set.policy());
  }

  @Test
  void ruleBuilderValidates() {
    assertThatThrownBy(() -> Rule.builder("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule 'x' needs exactly one of names, point, detect or selector, got 0");
    assertThatThrownBy(() -> Rule.builder("x").names("a").point(Point.of(Step.of("post"))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule 'x' needs exactly one of names, point, detect or selector, got 2");
    assertThatThrownBy(() -> Rule.builder("x").point(Point.of(Step.of("post"))).exact(true)
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule 'x': exact applies only to names");
    assertThatThrownBy(() -> Rule.builder("x").names().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one name");
    assertThatThrownBy(() -> Rule.builder("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rule.builder("  ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rule.builder("a\nb")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rule.builder("x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ruleDefaultsToRedactAndPrintsConfigurationOnly() {
    Rule r = Rule.builder("r").names("pw").exact(true).build();
    assertThat(r.action()).isEqualTo(MaskAction.redact());
    assertThat(r).hasToString("Rule[r, names=[pw], exact, redact]");
    assertThat(B).hasToString("Rule[b, point=get t, hmac]");
    assertThat(RuleSet.builder().rule(A).rule(B).build()).hasToString("RuleSet[a, b]");
  }

  @Test
  void rulesCompareByValue() {
    assertThat(Rule.builder("a").names("password").build()).isEqualTo(A).hasSameHashCodeAs(A);
    assertThat(Rule.builder("a").names("password").action(new MaskAction.Stars()).build())
        .isNotEqualTo(A);
    assertThat(Selector.names("x", "y")).isEqualTo(new Selector.Names(List.of("x", "y"), false));
  }
}
