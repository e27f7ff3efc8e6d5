package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PHP's multipart parser does not stop at the close delimiter: its find_boundary skips lines up to
 * the next one that is exactly the delimiter and reads a part there, so a part after
 * {@code --b--} reaches {@code $_POST}. The scanner copied the epilogue as is, so a password part
 * placed after the close delimiter kept its value. Found by the hostile-wire generator: a gzip
 * body of two members, each a whole multipart body (GZIPInputStream reads both, one after the
 * other), put the second body's parts after the first one's close delimiter.
 */
final class MultipartEpilogueReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));
  private static final String SECRET = "Qh7rTepilogueZ9";

  private static MaskedReport mask(byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.builder().method("POST").uri("/up")
        .header("Host", "h.example")
        .header("Content-Type", "multipart/form-data; boundary=BB");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return DEFAULT.mask(new AttackReport("r-1", null, b.body(body).build(), List.of(), Map.of()));
  }

  private static String part(String name, String value, String nl) {
    return "--BB" + nl + "Content-Disposition: form-data; name=\"" + name + "\"" + nl + nl + value
        + nl;
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\n"})
  void aPartAfterTheCloseDelimiterIsMasked(String nl) {
    for (String gap : List.of("", "junk" + nl, "--BB--" + nl, "--BBx" + nl + "text" + nl)) {
      String body = part("a", "x", nl) + "--BB--" + nl + gap + part("password", SECRET, nl)
          + "--BB--" + nl;
      MaskedReport m = mask(body.getBytes(ISO_8859_1));
      String out = new String(m.report().request().body(), ISO_8859_1);
      assertThat(out).as("gap %s", gap.length()).doesNotContain(SECRET)
          .contains("name=\"a\"" + nl + nl + "x" + nl + "--BB--")
          .contains("name=\"password\"");
      assertThat(mask(m.report().request().body()).report().request().body())
          .isEqualTo(m.report().request().body());
    }
  }

  @Test
  void twoGzipMembersEachAWholeMultipartBody() {
    byte[] one = gzip(part("a", "x", "\r\n") + "--BB--\r\n");
    byte[] two = gzip(part("password", SECRET, "\r\n") + "--BB--\r\n");
    byte[] body = new byte[one.length + two.length];
    System.arraycopy(one, 0, body, 0, one.length);
    System.arraycopy(two, 0, body, one.length, two.length);
    MaskedReport m = mask(body, "Content-Encoding", "gzip");
    String out = gunzip(m.report().request().body());
    assertThat(out).doesNotContain(SECRET).contains("name=\"password\"");
    assertThat(new String(m.report().request().body(), ISO_8859_1)).doesNotContain(SECRET);
  }

  @Test
  void anEpilogueWithoutADelimiterLineStaysAsSent() {
    String body = part("a", "x", "\r\n") + "--BB--\r\nepilogue --BB not a line start\r\n";
    MaskedReport m = mask(body.getBytes(ISO_8859_1));
    assertThat(new String(m.report().request().body(), ISO_8859_1)).isEqualTo(body);
  }

  private static byte[] gzip(String s) {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(s.getBytes(ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bo.toByteArray();
  }

  private static String gunzip(byte[] b) {
    try {
      return new String(new GZIPInputStream(new java.io.ByteArrayInputStream(b)).readAllBytes(),
          ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
