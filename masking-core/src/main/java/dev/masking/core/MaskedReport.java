package dev.masking.core;

import java.util.List;
import java.util.Objects;

/**
 * The result of masking one report: the masked report and the notes saying what was masked, by
 * which rule and action, and why any part fell back. Neither holds an original selected value.
 *
 * @param report the masked report
 * @param notes what was done, in request order
 */
public record MaskedReport(AttackReport report, List<Note> notes) {
  /** Validates and copies. */
  public MaskedReport {
    Objects.requireNonNull(report, "report");
    notes = List.copyOf(notes);
  }

  /** Whether anything was masked or fell back. */
  public boolean changed() {
    for (Note n : notes) {
      if (n.kind() != Note.Kind.INFO) {
        return true;
      }
    }
    return false;
  }
}
