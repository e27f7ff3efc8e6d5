package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PercentTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "%41%42c|ABc",
      "pass%77ord|password",
      "%e2%82%ac|\u20ac",
      "%E2%82%AC|\u20ac",
      "%zz|%zz",
      "a%|a%",
      "a%4|a%4",
      "%%41|%A",
      "%C0%AE|\uFFFD\uFFFD",
      "%FF|\uFFFD",
      "a+b%2B|a b+"})
  void decodesBytesLenientlyWithPlusAsSpace(String in, String expected) {
    byte[] b = in.getBytes(UTF_8);
    assertThat(Percent.decode(b, 0, b.length, true)).isEqualTo(expected);
    assertThat(Percent.decode(in, true)).isEqualTo(expected);
  }

  @Test
  void nulEscapeDecodesToNul() {
    assertThat(Percent.decode("%00x", true)).isEqualTo("\0x");
  }

  @Test
  void plusStaysAPlusInPaths() {
    assertThat(Percent.decode("a+b%20c", false)).isEqualTo("a+b c");
  }

  @Test
  void decodesOnlyTheWindowAndTakesRawNonAsciiAsUtf8() {
    byte[] b = "xx%41%42yy".getBytes(UTF_8);
    assertThat(Percent.decode(b, 2, 8, true)).isEqualTo("AB");
    assertThat(Percent.decode("\u00e9%20\u20ac%F0%9F%98%80", 0, 17, true)).isEqualTo("\u00e9 \u20ac\uD83D\uDE00");
  }

  @Test
  void encodesAllButUnreservedStarAndColonInUpperHex() {
    assertThat(Percent.encodeToString("aZ09-._~*:")).isEqualTo("aZ09-._~*:");
    assertThat(Percent.encodeToString("a b&=+%/?#\u00e9")).isEqualTo("a%20b%26%3D%2B%25%2F%3F%23%C3%A9");
    assertThat(Percent.encodeToString("hmac:k1:0a1b")).isEqualTo("hmac:k1:0a1b");
  }

  @Test
  void encodeThenDecodeGivesTheStringBack() {
    Random r = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(20); k > 0; k--) {
        int cp = r.nextInt(4) == 0 ? 0x80 + r.nextInt(0x2000) : r.nextInt(0x80);
        sb.appendCodePoint(cp);
      }
      String s = sb.toString();
      assertThat(Percent.decode(Percent.encodeToString(s), true)).isEqualTo(s);
    }
  }
}
