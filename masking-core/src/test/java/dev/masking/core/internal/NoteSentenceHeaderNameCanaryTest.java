package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Rewriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Canary for the sentences of notes that name where a value was masked ("repeated the value
 * masked at ...", "attack payload is part of the value masked at ..."): a point's display shows a
 * header name upper-cased, which no hunted form matches, so a masked value sent as the name of a
 * header whose own value was masked stayed in those sentences with its letters folded. Raw and
 * base64-encoded, from the residual sweep and from the payload pieces.
 */
final class NoteSentenceHeaderNameCanaryTest {

  private static final String SECRET = "sess-7f3a9c2e51";
  private static final String B64 =
      Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
  /** "tok" anywhere; a header named by the secret, raw or base64. */
  private static final MaskPolicy POLICY = f -> f.name() != null
      && (f.name().equals("tok") || f.last().parser().equals("header")
          && (f.name().equalsIgnoreCase(SECRET) || f.name().equalsIgnoreCase(B64)))
      ? new Decision(MaskAction.redact(), "t/names") : null;

  @Test
  void aMaskedValueSentAsAHeaderNameIsNotShownInTheSentencesNamingThatHeader() {
    String raw = "hv-77aa88bb99";
    String enc = "hv-11cc22dd33";
    String body = "{\"tok\":\"" + SECRET + "\",\"a\":\"" + raw + "\",\"b\":\"" + enc + "\"}";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x?c=" + raw)
        .protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header(SECRET, raw)
        .header(B64, enc)
        .header("Content-Type", "application/json")
        .body(body)
        .build();
    List<Attack> attacks = List.of(
        new Attack("xss", null, point("header", SECRET), raw, Map.of()),
        new Attack("xss", null, point("header", B64), enc, Map.of()));
    AttackReport report = new AttackReport("r", "1", req, attacks, Map.of());

    MaskedReport out = Rewriter.mask(report, POLICY, MaskingOptions.defaults());

    int repeated = 0;
    int pieces = 0;
    for (Note n : out.notes()) {
      String text = n.toString().toUpperCase(Locale.ROOT);
      assertThat(text).doesNotContain(SECRET.toUpperCase(Locale.ROOT))
          .doesNotContain(B64.toUpperCase(Locale.ROOT));
      repeated += n.reason().contains("repeated the value masked at header ***") ? 1 : 0;
      pieces += n.reason().contains("part of the value masked at header ***") ? 1 : 0;
    }
    assertThat(repeated).isGreaterThanOrEqualTo(2); // the body's echoes of both header values
    assertThat(pieces).isEqualTo(2); // each attack's payload, a header value
    assertThat(new String(out.report().request().bodyUnsafe(), StandardCharsets.UTF_8))
        .doesNotContain(SECRET).doesNotContain(raw).doesNotContain(enc);
  }

  private static JsonNode point(String... flat) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (String s : flat) {
      a.add(s);
    }
    return a;
  }
}
