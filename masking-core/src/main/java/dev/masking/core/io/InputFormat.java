package dev.masking.core.io;

import java.util.Optional;

/**
 * The input formats of the command-line tool, and a sniffer for {@code --format auto}.
 *
 * <p>Immutable and thread-safe.
 */
public enum InputFormat {
  /** One JSON report document ({@link ReportJson}). */
  JSON,
  /** JSON Lines: one report per line ({@link ReportLines}). */
  JSONL,
  /** One raw HTTP/1.x request ({@link RawHttp}). */
  HTTP;

  /**
   * Guesses the format from the first bytes of an input (a UTF-8 BOM and leading whitespace are
   * skipped). Give it enough to hold the first two lines: the first 64 KiB are plenty for usual
   * input.
   *
   * <ul>
   *   <li><code>&#123;</code>: {@link #JSONL} when at least two non-blank lines are seen and every
   *       one starts with <code>&#123;</code> (a last, cut-off line counts by its first byte),
   *       else {@link #JSON}; so a pretty-printed object, or a single line, is JSON.
   *   <li>{@code [}: {@link #JSON} (it will then be rejected as not a report object).
   *   <li>A request line ({@link RawHttp#looksLikeHttp}): {@link #HTTP}.
   * </ul>
   *
   * @param start the first bytes of the input
   * @return the format, or empty when none fits (including empty input)
   */
  public static Optional<InputFormat> sniff(byte[] start) {
    int n = start.length;
    int pos = 0;
    if (n >= 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB
        && (start[2] & 0xFF) == 0xBF) {
      pos = 3;
    }
    int first = pos;
    while (first < n && isSpace(start[first])) {
      first++;
    }
    if (first == n) {
      return Optional.empty();
    }
    if (start[first] == '{') {
      return Optional.of(allLinesStartWithBrace(start, first) ? JSONL : JSON);
    }
    if (start[first] == '[') {
      return Optional.of(JSON);
    }
    byte[] rest = pos == 0 ? start : java.util.Arrays.copyOfRange(start, pos, n);
    return RawHttp.looksLikeHttp(rest) ? Optional.of(HTTP) : Optional.empty();
  }

  private static boolean allLinesStartWithBrace(byte[] b, int from) {
    int lines = 0;
    int pos = from;
    int n = b.length;
    while (pos < n) {
      int i = pos;
      while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
        i++;
      }
      if (i < n && b[i] != '\n') {
        if (b[i] != '{') {
          return false;
        }
        lines++;
      }
      while (i < n && b[i] != '\n') {
        i++;
      }
      pos = i + 1;
    }
    return lines >= 2;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
