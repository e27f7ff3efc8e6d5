package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.HttpRequest;
import dev.masking.core.Rewriter;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API path's cheaper forms (api9): the credentials of an {@code Authorization} header written
 * through the run's pooled builder, and the body's wire headers kept in read-only lists. Each
 * gives the same output as before, and the pooled builder holds no character of a credential
 * once the run is released.
 */
final class ApiPathPoolingTest {
  private static final String SECRET = "tok3nS3cretQ9zX";

  private static MaskPolicy authorization(MaskAction action) {
    return f -> f.depth() == 1 && "header".equals(f.last().parser()) && "Authorization".equalsIgnoreCase(f.name())
        ? new Decision(action, "t") : null;
  }

  @Test
  void schemeIsKeptAndOnlyTheCredentialIsMaskedThroughThePooledBuilder() {
    for (MaskAction action : List.of(MaskAction.redact(), new MaskAction.KeepLast(4))) {
      MaskRun run = MaskRun.pooled(authorization(action), MaskingOptions.defaults());
      try {
        Headers out = HeaderScanner.mask(
            Headers.of("Host", "h", "Authorization", "Bearer  " + SECRET + " "), run);
        String expected = action instanceof MaskAction.Redact ? "Bearer ***"
            : "Bearer " + "*".repeat(SECRET.length() - 4) + SECRET.substring(SECRET.length() - 4);
        assertThat(out.get(1).value()).isEqualTo(expected);
        assertThat(out.get(0).value()).isEqualTo("h");
      } finally {
        run.release();
      }
    }
  }

  @Test
  void pooledBuilderHoldsNothingOfTheCredentialAfterRelease() {
    MaskRun run = MaskRun.pooled(authorization(new MaskAction.KeepLast(4)), MaskingOptions.defaults());
    StringBuilder lent;
    try {
      HeaderScanner.mask(Headers.of("Authorization", "Basic " + SECRET), run);
      lent = run.borrowText(1);
      run.giveBackText(lent);
    } finally {
      run.release();
    }
    lent.setLength(lent.capacity());
    assertThat(lent.chars().allMatch(c -> c == 0)).isTrue();
    lent.setLength(0);
  }

  @Test
  void credentialsAreMaskedWhenThePooledBuilderIsAlreadyLentOut() {
    MaskRun run = MaskRun.pooled(authorization(MaskAction.redact()), MaskingOptions.defaults());
    try {
      StringBuilder held = run.borrowText(8); // e.g. a rewrite in progress around the header
      held.append("outer");
      Headers out = HeaderScanner.mask(Headers.of("Authorization", "Bearer " + SECRET), run);
      assertThat(out.get(0).value()).isEqualTo("Bearer ***");
      assertThat(held.toString()).isEqualTo("outer");
      run.giveBackText(held);
    } finally {
      run.release();
    }
  }

  @Test
  void wireHeadersKeepEveryValueInOrderWhetherSentOnceOrMoreOften() {
    BodyWire.Wire one = BodyWire.wire(Headers.of("Content-Type", "application/json"), true);
    assertThat(one.contentTypes()).containsExactly("application/json");
    BodyWire.Wire three = BodyWire.wire(Headers.of("Content-Type", "a/b", "content-type ",
        "c/d", "X", "y", "CONTENT-TYPE", "e/f"), true);
    assertThat(three.contentTypes()).containsExactly("a/b", "c/d", "e/f");
    BodyWire.Wire none = BodyWire.wire(Headers.of("Host", "h"), true);
    assertThat(none.contentTypes()).isEmpty();
  }

  private static MaskPolicy queryToken() {
    return f -> f.depth() == 1 && "get".equals(f.last().parser()) && "token".equals(f.name())
        ? new Decision(MaskAction.redact(), "t") : null;
  }

  private static String maskedUri(String uri) {
    HttpRequest req = HttpRequest.builder().method("GET").uri(uri).build();
    AttackReport r = new AttackReport("r", "1", req, List.of(), Map.of());
    return Rewriter.mask(r, queryToken(), MaskingOptions.defaults()).report().request().uri();
  }

  /**
   * Canary for a URI's query masked after its path: the planted secret, in any
   * of its forms, is gone, and every other character (an ASCII or non-ASCII path, non-ASCII
   * parameters before and after, escapes, an empty pair) is kept as it was.
   */
  @Test
  void queryMaskedAfterThePathKeepsEverythingButTheSecret() {
    String secret = "Zq9!s\u00e9cr\"t/+=";
    String pct = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String[][] cases = {
        {"/a?token=" + pct, "/a?token=***"},
        {"/a/b;v=1?x=1&&token=" + pct + "&y=%C3%A9\u00e9", "/a/b;v=1?x=1&&token=***&y=%C3%A9\u00e9"},
        {"/caf\u00e9?token=" + pct + "&z=\u4e2d", "/caf\u00e9?token=***&z=\u4e2d"},
        {"/p?q=\u4e2d&token=" + pct, "/p?q=\u4e2d&token=***"},
        {"?token=" + pct, "?token=***"},
        {"/unchanged?token=&a=b", "/unchanged?token=&a=b"},
        {"/nothing?a=" + pct + "&b=2", "/nothing?a=" + pct + "&b=2"},
    };
    for (String[] c : cases) {
      String out = maskedUri(c[0]);
      assertThat(out).as(c[0]).isEqualTo(c[1]);
      if (c[0].contains("token=" + pct)) {
        assertThat(out).doesNotContain(secret).doesNotContain(pct)
            .doesNotContain(pct.toLowerCase(java.util.Locale.ROOT)).doesNotContain("Zq9");
      }
    }
    String same = "/nothing?a=1&b=2";
    HttpRequest req = HttpRequest.builder().method("GET").uri(same).build();
    AttackReport r = new AttackReport("r", "1", req, List.of(), Map.of());
    assertThat(Rewriter.mask(r, queryToken(), MaskingOptions.defaults()).report()).isSameAs(r);
  }
}
