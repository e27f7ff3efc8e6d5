package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MaskRun#textInspectors} with the value detectors' table test gathered in the ASCII copy
 * ({@link Detection#copyQuick}, when the detectors are the only inspector besides the nested
 * layers) answers exactly as the copy followed by each inspector's byte pre-check did: on random
 * texts made of the pieces the detectors and the nested layers look at (the detectors' true
 * positives, near misses, non-ASCII characters whose low byte is a trigger), under several
 * detector sets, every sub-range of lengths 0 to 80. And a header value of up to 64 characters
 * holding a secret only the detectors find is masked in every position.
 */
final class TextInspectorsQuickTest {

  private static final String[] PIECES = {
    "4111111111111111", "4111 1111 1111 1111", "378282246310005", "123-45-6789", "0", "12",
    "345", "6789", " ", "-", "a", "Z", "é", "x", "_", ".", "://", "https://", "u:p@", "@", "host",
    "/", "?", ":", "-----BEGIN ", "RSA PRIVATE KEY-----", "eyJhbGciOiJIUzI1NiJ9", ".e30.",
    "AKIAIOSFODNN7EXAMPLE", "ASIA", "AIza", "DE89370400440532013000", "ghp_0123456789abcdefghij",
    "xoxb-123456789012-abc", "sk_live_0123456789abcdef", "rk_live_", "a@b.co", "github_pat_",
    "gh", "xox", "J", "y", "B", "A", "K", "S", "I", "=", "%41", "{\"a\":1}", "<x>", "cGFzcw==",
    "application/json", "okhttp/4.12.0", "\u0140", "\u0141", "\u0130", "\u2010", "\u00ff",
    "\ud83d\ude00",
  };

  private static MaskPolicy policy(List<Detector> on) {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : on) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    List<DetectorRule> detectors = List.copyOf(rules);
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return detectors;
      }
    };
  }

  private static List<List<Detector>> detectorSets() {
    List<List<Detector>> sets = new ArrayList<>();
    sets.add(Arrays.asList(Detector.values()));
    for (Detector d : Detector.values()) {
      sets.add(List.of(d));
    }
    // The default preset's set (no e-mail, no IBAN, no SSN).
    sets.add(List.of(Detector.CARD, Detector.JWT, Detector.PRIVATE_KEY, Detector.URL_PASSWORD,
        Detector.AWS_ACCESS_KEY, Detector.GITHUB_TOKEN, Detector.SLACK_TOKEN, Detector.STRIPE_KEY,
        Detector.GOOGLE_API_KEY));
    return sets;
  }

  /** The answer as before: the copy, then each active inspector's pre-check on its bytes. */
  private static ValueInspector[] inspectors(MaskRun run) throws Exception {
    java.lang.reflect.Field f = MaskRun.class.getDeclaredField("inspectors");
    f.setAccessible(true);
    return (ValueInspector[]) f.get(run);
  }

  private static long reference(MaskRun run, String s, int from, int to) throws Exception {
    ValueInspector[] all = inspectors(run);
    int n = to - from;
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(from + i);
      if (c >= 0x80) {
        return MaskRun.ALL_INSPECTORS;
      }
      b[i] = (byte) c;
    }
    long which = 0;
    for (int k = 0; k < all.length; k++) {
      if (all[k].mayInspect(b, 0, n)) {
        which |= 1L << k;
      }
    }
    return which;
  }

  @Test
  void answersAsTheCopyAndEachPrecheckOnRandomTexts() throws Exception {
    Random r = new Random(15);
    int detectorsYes = 0;
    int detectorsNo = 0;
    for (List<Detector> set : detectorSets()) {
      MaskRun run = new MaskRun(policy(set), MaskingOptions.defaults());
      assertThat(run.inspectsBeyondLayers()).isTrue();
      long detectorBit = 0;
      ValueInspector[] all = inspectors(run);
      for (int k = 0; k < all.length; k++) {
        if (all[k] instanceof DetectorInspector) {
          detectorBit = 1L << k;
        }
      }
      assertThat(detectorBit).isNotZero();
      for (int t = 0; t < 4_000; t++) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + r.nextInt(7);
        for (int p = 0; p < parts; p++) {
          String piece = PIECES[r.nextInt(PIECES.length)];
          if (r.nextInt(3) == 0 && piece.length() > 2) {
            int s = r.nextInt(piece.length());
            piece = piece.substring(s, s + 1 + r.nextInt(piece.length() - s));
          }
          sb.append(piece);
        }
        String v = sb.toString();
        int from = r.nextInt(Math.min(4, v.length()) + 1);
        int to = from + r.nextInt(Math.min(80, v.length() - from) + 1);
        long want = reference(run, v, from, to);
        long got = run.textInspectors(v, from, to);
        assertThat(got).as("%s [%d, %d) under %s", v, from, to, set).isEqualTo(want);
        if (want != MaskRun.ALL_INSPECTORS && to - from >= 13 && to - from <= 64) {
          if ((want & detectorBit) != 0) {
            detectorsYes++;
          } else {
            detectorsNo++;
          }
        }
      }
    }
    // Both answers were met often in the fused range (the test is not vacuous).
    assertThat(detectorsYes).isGreaterThan(1_000);
    assertThat(detectorsNo).isGreaterThan(1_000);
  }

  @Test
  void aSecretOnlyTheDetectorsFindIsMaskedInAnyShortHeaderValue() {
    String[] secrets = {"4111111111111111", "AKIAIOSFODNN7EXAMPLE", "sk_live_0123456789abcdefABCD",
        "xoxb-123456789012-abcdefghijkl", "https://u:Pw9canary@h.example/"};
    MaskPolicy p = policy(List.of(Detector.CARD, Detector.JWT, Detector.PRIVATE_KEY,
        Detector.URL_PASSWORD, Detector.AWS_ACCESS_KEY, Detector.GITHUB_TOKEN,
        Detector.SLACK_TOKEN, Detector.STRIPE_KEY, Detector.GOOGLE_API_KEY));
    for (String secret : secrets) {
      String hidden = secret.startsWith("https") ? "Pw9canary" : secret;
      for (int pad = 0; secret.length() + pad <= 64; pad += 7) {
        String value = "q".repeat(pad / 2) + " " + secret + " " + "z".repeat(pad - pad / 2);
        MaskRun run = new MaskRun(p, MaskingOptions.defaults());
        Headers out = HeaderScanner.mask(Headers.of("X-Note", value, "Accept", "text/plain"), run);
        StringBuilder all = new StringBuilder();
        for (Header h : out) {
          all.append(h.name()).append(": ").append(h.value()).append('\n');
        }
        assertThat(Leaks.found(all.toString().getBytes(UTF_8), hidden)).as(value).isNull();
        assertThat(all.toString()).contains("Accept: text/plain");
      }
    }
  }
}
