package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonShape} against Jackson's strict reading: the residual sweep hunts a masked value that
 * starts with a bracket only by its members when it is well-formed, so JsonShape must never call
 * well-formed what Jackson refuses.
 */
final class JsonShapeTest {

  private static final JsonFactory JSON = new JsonFactory();

  /** One well-formed JSON value and only blanks after it, by Jackson. */
  private static boolean jackson(String v) {
    try (JsonParser p = JSON.createParser(v)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Test
  void tableOfValuesAndLookAlikes() {
    String[] yes = {"{}", "[]", " { \"a\" : [1, -0, 2.5e-3, true, false, null, \"x\\u00e9\\n\"] } ",
        "[[[]]]", "{\"a\":{\"b\":{}}}", "\"s\"", "0", "-12E+4", "[\"\\/\\\\\\\"\"]"};
    String[] no = {"[K'3N,\\<5hb", "{secret}", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]",
        "[1e]", "{\"a\"}", "{\"a\" 1}", "{'a':1}", "[\"\\x\"]", "[\"\\u12g4\"]", "[\"a\tb\"]",
        "[] []", "[", "{", "[tru]", "[truex]", "[nul]", "[1 2]", "{\"a\":1 \"b\":2}", "]", "",
        " ", "[\"unterminated]", "{1:2}", "[-]", "[+1]", "[NaN]", "[1]x", "{\"a\":1}}", "[[]"};
    for (String v : yes) {
      assertThat(JsonShape.wellFormed(v)).as(v).isTrue();
      assertThat(jackson(v)).as(v).isTrue();
    }
    for (String v : no) {
      assertThat(JsonShape.wellFormed(v)).as(v).isFalse();
      assertThat(jackson(v)).as(v).isFalse();
    }
  }

  @Test
  void agreesWithJacksonOnMutatedDocuments() {
    Random r = new Random(20261122L);
    String alphabet = "{}[]\",:\\ 0123456789-+.eEtrufalsn\tx/u";
    int wellFormed = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      value(r, sb, 0);
      int edits = r.nextInt(3);
      for (int e = 0; e < edits && sb.length() > 0; e++) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String v = sb.toString();
      boolean expected = jackson(v);
      wellFormed += expected ? 1 : 0;
      assertThat(JsonShape.wellFormed(v)).as("round %d", round).isEqualTo(expected);
    }
    // Both sides of the comparison are exercised.
    assertThat(wellFormed).isBetween(2_000, 18_000);
  }

  @Test
  void scalarsReadWhatTheLenientScanReadsOnWellFormedTextsAndNothingElse() {
    // JsonShape.scalars replaces the check followed by Residuals.jsonScalars in the sweep's
    // set-up: on a well-formed text it must list exactly what the lenient scan lists (the values
    // the sweep hunts), and on any other text nothing (the caller then hunts the text whole).
    Random r = new Random(20261123L);
    String alphabet = "{}[]\",:\\ 0123456789-+.eEtrufalsn\tx/u'";
    int wellFormed = 0;
    int members = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      value(r, sb, 0, true);
      int edits = r.nextInt(3);
      for (int e = 0; e < edits && sb.length() > 0; e++) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String v = sb.toString();
      int min = r.nextInt(5);
      List<String> got = JsonShape.scalars(v, min);
      if (!JsonShape.wellFormed(v)) {
        assertThat(got).as("round %d", round).isNull();
        continue;
      }
      wellFormed++;
      assertThat(got).as("round %d", round).isEqualTo(Residuals.jsonScalars(v, min));
      members += got.size();
    }
    assertThat(wellFormed).isBetween(2_000, 18_000);
    assertThat(members).isGreaterThan(5_000);
    String table = "{\"k\\\"ey\":\"v\\u00e9\\/\\\\x\",\"n\":[-1.5e+3,true,null,\"\"],"
        + "\"o\":{\"a\":\"abc\",\"b\":\"a\\nb\"}} ";
    assertThat(JsonShape.scalars(table, 4))
        .containsExactly("v\u00e9/\\x", "-1.5e+3", "true", "null", "a\nb")
        .isEqualTo(Residuals.jsonScalars(table, 4));
    assertThat(JsonShape.scalars("{secret}", 0)).isNull();
    assertThat(JsonShape.scalars("[K'3N,\\<5hb", 0)).isNull();
  }

  @Test
  void agreesWithJacksonOnTheJsonTestSuite() throws IOException {
    Path dir = dev.masking.core.Corpora.require("jsontestsuite/test_parsing");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<String> disagree = new ArrayList<>();
    for (Path f : files) {
      String v = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      if (JsonShape.wellFormed(v) && !jackson(v)) {
        disagree.add(f.getFileName().toString());
      }
    }
    assertThat(disagree).isEmpty();
  }

  private static void value(Random r, StringBuilder sb, int depth) {
    value(r, sb, depth, false);
  }

  /** With {@code wide}, strings without escapes and with a quote too. */
  private static void value(Random r, StringBuilder sb, int depth, boolean wide) {
    int kind = depth > 4 ? 2 + r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0 -> {
        sb.append('{');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? "," : "").append(r.nextBoolean() ? " " : "").append("\"k").append(i)
              .append("\":");
          value(r, sb, depth + 1, wide);
        }
        sb.append('}');
      }
      case 1 -> {
        sb.append('[');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? ", " : "");
          value(r, sb, depth + 1, wide);
        }
        sb.append(']');
      }
      case 2 -> sb.append(new String[] {"\"a\\n\"", "\"\\u00e9x\"", "\"\"", "\"p\\\"w\"",
          "\"plain-text\"", "\"o'k\""}[r.nextInt(wide ? 6 : 4)]);
      case 3 -> sb.append(new String[] {"0", "-1.5", "2e10", "3E-2", "10"}[r.nextInt(5)]);
      case 4 -> sb.append(new String[] {"true", "false", "null"}[r.nextInt(3)]);
      default -> sb.append("[]");
    }
  }
}
