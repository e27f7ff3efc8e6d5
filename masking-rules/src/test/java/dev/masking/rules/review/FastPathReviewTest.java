package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of the sixth session's fast paths and skips under the {@code default} preset:
 * inputs where a shortcut would pass over work the slow path did, so that a value a rule or the
 * sweep promises to mask would survive.
 */
final class FastPathReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static final String UUID = "550e8400-e29b-41d4-a716-446655440000";

  private static MaskedReport mask(HttpRequest.Builder b) {
    return DEFAULT.mask(new AttackReport("r", null, b.build(), List.of(), Map.of()));
  }

  private static String all(MaskedReport out) {
    HttpRequest r = out.report().request();
    StringBuilder s = new StringBuilder(r.uri()).append('\n');
    for (Header h : r.headers()) {
      s.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    return s.append(new String(r.body(), StandardCharsets.UTF_8)).toString();
  }

  @Test
  void encoderEchoesOfAValueWhoseOnlySpecialCharacterIsATildeAreSwept() {
    // '~' is unreserved, so the standard percent forms of such a value are its raw form; Java's
    // URLEncoder and PHP's urlencode write it %7E, .NET's HttpUtility.UrlEncode %7e.
    String pw = "Zq7Abcd~Efgh~1234";
    String[] echoes = {"Zq7Abcd%7EEfgh%7E1234", "Zq7Abcd%7eEfgh%7e1234"};
    for (String echo : echoes) {
      MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/login?id=" + UUID)
          .header("X-Echo", "seen " + echo + " twice")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body(("user=bob&password=" + pw).getBytes(StandardCharsets.UTF_8)));
      assertThat(all(out)).as(echo).doesNotContain("Zq7").contains("X-Echo: seen *** twice")
          .contains("?id=" + UUID).contains("user=bob&password=***");
      assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
    }
  }

  @Test
  void echoesPercentEncodedByDotNetWebUtilityAreSwept() {
    // WebUtility.UrlEncode keeps ! ( ) * and escapes '~' in upper-case hex: no other encoder's
    // form of this value is the same.
    String pw = "Zq7P:ss!w~rd";
    MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/login?id=" + UUID)
        .header("X-Echo", "seen Zq7P%3Ass!w%7Erd twice")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("user=bob&password=" + java.net.URLEncoder.encode(pw, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8)));
    assertThat(all(out)).doesNotContain("Zq7").contains("X-Echo: seen *** twice")
        .contains("user=bob&password=***");
  }

  @Test
  void theQueryOfAUrlWithANonAsciiPathIsReadAsAForm() {
    // An IRI (a raw UTF-8 path, as a JSON body or a redirect target holds it): the application
    // parsing the URL reads token= from its query. The query start was found for the same URL
    // held as a String, not as bytes, where a non-ASCII byte ended the URL.
    MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/cb?id=" + UUID)
        .header("Referer", "https://shop.example/caf\u00e9/x?token=Zq7RefTokenA1&lang=fr")
        .header("Content-Type", "application/json")
        .body(("{\"next\":\"https://shop.example/\u00fcber?token=Zq7NextTokenB2&b=1\",\"n\":1}")
            .getBytes(StandardCharsets.UTF_8)));
    String text = all(out);
    assertThat(text).doesNotContain("Zq7")
        .contains("Referer: https://shop.example/caf\u00e9/x?token=***&lang=fr")
        .contains("{\"next\":\"https://shop.example/\u00fcber?token=***&b=1\",\"n\":1}")
        .contains("?id=" + UUID);
    assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
  }

  @Test
  void emptyLinesBeforeARequestCarriedPastContentLengthAreKept() {
    // A server skips the CRLF before the next request line (RFC 9112 section 2.2); the masked
    // carried request was written back without it, changing bytes no rule selects.
    String carried = "\r\n\r\nGET /b?token=Zq7SmuggledTok HTTP/1.1\r\nHost: a\r\n\r\n";
    MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/a")
        .header("Content-Length", "5")
        .body(("x=1&y" + carried).getBytes(StandardCharsets.UTF_8)));
    assertThat(new String(out.report().request().body(), StandardCharsets.UTF_8))
        .isEqualTo("x=1&y\r\n\r\nGET /b?token=*** HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
  }

  @Test
  void echoesWrittenByGoXmlAndHtmlTemplatesWithNumericQuotesAreSwept() {
    // encoding/xml's EscapeText and html/template write " as &#34; and ' as &#39;.
    String pw = "Zq7a\"b&c'9";
    MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/login?id=" + UUID)
        .header("X-Echo", "seen Zq7a&#34;b&amp;c&#39;9 twice")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("user=bob&password=" + java.net.URLEncoder.encode(pw, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8)));
    assertThat(all(out)).contains("X-Echo: seen *** twice").contains("user=bob&password=***")
        .doesNotContain("Zq7");
    assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
  }

  @Test
  void echoesPercentEncodedByPythonsQuoteWithItsDefaultSafeSlashAreSwept() {
    // urllib.parse.quote(token) keeps '/': a base64 token's echo in a URL built with it.
    String token = "Zq7ab+cd/ef==";
    MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/login?id=" + UUID)
        .header("X-Echo", "https://api.example/cb?t=Zq7ab%2Bcd/ef%3D%3D")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("user=bob&token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8)));
    assertThat(all(out)).contains("X-Echo: https://api.example/cb?t=***")
        .contains("user=bob&token=***").doesNotContain("Zq7");
    assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
  }

  @Test
  void echoesPercentEncodedByGoPathEscapeAndJavaScriptEscapeAreSwept() {
    // Go's url.PathEscape keeps $ & + : = @ raw (and writes a space as %20); JavaScript's
    // escape() keeps @ * + / and escapes '~'. Neither form equals another encoder's here.
    String[][] cases = {
        {"Zq7Pa$$w0rd:x=y&z@q+1 ok", "Zq7Pa$$w0rd:x=y&z@q+1%20ok"},
        {"Zq7tok~en/ab@cd*ef+gh", "Zq7tok%7Een/ab@cd*ef+gh"}};
    for (String[] c : cases) {
      String body = "user=bob&password="
          + java.net.URLEncoder.encode(c[0], StandardCharsets.UTF_8);
      MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/login?id=" + UUID)
          .header("X-Echo", "seen " + c[1] + " twice")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body(body.getBytes(StandardCharsets.UTF_8)));
      assertThat(all(out)).as(c[1]).doesNotContain("Zq7").contains("X-Echo: seen *** twice")
          .contains("?id=" + UUID).contains("user=bob&password=***");
      assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
    }
  }
}
