package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.masking.core.Decision;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary for the detectors' byte pre-check reading {@code _} and {@code J} in their context
 * ({@code Detection.neededAt}: a {@code _} counts only after {@code gh[pousr]}, {@code github},
 * {@code sk} or {@code rk}, a {@code J} only after {@code ey}): GitHub tokens, Stripe keys and
 * JWTs planted next to other underscores and capital J's (which alone no longer send a value on
 * to the pair loop), at a value's first byte and in its middle, in JSON values (raw and with
 * escapes), header values, and attack payloads, short and past 64 bytes, must all be masked;
 * values with only such other bytes are left as sent.
 */
final class UnderscoreContextCanaryTest {

  private static final String[] SECRETS = {
    "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
    "gho_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "rk_live_9zY8xW7vU6tS5rQ4pO3nM2lK",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl",
  };

  /** Underscores and J's that start no shape; the long one takes a value past 64 bytes. */
  private static final String[] FILLERS = {
    "", "Not_A ", "my_var ", "Jan_J ", "sk ", "gh_x ", "JSON_KEY ", "__init__ k_v ",
    "Sec_CH_UA \"Not_A Brand\";v=\"24\", Jolly_Jumper_Jamboree, snake_case_name ",
  };

  private static MaskPolicy policy() {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      if (!d.pii()) {
        rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "detect-" + d.id())));
      }
    }
    List<DetectorRule> fixed = List.copyOf(rules);
    return new MaskPolicy() {
      @Override
      public Decision decide(dev.masking.core.Field field) {
        return null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return fixed;
      }
    };
  }

  @Test
  void tokensNextToOtherUnderscoresAndCapitalJsAreMaskedEverywhere() {
    MaskPolicy policy = policy();
    int planted = 0;
    for (String secret : SECRETS) {
      String core = secret.substring(secret.length() - 12); // a piece only the secret holds
      for (String before : FILLERS) {
        for (String after : List.of("", " x_y", " J_")) {
          String value = before + secret + after;
          for (String v : List.of(value, "\"" + value + "\"\n")) {
            String json = "{\"a\":\"" + escaped(v) + "\",\"b\":\"kept_J\"}";
            assertThat(maskJson(policy, json)).as("json %s", v).doesNotContain(core)
                .contains("***").endsWith(",\"b\":\"kept_J\"}");
          }
          MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
          Headers out = HeaderScanner.mask(Headers.of("X-Note", value), run);
          assertThat(out.first("X-Note")).as("header %s", value).doesNotContain(core);
          run = new MaskRun(policy, MaskingOptions.defaults());
          String masked = run.detectorInspector().mask(value, run, null, "attack payload");
          assertThat(masked).as("payload %s", value).isNotNull().doesNotContain(core);
          planted++;
        }
      }
    }
    assertThat(planted).isEqualTo(SECRETS.length * FILLERS.length * 3);
  }

  @Test
  void valuesWithOnlyOtherUnderscoresAndCapitalJsAreLeftAsSent() {
    MaskPolicy policy = policy();
    Detection d = new Detection(List.of(Detector.values()).stream().filter(x -> !x.pii())
        .toList());
    for (String f : FILLERS) {
      String v = f + "and_more_J";
      byte[] b = v.getBytes(UTF_8);
      assertThat(d.mayFind(b, 0, b.length)).as(v).isFalse();
      String json = "{\"a\":\"" + escaped(v) + "\"}";
      assertThat(maskJson(policy, json)).isEqualTo(json);
      MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
      assertThat(run.detectorInspector().mask(v, run, null, "attack payload")).isNull();
    }
  }

  private static String escaped(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }

  private static String maskJson(MaskPolicy policy, String body) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] src = body.getBytes(UTF_8);
    byte[] out = JsonScanner.mask(src, 0, src.length, run);
    return out == null ? body : new String(out, UTF_8);
  }
}
