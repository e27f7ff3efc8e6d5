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
import org.junit.jupiter.params.provider.Arguments;

/**
 * Canary: every secret of the detectors' table, planted in JSON string values and form values
 * that no rule selects (alone, and between fillers that start no shape themselves, so that only
 * the secret can let a value past the byte pre-check), is masked: its span text survives in the
 * output neither raw, nor percent-encoded, nor JSON-escaped; the fillers are kept.
 */
final class DetectorPrecheckCanaryTest {

  /** Fillers with no trigger of any detector in them (no digit run, gh, AS, eyJ, ...). */
  private static final String[] FILLERS = {"", "z ", "note: ", "é€ ", "--", "a_b "};

  /** All detectors; the default preset's (no personal data); each detector alone. */
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

  private static List<String[]> secrets() {
    List<String[]> out = new ArrayList<>();
    for (Arguments row : DetectionTest.rows()) {
      Object[] a = row.get();
      @SuppressWarnings("unchecked")
      List<String> spans = (List<String>) a[1];
      for (String s : spans) {
        out.add(new String[] {(String) a[0], s.substring(s.indexOf('=') + 1)});
      }
    }
    // A fine-grained GitHub token without "gh" after its prefix (main once let it through).
    out.add(new String[] {"github_pat_11ABCDEFG0123456789_abcdefzzzzklmnopqrstuvwxyz",
        "github_pat_11ABCDEFG0123456789_abcdefzzzzklmnopqrstuvwxyz"});
    return out;
  }

  @Test
  void everyTableSecretIsMaskedInJsonAndFormValuesWhateverSurroundsIt() {
    int planted = 0;
    for (List<Detector> set : detectorSets()) {
      MaskPolicy policy = policy(set);
      java.util.EnumSet<Detector> on = java.util.EnumSet.copyOf(set);
      for (String[] s : secrets()) {
      for (String filler : FILLERS) {
        String value = filler + s[0] + (filler.isEmpty() ? "" : " " + filler);
        if (!DetectionTest.find(value, on).stream()
            .anyMatch(f -> f.endsWith("=" + s[1]))) {
          continue; // the filler joins the secret's word: no longer that shape
        }
        String json = "{\"a\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value))
            + "\",\"b\":[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value))
            + "\"]}";
        String out = mask(policy, json, true);
        assertNoSpan(out, s[1], value);
        // In quotes (escaped as \"), and with every third ASCII character as a backslash-u
        // escape: strings with escapes take the pre-check on their escaped content.
        for (String escaped : List.of(
            "{\"a\":\"" + new String(JsonStringEncoder.getInstance()
                .quoteAsString('"' + value + '"')) + "\"}",
            "{\"a\":\"" + uEscaped(value) + "\"}")) {
          String decoded = decodedA(mask(policy, escaped, true));
          assertThat(decoded).as("planted escaped in %s", value).doesNotContain(s[1])
              .contains("***");
        }
        String form = "a=" + URLEncoder.encode(value, UTF_8) + "&b=kept";
        String outForm = mask(policy, form, false);
        assertNoSpan(outForm, s[1], value);
        assertThat(outForm).endsWith("&b=kept");
        planted++;
      }
      }
    }
    assertThat(planted).isGreaterThan(400);
  }

  /** Fillers with characters beyond U+00FF (read as '?' by the string pre-check). */
  private static final String[] WIDE_FILLERS = {
    "\u20ac ", "\ud83d\ude00 ", "\u0141", "\u0140 ", "x \u0430\u2010", "? ",
  };

  @Test
  void everyTableSecretIsMaskedInHeaderValuesWithWideCharactersAndInShortEscapedJson() {
    // Header values reach the detectors as strings (the ISO-8859-1 pre-check); JSON strings with
    // one-character escapes next to the secret (a letter before a card's digits, raw).
    int planted = 0;
    for (List<Detector> set : detectorSets()) {
      MaskPolicy policy = policy(set);
      java.util.EnumSet<Detector> on = java.util.EnumSet.copyOf(set);
      for (String[] s : secrets()) {
        for (String filler : WIDE_FILLERS) {
          String value = filler + s[0] + " " + filler;
          if (!DetectionTest.find(value, on).stream().anyMatch(f -> f.endsWith("=" + s[1]))) {
            continue;
          }
          MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
          dev.masking.core.Headers out = HeaderScanner.mask(
              dev.masking.core.Headers.of("X-Note", value, "Cookie", "c=" + value), run);
          assertThat(out.first("X-Note")).as("planted in %s", value).doesNotContain(s[1])
              .contains("***");
          assertThat(out.first("Cookie")).as("planted in %s", value).doesNotContain(s[1]);
          planted++;
        }
        for (String[] around : List.of(new String[] {"\n", "\t"}, new String[] {"\\", "/"},
            new String[] {"\"", "\r\n"}, new String[] {"a\b", "\f"})) {
          String value = around[0] + s[0] + around[1];
          if (!DetectionTest.find(value, on).stream().anyMatch(f -> f.endsWith("=" + s[1]))) {
            continue;
          }
          String content = new String(JsonStringEncoder.getInstance().quoteAsString(value))
              .replace("/", "\\/");
          String decoded = decodedA(mask(policy, "{\"a\":\"" + content + "\"}", true));
          assertThat(decoded).as("planted escaped in %s", value).doesNotContain(s[1])
              .contains("***");
          planted++;
        }
      }
    }
    assertThat(planted).isGreaterThan(400);
  }

