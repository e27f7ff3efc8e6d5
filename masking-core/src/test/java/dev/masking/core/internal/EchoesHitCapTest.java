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
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Masked values that end one another ({@code aaaa}, {@code aaaaa}, ...) all end at every byte of
 * a run of {@code a}: the sweep's hits were the text's length times the number of values (300
 * values over 20,000 bytes: six million hits; a 2 MB report: out of memory). The automaton keeps
 * at most {@link 16} a byte and then masks the range whole.
 */
final class EchoesHitCapTest {
  private static final int VALUES = 300;

  private static String a(int n) {
    return "a".repeat(n);
  }

  @Test
  void valuesEndingOneAnotherKeepTheHitsLinearAndMaskTheRangeWhole() {
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
    run.push(Step.of("post"));
    for (int i = 0; i < VALUES; i++) {
      run.mask(new Decision(MaskAction.redact(), "t"), a(4 + i));
    }
    Echoes e = Echoes.of(run);
    byte[] text = (a(20_000) + "b").getBytes(UTF_8);
    List<Echoes.Hit> hits = new ArrayList<>();
    e.findAutomaton(text, 0, text.length, hits);
    assertThat((long) hits.size())
        .isLessThanOrEqualTo((long) Echoes.MAX_HITS_PER_BYTE * text.length + 1024 + VALUES + 1);
    assertThat(hits).anySatisfy(h -> {
      assertThat(h.start()).isZero();
      assertThat(h.end()).isEqualTo(text.length);
    });
  }

  @Test
  void theReportIsMaskedAndTheOtherHeaderKept() {
    MaskPolicy password = f -> "password".equals(f.name())
        ? new Decision(MaskAction.redact(), "pw") : null;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < VALUES; i++) {
      body.append("password=").append(a(4 + i)).append('&');
    }
    HttpRequest req = HttpRequest.builder().method("POST").uri("/")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-A", a(20_000) + "b").header("X-B", "ab".repeat(1000))
        .body(body.toString()).build();
    MaskedReport m = Rewriter.mask(AttackReport.of(req), password, MaskingOptions.defaults());
    assertThat(m.report().request().headers().get(1).value()).doesNotContain("aaaa");
    assertThat(m.report().request().headers().get(2).value()).isEqualTo("ab".repeat(1000));
  }
}
