package dev.masking.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskedReport;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Detector rules end to end: {@code "detect"} in rule files, the presets, and the default preset
 * on reports whose secrets are found only by value or echoed elsewhere in the report.
 */
final class DetectorRulesTest {

  private static final String JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
  private static final String JWT_REST =
      "eyJzdWIiOiJjYW5hcnktand0LTEifQ.Q2FuYXJ5U2lnbmF0dXJlLWp3dC0xLXNpZw";
  private static final String CARD = "4000 0566 5566 5556";
  private static final String DSN_PASSWORD = "CanaryDsnPw77";
  private static final String AWS = "AKIAZZCANARY7EXAMPL3";
  private static final String GITHUB = "ghp_CanaryGithubToken0000000000000000000";
  private static final String PEM_BODY = "MIIBCanaryPemKeyMaterialAAAAB3NzaC1yc2E";
  private static final String QUERY_TOKEN = "CanaryQueryTok3n";
  private static final String PASSWORD = "Canary Pw/\u00e9&1";

  @Test
  void ruleFilesAcceptOneOrSeveralDetectors() {
    RuleSet rules = RuleSet.parse("""
        {"rules": [
          {"id": "cards", "detect": "card", "action": {"type": "keep_last", "count": 4}},
          {"id": "keys", "detect": ["aws_access_key", "github_token"]}
        ]}""", "rules.json");
    assertThat(rules.rules().get(0).selector())
        .isEqualTo(new Selector.Detect(List.of(Detector.CARD)));
    assertThat(rules.rules().get(1).toString())
        .isEqualTo("Rule[keys, detect=[aws_access_key, github_token], redact]");
    assertThat(rules.policy().detectors()).containsExactlyInAnyOrder(
        new DetectorRule(Detector.CARD, new dev.masking.core.Decision(new MaskAction.KeepLast(4),
            "cards")),
        new DetectorRule(Detector.AWS_ACCESS_KEY, new dev.masking.core.Decision(
            MaskAction.redact(), "keys")),
        new DetectorRule(Detector.GITHUB_TOKEN, new dev.masking.core.Decision(
            MaskAction.redact(), "keys")));
  }

  @Test
  void theStrictestRulePerDetectorWins() {
    RuleSet rules = RuleSet.builder()
        .rule(Rule.builder("b-stars").detect(Detector.EMAIL).action(new MaskAction.Stars()).build())
        .rule(Rule.builder("a-redact").detect(Detector.EMAIL, Detector.IBAN).build())
        .rule(Rule.builder("c-keep").detect(Detector.IBAN).action(new MaskAction.KeepLast(4))
            .build())
        .build();
    assertThat(rules.policy().detectors()).extracting(d -> d.detector() + ":"
        + d.decision().ruleId()).containsExactlyInAnyOrder("EMAIL:a-redact", "IBAN:a-redact");
  }

  @Test
  void unknownDetectorIsReportedWithPositionAndSuggestion() {
    assertThatThrownBy(() -> RuleSet.parse("{\"rules\": [\n  {\"id\": \"x\", \"detect\": \"cards\"}]}",
        "rules.json"))
        .isInstanceOf(RuleFileException.class)
        .hasMessage("unknown detector 'cards' at rules.json:2:25; did you mean 'card'?");
    assertThatThrownBy(() -> RuleSet.parse(
        "[{\"id\": \"x\", \"detect\": [\"jwt\", \"zzzzzzzzzz\"]}]", "rules.json"))
        .hasMessageStartingWith("unknown detector 'zzzzzzzzzz' at rules.json:1:32; known detectors: "
            + "[card, jwt, private_key, url_password, aws_access_key, github_token, slack_token, "
            + "stripe_key, google_api_key, email, iban, us_ssn]");
    assertThatThrownBy(() -> RuleSet.parse("[{\"id\": \"x\", \"detect\": []}]", "rules.json"))
        .hasMessage("'detect' needs at least one detector name at rules.json:1:24");
    assertThatThrownBy(() -> RuleSet.parse("[{\"id\": \"x\", \"detect\": 5}]", "rules.json"))
        .hasMessage("'detect' is a detector name or an array of them, got a number at "
            + "rules.json:1:24");
    assertThatThrownBy(() -> RuleSet.parse(
        "[{\"id\": \"x\", \"names\": [\"a\"], \"detect\": \"card\"}]", "rules.json"))
        .hasMessage("rule 'x' has both 'names' and 'detect'; give one of 'names', 'point' and "
            + "'detect' at rules.json:1:30");
  }

  @Test
  void aDetectRuleWithConditionsAppliesOnlyWhereTheyHold() {
    RuleSet rules = RuleSet.builder()
        .rule(Rule.builder("emails-on-shop").detect(Detector.EMAIL)
            .when(Condition.header("HOST").iequal("shop.example")).build())
        .build();
    Masker masker = Masker.of(rules);
    AttackReport shop = AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/x?m=bob%40mail.example.com").header("Host", "shop.example").build());
    AttackReport other = AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/x?m=bob%40mail.example.com").header("Host", "blog.example").build());
    assertThat(masker.mask(shop).report().request().uri()).isEqualTo("/x?m=***");
    assertThat(masker.mask(other).report().request().uri()).isEqualTo("/x?m=bob%40mail.example.com");
    assertThat(rules.policy().bind(other).detectors()).isEmpty();
    assertThat(rules.policy().detectors()).hasSize(1); // unbound: fail closed
  }

