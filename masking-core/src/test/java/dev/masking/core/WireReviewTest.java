package dev.masking.core;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of how a request's bytes reach the scanners: declared charsets, several or
 * odd Content-Type headers, Content-Encoding, chunked framing, Content-Length shorter than the
 * body, the HTTP/2 {@code :path} pseudo-header. Each case is what a real server reads as a
 * {@code password} parameter or member.
 */
final class WireReviewTest {
  private static final MaskPolicy PASSWORD = f -> f.name() != null
      && "password".equals(Ascii.lower(f.name())) ? new Decision(MaskAction.redact(), "t") : null;

  private static byte[] mask(String method, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.builder().method(method).uri("/");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpRequest req = b.body(body).build();
    MaskedReport once = Rewriter.mask(AttackReport.of(req), PASSWORD, MaskingOptions.defaults());
    byte[] out = once.report().request().body();
    // Idempotence: a second pass changes nothing.
    MaskedReport twice = Rewriter.mask(once.report(), PASSWORD, MaskingOptions.defaults());
    assertThat(twice.report().request().body()).isEqualTo(out);
    return out;
  }

  private static String post(String body, String... headers) {
    return new String(mask("POST", body.getBytes(ISO_8859_1), headers), ISO_8859_1);
  }

  // ---- charsets ----------------------------------------------------------------------------

  @Test
  void formOrJsonDeclaredInACharsetAByteScanCannotReadIsMaskedWhole() {
    String form = "application/x-www-form-urlencoded; charset=";
    // Django decodes the whole body with the declared charset before splitting it.
    assertThat(post("+AHA-assword=wireSecret1", "Content-Type", form + "utf-7"))
        .doesNotContain("wireSecret1");
    assertThat(post("pa\u001b(Bss\u001b(Bword=wireSecret2", "Content-Type", form + "iso-2022-jp"))
        .doesNotContain("wireSecret2");
    // Tomcat and Django percent-decode, then decode the bytes in the charset.
    assertThat(post("%FF%FEp%00a%00s%00s%00w%00o%00r%00d%00=wireSecret3&",
        "Content-Type", form + "\"UTF-16\"")).doesNotContain("wireSecret3");
    assertThat(post("\\x70assword=wireSecret4", "Content-Type", form + "unicode_escape"))
        .doesNotContain("wireSecret4");
    assertThat(post("{\"+AHA-assword\":\"wireSecret5\"}",
        "Content-Type", "application/json; charset = UTF-7")).doesNotContain("wireSecret5");
    assertThat(post("<a><+AHA-assword>wireSecret6</+AHA-assword></a>",
        "Content-Type", "text/xml;charset*=utf-8''utf-7")).doesNotContain("wireSecret6");
    // Tomcat finds the text "charset=" anywhere in the header.
    assertThat(post("+AHA-assword=wireSecret7", "Content-Type", form.replace("charset", "xcharset")
        + "utf-7")).doesNotContain("wireSecret7");
    assertThat(post("+AHA-assword=wireSecret8", "Content-Type", form + "utf-8",
        "Content-Type", form + "utf-7")).doesNotContain("wireSecret8");
  }

