package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JsonScanner.quietString (the JSON scanner's own "the detectors' pre-check says no" for short
 * strings) against that pre-check ({@link MaskRun#othersMayInspect}): it may only say "quiet"
 * where the pre-check says no, on random strings (escaped and not, backslash-u escapes, non-ASCII,
 * bytes that start a layer) and on the detector table's secrets; and secrets that only an escape
 * or a byte after a layer-starting byte lets past are still masked.
 */
final class JsonQuietStringTest {

  private static List<List<Detector>> detectorSets() {
    List<List<Detector>> sets = new ArrayList<>();
    sets.add(List.of(Detector.values()));
    List<Detector> noPii = new ArrayList<>();
    for (Detector d : Detector.values()) {
      if (!d.pii()) {
        noPii.add(d);
      }
      sets.add(List.of(d));
    }
    sets.add(noPii);
    sets.add(List.of(Detector.EMAIL, Detector.URL_PASSWORD));
    return sets;
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

  private static final String[] PIECES = {
    "a", "b", "z", "S", "B", "A", "K", "I", "J", "y", "x", "e", "g", "_", "-", ":", "/", " ",
    "0", "1", "4", "9", "@", ".", "%", "=", "<", "[", "{", "+", "\u00e9", "\u20ac", "\ud83d\ude00",
    "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\u0040", "\\u0031", "\\u00e9",
    "\\u2603", "\\u0041", "\\u004B", "\\u005f", "\\u002e", "\\u0078",
  };

  /** Whether quietString says quiet for the JSON string content {@code content}. */
  private static boolean quiet(byte[] b, int quiet) {
    long r = JsonScanner.classify(b, 0, b.length);
    assertThat((int) r).isEqualTo(b.length);
    int k = (int) (r >>> 32);
    return JsonScanner.quietString(b, 1, b.length - 1, k, quiet);
  }

  private static boolean escaped(byte[] b) {
    for (int i = 1; i < b.length - 1; i++) {
      if (b[i] == '\\') {
        return true;
      }
    }
    return false;
  }

  private static int checkOne(MaskRun run, int q, String content) {
    byte[] b = ('"' + content + '"').getBytes(UTF_8);
    if (!quiet(b, q)) {
      return 0;
    }
    assertThat(run.othersMayInspect(b, 1, b.length - 1, escaped(b)))
        .as("quiet but the pre-check says yes: %s", content).isFalse();
    return 1;
  }

  @Test
  void quietOnlyWhereTheDetectorsPreCheckSaysNo() {
    Random rnd = new Random(12);
    int quietSeen = 0;
    int loudSeen = 0;
    for (List<Detector> set : detectorSets()) {
      MaskRun run = new MaskRun(policy(set), MaskingOptions.defaults());
      int q = run.othersQuietBelow();
      assertThat(q).isGreaterThanOrEqualTo(6);
      for (int t = 0; t < 20_000; t++) {
        StringBuilder sb = new StringBuilder();
        int pieces = rnd.nextInt(16);
        boolean plainOnly = rnd.nextInt(3) == 0;
        for (int p = 0; p < pieces; p++) {
          sb.append(PIECES[rnd.nextInt(plainOnly ? 30 : PIECES.length)]);
        }
        int c = checkOne(run, q, sb.toString());
        quietSeen += c;
        loudSeen += 1 - c;
      }
      // Every table secret, cut to every length below the threshold, raw and with escapes.
      for (String s : secretTexts()) {
        for (int len = 1; len <= Math.min(s.length(), q + 1); len++) {
          String cut = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
              .quoteAsString(s.substring(0, len)));
          quietSeen += checkOne(run, q, cut);
          quietSeen += checkOne(run, q, "\\n" + cut);
          checkOne(run, q, cut.replace("@", "\\u0040"));
          checkOne(run, q, "." + cut.replace("@", "\\u0040"));
          checkOne(run, q, cut.replace("1", "\\u0031"));
        }
      }
    }
    assertThat(quietSeen).isGreaterThan(10_000);
    assertThat(loudSeen).isGreaterThan(10_000);
  }

  @Test
  void aBackslashUAtOrANonAsciiCharacterIsNeverQuiet() {
    for (List<Detector> set : detectorSets()) {
      MaskRun run = new MaskRun(policy(set), MaskingOptions.defaults());
      int q = run.othersQuietBelow();
      for (String c : List.of("abcda\\u0040b", "abcd.\\u0040b", "%a\\u0040bcdef",
          "\\n.\\u0040abcd", "abcdefga@b", "abcdefgh\u00e9a", "{\\u0061bcdefg", "a@bcdefgh",
          "abcdefghi@", "\u00e9bcdefghijk")) {
        byte[] b = ('"' + c + '"').getBytes(UTF_8);
        assertThat(quiet(b, q)).as(c).isFalse();
      }
      assertThat(quiet("\"abcdefg.\\n\"".getBytes(UTF_8), q)).isFalse(); // escape after '.'
      assertThat(quiet("\"abcdefgh\\n\"".getBytes(UTF_8), q)).isTrue();
      assertThat(quiet("\"abcdefg.\"".getBytes(UTF_8), q)).isTrue();
    }
  }

  private static List<String> secretTexts() {
    List<String> out = new ArrayList<>();
    for (org.junit.jupiter.params.provider.Arguments row : DetectionTest.rows()) {
      out.add((String) row.get()[0]);
    }
    return out;
  }

  @Test
  void shortSecretsHiddenBehindEscapesOrLayerBytesAreMasked() {
    // Values below the threshold that only an '@' (escaped, or after a byte that ends the
    // classification) lets past, and numbers at the threshold, planted raw and escaped.
    List<String> emails = List.of("a@b.co", "x.y@ab.io", "a://:Zq7@h", "s://u:Zq7w@h");
    int checked = 0;
    for (List<Detector> set : detectorSets()) {
      MaskPolicy policy = policy(set);
      java.util.EnumSet<Detector> on = java.util.EnumSet.copyOf(set);
      for (String e : emails) {
        if (DetectionTest.find(e, on).isEmpty()) {
          continue;
        }
        String span = DetectionTest.find(e, on).get(0);
        span = span.substring(span.indexOf('=') + 1);
        for (String content : List.of(e.replace("@", "\\u0040"), "\\n" + e.replace("@",
            "\\u0040"), ".\\/" + e.replace("@", "\\u0040"), "=" + e, "%\\t" + e,
            e.replace("@", "\\u0040").replace(":", "\\u003a"))) {
          String json = "{\"a\":\"" + content + "\",\"b\":[1,\"kept\"]}";
          String out = mask(policy, json);
          assertThat(decoded(out, "a")).as("planted %s", content).doesNotContain(span)
              .contains("***");
          assertThat(out).endsWith(",\"b\":[1,\"kept\"]}");
          checked++;
        }
      }
      if (on.contains(Detector.CARD)) {
        // 13 digits, Luhn-valid, a Visa prefix: as a number exactly at the default threshold.
        String out = mask(policy, "{\"a\":4222222222222,\"b\":\"4222222222222\"}");
        assertThat(out).doesNotContain("4222222222222");
        checked++;
      }
      if (on.contains(Detector.US_SSN)) {
        String out = mask(policy, "{\"a\":\"123-45-6789\",\"b\":\"\\n234-56-7890\"}");
        assertThat(out).doesNotContain("123-45-6789").doesNotContain("234-56-7890");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  private static String decoded(String json, String field) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(field).asText();
    } catch (java.io.IOException e) {
      throw new AssertionError("output is no JSON", e);
    }
  }

  private static String mask(MaskPolicy policy, String body) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] src = body.getBytes(UTF_8);
    byte[] out = JsonScanner.mask(src, 0, src.length, run);
    return out == null ? body : new String(out, UTF_8);
  }
}
