package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Several conditioned rules on one request: union, precedence, order independence, scale. */
final class ConditionScaleTest {

  private static AttackReport login(String host, String method, String uri) {
    return new AttackReport("r", null, HttpRequest.builder().method(method).uri(uri)
        .header("Host", host).header("Content-Type", "application/x-www-form-urlencoded")
        .body("user=cnry-user&pass=cnry-pass&otp=cnry-otp&note=keep").build(), List.of(),
        Map.of());
  }

  private static List<Rule> mixedRules() {
    List<Rule> rules = new ArrayList<>();
    rules.add(Rule.builder("a-pass-shop").names("pass")
        .when(Condition.header("HOST").iequal("shop.example")).build());
    rules.add(Rule.builder("b-pass-login-stars").names("pass").action(new MaskAction.Stars())
        .when(Condition.url("/account/login")).build());
    rules.add(Rule.builder("c-user-post").names("user")
        .when(Condition.method().equal("POST"), Condition.path(0).equal("account")).build());
    rules.add(Rule.builder("d-otp-remove").point(Point.of(Step.of("post"),
            Step.named("form_urlencoded", "otp"))).action(new MaskAction.Remove())
        .when(Condition.url("shop.example/account/*")).build());
    rules.add(Rule.builder("e-otp-other-host").names("otp")
        .when(Condition.header("HOST").iequal("other.example")).build());
    rules.add(Rule.builder("f-note-never").names("note")
        .when(Condition.path(0).equal("nowhere")).build());
    return rules;
  }

  private static MaskedReport mask(List<Rule> rules, AttackReport r) {
    RuleSet.Builder b = RuleSet.builder();
    rules.forEach(b::rule);
    return Masker.of(b.build()).mask(r);
  }

  @Test
  void unionOfApplicableRulesIsMaskedWithTheStrictestActionPerField() {
    MaskedReport m = mask(mixedRules(), login("Shop.Example", "POST", "/account/login"));
    String body = new String(m.report().request().body(), java.nio.charset.StandardCharsets.UTF_8);
    // pass: a (redact) beats b (stars); user: c; otp: d removes the member; note: untouched.
    assertThat(body).isEqualTo("user=***&pass=***&note=keep");
    assertThat(m.notes().toString()).contains("by a-pass-shop").contains("by c-user-post")
        .contains("by d-otp-remove").doesNotContain("by b-pass").doesNotContain("e-otp")
        .doesNotContain("cnry");
  }

  @Test
  void conditionsThatFailLeaveTheFieldToOtherRules() {
    MaskedReport m = mask(mixedRules(), login("other.example", "GET", "/account/login"));
    String body = new String(m.report().request().body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body).isEqualTo("user=cnry-user&pass=*********&otp=***&note=keep");
  }

  @Test
  void resultNeverDependsOnRuleOrder() {
    List<AttackReport> reports = List.of(login("shop.example", "POST", "/account/login"),
        login("other.example", "GET", "/account/login"),
        login("shop.example", "PUT", "/account/x"),
        login("x", "POST", "/account/login.php"));
    Random random = new Random(4);
    for (AttackReport r : reports) {
      MaskedReport expected = mask(mixedRules(), r);
      for (int i = 0; i < 30; i++) {
        List<Rule> shuffled = new ArrayList<>(mixedRules());
        Collections.shuffle(shuffled, random);
        MaskedReport got = mask(shuffled, r);
        assertThat(got.report()).isEqualTo(expected.report());
        assertThat(got.notes().stream().filter(n -> n.kind() != dev.masking.core.Note.Kind.INFO)
            .toList()).isEqualTo(expected.notes().stream()
            .filter(n -> n.kind() != dev.masking.core.Note.Kind.INFO).toList());
      }
    }
  }

  @Test
  void anUnboundPolicyTreatsEveryRuleAsApplying() {
    MaskPolicy unbound = RuleSet.builder().rule(mixedRules().get(5)).build().policy();
    assertThat(unbound.decide(TestField.query("note"))).isNotNull();
    AttackReport r = login("x", "GET", "/");
    assertThat(unbound.bind(r).decide(TestField.query("note"))).isNull();
    assertThat(unbound.bind(r).selectsAnything()).isFalse();
  }

