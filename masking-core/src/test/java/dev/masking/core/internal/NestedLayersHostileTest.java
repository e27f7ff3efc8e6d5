package dev.masking.core.internal;

import static dev.masking.core.internal.NestedLayersTest.b64;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile nestings: deep chains, huge values, escape explosions; bounded and fail closed. */
final class NestedLayersHostileTest {

  private static final MaskPolicy PASSWORD = RecordingPolicy.names("password");

  private static byte[] scanJson(String body, MaskingOptions o, MaskRun[] runOut) {
    MaskRun run = new MaskRun(PASSWORD, o);
    run.push(Step.of("post"));
    runOut[0] = run;
    byte[] in = body.getBytes(UTF_8);
    return JsonScanner.mask(in, 0, in.length, run);
  }

  /** JSON whose member {@code v} holds JSON as a string, {@code levels} times. */
  private static String jsonInJson(int levels, String secret) {
    String doc = "{\"password\":\"" + secret + "\"}";
    for (int i = 0; i < levels; i++) {
      doc = "{\"v\":\"" + JsonEscapes.escape(doc) + "\"}";
    }
    return doc;
  }

  @Test
  void jsonInsideJsonStringsIsFollowedToTheLimitThenMaskedWhole() {
    MaskRun[] run = new MaskRun[1];
    byte[] out = scanJson(jsonInJson(4, "S3cr3tDeep"), MaskingOptions.defaults(), run);
    String text = new String(out, UTF_8);
    assertThat(text).doesNotContain("S3cr3tDeep");
    assertThat(run[0].depth()).isEqualTo(1);
    assertThat(run[0].decodeLayers).isZero();
    // the body, then four string layers: the fourth inner document is past the limit of 3
    assertThat(run[0].notes()).anyMatch(n -> n.kind() == Note.Kind.FALLBACK
        && NestedLayers.NOTE_LIMIT.equals(n.reason()));
    MaskRun[] within = new MaskRun[1];
    byte[] ok = scanJson(jsonInJson(3, "S3cr3tDeep"), MaskingOptions.defaults(), within);
    assertThat(new String(ok, UTF_8)).isEqualTo(jsonInJson(3, "***"));
    assertThat(within[0].notes()).noneMatch(n -> n.kind() == Note.Kind.FALLBACK);
  }

  @Test
  void aHugeLayerLimitIsCappedAndTheStackStaysSmall() {
    String v = "{\"password\":\"x\"}";
    for (int i = 0; i < 20; i++) {
      v = b64(v);
    }
    MaskRun run = new MaskRun(PASSWORD, MaskingOptions.builder().maxDecodeLayers(1000).build());
    run.push(Step.named("get", "q"));
    String out = run.inspect(v);
    assertThat(out).isEqualTo("***");
    assertThat(run.notes()).anyMatch(n -> NestedLayers.NOTE_LIMIT.equals(n.reason()));
    String v10 = "{\"password\":\"x\"}";
    for (int i = 0; i < 10; i++) {
      v10 = b64(v10);
    }
    String expected = "{\"password\":\"***\"}";
    for (int i = 0; i < 10; i++) {
      expected = b64(expected);
    }
    MaskRun run2 = new MaskRun(PASSWORD, MaskingOptions.builder().maxDecodeLayers(1000).build());
    run2.push(Step.named("get", "q"));
    assertThat(run2.inspect(v10)).isEqualTo(expected);
  }

  @Test
  void veryDeepJsonInsideAValueIsHandedToTheJsonScannersOwnLimit() {
    String v = "[".repeat(100_000) + "{\"password\":\"x\"}" + "]".repeat(100_000);
    MaskRun run = new MaskRun(PASSWORD, MaskingOptions.defaults());
    run.push(Step.named("get", "q"));
    String out = run.inspect(v);
    assertThat(out).doesNotContain("\"x\"");
    assertThat(run.depth()).isEqualTo(1);
  }

  @Test
  void largeRandomTokensAreRejectedWithoutChange() {
    byte[] raw = new byte[3 * 1024 * 1024];
    new Random(5).nextBytes(raw);
    String token = Base64.getEncoder().encodeToString(raw);
    MaskRun run = new MaskRun(PASSWORD, MaskingOptions.defaults());
    run.push(Step.named("get", "q"));
    long t0 = System.nanoTime();
    assertThat(run.inspect(token)).isNull();
    assertThat(run.inspect("a=" + token + "&b=" + token)).isNull();
    assertThat(run.notes()).isEmpty();
    // Generous bound, only to catch a blow-up (quadratic work would take minutes).
    assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L);
  }

  @Test
  void percentEscapeChainsPastThePeekAreMaskedWholeAtTheLimit() {
    String v = "{\"a\":1}";
    for (int i = 0; i < 8; i++) {
      v = Percent.encodeToString(v);
    }
    MaskRun run = new MaskRun(PASSWORD, MaskingOptions.builder().maxDecodeLayers(2).build());
    run.push(Step.named("get", "q"));
    assertThat(run.inspect(v)).isEqualTo("***");
  }

  @Test
  void garbageAfterAnEncodingPrefixNeverThrows() {
    Random r = new Random(9);
    String[] seeds = {"eyJ", "H4sI", "%7B", "<a>", "a=", "Bearer eyJ", "{\"", "W3si"};
    String alphabet = "ABCxyz09+/-_=%7B{}[]\":,.<>/& \\";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder(seeds[r.nextInt(seeds.length)]);
      int len = r.nextInt(40);
      for (int k = 0; k < len; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      MaskRun run = new MaskRun(PASSWORD, MaskingOptions.defaults());
      run.push(Step.named("get", "q"));
      String once = run.inspect(sb.toString());
      assertThat(run.depth()).isEqualTo(1);
      assertThat(run.decodeLayers).isZero();
      if (once != null) {
        MaskRun again = new MaskRun(PASSWORD, MaskingOptions.defaults());
        again.push(Step.named("get", "q"));
        assertThat(again.inspect(once)).as(sb.toString()).isNull();
      }
    }
  }
}
