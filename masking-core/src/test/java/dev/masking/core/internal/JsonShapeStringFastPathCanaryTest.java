package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary for the masked container's string scan ({@link JsonShape}'s closing-quote search): a
 * masked object whose members are plain, escaped ({@code \"}, {@code \\}, {@code \n}, {@code
 * \u00e9}) or hold a quote-like neighbour is hunted by its members, and each member echoed in the
 * query (percent-encoded), a header (raw and base64) and the body (JSON-escaped) is masked there.
 * The members are read past the first quote or backslash exactly as before.
 */
final class JsonShapeStringFastPathCanaryTest {

  private static final MaskPolicy POLICY = f -> "vault".equals(f.name())
      ? new Decision(MaskAction.redact(), "t/vault") : null;

  @Test
  void everyMemberOfAMaskedObjectIsMaskedWhereverItIsEchoed() {
    List<String> secrets = List.of("plain-Q7x2Lm9", "quo\"te-K4z8", "back\\slash-P3w6",
        "line\nbreak-R5t1", "caf\u00e9-J2v7", "tail-N8s4\\");
    StringBuilder vault = new StringBuilder("{");
    StringBuilder echoes = new StringBuilder("[");
    StringBuilder query = new StringBuilder("/x?");
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < secrets.size(); i++) {
      String s = secrets.get(i);
      String esc = JsonEscapes.escape(s);
      vault.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append(esc)
          .append('"');
      echoes.append(i == 0 ? "" : ",").append('"').append(esc).append('"');
      query.append(i == 0 ? "" : "&").append("q").append(i).append('=')
          .append(URLEncoder.encode(s, UTF_8));
      header.append(i == 0 ? "" : " ").append(Base64.getEncoder().encodeToString(s.getBytes(UTF_8)))
          .append(' ').append(s.replace('\n', ' ').equals(s) ? s : "");
    }
    String body = "{\"vault\":" + vault.append('}') + ",\"echo\":" + echoes.append(']') + "}";
    HttpRequest req = HttpRequest.builder().method("POST").uri(query.toString())
        .protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("Content-Type", "application/json")
        .header("X-Debug", header.toString())
        .body(body)
        .build();
    MaskedReport out = Rewriter.mask(AttackReport.of(req), POLICY, MaskingOptions.defaults());
    StringBuilder headers = new StringBuilder();
    out.report().request().headers().asList()
        .forEach(h -> headers.append(h.name()).append(": ").append(h.value()).append('\n'));
    String all = out.report().request().uri() + "\n" + headers + "\n"
        + new String(out.report().request().bodyUnsafe(), UTF_8);
    for (String s : secrets) {
      assertThat(all).doesNotContain(JsonEscapes.escape(s))
          .doesNotContain(URLEncoder.encode(s, UTF_8))
          .doesNotContain(Base64.getEncoder().encodeToString(s.getBytes(UTF_8)));
      if (s.indexOf('\n') < 0) {
        assertThat(all).doesNotContain(s);
      }
    }
    assertThat(all).contains("\"echo\":[\"***\",\"***\",\"***\",\"***\",\"***\",\"***\"]")
        .contains("Host: example.test").contains("X-Debug: ***");
  }
}
