package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSON scanned leniently (not strictly valid, deeper than maxJsonDepth, more fields than
 * maxFields) still has its string values' nested layers decoded, as the strict scan has: a
 * selected name inside XML, JSON-in-a-string, a form, base64 JSON or a percent-encoded form in a
 * string value is masked, and its echoes elsewhere in the report are hunted.
 */
final class LenientNestedLayersCanaryTest {

  /** A second secret, in the same string as a first one the lenient scan masks by its name. */
  private static final String OTHER = "ktkn-lenient-other-9034";

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A string value's JSON text holding {@code secret} under a selected name, one per layer kind. */
  private static List<String> layered(String secret) {
    List<String> v = new ArrayList<>();
    v.add("\"<r><token>" + secret + "</token></r>\"");
    v.add("\"{\\\"user\\\":\\\"x\\\",\\\"password\\\":\\\"" + secret + "\\\"}\"");
    v.add("\"user=x&password=" + secret + "\"");
    v.add("\"" + b64("{\"user\":\"x\",\"password\":\"" + secret + "\"}") + "\"");
    v.add("\"user%3Dx%26password%3D" + secret + "\"");
    // a name the lenient scan masks itself, then a layer inside the rest of the same string
    v.add("\"{\\\"password\\\":\\\"" + secret + "\\\",\\\"n\\\":\\\"<r><token>" + OTHER
        + "</token></r>\\\"}\"");
    return v;
  }

  /** Bodies the strict scan gives up on before the layered value, each with the options to use. */
  private static List<Object[]> shapes(String value) {
    List<Object[]> s = new ArrayList<>();
    MaskingOptions d = MaskingOptions.defaults();
    s.add(new Object[] {"{\"a\":NaN, \"n\":" + value + "}", d});
    s.add(new Object[] {"{\"a\":[1,2,], \"n\":" + value + "}", d});
    s.add(new Object[] {"{'a': 'b', \"n\":" + value + "}", d});
    s.add(new Object[] {"{\"a\":1, /* c */ \"n\":" + value + "}", d});
    s.add(new Object[] {"{\"d\":[[[[[1]]]]], \"n\":" + value + "}",
        MaskingOptions.builder().maxJsonDepth(3).build()});
    s.add(new Object[] {"{\"a\":1,\"b\":2,\"c\":3, \"n\":" + value + "}",
        MaskingOptions.builder().maxFields(2).build()});
    return s;
  }

  private static AttackReport report(String body, String echo) {
    return AttackReport.of(HttpRequest.builder().method("POST").uri("/x?e=" + echo)
        .header("Host", "shop.example").header("Content-Type", "application/json")
        .body(body).build());
  }

  private static String body(MaskedReport r) {
    return new String(r.report().request().body(), StandardCharsets.UTF_8);
  }

  @Test
  void selectedNameInsideEveryLayerKindIsMaskedWhereverTheStrictScanGaveUp() {
    int n = 0;
    for (String value : layered("cnry-lenient-layer-4410")) {
      for (Object[] shape : shapes(value)) {
        String secret = "cnry-lenient-layer-4410";
        String body = ((String) shape[0]).replace(secret, secret + n);
        Masker masker = Masker.of(RuleSet.preset("default"), (MaskingOptions) shape[1]);
        MaskedReport out = masker.mask(report(body, secret + n));
        Canaries.assertNoLeak(out, secret + n, OTHER);
        // Everything before the layered value is kept as sent.
        assertThat(body(out)).as(body).startsWith(body.substring(0, body.indexOf("\"n\":") + 5));
        assertThat(out.notes().toString()).doesNotContain(secret);
        // mask(mask(x)) == mask(x)
        assertThat(masker.mask(out.report()).report()).as(body).isEqualTo(out.report());
        n++;
      }
    }
  }

  @Test
  void selectedNameInsideASingleQuotedValueIsMasked() {
    String secret = "cnry-lenient-single-3318";
    List<String> values = List.of("'<r><token>" + secret + "</token></r>'",
        "'user=x&password=" + secret + "'",
        "'" + b64("{\"user\":\"x\",\"password\":\"" + secret + "\"}") + "'",
        "'user%3Dx%26password%3D" + secret + "'",
        "'user%3Dx%26password%3D" + secret + "%26t%3Da%3Ab%22c%27'");
    Masker masker = Masker.of(RuleSet.preset("default"));
    int n = 0;
    for (String value : values) {
      String s = secret + n++;
      String body = ("{'a': 'b', 'n': " + value + ", 'm': 'it''s'}").replace(secret, s);
      MaskedReport out = masker.mask(report(body, s));
      Canaries.assertNoLeak(out, s);
      assertThat(body(out)).as(body).startsWith("{'a': 'b', 'n': '").endsWith("', 'm': 'it''s'}");
      assertThat(masker.mask(out.report()).report()).as(body).isEqualTo(out.report());
    }
  }

