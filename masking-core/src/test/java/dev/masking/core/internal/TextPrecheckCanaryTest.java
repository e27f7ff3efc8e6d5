package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the per-inspector pre-check of values held as text ({@link
 * MaskRun#textInspectors}, {@link MaskRun#inspect(String, long)}): header values, cookie values
 * and path segments skip the inspectors whose byte pre-check says no. Secrets that only the
 * nested layers find, only the detectors find, or that the detectors find only after the nested
 * layers rewrote the value, and secrets in non-ASCII values (every inspector runs), never
 * survive in raw, percent-encoded or JSON-escaped form; the output and notes equal those with the
 * pre-checks off. Also the keep_last pre-check of {@link MaskRun#mask}: a value the nested layers
 * would not open keeps its last characters, one they open is starred whole.
 */
final class TextPrecheckCanaryTest {

  private static MaskPolicy policy(MaskAction action) {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    List<DetectorRule> detectors = List.copyOf(rules);
    Decision pw = new Decision(action, "pw");
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        String name = f.name();
        return name != null && (Ascii.lower(name).equals("password")
            || Ascii.lower(name).equals("x-secret")) ? pw : null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return detectors;
      }
    };
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  /** Secret (as planted, to look for) and the text that carries it. */
  private record Plant(String secret, String carrier) {}

  private static List<Plant> plants() {
    return List.of(
        // only the detectors: no character that starts a layer
        new Plant("4111111111111111", "card 4111111111111111 on file"),
        new Plant("AKIAQWERTYUIOPASDFGH", "AKIAQWERTYUIOPASDFGH"),
        new Plant("ghp_Zq9xW2vK7mN4bT6yR1sL8dF3hJ5pC0aE2gU7", "ghp_Zq9xW2vK7mN4bT6yR1sL8dF3hJ5pC0aE2gU7"),
        // only the nested layers: a selected member inside base64 JSON, a form, percent-encoding
        new Plant("Pw9canaryQ1", b64("{\"password\":\"Pw9canaryQ1\"}")),
        new Plant("Pw9canaryQ2", "a=1&password=Pw9canaryQ2"),
        new Plant("Pw9canaryQ3", "%7B%22password%22%3A%22Pw9canaryQ3%22%7D"),
        // the nested layers open it and the detectors look inside
        new Plant("5500000000000004", b64("{\"note\":\"5500000000000004\"}")),
        new Plant("5105105105105100", "x=1&note=5105105105105100"),
        // non-ASCII: every inspector runs
        new Plant("4012888888881881", "caf\u00e9 4012888888881881"),
        new Plant("Pw9canaryQ4", "\u00fcber=1&password=Pw9canaryQ4"));
  }

  private static void assertGone(String text, String secret, String context) {
    byte[] b = text.getBytes(UTF_8);
    assertThat(Leaks.found(b, secret)).as(context).isNull();
  }

  private record Out(String text, List<Note> notes) {}

  private static Out headers(Headers in, MaskPolicy p) {
    MaskRun run = new MaskRun(p, MaskingOptions.defaults());
    Headers out = HeaderScanner.mask(in, run);
    StringBuilder all = new StringBuilder();
    for (Header h : out) {
      all.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    return new Out(all.toString(), run.notes());
  }

  private static Out path(String uri, MaskPolicy p) {
    MaskRun run = new MaskRun(p, MaskingOptions.defaults());
    run.push(Step.of("uri"), null);
    String out = PathScanner.mask(uri, uri.length(), run);
    return new Out(out == null ? uri : out, run.notes());
  }

  private static <T> T precheckOff(java.util.function.Supplier<T> s) {
    MaskRun.precheck = false;
    try {
      return s.get();
    } finally {
      MaskRun.precheck = true;
    }
  }

  @Test
  void secretsInHeaderAndCookieValuesAreMaskedWhicheverInspectorFindsThem() {
    MaskPolicy p = policy(MaskAction.redact());
    for (Plant plant : plants()) {
      Headers in = Headers.of("X-Note", plant.carrier(), "Accept", "text/plain",
          "Cookie", "theme=dark; state=" + plant.carrier() + "; lang=en",
          "Cookie", "a=1,state=" + plant.carrier());
      Out on = headers(in, p);
      Out off = precheckOff(() -> headers(in, p));
      assertGone(on.text(), plant.secret(), plant.carrier());
      assertThat(on.text()).contains("Accept: text/plain").contains("theme=dark");
      assertThat(on).as(plant.carrier()).isEqualTo(off);
      assertThat(on.notes()).as(plant.carrier()).isNotEmpty();
    }
  }

  @Test
  void secretsInPathSegmentsAreMaskedWhicheverInspectorFindsThem() {
    MaskPolicy p = policy(MaskAction.redact());
    for (Plant plant : plants()) {
      if (plant.carrier().indexOf(' ') >= 0 || plant.carrier().indexOf('/') >= 0) {
        continue; // a path segment carries neither raw
      }
      String uri = "/api/" + plant.carrier() + "/x;m=" + plant.carrier();
      Out on = path(uri, p);
      Out off = precheckOff(() -> path(uri, p));
      assertGone(on.text(), plant.secret(), uri);
      assertThat(on.text()).startsWith("/api/");
      assertThat(on).as(uri).isEqualTo(off);
    }
  }

  @Test
  void keepLastKeepsTheEndOfAFlatValueAndStarsAValueTheNestedLayersOpen() {
    MaskPolicy p = policy(new MaskAction.KeepLast(4));
    Out flat = headers(Headers.of("X-Secret", "Sk7flatcanary9Q"), p);
    assertThat(flat.text()).contains("X-Secret: ").endsWith("9Q\n").doesNotContain("flatcanary");
    Out nested = headers(Headers.of("X-Secret", b64("{\"password\":\"Pw9canaryQ5\"}")), p);
    assertGone(nested.text(), "Pw9canaryQ5", "nested");
    assertThat(nested.text()).matches("(?s)X-Secret: \\*+\n");
  }
}
