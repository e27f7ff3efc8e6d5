package dev.masking.core.internal;

import static dev.masking.core.internal.JsonTesting.escapedForms;
import static dev.masking.core.internal.JsonTesting.names;
import static dev.masking.core.internal.JsonTesting.parse;
import static dev.masking.core.internal.JsonTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Plants unique secrets under sensitive names at several depths, in arrays and as every value
 * type, and asserts that none survives in any encoding while every other byte is unchanged.
 */
final class JsonScannerCanaryTest {

  private static final MaskPolicy SENSITIVE =
      names("password", "token", "api_key", "Secret", "cc", "pass\"word");

  /** Secrets, as JSON text (index = placeholder number). */
  private static final List<String> VALUES = List.of(
      "\"CANARY-0-plain\"",
      "\"CANARY-1-\\\"quoted\\\"-\\\\-\\n\"",
      "\"CANARY-2-\\u00e9\\ud83d\\ude00\"",
      "\"\\u0043ANARY-3-escaped\"",
      "9876543210123",
      "{\"inner\":\"CANARY-5-object\",\"n\":[\"CANARY-5b\"]}",
      "[\"CANARY-6-array\",{\"password\":\"CANARY-6b\"}]",
      "true",
      "\"CANARY-8-dup\"",
      "\"CANARY-9-deep\"",
      "\"CANARY-10-key-escape\"",
      "-0.000123456789e-7",
      "\"CANARY-12-last\"");

  /** Decoded secrets to hunt for (besides their escaped forms). */
  private static final List<String> SECRETS = List.of(
      "CANARY-0-plain", "CANARY-1-\"quoted\"", "CANARY-2-\u00e9", "CANARY-3-escaped",
      "9876543210123", "CANARY-5-object", "CANARY-5b", "CANARY-6-array", "CANARY-6b",
      "CANARY-8-dup", "CANARY-9-deep", "CANARY-10-key-escape", "0.000123456789", "CANARY-12-last");

  private static final String TEMPLATE = "{\n"
      + "  \"user\": \"bob\", \"password\": @0@,\n"
      + "  \"profile\": {\"token\": @1@, \"name\": \"Bob \\\"B\\\" \\u00e9\", \"api_key\": @2@},\n"
      + "  \"list\": [1, {\"Secret\": @3@}, [[{\"cc\": @4@}]], \"password\"],\n"
      + "  \"password\" : @5@ ,\n"
      + "  \"keys\": [{\"token\": @6@}, {\"token\":@7@}],\n"
      + "  \"dup\": {\"password\": @8@, \"x\": 1E400, \"password\": @8@},\n"
      + "  \"a\":{\"b\":{\"c\":{\"d\":{\"e\":[[[{\"api_key\":@9@}]]]}}}},\n"
      + "  \"pass\\u0077ord\": @10@, \"pass\\\"word\": @11@,\n"
      + "  \"evidence\": \"' OR 1=1-- password: not-a-key\", \"n\": -0,\n"
      + "  \"token\": @12@\n"
      + "}";

  private static String fill(String template, boolean masked) {
    String s = template;
    for (int i = VALUES.size() - 1; i >= 0; i--) {
      s = s.replace("@" + i + "@", masked ? "\"***\"" : VALUES.get(i));
    }
    return s;
  }

  private static void assertNoSecret(String out) throws Exception {
    for (String secret : SECRETS) {
      for (String form : escapedForms(secret)) {
        assertThat(out).doesNotContain(form);
      }
    }
    assertThat(out).doesNotContain("CANARY").doesNotContain("\\u0043ANARY");
  }

  @Test
  void noSecretSurvivesAndEverythingElseIsIdentical() throws Exception {
    String in = fill(TEMPLATE, false);
    parse(in);
    JsonTesting.Result r = scan(in, SENSITIVE);
    assertThat(r.fellBack()).isFalse();
    assertNoSecret(r.text());
    assertThat(r.text()).isEqualTo(fill(TEMPLATE, true));
    parse(r.text());
    assertThat(JsonTesting.mask(r.text(), SENSITIVE)).as("second pass changes nothing").isNull();
    assertThat(r.notes().toString()).doesNotContain("CANARY");
  }

