package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A body declared {@code application/x-www-form-urlencoded} that sniffs as another format is read
 * as a form too (the application behind reads it so). Found by the end-to-end fuzz target
 * (masking-rules MaskerFuzzTestInputs/maskAnyReport/form-body-sniffed-as-json).
 */
final class DeclaredFormBodyTest {
  private static final MaskPolicy PASSWORD = f -> "password".equals(f.name())
      ? new Decision(MaskAction.redact(), "t") : null;

  private static String mask(String contentType, String body) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/")
        .header("Content-Type", contentType).body(body).build();
    MaskedReport m = Rewriter.mask(AttackReport.of(req), PASSWORD, MaskingOptions.defaults());
    return new String(m.report().request().body(), UTF_8);
  }

  @Test
  void formBodyThatLooksLikeJsonOrXmlIsAlsoScannedAsAForm() {
    assertThat(mask("application/x-www-form-urlencoded", "[x%5D=1&password=frmSecret1"))
        .isEqualTo("[x%5D=1&password=***");
    assertThat(mask("application/x-www-form-urlencoded; charset=UTF-8",
        "<a>=1&password=frmSecret2")).doesNotContain("frmSecret2").startsWith("<a>=1&");
    assertThat(mask("application/x-www-form-urlencoded", "{\"password\":\"frmSecret3\"}"))
        .doesNotContain("frmSecret3");
  }
}
