package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

final class PrecedenceTest {

  private static final Point JSON_PASSWORD =
      Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "password"));

  private static MaskPolicy policy(List<Rule> rules) {
    RuleSet.Builder b = RuleSet.builder();
    rules.forEach(b::rule);
    return b.build().policy();
  }

  private static Rule names(String id, MaskAction action, String... names) {
    return Rule.builder(id).names(names).action(action).build();
  }

  private static Rule point(String id, MaskAction action, Point p) {
    return Rule.builder(id).point(p).action(action).build();
  }

  @Test
  void strictestActionWinsAcrossNamesAndPoints() {
    Rule stars = names("a-stars", new MaskAction.Stars(), "password");
    Rule redact = point("b-redact", MaskAction.redact(), JSON_PASSWORD);
    Rule remove = names("c-remove", new MaskAction.Remove(), "PASSWORD");
    Field f = TestField.json("password");

    assertThat(policy(List.of(stars)).decide(f).ruleId()).isEqualTo("a-stars");
    assertThat(policy(List.of(stars, redact)).decide(f).ruleId()).isEqualTo("b-redact");
    assertThat(policy(List.of(redact, stars)).decide(f).ruleId()).isEqualTo("b-redact");
    Decision d = policy(List.of(stars, redact, remove)).decide(f);
    assertThat(d.ruleId()).isEqualTo("c-remove");
    assertThat(d.action()).isEqualTo(new MaskAction.Remove());
  }

  @Test
  void equalStrictnessGoesToTheSmallestRuleId() {
    Rule b = names("b", new MaskAction.Redact("[b]"), "token");
    Rule a = names("a", new MaskAction.Redact("[a]"), "token");
    Rule c = point("c", MaskAction.redact(), Point.of(Step.named("get", "token")));
    for (List<Rule> order : List.of(List.of(a, b, c), List.of(c, b, a), List.of(b, c, a))) {
      Decision d = policy(order).decide(TestField.query("token"));
      assertThat(d.ruleId()).isEqualTo("a");
      assertThat(d.action()).isEqualTo(new MaskAction.Redact("[a]"));
    }
  }

  @Test
  void keepingFewerCharactersIsStricter() {
    Field f = TestField.query("card");
    assertThat(policy(List.of(names("z", new MaskAction.KeepLast(2), "card"),
        names("a", new MaskAction.KeepLast(4), "card"))).decide(f).ruleId()).isEqualTo("z");
    assertThat(policy(List.of(names("z", new MaskAction.KeepLast(4), "card"),
        names("a", new MaskAction.KeepFirst(4), "card"))).decide(f).ruleId()).isEqualTo("z");
    assertThat(policy(List.of(names("z", new MaskAction.Hmac(), "card"),
        names("a", new MaskAction.Stars(), "card"))).decide(f).ruleId()).isEqualTo("z");
  }

  @Test
  void exactAndNormalisedNamesCompeteByStrictness() {
    Rule normalised = names("n", new MaskAction.Stars(), "api_key");
    Rule exact = Rule.builder("e").names("API_KEY").exact(true).action(MaskAction.redact())
        .build();
    MaskPolicy p = policy(List.of(normalised, exact));
    assertThat(p.decide(TestField.query("api_key")).ruleId()).isEqualTo("e");
    assertThat(p.decide(TestField.query("apiKey")).ruleId()).isEqualTo("n");
  }

  @Test
  void decodedSpellingsCompeteByStrictness() {
    Rule decoded = names("decoded", new MaskAction.Stars(), "password");
    Rule literal = Rule.builder("literal").names("pass%77ord").exact(true)
        .action(new MaskAction.Hmac()).build();
    MaskPolicy p = policy(List.of(decoded, literal));
    assertThat(p.decide(TestField.query("pass%77ord")).ruleId()).isEqualTo("literal");
    assertThat(p.decide(TestField.query("password")).ruleId()).isEqualTo("decoded");
  }

  /** Overlapping rules of every kind, and fields that several of them select. */
  private static List<Rule> overlappingRules() {
    List<Rule> rules = new ArrayList<>();
    rules.add(names("n-stars", new MaskAction.Stars(), "password", "token"));
    rules.add(names("n-redact", MaskAction.redact(), "token", "secret"));
    rules.add(names("n-redact-2", new MaskAction.Redact("[x]"), "secret", "pin"));
    rules.add(names("n-keep4", new MaskAction.KeepLast(4), "card", "pin"));
    rules.add(names("n-keep2", new MaskAction.KeepFirst(2), "card"));
    rules.add(Rule.builder("n-exact").names("PIN").exact(true).action(new MaskAction.Hmac())
        .build());
    rules.add(point("p-json-pw", new MaskAction.Hmac(), JSON_PASSWORD));
    rules.add(point("p-json-any", new MaskAction.Stars(),
        Point.of(Step.of("post"), Step.of("json_doc"), Step.of("hash_all"))));
    rules.add(point("p-query-token", new MaskAction.Remove(), Point.of(Step.named("get", "token"))));
    rules.add(point("p-header", new MaskAction.Redact("[h]"),
        Point.of(Step.named("header", "X-Secret"))));
    rules.add(point("p-header-2", MaskAction.redact(), Point.of(Step.of("header_all"))));
    rules.add(point("p-array", new MaskAction.KeepLast(1),
        Point.of(Step.of("post"), Step.of("json_doc"), Step.indexed("array", 0))));
    return rules;
  }

  private static List<Field> probeFields() {
    return List.of(
        TestField.json("password"), TestField.json("token"), TestField.json("secret"),
        TestField.json("pin"), TestField.json("card"), TestField.json("other"),
        TestField.query("token"), TestField.query("Token"), TestField.query("pin"),
        TestField.query("card"), TestField.query("pass%77ord"), TestField.header("x-secret"),
        TestField.header("Secret"), TestField.header("Accept"), TestField.cookie("pin"),
        TestField.at(Step.of("post"), Step.of("json_doc"), Step.indexed("array", 0)),
        TestField.at(Step.of("post"), Step.of("json_doc"), Step.indexed("array", 1)));
  }

  private static List<String> decisions(MaskPolicy p, List<Field> fields) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      Decision d = p.decide(f);
      out.add(d == null ? "-" : d.ruleId() + ":" + d.action());
    }
    return out;
  }

  @Test
  void decisionsDoNotDependOnRuleOrder() {
    List<Rule> rules = new ArrayList<>(overlappingRules());
    List<Field> fields = probeFields();
    List<String> expected = decisions(policy(rules), fields);
    // The probes must exercise real conflicts, or this test proves nothing.
    assertThat(expected).contains("p-query-token:Remove[]", "n-redact-2:Redact[token=[x]]",
        "p-json-pw:Hmac[]", "-");
    Random random = new Random(20240611L);
    for (int i = 0; i < 50; i++) {
      Collections.shuffle(rules, random);
      assertThat(decisions(policy(rules), fields)).as("shuffle %d: %s", i, rules)
          .isEqualTo(expected);
    }
  }

  @Test
  void onePolicyGivesTheSameDecisionsOnManyThreads() throws Exception {
    MaskPolicy p = policy(overlappingRules());
    List<Field> fields = probeFields();
    List<String> expected = decisions(p, fields);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2000; i++) {
            if (!decisions(p, fields).equals(expected)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
