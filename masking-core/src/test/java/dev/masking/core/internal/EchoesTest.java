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

/** The residual sweep's matcher: the hash matcher and the automaton agree, and both are bounded. */
final class EchoesTest {

  private static Echoes echoes(String... values) {
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
    run.push(Step.of("post"));
    for (String v : values) {
      run.mask(new Decision(MaskAction.redact(), "t"), v);
    }
    return Echoes.of(run);
  }

  private static List<String> sorted(List<Echoes.Hit> hits) {
    List<String> out = new ArrayList<>();
    hits.stream().sorted(Comparator.comparingInt(Echoes.Hit::start)
            .thenComparingInt(Echoes.Hit::end))
        .forEach(h -> out.add(h.start() + "-" + h.end() + ":" + h.needle().form));
    return out;
  }

  @Test
  void hashMatcherAndAutomatonFindTheSameEchoes() {
    Random r = new Random(42);
    String alphabet = "ab%2F= +/";
    for (int round = 0; round < 600; round++) {
      // Short values use the plain hash matcher, values of 6 and more the skipping one.
      int shortest = round % 2 == 0 ? 4 : 6;
      List<String> values = new ArrayList<>();
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        values.add(random(r, alphabet, shortest + r.nextInt(6)));
      }
      Echoes e = echoes(values.toArray(new String[0]));
      StringBuilder text = new StringBuilder();
      while (text.length() < 300) {
        text.append(r.nextInt(3) == 0 ? values.get(r.nextInt(values.size()))
            : random(r, alphabet, 1 + r.nextInt(5)));
      }
      byte[] b = text.toString().getBytes(UTF_8);
      List<Echoes.Hit> viaFind = new ArrayList<>();
      List<Echoes.Hit> viaAutomaton = new ArrayList<>();
      List<Echoes.Hit> viaAscii = new ArrayList<>();
      e.find(b, 0, b.length, viaFind);
      e.findAutomaton(b, 0, b.length, viaAutomaton);
      e.findAscii(text.toString(), viaAscii);
      assertThat(sorted(viaFind)).isEqualTo(sorted(viaAutomaton)).isEqualTo(sorted(viaAscii));
    }
  }

  @Test
  void repetitiveTextFallsBackToTheAutomatonAndStaysLinear() {
    Echoes e = echoes("a".repeat(64));
    byte[] text = "a".repeat(1_000_000).getBytes(UTF_8);
    List<Echoes.Hit> hits = new ArrayList<>();
    long t0 = System.nanoTime();
    e.find(text, 0, text.length, hits);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(hits).hasSize(1_000_000 - 63);
    assertThat(ms).isLessThan(5_000);
  }

  @Test
  void base64CoresCoverEveryAlignment() {
    // "secret!" after 0, 1 and 2 other bytes: only characters fixed by the value's bytes.
    assertThat(Echoes.base64Core("secret!".getBytes(UTF_8), 0, false)).isEqualTo("c2VjcmV0I");
    assertThat(Echoes.base64Core("secret!".getBytes(UTF_8), 1, false)).isEqualTo("NlY3JldC");
    assertThat(Echoes.base64Core("secret!".getBytes(UTF_8), 2, false)).isEqualTo("zZWNyZXQh");
  }

  @Test
  void base64CoreBytesAgreeWithTheEncoder() {
    Random r = new Random(7);
    byte[] std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(UTF_8);
    for (int round = 0; round < 500; round++) {
      byte[] raw = new byte[1 + r.nextInt(40)];
      r.nextBytes(raw);
      for (int align = 0; align < 3; align++) {
        assertThat(new String(Echoes.base64CoreBytes(raw, align, std), UTF_8))
            .isEqualTo(Echoes.base64Core(raw, align, false));
      }
    }
  }

  private static String random(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
