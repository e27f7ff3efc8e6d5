package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of the header scanner: what the Authorization header keeps as its scheme,
 * and cookies, with the pre-checks on and off.
 */
final class HeaderReviewTest {

  private static final MaskPolicy AUTH = f -> f.name() != null
      && ("authorization".equals(Ascii.lower(f.name()))
          || "password".equals(Ascii.lower(f.name())))
      ? new Decision(MaskAction.redact(), "t") : null;

  private static String value(Headers out) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < out.size(); i++) {
      Header h = out.get(i);
      b.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    return b.toString();
  }

  private static String scan(Headers in, MaskPolicy policy) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("get"));
    return value(HeaderScanner.mask(in, run));
  }

  private static String both(Headers in, MaskPolicy policy) {
    String on = scan(in, policy);
    MaskRun.precheck = false;
    MaskRun.nameFilter = false;
    try {
      assertThat(scan(in, policy)).isEqualTo(on);
    } finally {
      MaskRun.precheck = true;
      MaskRun.nameFilter = true;
    }
    return on;
  }

  @Test
  void aCredentialInTheSchemePositionIsNotKept() {
    String[] secrets = {"0123456789abcdef0123456789abcdef", "AKIAIOSFODNN7EXAMPLE",
        "s3cr3t-api-key-42", "hunter2"};
    for (String secret : secrets) {
      for (String rest : new String[] {" x", " Zm9vOmJhcg==", "  trailing sig=abc "}) {
        for (String name : new String[] {"Authorization", "AUTHORIZATION", "authorization"}) {
          String out = both(Headers.of(name, secret + rest), AUTH);
          assertThat(out).as(secret + rest).doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void realSchemesAreKept() {
    for (String scheme : new String[] {"Basic", "Bearer", "Digest", "Negotiate", "NTLM",
        "AWS4-HMAC-SHA256", "SCRAM-SHA-256", "DPoP", "AWS", "OAuth", "Token", "ApiKey"}) {
      String out = both(Headers.of("Authorization", scheme + " c2VjcmV0LXRva2Vu"), AUTH);
      assertThat(out).isEqualTo("Authorization: " + scheme + " ***\n");
    }
  }

  @Test
  void aQuotedCookieValueHoldingASemicolonIsMaskedUpToItsClosingQuote() {
    MaskPolicy remove = f -> "password".equals(f.name())
        ? new Decision(new MaskAction.Remove(), "t") : null;
    for (MaskPolicy policy : new MaskPolicy[] {AUTH, remove}) {
      for (String c : new String[] {"password=\"hun; ter2-canary\"; other=1",
          "a=1; password=\"x;y; ter2-canary\"",
          "password = \"hun;ter2-canary;more\" ; other=1",
          "a=1; password=\"p\\\"q; ter2-canary\"; b=2"}) {
        String out = both(Headers.of("Cookie", c), policy);
        assertThat(out).as(c).doesNotContain("ter2-canary").doesNotContain("hun");
        assertThat(both(Headers.of("Cookie", out.substring(8, out.length() - 1)), policy))
            .as("idempotent: " + c).isEqualTo(out);
      }
    }
    // Cookies after the closing quote are read as before.
    assertThat(both(Headers.of("Cookie", "password=\"a; b\"; keep=1; password=x"), AUTH))
        .isEqualTo("Cookie: password=***; ***; keep=1; password=***\n");
  }
}
