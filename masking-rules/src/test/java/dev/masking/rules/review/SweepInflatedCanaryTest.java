package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the sweep's skip of the inflated body: it is skipped only for the very headers in
 * which the body's reading found no Content-Encoding, never for a compressed body whose report
 * also carries a request (with its own, uncoded body) after it.
 */
final class SweepInflatedCanaryTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));
  private static final String SECRET = "Tok3nSecret99x";

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String gunzip(byte[] b) throws IOException {
    return new String(new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  @Test
  void echoInAGzipBodyFollowedByACarriedRequestWithAPlainBodyIsMasked() throws IOException {
    byte[] zipped = gzip("log line: " + SECRET + " end");
    byte[] carried = ("POST /next HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 9\r\n\r\nplain=abc").getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(zipped, zipped.length + carried.length);
    System.arraycopy(carried, 0, body, zipped.length, carried.length);
    HttpRequest req = HttpRequest.builder().method("POST").uri("/cb?token=" + SECRET)
        .protocol("HTTP/1.1").header("Content-Type", "text/plain")
        .header("Content-Encoding", "gzip").header("Content-Length", "" + zipped.length)
        .body(body).build();
    MaskedReport m = DEFAULT.mask(new AttackReport("r", null, req, List.of(), Map.of()));
    assertThat(m.notes()).anyMatch(n -> n.reason().contains("carried"));
    // The compressed part as a receiver inflating it reads it (what follows it is not read).
    assertThat(gunzip(m.report().request().body())).isEqualTo("log line: *** end");
  }

  @Test
  void echoInAPlainBodyIsMaskedWhenTheInflatedReadingIsSkipped() {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/cb?token=" + SECRET)
        .header("Content-Type", "text/plain").body("log line: " + SECRET + " end").build();
    MaskedReport m = DEFAULT.mask(new AttackReport("r", null, req, List.of(), Map.of()));
    assertThat(new String(m.report().request().body(), StandardCharsets.UTF_8))
        .isEqualTo("log line: *** end");
  }
}
