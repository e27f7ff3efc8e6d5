package dev.masking.core.io;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams attack reports from JSON Lines: one report document per line, read line by line with
 * bounded memory.
 *
 * <pre>{@code
 * try (ReportLines lines = ReportLines.read(System.in)) {
 *   while (lines.hasNext()) {
 *     ReportLines.Line line = lines.next();
 *     if (line instanceof ReportLines.Ok ok) {
 *       ReportLines.write(out, masker.mask(ok.report()), explain);
 *     } else if (line instanceof ReportLines.Bad bad) {
 *       System.err.println("line " + bad.lineNumber() + ": " + bad.reason());
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Lines end with LF; a CR before it is ignored. Blank lines (only spaces, tabs and CR) are
 * skipped, but still counted in line numbers (1-based). Each other line yields, in input order,
 * either {@link Ok} with the report, or {@link Bad} with a fixed reason that never holds line
 * content. A line longer than the maximum (default {@value #DEFAULT_MAX_LINE_BYTES} bytes, 64 MiB)
 * is read past without being held and yields {@link Bad}: the line buffer never exceeds the
 * maximum, and the read buffer is 64 KiB. Each report is parsed as by
 * {@link ReportJson#read(byte[])}, so a UTF-8 BOM on the first line is accepted.
 *
 * <p>Not thread-safe: one reader per stream, used by one thread. {@link #close()} closes the
 * stream.
 */
public final class ReportLines implements Iterator<ReportLines.Line>, Closeable {

  /** The default longest line, in bytes (64 MiB). */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;

  private static final int READ_BUFFER = 64 << 10;
  private static final int INITIAL_LINE = 8 << 10;
  private static final int KEEP_LINE = 1 << 20;

  /** One non-blank input line: a report or a failure. Implementations are immutable. */
  public sealed interface Line permits Ok, Bad {
    /** The 1-based line number in the input. */
    long lineNumber();
  }

  /**
   * A line that held a report.
   *
   * @param lineNumber the 1-based line number
   * @param report the report
   */
  public record Ok(long lineNumber, AttackReport report) implements Line {
    /** Validates the components. */
    public Ok {
      Objects.requireNonNull(report, "report");
    }
  }

  /**
   * A line that did not hold a report.
   *
   * @param lineNumber the 1-based line number
   * @param reason a fixed sentence written by this library, with the column where known; never
   *     line content
   */
  public record Bad(long lineNumber, String reason) implements Line {
    /** Validates the components. */
    public Bad {
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[READ_BUFFER];
  private int pos;
  private int lim;
  private boolean eof;
  private byte[] line = new byte[INITIAL_LINE];
  private int lineLength;
  private long lineNumber;
  private Line pending;

  private ReportLines(InputStream in, int maxLineBytes) {
    this.in = Objects.requireNonNull(in, "in");
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive");
    }
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * A reader over {@code in} with the default longest line of 64 MiB.
   *
   * @param in the JSON Lines input; closed by {@link #close()}
   * @return the reader
   */
  public static ReportLines read(InputStream in) {
    return new ReportLines(in, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * A reader over {@code in} with the given longest line.
   *
   * @param in the JSON Lines input; closed by {@link #close()}
   * @param maxLineBytes the longest line held, in bytes (line ending excluded)
   * @return the reader
   * @throws IllegalArgumentException if {@code maxLineBytes} is not positive
   */
  public static ReportLines read(InputStream in, int maxLineBytes) {
    return new ReportLines(in, maxLineBytes);
  }

  /**
   * Whether another non-blank line follows; reads up to the end of it.
   *
   * @throws UncheckedIOException if the stream fails
   */
  @Override
  public boolean hasNext() {
    if (pending == null) {
      try {
        pending = advance();
      } catch (IOException e) {
        throw new UncheckedIOException("could not read report lines", e);
      }
    }
    return pending != null;
  }

  /**
   * The next non-blank line, as a report or a failure.
   *
   * @throws NoSuchElementException if there is none
   * @throws UncheckedIOException if the stream fails
   */
  @Override
  public Line next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Line l = pending;
    pending = null;
    return l;
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    in.close();
  }

  private Line advance() throws IOException {
    while (true) {
      lineLength = 0;
      boolean tooLong = false;
      boolean any = false;
      boolean ended = false;
      while (!ended) {
        if (pos == lim && !fill()) {
          break;
        }
        int nl = indexOfNewline(pos, lim);
        int chunkEnd = nl < 0 ? lim : nl;
        int len = chunkEnd - pos;
        any = true;
        if (!tooLong) {
          if (len > maxLineBytes - lineLength) {
            tooLong = true;
            lineLength = 0;
          } else {
            append(pos, len);
          }
        }
        pos = nl < 0 ? lim : nl + 1;
        ended = nl >= 0;
      }
      if (!any) {
        return null;
      }
      lineNumber++;
      if (tooLong) {
        return new Bad(lineNumber, "line longer than " + maxLineBytes + " bytes");
      }
      if (isBlank()) {
        continue;
      }
      Line result;
      try {
        result = new Ok(lineNumber, ReportJson.read(line, 0, lineLength));
      } catch (ReportFormatException e) {
        result = new Bad(lineNumber,
            e.column() > 0 ? e.reason() + " at column " + e.column() : e.reason());
      }
      if (line.length > KEEP_LINE) {
        line = new byte[INITIAL_LINE]; // do not hold a large buffer for the rest of the stream
      }
      return result;
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int r;
    do {
      r = in.read(buf, 0, buf.length);
    } while (r == 0);
    if (r < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    lim = r;
    return true;
  }

  private int indexOfNewline(int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(int from, int len) {
    int need = lineLength + len;
    if (need > line.length) {
      int cap = (int) Math.min((long) maxLineBytes, Math.max((long) need, 2L * line.length));
      line = Arrays.copyOf(line, cap);
    }
    System.arraycopy(buf, from, line, lineLength, len);
    lineLength = need;
  }

  private boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      byte c = line[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes a report as one line: the {@link ReportJson#write(AttackReport)} document and LF.
   *
   * @param out where to write
   * @param r the report
   * @throws IOException if writing fails
   */
  public static void write(OutputStream out, AttackReport r) throws IOException {
    out.write(ReportJson.write(r));
    out.write('\n');
  }

  /**
   * Writes a masked report as one line: the {@link ReportJson#write(MaskedReport, boolean)}
   * document and LF.
   *
   * @param out where to write
   * @param m the masked report
   * @param explain whether to add the {@code masking} notes member
   * @throws IOException if writing fails
   */
  public static void write(OutputStream out, MaskedReport m, boolean explain) throws IOException {
    out.write(ReportJson.write(m, explain));
    out.write('\n');
  }
}