  @Test
  void piiPresetHoldsThePersonalDataDetectors() {
    RuleSet pii = RuleSet.preset("pii");
    assertThat(pii.policy().detectors()).extracting(DetectorRule::detector)
        .containsExactlyInAnyOrder(Detector.EMAIL, Detector.IBAN, Detector.US_SSN);
    AttackReport r = AttackReport.of(HttpRequest.builder().method("POST").uri("/x")
        .header("Content-Type", "application/json")
        .body("{\"note\":\"mail bob@mail.example.com, iban DE89370400440532013000, "
            + "ssn 123-45-6789, order 2024-0001\"}").build());
    MaskedReport m = Masker.of(pii).mask(r);
    assertThat(new String(m.report().request().body(), UTF_8))
        .isEqualTo("{\"note\":\"mail ***, iban ***, ssn ***, order 2024-0001\"}");
  }

  @Test
  void defaultPresetFindsSecretsByValueAndTheirEchoesEverywhere() {
    String jwt = JWT_HEADER + "." + JWT_REST;
    String body = "{\"note\":\"pay with " + CARD + "\",\"state\":\"" + jwt + "\","
        + "\"cfg\":{\"dsn\":\"postgres://app:" + DSN_PASSWORD + "@db.internal:5432/shop\","
        + "\"keys\":[\"" + AWS + "\",\"" + GITHUB + "\"],"
        + "\"pem\":\"-----BEGIN PRIVATE KEY-----\\n" + PEM_BODY + "\\n-----END PRIVATE KEY-----\"},"
        + "\"password\":\"" + PASSWORD.replace("/", "\\/") + "\","
        + "\"look_alikes\":[\"123e4567-e89b-12d3-a456-426614174000\",\"1700000000000\","
        + "\"4111111111111112\",\"d41d8cd98f00b204e9800998ecf8427e\",\"2024-01-15T10:00:00Z\"]}";
    String basic = Base64.getEncoder().encodeToString(("x:" + PASSWORD).getBytes(UTF_8));
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/api/pay?token=" + QUERY_TOKEN + "&q=1")
        .header("Host", "shop.example")
        .header("Content-Type", "application/json")
        .header("Referer", "https://shop.example/cart?token=" + QUERY_TOKEN)
        .header("X-Debug", Base64.getEncoder().encodeToString(("t=" + QUERY_TOKEN).getBytes(UTF_8)))
        .header("X-Debug-Basic", basic)
        .header("X-Forwarded-Dsn", "postgres%3A%2F%2Fapp%3A" + DSN_PASSWORD + "%40db")
        .body(body).build();
    AttackReport r = new AttackReport("r-1", null, req, List.of(
        Attack.of("sqli", Point.of(Step.of("post")), body),
        Attack.of("xss", Point.of(Step.named("header", "Referer")),
            "<script>/cart?token=" + QUERY_TOKEN + "</script>")), Map.of());

    MaskedReport m = Masker.of(RuleSet.preset("default")).mask(r);
    String all = Canaries.everything(m);
    for (String secret : List.of(JWT_REST, "4000 0566 5566", DSN_PASSWORD, AWS, GITHUB, PEM_BODY,
        QUERY_TOKEN, PASSWORD)) {
      for (String form : Canaries.forms(secret)) {
        assertThat(all).as("leak in some encoding").doesNotContain(form);
      }
    }
    assertThat(all).doesNotContain(
        Base64.getEncoder().encodeToString(("t=" + QUERY_TOKEN).getBytes(UTF_8)).substring(4, 20));
    // Evidence stays: the card's last four, the JWT header, the look-alikes, the rest of the DSN.
    String out = new String(m.report().request().body(), UTF_8);
    assertThat(out).contains("pay with ***************5556", JWT_HEADER + ".***",
        "postgres://app:***@db.internal:5432/shop", "-----BEGIN PRIVATE KEY-----",
        "123e4567-e89b-12d3-a456-426614174000", "1700000000000", "4111111111111112",
        "d41d8cd98f00b204e9800998ecf8427e", "2024-01-15T10:00:00Z");
    assertThat(m.report().attacks().get(0).payload()).isEqualTo(out);
    assertThat(m.report().request().headers().first("Host")).isEqualTo("shop.example");
    // Masking again changes nothing.
    MaskedReport again = Masker.of(RuleSet.preset("default")).mask(m.report());
    assertThat(again.report()).isEqualTo(m.report());
  }

  @Test
  void sameResultUnderTurkishLocale() {
    Locale saved = Locale.getDefault();
    AttackReport r = AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/x?note=AKIAIOSFODNN7EXAMPLE&mail=BOB%40MAIL.EXAMPLE.COM").build());
    RuleSet rules = RuleSet.preset("default").plus(RuleSet.preset("pii"));
    MaskedReport expected = Masker.of(rules).mask(r);
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      assertThat(Masker.of(rules).mask(r).report()).isEqualTo(expected.report());
    } finally {
      Locale.setDefault(saved);
    }
    assertThat(expected.report().request().uri()).isEqualTo("/x?note=***&mail=***");
  }

  @Test
  void detectorsStillRunOverAnInvalidJsonBodyScannedLeniently() {
    String body = "{\"a\":1,, \"note\":\"card " + CARD + "\", \"password\":\"pw-secret-1\"}";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x")
        .header("Content-Type", "application/json").body(body).build();
    Masker masker = Masker.of(RuleSet.preset("default"));

    MaskedReport once = masker.mask(new AttackReport("i-1", null, req, List.of(), Map.of()));
    MaskedReport twice = masker.mask(once.report());

    String out = new String(once.report().request().body(), UTF_8);
    assertThat(out).isEqualTo("{\"a\":1,, \"note\":\"card ****-****-****-5556\", "
        .replace("****-****-****-5556", "*".repeat(CARD.length() - 4) + "5556")
        + "\"password\":\"***\"}");
    assertThat(twice.report().request().body()).isEqualTo(once.report().request().body());
  }
}
