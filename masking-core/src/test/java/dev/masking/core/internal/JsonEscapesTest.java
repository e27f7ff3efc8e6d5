package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class JsonEscapesTest {

  private static String decode(String content) {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return JsonEscapes.decode(b, 0, b.length);
  }

  private static String quoted(String s) {
    ByteSink out = new ByteSink(8);
    JsonEscapes.writeQuoted(out, s);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plain|plain",
      "pass\\u0077ord|password",
      "\\u0070\\u0041|pA",
      "\\\"\\\\\\/\\b\\f\\n\\r\\t|`\"\\/\b\f\n\r\t`",
      "\\ud83d\\ude00|\uD83D\uDE00",
      "\\u00e9\u00e9|\u00e9\u00e9",
      "x\\'y|x'y",
  })
  void decodesEscapes(String content, String expected) {
    assertThat(decode(content)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "a\\qb|a\uFFFDb",
      "a\\|a\uFFFD",
      "\\u12|\uFFFD12",
      "\\uZZZZ|\uFFFDZZZZ",
      "\\ud800|\uFFFD",
      "\\ud800x|\uFFFDx",
      "\\ud800\\u0041|\uFFFDA",
      "\\udc00|\uFFFD",
  })
  void replacesWhatCannotBeDecoded(String content, String expected) {
    assertThat(decode(content)).isEqualTo(expected);
  }

  @Test
  void invalidUtf8DecodesToReplacementChars() {
    byte[] b = {'a', (byte) 0xFF, '\\', 'n', (byte) 0xC0};
    assertThat(JsonEscapes.decode(b, 0, b.length)).isEqualTo("a\uFFFD\n\uFFFD");
  }

  @Test
  void writesValidJsonStrings() throws Exception {
    String nasty = "\"\\\u0000\u001f\n\t\u00e9\u20ac\uD83D\uDE00\uD800x\uDC00\u2028";
    String q = quoted(nasty);
    assertThat(q).isEqualTo(
        "\"\\\"\\\\\\u0000\\u001f\\n\\t\u00e9\u20ac\uD83D\uDE00\\ud800x\\udc00\u2028\"");
    assertThat(JsonTesting.parse(q).asText()).isEqualTo(nasty);
    assertThat(quoted("***")).isEqualTo("\"***\"");
    assertThat(JsonEscapes.escape("a\"b")).isEqualTo("a\\\"b");
  }

  @Test
  void decodingWhatWasWrittenGivesTheStringBack() {
    String s = "k\u00e9y \"q\" \\ \n \uD83D\uDE00";
    String q = quoted(s);
    byte[] b = q.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonEscapes.decode(b, 1, b.length - 1)).isEqualTo(s);
  }
}
