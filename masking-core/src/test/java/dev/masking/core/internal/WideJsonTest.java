package dev.masking.core.internal;

import static dev.masking.core.internal.JsonTesting.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class WideJsonTest {

  private static final MaskPolicy PASSWORD = names("password");
  private static final String DOC = "{\"a\": \"\u00e9\uD83D\uDE00\", \"password\": \"s3cret\"}";
  private static final String MASKED = "{\"a\": \"\u00e9\uD83D\uDE00\", \"password\": \"***\"}";

  private static byte[] bytes(String s, Charset cs, byte... bom) {
    byte[] body = s.getBytes(cs);
    byte[] out = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, out, 0, bom.length);
    System.arraycopy(body, 0, out, bom.length, body.length);
    return out;
  }

  @Test
  void wideBodiesAreMaskedInTheirOwnEncoding() {
    byte ff = (byte) 0xFF;
    byte fe = (byte) 0xFE;
    Charset u32be = Charset.forName("UTF-32BE");
    Charset u32le = Charset.forName("UTF-32LE");
    record Case(Charset cs, byte[] bom) {}
    List<Case> cases = List.of(
        new Case(StandardCharsets.UTF_16LE, new byte[0]),
        new Case(StandardCharsets.UTF_16BE, new byte[0]),
        new Case(StandardCharsets.UTF_16LE, new byte[] {ff, fe}),
        new Case(StandardCharsets.UTF_16BE, new byte[] {fe, ff}),
        new Case(u32le, new byte[0]),
        new Case(u32be, new byte[0]),
        new Case(u32le, new byte[] {ff, fe, 0, 0}),
        new Case(u32be, new byte[] {0, 0, fe, ff}));
    for (Case c : cases) {
      byte[] in = bytes(DOC, c.cs(), c.bom());
      JsonTesting.Result r = JsonTesting.scan(in, PASSWORD, MaskingOptions.defaults());
      assertThat(r.bytes()).as(c.cs().name()).isEqualTo(bytes(MASKED, c.cs(), c.bom()));
      assertThat(r.notes()).anySatisfy(n -> assertThat(n.reason())
          .isEqualTo(WideJson.NOTE_TRANSCODED));
      assertThat(r.depthAfter()).isEqualTo(1);
      assertThat(JsonTesting.scan(in, names("zzz"), MaskingOptions.defaults()).bytes()).isNull();
    }
  }

  @Test
  void undecodableWideBodyIsMaskedWhole() {
    byte[] valid = bytes("{\"password\": \"s3cret\"}", StandardCharsets.UTF_16LE);
    byte[] head = bytes("{\"password\": \"s3cret", StandardCharsets.UTF_16LE);
    byte[] tail = bytes("\"}", StandardCharsets.UTF_16LE);
    byte[] lone = new byte[head.length + 2 + tail.length]; // an unpaired surrogate: 00 D8
    System.arraycopy(head, 0, lone, 0, head.length);
    lone[head.length + 1] = (byte) 0xD8;
    System.arraycopy(tail, 0, lone, head.length + 2, tail.length);
    byte[] odd = java.util.Arrays.copyOf(valid, valid.length - 1);
    for (byte[] in : List.of(lone, odd)) {
      JsonTesting.Result r = JsonTesting.scan(in, MaskPolicy.NONE, MaskingOptions.defaults());
      assertThat(r.bytes()).isEqualTo("\"***\"".getBytes(StandardCharsets.UTF_16LE));
      assertThat(r.notes()).anySatisfy(n -> {
        assertThat(n.kind()).isEqualTo(Note.Kind.FALLBACK);
        assertThat(n.reason()).isEqualTo(WideJson.NOTE_UNDECODABLE);
      });
    }
  }

  @Test
  void utf8BodiesAreNotTakenForWideOnes() {
    for (String s : List.of("{}", "[1]", "\"a\"", "12", "{\"a\":1}", "\u00e9\u00e9")) {
      assertThat(WideJson.detect(s.getBytes(StandardCharsets.UTF_8), 0, s.length())).isNull();
    }
  }
}
