package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import org.junit.jupiter.api.Test;

/**
 * A pooled run clears only the scratch bytes and builder characters it used when it gives them
 * back; what the next run on the thread borrows still holds nothing of an earlier run's values,
 * whichever of them wrote how much.
 */
final class PooledScratchClearTest {
  private static final MaskPolicy NONE = f -> null;

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void scratchBytesOfEveryEarlierRunAreClearedWhateverTheLaterRunsUsed() {
    MaskRun first = MaskRun.pooled(NONE, MaskingOptions.defaults());
    byte[] big = first.scratch(3000);
    java.util.Arrays.fill(big, 0, 3000, (byte) 'x');
    first.release();
    for (int round = 0; round < 3; round++) {
      MaskRun run = MaskRun.pooled(NONE, MaskingOptions.defaults());
      byte[] b = run.scratch(10);
      assertThat(b).isSameAs(big); // the pooled array, whole
      assertThat(allZero(b)).isTrue();
      java.util.Arrays.fill(b, 0, 10 + round * 100, (byte) 'y');
      run.scratch(10 + round * 100); // asked for as much as it wrote
      run.release();
    }
    MaskRun last = MaskRun.pooled(NONE, MaskingOptions.defaults());
    assertThat(allZero(last.scratch(1))).isTrue();
    last.release();
  }

  @Test
  void textOfEveryEarlierRewriteIsClearedWhateverTheLaterRewritesHeld() {
    MaskRun first = MaskRun.pooled(NONE, MaskingOptions.defaults());
    StringBuilder b = first.borrowText(2000);
    b.append("s".repeat(1500));
    first.giveBackText(b);
    StringBuilder again = first.borrowText(10);
    again.append("short");
    first.giveBackText(again);
    first.release();
    MaskRun next = MaskRun.pooled(NONE, MaskingOptions.defaults());
    StringBuilder c = next.borrowText(10);
    assertThat(c).isSameAs(b);
    c.setLength(c.capacity());
    assertThat(c.chars().allMatch(ch -> ch == 0)).isTrue();
    c.setLength(0);
    next.giveBackText(c);
    next.release();
  }

  @Test
  void aCallWhosePolicyFailsBeforeTheRunIsMadeLeavesThePoolToTheThreadsLaterCalls() {
    MaskPolicy broken = new MaskPolicy() {
      @Override
      public dev.masking.core.Decision decide(dev.masking.core.Field f) {
        return null;
      }

      @Override
      public java.util.List<dev.masking.core.detect.DetectorRule> detectors() {
        return java.util.Arrays.asList((dev.masking.core.detect.DetectorRule) null);
      }
    };
    MaskRun first = MaskRun.pooled(NONE, MaskingOptions.defaults());
    byte[] pooled = first.scratch(8);
    first.release();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> MaskRun.pooled(broken, MaskingOptions.defaults()))
        .isInstanceOf(NullPointerException.class);
    MaskRun next = MaskRun.pooled(NONE, MaskingOptions.defaults());
    assertThat(next.scratch(8)).isSameAs(pooled);
    next.release();
  }

  @Test
  void aPolicyWhoseDetectorsThrowFailsTheCallWithoutItsMessageAndLeavesThePool() {
    MaskPolicy broken = new MaskPolicy() {
      @Override
      public dev.masking.core.Decision decide(dev.masking.core.Field f) {
        return null;
      }

      @Override
      public java.util.List<dev.masking.core.detect.DetectorRule> detectors() {
        throw new IllegalArgumentException("bound to a report holding dtSecret9");
      }
    };
    MaskRun first = MaskRun.pooled(NONE, MaskingOptions.defaults());
    byte[] pooled = first.scratch(8);
    first.release();
    dev.masking.core.AttackReport r = dev.masking.core.AttackReport.of(
        dev.masking.core.HttpRequest.builder().method("GET").uri("/?note=dtSecret9").build());
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> dev.masking.core.Rewriter.mask(r, broken, MaskingOptions.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detectors()").hasMessageNotContaining("dtSecret9").hasNoCause();
    MaskRun next = MaskRun.pooled(NONE, MaskingOptions.defaults());
    assertThat(next.scratch(8)).isSameAs(pooled);
    next.release();
  }

  private static Object[] field(MaskRun run, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field f = MaskRun.class.getDeclaredField(name);
    f.setAccessible(true);
    return (Object[]) f.get(run);
  }

  @Test
  void stepsNamesAndLazySourcesOfEveryDepthAnEarlierRunReachedAreCleared() throws Exception {
    MaskRun first = MaskRun.pooled(NONE, MaskingOptions.defaults());
    MaskRun.StepSource source = (from, to) -> dev.masking.core.Step.named("hash", "lazy");
    for (int d = 0; d < 40; d++) { // past the first array size: the stack grows
      if (d % 3 == 1) {
        first.pushLazy(source, 0, 0);
      } else {
        first.push(dev.masking.core.Step.named("hash", "k" + d), d % 3 == 0 ? "k" + d : null);
      }
    }
    first.popTo(3);
    first.pushLazy(source, 0, 0);
    first.release();
    MaskRun second = MaskRun.pooled(NONE, MaskingOptions.defaults());
    second.push(dev.masking.core.Step.of("post"), null);
    second.release();
    MaskRun next = MaskRun.pooled(NONE, MaskingOptions.defaults());
    for (String name : new String[] {"steps", "names", "lazy"}) {
      Object[] a = field(next, name);
      assertThat(a).hasSizeGreaterThanOrEqualTo(40);
      assertThat(a).as(name).containsOnlyNulls();
    }
    next.release();
  }
}
