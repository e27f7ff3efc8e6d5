package dev.masking.rules;

/**
 * A rule file (or preset) is not valid. The message reads {@code <problem> at
 * <source>:<line>:<column>}, quotes the offending input, and where a known name is close suggests
 * it: {@code unknown point step 'hsah' at rules.json:12:18; did you mean 'hash'?}. Line and column
 * are 1-based and point at the start of the offending JSON token.
 *
 * <p>Rule files are configuration, so quoting them is safe; the message never holds parser error
 * text, which could quote arbitrary input.
 */
public final class RuleFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;

  RuleFileException(String problem, String source, int line, int column, String hint) {
    super(problem + " at " + source + ":" + line + ":" + column
        + (hint == null ? "" : "; " + hint), null);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** The source name given when loading: a file path or {@code preset:<name>}. */
  public String source() {
    return source;
  }

  /** The 1-based line of the offending input. */
  public int line() {
    return line;
  }

  /** The 1-based column of the offending input. */
  public int column() {
    return column;
  }
}
