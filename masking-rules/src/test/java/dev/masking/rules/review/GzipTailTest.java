package dev.masking.rules.review;

import static dev.masking.rules.review.SweepInflatedCanaryTest.gunzip;
import static dev.masking.rules.review.SweepInflatedCanaryTest.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bytes after a compressed body's gzip data: a carried request after the compressed part is
 * kept as evidence when the compressed part is rewritten, junk after the gzip data inside the body
 * is read as sent (a selected field in it is masked, the rest kept), and a body of several gzip
 * members is read member after member, as GZIPInputStream reads it.
 */
final class GzipTailTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));
  private static final String SECRET = "Tok3nSecret99x";
  private static final String OTHER = "Pa55phraseSecret77";

  private static byte[] cat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static MaskedReport mask(HttpRequest req) {
    return DEFAULT.mask(new AttackReport("r", null, req, List.of(), Map.of()));
  }

  @Test
  void aCarriedRequestAfterARewrittenGzipBodyIsKept() throws IOException {
    byte[] zipped = gzip("log line: " + SECRET + " end");
    byte[] carried = ("POST /next HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 9\r\n\r\nplain=abc").getBytes(StandardCharsets.US_ASCII);
    HttpRequest req = HttpRequest.builder().method("POST").uri("/cb?token=" + SECRET)
        .protocol("HTTP/1.1").header("Content-Type", "text/plain")
        .header("Content-Encoding", "gzip").header("Content-Length", "" + zipped.length)
        .body(cat(zipped, carried)).build();
    byte[] out = mask(req).report().request().body();
    assertThat(gunzip(out)).isEqualTo("log line: *** end");
    assertThat(latin1(out)).endsWith(latin1(carried)).doesNotContain(SECRET);
  }

  @Test
  void aSelectedFieldInJunkAfterTheGzipDataIsMaskedAndTheRestKept() throws IOException {
    byte[] zipped = gzip("a=1&password=" + OTHER);
    String junk = "&note=kept&password=" + SECRET + "&x=y";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Content-Encoding", "gzip").body(cat(zipped, junk.getBytes(StandardCharsets.UTF_8)))
        .build();
    MaskedReport m = mask(req);
    byte[] out = m.report().request().body();
    assertThat(gunzip(out)).isEqualTo("a=1&password=***");
    assertThat(latin1(out)).endsWith("&note=kept&password=***&x=y").doesNotContain(SECRET);
  }

  @Test
  void junkAfterTheGzipDataIsKeptByteForByteWhenOnlyTheCompressedPartIsMasked()
      throws IOException {
    byte[] zipped = gzip("password=" + OTHER);
    byte[] junk = "\r\n-- trailing bytes, nothing selected --".getBytes(StandardCharsets.US_ASCII);
    HttpRequest req = HttpRequest.builder().method("POST").uri("/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Content-Encoding", "gzip").body(cat(zipped, junk)).build();
    byte[] out = mask(req).report().request().body();
    assertThat(gunzip(out)).isEqualTo("password=***");
    assertThat(latin1(out)).endsWith(latin1(junk));
  }

  @Test
  void aSecondGzipMemberIsReadAndMasked() throws IOException {
    byte[] body = cat(gzip("a=1&"), gzip("password=" + OTHER));
    HttpRequest req = HttpRequest.builder().method("POST").uri("/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Content-Encoding", "gzip").body(body).build();
    byte[] out = mask(req).report().request().body();
    assertThat(gunzip(out)).isEqualTo("a=1&password=***");
  }

  @Test
  void aBase64GzipValueWithBytesAfterItsGzipDataIsMaskedWhole() throws IOException {
    byte[] inner = cat(gzip("{\"password\":\"" + OTHER + "\"}"),
        ("password=" + SECRET).getBytes(StandardCharsets.US_ASCII));
    String value = Base64.getEncoder().encodeToString(inner);
    HttpRequest req = HttpRequest.builder().method("GET").uri("/x?state=" + value).build();
    MaskedReport m = mask(req);
    String uri = m.report().request().uri();
    assertThat(uri).doesNotContain(value.substring(0, 12));
    assertThat(m.notes()).anyMatch(n -> n.reason().contains("gzip layer could not be inflated"));
  }
}
