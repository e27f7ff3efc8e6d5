package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import org.junit.jupiter.api.Test;

/**
 * Findings of the Jazzer runs, reduced by hand; the raw inputs are replayed by {@link
 * ScannerFuzzTest} from its inputs folder under the names given here.
 */
final class FuzzFindingsTest {
  private static final MaskPolicy A = JsonTesting.names("a");

  /**
   * jsonBytes/lenient-bracket-value-then-slash-junk-inside-a-string: in the lenient scan a lone
   * {@code /} after a bracketed value counted as a clean end, so the value was masked up to it; a
   * second pass read the mask as a bare value running to the next comma and masked more.
   */
  @Test
  void lenientValueFollowedByJunkSlashIsMaskedWithTheJunkAndStaysIdempotent() {
    String in = "{\"q\":\"x \"a\":[1,\"s2\"]/\u001b\u001b:1,sfo\" junk";
    String once = JsonTesting.scan(in, A).textOr(in);
    assertThat(once).doesNotContain("s2").doesNotContain("\u001b:1");
    assertThat(JsonTesting.scan(once, A).textOr(once)).isEqualTo(once);
    String comment = "{\"a\":[1,\"s2\"] /* c */, \"b\":1 junk";
    String masked = JsonTesting.scan(comment, A).textOr(comment);
    assertThat(masked).doesNotContain("s2").contains("/* c */");
    assertThat(JsonTesting.scan(masked, A).textOr(masked)).isEqualTo(masked);
  }

  /**
   * nestedLayers/base64-json-holding-a-del-character: a base64 form value decoding to valid JSON
   * with a raw DEL in a string was not taken for a layer (not "printable"), so the password inside
   * passed through in base64.
   */
  @Test
  void base64JsonWithADelCharacterIsStillDescendedInto() {
    String json = "{\"password\":\"delSecret77\",\"n\":\"a\u007fb\"}";
    String b64 = java.util.Base64.getEncoder()
        .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] in = ("data=" + b64.replace("=", "%3D")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    MaskRun run = new MaskRun(ScannerFuzzTest.names(
        new dev.masking.core.Decision(dev.masking.core.MaskAction.redact(), "t"), "password"),
        dev.masking.core.MaskingOptions.defaults());
    run.push(dev.masking.core.Step.of("post"));
    byte[] out = FormScanner.mask(in, 0, in.length, run, "form_urlencoded");
    assertThat(out).isNotNull();
    String value = new String(out, java.nio.charset.StandardCharsets.UTF_8).substring(5)
        .replace("%3D", "=");
    String decoded = new String(java.util.Base64.getDecoder().decode(value),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(decoded).doesNotContain("delSecret77").contains("\"password\":\"***\"");
  }
}
