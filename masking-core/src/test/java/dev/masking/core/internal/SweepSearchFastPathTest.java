package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * search14's changes to the sweep's search: the short-text search that takes the thread's small
 * pair table without a second look-up once this matcher holds it, and the attack point's prefix
 * test that compares the prefix's last step first. Differential tests against the reference
 * paths (the automaton, {@link Point#startsWith}) and a canary over a whole report.
 */
final class SweepSearchFastPathTest {

  private static final String ALPHABET = "abcXYZ0189-_.=%@/ ";

  private static String random(Random r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static Set<String> hitSet(Echoes e, List<Echoes.Hit> hits) {
    Set<String> out = new TreeSet<>();
    for (Echoes.Hit h : hits) {
      out.add(h.start() + ":" + h.end() + ":" + h.needle().kind + ":"
          + h.needle().length + ":" + System.identityHashCode(h.needle()));
    }
    return out;
  }

  /**
   * Texts of every length below and around the needles' shortest, searched in sequence on one
   * matcher so that the direct search, the first claim of the small table and the claimed path
   * all run: each finds exactly the hits the automaton finds in the same bytes.
   */
  @Test
  void shortTextsFindWhatTheAutomatonFindsBeforeAndAfterTheTableIsClaimed() {
    Random r = new Random(14);
    for (int round = 0; round < 300; round++) {
      MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
      run.push(Step.of("post"));
      int nv = 1 + r.nextInt(6);
      List<String> values = new ArrayList<>();
      for (int v = 0; v < nv; v++) {
        String value = random(r, 4 + r.nextInt(10));
        values.add(value);
        run.huntPastLimit(new Decision(MaskAction.redact(), "t"), value);
      }
      Echoes e = Echoes.of(run);
      if (e == null) {
        continue;
      }
      try {
        for (int t = 0; t < 40; t++) {
          StringBuilder text = new StringBuilder(random(r, r.nextInt(t % 7 == 6 ? 200 : 24)));
          if (r.nextBoolean()) {
            String v = values.get(r.nextInt(values.size()));
            text.insert(r.nextInt(text.length() + 1), v);
          }
          String s = text.toString();
          List<Echoes.Hit> got = new ArrayList<>();
          e.findAscii(s, got);
          List<Echoes.Hit> want = new ArrayList<>();
          byte[] b = s.getBytes(UTF_8);
          e.findAutomaton(b, 0, b.length, want);
          assertThat(hitSet(e, got)).as("text %s", s).isEqualTo(hitSet(e, want));
        }
      } finally {
        e.release();
      }
    }
  }

  private static Step randomStep(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> Step.of(r.nextBoolean() ? "post" : "json_doc");
      case 1 -> Step.named("hash", r.nextBoolean() ? "a" : "b");
      case 2 -> Step.named("header", r.nextBoolean() ? "X-Token" : "x-token");
      case 3 -> Step.indexed("array", r.nextInt(2));
      default -> Step.named("get", r.nextBoolean() ? "a" : "A");
    };
  }

  private static Point randomPoint(Random r) {
    int n = r.nextInt(5);
    Step[] s = new Step[n];
    for (int i = 0; i < n; i++) {
      s[i] = randomStep(r);
    }
    return Point.of(s);
  }

  /** The prefix test that compares the last step first answers as {@link Point#startsWith}. */
  @Test
  void theLastStepFirstPrefixTestAnswersAsStartsWith() {
    Random r = new Random(1414);
    int prefixes = 0;
    for (int i = 0; i < 200_000; i++) {
      Point p = randomPoint(r);
      Point q = r.nextInt(4) == 0 && p.size() > 0
          ? Point.of(p.steps().subList(0, r.nextInt(p.size() + 1))) : randomPoint(r);
      boolean want = p.startsWith(q);
      prefixes += want ? 1 : 0;
      assertThat(Residuals.startsWith(p, q)).as("%s / %s", p, q).isEqualTo(want);
    }
    assertThat(prefixes).isGreaterThan(10_000);
  }

  private static final Set<String> NAMES = Set.of("tok", "password");
  private static final MaskPolicy POLICY = f -> f.name() != null && NAMES.contains(f.name())
      ? new Decision(MaskAction.redact(), "t/names") : null;

  /**
   * Canary: a long URI claims the small table first; the short texts searched after it (header
   * values, the attack payload, the names in the attack's point and in the notes' points) must
   * still have the secret masked.
   */
  @Test
  void shortTextsSearchedAfterTheTableIsClaimedHaveTheSecretMasked() {
    String secret = "s3cr-9QzK";
    String body = "{\"tok\":\"" + secret + "\",\"" + secret + "\":{\"password\":\"pw-77aa\"},"
        + "\"x\":\"" + secret + "\"}";
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/api/v1/a/rather/long/path/to/claim/the/table?page=1&size=20&q=" + secret)
        .protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("X-Echo", secret)
        .header("X-Near", "a" + secret + "b")
        .header("Content-Type", "application/json")
        .body(body)
        .build();
    AttackReport report = new AttackReport("r", "7", req,
        List.of(Attack.of("sqli", Point.of(Step.of("post"), Step.of("json_doc"),
            Step.named("hash", secret), Step.named("hash", "password")), "x" + secret)),
        Map.of());
    MaskedReport out = Rewriter.mask(report, POLICY, MaskingOptions.defaults());
    AttackReport o = out.report();
    assertThat(new String(o.request().bodyUnsafe(), UTF_8)).doesNotContain(secret);
    assertThat(o.request().uri()).doesNotContain(secret);
    for (Header h : o.request().headers().asList()) {
      assertThat(h.value()).doesNotContain(secret);
    }
    for (Attack a : o.attacks()) {
      assertThat(a.payload()).doesNotContain(secret);
      assertThat(a.point().display()).doesNotContain(secret);
    }
    int named = 0;
    for (Note n : out.notes()) {
      assertThat(n.toString()).doesNotContain(secret);
      named += n.point() != null && n.point().display().contains("hash *** > hash password")
          ? 1 : 0;
    }
    assertThat(named).isPositive();
  }
}
