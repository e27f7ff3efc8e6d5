package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MaskedPointIndex} answers what the loop over the masked points it replaces answered
 * (strictest containing point, earliest among equals; a masked point strictly inside), on random
 * points with header names in any case, duplicates, the empty point and points added after the
 * index was built.
 */
final class MaskedPointIndexTest {
  private static final MaskAction[] ACTIONS = {MaskAction.redact(), new MaskAction.Stars(),
      new MaskAction.KeepLast(4), new MaskAction.KeepFirst(2), new MaskAction.Hmac()};
  private static final String[] RULES = {"a", "b", "c"};

  private static Step randomStep(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> Step.of(r.nextBoolean() ? "post" : "get");
      case 1 -> Step.named("header", r.nextBoolean() ? "X-Token" : "x-TOKEN");
      case 2 -> Step.named("hash", "k" + r.nextInt(3));
      case 3 -> Step.indexed("array", r.nextInt(2));
      default -> Step.of("json_doc");
    };
  }

  private static Point randomPoint(Random r) {
    int n = r.nextInt(5);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      steps.add(randomStep(r));
    }
    return Point.of(steps);
  }

  private static MaskRun.Masked bruteContaining(List<MaskRun.Masked> masked, Point p) {
    MaskRun.Masked at = null;
    for (MaskRun.Masked m : masked) {
      if (m.point().size() <= p.size() && p.startsWith(m.point())
          && (at == null || DetectorInspector.stricter(m.decision(), at.decision()))) {
        at = m;
      }
    }
    return at;
  }

  private static boolean bruteHolds(List<MaskRun.Masked> masked, Point p) {
    for (MaskRun.Masked m : masked) {
      if (m.point().size() > p.size() && m.point().startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void answersAsTheLoopOverMaskedPointsOnRandomPoints() {
    Random r = new Random(7);
    int checked = 0;
    for (int round = 0; round < 300; round++) {
      List<MaskRun.Masked> masked = new ArrayList<>();
      int n = r.nextInt(30);
      for (int i = 0; i < n; i++) {
        masked.add(new MaskRun.Masked(randomPoint(r), new Decision(
            ACTIONS[r.nextInt(ACTIONS.length)], RULES[r.nextInt(RULES.length)])));
      }
      MaskedPointIndex index = new MaskedPointIndex(masked);
      for (int q = 0; q < 40; q++) {
        if (q == 20) { // points masked after the index was first asked
          for (int i = 0; i < 5; i++) {
            masked.add(new MaskRun.Masked(randomPoint(r), new Decision(
                ACTIONS[r.nextInt(ACTIONS.length)], RULES[r.nextInt(RULES.length)])));
          }
        }
        Point p = randomPoint(r);
        assertThat(index.containing(p)).isSameAs(bruteContaining(masked, p));
        assertThat(index.holdsInside(p)).isEqualTo(bruteHolds(masked, p));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(300 * 40);
  }
}
