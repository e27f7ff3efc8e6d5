package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Rewriter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Canary for the notes' key search that skips names shorter than every hunted form: a masked
 * value exactly as long as the shortest form ({@code residualMinLength}), used as a member name
 * and as a query parameter name, is masked in every note's point, raw and non-ASCII; the names
 * shorter than it (a prefix of it among them) are kept as they are.
 */
final class PointNamesShortKeysCanaryTest {

  private static final Set<String> NAMES = Set.of("tok", "pin", "pw");
  private static final MaskPolicy POLICY = f -> f.name() != null && NAMES.contains(f.name())
      ? new Decision(MaskAction.redact(), "t/names") : null;

  @Test
  void aShortestMaskedValueUsedAsANameIsMaskedInTheNotesAndShorterNamesStay() {
    String secret = "k9Zq"; // four chars: the shortest value hunted by default
    String wide = "\u00e9\u00e9k\u00e9"; // four chars, seven UTF-8 bytes
    String body = "{\"tok\":\"" + secret + "\",\"pw\":\"" + wide + "\",\"" + secret
        + "\":{\"pin\":\"pin-4242\"},\"k9Z\":{\"pin\":\"pin-1111\"},\"" + wide
        + "\":{\"pin\":\"pin-2222\"},\"\u00e9k\":{\"pin\":\"pin-3333\"}}";
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/x?" + secret + "=1&tok=" + secret).protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("Content-Type", "application/json")
        .body(body)
        .build();
    MaskedReport out = Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults());
    String masked = new String(out.report().request().bodyUnsafe(), UTF_8);
    assertThat(masked).doesNotContain(secret).doesNotContain(wide).doesNotContain("pin-");
    assertThat(out.report().request().uri()).doesNotContain(secret);
    int kept = 0;
    for (Note n : out.notes()) {
      String text = n.toString();
      assertThat(text).doesNotContain(secret).doesNotContain(wide);
      if (n.point() != null) {
        String p = n.point().display();
        kept += p.contains("hash k9Z >") || p.contains("hash \u00e9k >") ? 1 : 0;
      }
    }
    assertThat(kept).isEqualTo(2); // the shorter names, one of them a prefix of the value
  }
}
