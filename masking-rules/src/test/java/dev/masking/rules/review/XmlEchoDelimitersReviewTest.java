package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskedReport;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * The residual sweep over an XML body: an echo that runs across markup (an attribute's closing
 * quote, a comment's or CDATA section's delimiters) is masked without writing over the markup, so
 * that well-formed XML stays well-formed; an echo that starts or ends inside a reference takes
 * all of it.
 */
final class XmlEchoDelimitersReviewTest {

  private static final Masker MASKER = Masker.of(RuleSet.preset("default"));

  private static String body(String query, String xml) {
    String report = "{\"request\":{\"method\":\"POST\",\"uri\":\"/x?a=1" + query + "\",\"headers\":"
        + "[[\"Content-Type\",\"application/xml\"]],\"body\":\"" + xml.replace("\"", "\\\"")
        + "\"}}";
    MaskedReport m = MASKER.mask(ReportJson.read(report));
    return new String(m.report().request().body(), StandardCharsets.UTF_8);
  }

  private static boolean wellFormed(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void echoEndingInAQuoteKeepsTheAttributeClosingQuote() {
    String in = "<r><note t=\"a %27 \">x</note><password>%27 &quot;</password></r>";
    String out = body("", in);
    assertThat(out).isEqualTo("<r><note t=\"a ***\">x</note><password>***</password></r>");
    assertThat(wellFormed(out)).isTrue();
  }

  @Test
  void echoEndingInAnApostropheKeepsTheSingleQuote() {
    String out = body("", "<r><note t='q1w2e3r4'>x</note><password>q1w2e3r4'&gt;</password></r>");
    assertThat(out).isEqualTo("<r><note t='***'>x</note><password>***</password></r>");
    assertThat(wellFormed(out)).isTrue();
  }

  @Test
  void echoAcrossCommentAndCdataDelimitersKeepsThem() {
    String out = body("&token=zz9y8x7w--%3E%3C!%5BCDATA%5Bzz9y8x7w",
        "<r><!--zz9y8x7w--><![CDATA[zz9y8x7w]]><a>k</a></r>");
    assertThat(out).isEqualTo("<r><!--***--><![CDATA[***]]><a>k</a></r>");
    assertThat(wellFormed(out)).isTrue();
  }

  @Test
  void echoStartingOrEndingInsideAReferenceTakesAllOfIt() {
    assertThat(body("&token=quot%3Bab12", "<r><a>xx&quot;ab12</a></r>"))
        .isEqualTo("<r><a>xx***</a></r>");
    assertThat(body("&token=ab12%26quo", "<r><a>ab12&quot;yy</a></r>"))
        .isEqualTo("<r><a>***yy</a></r>");
  }

  @Test
  void bodyWithoutEchoesIsUnchanged() {
    String in = "<r a='1' b=\"2\"><!--c--><![CDATA[d]]><?p e?>&amp;f</r>";
    assertThat(body("&token=zz9y8x7w", in)).isEqualTo(in);
  }
}
