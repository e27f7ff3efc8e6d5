package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.Point;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A SOAP request with WS-Security credentials through the default preset. */
final class XmlBodyTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static final String PASSWORD = "cnry-ws-pass-0001";
  private static final String NONCE = "cnry-ws-nonce-0002";
  private static final String TOKEN = "cnry-ws-bst-0003";

  static String soap(String password, String nonce, String token) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE s [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
        + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">\n"
        + "  <soapenv:Header>\n"
        + "    <wsse:Security soapenv:mustUnderstand=\"1\">\n"
        + "      <wsse:BinarySecurityToken EncodingType=\"#Base64Binary\" ValueType=\"#X509v3\""
        + " wsu:Id=\"X509-1\">" + token + "</wsse:BinarySecurityToken>\n"
        + "      <wsse:UsernameToken wsu:Id=\"UT-1\">\n"
        + "        <wsse:Username>alice</wsse:Username>\n"
        + "        <wsse:Password Type=\"#PasswordText\">" + password + "</wsse:Password>\n"
        + "        <wsse:Nonce EncodingType=\"#Base64Binary\">" + nonce + "</wsse:Nonce>\n"
        + "        <wsu:Created>2026-11-21T06:00:00Z</wsu:Created>\n"
        + "      </wsse:UsernameToken>\n"
        + "    </wsse:Security>\n"
        + "  </soapenv:Header>\n"
        + "  <soapenv:Body>\n"
        + "    <getUser><id>1' OR '1'='1</id><note>&xxe;</note></getUser>\n"
        + "  </soapenv:Body>\n"
        + "</soapenv:Envelope>\n";
  }

  private static AttackReport report(String contentType, String body) {
    HttpRequest req = HttpRequest.builder()
        .method("POST")
        .uri("/ws/UserService")
        .protocol("HTTP/1.1")
        .header("Host", "soap.example")
        .header("Content-Type", contentType)
        .header("SOAPAction", "\"getUser\"")
        .body(body)
        .build();
    return AttackReport.of(req);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/xml; charset=utf-8", "application/soap+xml", "application/xml",
      "application/vnd.example+xml", "application/octet-stream"})
  void wsSecurityCredentialsAreMaskedAndEverythingElseKept(String contentType) {
    MaskedReport out = DEFAULT.mask(report(contentType, soap(PASSWORD, NONCE, TOKEN)));
    String body = new String(out.report().request().body(), StandardCharsets.UTF_8);
    assertThat(body).isEqualTo(soap("***", "***", "***"));
    assertThat(out.notes()).extracting(Note::toString).containsExactly(
        "MASKED post > xml > xml_tag Envelope > xml_tag Header > xml_tag Security"
            + " > xml_tag BinarySecurityToken by default/ws-security (redact)",
        "MASKED post > xml > xml_tag Envelope > xml_tag Header > xml_tag Security"
            + " > xml_tag UsernameToken > xml_tag Password by default/password (redact)",
        "MASKED post > xml > xml_tag Envelope > xml_tag Header > xml_tag Security"
            + " > xml_tag UsernameToken > xml_tag Nonce by default/ws-security (redact)");
  }

  @Test
  void wallarmPointsSelectElementsAttributesAndOccurrences() throws Exception {
    ObjectMapper json = new ObjectMapper();
    RuleSet rules = RuleSet.builder()
        .rule(Rule.builder("id").point(Point.parse(json.readTree(
            "[\"post\",\"xml\",\"xml_tag\",\"Envelope\",\"xml_tag\",\"Body\","
                + "\"xml_tag\",\"getUser\",\"xml_tag\",\"id\"]"))).build())
        .rule(Rule.builder("attr").point(Point.parse(json.readTree(
            "[[\"post\"],[\"xml\"],[\"xml_tag\",\"Envelope\"],[\"xml_tag\",\"Header\"],"
                + "[\"xml_tag\",\"Security\"],[\"xml_tag\",\"UsernameToken\"],"
                + "[\"xml_attr\",\"Id\"]]"))).build())
        .rule(Rule.builder("second").point(Point.parse(json.readTree(
            "[\"post\",\"xml\",\"xml_tag_all\",\"xml_tag\",\"item\",\"xml_tag_array\",1]")))
            .build())
        .build();
    String body = "<soapenv:Envelope xmlns:soapenv=\"urn:s\"><soapenv:Header><wsse:Security>"
        + "<wsse:UsernameToken wsu:Id=\"UT-1\"/></wsse:Security></soapenv:Header>"
        + "<soapenv:Body><getUser><id>42</id></getUser></soapenv:Body></soapenv:Envelope>";
    MaskedReport out = Masker.of(rules).mask(report("text/xml", body));
    assertThat(new String(out.report().request().body(), StandardCharsets.UTF_8))
        .isEqualTo(body.replace(">42<", ">***<").replace("UT-1", "***"));
    String list = "<order><item>a</item><item>b</item><item>c</item></order>";
    MaskedReport listOut = Masker.of(rules).mask(report("application/xml", list));
    assertThat(new String(listOut.report().request().body(), StandardCharsets.UTF_8))
        .isEqualTo("<order><item>a</item><item>***</item><item>c</item></order>");
  }

  @Test
  void prefixedAttributeNamedPasswordIsMaskedByTheDefaultPreset() {
    String body = "<login user=\"bob\" ns:password=\"" + PASSWORD + "\" pwd='" + NONCE + "'/>";
    MaskedReport out = DEFAULT.mask(report("application/xml", body));
    assertThat(new String(out.report().request().body(), StandardCharsets.UTF_8))
        .isEqualTo("<login user=\"bob\" ns:password=\"***\" pwd='***'/>");
  }

  @Test
  void soapInsideAMultipartPartIsMasked() {
    String xml = soap(PASSWORD, NONCE, TOKEN);
    String body = "--b1\r\nContent-Disposition: form-data; name=\"envelope\"\r\n"
        + "Content-Type: application/soap+xml\r\n\r\n" + xml + "\r\n--b1--\r\n";
    MaskedReport out = DEFAULT.mask(report("multipart/form-data; boundary=b1", body));
    assertThat(new String(out.report().request().body(), StandardCharsets.UTF_8))
        .isEqualTo(body.replace(xml, soap("***", "***", "***")));
  }

  @Test
  void secondPassChangesNothing() {
    MaskedReport once = DEFAULT.mask(report("text/xml", soap(PASSWORD, NONCE, TOKEN)));
    MaskedReport twice = DEFAULT.mask(once.report());
    assertThat(twice.report().request().body()).isEqualTo(once.report().request().body());
    for (String secret : List.of(PASSWORD, NONCE, TOKEN)) {
      assertThat(new String(twice.report().request().body(), StandardCharsets.UTF_8))
          .doesNotContain(secret);
    }
  }
}
