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
  /** Validates and copies (the library's own note lists, already immutable, are kept). */
  public MaskedReport {
    Objects.requireNonNull(report, "report");
    notes = notes instanceof Owned ? notes : List.copyOf(notes);
  }

  /**
   * An unmodifiable list over an array of non-null notes no one else holds: the notes of a
   * masking call, handed over without the two copies {@link List#copyOf} makes (see {@link
   * dev.masking.core.internal.ModelAccess}). Immutable and thread-safe once made.
   */
  static final class Owned extends java.util.AbstractList<Note> implements java.util.RandomAccess {
    private final Note[] a;

    Owned(Note[] owned) {
      for (Note n : owned) {
        Objects.requireNonNull(n, "note");
      }
      this.a = owned;
    }

    @Override
    public Note get(int i) {
      return a[Objects.checkIndex(i, a.length)];
    }

    @Override
    public int size() {
      return a.length;
    }
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
