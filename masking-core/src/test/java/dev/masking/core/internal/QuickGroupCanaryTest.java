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
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary for the detectors' one-table pre-check ({@code Detection.quickLacks}, on bytes, on a
 * string's characters and on JSON content with two-character escapes): a value of up to 64 bytes
 * is let past it only when it holds every byte of some shape's group ({@code B} and {@code -},
 * {@code x} and {@code -}, {@code J} and {@code y}, {@code A} and one of {@code K S I}, {@code @},
 * {@code _}) or enough digits. Each real-looking secret is planted among fillers that hold one
 * byte of another group each (so that only the secret's own bytes complete a group), in JSON
 * values (raw, with escaped quotes and a newline next to it), in header values (strings, also
 * with a character beyond U+00FF) and in the attack-payload path (a string), and must be masked.
 */
final class QuickGroupCanaryTest {

  /** Real-looking secrets of every default detector, each at most 42 characters. */
  private static final String[][] SECRETS = {
    {"4111 1111 1111 1111", "4111 1111 1111 1111"},
    {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln", "eyJzdWIiOiJib2IifQ.c2ln"},
    {"-----BEGIN PRIVATE KEY-----\nMIIBVgIBADAN", "\nMIIBVgIBADAN"},
    {"pg://u:hunter2pw@db", "hunter2pw"},
    {"AKIAQ3EGUKLMNOPQ7XYZ", "AKIAQ3EGUKLMNOPQ7XYZ"},
    {"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"},
    {"xoxb-2048-q7w8e9r0t1", "xoxb-2048-q7w8e9r0t1"},
    {"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
    {"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"},
  };

  /** Each holds one byte of a group but completes none (nor a digit run). */
  private static final String[] FILLERS = {"Bob ", "tax ", "J. ", "yes ", "Ana ", "a-b ", "", "Kim "};

  private static MaskPolicy defaultDetectors() {
    List<Detector> all = new ArrayList<>();
    for (Detector d : Detector.values()) {
      if (!d.pii()) {
        all.add(d);
      }
    }
    return policy(all);
  }

  private static MaskPolicy policy(List<Detector> detectors) {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : detectors) {
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

  /**
   * The default preset's detectors together, and each alone: alone, a secret passes the group
   * test only by its own group's bytes (a private key's label also completes the AWS group).
   */
  private static List<List<Detector>> detectorSets() {
    List<List<Detector>> sets = new ArrayList<>();
    List<Detector> all = new ArrayList<>();
    for (Detector d : Detector.values()) {
      if (!d.pii()) {
        all.add(d);
        sets.add(List.of(d));
      }
    }
    sets.add(all);
    return sets;
  }

  @Test
  void secretsAmongOneByteOfAnotherGroupAreMaskedInJsonHeadersAndPayloads() {
    int planted = 0;
    for (List<Detector> set : detectorSets()) {
    MaskPolicy policy = policy(set);
    EnumSet<Detector> on = EnumSet.copyOf(set);
    for (String[] s : SECRETS) {
      if (!DetectionTest.find(s[0], on).stream()
          .anyMatch(f -> f.substring(f.indexOf('=') + 1).contains(s[1]))) {
        continue; // not this set's secret
      }
      for (String before : FILLERS) {
        for (String after : FILLERS) {
          String value = before + s[0] + (after.isEmpty() ? "" : " " + after.trim());
          assertThat(value.getBytes(UTF_8).length).isLessThanOrEqualTo(64);
          assertThat(DetectionTest.find(value, on)).as("found in %s", value)
              .anyMatch(f -> f.substring(f.indexOf('=') + 1).contains(s[1]));
          // JSON, raw and with two-character escapes (a quote and a newline) beside it.
          for (String v : List.of(value, "\"" + value + "\"\n")) {
            String json = "{\"a\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(v))
                + "\",\"b\":\"kept\"}";
            String out = maskJson(policy, json);
            assertThat(out).as("json %s", v).doesNotContain(escaped(s[1])).contains("***")
                .endsWith(",\"b\":\"kept\"}");
          }
          // Header values are strings: also with a character beyond U+00FF beside the secret.
          for (String v : List.of(value, "\u0141" + value + " \u20ac")) {
            MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
            Headers out = HeaderScanner.mask(Headers.of("X-Note", v), run);
            assertThat(out.first("X-Note")).as("header %s", v).doesNotContain(s[1])
                .contains("***");
          }
          // The attack-payload path: the inspector's string pre-check.
          MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
          String masked = run.detectorInspector().mask(value, run, null, "attack payload");
          assertThat(masked).as("payload %s", value).isNotNull().doesNotContain(s[1]);
          planted++;
        }
      }
    }
    }
    assertThat(planted).isEqualTo(2 * SECRETS.length * FILLERS.length * FILLERS.length);
  }

  @Test
  void valuesCompletingNoGroupAreLeftAsSent() {
    MaskPolicy policy = defaultDetectors();
    for (String v : List.of("Bob Tables", "Europe/Berlin", "https://shop.example/cart?step=2",
        "Bob \"Bobby\" Tables", "ord-20261121-0042", "Kim Ana-Maria", "J. Doe, yes")) {
      String json = "{\"a\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(v))
          + "\"}";
      assertThat(maskJson(policy, json)).isEqualTo(json);
      MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
      assertThat(run.detectorInspector().mask(v, run, null, "attack payload")).isNull();
      assertThat(run.notes()).isEmpty();
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
