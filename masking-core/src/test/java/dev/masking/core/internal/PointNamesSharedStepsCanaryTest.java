package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Canary for the notes' name search that skips a key found clean in the last clean note's point
 * at the same place (by identity): a masked value planted as a member name (parent of several
 * masked members, so that consecutive notes share it), a header name, a query name (sent
 * percent-encoded) and a cookie name, raw and base64-encoded, must be masked in every note's point
 * and in every attack's point (parsed and as the report carried it), whatever note came before.
 */
final class PointNamesSharedStepsCanaryTest {

  private static final String SECRET = "sess-7f3a9c2e51";
  private static final String B64 =
      Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
  private static final Set<String> NAMES = Set.of("tok", "pin", "pw", "otp", "x-tok");
  /** The names above; the planted names too where they name a query, header or cookie value. */
  private static final MaskPolicy POLICY = f -> f.name() != null
      && (NAMES.contains(f.name().toLowerCase(Locale.ROOT))
          || !f.last().parser().equals("hash")
              && (f.name().equalsIgnoreCase(SECRET) || f.name().equals(B64)))
      ? new Decision(MaskAction.redact(), "t/names") : null;

  @Test
  void aMaskedValueUsedAsANameIsMaskedInEveryNoteAndAttackPoint() {
    String body = "{\"tok\":\"" + SECRET + "\",\"a\":{\"pin\":\"pin-1000\"},"
        + "\"" + SECRET + "\":{\"pin\":\"pin-2000\",\"pw\":\"pw-2000\",\"otp\":\"otp-2000\"},"
        + "\"b\":{\"pin\":\"pin-3000\"},"
        + "\"" + B64 + "\":{\"pin\":\"pin-4000\",\"pw\":\"pw-4000\"},"
        + "\"" + SECRET + "x\":{\"pin\":\"pin-5000\",\"pw\":\"pw-5000\"}}";
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/x?pin=q-1000&%73ess-7f3a9c2e51=q-2000&pin=q-3000&" + B64 + "=q-4000")
        .protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("X-Tok", "h-1000")
        .header(SECRET, "h-2000")
        .header("X-Tok", "h-3000")
        .header(B64, "h-4000")
        .header("Cookie", "pin=c-1000; " + SECRET + "=c-2000; pin=c-3000; " + B64 + "=c-4000")
        .header("Content-Type", "application/json")
        .body(body)
        .build();
    List<Attack> attacks = new ArrayList<>();
    attacks.add(Attack.of("xss", Point.of(Step.named("get", "pin")), "q-1000"));
    attacks.add(Attack.of("xss", Point.of(Step.named("get", SECRET)), "q-2000"));
    attacks.add(Attack.of("xss", Point.of(Step.of("post"), Step.of("json_doc"),
        Step.named("hash", SECRET), Step.named("hash", "pw")), "pw-2000"));
    attacks.add(Attack.of("xss", Point.of(Step.of("post"), Step.of("json_doc"),
        Step.named("hash", B64), Step.named("hash", "pw")), "pw-4000"));
    attacks.add(Attack.of("xss", Point.of(Step.named("header", SECRET)), "h-2000"));
    attacks.add(Attack.of("xss", Point.of(Step.named("cookie", B64)), "c-4000"));
    attacks.add(new Attack("xss", null, raw("post", "json_doc", "hash", SECRET, "hash", "pin"),
        "pin-2000", Map.of()));
    attacks.add(new Attack("xss", null, raw("header", B64), "h-4000", Map.of()));
    AttackReport report = new AttackReport("r", "1", req, attacks, Map.of());

    MaskedReport out = Rewriter.mask(report, POLICY, MaskingOptions.defaults());

    int masked = 0;
    int underEcho = 0;
    for (Note n : out.notes()) {
      assertClean(n.point());
      assertThat(n.reason().toLowerCase(Locale.ROOT)).doesNotContain(SECRET);
      assertThat(n.reason()).doesNotContain(B64);
      if (n.kind() == Note.Kind.MASKED && n.point() != null) {
        masked++;
        String p = n.point().display();
        underEcho += p.contains("hash *** > hash") ? 1 : 0;
      }
    }
    // Query 4, headers 4, cookies 4, body 1 + 1 + 3 + 1 + 2 + 2 (the last parent is the value
    // with an "x" after it: masked as "***x").
    assertThat(masked).isEqualTo(22);
    assertThat(underEcho).isEqualTo(5); // the raw and the base64 parent, every member below them
    for (Attack a : out.report().attacks()) {
      assertClean(a.point());
      JsonNode raw = a.rawPoint();
      if (raw != null) {
        for (JsonNode s : raw) {
          assertThat(s.asText().toLowerCase(Locale.ROOT)).doesNotContain(SECRET);
          assertThat(s.asText()).doesNotContain(B64);
        }
      }
    }
    assertThat(out.report().attacks().get(1).point().step(0).key()).isEqualTo("***");
    assertThat(out.report().attacks().get(2).point().step(2).key()).isEqualTo("***");
  }

  private static void assertClean(Point p) {
    if (p == null) {
      return;
    }
    for (Step s : p.steps()) {
      if (s.key() != null) {
        assertThat(s.key().toLowerCase(Locale.ROOT)).doesNotContain(SECRET);
        assertThat(s.key()).doesNotContain(B64);
      }
    }
  }

  private static JsonNode raw(String... flat) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (String s : flat) {
      a.add(s);
    }
    return a;
  }
}
