package dev.masking.core;

import java.util.Objects;

/**
 * One line of what masking did: which point was masked by which rule and action, or why a part fell
 * back to being masked whole. A note never holds a request value.
 *
 * @param kind what happened
 * @param point where, or null when not tied to one point
 * @param ruleId the rule responsible, or null
 * @param action the action's display form, or null
 * @param reason a fixed sentence written by this library, never parser or request text
 */
public record Note(Kind kind, Point point, String ruleId, String action, String reason) {

  /** What a note records. */
  public enum Kind {
    /** A selected value was masked. */
    MASKED,
    /** An attack payload at or inside a masked point was masked. */
    PAYLOAD,
    /** A masked value was found again elsewhere in the report and masked there too. */
    RESIDUAL,
    /** A part could not be judged field by field and was masked whole (or scanned leniently). */
    FALLBACK,
    /** Something was noticed but needed no masking. */
    INFO
  }

  /** Validates the components. */
  public Note {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  /** One line: {@code MASKED post > form_urlencoded password by default/password (redact)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind.name());
    if (point != null) {
      sb.append(' ').append(point.display());
    }
    if (ruleId != null) {
      sb.append(" by ").append(ruleId);
    }
    if (action != null) {
      sb.append(" (").append(action).append(')');
    }
    if (!reason.isEmpty()) {
      sb.append(": ").append(reason);
    }
    return sb.toString();
  }
}
