package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body that starts with "--" is sniffed as multipart whatever its Content-Type says; a PEM
 * private key sent as the body (curl --data-binary @key.pem) starts with its -----BEGIN line,
 * which the multipart reading took for a boundary, so the key detector never saw the key.
 */
final class SniffedMultipartReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static final String KEY = "-----BEGIN RSA PRIVATE KEY-----\n"
      + "MIIEpQIBAAKCAQEAq7BFUpkGp3+XQorKkeyMaterialZ1\n-----END RSA PRIVATE KEY-----\n";

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/octet-stream", "application/json",
      "application/x-pem-file", ""})
  void aPemKeySentAsTheWholeBodyIsMasked(String contentType) {
    for (String body : List.of(KEY, "\n" + KEY, " " + KEY)) {
      HttpRequest.Builder b = HttpRequest.builder().method("POST").uri("/keys")
          .header("Host", "h.example");
      if (!contentType.isEmpty()) {
        b.header("Content-Type", contentType);
      }
      MaskedReport m = DEFAULT.mask(new AttackReport("r-1", null, b.body(body).build(), List.of(),
          Map.of()));
      String out = new String(m.report().request().body(), UTF_8);
      assertThat(out).doesNotContain("keyMaterial").contains("-----BEGIN RSA PRIVATE KEY-----");
      MaskedReport again = DEFAULT.mask(m.report());
      assertThat(new String(again.report().request().body(), UTF_8)).isEqualTo(out);
    }
  }
}
