package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/**
 * A body sent with Content-Encoding gzip or deflate is inflated before the application reads it
 * by some servers (Express's body-parser by default, Jetty's GzipHandler, mod_deflate): its fields
 * are read under their names, so they must be masked as in a plain body.
 */
final class EncodedBodyReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] zlib(String s, boolean raw) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    d.setInput(s.getBytes(StandardCharsets.UTF_8));
    d.finish();
    byte[] buf = new byte[4096];
    int n = d.deflate(buf);
    d.end();
    return java.util.Arrays.copyOf(buf, n);
  }

  private static String read(byte[] b, String coding) throws IOException {
    InputStream in = coding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(b))
        : new InflaterInputStream(new ByteArrayInputStream(b), new Inflater(coding.equals("raw")));
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static MaskedReport mask(Masker m, String uri, String type, String coding, byte[] body,
      List<Attack> attacks) {
    HttpRequest req = HttpRequest.builder().method("POST").uri(uri)
        .header("Content-Type", type).header("Content-Encoding", coding).body(body).build();
    return m.mask(new AttackReport("r", null, req, attacks, Map.of()));
  }

  @Test
  void gzipJsonBodyHasItsPasswordMaskedAndStaysGzip() throws IOException {
    String json = "{\"user\":\"bob\",\"password\":\"hunter2secretXYZ\",\"q\":\"' OR 1=1--\"}";
    MaskedReport m = mask(DEFAULT, "/login", "application/json", "gzip", gzip(json), List.of());
    String inside = read(m.report().request().body(), "gzip");
    assertThat(inside).isEqualTo("{\"user\":\"bob\",\"password\":\"***\",\"q\":\"' OR 1=1--\"}");
    MaskedReport again = DEFAULT.mask(m.report());
    assertThat(again.report().request().body()).isEqualTo(m.report().request().body());
  }

  @Test
  void deflateFormBodiesZlibAndRawAreMasked() throws IOException {
    String form = "user=bob&password=hunter2secretXYZ&q=1";
    for (String coding : new String[] {"zlib", "raw"}) {
      MaskedReport m = mask(DEFAULT, "/login", "application/x-www-form-urlencoded", "deflate",
          zlib(form, coding.equals("raw")), List.of());
      assertThat(read(m.report().request().body(), coding))
          .isEqualTo("user=bob&password=***&q=1");
    }
  }

  @Test
  void echoInsideAGzipBodyOfAValueMaskedElsewhereIsMasked() throws IOException {
    MaskedReport m = mask(DEFAULT, "/cb?token=Tok3nSecret99x", "text/plain", "x-gzip",
        gzip("log line: Tok3nSecret99x end"), List.of());
    assertThat(read(m.report().request().body(), "gzip")).isEqualTo("log line: *** end");
  }

  @Test
  void gzipBodyWithNothingSelectedIsKeptByteForByte() throws IOException {
    byte[] gz = gzip("{\"user\":\"bob\",\"q\":\"' OR 1=1--\"}");
    MaskedReport m = mask(DEFAULT, "/login?x=1", "application/json", "GZIP", gz, List.of());
    assertThat(m.report().request().body()).isEqualTo(gz);
  }

  @Test
  void bodyInflatingPastTheCapIsMaskedWhole() throws IOException {
    byte[] bomb = gzip("password=" + "A".repeat(1 << 20));
    Masker m = Masker.of(RuleSet.preset("default"),
        MaskingOptions.builder().maxInflatedBytes(1 << 16).build());
    MaskedReport out = mask(m, "/login", "application/x-www-form-urlencoded", "gzip", bomb,
        List.of(Attack.of("sqli", dev.masking.core.Point.of(dev.masking.core.Step.of("post")),
            "AAAA")));
    assertThat(new String(out.report().request().body(), StandardCharsets.US_ASCII))
        .isEqualTo("***");
    assertThat(out.report().attacks().get(0).payload()).isEqualTo("***");
  }

  @Test
  void bodyThatIsNotCompressedAsDeclaredIsScannedAsSent() {
    byte[] body = "user=bob&password=hunter2secretXYZ".getBytes(StandardCharsets.UTF_8);
    MaskedReport m = mask(DEFAULT, "/login", "application/x-www-form-urlencoded", "gzip", body,
        List.of());
    assertThat(new String(m.report().request().body(), StandardCharsets.UTF_8))
        .isEqualTo("user=bob&password=***");
  }
}
