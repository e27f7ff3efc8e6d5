package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Rewriter;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary for the sweep's set-up reading each masked value's decision and point together
 * ({@link MaskRun#maskedValueEntry}): echoes are masked with the action of the rule that masked
 * their own value (never a neighbour's), also when a detector span made the entries a list of
 * their own.
 */
final class MaskedValueEntryCanaryTest {

  private static final Decision KEEP = new Decision(new MaskAction.KeepLast(4), "t/keep");
  private static final Decision REDACT = new Decision(MaskAction.redact(), "t/redact");

  private static MaskPolicy policy(boolean detectors) {
    List<DetectorRule> rules = detectors
        ? List.of(new DetectorRule(Detector.CARD, new Decision(new MaskAction.KeepLast(4), "d/card")))
        : List.of();
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        if (f.name() == null) {
          return null;
        }
        return switch (f.name()) {
          case "acct", "acct2" -> KEEP;
          case "tok", "again" -> REDACT;
          default -> null;
        };
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  private static MaskedReport mask(String body, boolean detectors, String... echoes) {
    HttpRequest.Builder b = HttpRequest.builder().method("POST").uri("/x").protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("Content-Type", "application/json");
    for (int i = 0; i < echoes.length; i++) {
      b.header("X-Echo-" + i, "[" + echoes[i] + "]");
    }
    return Rewriter.mask(AttackReport.of(b.body(body).build()), policy(detectors),
        MaskingOptions.defaults());
  }

  private static String header(MaskedReport m, String name) {
    for (Header h : m.report().request().headers().asList()) {
      if (h.name().equals(name)) {
        return h.value();
      }
    }
    throw new AssertionError("no header");
  }

  @Test
  void eachEchoTakesTheActionOfItsOwnValue() {
    for (boolean detectors : new boolean[] {false, true}) {
      // With detectors on, a card in "memo" is a span found inside a value: the entries become a
      // list of their own from there on, and the values after it must still line up.
      String body = "{\"acct\":\"ACCT-00009999\",\"memo\":\"card 4111 1111 1111 1111 ok\","
          + "\"tok\":\"tok-abcdef123\",\"acct2\":\"ACCT2-7777\"}";
      MaskedReport m = mask(body, detectors, "ACCT-00009999", "tok-abcdef123", "ACCT2-7777",
          "4111 1111 1111 1111");
      assertThat(header(m, "X-Echo-0")).isEqualTo("[*********9999]");
      assertThat(header(m, "X-Echo-1")).isEqualTo("[***]");
      assertThat(header(m, "X-Echo-2")).isEqualTo("[******7777]");
      if (detectors) {
        assertThat(header(m, "X-Echo-3")).isEqualTo("[***************1111]");
      } else {
        assertThat(header(m, "X-Echo-3")).isEqualTo("[4111 1111 1111 1111]");
      }
      long residual = m.notes().stream().filter(n -> n.kind() == Note.Kind.RESIDUAL
          && n.reason().contains("the value masked at post > json_doc > hash tok")
          && "t/redact".equals(n.ruleId())).count();
      assertThat(residual).isEqualTo(1);
    }
  }
}