  @Test
  void everyTableSecretIsMaskedWhenOnlyItsShapesBytesAreUnicodeEscapes() {
    // The JSON pre-check reads a backslash-u escape in place (no decoding): every byte a shape's
    // group holds, and every digit, written as one, in lower and in upper-case hex, with a
    // filler before it that starts no shape.
    String keys = "@_JyB-xAKSI0123456789";
    int planted = 0;
    for (List<Detector> set : detectorSets()) {
      MaskPolicy policy = policy(set);
      java.util.EnumSet<Detector> on = java.util.EnumSet.copyOf(set);
      for (String[] s : secrets()) {
        String value = "note: " + s[0];
        if (!DetectionTest.find(value, on).stream().anyMatch(f -> f.endsWith("=" + s[1]))) {
          continue;
        }
        for (boolean upper : new boolean[] {false, true}) {
          StringBuilder sb = new StringBuilder();
          String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(value));
          for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
              int end = quoted.charAt(i + 1) == 'u' ? i + 6 : i + 2;
              sb.append(quoted, i, end);
              i = end - 1;
            } else if (keys.indexOf(c) >= 0) {
              String hex = String.format(java.util.Locale.ROOT, "%04x", (int) c);
              sb.append("\\u").append(upper ? hex.toUpperCase(java.util.Locale.ROOT) : hex);
            } else {
              sb.append(c);
            }
          }
          String out = mask(policy, "{\"a\":\"" + sb + "\"}", true);
          assertThat(decodedA(out)).as("planted escaped in %s", value).doesNotContain(s[1])
              .contains("***");
          assertNoSpan(out, s[1], value);
          planted++;
        }
      }
    }
    assertThat(planted).isGreaterThan(150);
  }

  @Test
  void shortEmailsAndUrlPasswordsAreMaskedWhereOnlyAnAtCanLetThemPast() {
    // Below the shortest text of every detector without an '@', the byte, string and JSON
    // pre-checks look for an '@' alone: short e-mail addresses and URL userinfo, planted raw, as
    // a JSON backslash-u escape, percent-encoded in a form and in header and cookie values.
    List<String> planted = List.of("a@b.co", "x@ex.io", "bob@ex.com", "a://:Zq7@h",
        "s://u:Zq7w@h", "z a@b.co", "a://u:Qz9@h.io", "ftp://u:Qz9w@h.io", "Bob a@b.co x",
        "\u00e9 a@b.co", "\u0141 a://:Zq7@h");
    int checked = 0;
    for (List<Detector> set : detectorSets()) {
      MaskPolicy policy = policy(set);
      java.util.EnumSet<Detector> on = java.util.EnumSet.copyOf(set);
      for (String value : planted) {
        List<String> found = DetectionTest.find(value, on);
        if (found.isEmpty()) {
          continue;
        }
        for (String f : found) {
          String span = f.substring(f.indexOf('=') + 1);
          assertThat(span).hasSizeGreaterThan(2); // else it would be found in the kept text
          String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(value));
          String out = mask(policy, "{\"a\":\"" + quoted + "\"}", true);
          assertNoSpan(out, span, value);
          String escaped = quoted.replace("@", "\\u0040");
          assertThat(decodedA(mask(policy, "{\"a\":\"" + escaped + "\"}", true)))
              .as("planted escaped in %s", value).doesNotContain(span).contains("***");
          String form = mask(policy, "a=" + URLEncoder.encode(value, UTF_8) + "&b=kept", false);
          assertNoSpan(form, span, value);
          assertThat(form).endsWith("&b=kept");
          MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
          dev.masking.core.Headers h = HeaderScanner.mask(
              dev.masking.core.Headers.of("X-Note", value, "Cookie", "c=" + value), run);
          assertThat(h.first("X-Note")).as("planted in %s", value).doesNotContain(span);
          assertThat(h.first("Cookie")).as("planted in %s", value).doesNotContain(span);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  private static String decodedA(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("a").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError("output is no JSON", e);
    }
  }

  private static String uEscaped(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c < 0x80 && i % 3 == 0) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String mask(MaskPolicy policy, String body, boolean json) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] src = body.getBytes(UTF_8);
    byte[] out = json ? JsonScanner.mask(src, 0, src.length, run)
        : FormScanner.mask(src, 0, src.length, run, "form_urlencoded");
    return out == null ? body : new String(out, UTF_8);
  }

  private static void assertNoSpan(String out, String span, String value) {
    assertThat(out).as("planted in %s", value).doesNotContain(span)
        .doesNotContain(URLEncoder.encode(span, UTF_8))
        .doesNotContain(URLEncoder.encode(span, UTF_8).replace("+", "%20"))
        .doesNotContain(new String(JsonStringEncoder.getInstance().quoteAsString(span)));
  }
}
