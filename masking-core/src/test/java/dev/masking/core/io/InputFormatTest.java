package dev.masking.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class InputFormatTest {

  private static Optional<InputFormat> sniff(String s) {
    return InputFormat.sniff(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneJsonObjectIsJson() {
    assertThat(sniff("{\"request\":{}}")).contains(InputFormat.JSON);
    assertThat(sniff("  {\"request\":{}}\n")).contains(InputFormat.JSON);
    assertThat(sniff("{\n  \"request\": {},\n  \"id\": \"1\"\n}\n")).contains(InputFormat.JSON);
    assertThat(sniff("[1]")).contains(InputFormat.JSON);
  }

  @Test
  void severalLinesStartingWithBraceAreJsonLines() {
    assertThat(sniff("{\"request\":{}}\n{\"request\":{}}\n")).contains(InputFormat.JSONL);
    assertThat(sniff("\uFEFF{\"a\":1}\r\n\r\n  {\"b\"")).contains(InputFormat.JSONL);
    assertThat(sniff("{\"a\":1}\n{\n\"b\":2}")).contains(InputFormat.JSON);
  }

  @Test
  void requestLineIsHttp() {
    assertThat(sniff("GET / HTTP/1.1\r\nHost: a\r\n\r\n")).contains(InputFormat.HTTP);
    assertThat(sniff("\uFEFFPOST /x HTTP/1.0\n")).contains(InputFormat.HTTP);
  }

  @Test
  void anythingElseIsUnknown() {
    assertThat(sniff("")).isEmpty();
    assertThat(sniff(" \r\n ")).isEmpty();
    assertThat(sniff("hello world")).isEmpty();
    assertThat(sniff("GET /")).isEmpty();
  }
}
