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
 * The sweep's needle arrays, lent by the thread to one matcher at a time: a matcher made of them
 * finds what one with arrays of its own finds, and once released they hold nothing of its values
 * (no value, form, head or length), whatever the number of needles (grown past them, or not).
 */
final class EchoesPooledArraysTest {

  private static Echoes echoes(List<String> values) {
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
    run.push(Step.of("post"));
    for (String v : values) {
      run.mask(new Decision(MaskAction.redact(), "t"), v);
    }
    return Echoes.of(run, true);
  }

  private static List<String> hits(Echoes e, String text) {
    List<Echoes.Hit> hits = new ArrayList<>();
    byte[] b = text.getBytes(UTF_8);
    e.find(b, 0, b.length, hits);
    List<Echoes.Hit> ascii = new ArrayList<>();
    if (e.matchesChars(text)) {
      e.findAscii(text, ascii);
    }
    List<String> out = new ArrayList<>();
    hits.stream().sorted(Comparator.comparingInt(Echoes.Hit::start)
            .thenComparingInt(Echoes.Hit::end).thenComparing(h -> h.needle().form))
        .forEach(h -> out.add(h.start() + "-" + h.end() + ":" + h.needle().form));
    out.add("ascii:" + ascii.size());
    return out;
  }

  /** A text with each value planted raw, percent-encoded, JSON-escaped and base64-encoded. */
  private static String planted(List<String> values) {
    StringBuilder sb = new StringBuilder("{\"x\":\"");
    for (String v : values) {
      sb.append(v).append("\",\"p\":\"").append(Percent.encodeToString(v)).append("\",\"j\":\"")
          .append(JsonEscapes.escape(v)).append("\",\"b\":\"")
          .append(java.util.Base64.getEncoder().encodeToString(v.getBytes(UTF_8)))
          .append("\",\"x\":\"");
    }
    return sb.append("\"}").toString();
  }

  private static List<String> values(Random r, int n) {
    String chars = "abcXYZ019-._ %+/=&\"<~?";
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder("pl").append(i).append('-');
      int len = 4 + r.nextInt(12);
      for (int k = 0; k < len; k++) {
        sb.append(chars.charAt(r.nextInt(chars.length())));
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void pooledArraysFindWhatOwnArraysFindAndHoldNothingOnceReleased() {
    Echoes.NeedleArrays.reclaimForTests(); // from matchers other tests left unreleased
    Random r = new Random(20261122L);
    int[] counts = {1, 3, 7, 300, 2, 40, 260, 5};
    for (int round = 0; round < counts.length; round++) {
      List<String> vs = values(r, counts[round]);
      String text = planted(vs);
      // A matcher made while the thread's arrays are lent has arrays of its own: the reference.
      Echoes pooled = echoes(vs);
      Echoes own = echoes(vs);
      List<String> expected = hits(own, text);
      assertThat(hits(pooled, text)).as("round %d", round).isEqualTo(expected);
      assertThat(expected.size()).isGreaterThan(4 * counts[round]);
      own.release();
      pooled.release();
      assertThat(Echoes.NeedleArrays.threadArraysClear()).as("round %d", round).isTrue();
      assertThat(Echoes.threadTableEntries()).isZero();
      // Made again once they are back: lent again (not one of its own), and as exact.
      Echoes again = echoes(vs);
      assertThat(hits(again, text)).as("round %d", round).isEqualTo(expected);
      again.release();
      assertThat(Echoes.NeedleArrays.threadArraysClear()).as("round %d", round).isTrue();
    }
  }

  @Test
  void matchersWhoseMasksWereBuiltForHitsLeaveTheArraysAndTableClear() {
    // Replacements built for found echoes (a value's masks, its byte set and percent counts set
    // on need): every combination of them leaves the thread's arrays and table clear.
    Echoes.NeedleArrays.reclaimForTests();
    List<String> vs = List.of("plain-secret-1", "pct secret&2", "only-raw-3x", "json\"q-4");
    for (int found = 0; found < 1 << vs.size(); found++) {
      StringBuilder text = new StringBuilder("x ");
      for (int i = 0; i < vs.size(); i++) {
        if ((found & 1 << i) != 0) {
          text.append(Percent.encodeToString(vs.get(i))).append(' ').append(vs.get(i)).append(' ');
        }
      }
      Echoes e = echoes(vs);
      List<Echoes.Hit> hits = new ArrayList<>();
      byte[] b = text.toString().getBytes(UTF_8);
      e.find(b, 0, b.length, hits);
      for (Echoes.Hit h : hits) {
        assertThat(h.needle().replacement()).doesNotContain(h.needle().value());
      }
      assertThat(hits.size()).as("found %d", found).isEqualTo(2 * Integer.bitCount(found));
      e.release();
      assertThat(Echoes.NeedleArrays.threadArraysClear()).as("found %d", found).isTrue();
      assertThat(Echoes.threadTableEntries()).isZero();
    }
  }

  @Test
  void aRunWithNothingToHuntGivesTheArraysBack() {
    Echoes.NeedleArrays.reclaimForTests();
    assertThat(echoes(List.of("ab", "true", "****"))).isNull(); // too short, a literal, stars
    assertThat(Echoes.NeedleArrays.threadArraysClear()).isTrue();
    Echoes e = echoes(List.of("plantedSecret-91"));
    assertThat(hits(e, "x plantedSecret-91 y")).contains("2-18:raw");
    e.release();
    assertThat(Echoes.NeedleArrays.threadArraysClear()).isTrue();
  }

  @Test
  void manyValuesAndAMaskedContainersMembersAreFoundAndTheArraysClearedOnRelease() {
    Echoes.NeedleArrays.reclaimForTests();
    Random r = new Random(7L);
    // Many values (arrays grown past the pooled ones' first size), and a masked container whose
    // members are values too.
    List<String> vs = new ArrayList<>(values(r, 296));
    vs.add("{\"a\":\"member-secret-1\",\"b\":[\"member-secret-2\",12345678]}");
    String text = planted(vs) + " member-secret-1 member-secret-2 12345678";
    Echoes pooled = echoes(vs);
    Echoes own = echoes(vs);
    List<String> expected;
    List<String> got;
    try {
      expected = hits(own, text);
      got = hits(pooled, text);
    } finally {
      own.release();
      pooled.release();
    }
    assertThat(got).isEqualTo(expected);
    for (String m : List.of("member-secret-1", "member-secret-2", "12345678")) {
      int at = text.lastIndexOf(m);
      assertThat(expected).contains(at + "-" + (at + m.length()) + ":raw");
    }
    assertThat(Echoes.NeedleArrays.threadArraysClear()).isTrue();
  }

  @Test
  void threadsSharingOnePolicyEachFindTheirOwnValuesOnlyAndEndClear() throws Exception {
    int threads = 6;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Boolean>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          Random r = new Random(id);
          for (int round = 0; round < 300; round++) {
            String mine = "thr" + id + "-secret-" + round + "-" + r.nextInt(1_000_000);
            String other = "thr" + ((id + 1) % threads) + "-secret-" + round + "-x";
            Echoes e = echoes(List.of(mine, mine + "-2"));
            String text = "a " + mine + " b " + other + " c "
                + java.util.Base64.getEncoder().encodeToString(mine.getBytes(UTF_8));
            List<String> h = hits(e, text);
            e.release();
            if (h.stream().noneMatch(x -> x.startsWith("2-" + (2 + mine.length()) + ":raw"))
                || h.stream().anyMatch(x -> x.contains(other))
                || !Echoes.NeedleArrays.threadArraysClear()) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> f : done) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