  @Test
  void bodiesInCharsetsWhoseAsciiBytesStayAsciiAreScannedAsBefore() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      String form = "application/x-www-form-urlencoded; charset=";
      for (String cs : new String[] {"UTF-8", "iso-8859-1", "ISO-8859-15", "windows-1252",
          "Shift_JIS", "\"utf8\"", "LATIN1"}) {
        assertThat(post("a=1&password=wireSecret9&b=%41", "Content-Type", form + cs))
            .isEqualTo("a=1&password=***&b=%41");
      }
      // JSON and XML in UTF-16 are transcoded by their scanners.
      byte[] wide = "\uFEFF{\"password\":\"wireSecretA\",\"b\":1}".getBytes(
          java.nio.charset.Charset.forName("UTF-16LE"));
      byte[] out = mask("POST", wide, "Content-Type", "application/json; charset=utf-16");
      assertThat(new String(out, java.nio.charset.Charset.forName("UTF-16LE")))
          .isEqualTo("\uFEFF{\"password\":\"***\",\"b\":1}");
    } finally {
      Locale.setDefault(saved);
    }
  }

  // ---- Content-Type ------------------------------------------------------------------------

  @Test
  void aFormDeclaredInAnyContentTypeAServerMayUseIsReadAsAForm() {
    String form = "application/x-www-form-urlencoded";
    // gunicorn keeps the last Content-Type header.
    assertThat(post("@=1&password=wireSecretB", "Content-Type", "text/plain",
        "Content-Type", form)).isEqualTo("@=1&password=***");
    assertThat(post("{\"a\":1}&password=wireSecretC", "Content-Type", "application/json",
        "Content-Type", form)).doesNotContain("wireSecretC").startsWith("{\"a\":1}&");
    // Rack cuts the media type at ',' and PHP at ',' or a space.
    assertThat(post("@=1&password=wireSecretD", "Content-Type", form + ", text/plain"))
        .isEqualTo("@=1&password=***");
    assertThat(post("@=1&password=wireSecretE", "Content-Type", form + " x"))
        .isEqualTo("@=1&password=***");
    // A name with spaces before the colon, which lenient servers trim.
    assertThat(post("@=1&password=wireSecretF", "Content-Type ", form))
        .isEqualTo("@=1&password=***");
    // Rack reads a POST without a media type as a form.
    assertThat(post("a b=1&password=wireSecretG")).isEqualTo("a b=1&password=***");
    assertThat(post("a b=1&password=wireSecretH", "Content-Type", ""))
        .isEqualTo("a b=1&password=***");
  }

  @Test
  void plainTextWithAMediaTypeStaysUnread() {
    String text = "a b=1&password=notSelectedHere";
    assertThat(post(text, "Content-Type", "text/plain")).isEqualTo(text);
    assertThat(new String(mask("PUT", text.getBytes(UTF_8)), UTF_8)).isEqualTo(text);
  }

  // ---- Content-Encoding --------------------------------------------------------------------

  private static byte[] gzip(String s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(UTF_8));
    }
    return out.toByteArray();
  }

  private static String gunzip(byte[] b) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static byte[] deflate(String s, boolean raw) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    d.setInput(s.getBytes(UTF_8));
    d.finish();
    byte[] buf = new byte[4096];
    int n = d.deflate(buf);
    d.end();
    return Arrays.copyOf(buf, n);
  }

  private static String inflate(byte[] b, boolean raw) throws Exception {
    Inflater inf = new Inflater(raw);
    inf.setInput(b);
    byte[] buf = new byte[4096];
    int n = inf.inflate(buf);
    inf.end();
    return new String(buf, 0, n, UTF_8);
  }

  @Test
  void aCompressedBodyIsInflatedScannedAndCompressedAgain() throws Exception {
    // Express (body-parser) inflates gzip and deflate request bodies by default.
    byte[] out = mask("POST", gzip("{\"password\":\"wireSecretI\",\"a\":\"<script>\"}"),
        "Content-Type", "application/json", "Content-Encoding", "gzip");
    assertThat(gunzip(out)).isEqualTo("{\"password\":\"***\",\"a\":\"<script>\"}");
    out = mask("POST", deflate("a=1&password=wireSecretJ", false),
        "Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "Deflate");
    assertThat(inflate(out, false)).isEqualTo("a=1&password=***");
    out = mask("POST", deflate("a=1&password=wireSecretK", true),
        "Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "deflate");
    assertThat(inflate(out, true)).isEqualTo("a=1&password=***");
  }

  @Test
  void aCompressedBodyWithNothingSelectedIsKeptByteForByte() throws Exception {
    byte[] gz = gzip("{\"user\":\"bob\",\"a\":\"' OR 1=1--\"}");
    assertThat(mask("POST", gz, "Content-Type", "application/json", "Content-Encoding", "gzip"))
        .isEqualTo(gz);
    // Declared gzip but not gzip (a node that inflated already): read as sent.
    assertThat(post("{\"password\":\"wireSecretL\"}", "Content-Type", "application/json",
        "Content-Encoding", "gzip")).isEqualTo("{\"password\":\"***\"}");
  }

  @Test
  void aBodyInACodingThatCannotBeDecodedIsMaskedWhole() throws Exception {
    byte[] gz = gzip("{\"password\":\"wireSecretM\"}");
    assertThat(mask("POST", Arrays.copyOf(gz, gz.length - 6), "Content-Type", "application/json",
        "Content-Encoding", "gzip")).isEqualTo("***".getBytes(UTF_8));
    assertThat(mask("POST", gz, "Content-Type", "application/json",
        "Content-Encoding", "gzip, br")).isEqualTo("***".getBytes(UTF_8));
    assertThat(mask("POST", gz, "Content-Type", "application/json", "Content-Encoding", "br"))
        .isEqualTo("***".getBytes(UTF_8));
    assertThat(mask("POST", gz, "Content-Type", "application/json", "Content-Encoding", "gzip",
        "Content-Encoding", "gzip")).isEqualTo("***".getBytes(UTF_8));
  }

  // ---- Transfer-Encoding: chunked ------------------------------------------------------------

  @Test
  void aChunkedBodyIsReadWithoutItsFraming() {
    String te = "Transfer-Encoding";
    assertThat(post("6\r\n{\"pass\r\n14;x=y\r\nword\":\"wireSecretN\"}\r\n0\r\n\r\n",
        "Content-Type", "application/json", te, "chunked"))
        .isEqualTo("12\r\n{\"password\":\"***\"}\r\n0\r\n\r\n");
    assertThat(post("4\na=1&\n3\npas\n11\nsword=wireSecretO\n0\nX-Sum: 1\n\n",
        "Content-Type", "application/x-www-form-urlencoded", te, "Chunked"))
        .doesNotContain("wireSecretO").doesNotContain("wireSecret").endsWith("0\r\nX-Sum: 1\n\n");
    // Truncated (no last chunk).
    assertThat(post("4\r\na=1&\r\n3\r\npas\r\n40\r\nsword=wireSecretP",
        "Content-Type", "application/x-www-form-urlencoded", te, "chunked"))
        .doesNotContain("wireSecretP");
    // Broken framing after a first chunk: masked whole.
    assertThat(post("4\r\na=1&\r\nzz\r\npassword=wireSecretQ",
        "Content-Type", "application/x-www-form-urlencoded", te, "chunked")).isEqualTo("***");
  }

  @Test
  void aBodyAlreadyUnframedIsReadAsSent() {
    String te = "Transfer-Encoding";
    assertThat(post("a=1&password=wireSecretR", "Content-Type",
        "application/x-www-form-urlencoded", te, "chunked")).isEqualTo("a=1&password=***");
    assertThat(post("0\r\n&password=wireSecretS", "Content-Type",
        "application/x-www-form-urlencoded", te, "chunked"))
        .isEqualTo("0\r\n&password=***");
    String kept = "5\r\nhello\r\n0\r\n\r\n";
    assertThat(post(kept, "Content-Type", "text/plain", te, "chunked")).isEqualTo(kept);
  }

  // ---- Content-Length ------------------------------------------------------------------------

  @Test
  void aRequestPastContentLengthIsMaskedAsTheNextRequestAndKept() {
    // Request smuggling evidence stays; the smuggled request's query is masked at its own point.
    assertThat(post("{\"a\":\"b\"}GET /?password=wireSecretT HTTP/1.1\r\nHost: a\r\n\r\n",
        "Content-Type", "application/json", "Content-Length", "9"))
        .isEqualTo("{\"a\":\"b\"}GET /?password=*** HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(post("{\"a\":\"b\"}POST /x HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
        + "{\"password\":\"wireSecretT2\"}", "Content-Type", "application/json", "Content-Length", "9"))
        .isEqualTo("{\"a\":\"b\"}POST /x HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
        + "{\"password\":\"***\"}");
    // Bytes past the length that are no request: the body as sent, so a value the length cuts
    // is masked whole.
    assertThat(post("a=1&password=wireSecretU&b=2", "Content-Type",
        "application/x-www-form-urlencoded", "Content-Length", "26, 20"))
        .isEqualTo("a=1&password=***&b=2");
    String exact = "a=1&b=2\r\n";
    assertThat(post(exact, "Content-Type", "application/x-www-form-urlencoded",
        "Content-Length", "7")).isEqualTo(exact);
  }

  @Test
  void anHttp1BodyWithoutLengthThatIsAnotherRequestIsMaskedAsARequest() {
    byte[] next = "GET /?password=wireSecretW HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(UTF_8);
    HttpRequest req = HttpRequest.builder().method("GET").uri("/").protocol("HTTP/1.1")
        .header("Host", "a").body(next).build();
    MaskedReport m = Rewriter.mask(AttackReport.of(req), PASSWORD, MaskingOptions.defaults());
    assertThat(new String(m.report().request().body(), UTF_8))
        .isEqualTo("GET /?password=*** HTTP/1.1\r\nHost: a\r\n\r\n");
    // HTTP/2 frames its body: the same bytes are a body there; and with a length they are one.
    for (HttpRequest other : new HttpRequest[] {
        HttpRequest.builder().method("POST").uri("/").protocol("HTTP/2").body(next).build(),
        HttpRequest.builder().method("POST").uri("/").protocol("HTTP/1.1")
            .header("Content-Length", String.valueOf(next.length)).body(next).build()}) {
      assertThat(Rewriter.mask(AttackReport.of(other), PASSWORD, MaskingOptions.defaults())
          .report().request().body()).isEqualTo(next);
    }
  }

  @Test
  void lenientChunkSizesAndLengthsAreRead() {
    assertThat(post("0x4\r\na=1&\r\n0_3\r\npas\r\n11\r\nsword=wireSecretX\r\n0\r\n\r\n",
        "Content-Type", "application/x-www-form-urlencoded", "Transfer-Encoding", "chunked"))
        .doesNotContain("wireSecret").doesNotContain("wireSecretX");
    assertThat(post("a=1&b=2GET /?password=wireSecretY HTTP/1.1\r\n\r\n",
        "Content-Type", "application/x-www-form-urlencoded", "Content-Length", "+7"))
        .isEqualTo("a=1&b=2GET /?password=*** HTTP/1.1\r\n\r\n");
  }

  @Test
  void aRequestAfterTheLastChunkIsMaskedAsARequestAndOtherBytesThereAsTheBody() {
    assertThat(post("5\r\na=1&b\r\n0\r\nX-Sum: 1\r\n\r\nGET /?password=wireSecretZ HTTP/1.1\r\n\r\n",
        "Content-Type", "application/x-www-form-urlencoded", "Transfer-Encoding", "chunked"))
        .isEqualTo("5\r\na=1&b\r\n0\r\nX-Sum: 1\r\n\r\nGET /?password=*** HTTP/1.1\r\n\r\n");
    assertThat(post("3\r\nx=1\r\n0\r\n\r\n&password=wireSecret0",
        "Content-Type", "application/x-www-form-urlencoded", "Transfer-Encoding", "chunked"))
        .isEqualTo("3\r\nx=1\r\n0\r\n\r\n&password=***");
  }

  // ---- raw header lines -----------------------------------------------------------------------

  @Test
  void headerLinesAfterABareCrAreScannedAsHeaders() {
    // Python's http.server and wsgiref split header lines at a bare CR.
    HttpRequest req = HttpRequest.builder().method("POST").uri("/")
        .header("Host", "a\rAuthorization: Bearer wireSecret1a\rX-Other: 1")
        .header("X-Note", "b\rContent-Type: application/x-www-form-urlencoded")
        .body("@=1&password=wireSecret1b").build();
    MaskPolicy auth = f -> f.name() != null && ("authorization".equals(Ascii.lower(f.name()))
        || "password".equals(Ascii.lower(f.name()))) ? new Decision(MaskAction.redact(), "t")
        : null;
    MaskedReport m = Rewriter.mask(AttackReport.of(req), auth, MaskingOptions.defaults());
    HttpRequest out = m.report().request();
    assertThat(out.headers().get(0).value()).startsWith("a\rAuthorization: ")
        .doesNotContain("wireSecret1a").endsWith("\rX-Other: 1");
    assertThat(new String(out.body(), UTF_8)).isEqualTo("@=1&password=***");
    MaskedReport again = Rewriter.mask(m.report(), auth, MaskingOptions.defaults());
    assertThat(again.report().request().headers()).isEqualTo(out.headers());
  }

  // ---- HTTP/2 pseudo-headers -----------------------------------------------------------------

  @Test
  void thePathPseudoHeaderIsMaskedAsTheUri() {
    HttpRequest req = HttpRequest.builder().method("GET").uri("/a")
        .header(":authority", "shop.example")
        .header(":path", "/y/z?password=wireSecretV").build();
    MaskedReport m = Rewriter.mask(AttackReport.of(req), PASSWORD, MaskingOptions.defaults());
    List<Header> out = m.report().request().headers().asList();
    assertThat(out.get(1)).isEqualTo(new Header(":path", "/y/z?password=***"));
    assertThat(out.get(0)).isEqualTo(new Header(":authority", "shop.example"));
  }
}
