package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the one-pass reading of the body's wire headers ({@code BodyWire.Wire}): each of
 * Content-Type, Content-Length, Transfer-Encoding and Content-Encoding counts whether it is
 * written in any case, with blanks around its name, or hidden after a bare CR in another value;
 * a request without a body still gets its bare-CR and {@code :path} readings. Planted secrets
 * never survive; the rest is byte-identical. Also run under a Turkish default locale.
 */
final class WirePassCanaryTest {
  private static final MaskPolicy POLICY = f -> f.name() != null
      && ("password".equals(Ascii.lower(f.name())) || "authorization".equals(Ascii.lower(f.name())))
      ? new Decision(MaskAction.redact(), "t") : null;

  private static HttpRequest mask(HttpRequest req) {
    return Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults()).report()
        .request();
  }

  private static byte[] gzip(String s) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(s.getBytes(UTF_8));
    }
    return b.toByteArray();
  }

  private static void each(String name, java.util.function.Consumer<String> check) {
    for (String n : new String[] {name, Ascii.lower(name), name.toUpperCase(Locale.ROOT),
        " " + name, name + "\t", "\t" + name + " "}) {
      check.accept(n);
    }
  }

  @Test
  void theBodysHeadersCountInAnyCaseWithBlanksAndWhenHiddenAfterABareCr() {
    each("Content-Type", n -> {
      HttpRequest out = mask(HttpRequest.builder().method("PUT").uri("/")
          .header(n, "application/x-www-form-urlencoded")
          .body("[x]&password=wirePassSecretA1").build());
      assertThat(new String(out.body(), UTF_8)).isEqualTo("[x]&password=***");
      HttpRequest hidden = mask(HttpRequest.builder().method("PUT").uri("/")
          .header("X-A", "1\r" + n + ": application/x-www-form-urlencoded")
          .body("[x]&password=wirePassSecretA2").build());
      assertThat(new String(hidden.body(), UTF_8)).isEqualTo("[x]&password=***");
    });
    each("Content-Length", n -> {
      String body = "a=1GET /?password=wirePassSecretB HTTP/1.1\r\nHost: a\r\n\r\n";
      HttpRequest out = mask(HttpRequest.builder().method("POST").uri("/").protocol("HTTP/1.1")
          .header("Content-Type", "application/json").header(n, "3").body(body).build());
      assertThat(new String(out.body(), UTF_8))
          .isEqualTo("a=1GET /?password=*** HTTP/1.1\r\nHost: a\r\n\r\n");
    });
    each("Transfer-Encoding", n -> {
      HttpRequest out = mask(HttpRequest.builder().method("POST").uri("/")
          .header("Content-Type", "application/x-www-form-urlencoded").header(n, "chunked")
          .body("4\r\npass\r\n17\r\nword=wirePassSecretC12\r\n0\r\n\r\n").build());
      assertThat(new String(out.body(), UTF_8)).doesNotContain("wirePassSecretC")
          .isEqualTo("c\r\npassword=***\r\n0\r\n\r\n");
    });
    each("Content-Encoding", n -> {
      try {
        HttpRequest out = mask(HttpRequest.builder().method("POST").uri("/")
            .header("Content-Type", "application/json").header(n, "gzip")
            .body(gzip("{\"password\":\"wirePassSecretD\"}")).build());
        java.util.zip.GZIPInputStream in =
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(out.body()));
        assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("{\"password\":\"***\"}");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aRequestWithoutABodyStillGetsItsBareCrAndPathReadings() {
    HttpRequest req = HttpRequest.builder().method("GET").uri("/a")
        .header("Host", "h\rAuthorization: Bearer wirePassSecretE\rX-B: 2")
        .header(":path", "/p?password=wirePassSecretF")
        .header("Accept", "*/*").build();
    HttpRequest out = mask(req);
    assertThat(out.headers().get(0).value()).isEqualTo("h\rAuthorization: Bearer ***\rX-B: 2");
    assertThat(out.headers().get(1)).isEqualTo(new Header(":path", "/p?password=***"));
    assertThat(out.headers().get(2)).isEqualTo(new Header("Accept", "*/*"));
    assertThat(out.uri()).isEqualTo("/a");
  }

  @Test
  void theSameUnderATurkishDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      theBodysHeadersCountInAnyCaseWithBlanksAndWhenHiddenAfterABareCr();
      aRequestWithoutABodyStillGetsItsBareCrAndPathReadings();
    } finally {
      Locale.setDefault(before);
    }
  }
}
