package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Values that are themselves encoded documents, inspected through {@link MaskRun#inspect}. */
final class NestedLayersTest {

  static final Step GET_Q = Step.named("get", "q");

  /** Inspects {@code value} at {@code get q} and returns the run for its notes. */
  static final class Inspected {
    final MaskRun run;
    final String out;
    final int depthAfter;
    final int layersAfter;

    Inspected(MaskPolicy policy, MaskingOptions options, String value, Step... at) {
      run = new MaskRun(policy, options);
      for (Step s : at) {
        run.push(s);
      }
      out = run.inspect(value);
      depthAfter = run.depth();
      layersAfter = run.decodeLayers;
    }

    List<String> maskedPoints() {
      return run.maskedPoints().stream().map(m -> m.point().display()).toList();
    }

    boolean fellBack() {
      return run.notes().stream().anyMatch(n -> n.kind() == Note.Kind.FALLBACK);
    }
  }

  static Inspected inspect(MaskPolicy policy, String value) {
    return new Inspected(policy, MaskingOptions.defaults(), value, GET_Q);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String b64url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String unb64(String s) {
    return new String(Base64.getMimeDecoder().decode(s.replace('-', '+').replace('_', '/')),
        StandardCharsets.UTF_8);
  }

  static byte[] gzip(String s) {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bo.toByteArray();
  }

  static String gunzip(byte[] b) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final MaskPolicy PASSWORD = RecordingPolicy.names("password", "email");

  // ---- JSON --------------------------------------------------------------------------------------

  @Test
  void jsonValueWithNothingSelectedIsLeftAsIs() {
    Inspected r = inspect(PASSWORD, " {\"user\" : \"bob\", \"n\": [1, 2.5e3, true, null]} ");
    assertThat(r.out).isNull();
    assertThat(r.run.notes()).isEmpty();
  }

  @Test
  void jsonValueHasSelectedMemberMaskedAndEverythingElseKept() {
    Inspected r = inspect(PASSWORD, "{\"user\" : \"bob\",\n \"password\":\"hunter2\", \"n\":1}");
    assertThat(r.out).isEqualTo("{\"user\" : \"bob\",\n \"password\":\"***\", \"n\":1}");
    assertThat(r.maskedPoints()).containsExactly("get q > json_doc > hash password");
    assertThat(r.depthAfter).isEqualTo(1);
    assertThat(r.layersAfter).isZero();
  }

  @Test
  void invalidJsonLookingValueIsScannedLenientlyAsAnInvalidBodyIs() {
    RecordingPolicy p = RecordingPolicy.names("password");
    Inspected r = inspect(p, "{password: hunter2}");
    assertThat(r.out).isEqualTo("{password: \"***\"}");
    assertThat(r.maskedPoints()).containsExactly("get q > json_doc > hash password");
    assertThat(r.run.notes()).anyMatch(n -> n.kind() == Note.Kind.FALLBACK
        && n.reason().equals(JsonScanner.NOTE_INVALID));
    Inspected plain = inspect(p, "{user: bob}");
    assertThat(plain.out).isNull();
    assertThat(plain.run.notes()).isEmpty();
  }

  // ---- XML ---------------------------------------------------------------------------------------

  @Test
  void xmlValueHasSelectedElementAndAttributeMasked() {
    Inspected r = inspect(PASSWORD,
        "<user id=\"1\"><name>bob</name><password>hunter2</password><e email=\"a@b\"/></user>");
    assertThat(r.out).isEqualTo(
        "<user id=\"1\"><name>bob</name><password>***</password><e email=\"***\"/></user>");
    assertThat(r.maskedPoints()).contains("get q > xml > xml_tag user > xml_tag password");
  }

  @Test
  void base64SoapIsMaskedInside() {
    String soap = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"urn:s\"><s:Body>"
        + "<wsse:Password>hunter2</wsse:Password></s:Body></s:Envelope>";
    Inspected r = inspect(PASSWORD, b64(soap));
    assertThat(unb64(r.out)).isEqualTo(soap.replace("hunter2", "***"));
  }

  @Test
  void markupFragmentsTriedAsXmlLeaveNoTraceWhenNothingIsMasked() {
    for (String v : List.of("<script>alert(1)</script>", "<a href='x'>y</b>",
        "<img src=x onerror=alert(1)>", "<<>>", "<p>unclosed <b>tags</p>")) {
      Inspected r = inspect(PASSWORD, v);
      assertThat(r.out).as(v).isNull();
      assertThat(r.run.notes()).as(v).isEmpty();
    }
  }

  // ---- base64 ------------------------------------------------------------------------------------

  @Test
  void base64JsonIsMaskedInsideAndWrittenInTheSameAlphabetWithPadding() {
    String json = "{\"password\":\"hunter2\",\"note\":\"???>>>\"}";
    String value = b64(json);
    assertThat(value).contains("/").contains("+").endsWith("=");
    Inspected r = inspect(PASSWORD, value);
    assertThat(unb64(r.out)).isEqualTo("{\"password\":\"***\",\"note\":\"???>>>\"}");
    assertThat(r.out).isEqualTo(b64("{\"password\":\"***\",\"note\":\"???>>>\"}"));
    assertThat(r.maskedPoints()).containsExactly("get q > base64 > json_doc > hash password");
  }

  @Test
  void base64UrlWithoutPaddingStaysBase64UrlWithoutPadding() {
    String json = "{\"password\":\"hunter2\",\"note\":\"???>>>\",\"x\":\"ab\"}";
    String value = b64url(json);
    assertThat(value).contains("_").contains("-").doesNotEndWith("=");
    Inspected r = inspect(PASSWORD, value);
    assertThat(r.out).isEqualTo(b64url("{\"password\":\"***\",\"note\":\"???>>>\",\"x\":\"ab\"}"));
  }

  @Test
  void unpaddedStandardBase64StaysUnpadded() {
    String json = "{\"password\":\"hunter2\",\"note\":\"???\",\"x\":1}";
    String value = b64(json).replace("=", "");
    Inspected r = inspect(PASSWORD, value);
    assertThat(r.out).doesNotContain("=").doesNotContain("-").doesNotContain("_");
    assertThat(unb64(r.out)).isEqualTo("{\"password\":\"***\",\"note\":\"???\",\"x\":1}");
  }

  @Test
  void base64WithNothingSelectedInsideIsLeftAsIs() {
    Inspected r = inspect(PASSWORD, b64("{\"user\":\"bob\"}"));
    assertThat(r.out).isNull();
    assertThat(r.run.notes()).isEmpty();
  }

  @Test
  void base64FormIsMaskedInside() {
    Inspected r = inspect(PASSWORD, b64("user=bob&password=hunter2&x=1"));
    assertThat(unb64(r.out)).isEqualTo("user=bob&password=***&x=1");
    assertThat(r.maskedPoints())
        .containsExactly("get q > base64 > form_urlencoded password");
  }

  @Test
  void ruleOnTheBase64PointMasksTheDecodedValueAndReencodesIt() {
    MaskPolicy p = RecordingPolicy.point(MaskAction.redact(),
        Point.of(GET_Q, Step.of("base64")));
    Inspected r = inspect(p, b64("just some text"));
    assertThat(r.out).isEqualTo(b64("***"));
    Inspected again = inspect(p, r.out);
    assertThat(again.out).isNull();
  }

  @Test
  void wordsAndTokensThatOnlyLookLikeBase64AreLeftAlone() {
    RecordingPolicy p = RecordingPolicy.names("password");
    for (String v : List.of("abcd", "hello123", "AAAAAAAA", "8f14e45fceea167a5a36dedd4bea2543",
        "c2VjcmV0IGtleQ\u0000")) {
      assertThat(inspect(p, v).out).as(v).isNull();
    }
    assertThat(p.asked()).isEmpty();
  }

  @Test
  void base64OfPlainTextIsOnlyAskedAboutAtTheBase64Point() {
    RecordingPolicy p = RecordingPolicy.names("password");
    for (String v : List.of("Zm9vYmFy", "dGhpcyBpcyBub3Q")) {
      assertThat(inspect(p, v).out).as(v).isNull();
    }
    assertThat(p.asked()).containsExactly("get q > base64", "get q > base64");
  }

  @Test
  void base64OfBase64OfJsonIsFollowedDown() {
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(inspect(p, b64(b64("{\"password\":\"x\"}"))).out)
        .isEqualTo(b64(b64("{\"password\":\"***\"}")));
    assertThat(p.asked()).contains("get q > base64 > base64 > json_doc > hash password");
  }

  // ---- gzip --------------------------------------------------------------------------------------

  @Test
  void gzipInsideBase64IsInflatedMaskedAndGzippedAgain() {
    String value = Base64.getEncoder().encodeToString(gzip("{\"a\":1,\"password\":\"hunter2\"}"));
    Inspected r = inspect(PASSWORD, value);
    assertThat(r.out).isNotNull();
    assertThat(gunzip(Base64.getDecoder().decode(r.out))).isEqualTo("{\"a\":1,\"password\":\"***\"}");
    assertThat(r.maskedPoints()).containsExactly("get q > base64 > gzip > json_doc > hash password");
  }

  @Test
  void gzipWithNothingSelectedIsLeftAsIs() {
    String value = Base64.getEncoder().encodeToString(gzip("{\"a\":1}"));
    assertThat(inspect(PASSWORD, value).out).isNull();
  }

  @Test
  void gzipBombIsCappedAndMaskedWhole() {
    String bomb = "{\"a\":\"" + " ".repeat(20 * 1024 * 1024) + "\"}";
    String value = Base64.getEncoder().encodeToString(gzip(bomb));
    assertThat(value.length()).isLessThan(100_000);
    Inspected r = new Inspected(PASSWORD,
        MaskingOptions.builder().maxInflatedBytes(64 * 1024).build(), value, GET_Q);
    assertThat(r.out).isEqualTo("***");
    assertThat(r.run.notes()).anyMatch(n -> n.reason().equals(NestedLayers.NOTE_GZIP_LARGE));
  }

  @Test
  void gzipAtTheInflatedLimitIsStillScanned() {
    String json = "{\"password\":\"hunter2\"}";
    String value = Base64.getEncoder().encodeToString(gzip(json));
    Inspected r = new Inspected(PASSWORD,
        MaskingOptions.builder().maxInflatedBytes(json.length()).build(), value, GET_Q);
    assertThat(gunzip(Base64.getDecoder().decode(r.out))).isEqualTo("{\"password\":\"***\"}");
  }

  @Test
  void corruptGzipIsMaskedWhole() {
    byte[] gz = gzip("{\"password\":\"hunter2\",\"pad\":\"" + "x".repeat(100) + "\"}");
    byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
    Inspected r = inspect(PASSWORD, Base64.getEncoder().encodeToString(truncated));
    assertThat(r.out).isEqualTo("***");
    assertThat(r.run.notes()).anyMatch(n -> n.reason().equals(NestedLayers.NOTE_GZIP_CORRUPT));
  }

  // ---- percent -----------------------------------------------------------------------------------

  @Test
  void percentEncodedJsonKeepsUpperCaseStyle() {
    Inspected r = inspect(PASSWORD, "%7B%22a%22%3A%22x%2Fy%22%2C%22password%22%3A%22hunter2%22%7D");
    assertThat(r.out).isEqualTo("%7B%22a%22%3A%22x%2Fy%22%2C%22password%22%3A%22***%22%7D");
    assertThat(r.maskedPoints()).containsExactly("get q > percent > json_doc > hash password");
  }

  @Test
  void percentEncodedJsonKeepsLowerCaseHexAndRawCharacters() {
    Inspected r = inspect(PASSWORD, "%7b%22a%22:%22x/y%22,%22password%22:%22hunter2%22%7d");
    assertThat(r.out).isEqualTo("%7b%22a%22:%22x/y%22,%22password%22:%22***%22%7d");
  }

  @Test
  void percentEncodedJsonKeepsPlusForSpace() {
    Inspected r = inspect(PASSWORD,
        "%7B%22note%22%3A%22a+b%22%2C%22password%22%3A%22hunter+two%22%2C%22z%22%3A%22c+d%22%7D");
    assertThat(r.out).isEqualTo(
        "%7B%22note%22%3A%22a+b%22%2C%22password%22%3A%22***%22%2C%22z%22%3A%22c+d%22%7D");
  }

  @Test
  void percentEncodedFormIsMaskedInside() {
    Inspected r = inspect(PASSWORD, "a%3D1%26password%3Dhunter2%26b%3D2");
    assertThat(r.out).isEqualTo("a%3D1%26password%3D***%26b%3D2");
  }

  @Test
  void percentEncodedBase64JsonChainIsMasked() {
    String inner = b64("{\"password\":\"hunter2\",\"q\":\">>>\"}");
    String value = inner.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    Inspected r = inspect(PASSWORD, value);
    String expected = b64("{\"password\":\"***\",\"q\":\">>>\"}");
    assertThat(r.out).isEqualTo(
        expected.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"));
    assertThat(r.maskedPoints())
        .containsExactly("get q > percent > base64 > json_doc > hash password");
  }

  @Test
  void percentEncodedPlainTextIsLeftAlone() {
    assertThat(inspect(PASSWORD, "hello%20world%21").out).isNull();
  }

  // ---- form --------------------------------------------------------------------------------------

  @Test
  void formValueHasSelectedFieldMasked() {
    Inspected r = inspect(PASSWORD, "a=1&password=hunter%202&b=x+y");
    assertThat(r.out).isEqualTo("a=1&password=***&b=x+y");
    assertThat(r.maskedPoints()).containsExactly("get q > form_urlencoded password");
  }

  @Test
  void formValueWithNothingSelectedIsLeftAsIs() {
    assertThat(inspect(PASSWORD, "a=1&b=2&flag").out).isNull();
  }

  @Test
  void textWithAnEqualsSignThatIsNotAFormIsNotReadAsOne() {
    RecordingPolicy p = RecordingPolicy.names("password");
    for (String v : List.of("x == y", "SELECT * FROM t WHERE password = 'x'", "a=b\nc=d",
        "=5", "1 + 1 = 2")) {
      assertThat(inspect(p, v).out).as(v).isNull();
    }
    assertThat(p.asked()).isEmpty();
  }

  // ---- JWT ---------------------------------------------------------------------------------------

  static final String JWT_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  @Test
  void jwtPayloadMemberIsMaskedAndHeaderPrefixAndSignatureKept() {
    String payload = "{\"sub\":\"42\",\"email\":\"bob@example.com\",\"n\":\"??>\"}";
    String value = "Bearer " + b64url(JWT_HEADER) + "." + b64url(payload) + ".c2lnbmF0dXJl_-x";
    Inspected r = new Inspected(PASSWORD, MaskingOptions.defaults(), value,
        Step.named("header", "Authorization"));
    assertThat(r.out).isEqualTo("Bearer " + b64url(JWT_HEADER) + "."
        + b64url("{\"sub\":\"42\",\"email\":\"***\",\"n\":\"??>\"}") + ".c2lnbmF0dXJl_-x");
    assertThat(r.maskedPoints()).containsExactly(
        "header AUTHORIZATION > jwt jwt_payload > base64 > json_doc > hash email");
  }

  @Test
  void jwtRuleByWallarmPointMatches() {
    Point point = Point.of(Step.named("header", "AUTHORIZATION"), Step.named("jwt", "jwt_payload"),
        Step.of("base64"), Step.of("json_doc"), Step.named("hash", "sub"));
    MaskPolicy p = RecordingPolicy.point(MaskAction.redact(), point);
    String value = b64url(JWT_HEADER) + "." + b64url("{\"sub\":\"42\"}") + ".sig";
    Inspected r = new Inspected(p, MaskingOptions.defaults(), value,
        Step.named("header", "authorization"));
    assertThat(r.out).isEqualTo(b64url(JWT_HEADER) + "." + b64url("{\"sub\":\"***\"}") + ".sig");
  }

  @Test
  void selectedJwtSegmentIsReplacedByTheMask() {
    MaskPolicy p = RecordingPolicy.point(MaskAction.redact(),
        Point.of(GET_Q, Step.named("jwt", "jwt_payload")));
    String value = b64url(JWT_HEADER) + "." + b64url("{\"sub\":\"42\"}") + ".sig";
    Inspected r = inspect(p, value);
    assertThat(r.out).isEqualTo(b64url(JWT_HEADER) + ".***.sig");
    assertThat(inspect(p, r.out).out).isNull();
  }

  @Test
  void jwtWithNothingSelectedIsLeftAsIsAndEveryLevelIsAsked() {
    RecordingPolicy p = RecordingPolicy.names("password");
    String value = "Bearer " + b64url(JWT_HEADER) + "." + b64url("{\"sub\":\"42\"}") + ".sig";
    assertThat(inspect(p, value).out).isNull();
    assertThat(p.asked()).containsExactly(
        "get q > jwt jwt_prefix",
        "get q > jwt jwt_header", "get q > jwt jwt_header > base64",
        "get q > jwt jwt_header > base64 > json_doc",
        "get q > jwt jwt_header > base64 > json_doc > hash alg",
        "get q > jwt jwt_header > base64 > json_doc > hash typ",
        "get q > jwt jwt_payload", "get q > jwt jwt_payload > base64",
        "get q > jwt jwt_payload > base64 > json_doc",
        "get q > jwt jwt_payload > base64 > json_doc > hash sub");
  }

  @Test
  void dottedTextIsNotAJwt() {
    RecordingPolicy p = RecordingPolicy.names("password");
    for (String v : List.of("www.example.com", "1.2.3", "abc.def.ghi", "a.b.c.d")) {
      assertThat(inspect(p, v).out).as(v).isNull();
    }
    assertThat(p.asked()).isEmpty();
  }

  // ---- layers ------------------------------------------------------------------------------------

  static MaskingOptions layers(int n) {
    return MaskingOptions.builder().maxDecodeLayers(n).build();
  }

  @Test
  void chainAtTheLayerLimitIsDecoded() {
    String value = b64("{\"password\":\"hunter2\"}"); // base64 + json_doc: two layers
    Inspected r = new Inspected(PASSWORD, layers(2), value, GET_Q);
    assertThat(unb64(r.out)).isEqualTo("{\"password\":\"***\"}");
    assertThat(r.fellBack()).isFalse();
  }

  @Test
  void chainPastTheLayerLimitIsMaskedWholeWithANote() {
    String value = b64("{\"user\":\"bob\"}");
    Inspected r = new Inspected(PASSWORD, layers(1), value, GET_Q);
    assertThat(r.out).isEqualTo("***");
    assertThat(r.run.notes()).anyMatch(n -> n.kind() == Note.Kind.FALLBACK
        && n.reason().equals(NestedLayers.NOTE_LIMIT)
        && n.point().display().equals("get q"));
    assertThat(r.depthAfter).isEqualTo(1);
    assertThat(r.layersAfter).isZero();
  }

  @Test
  void threeLayerChainFitsTheDefaultAndNotTwo() {
    String value = pct(b64("{\"password\":\"x\",\"q\":\"?>\"}")); // percent > base64 > json_doc
    assertThat(value).contains("%3D");
    Inspected ok = inspect(PASSWORD, value);
    assertThat(ok.out).isEqualTo(pct(b64("{\"password\":\"***\",\"q\":\"?>\"}")));
    Inspected past = new Inspected(PASSWORD, layers(2), value, GET_Q);
    assertThat(past.out).isEqualTo("***");
    assertThat(past.fellBack()).isTrue();
  }

  static String pct(String s) {
    return s.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
  }

  @Test
  void plainTextPastTheLayerLimitIsLeftAlone() {
    Inspected r = new Inspected(PASSWORD, layers(1), b64("just words here"), GET_Q);
    assertThat(r.out).isNull();
    assertThat(r.run.notes()).isEmpty();
  }

  @Test
  void zeroLayersRegistersNoInspector() {
    MaskRun run = new MaskRun(PASSWORD, layers(0));
    assertThat(run.inspectsValues()).isFalse();
  }

  @Test
  void layerCountCarriesAcrossNestedInspectCalls() {
    MaskRun run = new MaskRun(PASSWORD, layers(1));
    run.push(GET_Q);
    run.decodeLayers = 1; // as if inside one layer already
    assertThat(run.inspect("{\"a\":1}")).isEqualTo("***");
    assertThat(run.decodeLayers).isEqualTo(1);
  }

  // ---- idempotence and actions -------------------------------------------------------------------

  @Test
  void maskingTheOutputAgainChangesNothing() {
    String jwt = b64url(JWT_HEADER) + "." + b64url("{\"email\":\"e@x\"}") + ".s";
    for (String v : List.of(b64("{\"password\":\"hunter2\",\"q\":\">>>\"}"),
        b64url("{\"password\":\"hunter2\"}"),
        Base64.getEncoder().encodeToString(gzip("{\"password\":\"hunter2\"}")),
        "%7b%22password%22:%22hunter2%22%7d", "a=1&password=x", jwt,
        pct(b64("user=a&password=b")))) {
      String once = inspect(PASSWORD, v).out;
      assertThat(once).as(v).isNotNull();
      assertThat(inspect(PASSWORD, once).out).as(v).isNull();
    }
  }

  @Test
  void removeInsideANestedDocumentKeepsItValid() {
    MaskPolicy p = RecordingPolicy.names(new MaskAction.Remove(), "password");
    Inspected r = inspect(p, b64("{\"a\":1,\"password\":\"x\",\"b\":2}"));
    assertThat(unb64(r.out)).isEqualTo("{\"a\":1,\"b\":2}");
  }

  @Test
  void keepLastActionAppliesInsideLayers() {
    MaskPolicy p = f -> "password".equals(f.name()) ? new Decision(new MaskAction.KeepLast(2), "k")
        : null;
    Inspected r = inspect(p, "a=1&password=hunter2");
    assertThat(r.out).isEqualTo("a=1&password=*****r2");
  }

  @Test
  void everyLayerShapePassesTheFirstCheck() {
    for (String v : List.of("eyJhIjoxfQ", "e30=", b64("{\"a\":\"??>\"}"), "a=1", "flag&a=1",
        " {\"a\":1}", "[1]", "<a/>", "%7B%7D", "x%3d1", "Bearer eyJh.eyJh.sig", "eyJh.eyJh.",
        Base64.getEncoder().encodeToString(gzip("{}")), b64url("{\"k\":\"\u00e9??>\"}"),
        "https://example.com/a?b=c", "/cb#access_token=x")) { // a URL's query is read as a form
      assertThat(NestedLayers.promising(v)).as(v).isTrue();
    }
  }

  @Test
  void ordinaryValuesCostNoAllocationPastTheFirstCheck() {
    for (String v : List.of("bob", "hello world", "42", "1.5", "user@example.com", "x",
        "hello", "username", "Administrator", "sqlmap", "https://example.com/a?b",
        "Lorem ipsum 50%", "abcd1234efgh", "beta-tester", "active", "' OR 1=1--")) {
      assertThat(NestedLayers.promising(v)).as(v).isFalse();
    }
  }
}
