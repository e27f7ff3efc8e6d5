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
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A report with many attacks and many masked values costs time linear in its size. Finding the
 * masked point that holds each attack's point, and whether a keep action's payload is the value
 * masked there, looped over every masked point and value per attack: 100,000 of each (a 3 MB
 * report, within every default limit) took minutes; it now takes well under a second. The JUnit
 * timeout is generous (shared build machines) and still a tenth of the old cost.
 */
final class ManyAttacksCostTest {
  private static final int N = 100_000; // maxFields: every value is masked at its own field

  private static final MaskPolicy POLICY = f -> {
    if ("password".equals(f.name())) {
      return new Decision(MaskAction.redact(), "pw");
    }
    return "cc".equals(f.name()) ? new Decision(new MaskAction.KeepLast(4), "cc") : null;
  };

  private static String token(int i) {
    return "Tk" + Integer.toString(1_000_000 + i * 7919, 36) + "zQ";
  }

  private static MaskedReport mask(String name, Point attackPoint) {
    StringBuilder body = new StringBuilder(N * 16);
    List<Attack> attacks = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      body.append(name).append('=').append(token(i)).append('&');
      attacks.add(Attack.of("xss", attackPoint == null
          ? Point.of(Step.of("post"), Step.named("form_urlencoded", "q" + i))
          : attackPoint, "<b>" + token(i + N) + "</b>"));
    }
    HttpRequest req = HttpRequest.builder().method("POST").uri("/")
        .header("Content-Type", "application/x-www-form-urlencoded").body(body.toString())
        .build();
    return Rewriter.mask(new AttackReport("r", null, req, attacks, Map.of()), POLICY,
        MaskingOptions.defaults());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void manyAttacksBesideManyMaskedPointsStayLinear() {
    MaskedReport m = mask("password", null);
    assertThat(new String(m.report().request().body(), UTF_8)).doesNotContain(token(0))
        .doesNotContain(token(N - 1));
    assertThat(m.report().attacks().get(N - 1).payload()).isEqualTo("<b>" + token(2 * N - 1)
        + "</b>");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void manyKeepActionPayloadsAtAMaskedPointStayLinear() {
    MaskedReport m = mask("cc",
        Point.of(Step.of("post"), Step.named("form_urlencoded", "cc")));
    // Not the value masked there: starred whole, not shown by its last four characters.
    assertThat(m.report().attacks().get(7).payload()).doesNotContain(token(7 + N))
        .doesNotContain(token(7 + N).substring(token(7 + N).length() - 4));
  }
}
