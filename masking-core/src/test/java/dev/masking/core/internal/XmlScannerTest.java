package dev.masking.core.internal;

import static dev.masking.core.internal.XmlTesting.mask;
import static dev.masking.core.internal.XmlTesting.names;
import static dev.masking.core.internal.XmlTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Point;
import dev.masking.core.Step;
import org.junit.jupiter.api.Test;

final class XmlScannerTest {

  private static final MaskPolicy PASSWORD = names("password", "Password");

  @Test
  void masksElementTextByName() {
    assertThat(mask("<a><password>hunter2</password><user>bob</user></a>", PASSWORD))
        .isEqualTo("<a><password>***</password><user>bob</user></a>");
  }

  @Test
  void unselectedDocumentIsReturnedAsNull() {
    XmlTesting.Result r = scan("<?xml version=\"1.0\"?>\n<a x=\"1\"><b>t</b></a>\n", PASSWORD);
    assertThat(r.bytes()).isNull();
    assertThat(r.notes()).isEmpty();
    assertThat(r.depthAfter()).isEqualTo(1);
  }

  @Test
  void namespacePrefixIsStrippedForNameAndStep() {
    RecordingPolicy p = RecordingPolicy.names("Password");
    MaskRun run = p.run();
    run.push(Step.of("post"));
    byte[] in = ("<wsse:Security xmlns:wsse=\"urn:x\"><wsse:Password Type=\"urn:x#PasswordText\">"
        + "s3cret</wsse:Password></wsse:Security>").getBytes();
    String out = new String(XmlScanner.mask(in, 0, in.length, run));
    assertThat(out).isEqualTo("<wsse:Security xmlns:wsse=\"urn:x\"><wsse:Password"
        + " Type=\"urn:x#PasswordText\">***</wsse:Password></wsse:Security>");
    assertThat(p.asked()).contains("post > xml > xml_tag Security > xml_tag Password",
        "post > xml > xml_tag Security > xml_tag Password > xml_attr Type",
        "post > xml > xml_tag Security > xml_attr wsse");
    assertThat(p.names).contains("Password", "Security").doesNotContain("wsse:Password");
  }

  @Test
  void pointsAreAskedOutermostFirstWithArrayStepsForRepeatedSiblings() {
    RecordingPolicy p = RecordingPolicy.nothing();
    MaskRun run = p.run();
    run.push(Step.of("post"));
    byte[] in = "<r a=\"1\"><p>x</p><q/><p>y</p></r>".getBytes();
    assertThat(XmlScanner.mask(in, 0, in.length, run)).isNull();
    assertThat(p.asked()).containsExactly(
        "post > xml",
        "post > xml > xml_tag r",
        "post > xml > xml_tag r > xml_attr a",
        "post > xml > xml_tag r > xml_tag p",
        "post > xml > xml_tag r > xml_tag p > xml_tag_array 0",
        "post > xml > xml_tag r > xml_tag q",
        "post > xml > xml_tag r > xml_tag p",
        "post > xml > xml_tag r > xml_tag p > xml_tag_array 1");
  }

  @Test
  void xmlTagArrayPointSelectsOneOccurrence() {
    Point second = Point.of(Step.of("post"), Step.of("xml"), Step.named("xml_tag", "r"),
        Step.named("xml_tag", "p"), Step.indexed("xml_tag_array", 1));
    assertThat(mask("<r><p>x</p><p>y</p><p>z</p></r>",
        RecordingPolicy.point(MaskAction.redact(), second)))
        .isEqualTo("<r><p>x</p><p>***</p><p>z</p></r>");
  }

  @Test
  void manySiblingsAreCountedPerNameAndParent() {
    StringBuilder sb = new StringBuilder("<r>");
    for (int i = 0; i < 10_000; i++) {
      sb.append("<p>").append(i).append("</p><q").append(i).append("/>");
    }
    sb.append("<s><p>inner</p></s></r>");
    Point last = Point.of(Step.of("post"), Step.of("xml"), Step.named("xml_tag", "r"),
        Step.named("xml_tag", "p"), Step.indexed("xml_tag_array", 9_999));
    String out = mask(sb.toString(), RecordingPolicy.point(MaskAction.redact(), last));
    assertThat(out).isEqualTo(sb.toString().replace("<p>9999</p>", "<p>***</p>"));
  }

  @Test
  void sameNameUnderDifferentParentsIsNotAnArray() {
    RecordingPolicy p = RecordingPolicy.nothing();
    MaskRun run = p.run();
    run.push(Step.of("post"));
    byte[] in = "<r><a><p>1</p></a><b><p>2</p></b></r>".getBytes();
    XmlScanner.mask(in, 0, in.length, run);
    assertThat(p.asked()).noneMatch(s -> s.contains("xml_tag_array"));
  }

  @Test
  void attributeValueIsMaskedInsideItsQuotes() {
    assertThat(mask("<login user=\"bob\" password='s3&quot;cret' />", PASSWORD))
        .isEqualTo("<login user=\"bob\" password='***' />");
    assertThat(mask("<login wsse:password = \"x\"/>", PASSWORD))
        .isEqualTo("<login wsse:password = \"***\"/>");
  }

