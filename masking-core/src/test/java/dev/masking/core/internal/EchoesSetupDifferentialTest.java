package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sweep's set-up (setup14): the raw form's bytes are the value's own, read on need (not stored
 * in the thread's needle arrays when collected). Against the old path: every needle's bytes equal
 * those its kind builds from the value ({@link Echoes#formBytes}, which the raw form copied), for
 * random values of every shape (plain, encoded, non-ASCII), and what the matcher finds in texts
 * planting them in several forms, short and long (sampled through the hashed and the full pair
 * table, whose prefixes read the raw form too), equals what the automaton finds.
 */
final class EchoesSetupDifferentialTest {

  private static final String CHARS = "abcXYZ019-._ %+/=&\"<~?@\u00e9\u20ac";

  private static List<String> values(Random r, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int len = 4 + r.nextInt(20);
      boolean plain = r.nextBoolean();
      for (int k = 0; k < len; k++) {
        sb.append(plain ? "abcXYZ019-._".charAt(r.nextInt(12)) : CHARS.charAt(r.nextInt(CHARS.length())));
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static Echoes echoes(List<String> values) {
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
    run.push(Step.of("post"));
    for (String v : values) {
      run.mask(new Decision(MaskAction.redact(), "t"), v);
    }
    return Echoes.of(run, true);
  }

  private static String planted(List<String> values, Random r, int pad) {
    StringBuilder sb = new StringBuilder("{\"x\":\"");
    for (String v : values) {
      sb.append("a".repeat(r.nextInt(pad + 1))).append(v).append("\",\"p\":\"")
          .append(Percent.encodeToString(v)).append("\",\"b\":\"")
          .append(java.util.Base64.getEncoder().encodeToString(v.getBytes(UTF_8)))
          .append("\",\"x\":\"");
    }
    return sb.append("\"}").toString();
  }

  private static List<String> sorted(List<Echoes.Hit> hits) {
    List<String> out = new ArrayList<>();
    hits.stream().sorted(Comparator.comparingInt(Echoes.Hit::start)
            .thenComparingInt(Echoes.Hit::end).thenComparing(h -> h.needle().kind))
        .forEach(h -> out.add(h.start() + "-" + h.end() + ":" + h.needle().kind));
    return out;
  }

  @Test
  void everyNeedlesBytesAreItsKindsAndTheMatcherFindsWhatTheAutomatonFinds() {
    Echoes.NeedleArrays.reclaimForTests();
    Random r = new Random(20261122L);
    for (int round = 0; round < 300; round++) {
      List<String> values = values(r, 1 + r.nextInt(8));
      Echoes e = echoes(values);
      try {
        for (int k = 0; k < e.size(); k++) {
          Echoes.Needle n = e.needle(k);
          byte[] raw = n.value().getBytes(UTF_8);
          if (n.kind < 8 || n.kind > 11) { // JSON and XML forms may be given whole
            assertThat(n.bytes())
                .isEqualTo(n.kind == 0 ? raw : Echoes.formBytes(raw, n.kind, n.length));
          }
          assertThat(n.bytes().length).isEqualTo(n.length);
          byte[] head = e.collectedPrefix(k);
          assertThat(head).isEqualTo(java.util.Arrays.copyOf(n.bytes(), head.length));
        }
        for (int pad : new int[] {0, 3, 400}) { // short texts, and long ones (1 KB and more)
          byte[] text = planted(values, r, pad).getBytes(UTF_8);
          List<Echoes.Hit> hash = new ArrayList<>();
          e.find(text, 0, text.length, hash);
          List<Echoes.Hit> ac = new ArrayList<>();
          e.findAutomaton(text, 0, text.length, ac);
          assertThat(sorted(hash)).isEqualTo(sorted(ac));
          for (String v : values) { // each value planted raw is found raw
            byte[] vb = v.getBytes(UTF_8);
            int at = Leaks.indexOf(text, vb);
            assertThat(hash).anySatisfy(h -> {
              assertThat(h.start()).isLessThanOrEqualTo(at);
              assertThat(h.end()).isGreaterThanOrEqualTo(at + vb.length);
            });
          }
        }
      } finally {
        e.release();
      }
      assertThat(Echoes.NeedleArrays.threadArraysClear()).isTrue();
    }
  }
}
