package dev.masking.core;

import java.util.Objects;

/**
 * What a {@link MaskPolicy} says about one field: mask it with this action, on behalf of this rule.
 *
 * @param action the mask action
 * @param ruleId the id of the rule that selected the field (for notes)
 */
public record Decision(MaskAction action, String ruleId) {
  /** Validates the components. */
  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(ruleId, "ruleId");
  }
}
