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
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
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

  static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static String gunzip(byte[] b) throws IOException {
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

  /**
   * One gzip member whose first deflate block is stored (its bytes readable as sent) and whose
   * second is compressed: {@code stored}, then {@code packed}.
   */
  private static byte[] gzipStoredThenPacked(String stored, String packed) {
    byte[] a = stored.getBytes(StandardCharsets.UTF_8);
    byte[] b = packed.getBytes(StandardCharsets.UTF_8);
    Deflater d = new Deflater(Deflater.NO_COMPRESSION, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    byte[] buf = new byte[4096];
    d.setInput(a);
    int n;
    while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buf, 0, n);
    }
    d.setLevel(Deflater.BEST_COMPRESSION);
    d.setInput(b);
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    CRC32 crc = new CRC32();
    crc.update(a);
    crc.update(b);
    long c = crc.getValue();
    int size = a.length + b.length;
    for (int i = 0; i < 4; i++) {
      out.write((int) (c >> (8 * i)) & 0xff);
    }
    for (int i = 0; i < 4; i++) {
      out.write((size >> (8 * i)) & 0xff);
    }
    return out.toByteArray();
  }

  /** The deflate data after a 10-byte gzip header, inflated as far as it goes (no CRC check). */
  private static String inflateLeniently(byte[] gz) {
    Inflater inf = new Inflater(true);
    inf.setInput(gz, 10, gz.length - 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
      }
    } catch (java.util.zip.DataFormatException e) {
      // what was read so far is what a lenient receiver shows
    } finally {
      inf.end();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void echoesInAStoredBlockAndInACompressedBlockOfOneGzipBodyAreBothMasked() {
    // The raw sweep finds the first echo in the stored block's bytes; the inflated reading must
    // still run, or the second echo, only readable inflated, stays.
    String other = "Pa55phraseSecret77";
    byte[] body = gzipStoredThenPacked("first " + SECRET + " ", "second " + other + " end");
    assertThat(inflateLeniently(body)).contains(SECRET, other);
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/cb?token=" + SECRET + "&password=" + other).protocol("HTTP/1.1")
        .header("Content-Type", "text/plain").header("Content-Encoding", "gzip").body(body)
        .build();
    MaskedReport m = DEFAULT.mask(new AttackReport("r", null, req, List.of(), Map.of()));
    byte[] out = m.report().request().body();
    String inflated = inflateLeniently(out);
    assertThat(inflated).doesNotContain(SECRET).doesNotContain(other).contains("second");
    assertThat(new String(out, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
  }
}
