package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The small pair table's life (release14): a matcher of few needles fills the thread's table when
 * it is made ({@link Echoes#FILL_WHEN_MADE}), not on its first short text. Whatever happens to it
 * then (released unswept, its table taken by a second matcher on the thread, swept on another
 * thread), every planted echo in a short text is found as the automaton finds it, and once every
 * matcher is released no thread's table holds an entry (nothing derived from a value).
 */
final class EchoesSmallTableLifeTest {

  @BeforeEach
  void reclaim() {
    Echoes.NeedleArrays.reclaimForTests(); // from matchers other tests left unreleased
  }

  private static Echoes echoes(List<String> values) {
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
    run.push(Step.of("post"));
    for (String v : values) {
      run.mask(new Decision(MaskAction.redact(), "t"), v);
    }
    return Echoes.of(run, false);
  }

  private static List<String> secrets(Random r, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder("cAnArY").append(i);
      int len = 4 + r.nextInt(10);
      for (int k = 0; k < len; k++) {
        sb.append("abcXYZ0189-_".charAt(r.nextInt(12)));
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Short texts (under 1 KB: through the small table) holding each secret raw and in base64. */
  private static List<byte[]> texts(List<String> secrets) {
    List<byte[]> out = new ArrayList<>();
    for (String s : secrets) {
      out.add(("{\"note\":\"seen " + s + " here\"}").getBytes(UTF_8));
      out.add(("a=" + Base64.getEncoder().encodeToString(("x:" + s + ":y").getBytes(UTF_8)))
          .getBytes(UTF_8));
    }
    return out;
  }

  /** What the matcher finds in each text, as start-end:form, against what the automaton finds. */
  private static void assertFindsAsTheAutomaton(Echoes e, List<byte[]> texts) {
    for (byte[] t : texts) {
      List<Echoes.Hit> hits = new ArrayList<>();
      e.find(t, 0, t.length, hits);
      List<Echoes.Hit> expected = new ArrayList<>();
      e.findAutomaton(t, 0, t.length, expected);
      assertThat(expected).as("the text holds an echo").isNotEmpty();
      assertThat(keys(hits)).containsExactlyInAnyOrderElementsOf(keys(expected));
      String ascii = new String(t, UTF_8);
      List<Echoes.Hit> chars = new ArrayList<>();
      e.findAscii(ascii, chars);
      assertThat(keys(chars)).containsExactlyInAnyOrderElementsOf(keys(expected));
    }
  }

  private static List<String> keys(List<Echoes.Hit> hits) {
    List<String> out = new ArrayList<>();
    for (Echoes.Hit h : hits) {
      out.add(h.start() + "-" + h.end() + ":" + h.needle().form);
    }
    return out;
  }

  @Test
  void aMatcherOfFewNeedlesFillsTheTableWhenMadeAndClearsItWhenReleasedUnswept() {
    Echoes e = echoes(secrets(new Random(1), 3));
    assertThat(e.size()).isLessThanOrEqualTo(Echoes.FILL_WHEN_MADE);
    assertThat(Echoes.threadTableEntries()).as("filled when made").isPositive();
    e.release();
    assertThat(Echoes.threadTableEntries()).isZero();
    assertThat(Echoes.NeedleArrays.threadArraysClear()).isTrue();
  }

  @Test
  void aSecondMatcherOnTheThreadTakesTheTableAndTheFirstStillFindsEveryEcho() {
    Random r = new Random(2);
    for (int round = 0; round < 20; round++) {
      List<String> first = secrets(r, 1 + r.nextInt(8));
      List<String> second = secrets(r, 1 + r.nextInt(8));
      Echoes a = echoes(first);
      Echoes b = echoes(second); // made second: the table holds its entries now
      assertFindsAsTheAutomaton(b, texts(second)); // through the table filled when made
      assertFindsAsTheAutomaton(a, texts(first)); // takes the table back, filled again
      assertFindsAsTheAutomaton(b, texts(second)); // and again
      assertFindsAsTheAutomaton(a, texts(first));
      if (r.nextBoolean()) {
        a.release();
        b.release();
      } else {
        b.release();
        a.release();
      }
      assertThat(Echoes.threadTableEntries()).as("round %d", round).isZero();
      assertThat(Echoes.NeedleArrays.threadArraysClear()).isTrue();
    }
  }

  @Test
  void aMatcherSweptOnAnotherThreadFindsEveryEchoAndLeavesNoTableSet() throws Exception {
    List<String> secrets = secrets(new Random(3), 6);
    Echoes e = echoes(secrets); // fills this thread's table
    AtomicReference<Throwable> failed = new AtomicReference<>();
    int[] left = {-1};
    Thread t = new Thread(() -> {
      try {
        assertFindsAsTheAutomaton(e, texts(secrets)); // through that thread's table
        e.release();
        left[0] = Echoes.threadTableEntries();
      } catch (Throwable x) {
        failed.set(x);
      }
    });
    t.start();
    t.join();
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
    assertThat(left[0]).as("the sweeping thread's table").isZero();
    // This thread's table too: the entries set when the matcher was made were cleared when it
    // moved to the other thread's table (before: they stayed until this thread's next claim).
    assertThat(Echoes.threadTableEntries()).as("the making thread's table").isZero();
    Echoes.NeedleArrays.reclaimForTests();
  }

  @Test
  void theLiteralsAreNotHuntedAndEveryOtherTextOfTheLengthIs() {
    // Against the old test (every text compared to the three literals): the same answer.
    Random r = new Random(4);
    String chars = "truefalsn*x";
    List<String> texts = new ArrayList<>(List.of("true", "false", "null", "True", "nul", "nulll",
        "falsee", "tru", "truex", "xnull", "", "fals", "alse"));
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(8);
      for (int k = 0; k < len; k++) {
        sb.append(chars.charAt(r.nextInt(chars.length())));
      }
      texts.add(sb.toString());
    }
    for (String v : texts) {
      for (int min = 0; min <= 6; min++) {
        boolean old = v.length() >= min && !v.equals("true") && !v.equals("false")
            && !v.equals("null");
        assertThat(Echoes.hunted(v, min)).as("%s %d", v, min).isEqualTo(old);
      }
    }
    assertThat(Echoes.hunted("false", 1)).isFalse();
    assertThat(Echoes.hunted("null", 1)).isFalse();
    assertThat(Echoes.hunted("true", 1)).isFalse();
    assertThat(Echoes.hunted("fals3", 1)).isTrue();
  }
}
