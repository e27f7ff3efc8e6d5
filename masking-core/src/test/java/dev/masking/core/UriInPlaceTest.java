package dev.masking.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The URI's path is scanned in place, up to the {@code ?} (no copy of it is cut out), and the
 * URI is rebuilt only when the path or the query changed: canaries in selected path segments,
 * matrix parameters and query parameters never survive, and everything else is kept byte for byte.
 */
final class UriInPlaceTest {
  private static final MaskPolicy POLICY = f -> {
    Step last = f.step(f.depth() - 1);
    boolean pathOne = last.parser().equals("path") && last.index() == 1 && f.depth() == 1;
    boolean named = "jsessionid".equals(f.name()) || "api_key".equals(f.name());
    return pathOne || named || last.parser().equals("action_ext")
        ? new Decision(MaskAction.redact(), "t") : null;
  };

  private static String mask(String uri) {
    HttpRequest req = HttpRequest.builder().method("GET").uri(uri).build();
    return Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults()).report()
        .request().uri();
  }

  private static void assertNoCanary(String out, String canary) {
    assertThat(out).doesNotContain(canary)
        .doesNotContain(URLEncoder.encode(canary, StandardCharsets.UTF_8))
        .doesNotContain(canary.replace("-", "%2D"));
  }

  @Test
  void masksPathAndQueryCanariesAndKeepsTheRestAsSent() {
    assertThat(mask("/a/seg-Canary1/c.php?api_key=q-Canary2&x=%41"))
        .isEqualTo("/a/***/c.***?api_key=***&x=%41");
    assertThat(mask("/a/seg-Canary1/c")).isEqualTo("/a/***/c");
    assertThat(mask("/a/b;jsessionid=m-Canary3/c?x=1")).isEqualTo("/a/***/c?x=1");
    assertThat(mask("/a;jsessionid=m-Canary4/b?x=1"))
        .isEqualTo("/a;jsessionid=***/b?x=1");
    assertThat(mask("/a/b/c?api_key=q-Canary5")).isEqualTo("/a/***/c?api_key=***");
    assertThat(mask("/x?api_key=q-Canary6&y=2")).isEqualTo("/x?api_key=***&y=2");
    assertThat(mask("/x/y;jsessionid=m-Canary7?y=2")).isEqualTo("/x/y;jsessionid=***?y=2");
    assertThat(mask("/only.c?z=s-Canary8?more")).isEqualTo("/only.***?z=s-Canary8?more");
    for (String uri : List.of("/a/seg-Canary1/c.php?api_key=q-Canary2&x=%41",
        "/a;jsessionid=m-Canary4/b?x=1", "/x?api_key=q-Canary6&y=2")) {
      String out = mask(uri);
      for (String c : List.of("seg-Canary1", "q-Canary2", "m-Canary4", "q-Canary6")) {
        assertNoCanary(out, c);
      }
    }
  }

  @Test
  void aMaskedQueryIsJoinedToAnUnchangedPathAsTheTwoDecodedApartWouldBe() {
    // ASCII path: joined in one copy; non-ASCII path or query text: decoded apart, as before.
    assertThat(mask("/x?api_key=q-Canary9&y=caf\u00e9")).isEqualTo("/x?api_key=***&y=caf\u00e9");
    assertThat(mask("/caf\u00e9/d?api_key=q-Canary10&y=1"))
        .isEqualTo("/caf\u00e9/d?api_key=***&y=1");
    assertThat(mask("?api_key=q-Canary11")).isEqualTo("?api_key=***");
    assertThat(mask("/x?y=%E2%82&api_key=q-Canary12")).isEqualTo("/x?y=%E2%82&api_key=***");
    for (String uri : List.of("/x?api_key=q-Canary9&y=caf\u00e9", "?api_key=q-Canary11",
        "/caf\u00e9/d?api_key=q-Canary10&y=1")) {
      String out = mask(uri);
      for (String c : List.of("q-Canary9", "q-Canary10", "q-Canary11")) {
        assertNoCanary(out, c);
      }
    }
  }

  @Test
  void returnsTheSameUriWhenNothingChanged() {
    for (String uri : List.of("/", "/a", "/a?x=1", "?x=1", "/a/?x=%41&y", "/a/", "//a//b",
        "/a/***/c", "/a/***/c.***?api_key=***")) {
      HttpRequest req = HttpRequest.builder().method("GET").uri(uri).build();
      MaskedReport m = Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults());
      assertThat(m.report().request().uri()).isSameAs(req.uri());
    }
  }
}
