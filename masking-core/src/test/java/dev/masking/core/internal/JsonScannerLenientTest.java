package dev.masking.core.internal;

import static dev.masking.core.internal.JsonTesting.mask;
import static dev.masking.core.internal.JsonTesting.names;
import static dev.masking.core.internal.JsonTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class JsonScannerLenientTest {

  private static final MaskPolicy PASSWORD = names("password");

  private static void assertLenient(String in, String expected) {
    JsonTesting.Result r = scan(in, PASSWORD);
    assertThat(r.textOr(in)).as(in).isEqualTo(expected);
    // A string value that is itself invalid JSON is scanned leniently too, with its own note at
    // its own point (post > json_doc > ... > json_doc): the body's note is the one checked here.
    assertThat(r.notes()).filteredOn(n -> n.kind() == Note.Kind.FALLBACK
        && n.point().display().equals("post > json_doc")).singleElement()
        .satisfies(n -> {
          assertThat(n.reason()).isEqualTo(JsonScanner.NOTE_INVALID);
          assertThat(n.point().display()).isEqualTo("post > json_doc");
        });
    assertThat(r.depthAfter()).isEqualTo(1);
    assertThat(mask(expected, PASSWORD)).as("idempotent").isIn(null, expected);
  }

  @Test
  void comments() {
    assertLenient("{ // it's a comment, with \"a stray quote\n \"password\": \"x\" /* \" */ }",
        "{ // it's a comment, with \"a stray quote\n \"password\": \"***\" /* \" */ }");
    assertLenient("{ /* \" */ \"password\": \"12\" // done\n}",
        "{ /* \" */ \"password\": \"***\" // done\n}");
    // A bare value runs to the line end: a comment after it is masked with it (fail closed).
    assertLenient("{ \"password\": ab//cd // done\n}", "{ \"password\": \"***\"\n}");
  }

  @Test
  void trailingCommas() {
    assertLenient("{\"a\":[1,2,],\"password\":\"x\",}", "{\"a\":[1,2,],\"password\":\"***\",}");
    assertLenient("{\"password\":\"x\",}", "{\"password\":\"***\",}");
  }

  @Test
  void singleQuotes() {
    assertLenient("{'password': 'x', 'a': 'it''s'}", "{'password': \"***\", 'a': 'it''s'}");
    assertLenient("{'pass\\u0077ord': 'x\\'y'}", "{'pass\\u0077ord': \"***\"}");
    assertLenient("{'password': 'it's here', 'b': 1}", "{'password': \"***\", 'b': 1}");
  }

  @Test
  void unquotedNamesAndBareValues() {
    assertLenient("{password: hunter2, b: 1}", "{password: \"***\", b: 1}");
    assertLenient("{a: {password: correct horse battery}}", "{a: {password: \"***\"}}");
    assertLenient("{\"password\": NaN}", "{\"password\": \"***\"}");
    assertLenient("{\"password\": -Infinity, \"x\": 1}", "{\"password\": \"***\", \"x\": 1}");
  }

  @Test
  void truncatedStringAfterASensitiveKeyIsMaskedToTheEnd() {
    assertLenient("{\"a\":1,\"password\":\"secr", "{\"a\":1,\"password\":\"***\"");
    assertLenient("{\"password\":\"se\\\"cr", "{\"password\":\"***\"");
    assertLenient("{\"password\": {\"a\": [\"x\", ", "{\"password\": \"***\"");
    assertLenient("{\"password\": ", "{\"password\": ");
  }

  @Test
  void junkAfterTheDocumentAndSeveralDocuments() {
    assertLenient("{\"a\":1} junk {\"password\":\"x\"}", "{\"a\":1} junk {\"password\":\"***\"}");
    assertLenient("{\"password\":\"a\"}{\"password\":\"b\"}\n{\"password\":3}",
        "{\"password\":\"***\"}{\"password\":\"***\"}\n{\"password\":\"***\"}");
  }

  @Test
  void sensitiveKeyInsideTheBrokenRegionIsCaught() {
    assertLenient("{\"a\": tru, \"password\": \"x\"}", "{\"a\": tru, \"password\": \"***\"}");
    assertLenient("{\"a\": \"unterminated, \"password\": \"x\"}",
        "{\"a\": \"unterminated, \"password\": \"***\"}");
    assertLenient("{\"a\": [1, }, \"b\": {\"password\": \"x\"}}",
        "{\"a\": [1, }, \"b\": {\"password\": \"***\"}}");
  }

  @Test
  void selectedValueThatIsNotOneJsonValueIsMaskedWhole() {
    assertLenient("{\"password\": 12abc, \"b\": 1}", "{\"password\": \"***\", \"b\": 1}");
    assertLenient("{\"password\": \"abc\"def, \"b\": 1}", "{\"password\": \"***\", \"b\": 1}");
    assertLenient("{\"password\": [1, \"]\", {\"x\": 2}]x, \"b\": 1}",
        "{\"password\": \"***\", \"b\": 1}");
    assertLenient("{\"password\": [1, 2}, \"b\": 1}", "{\"password\": \"***\", \"b\": 1}");
  }

  @Test
  void escapedJsonBodyIsScannedThroughItsEscapes() {
    assertLenient("{\\\"password\\\": \\\"hun,ter2\\\", \\\"a\\\": 1}",
        "{\\\"password\\\": \\\"***\\\", \\\"a\\\": 1}");
    assertLenient("{\\\"pass\\\\u0077ord\\\": 7}", "{\\\"pass\\\\u0077ord\\\": ***}");
    assertLenient("\"{\\\\\\\"password\\\\\\\": \\\\\\\"x\\\\\\\"}\" x",
        "\"{\\\\\\\"password\\\\\\\": \\\\\\\"***\\\\\\\"}\" x");
  }

  @Test
  void validPartsBeforeTheErrorKeepTheirStrictMasks() {
    List<Point> asked = new ArrayList<>();
    MaskPolicy p = f -> {
      asked.add(f.point());
      return PASSWORD.decide(f);
    };
    JsonTesting.Result r = scan("{\"u\":{\"password\":\"a\"},\"v\":{'password':'b'}}", p);
    assertThat(r.text()).isEqualTo("{\"u\":{\"password\":\"***\"},\"v\":{'password':\"***\"}}");
    assertThat(asked).contains(
        Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "u"),
            Step.named("hash", "password")),
        Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "password")));
  }

  @Test
  void colonsInsideStringsDoNotBreakTheScan() {
    assertLenient("{\"url\": \"http://x:80/a\", \"t\": \"10:20:30\", \"password\": \"p:w\",}",
        "{\"url\": \"http://x:80/a\", \"t\": \"10:20:30\", \"password\": \"***\",}");
  }

  @Test
  void nameLikeTextInsideAStringKeepsTheStringIntact() {
    assertLenient("{\"e\": \"' OR 1=1 -- password: abc\\\"d, x\", \"a\": 1,}",
        "{\"e\": \"' OR 1=1 -- password: ***, x\", \"a\": 1,}");
    // The string's text is read as a nested (lenient) JSON layer: its value is masked as a
    // JSON string, escaped inside the outer string.
    assertLenient("{\"e\": \"{'password': 'x'} y\",}",
        "{\"e\": \"{'password': \\\"***\\\"} y\",}");
    assertLenient("[\"{\\\"password\\\": \\\"x\\\"}\",]",
        "[\"{\\\"password\\\": \\\"***\\\"}\",]");
  }

  @Test
  void removeWritesTheRedactTokenInLenientMode() {
    assertThat(mask("{password: x, a: 1}", names(new MaskAction.Remove(), "password")))
        .isEqualTo("{password: \"***\", a: 1}");
  }

  @Test
  void starsAndKeepLastWorkOnLenientValues() {
    assertThat(mask("{'password': 'hunter2', pin: 123456,}", names(new MaskAction.Stars(),
        "password", "pin"))).isEqualTo("{'password': \"*******\", pin: \"******\",}");
    assertThat(mask("{card: '4111111111111111',}", names(new MaskAction.KeepLast(4), "card")))
        .isEqualTo("{card: \"************1111\",}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"a\":1,}",
      "{'a':1}",
      "[1 2]",
      "nul",
      "{\"a\" 1}",
      "]",
  })
  void invalidInputWithoutSensitiveNamesIsLeftAsIsWithANote(String in) {
    JsonTesting.Result r = scan(in, PASSWORD);
    assertThat(r.text()).isNull();
    assertThat(r.fellBack()).isTrue();
  }

  @Test
  void lenientScanStaysLinearOnQuoteAndColonFloods() {
    int n = 200_000;
    for (String unit : List.of("\":", "\\\":", "':", "a:", "\\\\\\\":", "\\\":\\\\\\\":", ":")) {
      String in = "{" + unit.repeat(n);
      long t0 = System.nanoTime();
      scan(in, PASSWORD);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // A quadratic scan would take minutes here; a linear one milliseconds.
      assertThat(ms).as(unit).isLessThan(20_000);
    }
  }
}
