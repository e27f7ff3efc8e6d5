package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A HOST condition is met by every host the request names that a server routes by: an
 * absolute-form request target and an HTTP/2 {@code :authority} come before the Host header, so
 * an attacker sending another Host must not switch the site's rules off.
 */
final class HostConditionReviewTest {

  private static final Masker PIN_ON_SHOP = Masker.of(RuleSet.parse(
      "[{\"id\":\"pin\",\"names\":[\"pin\"],\"when\":{\"host\":\"shop.example\"}}]", "r.json"));

  private static String maskedUri(Masker m, HttpRequest.Builder b) {
    AttackReport r = new AttackReport("r", null, b.build(), List.of(), Map.of());
    return m.mask(r).report().request().uri();
  }

  @Test
  void absoluteFormTargetMeetsTheHostConditionWhateverHostSays() {
    String uri = maskedUri(PIN_ON_SHOP, HttpRequest.builder().method("POST")
        .uri("http://shop.example/login?pin=9137secret").header("Host", "other.example"));
    assertThat(uri).doesNotContain("9137secret").endsWith("pin=***");
    String withPortAndUser = maskedUri(PIN_ON_SHOP, HttpRequest.builder().method("POST")
        .uri("https://u:p@SHOP.example:8443?pin=9137secret").header("Host", "x"));
    assertThat(withPortAndUser).doesNotContain("9137secret");
  }

  @Test
  void http2AuthorityMeetsTheHostConditionEvenWithAnotherHostHeader() {
    String uri = maskedUri(PIN_ON_SHOP, HttpRequest.builder().method("POST")
        .uri("/login?pin=9137secret").header(":authority", "shop.example")
        .header("Host", "other.example"));
    assertThat(uri).doesNotContain("9137secret");
  }

  @Test
  void absoluteFormHostIsFoldedAsciiOnlyUnderATurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      Masker m = Masker.of(RuleSet.parse(
          "[{\"id\":\"pin\",\"names\":[\"PIN\"],\"when\":{\"host\":\"api.example\"}}]",
          "r.json"));
      String uri = maskedUri(m, HttpRequest.builder().method("POST")
          .uri("HTTP://API.EXAMPLE/login?pin=9137secret").header("Host", "x.example"));
      assertThat(uri).doesNotContain("9137secret");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void anotherHostStillDoesNotMeetIt() {
    String uri = maskedUri(PIN_ON_SHOP, HttpRequest.builder().method("POST")
        .uri("http://other.example/login?pin=9137secret").header("Host", "other.example"));
    assertThat(uri).contains("pin=9137secret");
  }

  @Test
  void anAbsentHostConditionStillHoldsForAnAbsoluteTargetWithoutHost() {
    Masker m = Masker.of(RuleSet.parse(
        "[{\"id\":\"pin\",\"names\":[\"pin\"],\"when\":{\"header\":{\"Host\":null}}}]", "r.json"));
    String uri = maskedUri(m, HttpRequest.builder().method("GET")
        .uri("http://shop.example/?pin=9137secret"));
    assertThat(uri).doesNotContain("9137secret");
  }
}
