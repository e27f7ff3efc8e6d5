package dev.masking.core;

/**
 * A request point written in a rule or builder call is not valid. The message quotes the offending
 * step and, where one is close, suggests the known step name that was probably meant.
 */
public final class PointSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its message. */
  public PointSyntaxException(String message) {
    super(message);
  }
}
