package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.AttackReport;
import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The codecs under the nested layers: base64 text, percent style, the strict JSON check. */
final class NestedLayersCodecTest {

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void base64RoundTripsEveryLengthInBothAlphabetsWithAndWithoutPadding() {
    Random r = new Random(3);
    for (int n = 0; n < 64; n++) {
      byte[] data = new byte[n];
      r.nextBytes(data);
      for (Base64.Encoder enc : new Base64.Encoder[] {Base64.getEncoder(),
          Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder(),
          Base64.getUrlEncoder().withoutPadding()}) {
        byte[] text = enc.encode(data);
        Base64Text.Decoded d = Base64Text.decode(text, 0, text.length, false);
        if (n == 0) {
          assertThat(d).isNull();
          continue;
        }
        assertThat(d).as(new String(text, UTF_8)).isNotNull();
        assertThat(d.bytes()).isEqualTo(data);
        assertThat(Base64Text.encode(d.bytes(), d.url(), d.padded())).isEqualTo(text);
      }
    }
  }

  @Test
  void base64RejectsMixedAlphabetsBadPaddingAndStrayCharacters() {
    for (String s : new String[] {"ab+_cd", "abcde", "ab=c", "abc===", "ab cd", "a", "abcd\n"}) {
      assertThat(Base64Text.decode(b(s), 0, s.length(), false)).as(s).isNull();
    }
  }

  @Test
  void percentStyleCopiesTheUnchangedStartAndEndAndKeepsHexCaseAndRawCharacters() {
    byte[] src = b("%7b%22a%22:%22x y%22,%22p%22:%22secret%22%7d");
    PercentStyle.Decoded d = PercentStyle.decode(src, 0, src.length, null);
    assertThat(new String(d.bytes(), UTF_8)).isEqualTo("{\"a\":\"x y\",\"p\":\"secret\"}");
    byte[] out = PercentStyle.reencode(src, 0, src.length, d,
        b("{\"a\":\"x y\",\"p\":\"*** \\u00e9%+\"}"));
    assertThat(new String(out, UTF_8))
        .isEqualTo("%7b%22a%22:%22x y%22,%22p%22:%22*** %5cu00e9%25%2b%22%7d");
  }

  @Test
  void percentStyleKeepsPlusForSpaceAndWritesALiteralPlusEncoded() {
    byte[] src = b("a+b%3D%26c");
    PercentStyle.Decoded d = PercentStyle.decode(src, 0, src.length, null);
    assertThat(d.plusAsSpace()).isTrue();
    byte[] out = PercentStyle.reencode(src, 0, src.length, d, b("a b=+c d"));
    assertThat(new String(out, UTF_8)).isEqualTo("a+b%3D%2Bc+d");
  }

  @Test
  void percentStyleLeavesPlusLiteralWhenTheTextUsesPercent20() {
    byte[] src = b("a%20b+c");
    PercentStyle.Decoded d = PercentStyle.decode(src, 0, src.length, null);
    assertThat(new String(d.bytes(), UTF_8)).isEqualTo("a b+c");
  }

  @Test
  void queryValueRewrittenByALayerKeepsItsOwnPercentStyle() {
    String uri = "/x?a=1&q=%7b%22note%22%3a%22b+c%22%2c%22password%22%3a%22hunter2%22%7d&z=%2f";
    AttackReport in = AttackReport.of(HttpRequest.builder().method("GET").uri(uri)
        .headers(Headers.of("Host", "h")).build());
    MaskedReport out =
        Rewriter.mask(in, RecordingPolicy.names("password"), MaskingOptions.defaults());
    assertThat(out.report().request().uri()).isEqualTo(
        "/x?a=1&q=%7b%22note%22%3a%22b+c%22%2c%22password%22%3a%22***%22%7d&z=%2f");
  }

