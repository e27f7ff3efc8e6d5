package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PresetTest {

  private static final MaskPolicy DEFAULT = RuleSet.preset("default").policy();

  /** Every kind of named field a scanner presents. */
  private static List<Field> everywhere(String name) {
    return List.of(TestField.query(name), TestField.header(name), TestField.cookie(name),
        TestField.json(name), TestField.json("user", name));
  }

  @Test
  void presetNamesListsDefaultAndPii() {
    assertThat(RuleSet.presetNames()).containsExactly("default", "pii");
    assertThatThrownBy(() -> RuleSet.presetNames().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unknownPresetListsTheKnownOnes() {
    assertThatThrownBy(() -> RuleSet.preset("strict"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown preset 'strict'; known presets: [default, pii]");
  }

  @Test
  void presetIsLoadedOnceAndShared() {
    assertThat(RuleSet.preset("default")).isSameAs(RuleSet.preset("default"));
  }

  @Test
  void defaultPresetHasItsDocumentedRules() {
    assertThat(RuleSet.preset("default").rules()).extracting(Rule::id).containsExactly(
        "default/password", "default/token", "default/authorization", "default/session-cookie",
        "default/card-number", "default/card-code", "default/email", "default/ssn",
        "default/ws-security", "default/card-value", "default/jwt-value",
        "default/private-key-value", "default/url-password", "default/token-value");
    assertThat(RuleSet.preset("default").requiresHmacKey()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "passwd", "pwd", "pass", "passphrase", "secret",
      "client_secret", "user_password", "new_password", "old_password", "confirm_password",
      "Password", "PASSWORD", "pass%77ord", "token", "access_token", "refresh_token", "id_token",
      "auth_token", "bearer_token", "api_key", "apikey", "apiKey", "x-api-key", "X-API-Key",
      "api_secret", "secret_key", "private_key", "csrf_token", "csrftoken", "_csrf",
      "xsrf_token", "x-csrf-token", "X-CSRFToken", "x-xsrf-token", "XSRF-TOKEN",
      "csrfmiddlewaretoken", "authenticity_token", "__RequestVerificationToken", "session_token",
      "x-auth-token", "otp", "mfa_code", "authorization", "Authorization", "AUTHORIZATION",
      "proxy-authorization", "Proxy-Authorization", "sessionid", "session", "session_id",
      "jsessionid", "JSESSIONID", "phpsessid", "PHPSESSID", "connect.sid", "asp.net_sessionid",
      "ASP.NET_SessionId", "laravel_session", "set-cookie", "Set-Cookie", "cc_number",
      "card_number", "cardNumber", "creditcard", "credit_card", "pan", "cvv", "cvc", "cvv2",
      "card_cvv", "email", "e-mail", "Email", "ssn", "SSN"})
  void defaultPresetSelectsSensitiveNamesEverywhere(String name) {
    for (Field f : everywhere(name)) {
      assertThat(DEFAULT.decide(f)).as("%s", f).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"user", "username", "login", "q", "query", "search", "id", "cookie",
      "Cookie", "key", "auth", "code", "name", "host", "Host", "user-agent", "User-Agent",
      "referer", "accept", "content-type", "url", "redirect", "next", "page", "file", "path",
      "cmd", "sort", "order", "lang", "expiry", "exp", "passenger", "tokens", "sessions",
      "description", "comment", "message", "x-forwarded-for", "origin", "keyword"})
  void defaultPresetLeavesEvidenceFieldsAlone(String name) {
    for (Field f : everywhere(name)) {
      assertThat(DEFAULT.decide(f)).as("%s", f).isNull();
    }
  }

  @Test
  void cardNumbersKeepTheirLastFourAndCodesAreRedacted() {
    Map<String, MaskAction> expected = Map.of(
        "cc_number", new MaskAction.KeepLast(4),
        "creditCard", new MaskAction.KeepLast(4),
        "pan", new MaskAction.KeepLast(4),
        "cvv", MaskAction.redact(),
        "cvc", MaskAction.redact(),
        "password", MaskAction.redact());
    List<String> wrong = new ArrayList<>();
    expected.forEach((name, action) -> {
      Decision d = DEFAULT.decide(TestField.json(name));
      if (d == null || !d.action().equals(action)) {
        wrong.add(name + " -> " + d);
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void presetDocumentationListsEveryRuleAndName() throws Exception {
    String docs = Files.readString(Path.of("..", "README.md"));
    List<Rule> all = new ArrayList<>(RuleSet.preset("default").rules());
    all.addAll(RuleSet.preset("pii").rules());
    for (Rule r : all) {
      String row = docs.lines().filter(l -> l.startsWith("| `" + r.id() + "` |")).findFirst()
          .orElse("");
      assertThat(row).as(r.id()).isNotEmpty();
      assertThat(row).as(r.id()).contains("| " + r.action().name());
      List<String> names = new ArrayList<>();
      if (r.selector() instanceof Selector.Names n) {
        names.addAll(n.names());
      } else if (r.selector() instanceof Selector.Detect d) {
        d.detectors().forEach(x -> names.add(x.id()));
      }
      for (String n : names) {
        assertThat(row).as(r.id()).contains("`" + n + "`");
      }
    }
  }

  @Test
  void presetRulesCanBeCombinedWithOwnRules() {
    RuleSet mine = RuleSet.builder()
        .include(RuleSet.preset("default"))
        .rule(Rule.builder("mine/username").names("username").action(new MaskAction.Hmac()).build())
        .build();
    assertThat(mine.requiresHmacKey()).isTrue();
    assertThat(mine.policy().decide(TestField.query("username")).ruleId())
        .isEqualTo("mine/username");
    assertThat(mine.policy().decide(TestField.query("password")).ruleId())
        .isEqualTo("default/password");
  }
}