  @Test
  void explanationsAreCappedButEveryMatchedRuleStillApplies() {
    RuleSet.Builder b = RuleSet.builder();
    for (int i = 0; i < 100; i++) {
      b.rule(Rule.builder(String.format(java.util.Locale.ROOT, "r%03d", i)).names("f" + i)
          .when(Condition.header("HOST").iequal("shop.example")).build());
    }
    AttackReport r = AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/?f0=cnry-0&f99=cnry-99").header("Host", "shop.example").build());
    MaskPolicy bound = b.build().policy().bind(r);
    assertThat(bound.explain()).hasSize(65);
    assertThat(bound.explain().get(64)).isEqualTo("36 more rules met and not explained (at most 64)");
    assertThat(Masker.of(b.build()).mask(r).report().request().uri()).isEqualTo("/?f0=***&f99=***");
  }

  @Test
  void hostileRequestFactsCostLinearTime() {
    RuleSet set = RuleSet.builder()
        .rule(Rule.builder("nested").names("secret")
            .when(Condition.header("X-A").regex("^(a+)+$"), Condition.path(0).equal("a"))
            .build())
        .rule(Rule.builder("deep").names("secret").when(Condition.url("/a/a/**/z")).build())
        .build();
    String longValue = "a".repeat(200_000) + "!";
    String deepPath = "/a".repeat(200_000) + "/z";
    AttackReport r = new AttackReport("r", null, HttpRequest.builder().method("GET")
        .uri(deepPath + "?secret=cnry-hostile").header("X-A", longValue).build(), List.of(),
        Map.of());
    long start = System.nanoTime();
    MaskedReport m = Masker.of(set).mask(r);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000); // sanity only
    assertThat(m.report().request().uri()).endsWith("?secret=***");
    assertThat(m.notes().toString()).contains("by deep").doesNotContain("cnry")
        .contains("rule nested: not applied: header X-A regex did not match");
  }

  /** {@code n} rules over 50 hosts and distinct endpoints, each masking one parameter name. */
  static RuleSet manyRules(int n) {
    RuleSet.Builder b = RuleSet.builder();
    for (int i = 0; i < n; i++) {
      String host = "h" + (i % 50) + ".example";
      b.rule(Rule.builder("r" + i).names("f" + i)
          .when(Condition.url(host + "/api/v" + (i % 7) + "/res" + i + "/**/item" + i))
          .build());
    }
    return b.build();
  }

  @Test
  void tenThousandRulesCompileQuicklyAndChoosingDoesNotScanThemAll() {
    long start = System.nanoTime();
    RuleSet set = manyRules(10_000);
    long millis = (System.nanoTime() - start) / 1_000_000;
    // Sanity bound only (a shared CI machine); JMH RuleScaleBenchmark measures for real.
    assertThat(millis).isLessThan(10_000);

    AttackReport r = new AttackReport("r", null, HttpRequest.builder().method("GET")
        .uri("/api/v2/res1234/x/item1234?f1234=cnry-scale&f1235=keep").header("Host", "H34.example")
        .build(), List.of(), Map.of());
    MaskPolicy bound = set.policy().bind(r);
    // Only the rules on this host and under this path prefix were looked at.
    assertThat(bound.explain()).containsExactly(
        "rule r1234: header HOST iequal matched; path 0 equal matched; path 1 equal matched;"
            + " path 2 equal matched; action_name equal matched; action_ext absent matched");
    MaskedReport m = Masker.of(set).mask(r);
    assertThat(m.report().request().uri()).isEqualTo("/api/v2/res1234/x/item1234?f1234=***&f1235=keep");
  }

  @Test
  void oneMaskerAlternatingBetweenEndpointsMasksEachAsAFreshMaskerWould() {
    RuleSet.Builder b = RuleSet.builder();
    mixedRules().forEach(b::rule);
    Masker shared = Masker.of(b.build());
    List<AttackReport> reports = List.of(login("shop.example", "POST", "/account/login"),
        login("other.example", "GET", "/account/login"),
        login("shop.example", "POST", "/account/login"),
        login("nowhere.example", "PUT", "/nowhere/x"),
        login("other.example", "GET", "/account/login"),
        login("nowhere.example", "PUT", "/nowhere/x"));
    for (int round = 0; round < 3; round++) {
      for (AttackReport r : reports) {
        MaskedReport expected = mask(mixedRules(), r);
        MaskedReport got = shared.mask(r);
        assertThat(got.report()).isEqualTo(expected.report());
        assertThat(got.notes()).isEqualTo(expected.notes());
      }
    }
    MaskPolicy policy = shared.rules().policy();
    assertThat(policy.bind(reports.get(0))).isSameAs(policy.bind(reports.get(2)));
    assertThat(policy.bind(reports.get(0))).isNotSameAs(policy.bind(reports.get(1)));
  }
}
