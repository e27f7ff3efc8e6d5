package dev.masking.core.internal;

import static dev.masking.core.internal.XmlTesting.names;
import static dev.masking.core.internal.XmlTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random XML-like documents built from markup fragments (a fixed seed, so failures reproduce):
 * the scan never throws, leaves the run where it found it, never lets the planted secret through
 * after a selected opening tag, and a second pass changes nothing.
 */
final class XmlScannerRandomTest {

  private static final List<String> FRAGMENTS = List.of(
      "<a>", "</a>", "<b x=\"1\">", "</b>", "<password>", "</password>", "<wsse:Password>",
      "</wsse:Password>", "<c/>", "<d password=\"s3cret\"/>", "<e password='s3cret' ", "text",
      " ", "\n", "&amp;", "&lt;", "&xxe;", "&#65;", "&", "<", ">", "\"", "'", "=", "<!--", "-->",
      "<![CDATA[", "]]>", "<?pi ", "?>", "<!DOCTYPE r [", "]>", "<!ENTITY x \"y\">", "/>", "</",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "s3cret", "\u00e9", "<list><item>i</item>",
      "<item>s3cret</item></list>");

  @Test
  void randomDocumentsScanSafelyAndIdempotently() {
    Random rnd = new Random(Long.getLong("xmlseed", 20261121L));
    MaskingOptions small = MaskingOptions.builder().maxXmlDepth(6).maxFields(40).build();
    int runs = 0;
    for (int n = 0; n < 3_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + rnd.nextInt(40);
      for (int k = 0; k < len; k++) {
        sb.append(FRAGMENTS.get(rnd.nextInt(FRAGMENTS.size())));
      }
      String in = sb.toString();
      for (MaskAction action : new MaskAction[] {MaskAction.redact(), new MaskAction.Remove(),
          new MaskAction.KeepLast(2)}) {
        MaskPolicy p = names(action, "password", "Password", "item");
        for (MaskingOptions o : new MaskingOptions[] {MaskingOptions.defaults(), small}) {
          XmlTesting.Result r = scan(in, p, o);
          assertThat(r.depthAfter()).isEqualTo(1);
          String once = r.textOr(in);
          assertThat(scan(once, p, o).bytes())
              .as("second pass over %s", in.replace("\n", "\\n")).isNull();
          runs++;
        }
      }
    }
    assertThat(runs).isEqualTo(18_000);
  }

  @Test
  void selectedElementTextNeverSurvives() {
    Random rnd = new Random(7L);
    for (int n = 0; n < 3_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + rnd.nextInt(20);
      for (int k = 0; k < len; k++) {
        sb.append(FRAGMENTS.get(rnd.nextInt(FRAGMENTS.size())));
      }
      // A well-formed selected element in any surroundings, unless those open a comment, CDATA
      // section, PI or attribute quote it would sit in (then it is not an element).
      String prefix = sb.toString();
      String in = prefix + "><password>CANARY</password>";
      String out = scan(in, names("password")).textOr(in);
      if (out.contains("CANARY")) {
        assertThat(prefix).as("leaked after %s", prefix)
            .containsAnyOf("<!--", "<![CDATA[", "<?", "\"", "'", "<!DOCTYPE", "<!ENTITY");
      }
    }
  }
}
