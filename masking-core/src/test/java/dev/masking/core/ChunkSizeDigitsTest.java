package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A chunk-size line is read by its value, not its digit count: llhttp (Node) takes any number of
 * leading zeros ({@code 000000000000000000011} is 0x11), so that body is a chunk holding a form;
 * a size that overflows is read by no server, and the body is masked whole with a note rather
 * than read as unframed text.
 */
final class ChunkSizeDigitsTest {
  private static final String SECRET = "chunkSecret42";
  private static final MaskPolicy PASSWORD = f -> "password".equals(f.name())
      ? new Decision(MaskAction.redact(), "t") : null;

  private static MaskedReport mask(String body) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/")
        .header("Transfer-Encoding", "chunked")
        .header("Content-Type", "application/x-www-form-urlencoded").body(body).build();
    return Rewriter.mask(AttackReport.of(req), PASSWORD, MaskingOptions.defaults());
  }

  @Test
  void leadingZerosOnTheSizeLineStillFrameAChunk() {
    String form = "password=" + SECRET;
    String size = "0".repeat(20) + Integer.toHexString(form.length());
    MaskedReport m = mask(size + "\r\n" + form + "\r\n0\r\n\r\n");
    assertThat(new String(m.report().request().body(), UTF_8)).doesNotContain(SECRET)
        .contains("password=***");
  }

  @Test
  void anOverflowingSizeMasksTheBodyWholeWithANote() {
    MaskedReport m = mask("f".repeat(20) + "\r\npassword=" + SECRET + "\r\n0\r\n\r\n");
    assertThat(new String(m.report().request().body(), UTF_8)).doesNotContain(SECRET);
    assertThat(m.notes()).anySatisfy(n -> assertThat(n.kind()).isEqualTo(Note.Kind.FALLBACK));
  }

  @Test
  void fifteenSignificantDigitsAreStillASize() {
    String form = "password=" + SECRET;
    MaskedReport m = mask("00000000000000" + Integer.toHexString(form.length()) + ";x=y\r\n" + form
        + "\r\n0\r\n\r\n");
    assertThat(new String(m.report().request().body(), UTF_8)).contains("password=***");
  }
}
