package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Canary for values that both the nested layers and the value detectors look at in a JSON body
 * (a guard for any future skip of an inspector whose pre-check said no): a value that both
 * pre-checks let through still goes to both (a detector secret beside a form-like text is
 * masked), and a value only the nested layers' pre-check lets through still goes to them (a
 * selected member inside it is masked), in raw, percent-encoded and JSON-escaped form.
 */
final class InspectorSkipCanaryTest {

  private static final Decision PW = new Decision(MaskAction.redact(), "pw");

  /** Fillers that make a value promising for the nested layers and start no detector shape. */
  private static final String[] LAYER_FILLERS = {"a=b&c=", "x=", "%41 ", "{ ", " "};

  private static MaskPolicy policy() {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    List<DetectorRule> fixed = List.copyOf(rules);
    return new MaskPolicy() {
      @Override
      public Decision decide(dev.masking.core.Field f) {
        return "password".equals(f.name()) ? PW : null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return fixed;
      }
    };
  }

  private static String maskJson(String json) {
    MaskRun run = new MaskRun(policy(), MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] src = json.getBytes(UTF_8);
    byte[] out = JsonScanner.mask(src, 0, src.length, run);
    return out == null ? json : new String(out, UTF_8);
  }

  private static String quoted(String v) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(v)) + "\"";
  }

  private static void assertGone(String out, String secret, String value) {
    assertThat(out).as("planted in %s", value).doesNotContain(secret)
        .doesNotContain(URLEncoder.encode(secret, UTF_8))
        .doesNotContain(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
  }

  @Test
  void detectorSecretsInValuesTheNestedLayersAlsoLookAtAreMasked() {
    EnumSet<Detector> all = EnumSet.allOf(Detector.class);
    int planted = 0;
    for (Arguments row : DetectionTest.rows()) {
      Object[] a = row.get();
      String text = (String) a[0];
      @SuppressWarnings("unchecked")
      List<String> spans = (List<String>) a[1];
      for (String filler : LAYER_FILLERS) {
        for (boolean after : new boolean[] {false, true}) {
          String value = after ? text + " " + filler.trim() + " " : filler + text;
          List<String> found = DetectionTest.find(value, all);
          byte[] b = value.getBytes(UTF_8);
          if (!NestedLayers.promising(b, 0, b.length)) {
            continue; // not a value that takes both pre-checks
          }
          String json = "{\"v\":" + quoted(value) + ",\"n\":[" + quoted(value) + "]}";
          String out = maskJson(json);
          for (String s : spans) {
            String secret = s.substring(s.indexOf('=') + 1);
            if (found.stream().anyMatch(f -> f.endsWith("=" + secret))) {
              assertGone(out, secret, value);
              planted++;
            }
          }
        }
      }
    }
    assertThat(planted).isGreaterThan(100);
  }

  @Test
  void selectedMembersInsideValuesNoDetectorLooksAtAreMasked() {
    Detection detection = Detection.of(EnumSet.allOf(Detector.class));
    for (String value : List.of("user=bob&password=hunter-zq", "password=hunter-zq",
        "{\"password\":\"hunter-zq\"}", "user=bob%26x&password=hunter-zq")) {
      byte[] b = value.getBytes(UTF_8);
      assertThat(detection.mayFind(b, 0, b.length)).as(value).isFalse();
      String out = maskJson("{\"v\":" + quoted(value) + ",\"k\":\"kept\"}");
      assertGone(out, "hunter-zq", value);
      assertThat(out).contains("\"k\":\"kept\"");
    }
  }
}
