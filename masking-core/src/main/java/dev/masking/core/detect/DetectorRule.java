package dev.masking.core.detect;

import dev.masking.core.Decision;
import java.util.Objects;

/**
 * One active value detector and the decision (action and rule id) applied to every span it finds.
 * A {@link dev.masking.core.MaskPolicy} lists these in {@link
 * dev.masking.core.MaskPolicy#detectors()}; at most one entry per detector is used (the first).
 *
 * @param detector the detector
 * @param decision how its spans are masked and which rule is named in notes
 */
public record DetectorRule(Detector detector, Decision decision) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public DetectorRule {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(decision, "decision");
  }
}
