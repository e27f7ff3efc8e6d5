package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The JSON-escaped forms the sweep hunts, written as bytes, are JsonEscapes' strings' bytes. */
final class EchoesFormBytesTest {

  @Test
  void jsonBytesAndSlashFormEqualTheEscapedStringsEncoded() {
    Random r = new Random(5);
    String alphabet = "aZ09 /\\\"\n\t\b\f\r\u0001\u001f\u007f\u00e9\u07ff\u0800\u20ac\ud800\udc00\udbff";
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.nextInt(20); i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String v = sb.toString();
      String escaped = JsonEscapes.escape(v);
      byte[] json = Echoes.jsonBytes(v, v.length());
      assertThat(json).as(v).isEqualTo(escaped.getBytes(StandardCharsets.UTF_8));
      assertThat(Echoes.slashEscaped(json)).as(v)
          .isEqualTo(escaped.replace("/", "\\/").getBytes(StandardCharsets.UTF_8));
    }
  }
}
