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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary for the digit-run test of {@link Detection#mayFind} (values of up to 64 bytes with
 * enough digits in all): cards and SSNs planted next to UUIDs, timestamps and order numbers in
 * JSON and form values that no rule selects are masked (their text survives neither raw, nor
 * percent-encoded, nor JSON-escaped), and the digit-rich neighbours are kept byte for byte.
 */
final class DigitRunCanaryTest {

  private static final String[] NEIGHBOURS = {"0000f77f-e89b-12d3-a456-426614174000",
    "1763700000", "ord-2026-000123", "a456-4266", "12 34 56"};

  private static final String[] SECRETS = {"4111111111111111", "4111 1111 1111 1111",
    "4111-1111-1111-1111", "378282246310005", "4222222222222", "123-45-6789"};

  private static final java.util.EnumSet<Detector> ON = java.util.EnumSet.of(Detector.CARD,
      Detector.US_SSN, Detector.JWT, Detector.URL_PASSWORD);

  private static MaskPolicy policy() {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : ON) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "detect-" + d.id())));
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

  private static String mask(MaskPolicy policy, String body, boolean json) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] src = body.getBytes(UTF_8);
    byte[] out = json ? JsonScanner.mask(src, 0, src.length, run)
        : FormScanner.mask(src, 0, src.length, run, "form_urlencoded");
    return out == null ? body : new String(out, UTF_8);
  }

  private static String quoted(String v) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(v));
  }

  @Test
  void cardsAndSsnsNextToDigitRichNeighboursAreMaskedAndTheNeighboursKept() {
    MaskPolicy policy = policy();
    int planted = 0;
    for (String secret : SECRETS) {
      for (String n : NEIGHBOURS) {
        for (String value : List.of(n + " " + secret, secret + " " + n, n + " " + secret + " "
            + n, n + "-" + secret, n + "/" + secret + "/" + n)) {
          if (value.length() > 64 || DetectionTest.find(value, ON).stream()
              .noneMatch(f -> f.endsWith("=" + secret))) {
            continue; // past the test under watch (64 bytes), or no longer that shape
          }
          String json = "{\"a\":\"" + quoted(value) + "\",\"b\":\"" + quoted(n) + "\"}";
          String out = mask(policy, json, true);
          assertNoSecret(out, secret, value);
          assertThat(out).as("kept in %s", value).endsWith(",\"b\":\"" + quoted(n) + "\"}")
              .contains("***");
          String form = "a=" + URLEncoder.encode(value, UTF_8) + "&b="
              + URLEncoder.encode(n, UTF_8);
          String outForm = mask(policy, form, false);
          assertNoSecret(outForm, secret, value);
          assertThat(outForm).as("kept in %s", value)
              .endsWith("&b=" + URLEncoder.encode(n, UTF_8));
          planted++;
        }
      }
    }
    assertThat(planted).isGreaterThan(100);
  }

  @Test
  void digitRichValuesWithoutASecretComeOutUnchanged() {
    MaskPolicy policy = policy();
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < NEIGHBOURS.length; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"")
          .append(NEIGHBOURS[i]).append(' ').append(NEIGHBOURS[(i + 1) % NEIGHBOURS.length])
          .append('"');
    }
    String body = json.append('}').toString();
    assertThat(mask(policy, body, true)).isEqualTo(body);
  }

  private static void assertNoSecret(String out, String secret, String value) {
    assertThat(out).as("planted in %s", value).doesNotContain(secret)
        .doesNotContain(URLEncoder.encode(secret, UTF_8))
        .doesNotContain(URLEncoder.encode(secret, UTF_8).replace("+", "%20"))
        .doesNotContain(quoted(secret));
  }
}