  @Test
  void pathSegmentRewrittenByALayerKeepsItsOwnPercentStyle() {
    String uri = "/api/%7b%22password%22:%22hunter2%22,%22a%22:%22x%2fy%22%7d/end?z=1";
    AttackReport in = AttackReport.of(HttpRequest.builder().method("GET").uri(uri)
        .headers(Headers.of("Host", "h")).build());
    MaskedReport out =
        Rewriter.mask(in, RecordingPolicy.names("password"), MaskingOptions.defaults());
    assertThat(out.report().request().uri())
        .isEqualTo("/api/%7b%22password%22:%22***%22,%22a%22:%22x%2fy%22%7d/end?z=1");
  }

  @Test
  void jsonStringRewrittenByALayerKeepsTheEscapesOfItsUnchangedParts() {
    String body = "{\"d\":\"{\\\"url\\\":\\\"http:\\/\\/x\\u003c\\\",\\\"password\\\":"
        + "\\\"hunter2\\\",\\\"e\\\":\\\"\\u00e9\\ud83d\\ude00\\\"}\"}";
    MaskRun run = new MaskRun(RecordingPolicy.names("password"), MaskingOptions.defaults());
    run.push(dev.masking.core.Step.of("post"));
    byte[] in = b(body);
    byte[] out = JsonScanner.mask(in, 0, in.length, run);
    assertThat(new String(out, UTF_8)).isEqualTo(body.replace("hunter2", "***"));
  }

  @Test
  void jsonStyleMapsSpansAcrossEscapesAndGivesUpOnInvalidUtf8() {
    byte[] src = b("ab\\ud83d\\ude00cd");
    String original = JsonEscapes.decode(src, 0, src.length);
    int[] span = JsonStyle.changedSpan(src, 0, src.length, original, "ab***cd");
    assertThat(span).containsExactly(2, src.length - 2, 2, 5);
    byte[] bad = {'a', (byte) 0xff, 'b', 'c', 'd', 'e', 'f'};
    String decoded = JsonEscapes.decode(bad, 0, bad.length);
    assertThat(JsonStyle.changedSpan(bad, 0, bad.length, decoded, decoded.replace("ef", "**")))
        .isNull();
  }

  @Test
  void jsonCheckAgreesWithJacksonOnRandomTexts() throws Exception {
    ObjectMapper jackson = JsonTesting.JACKSON;
    Random r = new Random(11);
    String alphabet = "{}[]\",:0123456789-+.eEtrufalsn \\/ux\t\n";
    int valid = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(14);
      for (int k = 0; k < len; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      boolean expected;
      try {
        jackson.readTree(s);
        expected = !s.isBlank();
      } catch (Exception e) {
        expected = false;
      }
      byte[] bytes = b(s);
      boolean actual = JsonCheck.check(bytes, 0, bytes.length, 512) == JsonCheck.VALID;
      assertThat(actual).as(s).isEqualTo(expected);
      if (actual) {
        valid++;
      }
    }
    assertThat(valid).isGreaterThan(100);
  }

  @Test
  void jsonCheckAcceptsDocumentsAndReportsDepthWithoutRecursing() {
    byte[] doc = b(" {\"a\":[1,-0.5e+3,true,null,\"\\u00e9\\n\"],\"b\":{}} ");
    assertThat(JsonCheck.check(doc, 0, doc.length, 512)).isEqualTo(JsonCheck.VALID);
    byte[] deep = b("[".repeat(100_000) + "]".repeat(100_000));
    assertThat(JsonCheck.check(deep, 0, deep.length, 512)).isEqualTo(JsonCheck.TOO_DEEP);
    assertThat(JsonCheck.check(deep, 0, deep.length, 200_000)).isEqualTo(JsonCheck.VALID);
    assertThat(JsonCheck.check(b("{\"a\":1}x"), 0, 8, 512)).isEqualTo(JsonCheck.INVALID);
    assertThat(JsonCheck.check(b("[01]"), 0, 4, 512)).isEqualTo(JsonCheck.INVALID);
  }
}
