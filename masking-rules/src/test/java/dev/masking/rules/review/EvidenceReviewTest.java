package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * P2, P3, P6 and P7 read by a security engineer in the cloud: what no rule selects keeps its
 * bytes (the attack's own encoding is evidence), masked output keeps its syntax, a second masking
 * changes nothing, and the notes match what changed.
 */
final class EvidenceReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static AttackReport report(String contentType, String body) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/api").header("Host", "shop.example")
        .header("Content-Type", contentType).body(body).build();
    return new AttackReport("r-1", null, req, List.of(), Map.of());
  }

  private static String body(MaskedReport m) {
    return new String(m.report().request().body(), UTF_8);
  }

  private static void assertIdempotent(MaskedReport once) {
    assertThat(ReportJson.write(DEFAULT.mask(once.report()).report()))
        .isEqualTo(ReportJson.write(once.report()));
  }

  @Test
  void xmlTextWithCharacterReferencesKeepsThemAroundADetectedCard() {
    String xml = "<a><n>&#60;script&#62;alert(&#x27;x&#x27;)&#60;/script&#62; 4111111111111111"
        + " &#39;--</n></a>";
    MaskedReport m = DEFAULT.mask(report("text/xml", xml));
    assertThat(body(m)).isEqualTo("<a><n>&#60;script&#62;alert(&#x27;x&#x27;)&#60;/script&#62;"
        + " ************1111 &#39;--</n></a>");
    assertIdempotent(m);
  }

  @Test
  void xmlAttributeWithReferencesKeepsThemAroundADetectedCard() {
    String xml = "<a><m t=\"&#60;svg&#62; 4111111111111111 &#x22;\">x</m></a>";
    MaskedReport m = DEFAULT.mask(report("text/xml", xml));
    assertThat(body(m)).isEqualTo("<a><m t=\"&#60;svg&#62; ************1111 &#x22;\">x</m></a>");
    assertIdempotent(m);
  }

  @Test
  void xmlTextBetweenTwoDetectedCardsKeepsItsBytes() {
    String xml = "<k>a>b 4111111111111111 c>d 5500000000000004 e>f</k>";
    MaskedReport m = DEFAULT.mask(report("text/xml", xml));
    assertThat(body(m)).isEqualTo("<k>a>b ************1111 c>d ************0004 e>f</k>");
    assertIdempotent(m);
  }

  @Test
  void xmlCdataAfterTextKeepsItsMarkersAndPayloadWhenCardsSitInBoth() {
    String xml = "<note>card &lt;b&gt; 4111111111111111 &amp; "
        + "<![CDATA[<script>5500000000000004</script>]]></note>";
    MaskedReport m = DEFAULT.mask(report("text/xml", xml));
    assertThat(body(m)).isEqualTo("<note>card &lt;b&gt; ************1111 &amp; "
        + "<![CDATA[<script>************0004</script>]]></note>");
    assertIdempotent(m);
  }

  @Test
  void xmlCardSplitByACommentIsStillMaskedWhole() {
    String xml = "<n>x 41111111<!-- -->11111111 y</n>";
    MaskedReport m = DEFAULT.mask(report("text/xml", xml));
    assertThat(body(m).replace("<!-- -->", "")).isEqualTo("<n>x ************1111 y</n>");
    assertIdempotent(m);
  }
  @Test
  void aValueThatIsItsOwnMaskGetsNoResidualNoteAndMaskingAgainAddsNone() {
    MaskedReport once = DEFAULT.mask(report("application/json",
        "{\"pan\":\"12345678\",\"card_number\":{\"a\":\"4111111111111111\"}}"));
    assertThat(body(once))
        .isEqualTo("{\"pan\":\"****5678\",\"card_number\":\"************************\"}");
    MaskedReport twice = DEFAULT.mask(once.report());
    assertThat(ReportJson.write(twice.report())).isEqualTo(ReportJson.write(once.report()));
    // Nothing changed on the second pass: no note may claim an echo was masked.
    assertThat(twice.notes()).noneMatch(n -> n.kind() == Note.Kind.RESIDUAL);
    assertThat(twice.notes()).hasSameSizeAs(once.notes());
  }

  @Test
  void starsAlreadyInTheReportAreNotReportedAsMaskedEchoes() {
    MaskedReport m = DEFAULT.mask(report("application/json",
        "{\"card_number\":\"****\",\"q\":\"/**** union select 1\"}"));
    assertThat(body(m)).isEqualTo("{\"card_number\":\"****\",\"q\":\"/**** union select 1\"}");
    assertThat(m.notes()).noneMatch(n -> n.kind() == Note.Kind.RESIDUAL);
  }
  @Test
  void anEmailInAFormBodyWithoutContentTypeKeepsTheEncodedQuotesAroundIt() {
    // CRS 932240: a POST with no Content-Type is read as plain text (detectors) and as a form;
    // the e-mail detector took the escaped quote before the address into its local part, and the
    // nested JSON lost a quote: invalid, and masked differently a second time.
    Masker pii = Masker.of(RuleSet.builder().include(RuleSet.preset("default"))
        .include(RuleSet.preset("pii")).build());
    HttpRequest req = HttpRequest.builder().method("POST").uri("/post").header("Host", "h")
        .body("payload=%7B%22name%22:%22John%20Doe%22,%22email%22:%22johndoe@example.com%22%7D\n"
            + "&note=mail%20jane@example.org%3A%20ok").build();
    MaskedReport once = pii.mask(new AttackReport("r-1", null, req, List.of(), Map.of()));
    assertThat(body(once)).isEqualTo("payload=%7B%22name%22:%22John%20Doe%22,%22email%22:%22***%22"
        + "%7D\n&note=mail%20***%3A%20ok");
    assertThat(ReportJson.write(pii.mask(once.report()).report()))
        .isEqualTo(ReportJson.write(once.report()));
  }
  @Test
  void keepLastOnAnXmlElementWhoseTextIsSplitShowsNoPieceEnds() {
    // Each piece of a selected element's text used to be kept-last on its own: a card split by a
    // comment or a CDATA section showed the last four characters of every piece.
    String xml = "<r><cc_number>41111111<!---->11111111</cc_number>"
        + "<cc_number>4111 1111<![CDATA[ 2222 3333]]></cc_number>"
        + "<cc_number>\n  <![CDATA[5500000000000004]]>\n</cc_number></r>";
    MaskedReport m = DEFAULT.mask(report("text/xml", xml));
    assertThat(body(m)).isEqualTo("<r><cc_number>********<!---->********</cc_number>"
        + "<cc_number>*********<![CDATA[**********]]></cc_number>"
        + "<cc_number>\n  <![CDATA[************0004]]>\n</cc_number></r>");
    assertIdempotent(m);
  }

  @Test
  void aKeptValueIsNotStarredWhenMaskedAgainBesideAStarredOne() {
    // Masked again, the starred container's stars were hunted as an echo inside the card's mask,
    // merged with the card's own place and starred: a second masking hid the last four digits.
    MaskedReport m = DEFAULT.mask(report("application/json",
        "{\"card_number\":{\"a\":\"b\"},\"pan\":\"4111111111111111\"}"));
    assertThat(body(m)).isEqualTo("{\"card_number\":\"*********\",\"pan\":\"************1111\"}");
    assertIdempotent(m);
  }
  @Test
  void aPlaceholderPasswordOfStarsDoesNotRewriteOtherMasks() {
    // Forms post ******** for an unchanged password; hunted, it was found inside the card's mask
    // (************1111 became ***1111), and a second masking starred the card whole.
    for (String body : new String[] {
        "{\"password\":\"********\",\"pan\":\"4111111111111111\"}",
        "{\"password\":{\"old\":\"********\"},\"pan\":\"4111111111111111\"}"}) {
      MaskedReport m = DEFAULT.mask(report("application/json", body));
      assertThat(body(m)).endsWith("\"pan\":\"************1111\"}");
      assertIdempotent(m);
    }
  }
  @Test
  void anEchoOfAValueHoldingAQuoteOrBackslashKeepsAJsonBodyValid() {
    // The raw form of a masked value holding " or \\ matched across a string's quote or into an
    // escape, and the mask ate the quote: valid JSON in, invalid JSON out.
    String[][] cases = {
        {"{\"password\":[\"\\\"%27\"],\"data\":\"%27\"}",
            "{\"password\":\"***\",\"data\":\"***\"}"},
        {"{\"password\":\"abc\\\"\",\"x\":\"abc\"}", "{\"password\":\"***\",\"x\":\"***\"}"},
        {"{\"password\":\"abc\\\\\",\"q\":\"abc\\\"d\"}",
            "{\"password\":\"***\",\"q\":\"***d\"}"}};
    for (String[] c : cases) {
      MaskedReport m = DEFAULT.mask(report("application/json", c[0]));
      assertThat(body(m)).as(c[0]).isEqualTo(c[1]);
      assertIdempotent(m);
    }
  }
}
