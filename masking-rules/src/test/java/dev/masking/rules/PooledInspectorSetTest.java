package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.io.ReportJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The inspector set a thread's pooled run lends to the thread's next run with the same options and
 * detector rules (the value detectors, the actions, the inspectors array; api10): a report masked
 * right after others on one thread is byte for byte and note for note what it is masked alone on
 * a fresh thread, including reports whose unselected values the detectors find secrets in (span
 * lists and the detectors' scratch filled), and none of the earlier reports' secrets appears in
 * it, in raw, percent-encoded or JSON-escaped form.
 */
final class PooledInspectorSetTest {

  private static final String[] A_SECRETS = {
    "insApw9931", "5555555555554444", "378282246310005", "insA-pw-8841",
  };

  /** Detector finds in a header, a cookie, the path, the query and escaped JSON strings. */
  private static AttackReport reportA() {
    String body = "{\"comment\":\"card \\u0035555555555554444 caf\\u00e9\",\"note\":\"see https://u:"
        + A_SECRETS[0] + "@h.example/p \\\"q\\\"\",\"nested\":\"password=" + A_SECRETS[3] + "&x=1\","
        + "\"amex\":\"" + A_SECRETS[2] + " é\"}";
    HttpRequest req = HttpRequest.builder()
        .method("POST")
        .uri("/insA/" + A_SECRETS[1] + "/x?note=https%3A%2F%2Fu%3A" + A_SECRETS[0] + "%40h.example%2F")
        .protocol("HTTP/1.1")
        .header("Host", "insa.example")
        .header("X-Contact", "see https://u:" + A_SECRETS[0] + "@h.example/ today")
        .header("Cookie", "pref=" + A_SECRETS[2] + "; lang=en")
        .header("Content-Type", "application/json")
        .body(body)
        .build();
    return AttackReport.of(req);
  }

  /** Other detector finds, and plain values the detectors and layers pass over. */
  private static AttackReport reportB() {
    HttpRequest req = HttpRequest.builder()
        .method("POST")
        .uri("/b/items/42?q=shoes&contact=https%3A%2F%2Fbee%3Abeepw77%40b.example%2F")
        .protocol("HTTP/1.1")
        .header("Host", "b.example")
        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101")
        .header("X-Contact", "https://bee:beepw77@b.example/")
        .header("Cookie", "lang=de; theme=dark")
        .header("Content-Type", "application/json")
        .body("{\"name\":\"Bee\",\"text\":\"pay 4111 1111 1111 1111 now \\u00e9\",\"n\":1}")
        .build();
    return AttackReport.of(req);
  }

  private static <T> T onFreshThread(Supplier<T> work) throws InterruptedException {
    AtomicReference<T> out = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        out.set(work.get());
      } catch (Throwable e) {
        failed.set(e);
      }
    });
    t.start();
    t.join();
    assertThat(failed.get()).isNull();
    return out.get();
  }

  private static String written(MaskedReport m) {
    return new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
  }

  private static List<String> notes(MaskedReport m) {
    List<String> out = new ArrayList<>();
    for (Note n : m.notes()) {
      out.add(String.valueOf(n));
    }
    return out;
  }

  private static void assertAlone(MaskedReport after, MaskedReport alone) {
    assertThat(written(after)).isEqualTo(written(alone));
    assertThat(notes(after)).isEqualTo(notes(alone));
    String all = Canaries.everything(after);
    for (String s : A_SECRETS) {
      for (String f : Canaries.forms(s)) {
        assertThat(all).as("a secret of report A in a later report").doesNotContain(f);
      }
    }
    assertThat(all).doesNotContain("insA").doesNotContain("insa");
  }

  @Test
  void reportsMaskedOneAfterAnotherOnOneThreadEqualThemMaskedAlone() throws InterruptedException {
    for (MaskingOptions options : List.of(MaskingOptions.defaults(),
        MaskingOptions.builder().hmacKey("k1", "0123456789abcdef0123".getBytes(
            StandardCharsets.US_ASCII)).build())) {
      Masker masker = Masker.of(RuleSet.preset("default"), options);
      MaskedReport aloneA = onFreshThread(() -> masker.mask(reportA()));
      MaskedReport aloneB = onFreshThread(() -> masker.mask(reportB()));
      assertThat(aloneA.changed()).isTrue();
      assertThat(aloneB.changed()).isTrue();
      Canaries.assertNoLeak(aloneA, A_SECRETS);
      assertThat(Canaries.everything(aloneB)).doesNotContain("beepw77")
          .doesNotContain("4111 1111 1111 1111");
      List<MaskedReport> bs = new ArrayList<>();
      List<MaskedReport> as = new ArrayList<>();
      onFreshThread(() -> {
        for (int i = 0; i < 20; i++) {
          as.add(masker.mask(reportA()));
          bs.add(masker.mask(reportB()));
        }
        return null;
      });
      for (MaskedReport b : bs) {
        assertAlone(b, aloneB);
      }
      for (MaskedReport a : as) {
        assertThat(written(a)).isEqualTo(written(aloneA));
        assertThat(notes(a)).isEqualTo(notes(aloneA));
      }
    }
  }

  @Test
  void aReportMaskedAfterOneUnderOtherDetectorsEqualsItMaskedAlone()
      throws InterruptedException {
    Masker none = Masker.of(RuleSet.preset("default"),
        MaskingOptions.builder().maxDecodeLayers(0).build());
    Masker all = Masker.of(RuleSet.preset("default"));
    MaskedReport alone = onFreshThread(() -> all.mask(reportB()));
    MaskedReport after = onFreshThread(() -> {
      all.mask(reportA());
      none.mask(reportA());
      none.mask(reportB());
      return all.mask(reportB());
    });
    assertAlone(after, alone);
  }
}
