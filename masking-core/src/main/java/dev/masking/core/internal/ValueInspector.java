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

  /**
   * Whether {@link #inspect} could change a value whose UTF-8 encoding is exactly {@code
   * b[from, to)}, decided on the bytes without decoding: {@code false} only when {@code inspect}
   * would certainly return {@code null} (and record nothing) for that value. Scanners use it to
   * skip decoding most values; the default is the safe answer.
   *
   * @param b the bytes; not modified
   * @param from first byte of the value
   * @param to end of the value (exclusive)
   * @return false when the value certainly holds nothing for this inspector
   */
  default boolean mayInspect(byte[] b, int from, int to) {
    return true;
  }

  /**
   * Like {@link #mayInspect}, for the content {@code b[from, to)} of a JSON string (between its
   * quotes) that may hold escapes: {@code false} only when {@code inspect} would certainly return
   * {@code null} (and record nothing) for its decoded text. The default is the safe answer.
   *
   * @param b the bytes; not modified
   * @param from first byte of the string's content
   * @param to end of the content (exclusive), before the closing quote
   * @return false when the decoded value certainly holds nothing for this inspector
   */
  default boolean mayInspectJson(byte[] b, int from, int to) {
    return true;
  }
}
