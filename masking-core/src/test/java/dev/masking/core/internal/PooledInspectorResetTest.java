package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The thread's pooled run lends its inspector set (value detectors, actions, inspectors array) to
 * the thread's next run with the same options and detector rules (api10): the detectors come to
 * it reset, holding no span and no scratch byte of the earlier run's values, and a run with other
 * options gets a set of its own.
 */
final class PooledInspectorResetTest {
  private static final List<DetectorRule> RULES = List.of(
      new DetectorRule(Detector.CARD, new Decision(MaskAction.redact(), "card")));

  private static MaskPolicy policy() {
    return new MaskPolicy() {
      @Override
      public Decision decide(dev.masking.core.Field f) {
        return null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return RULES;
      }
    };
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  @Test
  void theNextRunGetsTheDetectorsResetAndOtherOptionsGetTheirOwn() throws Exception {
    MaskingOptions options = MaskingOptions.defaults();
    MaskRun first = MaskRun.pooled(policy(), options);
    Object detectors;
    try {
      first.push(Step.named("header", "X-Note"), "X-Note");
      assertThat(first.inspect("é card 4111 1111 1111 1111 é")).doesNotContain("4111"); // spans
      detectors = field(first, "detectorInspector");
      // Escaped JSON content: the detectors' JSON pre-check decodes it into their scratch.
      byte[] json = "card \\u0034111 1111 1111 1111 \\u00e9".getBytes(
          java.nio.charset.StandardCharsets.UTF_8);
      assertThat(((DetectorInspector) detectors).mayInspectJson(json, 0, json.length)).isTrue();
      assertThat(((byte[][]) field(detectors, "scratch"))[0]).isNotNull();
      assertThat(field(detectors, "spans")).isNotNull();
    } finally {
      first.release();
    }
    assertThat(((byte[][]) field(detectors, "scratch"))[0]).isNull();
    assertThat(field(detectors, "spans")).isNull();
    MaskRun second = MaskRun.pooled(policy(), options);
    try {
      assertThat(field(second, "detectorInspector")).isSameAs(detectors);
      second.push(Step.named("header", "X-Note"), "X-Note");
      assertThat(second.inspect("é card 5555 5555 5555 4444 é")).doesNotContain("5555");
    } finally {
      second.release();
    }
    MaskRun other = MaskRun.pooled(policy(), MaskingOptions.builder().maxFields(7).build());
    try {
      assertThat(field(other, "detectorInspector")).isNotSameAs(detectors);
    } finally {
      other.release();
    }
  }

  @Test
  void aMutableDetectorListChangedBetweenRunsGetsASetOfItsOwn() throws Exception {
    List<DetectorRule> rules = new java.util.ArrayList<>(RULES);
    MaskPolicy p = new MaskPolicy() {
      @Override
      public Decision decide(dev.masking.core.Field f) {
        return null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
    MaskingOptions options = MaskingOptions.defaults();
    MaskRun first = MaskRun.pooled(p, options);
    Object detectors = field(first, "detectorInspector");
    first.release();
    rules.set(0, new DetectorRule(Detector.JWT, new Decision(MaskAction.redact(), "jwt")));
    MaskRun second = MaskRun.pooled(p, options);
    try {
      assertThat(field(second, "detectorInspector")).isNotSameAs(detectors);
      second.push(Step.named("header", "X-Note"), "X-Note");
      assertThat(second.inspect("t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlMTIz"))
          .doesNotContain("eyJzdWIiOiJ4In0");
    } finally {
      second.release();
    }
  }
}
