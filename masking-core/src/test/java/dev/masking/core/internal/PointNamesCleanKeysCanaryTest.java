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
 * Canary for the notes' key search that skips a key already found clean (by identity): a masked
 * value used as the name of a member whose own members are masked shows in the point of every note
 * below it, and every one of those points must have it masked, not only the first; the clean keys
 * around it (the same strings in several notes) stay as they are.
 */
final class PointNamesCleanKeysCanaryTest {

  private static final Set<String> NAMES = Set.of("tok", "password", "pin", "otp");
  private static final MaskPolicy POLICY = f -> f.name() != null && NAMES.contains(f.name())
      ? new Decision(MaskAction.redact(), "t/names") : null;

  @Test
  void aMaskedValueUsedAsAParentNameIsMaskedInTheNotesOfEveryMemberBelowIt() {
    String secret = "sess-7f3a9c2e51";
    String body = "{\"tok\":\"" + secret + "\",\"users\":{\"" + secret + "\":{\"password\":"
        + "\"pw-123456\",\"pin\":\"pin-98765\",\"otp\":\"otp-55555\"},\"other\":{\"password\":"
        + "\"pw-654321\",\"pin\":\"pin-11111\"}}}";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("Content-Type", "application/json")
        .body(body)
        .build();
    MaskedReport out = Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults());
    String masked = new String(out.report().request().bodyUnsafe(), UTF_8);
    assertThat(masked).doesNotContain(secret).doesNotContain("pw-").doesNotContain("pin-")
        .doesNotContain("otp-");
    int underSecret = 0;
    int underOther = 0;
    for (Note n : out.notes()) {
      assertThat(n.toString()).doesNotContain(secret);
      if (n.kind() == Note.Kind.MASKED && n.point() != null) {
        String p = n.point().display();
        underSecret += p.contains("users > hash ***") ? 1 : 0;
        underOther += p.contains("users > hash other") ? 1 : 0;
      }
    }
    // The three members under the echoed name, each with its point masked; the clean keys
    // ("users", "other") searched once and kept in every note.
    assertThat(underSecret).isEqualTo(3);
    assertThat(underOther).isEqualTo(2);
  }
}
