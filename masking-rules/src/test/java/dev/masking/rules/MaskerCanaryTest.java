package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end canary leak tests: unique secrets planted at every kind of sensitive point, masked by
 * the default preset and by each action; none may survive anywhere, in any encoding, and every
 * other byte stays.
 */
final class MaskerCanaryTest {

  static final String[] SECRETS = {
    "cnry-query-0001", "cnry-auth-0002", "cnry-apikey-0003", "cnry-sess-0004",
    "cnry-json-0005", "cnry-form-0006", "cnry-nested-0007", "cnry-escname-0008",
    "cnry-pctname-0009", "cnry-array-0010", "cnry-dup-0011", "cnry-dup-0012"
  };

  static AttackReport plantedReport(String contentType, String body) {
    HttpRequest req = HttpRequest.builder()
        .method("POST")
        .uri("/api/login?q=%3Cscript%3E&access_token=" + SECRETS[0] + "&pass%77ord=" + SECRETS[8])
        .protocol("HTTP/1.1")
        .header("Host", "shop.example")
        .header("Authorization", "Bearer " + SECRETS[1])
        .header("X-Api-Key", SECRETS[2])
        .header("Cookie", "lang=en; PHPSESSID=" + SECRETS[3] + "; theme=dark")
        .header("User-Agent", "sqlmap/1.7")
        .header("Content-Type", contentType)
        .body(body)
        .build();
    return new AttackReport("c-1", null, req,
        List.of(Attack.of("xss", Point.of(Step.named("get", "q")), "<script>"),
            Attack.of("sqli", Point.of(Step.named("get", "access_token")), SECRETS[0]),
            Attack.of("sqli", Point.of(Step.of("post")), body)),
        Map.of());
  }

  static String jsonBody() {
    return "{\"user\":\"bob\",\"password\":\"" + SECRETS[4] + "\",\"profile\":{\"api_key\":\""
        + SECRETS[6] + "\",\"bio\":\"' OR 1=1--\"},\"pass\\u0077ord\":\"" + SECRETS[7]
        + "\",\"tokens\":[{\"token\":\"" + SECRETS[9] + "\"}],\"secret\":\"" + SECRETS[10]
        + "\",\"SECRET\":\"" + SECRETS[11] + "\"}";
  }

  static String formBody() {
    return "user=bob&password=" + SECRETS[5] + "&bio=%27+OR+1%3D1--&user%5Bapi_key%5D="
        + SECRETS[6] + "&secret=" + SECRETS[10] + "&secret=" + SECRETS[11];
  }

  static Stream<MaskAction> actions() {
    return Stream.of(MaskAction.redact(), new MaskAction.Stars(), new MaskAction.KeepFirst(2),
        new MaskAction.KeepLast(4), new MaskAction.Hmac(), new MaskAction.Remove());
  }

  private static Masker masker(MaskAction action) {
    RuleSet rules = RuleSet.builder()
        .rule(Rule.builder("canary").names("password", "access_token", "authorization",
            "x-api-key", "phpsessid", "api_key", "token", "secret").action(action).build())
        .build();
    return Masker.of(rules, MaskingOptions.builder()
        .hmacKey("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8))
        .build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void noSecretSurvivesInJsonReport(MaskAction action) {
    MaskedReport m = masker(action).mask(plantedReport("application/json", jsonBody()));
    assertLeakFree(action, m);
    String body = new String(m.report().request().body(), StandardCharsets.UTF_8);
    assertThat(body).contains("\"user\":\"bob\"").contains("\"bio\":\"' OR 1=1--\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void noSecretSurvivesInFormReport(MaskAction action) {
    MaskedReport m = masker(action).mask(
        plantedReport("application/x-www-form-urlencoded", formBody()));
    assertLeakFree(action, m);
    String body = new String(m.report().request().body(), StandardCharsets.UTF_8);
    assertThat(body).startsWith("user=bob&").contains("bio=%27+OR+1%3D1--");
  }

  private static void assertLeakFree(MaskAction action, MaskedReport m) {
    if (action instanceof MaskAction.KeepFirst || action instanceof MaskAction.KeepLast) {
      // keep_* shows a few characters by design: check that no whole secret survives.
      String all = Canaries.everything(m);
      for (String s : SECRETS) {
        assertThat(all).doesNotContain(s);
      }
    } else {
      Canaries.assertNoLeak(m, SECRETS);
    }
    assertThat(m.report().request().uri()).startsWith("/api/login?q=%3Cscript%3E");
    assertThat(m.report().request().headers().first("User-Agent")).isEqualTo("sqlmap/1.7");
    assertThat(m.report().attacks().get(0).payload()).isEqualTo("<script>");
  }

  @Test
  void defaultPresetMasksEveryPlantedSecret() {
    Masker masker = Masker.of(RuleSet.preset("default"));
    Canaries.assertNoLeak(masker.mask(plantedReport("application/json", jsonBody())), SECRETS);
    Canaries.assertNoLeak(
        masker.mask(plantedReport("application/x-www-form-urlencoded", formBody())), SECRETS);
  }

  @Test
  void authorizationKeepsItsScheme() {
    MaskedReport m = Masker.of(RuleSet.preset("default"))
        .mask(plantedReport("application/json", jsonBody()));
    assertThat(m.report().request().headers().first("Authorization")).isEqualTo("Bearer ***");
  }

  @Test
  void sameResultUnderTurkishLocale() {
    AttackReport r = plantedReport("application/json", jsonBody());
    MaskedReport expected = Masker.of(RuleSet.preset("default")).mask(r);
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      MaskedReport turkish = Masker.of(RuleSet.preset("default")).mask(r);
      assertThat(turkish.report()).isEqualTo(expected.report());
      Canaries.assertNoLeak(turkish, SECRETS);
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void nothingSelectedGivesTheSameBytes() {
    AttackReport r = plantedReport("application/json", jsonBody());
    Masker none = Masker.of(RuleSet.builder()
        .rule(Rule.builder("nothing").names("no-such-name-anywhere").build()).build());
    MaskedReport m = none.mask(r);
    assertThat(m.report()).isEqualTo(r);
    assertThat(m.notes()).isEmpty();
    assertThat(m.report().request().body()).isEqualTo(r.request().body());
  }

  @Test
  void maskingIsIdempotent() {
    Masker masker = Masker.of(RuleSet.preset("default"));
    for (AttackReport r : List.of(plantedReport("application/json", jsonBody()),
        plantedReport("application/x-www-form-urlencoded", formBody()))) {
      AttackReport once = masker.mask(r).report();
      assertThat(masker.mask(once).report()).isEqualTo(once);
    }
  }

  @Test
  void hmacWithoutKeyIsAConfigurationError() {
    RuleSet rules = RuleSet.builder()
        .rule(Rule.builder("h").names("token").action(new MaskAction.Hmac()).build()).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Masker.of(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hmac");
  }
}
