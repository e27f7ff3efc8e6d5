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
  void valueUnderAnEscapedNameInInvalidJsonHasItsEchoesHunted() {
    String secret = "cnry-lenient-escaped-58";
    String body = "{\"a\":NaN, \"j\":\"{\\\"password\\\":\\\"" + secret + "\\\"}\"}";
    MaskedReport out = Masker.of(RuleSet.preset("default")).mask(report(body, secret));
    Canaries.assertNoLeak(out, secret);
    assertThat(body(out)).isEqualTo("{\"a\":NaN, \"j\":\"{\\\"password\\\":\\\"***\\\"}\"}");
  }
}
