package dev.masking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Before any timing is trusted: every JSON engine gives ours' output on every input. */
final class JsonEnginesAgreeTest {

  private static final AtomicInteger RAN = new AtomicInteger();

  static java.util.List<String> sizes() {
    return Inputs.JSON_SIZES;
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void everyPeerGivesOursOutputByteForByte(String size) {
    byte[] body = Inputs.json(size);
    JsonEngines e = new JsonEngines(Inputs.JSON_KEYS);
    byte[] ours = e.masking(Inputs.bodyOnly("application/json", body));

    assertThat(new String(e.maskingScanner(body), StandardCharsets.UTF_8)).as("scanner alone")
        .isEqualTo(utf8(ours));
    assertThat(utf8(e.jsonMasker(body))).as("json-masker").isEqualTo(utf8(ours));
    assertThat(utf8(e.jacksonTree(body))).as("Jackson tree").isEqualTo(utf8(ours));
    assertThat(utf8(e.jacksonStreaming(body))).as("Jackson streaming").isEqualTo(utf8(ours));
    assertThat(e.logbook(utf8(body))).as("Logbook").isEqualTo(utf8(ours));
    RAN.incrementAndGet();
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void inputsHaveTheAdvertisedShape(String size) {
    var report = Inputs.bodyOnly("application/json", Inputs.json(size));
    byte[] body = report.request().bodyUnsafe();
    byte[] ours = new JsonEngines(Inputs.JSON_KEYS).masking(report);
    String text = utf8(body);
    int masked = count(utf8(ours), "\"***\"");
    switch (size) {
      case "1kb", "dense1kb", "nomatch1kb" -> assertThat(body.length).isBetween(900, 1100);
      case "100kb" -> assertThat(body.length).isBetween(100 * 1024 - 200, 100 * 1024 + 200);
      default -> assertThat(count(text, "{")).isEqualTo(501);
    }
    int members = count(text, "\":");
    if ("nomatch1kb".equals(size)) {
      assertThat(ours).isSameAs(body); // zero copy
    } else if ("dense1kb".equals(size)) {
      assertThat(masked * 100 / members).isBetween(35, 65);
    } else if (!"nested500".equals(size)) {
      assertThat(masked * 100 / members).isBetween(4, 11);
      assertThat(text).contains("\\\"").contains("\\n");
    }
  }

  @AfterAll
  static void ranEveryInput() {
    assertThat(RAN.get()).isEqualTo(Inputs.JSON_SIZES.size());
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
