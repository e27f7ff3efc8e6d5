package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Rewriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Canary for header names in the sweep: a masked value sent as a header's name (raw, base64,
 * percent-encoded, inside a longer name, the header's value masked or not) must be masked in the
 * output's headers, as it is in the uri, the body and the names of the notes' points. The headers
 * of a name that holds no echo stay as they were, in order and case.
 */
final class HeaderNameEchoCanaryTest {

  private static final String SECRET = "Sess-7f3a9c2e51!x";
  private static final String B64 =
      Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
  private static final String PCT = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
  private static final MaskPolicy POLICY = f -> f.name() != null
      && (f.name().equals("tok") || f.name().equalsIgnoreCase("x-masked"))
      ? new Decision(MaskAction.redact(), "t/names") : null;

  @Test
  void aMaskedValueSentAsAHeaderNameIsMaskedInTheHeaders() {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header(SECRET, "v1")
        .header("X-" + B64, "v2")
        .header(PCT + "-y", "v3")
        .header("X-Masked", "m-1234")
        .header("X-Plain", "v5")
        .header("Content-Type", "application/json")
        .body("{\"tok\":\"" + SECRET + "\"}")
        .build();

    MaskedReport out = Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults());

    StringBuilder names = new StringBuilder();
    for (Header h : out.report().request().headers().asList()) {
      names.append(h.name()).append('\n');
      assertThat(h.name().toLowerCase(Locale.ROOT)).doesNotContain(SECRET.toLowerCase(Locale.ROOT));
      assertThat(h.name()).doesNotContain(B64).doesNotContain(PCT);
    }
    // The base64 form's last chars depend on what follows the value: as in the body, they stay.
    assertThat(names.toString()).isEqualTo(
        "Host\n***\nX-***g=\n***-y\nX-Masked\nX-Plain\nContent-Type\n");
    for (Note n : out.notes()) {
      assertThat(n.toString().toLowerCase(Locale.ROOT))
          .doesNotContain(SECRET.toLowerCase(Locale.ROOT));
    }
    assertThat(new String(out.report().request().bodyUnsafe(), StandardCharsets.UTF_8))
        .doesNotContain(SECRET);
  }
}
