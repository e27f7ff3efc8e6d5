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
}
