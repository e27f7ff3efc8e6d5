package dev.masking.core.io;

import dev.masking.core.Ascii;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes raw HTTP/1.x requests: request line, header lines, an empty line, the body.
 *
 * <pre>{@code
 * RawHttp.Parsed p = RawHttp.parseWithStyle(bytes);
 * HttpRequest masked = ...;
 * byte[] out = RawHttp.write(masked, p.lineEnding());
 * }</pre>
 *
 * <h2>Parsing</h2>
 *
 * <p>{@link #parse} never throws, whatever the bytes; it is lenient where RFC 9112 is strict:
 *
 * <ul>
 *   <li>Empty lines before the request line are skipped (RFC 9112 section 2.2).
 *   <li>Request line: {@code METHOD SP URI [SP PROTOCOL]}, where each separator may also be a
 *       horizontal tab (RFC 9112 section 3 lets servers split the line on whitespace, so a
 *       request separated by tabs is read as one; it is written back with spaces). The method runs
 *       to the first space or tab and must be a non-empty token; the protocol is the part after
 *       the last space or tab if it starts with {@code HTTP/} (any case), otherwise there is none
 *       and the URI runs to the end of the line, so a URI holding spaces is kept whole.
 *   <li>Lines end with LF, optionally preceded by CR; a line's CR, if any, is never part of its
 *       content. CRLF and LF may be mixed.
 *   <li>Header line: name up to the first colon (kept as is, even with spaces), value after the
 *       colon with leading spaces and tabs skipped and everything else kept, trailing whitespace
 *       included. A line with no colon becomes a header with an empty name and the line as value
 *       (leading spaces and tabs skipped). An obs-fold line (starting with SP or HTAB after a header) is joined to the previous
 *       header's value together with the raw line ending and whitespace before it, so the value
 *       holds the exact bytes.
 *   <li>The body is every byte after the first empty line, to the end of input. Content-Length and
 *       chunked encoding are not interpreted: the input is one request. Without an empty line the
 *       body is empty.
 *   <li>Garbage: when the first non-empty line is not {@code TOKEN SP ...} (no space or tab, or the part
 *       before it is empty or not a token), the result has an empty method and URI, no protocol,
 *       no headers, and the whole input as its body. {@link #write} writes such a request back as
 *       its body alone, so garbage round-trips byte for byte.
 * </ul>
 *
 * <p>Method, URI, protocol, header names and values are decoded as ISO-8859-1, one char per
 * byte, so that every byte survives; the body is kept as bytes.
 *
 * <h2>Writing</h2>
 *
 * <p>{@link #write} writes the request line, each header as {@code name ": " value}, an empty line
 * and the body, with the given line ending. A string whose chars are all at most U+00FF is written
 * as ISO-8859-1 (the inverse of parsing); a string holding any char above U+00FF (only possible for
 * requests that came from a JSON report) is written as UTF-8. Parsing then writing gives the same
 * bytes for a well-formed request whose lines all use one ending and whose headers are written
 * {@code Name: value}; otherwise the request parts survive but the bytes may differ (a
 * {@code Name:value} header gains a space, skipped leading empty lines are dropped).
 *
 * <p>Stateless and thread-safe.
 */
public final class RawHttp {

  /** CR LF, the line ending of RFC 9112. */
  public static final String CRLF = "\r\n";
  /** A bare LF, which RFC 9112 allows recipients to accept. */
  public static final String LF = "\n";

  private RawHttp() {}

  /**
   * A parsed request and the line ending its request line used, so that it can be written back in
   * the same style.
   *
   * @param request the request
   * @param lineEnding {@link #CRLF} or {@link #LF}
   */
  public record Parsed(HttpRequest request, String lineEnding) {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code lineEnding} is neither CRLF nor LF
     */
    public Parsed {
      Objects.requireNonNull(request, "request");
      checkLineEnding(lineEnding);
    }

    /** The request's safe summary and the line ending's name; never values. */
    @Override
    public String toString() {
      return "Parsed[" + request + ", " + (CRLF.equals(lineEnding) ? "CRLF" : "LF") + "]";
    }
  }

  private static void checkLineEnding(String lineEnding) {
    if (!CRLF.equals(lineEnding) && !LF.equals(lineEnding)) {
      throw new IllegalArgumentException("line ending must be CRLF or LF");
    }
  }

  /**
   * Parses a raw request. Never throws for any content; see the class description for how
   * malformed input is read.
   *
   * @param raw the request bytes
   * @return the request
   */
  public static HttpRequest parse(byte[] raw) {
    return parseWithStyle(raw).request();
  }

  /**
   * Parses a raw request and records its line ending (that of the request line; CRLF when the
   * input has no line ending). Never throws for any content.
   *
   * @param raw the request bytes
   * @return the request and its line ending
   */
  public static Parsed parseWithStyle(byte[] raw) {
    int n = raw.length;
    int pos = 0;
    while (pos < n) {
      if (raw[pos] == '\n') {
        pos++;
      } else if (raw[pos] == '\r' && pos + 1 < n && raw[pos + 1] == '\n') {
        pos += 2;
      } else {
        break;
      }
    }
    int lf = indexOf(raw, (byte) '\n', pos, n);
    int end = lf < 0 ? n : lf;
    int contentEnd = stripCr(raw, pos, end);
    String lineEnding = lf >= 0 && contentEnd == end ? LF : CRLF;

    int sp = indexOfBlank(raw, pos, contentEnd);
    if (sp <= pos || !isToken(raw, pos, sp)) {
      return new Parsed(HttpRequest.builder().body(raw).build(), CRLF);
    }
    HttpRequest.Builder b = HttpRequest.builder().method(latin1(raw, pos, sp));
    int uriStart = sp + 1;
    int lastSp = lastIndexOfBlank(raw, uriStart, contentEnd);
    if (lastSp >= uriStart && startsWithHttpSlash(raw, lastSp + 1, contentEnd)) {
      b.uri(latin1(raw, uriStart, lastSp)).protocol(latin1(raw, lastSp + 1, contentEnd));
    } else {
      b.uri(latin1(raw, uriStart, contentEnd));
    }
    if (lf < 0) {
      return new Parsed(b.build(), lineEnding);
    }

    List<Header> headers = new ArrayList<>();
    int nameStart = -1;
    int nameEnd = -1;
    int valueStart = -1;
    int valueEnd = -1;
    int bodyStart = n;
    pos = lf + 1;
    while (pos < n) {
      lf = indexOf(raw, (byte) '\n', pos, n);
      end = lf < 0 ? n : lf;
      contentEnd = stripCr(raw, pos, end);
      if (contentEnd == pos) {
        bodyStart = lf < 0 ? n : lf + 1;
        break;
      }
      if ((raw[pos] == ' ' || raw[pos] == '\t') && valueStart >= 0) {
        valueEnd = contentEnd; // obs-fold: the value spans the fold's raw bytes
      } else {
        if (valueStart >= 0) {
          headers.add(header(raw, nameStart, nameEnd, valueStart, valueEnd));
        }
        int colon = indexOf(raw, (byte) ':', pos, contentEnd);
        nameStart = pos;
        nameEnd = colon < 0 ? pos : colon;
        valueStart = colon < 0 ? pos : colon + 1;
        while (valueStart < contentEnd && (raw[valueStart] == ' ' || raw[valueStart] == '\t')) {
          valueStart++;
        }
        valueEnd = contentEnd;
      }
      pos = lf < 0 ? n : lf + 1;
    }
    if (valueStart >= 0) {
      headers.add(header(raw, nameStart, nameEnd, valueStart, valueEnd));
    }
    for (Header h : headers) {
      b.header(h.name(), h.value());
    }
    if (bodyStart < n) {
      b.body(Arrays.copyOfRange(raw, bodyStart, n));
    }
    return new Parsed(b.build(), lineEnding);
  }

  private static Header header(byte[] raw, int nameStart, int nameEnd, int valueStart,
      int valueEnd) {
    return new Header(latin1(raw, nameStart, nameEnd), latin1(raw, valueStart, valueEnd));
  }

  /** The end of a line's content: {@code end}, or one less if the line ends with CR. */
  private static int stripCr(byte[] raw, int start, int end) {
    return end > start && raw[end - 1] == '\r' ? end - 1 : end;
  }

  private static int indexOf(byte[] a, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The first SP or HTAB in {@code a[from, to)}, or -1. */
  private static int indexOfBlank(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == ' ' || a[i] == '\t') {
        return i;
      }
    }
    return -1;
  }

  /** The last SP or HTAB in {@code a[from, to)}, or -1. */
  private static int lastIndexOfBlank(byte[] a, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (a[i] == ' ' || a[i] == '\t') {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWithHttpSlash(byte[] a, int from, int to) {
    return to - from >= 5
        && Ascii.lower(a[from]) == 'h' && Ascii.lower(a[from + 1]) == 't'
        && Ascii.lower(a[from + 2]) == 't' && Ascii.lower(a[from + 3]) == 'p'
        && a[from + 4] == '/';
  }

  /** Whether {@code a[from, to)} is an RFC 9110 token (tchar+). */
  private static boolean isToken(byte[] a, int from, int to) {
    if (to <= from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTchar(a[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTchar(byte c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return switch (c) {
      case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
      default -> false;
    };
  }

  private static String latin1(byte[] raw, int from, int to) {
    return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes a request with CRLF line endings.
   *
   * @param r the request
   * @return the raw request
   */
  public static byte[] write(HttpRequest r) {
    return write(r, CRLF);
  }

  /**
   * Writes a request: request line, headers as {@code name ": " value}, an empty line, the body.
   * A request with an empty method and URI, no protocol and no headers (what {@link #parse} makes
   * of garbage) is written as its body alone.
   *
   * @param r the request
   * @param lineEnding {@link #CRLF} or {@link #LF}
   * @return the raw request
   * @throws IllegalArgumentException if {@code lineEnding} is neither CRLF nor LF
   */
  public static byte[] write(HttpRequest r, String lineEnding) {
    checkLineEnding(lineEnding);
    if (r.method().isEmpty() && r.uri().isEmpty() && r.protocol() == null
        && r.headers().size() == 0) {
      return r.body();
    }
    byte[] le = lineEnding.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(r.bodyLength() + 256);
    out.writeBytes(encode(r.method()));
    out.write(' ');
    out.writeBytes(encode(r.uri()));
    if (r.protocol() != null) {
      out.write(' ');
      out.writeBytes(encode(r.protocol()));
    }
    out.writeBytes(le);
    for (Header h : r.headers()) {
      out.writeBytes(encode(h.name()));
      out.write(':');
      out.write(' ');
      out.writeBytes(encode(h.value()));
      out.writeBytes(le);
    }
    out.writeBytes(le);
    out.write(r.bodyUnsafe(), 0, r.bodyLength());
    return out.toByteArray();
  }

  /** ISO-8859-1 when every char fits in a byte (the inverse of parsing), else UTF-8. */
  private static byte[] encode(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return s.getBytes(StandardCharsets.UTF_8);
      }
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Whether {@code start}, the first bytes of an input (the first few KiB are plenty), begins with
   * an HTTP/1.x request line: after any empty lines, {@code TOKEN SP ... SP HTTP/} (SP: a space or tab) within the first
   * line. A request line without protocol (HTTP/0.9 style) is not recognised.
   *
   * @param start the first bytes of the input
   * @return whether it looks like a raw HTTP request
   */
  public static boolean looksLikeHttp(byte[] start) {
    int n = start.length;
    int pos = 0;
    while (pos < n && (start[pos] == '\r' || start[pos] == '\n')) {
      pos++;
    }
    // The method: a token up to the first blank. A JSON, XML or form body fails here, at its
    // first byte that is no token char, without a scan for its line end.
    int sp = pos;
    while (sp < n && isTchar(start[sp])) {
      sp++;
    }
    if (sp == pos || sp >= n || start[sp] != ' ' && start[sp] != '\t') {
      return false;
    }
    int lf = indexOf(start, (byte) '\n', sp, n);
    int end = lf < 0 ? n : lf;
    for (int i = sp + 1; i < end; i++) {
      if ((start[i] == ' ' || start[i] == '\t') && startsWithHttpSlash(start, i + 1, end)) {
        return true;
      }
    }
    return false;
  }
}