  @Test
  void valueUnderAnEscapedNameInInvalidJsonHasItsEchoesHunted() {
    String secret = "cnry-lenient-escaped-58";
    String body = "{\"a\":NaN, \"j\":\"{\\\"password\\\":\\\"" + secret + "\\\"}\"}";
    MaskedReport out = Masker.of(RuleSet.preset("default")).mask(report(body, secret));
    Canaries.assertNoLeak(out, secret);
    assertThat(body(out)).isEqualTo("{\"a\":NaN, \"j\":\"{\\\"password\\\":\\\"***\\\"}\"}");
  }

  @Test
  void stringsWithNothingInsideStayByteIdentical() {
    String body = "{\"a\":NaN, \"x\":\"<r><b>plain</b></r>\", \"y\":\"a=1&b=2\", \"z\":\"\\u003c"
        + "\\/x\", \"w\":\"dGhlbWU9ZGFyaw==\", 'v': 'k'}";
    AttackReport in = report(body, "1");
    MaskedReport out = Masker.of(RuleSet.preset("default")).mask(in);
    assertThat(body(out)).isEqualTo(body);
  }

  @Test
  void onlyTheChangedPartOfAStringIsWrittenAnew() {
    String body = "{\"a\":NaN, \"n\":\"\\u003cr\\u003e<token>cnry-lenient-span-1</token>\\/r\","
        + " \"m\":1,}";
    MaskedReport out = Masker.of(RuleSet.preset("default")).mask(report(body, "1"));
    assertThat(body(out)).isEqualTo(
        "{\"a\":NaN, \"n\":\"\\u003cr\\u003e<token>***</token>\\/r\", \"m\":1,}");
  }

  @Test
  void aStrayQuoteThatMisPairsStringsKeepsMaskingIdempotent() {
    Masker masker = Masker.of(RuleSet.preset("default"));
    String secret = "cnry-lenient-stray-77";
    String[] bodies = {
      "{'a': 'say \"hi', \"n\":\"<r><token>" + secret + "</token></r>\", \"q\":\"password="
          + secret + "&u=1\"}",
      "{\"a\": \"x\"y\", \"n\":\"user=x&password=" + secret + "\", \"b\":\"" + b64(
          "{\"password\":\"" + secret + "\"}") + "\"}",
      "{\"m\":\"note password: " + secret + " <r><token>" + secret + "</token></r>\", 1:}",
      "{\"m\":\"x: \": \"user=1&password=" + secret + "\", \"}",
      "[\"\\\"\", \"user=x&password=" + secret + "\" \"<a>\"]",
      "{'a': \"it's\", 'n': '<r><token>" + secret + "</token></r>', 'b': 'x\\'y'}",
      "{\"a\": 'x\"y', 'q': 'password=" + secret + "&u=1', 'r': '<a>it\\'s</a>'}",
      "/* it's */ {'q': 'password=" + secret + "&u=\\\\', \"s\": 'x',}",
    };
    for (String body : bodies) {
      MaskedReport once = masker.mask(report(body, "1"));
      MaskedReport twice = masker.mask(once.report());
      assertThat(body(twice)).as(body).isEqualTo(body(once));
    }
  }

  @Test
  void hostileInvalidBodiesScanInLinearTime() {
    Masker masker = Masker.of(RuleSet.preset("default"));
    int size = 2 << 20;
    List<String> bodies = List.of(
        "{\"a\":NaN," + "\"\"".repeat(size / 2),
        "{\"a\":NaN," + "\"a=1&b\",".repeat(size / 8),
        "{\"a\":NaN, \"n\":\"" + "x".repeat(size) + "\"",
        "{\"a\":NaN, \"n\":\"" + "\\\\".repeat(size / 2) + "\"",
        "{\"a\":NaN, \"n\":\"" + "\\\"".repeat(size / 2) + "\"",
        "{\"a\":NaN," + "\"<r>\":\"<r>\",".repeat(size / 14),
        "{\"a\":NaN, \"n\":\"" + "password: x, ".repeat(size / 14) + "\"",
        "{'a':NaN," + "'\\\\':".repeat(size / 5),
        "{'a':NaN,'" + "\\':".repeat(size / 3),
        "{'a':NaN," + "'a=1&b',".repeat(size / 8));
    assertThatCode(() -> {
      for (String b : bodies) {
        assertThat(masker.mask(report(b, "1"))).isNotNull();
      }
    }).doesNotThrowAnyException();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (String b : bodies) {
        masker.mask(report(b, "1"));
      }
    });
  }
}
