package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.io.ReportJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * P1 canary (review-s20): a masked cookie's percent-decoded reading made only of control
 * characters or Unicode spaces (a binary token sent percent-encoded) is hunted like any other
 * reading: its raw echo in a header, the body and an attack payload is masked. idem15 left every
 * reading that a trim would take off whole unhunted (to stop a cookie "+" read as " " masking
 * every space); only readings of the four blanks that format text are left so now.
 */
final class CookieBinaryReadingCanaryTest {

  private static final MaskPolicy POLICY = f -> f.name() != null
      && Ascii.equalsIgnoreCase(f.name(), "session")
      ? new Decision(MaskAction.redact(), "t/session") : null;

  private static void assertHunted(String encoded, String raw) {
    HttpRequest q = HttpRequest.builder().method("POST").uri("/p").header("Host", "h")
        .header("Cookie", "theme=dark; session=" + encoded).header("X-Raw", "k" + raw + "k")
        .header("Content-Type", "text/plain").body("a" + raw + "b").build();
    AttackReport r = new AttackReport("r", null, q, List.of(Attack.of("xss", null, "p" + raw)),
        Map.of());
    MaskedReport once = Rewriter.mask(r, POLICY, MaskingOptions.defaults());
    AttackReport out = once.report();
    assertThat(out.request().headers().first("X-Raw")).isEqualTo("k***k");
    assertThat(new String(out.request().bodyUnsafe(), UTF_8)).isEqualTo("a***b");
    assertThat(out.attacks().get(0).payload()).isEqualTo("p***");
    String all = new String(ReportJson.write(once, true), UTF_8);
    assertThat(all).doesNotContain(encoded);
    assertThat(new String(ReportJson.write(Rewriter.mask(out, POLICY, MaskingOptions.defaults())
        .report()), UTF_8)).isEqualTo(new String(ReportJson.write(out), UTF_8));
  }

  @Test
  void aReadingOfControlCharactersIsHunted() {
    assertHunted("%01%02%03%04%05%06%07%08%0B%0C%0E%0F%10%11%12%13",
        "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000e\u000f\u0010\u0011"
            + "\u0012\u0013");
  }

  @Test
  void aReadingOfUnicodeSpacesIsHunted() {
    assertHunted("%E3%80%80%E3%80%80%C2%A0%E2%80%83%E3%80%80%E2%80%83%C2%A0%E2%80%83",
        "\u3000\u3000\u00a0\u2003\u3000\u2003\u00a0\u2003");
  }

  @Test
  void aReadingOfSpacesOnlyIsStillNotHunted() {
    // The case idem15's skip was for: "++++" reads as four spaces, which are formatting.
    HttpRequest q = HttpRequest.builder().method("GET").uri("/p").header("Host", "h")
        .header("Cookie", "session=++++").header("X-Text", "a    b").build();
    AttackReport out = Rewriter.mask(new AttackReport("r", null, q, List.of(), Map.of()), POLICY,
        MaskingOptions.defaults()).report();
    assertThat(out.request().headers().first("X-Text")).isEqualTo("a    b");
  }
}
