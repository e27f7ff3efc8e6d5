package dev.masking.core.internal;

import static dev.masking.core.internal.XmlTesting.escapedForms;
import static dev.masking.core.internal.XmlTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plants unique secrets at selected XML points (element text, attributes in both quotes, CDATA,
 * entity- and reference-escaped text, nested and repeated elements, namespaced names, one
 * occurrence by {@code xml_tag_array}) and asserts that none survives in any encoding while every
 * other byte is unchanged.
 */
final class XmlScannerCanaryTest {

  private static final Set<String> NAMES = Set.of("Password", "Nonce", "token", "Secret", "pin");

  /** Selects by name anywhere, and the second {@code item} of {@code list} by its point. */
  private static final MaskPolicy POLICY = f -> {
    Decision d = new Decision(MaskAction.redact(), "canary");
    if (f.last().parser().startsWith("xml_") && f.name() != null && NAMES.contains(f.name())) {
      return d;
    }
    int n = f.depth();
    if (n >= 3 && "xml_tag_array".equals(f.last().parser()) && f.last().index() == 1
        && "item".equals(f.step(n - 2).key()) && "list".equals(f.step(n - 3).key())) {
      return d;
    }
    return null;
  };

  /** Secrets as written in the document (index = placeholder number). */
  private static final List<String> VALUES = List.of(
      "CANARY-0-plain",
      "CANARY-1-&lt;&amp;&quot;",
      "&#67;ANARY-2-decimal-&#x1F600;",
      "CANARY-3-attr",
      "CANARY-4-single",
      "CANARY-5-cdata]]]]><![CDATA[>tail",
      "CANARY-6-nested",
      "CANARY-7-nested-attr",
      "CANARY-8-dup",
      "CANARY-9-array",
      "CANARY-10-ns-attr",
      "CANARY-11-mixed");

  /** Decoded secrets to hunt for, besides their escaped forms. */
  private static final List<String> SECRETS = List.of("CANARY-0-plain", "CANARY-1-<&\"",
      "ANARY-2-decimal", "CANARY-3-attr", "CANARY-4-single", "CANARY-5-cdata", "tail",
      "CANARY-6-nested", "CANARY-7-nested-attr", "CANARY-8-dup", "CANARY-9-array",
      "CANARY-10-ns-attr", "CANARY-11-mixed");

  private static final String TEMPLATE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<!DOCTYPE e [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">\n"
      + "  <soap:Header><wsse:Security xmlns:wsse=\"urn:wsse\">\n"
      + "    <wsse:UsernameToken><wsse:Username>bob &amp; co</wsse:Username>\n"
      + "      <wsse:Password Type=\"urn:wsse#PasswordText\">@0@</wsse:Password>\n"
      + "      <wsse:Nonce EncodingType=\"urn:wsse#Base64Binary\">@1@</wsse:Nonce>\n"
      + "    </wsse:UsernameToken></wsse:Security></soap:Header>\n"
      + "  <soap:Body><!-- ' OR 1=1-- <Password>not-masked-comment</Password> -->\n"
      + "    <login user=\"bob\" token=\"@3@\" mode='x' Secret='@4@'>&xxe;</login>\n"
      + "    <Password>@2@</Password>\n"
      + "    <pin><![CDATA[@5@]]></pin>\n"
      + "    <Secret><deep a=\"@7@\"><deeper>@6@</deeper></deep></Secret>\n"
      + "    <token>@8@</token><token>@8@</token>\n"
      + "    <list><item>first</item><item>@9@</item><item>third</item></list>\n"
      + "    <x:data xmlns:x=\"urn:x\" x:token=\"@10@\">evidence &lt;script&gt;</x:data>\n"
      + "    <Nonce>@11@<b>bold</b>@11@</Nonce>\n"
      + "  </soap:Body>\n"
      + "</soap:Envelope>\n";

  private static String fill(boolean masked) {
    String s = TEMPLATE;
    for (int i = VALUES.size() - 1; i >= 0; i--) {
      s = s.replace("@" + i + "@", masked ? expectedMask(i) : VALUES.get(i));
    }
    // the text of an element inside a selected one is masked too
    return masked ? s.replace("<b>bold</b>", "<b>***</b>") : s;
  }

  private static String expectedMask(int i) {
    return i == 5 ? "***]]><![CDATA[***" : "***";
  }

  @Test
  void noSecretSurvivesAndEverythingElseIsIdentical() {
    String in = fill(false);
    XmlTesting.Result r = scan(in, POLICY);
    String out = r.text();
    for (String secret : SECRETS) {
      for (String form : escapedForms(secret)) {
        assertThat(out).doesNotContain(form);
      }
    }
    assertThat(out).doesNotContain("CANARY").doesNotContain("&#67;");
    assertThat(out).isEqualTo(fill(true));
    assertThat(r.fallbacks()).isEmpty();
    assertThat(scan(out, POLICY).bytes()).isNull();
  }
}
