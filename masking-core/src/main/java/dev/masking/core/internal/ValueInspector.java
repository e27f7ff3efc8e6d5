package dev.masking.core.internal;

/**
 * Looks inside a value that no rule selected by its point: a nested encoding to decode and scan, or
 * a secret recognised by its shape. Scanners reach inspectors only through {@link
 * MaskRun#inspect(String)}.
 *
 * <p>Implementations are stateless and thread-safe; all per-call state lives in the {@link
 * MaskRun}. They never throw on value content.
 */
public interface ValueInspector {

  /**
   * Inspects {@code value}, the decoded text of an unselected leaf at the run's current point.
   * An inspector may push steps below the current point while it works but leaves the run at the
   * depth it found; it records what it masks through {@link MaskRun#mask} so notes and the
   * residual sweep see it.
   *
   * @param value the decoded value; never null
   * @param run the run, positioned at the value's point
   * @return the decoded replacement, or {@code null} when nothing in the value was masked
   */
  String inspect(String value, MaskRun run);
}
