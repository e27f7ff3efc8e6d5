package dev.masking.core;

/**
 * A value a scanner found in a request, as a {@link MaskPolicy} sees it: its point (the path of
 * parsers and names from the request down to it) and its decoded name.
 *
 * <p>A field view is only valid during the {@link MaskPolicy#decide(Field)} call it is passed to;
 * scanners reuse one view for many fields. It never exposes the value. Not thread-safe.
 */
public interface Field {

  /** Number of steps in the point. */
  int depth();

  /** Step {@code i} of the point, 0 being the outermost ({@code get}, {@code header}, {@code post}). */
  Step step(int i);

  /** The innermost step. */
  default Step last() {
    return step(depth() - 1);
  }

  /**
   * The decoded name of this field: a query, form or JSON member name after percent- or
   * JSON-unescaping, a header or cookie name; {@code null} when the field has no name (an array
   * element, a path segment, a whole body).
   */
  String name();

  /** The point as an immutable value. Allocates: policies on the hot path use {@link #step}. */
  Point point();
}