  @Test
  void removeDropsAttributeAndEmptiesElement() {
    MaskPolicy remove = names(new MaskAction.Remove(), "password");
    assertThat(mask("<a x=\"1\" password=\"p\" y=\"2\"><password>s</password></a>", remove))
        .isEqualTo("<a x=\"1\" y=\"2\"><password></password></a>");
    assertThat(mask("<a><password><![CDATA[s]]></password></a>", remove))
        .isEqualTo("<a><password><![CDATA[]]></password></a>");
  }

  @Test
  void cdataIsMaskedInsideItsMarkers() {
    assertThat(mask("<a><password><![CDATA[se<cr>et]]></password></a>", PASSWORD))
        .isEqualTo("<a><password><![CDATA[***]]></password></a>");
    assertThat(mask("<a><password>pre<![CDATA[x]]>post</password></a>", PASSWORD))
        .isEqualTo("<a><password>***<![CDATA[***]]>***</password></a>");
  }

  @Test
  void selectedElementMasksAllContentButKeepsMarkupAndLayout() {
    String in = "<r><Credentials kind=\"basic\">\n  <user id=\"7\" xmlns:u=\"urn:u\">bob</user>\n"
        + "  <pin><![CDATA[1234]]></pin>\n  <!-- note -->\n</Credentials><x>keep</x></r>";
    assertThat(mask(in, names("Credentials")))
        .isEqualTo("<r><Credentials kind=\"basic\">\n"
            + "  <user id=\"***\" xmlns:u=\"urn:u\">***</user>\n"
            + "  <pin><![CDATA[***]]></pin>\n  <!-- note -->\n</Credentials><x>keep</x></r>");
  }

  @Test
  void wholeDocumentPointMasksEveryValue() {
    MaskPolicy whole = f -> f.depth() == 2 && "xml".equals(f.last().parser())
        ? new dev.masking.core.Decision(MaskAction.redact(), "t") : null;
    assertThat(mask("<?xml version=\"1.0\"?><r a=\"1\"><b>x</b> <c/></r>", whole))
        .isEqualTo("<?xml version=\"1.0\"?><r a=\"***\"><b>***</b> <c/></r>");
  }

  @Test
  void masksAreXmlEscapedAndValuesEntityDecoded() {
    MaskPolicy keep = names(new MaskAction.KeepFirst(2), "password");
    assertThat(mask("<a><password>&lt;&amp;secret</password></a>", keep))
        .isEqualTo("<a><password>&lt;&amp;******</password></a>");
    assertThat(mask("<a password=\"&#34;&#x27;xyzw\"/>", keep))
        .isEqualTo("<a password=\"&quot;&apos;****\"/>");
    MaskPolicy stars = names(new MaskAction.Stars(), "password");
    assertThat(mask("<a><password>&#x1F600;ab</password></a>", stars))
        .isEqualTo("<a><password>***</password></a>");
  }

  @Test
  void emptyAndWhitespaceOnlyValuesStayAsTheyAre() {
    assertThat(scan("<a><password/><password></password><password> </password></a>", PASSWORD)
        .bytes()).isNull();
  }

  @Test
  void everyOccurrenceOfARepeatedSensitiveElementIsMasked() {
    assertThat(mask("<a><password>1</password><password>2</password></a>", PASSWORD))
        .isEqualTo("<a><password>***</password><password>***</password></a>");
  }

  @Test
  void notesNameThePointAndNeverTheValue() {
    XmlTesting.Result r = scan("<a><password>hunter2</password></a>", PASSWORD);
    assertThat(r.notes()).hasSize(1);
    assertThat(r.notes().get(0).toString())
        .isEqualTo("MASKED post > xml > xml_tag a > xml_tag password by test (redact)")
        .doesNotContain("hunter2");
  }

  @Test
  void utf8BomAndDeclarationAreCopied() {
    String in = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><password>x</password></a>";
    assertThat(mask(in, PASSWORD))
        .isEqualTo(
            "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><password>***</password></a>");
  }

  @Test
  void decodedTextIsReadAsUtf8WhateverItsDeclarationSays() {
    String in = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a><b>\u00e9</b>"
        + "<password>\u00e9t\u00e9</password></a>";
    byte[] b = in.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    MaskRun run = new MaskRun(names(new MaskAction.KeepFirst(1), "password"),
        dev.masking.core.MaskingOptions.defaults());
    run.push(Step.named("get", "q"));
    byte[] out = XmlScanner.maskUtf8Text(b, 0, b.length, run);
    assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(in.replace("\u00e9t\u00e9<", "\u00e9**<"));
    assertThat(run.depth()).isEqualTo(1);
  }

  @Test
  void emptyAndBlankBodiesAreUnchanged() {
    assertThat(scan("", PASSWORD).bytes()).isNull();
    assertThat(scan(" \n", PASSWORD).bytes()).isNull();
  }
}
