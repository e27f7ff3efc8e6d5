package dev.masking.core.io;

/**
 * Input given to {@link ReportJson} is not an attack report: not JSON, not an object, no
 * {@code request} object, a header that is not a pair of strings, bad base64, a limit exceeded.
 *
 * <p>The message is a fixed sentence written by this library plus, where known, the line and
 * column; it never holds text from the input and never the underlying parser's message (which
 * quotes the token it failed on). For the same reason no parser exception is attached as cause.
 * Instances are immutable and thread-safe.
 */
public final class ReportFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int line;
  private final int column;

  /**
   * Creates the exception.
   *
   * @param reason a fixed sentence; never input text
   * @param line 1-based line, or -1 when unknown
   * @param column 1-based column, or -1 when unknown
   */
  ReportFormatException(String reason, int line, int column) {
    super(message(reason, line, column));
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  private static String message(String reason, int line, int column) {
    if (line <= 0) {
      return reason;
    }
    return reason + " (line " + line + (column > 0 ? ", column " + column : "") + ")";
  }

  /** The fixed description without position. */
  public String reason() {
    return reason;
  }

  /** The 1-based line of the problem, or -1 when unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column of the problem, or -1 when unknown. */
  public int column() {
    return column;
  }
}
