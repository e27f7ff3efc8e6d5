package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Canary for the sweep's set-up (setup14): the raw form of a hunted value is verified against the
 * value's own bytes, read on need (not stored when its needles are collected). A masked secret
 * echoed raw in the URI, in a header, in a short body and in a long one (sampled with the long
 * stride, whose prefixes read the raw form) never survives, for a plain value (letters, digits,
 * {@code - . _}), one with encoded forms, and one under a keep action; the rest is unchanged.
 */
final class RawFormEchoCanaryTest {
  private static final MaskPolicy POLICY = f -> {
    if (f.name() == null) {
      return null;
    }
    String n = Ascii.lower(f.name());
    return n.equals("api_key") || n.equals("email") ? new Decision(MaskAction.redact(), "t")
        : n.equals("card") ? new Decision(new MaskAction.KeepLast(4), "c") : null;
  };

  private static MaskedReport mask(String name, String secret, int pad) {
    String filler = "x".repeat(pad);
    String body = "{\"" + name + "\":\"" + secret + "\",\"note\":\"" + filler + " echo " + secret
        + " " + filler + "\",\"tail\":\"" + secret + "\"}";
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/api?q=" + secret + "&z=1")
        .header("Content-Type", "application/json")
        .header("X-Echo", "see " + secret)
        .body(body).build();
    return Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults());
  }

  @Test
  void aMaskedValueEchoedRawIsMaskedInEveryPartShortAndLong() {
    String[][] cases = {{"api_key", "k-55aa77bb99cc"}, {"api_key", "ZqW9_x.y-Q7"},
        {"email", "cAnary.raw@example.com"}, {"card", "4111111111119876"}};
    for (String[] c : cases) {
      for (int pad : new int[] {0, 5, 700, 3000}) {
        HttpRequest out = mask(c[0], c[1], pad).report().request();
        String all = out.uri() + "\n" + out.headers().asList() + "\n"
            + new String(out.body(), UTF_8);
        assertThat(all).doesNotContain(c[1]);
        assertThat(out.uri()).startsWith("/api?q=").endsWith("&z=1");
        assertThat(new String(out.body(), UTF_8)).contains("x".repeat(pad) + " echo ");
        if (c[0].equals("card")) {
          assertThat(new String(out.body(), UTF_8)).contains("************9876");
        }
      }
    }
  }
}
