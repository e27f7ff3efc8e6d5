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
 * Adversarial review of the value detectors under the {@code default} preset on held-out
 * requests: a secret found only by its shape, wherever a server reads it, must be gone, and the
 * look-alikes next to it must stay.
 */
final class DetectorReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  /** A Luhn-valid Visa number nobody else uses in the tests. */
  private static final String CARD = "4424452601815908";
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
  void percentEncodedCookieValuesAreReadDecodedAsPhpAndExpressReadThem() {
    String grouped = "4424%204526%200181%205908";
    String dsn = "postgres%3A%2F%2Fapp%3AZq7DbPassw0rd%40db.internal%3A5432%2Fx";
    MaskedReport out = mask(HttpRequest.builder().method("GET").uri("/")
        .header("Cookie", "theme=dark; pref=" + grouped + "; db=" + dsn + "; sid2=" + UUID));
    String text = all(out);
    assertThat(text).doesNotContain("4424%204526").doesNotContain("Zq7DbPassw0rd")
        .contains("theme=dark; pref=").contains("5908; db=postgres%3A%2F%2Fapp%3A***%40")
        .contains("%40db.internal%3A5432%2Fx; sid2=" + UUID);
    assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
  }

  @Test
  void echoesWrittenAsXmlTextAndByGoJacksonAndDotNetJsonWritersAreSwept() {
    String pw = "Zq7<a&b>'c\"d9";
    String[] echoes = {
        "Zq7&lt;a&amp;b&gt;'c\"d9", // XML text content: quotes are not escaped
        "Zq7\\u003ca\\u0026b\\u003e'c\\\"d9", // Go encoding/json
        "Zq7\\u003Ca\\u0026b\\u003E\\u0027c\\u0022d9", // .NET System.Text.Json
    };
    for (String echo : echoes) {
      MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/login?id=" + UUID)
          .header("X-Echo", "v=" + echo + ";")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body(("user=bob&password=" + java.net.URLEncoder.encode(pw, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8)));
      assertThat(all(out)).as(echo).doesNotContain("Zq7").contains("X-Echo: v=***;")
          .contains("id=" + UUID).contains("user=bob&");
    }
    String accented = "Zq7\u00e9xyz9";
    MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/")
        .header("X-Echo", "Zq7\\u00E9xyz9") // Jackson ESCAPE_NON_ASCII, .NET: upper-case hex
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("password=" + java.net.URLEncoder.encode(accented, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8)));
    assertThat(all(out)).doesNotContain("Zq7").contains("X-Echo: ***");
  }

  @Test
  void xmlAroundADetectorSpanKeepsItsBytes() {
    String body = "<r><a b=\"" + CARD + " ' x>y\">" + CARD + " '\" a>b</a>"
        + "<c d=\"&#39;" + CARD + "\">x</c></r>";
    MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/")
        .header("Content-Type", "text/xml").body(body.getBytes(StandardCharsets.UTF_8)));
    String masked = new String(out.report().request().body(), StandardCharsets.UTF_8);
    // Unselected bytes around the span are copied as written (a raw ' and > stay raw), also in a
    // value written with a reference (&#39; stays &#39;).
    assertThat(masked).isEqualTo("<r><a b=\"************5908 ' x>y\">************5908 '\" a>b</a>"
        + "<c d=\"&#39;************5908\">x</c></r>");
    assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
  }

  @Test
  void echoesPercentEncodedByJavaScriptJavaPhpAndDotNetEncodersAreSwept() {
    String pw = "Zq7 P@ss!w(0)rd*~";
    String[] echoes = {
        "Zq7%20P%40ss!w(0)rd*~", // JavaScript encodeURIComponent
        "Zq7+P%40ss%21w%280%29rd*%7E", // Java URLEncoder
        "Zq7+P%40ss%21w%280%29rd%2A%7E", // PHP urlencode
        "Zq7+P%40ss!w(0)rd*%7e", // .NET HttpUtility.UrlEncode
    };
    for (String echo : echoes) {
      // A header no layer decodes: only the sweep can find the echo there.
      MaskedReport out = mask(HttpRequest.builder().method("POST").uri("/login?id=" + UUID)
          .header("X-Echo", "seen " + echo + " twice")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body(("user=bob&password=" + java.net.URLEncoder.encode(pw, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8)));
      assertThat(all(out)).as(echo).doesNotContain("Zq7").contains("X-Echo: seen *** twice")
          .contains("?id=" + UUID).contains("user=bob&");
    }
  }
}
