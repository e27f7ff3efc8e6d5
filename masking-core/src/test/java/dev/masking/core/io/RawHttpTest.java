package dev.masking.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class RawHttpTest {

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static final String REQUEST = "POST /login?next=%2Fhome HTTP/1.1\r\n"
      + "Host: shop.example\r\n"
      + "cookie: a=1\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\n"
      + "COOKIE: b=2\r\n"
      + "cookie: a=1\r\n"
      + "X-Trailing: v \t\r\n"
      + "X-Empty: \r\n"
      + "\r\n"
      + "user=bob&password=hunter2\r\n\r\nmore";

  @Test
  void parsesRequestLineHeadersAndBody() {
    HttpRequest r = RawHttp.parse(latin1(REQUEST));

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.uri()).isEqualTo("/login?next=%2Fhome");
    assertThat(r.protocol()).isEqualTo("HTTP/1.1");
    assertThat(r.headers().asList()).containsExactly(
        new Header("Host", "shop.example"), new Header("cookie", "a=1"),
        new Header("Content-Type", "application/x-www-form-urlencoded"),
        new Header("COOKIE", "b=2"), new Header("cookie", "a=1"),
        new Header("X-Trailing", "v \t"), new Header("X-Empty", ""));
    assertThat(r.body()).isEqualTo(latin1("user=bob&password=hunter2\r\n\r\nmore"));
  }

  @Test
  void crlfRequestRoundTripsByteForByte() {
    byte[] raw = latin1(REQUEST);

    RawHttp.Parsed p = RawHttp.parseWithStyle(raw);

    assertThat(p.lineEnding()).isEqualTo(RawHttp.CRLF);
    assertThat(RawHttp.write(p.request(), p.lineEnding())).isEqualTo(raw);
    assertThat(RawHttp.write(p.request())).isEqualTo(raw);
  }

  @Test
  void lfRequestRoundTripsByteForByte() {
    byte[] raw = latin1(REQUEST.replace("\r\n", "\n"));

    RawHttp.Parsed p = RawHttp.parseWithStyle(raw);

    assertThat(p.lineEnding()).isEqualTo(RawHttp.LF);
    assertThat(p.request().headers().size()).isEqualTo(7);
    assertThat(RawHttp.write(p.request(), p.lineEnding())).isEqualTo(raw);
  }

  @Test
  void everyByteValueSurvivesInHeadersAndBody() {
    StringBuilder value = new StringBuilder();
    for (int c = 0x21; c <= 0xFF; c++) {
      value.append((char) c);
    }
    byte[] body = new byte[256];
    for (int i = 0; i < 256; i++) {
      body[i] = (byte) i;
    }
    byte[] head = latin1("GET /\u00e9\u00ff HTTP/1.1\r\nX-All: " + value + "\r\n\r\n");
    byte[] raw = new byte[head.length + body.length];
    System.arraycopy(head, 0, raw, 0, head.length);
    System.arraycopy(body, 0, raw, head.length, body.length);

    HttpRequest r = RawHttp.parse(raw);

    assertThat(r.headers().get(0).value()).isEqualTo(value.toString());
    assertThat(r.uri()).isEqualTo("/\u00e9\u00ff");
    assertThat(r.body()).isEqualTo(body);
    assertThat(RawHttp.write(r)).isEqualTo(raw);
  }

  @Test
  void requestLineSeparatedByTabsIsReadAndWrittenBackWithSpaces() {
    byte[] raw = latin1("GET\t/a?token=x\tHTTP/1.1\r\nHost: h\r\n\r\n");
    assertThat(RawHttp.looksLikeHttp(raw)).isTrue();
    HttpRequest r = RawHttp.parse(raw);

    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.uri()).isEqualTo("/a?token=x");
    assertThat(r.protocol()).isEqualTo("HTTP/1.1");
    assertThat(r.headers().asList()).containsExactly(new Header("Host", "h"));
    assertThat(RawHttp.write(r, RawHttp.CRLF))
        .isEqualTo(latin1("GET /a?token=x HTTP/1.1\r\nHost: h\r\n\r\n"));
  }

  @Test
  void missingProtocolIsTolerated() {
    HttpRequest r = RawHttp.parse(latin1("GET /index.html\r\nHost: a\r\n\r\n"));
    HttpRequest lineOnly = RawHttp.parse(latin1("GET /x"));

    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.uri()).isEqualTo("/index.html");
    assertThat(r.protocol()).isNull();
    assertThat(RawHttp.write(r)).isEqualTo(latin1("GET /index.html\r\nHost: a\r\n\r\n"));
    assertThat(lineOnly.uri()).isEqualTo("/x");
    assertThat(lineOnly.protocol()).isNull();
    assertThat(lineOnly.headers().size()).isZero();
  }

  @Test
  void uriWithSpacesIsKeptWhole() {
    byte[] raw = latin1("GET /a b?q=1 2  HTTP/1.0\r\n\r\n");

    HttpRequest r = RawHttp.parse(raw);

    assertThat(r.uri()).isEqualTo("/a b?q=1 2 ");
    assertThat(r.protocol()).isEqualTo("HTTP/1.0");
    assertThat(RawHttp.write(r)).isEqualTo(raw);
  }

  @Test
  void obsFoldIsJoinedWithItsRawBytes() {
    byte[] raw = latin1("GET / HTTP/1.1\r\nX-Long: first\r\n  second\r\n\tthird\r\nHost: h\r\n\r\n");

    HttpRequest r = RawHttp.parse(raw);

    assertThat(r.headers().asList()).containsExactly(
        new Header("X-Long", "first\r\n  second\r\n\tthird"), new Header("Host", "h"));
    assertThat(RawHttp.write(r)).isEqualTo(raw);
  }

  @Test
  void mixedLineEndingsAreTolerated() {
    byte[] raw = latin1("PUT /x HTTP/1.1\nA: 1\r\nB: 2\n  fold\r\n\nbody\r\n");

    RawHttp.Parsed p = RawHttp.parseWithStyle(raw);
    HttpRequest again = RawHttp.parse(RawHttp.write(p.request(), p.lineEnding()));

    assertThat(p.lineEnding()).isEqualTo(RawHttp.LF);
    assertThat(p.request().headers().asList()).containsExactly(
        new Header("A", "1"), new Header("B", "2\n  fold"));
    assertThat(p.request().body()).isEqualTo(latin1("body\r\n"));
    assertThat(again).isEqualTo(p.request());
  }

  @Test
  void headerWithoutSpaceAfterColonKeepsItsParts() {
    HttpRequest r = RawHttp.parse(latin1("GET / HTTP/1.1\r\nA:1\r\nB :\t2\r\n\r\n"));

    assertThat(r.headers().asList()).containsExactly(new Header("A", "1"), new Header("B ", "2"));
    assertThat(RawHttp.write(r)).isEqualTo(latin1("GET / HTTP/1.1\r\nA: 1\r\nB : 2\r\n\r\n"));
    assertThat(RawHttp.parse(RawHttp.write(r))).isEqualTo(r);
  }

  @Test
  void headerLineWithoutColonHasAnEmptyName() {
    HttpRequest r = RawHttp.parse(latin1("GET / HTTP/1.1\r\nnot a header\r\nA: 1\r\n\r\n"));

    assertThat(r.headers().asList()).containsExactly(
        new Header("", "not a header"), new Header("A", "1"));
  }

  @Test
  void leadingEmptyLinesAreSkipped() {
    HttpRequest r = RawHttp.parse(latin1("\r\n\nGET / HTTP/1.1\r\nA: 1\r\n\r\n"));

    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.headers().size()).isEqualTo(1);
  }

  @Test
  void missingEmptyLineMeansNoBody() {
    HttpRequest r = RawHttp.parse(latin1("GET / HTTP/1.1\r\nA: 1\r\nB: 2"));

    assertThat(r.headers().size()).isEqualTo(2);
    assertThat(r.bodyLength()).isZero();
  }

  @Test
  void garbageBecomesTheBodyAndIsWrittenBackUnchanged() {
    for (String s : new String[] {"", "hello", " GET / HTTP/1.1\r\n\r\n", "{\"a\":1}\n",
        "GE(T / HTTP/1.1\r\nA: 1\r\n\r\n", "\r\n\r\n", "\u00ff\u0000 x"}) {
      byte[] raw = latin1(s);

      HttpRequest r = RawHttp.parse(raw);

      assertThat(r.method()).as(s).isEmpty();
      assertThat(r.uri()).isEmpty();
      assertThat(r.protocol()).isNull();
      assertThat(r.headers().size()).isZero();
      assertThat(r.body()).isEqualTo(raw);
      assertThat(RawHttp.write(r)).isEqualTo(raw);
    }
  }

  @Test
  void charsAboveLatin1AreWrittenAsUtf8() {
    HttpRequest r = HttpRequest.builder().method("GET").uri("/\u20ac").protocol("HTTP/1.1")
        .header("X", "caf\u00e9").build();

    byte[] out = RawHttp.write(r, RawHttp.LF);

    byte[] expectedUri = "/\u20ac".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(out, StandardCharsets.ISO_8859_1)).startsWith(
        "GET " + new String(expectedUri, StandardCharsets.ISO_8859_1) + " HTTP/1.1\nX: caf\u00e9\n\n");
  }

  @Test
  void writeRejectsOtherLineEndings() {
    HttpRequest r = HttpRequest.builder().method("GET").uri("/").build();

    assertThatThrownBy(() -> RawHttp.write(r, "\r")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverThrowsAndIsStableAfterOneRoundTripOnRandomInput() {
    String[] pieces = {"GET", "POST", " ", "  ", "/", "/a?b=c", "HTTP/1.1", "http/1.0", "\r\n",
        "\n", "\r", ":", ": ", "\t", "Host", "x", "\u00e9", "\u0000", "(", "{"};
    Random rnd = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] raw;
      if (i % 4 == 0) {
        raw = new byte[rnd.nextInt(40)];
        rnd.nextBytes(raw);
      } else {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(30);
        for (int k = 0; k < n; k++) {
          sb.append(pieces[rnd.nextInt(pieces.length)]);
        }
        raw = latin1(sb.toString());
      }

      RawHttp.Parsed p = RawHttp.parseWithStyle(raw);
      byte[] styled = RawHttp.write(p.request(), p.lineEnding());
      HttpRequest again = RawHttp.parse(RawHttp.write(p.request()));

      assertThat(styled).isNotNull();
      assertThat(again).as("%s", java.util.HexFormat.of().formatHex(raw)).isEqualTo(p.request());
    }
  }

  @Test
  void looksLikeHttpRecognisesRequestLines() {
    assertThat(RawHttp.looksLikeHttp(latin1("GET / HTTP/1.1\r\n"))).isTrue();
    assertThat(RawHttp.looksLikeHttp(latin1("\r\nM-SEARCH * HTTP/1.1\r\nHost: x"))).isTrue();
    assertThat(RawHttp.looksLikeHttp(latin1("GET /a b HTTP/1.0"))).isTrue();
    assertThat(RawHttp.looksLikeHttp(latin1("GET /"))).isFalse();
    assertThat(RawHttp.looksLikeHttp(latin1("{\"request\":{}}"))).isFalse();
    assertThat(RawHttp.looksLikeHttp(latin1("GET\n/ HTTP/1.1"))).isFalse();
    assertThat(RawHttp.looksLikeHttp(latin1(" GET / HTTP/1.1"))).isFalse();
    assertThat(RawHttp.looksLikeHttp(new byte[0])).isFalse();
  }
}
