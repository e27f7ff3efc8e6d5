package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.masking.core.io.ReportJson;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * P1 canary (review-s20): a point shows a header name upper-cased (notes' display, an attack's
 * parsed point written in the flat form). A header named by the lower-case form of a masked
 * upper-case value (an access key, upper-case hex) is no echo as sent, but shown upper-cased it is
 * the value itself: in the point of a note made at that header (its value repeated a masked value,
 * or a rule masked it), in an attack's point and in the sentence naming where a value was masked.
 */
final class HeaderNameShownUpperCanaryTest {

  private static final String SECRET = "QZ7K4M2P9XW3R8TV";
  private static final String B64 =
      Base64.getEncoder().encodeToString(SECRET.getBytes(UTF_8)); // UVo3SzRNMlA5WFczUjhUVg==

  /** "password" anywhere; a header named "x-card". */
  private static final MaskPolicy POLICY = f -> f.name() != null
      && (f.name().equals("password") || f.name().toLowerCase(Locale.ROOT).startsWith("x-card"))
      ? new Decision(MaskAction.redact(), "t/p") : null;

  @Test
  void aHeaderNameShownUpperCasedAsAMaskedValueIsMasked() {
    String lower = SECRET.toLowerCase(Locale.ROOT);
    HttpRequest req = HttpRequest.builder().method("POST").uri("/p").header("Host", "h")
        .header(lower, "x " + SECRET + " y")
        .header("x-card-" + lower, "v1")
        .header("Content-Type", "application/json")
        .body("{\"password\":\"" + SECRET + "\",\"b\":\"" + B64 + "\"}").build();
    List<Attack> attacks = List.of(
        Attack.of("xss", Point.of(Step.named("header", lower)), "p"),
        Attack.of("xss", Point.of(Step.named("header", "x-card-" + lower)), "v1"));
    MaskedReport out = Rewriter.mask(new AttackReport("r", null, req, attacks, Map.of()), POLICY,
        MaskingOptions.defaults());
    String all = new String(ReportJson.write(out, true), UTF_8);
    assertThat(all).doesNotContain(SECRET);
    for (Note n : out.notes()) {
      assertThat(n.toString()).doesNotContain(SECRET);
    }
    // the headers as sent keep their names (lower-case: no echo there) and evidence elsewhere
    assertThat(out.report().request().headers().first(lower)).isEqualTo("x *** y");
    assertThat(all).contains("header X-CARD-***");
  }
}
