package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.io.ReportJson;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Canaries for a report whose work budget ({@code maxWorkBytes}) is spent before the residual
 * sweep: a body (or a decoded layer) masked whole unread held a password, and an echo of it sat in
 * the query, a header, an attack payload, a carried-through member or elsewhere in the body. The
 * sweep cannot hunt a value it never saw, so what it visits is masked whole (fail closed). Found
 * by the review-s19 seeded differential (maxWorkBytes 3000, seeds 5000644 and 5002569): with no
 * other value masked, no sweep ran and the echoes stayed, raw and base64-encoded.
 */
final class WorkBudgetUnreadEchoTest {
  private static final String SECRET = "ZqBudgetSecret7";
  private static final String B64 = Base64.getEncoder().encodeToString(SECRET.getBytes(UTF_8));
  private static final MaskPolicy PASSWORD = f -> f.name() != null
      && Ascii.equalsIgnoreCase(f.name(), "password") ? new Decision(MaskAction.redact(), "t")
      : null;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  private static String report(String uri, String contentType, String body, String extra) {
    return "{\"id\":\"r\",\"request\":{\"method\":\"POST\",\"uri\":\"" + uri + "\","
        + "\"protocol\":\"HTTP/1.1\",\"headers\":[[\"Content-Type\",\"" + contentType + "\"],"
        + "[\"X-B64\",\"" + B64 + "\"],[\"X-Echo\",\"" + SECRET + "\"]],"
        + "\"body_base64\":\"" + b64(body) + "\"},\"attacks\":[{\"type\":\"sqli\","
        + "\"point\":[\"header\",\"X-Other\"],\"payload\":\"' OR 1=1 -- " + SECRET + "\"}]"
        + extra + "}";
  }

  private static String run(String report, long budget) {
    MaskedReport m = Rewriter.mask(ReportJson.read(report), PASSWORD,
        MaskingOptions.builder().maxWorkBytes(budget).build());
    return new String(ReportJson.write(m, true), UTF_8);
  }

  private static String body(String out) {
    int k = out.indexOf("\"body_base64\":\"") + 15;
    return new String(Base64.getDecoder().decode(out.substring(k, out.indexOf('"', k))), UTF_8);
  }

  private static void assertNoEcho(String out) {
    assertThat(out).doesNotContain(SECRET).doesNotContain(B64.substring(2, B64.length() - 4))
        .contains("maxWorkBytes");
    assertThat(body(out)).doesNotContain(SECRET);
  }

  private static final String JSON_BODY =
      "{\"password\":\"" + SECRET + "\",\"pad\":\"" + "x".repeat(3000) + "\"}";

  @Test
  void echoesOfAnUnreadBodyInQueryHeadersAndPayloadAreMaskedWhole() {
    String in = report("/x?q=" + SECRET, "application/json", JSON_BODY, "");
    String out = run(in, 3000);
    assertNoEcho(out);
    assertThat(out).contains("\"uri\":\"***\"").contains("[\"X-B64\",\"***\"]")
        .contains("\"payload\":\"***\"");
  }

  @Test
  void aShortMaskedValueHuntsNothingAndTheEchoesStillGo() {
    // A value shorter than residualMinLength is masked but not hunted: no matcher, no sweep.
    String in = report("/x?password=ab&q=" + SECRET, "application/json", JSON_BODY, "");
    assertNoEcho(run(in, 3000));
  }

  @Test
  void aCarriedThroughMemberEchoIsMaskedWhole() {
    String in = report("/x", "application/json", JSON_BODY, ",\"comment\":\"" + SECRET + "\"");
    assertNoEcho(run(in, 3000));
  }

  @Test
  void anEchoInTheBodyOfALayerMaskedWholeUnreadIsMaskedWhole() {
    // The body is read; a base64 layer in it is past the budget and masked whole unread; its
    // password also sits raw further on in the same body.
    String inner = b64("{\"password\":\"" + SECRET + "\",\"pad\":\"" + "y".repeat(2000) + "\"}");
    String form = "data=" + inner + "&e=" + SECRET;
    String in = report("/x", "application/x-www-form-urlencoded", form, "");
    String out = run(in, 3000);
    assertNoEcho(out);
    assertThat(body(out)).isEqualTo("***");
  }

  @Test
  void withinTheBudgetNothingChanges() {
    // Guard: the same reports with room to spare keep their unselected parts as sent (P2), and
    // the budget just past the work done gives the same bytes as the default budget.
    String form = "q=EVID&password=" + SECRET + "&n=" + "z".repeat(200);
    String in = report("/x?lang=en", "application/x-www-form-urlencoded", form, "");
    String roomy = run(in, 64L << 20);
    assertThat(roomy).contains("\"uri\":\"/x?lang=en\"").doesNotContain("maxWorkBytes");
    assertThat(body(roomy)).startsWith("q=EVID&password=***&n=zz");
    long least = 1;
    while (run(in, least).contains("maxWorkBytes")) {
      least += 16;
    }
    assertThat(run(in, least)).isEqualTo(roomy);
  }
}
