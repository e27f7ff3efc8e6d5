package dev.masking.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.internal.Utf8;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ReportJsonTest {

  private static final String CANARY = "hunter2canary";

  private static final String DESIGN_EXAMPLE = """
      {"id": "r-1",
       "request": {"method": "POST", "uri": "/login?next=%2Fhome", "protocol": "HTTP/1.1",
                   "headers": [["Host", "shop.example"], ["Content-Type", "application/x-www-form-urlencoded"]],
                   "body": "user=bob&password=hunter2"},
       "attacks": [{"type": "sqli", "point": ["post", "form_urlencoded", "password"], "payload": "' OR 1=1--"}]}
      """;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** read, write, read again: equal reports, and the writer is stable on its own output. */
  private static AttackReport assertRoundTrip(String json) {
    AttackReport first = ReportJson.read(json);
    byte[] written = ReportJson.write(first);
    AttackReport second = ReportJson.read(written);
    assertThat(second).isEqualTo(first);
    assertThat(second.request().bodyUnsafe()).isEqualTo(first.request().bodyUnsafe());
    assertThat(second.request().headers().asList()).isEqualTo(first.request().headers().asList());
    assertThat(ReportJson.write(second)).isEqualTo(written);
    assertThat(written).doesNotContain((byte) '\n');
    return first;
  }

  @Test
  void readsTheDesignExample() {
    AttackReport r = ReportJson.read(DESIGN_EXAMPLE);

    assertThat(r.id()).isEqualTo("r-1");
    assertThat(r.instance()).isNull();
    HttpRequest q = r.request();
    assertThat(q.method()).isEqualTo("POST");
    assertThat(q.uri()).isEqualTo("/login?next=%2Fhome");
    assertThat(q.protocol()).isEqualTo("HTTP/1.1");
    assertThat(q.headers().asList()).containsExactly(
        new Header("Host", "shop.example"),
        new Header("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(text(q.body())).isEqualTo("user=bob&password=hunter2");
    assertThat(q.bodyTransport()).isEqualTo(HttpRequest.BodyTransport.TEXT);
    assertThat(r.attacks()).hasSize(1);
    Attack a = r.attacks().get(0);
    assertThat(a.type()).isEqualTo("sqli");
    assertThat(a.payload()).isEqualTo("' OR 1=1--");
    assertThat(a.point()).isEqualTo(Point.of(Step.of("post"),
        Step.named("form_urlencoded", "password")));
    assertThat(a.rawPoint().toString()).isEqualTo("[\"post\",\"form_urlencoded\",\"password\"]");
  }

  @Test
  void writesOneLineInTheDocumentedMemberOrder() {
    String in = """
        {"z":1,"attacks":[{"payload":"p","x":true,"point":["get","q"],"type":"xss"}],
         "request":{"body":"b","extra":[1],"headers":[["A","1"]],"protocol":"HTTP/1.0",
                    "uri":"/u","method":"GET"},
         "instance":7,"id":"i","a":null}
        """;

    String out = text(ReportJson.write(ReportJson.read(in)));

    assertThat(out).isEqualTo("{\"id\":\"i\",\"instance\":\"7\",\"request\":{\"method\":\"GET\","
        + "\"uri\":\"/u\",\"protocol\":\"HTTP/1.0\",\"headers\":[[\"A\",\"1\"]],\"body\":\"b\","
        + "\"extra\":[1]},\"attacks\":[{\"type\":\"xss\",\"point\":[\"get\",\"q\"],"
        + "\"payload\":\"p\",\"x\":true}],\"z\":1,\"a\":null}");
  }

  @Test
  void roundTripKeepsEveryPart() {
    assertRoundTrip(DESIGN_EXAMPLE);
    assertRoundTrip("{\"request\":{}}");
    assertRoundTrip("{\"id\":12.50,\"instance\":\"app\",\"request\":{\"method\":\"\",\"uri\":\"\","
        + "\"headers\":[],\"body_base64\":\"\"},\"attacks\":[]}");
    assertRoundTrip("{\"request\":{\"uri\":\"/\\u0000\\\"\\\\\\n\\r\\t\\b\\f\\u001f\\u007f\","
        + "\"headers\":[[\"X\",\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"]]}}");
  }

  @Test
  void headersKeepOrderCaseAndDuplicates() {
    String in = "{\"request\":{\"headers\":[[\"cookie\",\"a=1\"],[\"Host\",\"h\"],"
        + "[\"COOKIE\",\"b=2\"],[\"cookie\",\"a=1\"],[\"X-Empty\",\"\"]]}}";

    AttackReport r = assertRoundTrip(in);

    assertThat(r.request().headers().asList()).containsExactly(
        new Header("cookie", "a=1"), new Header("Host", "h"), new Header("COOKIE", "b=2"),
        new Header("cookie", "a=1"), new Header("X-Empty", ""));
    assertThat(text(ReportJson.write(r))).contains("\"headers\":[[\"cookie\",\"a=1\"],"
        + "[\"Host\",\"h\"],[\"COOKIE\",\"b=2\"],[\"cookie\",\"a=1\"],[\"X-Empty\",\"\"]]");
  }

  @Test
  void textBodyStaysTextAndBase64BodyStaysBase64() {
    AttackReport text = assertRoundTrip("{\"request\":{\"body\":\"a=1&b=\\u00e9\"}}");
    AttackReport b64 = assertRoundTrip("{\"request\":{\"body_base64\":\"YT0x\"}}");

    assertThat(text.request().body()).isEqualTo("a=1&b=\u00e9".getBytes(StandardCharsets.UTF_8));
    assertThat(text(ReportJson.write(text))).contains("\"body\":\"a=1&b=\u00e9\"");
    assertThat(b64.request().body()).isEqualTo(utf8("a=1"));
    assertThat(b64.request().bodyTransport()).isEqualTo(HttpRequest.BodyTransport.BASE64);
    assertThat(text(ReportJson.write(b64))).contains("\"body_base64\":\"YT0x\"")
        .doesNotContain("\"body\":");
  }

  @Test
  void nonUtf8BodyIsWrittenAsBase64WhateverItsTransport() {
    byte[] body = {'a', (byte) 0xFF, (byte) 0xC0, (byte) 0xAE, (byte) 0xED, (byte) 0xA0,
        (byte) 0x80, 0};
    HttpRequest q = HttpRequest.builder().method("POST").uri("/").body(body)
        .bodyTransport(HttpRequest.BodyTransport.TEXT).build();

    byte[] out = ReportJson.write(AttackReport.of(q));
    AttackReport back = ReportJson.read(out);

    assertThat(text(out)).contains("\"body_base64\":").doesNotContain("\"body\":");
    assertThat(back.request().body()).isEqualTo(body);
    assertThat(back.request().bodyTransport()).isEqualTo(HttpRequest.BodyTransport.BASE64);
  }

  @Test
  void validUtf8BodyBytesAreCopiedExactly() {
    byte[] body = "{\"k\":\"\u00e9\u20ac\uD83D\uDE00\",\"n\":\"\\n\"}\u0000\u007f"
        .getBytes(StandardCharsets.UTF_8);
    HttpRequest q = HttpRequest.builder().body(body).build();

    AttackReport back = ReportJson.read(ReportJson.write(AttackReport.of(q)));

    assertThat(back.request().body()).isEqualTo(body);
    assertThat(back.request().bodyTransport()).isEqualTo(HttpRequest.BodyTransport.TEXT);
  }

  @Test
  void loneSurrogatesInStringsAreEscapedAndSurvive() {
    AttackReport r = assertRoundTrip(
        "{\"request\":{\"headers\":[[\"X\",\"a\\ud800b\\udc00\"]]},\"e\":\"\\udfff\"}");

    assertThat(r.request().headers().get(0).value()).isEqualTo("a\ud800b\udc00");
    assertThat(text(ReportJson.write(r))).contains("a\\ud800b\\udc00").contains("\\udfff");
  }

  @Test
  void unknownMembersAtEveryLevelAreCarriedThroughInOrder() {
    String in = "{\"z\":{\"b\":1,\"a\":[true,null,\"s\"]},\"request\":{\"q2\":2,\"q1\":{\"y\":1},"
        + "\"method\":\"GET\"},\"m\":\"x\",\"attacks\":[{\"w\":1,\"type\":\"xss\",\"v\":[2]}],"
        + "\"a\":-0.0}";

    AttackReport r = assertRoundTrip(in);

    assertThat(r.extra().keySet()).containsExactly("z", "m", "a");
    assertThat(r.requestExtra().keySet()).containsExactly("q2", "q1");
    assertThat(r.attacks().get(0).extra().keySet()).containsExactly("w", "v");
    assertThat(text(ReportJson.write(r))).isEqualTo("{\"request\":{\"method\":\"GET\","
        + "\"uri\":\"\",\"headers\":[],\"q2\":2,\"q1\":{\"y\":1}},"
        + "\"attacks\":[{\"type\":\"xss\",\"w\":1,\"v\":[2]}],"
        + "\"z\":{\"b\":1,\"a\":[true,null,\"s\"]},\"m\":\"x\",\"a\":0.0}");
  }

  @Test
  void numbersInCarriedMembersKeepTheirDigits() {
    String in = "{\"request\":{},\"a\":1.50,\"b\":1e400,\"c\":123456789012345678901234567890,"
        + "\"d\":-7,\"e\":0.1}";

    AttackReport r = assertRoundTrip(in);

    assertThat(text(ReportJson.write(r))).endsWith(
        "\"a\":1.50,\"b\":1E+400,\"c\":123456789012345678901234567890,\"d\":-7,\"e\":0.1}");
  }

  @Test
  void idAndInstanceNumbersAreKeptAsText() {
    AttackReport r = ReportJson.read("{\"id\":1.50,\"instance\":42,\"request\":{}}");

    assertThat(r.id()).isEqualTo("1.50");
    assertThat(r.instance()).isEqualTo("42");
  }

  @Test
  void aReportWithoutABodyIsWrittenWithoutOneAndAnEmptyBodyStaysEmpty() {
    String none = "{\"request\":{\"method\":\"GET\",\"uri\":\"/\",\"headers\":[]},\"attacks\":[]}";
    String empty = "{\"request\":{\"method\":\"GET\",\"uri\":\"/\",\"headers\":[],\"body\":\"\"},"
        + "\"attacks\":[]}";

    assertThat(text(ReportJson.write(ReportJson.read(none)))).isEqualTo(none);
    assertThat(text(ReportJson.write(ReportJson.read(empty)))).isEqualTo(empty);
  }

  @Test
  void missingAndNullMembersTakeDefaults() {
    AttackReport r = ReportJson.read("{\"id\":null,\"request\":{\"method\":null,\"protocol\":null,"
        + "\"headers\":null,\"body\":null},\"attacks\":null}");

    assertThat(r.id()).isNull();
    assertThat(r.request().method()).isEmpty();
    assertThat(r.request().uri()).isEmpty();
    assertThat(r.request().protocol()).isNull();
    assertThat(r.request().headers().size()).isZero();
    assertThat(r.request().bodyLength()).isZero();
    assertThat(r.attacks()).isEmpty();
    assertThat(text(ReportJson.write(r))).isEqualTo(
        "{\"request\":{\"method\":\"\",\"uri\":\"\",\"headers\":[]},\"attacks\":[]}");
  }

  @Test
  void flatAndNestedPointsParseToTheSamePointAndAreWrittenAsCarried() {
    String in = "{\"request\":{},\"attacks\":["
        + "{\"point\":[\"post\",\"json_doc\",\"hash\",\"password\"]},"
        + "{\"point\":[[\"post\"],[\"json_doc\"],[\"hash\",\"password\"]]},"
        + "{\"point\":[\"header\",\"authorization\"]}]}";

    AttackReport r = assertRoundTrip(in);

    Point expected = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "password"));
    assertThat(r.attacks().get(0).point()).isEqualTo(expected);
    assertThat(r.attacks().get(1).point()).isEqualTo(expected);
    assertThat(text(ReportJson.write(r))).contains(
        "{\"point\":[\"post\",\"json_doc\",\"hash\",\"password\"]}",
        "{\"point\":[[\"post\"],[\"json_doc\"],[\"hash\",\"password\"]]}",
        "{\"point\":[\"header\",\"authorization\"]}");
  }

  @Test
  void unparseablePointIsKeptRawWithNoParsedPoint() {
    String in = "{\"request\":{},\"attacks\":[{\"point\":[\"hsah\",\"x\"]},{\"point\":\"post\"},"
        + "{\"point\":{\"a\":[1]}},{\"point\":[]},{\"point\":[\"hash\"]}]}";

    AttackReport r = assertRoundTrip(in);

    assertThat(r.attacks()).hasSize(5).allSatisfy(a -> {
      assertThat(a.point()).isNull();
      assertThat(a.rawPoint()).isNotNull();
    });
    assertThat(text(ReportJson.write(r))).contains("[{\"point\":[\"hsah\",\"x\"]},"
        + "{\"point\":\"post\"},{\"point\":{\"a\":[1]}},{\"point\":[]},{\"point\":[\"hash\"]}]");
  }

  @Test
  void parsedPointWithoutRawIsWrittenInFlatForm() {
    Point p = Point.of(Step.named("header", "authorization"), Step.indexed("array", 2));
    AttackReport r = new AttackReport(null, null, HttpRequest.builder().build(),
        List.of(Attack.of(null, p, null), Attack.of("xss", null, null)), Map.of());

    String out = text(ReportJson.write(r));

    assertThat(out).contains("\"attacks\":[{\"point\":[\"header\",\"AUTHORIZATION\",\"array\",2]},"
        + "{\"type\":\"xss\"}]");
    assertThat(ReportJson.read(out).attacks().get(0).point()).isEqualTo(p);
  }

  @Test
  void lastOfDuplicateMembersWins() {
    AttackReport r = ReportJson.read("{\"id\":\"a\",\"x\":1,\"request\":{\"method\":\"GET\"},"
        + "\"id\":\"b\",\"x\":2,\"request\":{\"method\":\"PUT\",\"method\":\"POST\"}}");

    assertThat(r.id()).isEqualTo("b");
    assertThat(r.request().method()).isEqualTo("POST");
    assertThat(r.extra().get("x").intValue()).isEqualTo(2);
  }

  @Test
  void explainAddsNotesLastAndReplacesAnyCarriedMaskingMember() {
    AttackReport r = ReportJson.read("{\"request\":{},\"masking\":\"old " + CANARY + "\",\"k\":1}");
    Note note = new Note(Note.Kind.MASKED, Point.of(Step.named("get", "token")), "rule-1",
        "redact", "");
    MaskedReport m = new MaskedReport(r, List.of(note));

    String explained = text(ReportJson.write(m, true));
    String plain = text(ReportJson.write(m, false));

    assertThat(explained).endsWith(
        "\"k\":1,\"masking\":{\"notes\":[\"MASKED get token by rule-1 (redact)\"]}}")
        .doesNotContain(CANARY);
    assertThat(plain).contains("\"masking\":\"old " + CANARY + "\"").doesNotContain("notes");
  }

  @Test
  void carriedMembersNamedLikeWrittenMembersAreNotWritten() {
    ObjectNode evil = JsonNodeFactory.instance.objectNode().put("uri", "/" + CANARY);
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    extra.put("request", evil);
    extra.put("id", JsonNodeFactory.instance.textNode(CANARY));
    extra.put("keep", JsonNodeFactory.instance.numberNode(1));
    Map<String, JsonNode> requestExtra = Map.of("body", JsonNodeFactory.instance.textNode(CANARY));
    Attack a = new Attack("xss", null, null, "p",
        Map.of("payload", JsonNodeFactory.instance.textNode(CANARY)));
    AttackReport r = new AttackReport("1", null, HttpRequest.builder().uri("/masked").build(),
        List.of(a), extra, requestExtra);

    String out = text(ReportJson.write(r));

    assertThat(out).doesNotContain(CANARY).contains("\"keep\":1");
    assertThat(ReportJson.read(out).request().uri()).isEqualTo("/masked");
  }

  @Test
  void utf8ByteOrderMarkIsAccepted() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] doc = utf8("{\"id\":\"b\",\"request\":{}}");
    byte[] in = new byte[bom.length + doc.length];
    System.arraycopy(bom, 0, in, 0, bom.length);
    System.arraycopy(doc, 0, in, bom.length, doc.length);

    assertThat(ReportJson.read(in).id()).isEqualTo("b");
  }

  @Test
  void readsStringAndBytesAlike() {
    assertThat(ReportJson.read(DESIGN_EXAMPLE)).isEqualTo(ReportJson.read(utf8(DESIGN_EXAMPLE)));
  }

  @Test
  void deepCarriedMemberAtTheLimitRoundTripsOnASmallStack() {
    // The report object is one level, so the member may nest one less than the limit.
    int depth = ReportJson.MAX_NESTING_DEPTH - 1;
    String deep = "[".repeat(depth) + "]".repeat(depth);
    String in = "{\"request\":{},\"deep\":" + deep + "}";

    // Compared as bytes: JsonNode.equals recurses, and this test runs with -Xss512k.
    byte[] once = ReportJson.write(ReportJson.read(in));
    byte[] twice = ReportJson.write(ReportJson.read(once));

    assertThat(text(once)).isEqualTo("{\"request\":{\"method\":\"\",\"uri\":\"\",\"headers\":[]"
        + "},\"attacks\":[],\"deep\":" + deep + "}");
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void nestingBeyondTheLimitIsAFormatError() {
    int depth = ReportJson.MAX_NESTING_DEPTH + 1;
    String in = "{\"request\":{},\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

    ReportFormatException e =
        catchThrowableOfType(ReportFormatException.class, () -> ReportJson.read(in));

    assertThat(e.reason()).isEqualTo("input exceeds a size or nesting limit");
  }

  @Test
  void tooLongNumberIsAFormatError() {
    String in = "{\"request\":{},\"n\":" + "9".repeat(ReportJson.MAX_NUMBER_LENGTH + 1) + "}";

    assertThatThrownBy(() -> ReportJson.read(in)).isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith("input exceeds a size or nesting limit");
  }

  @Test
  void syntaxErrorReportsLineAndColumn() {
    ReportFormatException e = catchThrowableOfType(ReportFormatException.class,
        () -> ReportJson.read("{\"request\":{},\n  \"x\": tru }"));

    assertThat(e.reason()).isEqualTo("input is not valid JSON");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isPositive();
    assertThat(e.getMessage()).contains("line 2, column ");
  }

  @Test
  void structuralErrorsNameTheMemberAndPosition() {
    ReportFormatException e = catchThrowableOfType(ReportFormatException.class,
        () -> ReportJson.read("{\"request\":{\"headers\":[[\"a\",\"b\"],[\"c\"]]}}"));

    assertThat(e.reason()).isEqualTo("each header must be a [name, value] pair of strings");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isPositive();
  }

  @Test
  void errorMessagesNeverHoldInputText() {
    List<byte[]> bad = new ArrayList<>();
    for (String s : List.of(
        "{\"request\": " + CANARY + "}",
        CANARY,
        "\"" + CANARY + "\"",
        "[\"" + CANARY + "\"]",
        "{\"id\":\"" + CANARY + "\"}",
        "{\"request\":\"" + CANARY + "\"}",
        "{\"request\":{\"method\":[\"" + CANARY + "\"]}}",
        "{\"request\":{\"headers\":[[\"" + CANARY + "\"]]}}",
        "{\"request\":{\"headers\":[[\"" + CANARY + "\", 1]]}}",
        "{\"request\":{\"headers\":[[\"a\",\"" + CANARY + "\",\"c\"]]}}",
        "{\"request\":{\"headers\":{\"" + CANARY + "\":\"v\"}}}",
        "{\"request\":{\"body_base64\":\"" + CANARY + "!!\"}}",
        "{\"request\":{\"body\":\"" + CANARY + "\",\"body_base64\":\"aGk=\"}}",
        "{\"request\":{}} " + CANARY,
        "{\"request\":{}}{\"" + CANARY + "\":1}",
        "{\"request\":{\"method\":\"" + CANARY,
        "{\"request\":{}, \"" + CANARY + "\": tru}",
        "{\"request\":{}, \"x\": \"" + CANARY + "\u0001\"}",
        "{\"request\":{}, \"x\": '" + CANARY + "'}",
        "{\"request\":{}, " + CANARY + ": 1}",
        "{\"request\":{}, \"x\": 1" + CANARY + "}",
        "{\"request\":{}, \"x\": NaN, \"y\":\"" + CANARY + "\"}",
        "{\"request\":{},\"attacks\":[\"" + CANARY + "\"]}",
        "{\"request\":{},\"attacks\":[{\"type\":{\"" + CANARY + "\":1}}]}",
        "{\"request\":{},\"attacks\":[{\"payload\":[\"" + CANARY + "\"]}]}",
        "{\"request\":{},\"x\":\"" + CANARY + "\\q\"}",
        "{\"request\":{},\"x\":\"" + CANARY + "\\ud8\"}",
        "{\"request\":{},\"x\":" + "[".repeat(2000) + "\"" + CANARY + "\"")) {
      bad.add(utf8(s));
    }
    bad.add(concat(utf8("{\"request\":{\"body\":\"" + CANARY), new byte[] {(byte) 0xFF, '"', '}',
        '}'}));
    bad.add(concat(utf8("{\"request\":{\"body\":\"" + CANARY), new byte[] {(byte) 0xC3}));
    bad.add(concat(new byte[] {0, 0, 0, '{'}, utf8(CANARY)));

    for (byte[] input : bad) {
      ReportFormatException e = catchThrowableOfType(ReportFormatException.class,
          () -> ReportJson.read(input));
      assertThat(e).as(text(input)).isNotNull();
      assertThat(e.getMessage()).as(text(input)).doesNotContain(CANARY).doesNotContain("hunter2");
      assertThat(e.getCause()).isNull();
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain(CANARY);
      if (Utf8.isValid(input)) { // as a String, invalid bytes would become U+FFFD: valid JSON
        ReportFormatException viaString = catchThrowableOfType(ReportFormatException.class,
            () -> ReportJson.read(new String(input, StandardCharsets.UTF_8)));
        assertThat(viaString).as(text(input)).isNotNull();
        assertThat(viaString.getMessage()).doesNotContain(CANARY);
      }
    }
  }

  @Test
  void emptyInputIsAFormatError() {
    assertThatThrownBy(() -> ReportJson.read(new byte[0]))
        .isInstanceOf(ReportFormatException.class).hasMessage("input is empty");
    assertThatThrownBy(() -> ReportJson.read("  \n"))
        .isInstanceOf(ReportFormatException.class).hasMessage("input is empty");
  }

  @Test
  void missingRequestIsAFormatError() {
    assertThatThrownBy(() -> ReportJson.read("{\"id\":\"1\"}"))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("a report needs a 'request' object");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