  @Test
  void noSecretSurvivesInBrokenVariants() throws Exception {
    List<String> prefixes = List.of("", "// comment with ' and \"\n", "\uFEFF", "{\"x\":1} ");
    List<String> suffixes = List.of("", " junk", ",", "{\"token\":", "]]");
    for (String pre : prefixes) {
      for (String post : suffixes) {
        String tpl = pre + TEMPLATE + post;
        String in = fill(tpl, false);
        JsonTesting.Result r = scan(in, SENSITIVE);
        String out = r.textOr(in);
        assertNoSecret(out);
        String expected = fill(tpl, true);
        boolean valid = (pre.isEmpty() || pre.equals("\uFEFF")) && post.isEmpty();
        assertThat(r.fellBack()).isEqualTo(!valid);
        if (valid) {
          assertThat(out).isEqualTo(expected);
        } else {
          // Where the lenient scan covers the evidence string, it also masks the name-like text
          // inside it, without breaking that string.
          assertThat(out).as(pre + "|" + post).isIn(expected,
              expected.replace("password: not-a-key", "password: ***"));
        }
      }
    }
  }

  @Test
  void literalsAreReadExactlyUpToTheInputsEnd() throws Exception {
    // Literals are read as one 4-byte word: a literal cut short by the end of the text must
    // fail the strict scan even when the bytes after the end complete it, and the lenient scan
    // then masks the secret before it; a whole literal as the last value is read strictly.
    List<String> valid = List.of("true", "false", "null");
    List<String> broken = List.of("t", "f", "n", "tr", "fa", "nu", "tru", "fals", "nul", "trux",
        "falsE", "nuLL", "True", "fAlse");
    for (String lit : List.of("true", "false", "null", "t", "f", "n", "tr", "fa", "nu", "tru",
        "fals", "nul", "trux", "falsE", "nuLL", "True", "fAlse")) {
      boolean ok = valid.contains(lit);
      assertThat(ok || broken.contains(lit)).isTrue();
      for (String tpl : List.of("{\"password\":\"CANARY-L1\",\"a\":@}",
          "{\"password\":\"CANARY-L1\",\"a\":[1,@]}", "{\"password\":\"CANARY-L1\",\"a\":@ }",
          "[{\"password\":\"CANARY-L1\"},@]")) {
        String in = tpl.replace("@", lit);
        JsonTesting.Result r = scan(in, SENSITIVE);
        assertThat(r.fellBack()).as(in).isEqualTo(!ok);
        assertThat(r.textOr(in)).as(in).doesNotContain("CANARY");
        if (ok) {
          assertThat(r.text()).isEqualTo(in.replace("\"CANARY-L1\"", "\"***\""));
        }
        // The same text inside a larger array, followed by what would complete a cut literal.
        byte[] src = (in + "rue alse ull e}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MaskRun run = new MaskRun(SENSITIVE, dev.masking.core.MaskingOptions.defaults());
        run.push(dev.masking.core.Step.of("post"));
        byte[] out = JsonScanner.mask(src, 0, in.length(), run);
        assertThat(out).isNotNull();
        assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(r.textOr(in));
        assertThat(run.notes()).isEqualTo(r.notes());
      }
      // The literal itself selected, at the end of the input.
      String in = "{\"a\":1,\"token\":" + lit + "}";
      JsonTesting.Result r = scan(in, SENSITIVE);
      assertThat(r.fellBack()).as(in).isEqualTo(!ok);
      if (ok) {
        assertThat(r.text()).isEqualTo("{\"a\":1,\"token\":\"***\"}");
      } else {
        assertThat(r.textOr(in)).as(in).doesNotContain(lit + "}");
      }
    }
  }

  @Test
  void concurrentScansWithTheirOwnRunsGiveTheSameBytes() throws Exception {
    String in = fill(TEMPLATE, false);
    String expected = fill(TEMPLATE, true);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int n = 0; n < 300; n++) {
            if (!expected.equals(scan(in, SENSITIVE).text())) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noSecretSurvivesUnderTheTurkishLocale() throws Exception {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      String in = fill(TEMPLATE.replace("\"token\"", "\"TOKEN\"").replace("\"Secret\"",
          "\"SECRET\""), false);
      MaskPolicy upper = names("password", "TOKEN", "api_key", "SECRET", "cc", "pass\"word");
      String out = scan(in, upper).text();
      assertNoSecret(out);
      parse(out);
    } finally {
      Locale.setDefault(saved);
    }
  }
}
