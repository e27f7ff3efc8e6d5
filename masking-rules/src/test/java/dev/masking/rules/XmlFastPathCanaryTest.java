package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The XML scanner's fast paths under the rule engine's own policy (names asked once per thread and
 * policy, repetition steps not asked, namespace URIs ruled out once): secrets planted in element
 * text, attributes, CDATA, namespaced names, entity-encoded text, text between comments and a
 * namespace URI are gone from the whole masked report in every encoding, scan after scan with the
 * same masker, and every other body byte is kept.
 */
final class XmlFastPathCanaryTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static final List<String> SECRETS = List.of("cnry-fp-pass-01", "cnry-fp-tok-02",
      "cnry-fp-cdata-03", "cnry-fp-ns-04", "cnry-fp-entity-05", "cnry-fp-comment-06",
      "cnry-fp-nsuri-07", "cnry-fp-item-08");

  private static String body(boolean masked) {
    String[] v = new String[SECRETS.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = masked ? "***" : SECRETS.get(i);
    }
    String entity = masked ? "***" : "&#99;nry-fp-entity-05";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:u=\"https://svc:" + v[6] + "@ws.example/ns\">\n"
        + "  <soapenv:Body>\n"
        + "    <login user=\"bob\" token=\"" + v[1] + "\">keep &lt;me&gt;</login>\n"
        + "    <wsse:Password>" + v[0] + "</wsse:Password>\n"
        + "    <secret><![CDATA[" + (masked ? "***" : v[2]) + "]]></secret>\n"
        + "    <x:data x:api_key=\"" + v[3] + "\">evidence &lt;script&gt;</x:data>\n"
        + "    <pwd>" + entity + "</pwd>\n"
        + "    <otp><!-- a -->" + v[5] + "<!-- b --></otp>\n"
        + "    <list><item>first</item><item><cvv>" + v[7] + "</cvv></item></list>\n"
        + "  </soapenv:Body>\n"
        + "</soapenv:Envelope>\n";
  }

  private static AttackReport report(String body) {
    return AttackReport.of(HttpRequest.builder().method("POST").uri("/ws").protocol("HTTP/1.1")
        .header("Host", "ws.example").header("Content-Type", "text/xml; charset=utf-8")
        .body(body).build());
  }

  @Test
  void noSecretSurvivesScanAfterScanAndEverythingElseIsKept() {
    for (int round = 0; round < 4; round++) {
      MaskedReport out = DEFAULT.mask(report(body(false)));
      String masked = new String(out.report().request().body(), StandardCharsets.UTF_8);
      String all = out.report().toString() + masked + out.notes();
      for (String s : SECRETS) {
        assertThat(all).doesNotContain(s)
            .doesNotContain(URLEncoder.encode(s, StandardCharsets.UTF_8))
            .doesNotContain(s.replace("-", "\\u002d"))
            .doesNotContain(s.substring(1));
      }
      assertThat(masked).isEqualTo(body(true));
    }
  }
}
