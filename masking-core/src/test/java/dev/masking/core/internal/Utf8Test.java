package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class Utf8Test {

  private static boolean jdkAccepts(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void acceptsWellFormedAndRejectsOverlongSurrogatesAndOutOfRange() {
    assertThat(Utf8.isValid(new byte[0])).isTrue();
    assertThat(Utf8.isValid("a\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(Utf8.isValid(bytes(0xF4, 0x8F, 0xBF, 0xBF))).isTrue(); // U+10FFFF
    assertThat(Utf8.isValid(bytes(0xC0, 0xAE))).isFalse(); // overlong '.'
    assertThat(Utf8.isValid(bytes(0xE0, 0x80, 0xAE))).isFalse(); // overlong
    assertThat(Utf8.isValid(bytes(0xED, 0xA0, 0x80))).isFalse(); // U+D800
    assertThat(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80))).isFalse(); // above U+10FFFF
    assertThat(Utf8.isValid(bytes(0xE2, 0x82))).isFalse(); // truncated
    assertThat(Utf8.isValid(bytes(0x80))).isFalse(); // lone continuation
    assertThat(Utf8.isValid(bytes(0xFF))).isFalse();
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    Random rnd = new Random(42);
    int checked = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] b = new byte[rnd.nextInt(6)];
      for (int j = 0; j < b.length; j++) {
        // bias towards the interesting lead and continuation bytes
        b[j] = (byte) (rnd.nextBoolean() ? 0x80 + rnd.nextInt(0x80) : rnd.nextInt(256));
      }
      assertThat(Utf8.isValid(b)).as("%s", java.util.HexFormat.of().formatHex(b))
          .isEqualTo(jdkAccepts(b));
      checked++;
    }
    assertThat(checked).isEqualTo(200_000);
  }
}
