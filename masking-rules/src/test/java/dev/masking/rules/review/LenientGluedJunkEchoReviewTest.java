package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Point;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Review (review-s19, found by a seeded differential of random reports; the same in the build
 * before the session): in a JSON body scanned leniently, a selected string value with junk glued
 * after its closing quote ({@code "password": "S"x, ...}) is masked together with the junk, and
 * that text, quotes and junk included, was all the residual sweep hunted. A client echoing the
 * value itself (a header, the query, an attack payload) kept it. The string's content is now
 * hunted as well.
 */
final class LenientGluedJunkEchoReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));
  private static final String SECRET = "Qz7GluedJunkS3cret";

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"password\": \"SECRET\"x\t,\"q\":1}",
      "{\"password\": \"SECRET\"x}",
      "{\"a\":1,\"token\":\"SECRET\"]  , \"b\": 2}",
      "{\"password\": 'SECRET'junk, \"q\": 1}",
      "{\"note\": \"{\\\"password\\\":\\\"SECRET\\\"x}\", \"q\": 1"})
  void theContentOfAStringMaskedWithGluedJunkIsHuntedInEchoes(String template) {
    String body = template.replace("SECRET", SECRET);
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x?echo=" + SECRET)
        .header("Host", "h.example").header("Content-Type", "application/json")
        .header("X-Echo", SECRET)
        .header("X-B64", Base64.getEncoder().encodeToString(SECRET.getBytes(UTF_8)))
        .body(body.getBytes(UTF_8)).build();
    AttackReport in = new AttackReport("r-1", null, req,
        List.of(Attack.of("sqli", Point.of(), "' OR 1=1 -- " + SECRET)), Map.of());
    MaskedReport m = DEFAULT.mask(in);
    StringBuilder all = new StringBuilder(m.report().request().uri()).append('\n');
    for (Header h : m.report().request().headers()) {
      all.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    all.append(new String(m.report().request().body(), UTF_8)).append('\n');
    for (Attack a : m.report().attacks()) {
      all.append(a.payload()).append('\n');
    }
    all.append(m.notes());
    for (String f : HostileScannersReviewTest.forms(SECRET)) {
      assertThat(all.toString()).as("%s in %s", f, body).doesNotContain(f);
    }
    assertThat(DEFAULT.mask(m.report()).report()).isEqualTo(m.report());
  }
}
