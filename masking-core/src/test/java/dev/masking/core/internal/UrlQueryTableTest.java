package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.AttackReport;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The table-driven {@link NestedLayers#urlQuery} and the form test that takes the pairs' start
 * read once answer exactly as the per-character tests they replaced, and a URL value's query
 * planted in headers and body is still read as a form (canary).
 */
final class UrlQueryTableTest {

  /** The per-character test the table replaced. */
  private static int reference(byte[] b, int from, int to) {
    boolean url = from < to && b[from] == '/';
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c == '?' || c == '#') {
        return url && i + 1 < to ? i : -1;
      }
      if (c >= 0 && c <= ' ' || c == '=' || c == '&' || c == '"' || c == '<' || c == '>'
          || c == 0x7f) {
        return -1; // (a non-ASCII byte goes on, as in an IRI)
      }
      url |= c == ':' && i + 2 < to && b[i + 1] == '/' && b[i + 2] == '/';
    }
    return -1;
  }

  private static final byte[] ALPHABET = {'/', ':', '?', '#', '=', '&', ' ', '\t', 'a', 'Z', '.',
      (byte) 0x80, (byte) 0xC3, 0x7f, '"', '<', '>', '%', '+', ';', 0, '\n'};

  @Test
  void urlQueryAnswersAsThePerCharacterTestOnRandomText() {
    Random r = new Random(20261121);
    for (int n = 0; n < 300_000; n++) {
      byte[] b = new byte[r.nextInt(14)];
      for (int i = 0; i < b.length; i++) {
        b[i] = ALPHABET[r.nextInt(ALPHABET.length)];
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      assertThat(NestedLayers.urlQuery(b, from, b.length)).as("case %d", n)
          .isEqualTo(reference(b, from, b.length));
      assertThat(NestedLayers.looksLikeForm(b, NestedLayers.formStart(b)))
          .isEqualTo(NestedLayers.looksLikeForm(b));
    }
  }

  @Test
  void urlQueryOfEveryAsciiAndHighByteAfterAUrlHead() {
    for (int c = -128; c < 128; c++) {
      for (String head : new String[] {"/a", "http://h", "h", "x:/", ""}) {
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[h.length + 3];
        System.arraycopy(h, 0, b, 0, h.length);
        b[h.length] = (byte) c;
        b[h.length + 1] = '/';
        b[h.length + 2] = 'x';
        assertThat(NestedLayers.urlQuery(b, 0, b.length)).as("byte %d after %s", c, head)
            .isEqualTo(reference(b, 0, b.length));
      }
    }
  }

  private static final String SECRET = "cAnNuRl9q77x";

  @Test
  void aSecretInTheQueryOfAUrlValueIsMaskedInHeadersAndBody() {
    MaskPolicy policy = RecordingPolicy.names("token");
    String url = "https://shop.example/reset?step=2&token=" + SECRET;
    String body = "{\"ref\":\"" + url + "\",\"next\":\"/cb?token=" + SECRET + "\"}";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").protocol("HTTP/1.1")
        .header("Referer", url)
        .header("Content-Type", "application/json")
        .header("X-Back", "/cb#token=" + SECRET)
        .body(body).build();
    MaskedReport out = Rewriter.mask(AttackReport.of(req), policy, MaskingOptions.defaults());
    HttpRequest m = out.report().request();
    List<Header> hs = m.headers().asList();
    String all = hs.toString() + hs.stream().map(Header::value).toList()
        + new String(m.bodyUnsafe(), StandardCharsets.UTF_8);
    assertThat(all).doesNotContain(SECRET).doesNotContain("cAnNuRl9");
    assertThat(hs.get(0).value()).isEqualTo("https://shop.example/reset?step=2&token=***");
    assertThat(new String(m.bodyUnsafe(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"ref\":\"https://shop.example/reset?step=2&token=***\",\"next\":\"/cb?token=***\"}");
    assertThat(hs.get(2).value()).isEqualTo("/cb#token=***");
    assertThat(Headers.of(hs).size()).isEqualTo(3);
  }
}
