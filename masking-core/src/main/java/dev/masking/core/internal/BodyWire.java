package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.io.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a body's bytes reach the application behind the node, read the way servers read them, so
 * that the scanners see what the application sees: bytes past {@code Content-Length} (a second
 * request to a server), {@code Transfer-Encoding: chunked} framing, a {@code Content-Encoding}
 * (gzip and deflate are inflated within {@code maxInflatedBytes}), the declared charset, and which
 * {@code Content-Type} headers a server might use. What cannot be read is masked whole with a note
 * (fail closed).
 *
 * <p>Stateless and thread-safe.
 */
public final class BodyWire {
  static final String NOTE_CHUNKS = "chunked body with broken framing; masked whole";
  static final String NOTE_CODING =
      "body in a Content-Encoding that cannot be decoded here; masked whole";
  static final String NOTE_INFLATE =
      "compressed body larger than maxInflatedBytes or corrupt; masked whole";

  private static final byte[] REDACT = Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII);
  static final int SAFE = 0;
  static final int WIDE = 1;
  static final int UNSAFE = 2;

  private BodyWire() {}

  /**
   * Whether header name {@code name} is {@code lower} (lower case) ignoring ASCII case and spaces
   * or tabs around it ({@code Content-Type :} is read so by lenient servers).
   */
  public static boolean isName(String name, String lower) {
    int s = 0;
    int e = name.length();
    while (s < e && (name.charAt(s) == ' ' || name.charAt(s) == '\t')) {
      s++;
    }
    while (e > s && (name.charAt(e - 1) == ' ' || name.charAt(e - 1) == '\t')) {
      e--;
    }
    if (e - s != lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if (Ascii.lower(name.charAt(s + i)) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The request headers a body's reading depends on, read in one pass over the header lines (and
   * the lines hidden after a line break in a value, see {@link #hiddenLines}): the values of {@code
   * Content-Type}, {@code Transfer-Encoding}, {@code Content-Length} and {@code Content-Encoding}
   * in order (names matched as {@link #isName} matches them), whether any value holds a CR or LF, and
   * whether any name holds a colon (an HTTP/2 pseudo-header such as {@code :path}).
   *
   * <p>Immutable once made; made per request and shared by whoever reads those headers (the body's
   * framing and coding, its format, the hidden-line and pseudo-header readings).
   */
  public static final class Wire {
    private static final int TYPE = 0;
    private static final int TRANSFER = 1;
    private static final int LENGTH = 2;
    private static final int ENCODING = 3;

    private List<String> types = List.of();
    private List<String> transfers = List.of();
    private List<String> lengths = List.of();
    private List<String> encodings = List.of();
    private final boolean crs;
    private final boolean colonNames;
    /** The headers read, compared by identity only (the sweep's {@code sweepInflated} skip). */
    final Headers source;

    private Wire(Headers headers, boolean body) {
      this.source = headers;
      boolean cr = false;
      boolean colon = false;
      for (int i = 0; i < headers.size(); i++) {
        Header h = headers.get(i);
        String name = h.name();
        String value = h.value();
        colon |= name.indexOf(':') >= 0;
        if (body) {
          add(name, value);
        }
        if (holdsBreak(value)) {
          cr = true;
          if (body) {
            for (Header hidden : hiddenLines(value)) {
              add(hidden.name(), hidden.value());
            }
          }
        }
      }
      this.crs = cr;
      this.colonNames = colon;
    }

    private void add(String name, String value) {
      switch (kind(name)) {
        case TYPE:
          types = added(types, value);
          break;
        case TRANSFER:
          transfers = added(transfers, value);
          break;
        case LENGTH:
          lengths = added(lengths, value);
          break;
        case ENCODING:
          encodings = added(encodings, value);
          break;
        default:
          break;
      }
    }

    /**
     * {@code to} with {@code value} added. Read-only lists: the first value (all a request
     * usually sends) makes a one-element list, a second copies it into a list of its own.
     */
    private static List<String> added(List<String> to, String value) {
      if (to.isEmpty()) {
        return List.of(value);
      }
      List<String> l = to instanceof ArrayList ? to : new ArrayList<>(to);
      l.add(value);
      return l;
    }

    /**
     * Whether header name {@code name} is one of the four a body's reading depends on ({@code
     * Content-Type}, {@code Transfer-Encoding}, {@code Content-Length}, {@code Content-Encoding}).
     */
    static boolean framesBody(String name) {
      return kind(name) >= 0;
    }

    /** Which of the four names {@code name} is (see {@link #isName}), or -1. */
    private static int kind(String name) {
      int s = 0;
      int e = name.length();
      if (e < 12) {
        return -1; // shorter than the shortest, blanks and all
      }
      while (s < e && (name.charAt(s) == ' ' || name.charAt(s) == '\t')) {
        s++;
      }
      while (e > s && (name.charAt(e - 1) == ' ' || name.charAt(e - 1) == '\t')) {
        e--;
      }
      switch (e - s) {
        case 12:
          return regionIs(name, s, "content-type") ? TYPE : -1;
        case 14:
          return regionIs(name, s, "content-length") ? LENGTH : -1;
        case 16:
          return regionIs(name, s, "content-encoding") ? ENCODING : -1;
        case 17:
          return regionIs(name, s, "transfer-encoding") ? TRANSFER : -1;
        default:
          return -1;
      }
    }

    private static boolean regionIs(String name, int s, String lower) {
      for (int i = 0; i < lower.length(); i++) {
        if (Ascii.lower(name.charAt(s + i)) != lower.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** The {@code Content-Type} values, in order. */
    public List<String> contentTypes() {
      return types;
    }

    /** Whether any header value holds a CR or LF (only then can a header line hide in it). */
    public boolean breaks() {
      return crs;
    }

    /** Whether any header name holds a colon (only then can one be {@code :path}). */
    public boolean colonNames() {
      return colonNames;
    }
  }

  /**
   * {@code headers} read once for the body's wire headers ({@link Wire}); for a request without a
   * body ({@code body} false) only whether a value holds a CR and a name a colon (the header
   * value lists are then empty and must not be read).
   */
  public static Wire wire(Headers headers, boolean body) {
    return new Wire(headers, body);
  }

  /**
   * The header lines hidden in {@code value} after a line break that is no fold: Python's
   * http.server and wsgiref split header lines at a bare CR, so {@code Host: a<CR>Authorization: x}
   * is two headers there; nginx, Go, Node and Apache end a header line at a bare LF, and every
   * reader at a CRLF, when no space or tab follows (that would fold the line). A piece without a
   * colon is a header with an empty name.
   */
  public static List<Header> hiddenLines(String value) {
    List<Header> out = List.of();
    int i = lineBreak(value, 0);
    while (i >= 0) {
      int s = i + breakLength(value, i);
      int next = lineBreak(value, s);
      String line = value.substring(s, next < 0 ? value.length() : next);
      int colon = line.indexOf(':');
      int vs = colon + 1;
      while (vs < line.length() && (line.charAt(vs) == ' ' || line.charAt(vs) == '\t')) {
        vs++;
      }
      if (out.isEmpty()) {
        out = new ArrayList<>(2);
      }
      out.add(new Header(colon < 0 ? "" : line.substring(0, colon), line.substring(vs)));
      i = next;
    }
    return out;
  }

  /** Whether {@code v} holds a CR or an LF (only then can a header line hide in it). */
  public static boolean holdsBreak(String v) {
    return v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
  }

  /**
   * Where the first line break at or after {@code from} that starts a hidden line is ({@link
   * #hiddenLines}): a bare CR, or an LF or CRLF not followed by a space or tab; or -1.
   */
  public static int lineBreak(String v, int from) {
    int n = v.length();
    for (int i = from; i < n; i++) {
      char c = v.charAt(i);
      if (c == '\r') {
        if (i + 1 >= n || v.charAt(i + 1) != '\n' || !folds(v, i + 2)) {
          return i;
        }
        i++; // CRLF and a space or tab: a fold
      } else if (c == '\n' && !folds(v, i + 1)) {
        return i;
      }
    }
    return -1;
  }

  /** The length of the line break at {@code i} (a {@link #lineBreak}): 2 for CRLF, else 1. */
  public static int breakLength(String v, int i) {
    return v.charAt(i) == '\r' && i + 1 < v.length() && v.charAt(i + 1) == '\n' ? 2 : 1;
  }

  private static boolean folds(String v, int i) {
    return i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t');
  }

  /**
   * Whether a server may read the body as a form when the first {@code Content-Type} does not say
   * so: another {@code Content-Type} header declares a form (gunicorn keeps the last one), the
   * media type cut at {@code ,} or a space (Rack, PHP) is a form, or a {@code POST} has no media
   * type at all (Rack reads it as a form).
   */
  public static boolean alsoForm(List<String> contentTypes, String method) {
    boolean typed = false;
    for (int k = 0; k < contentTypes.size(); k++) { // no iterator (measured: allocated per report)
      String ct = contentTypes.get(k);
      int s = 0;
      while (s < ct.length() && ct.charAt(s) <= ' ') {
        s++;
      }
      int e = s;
      while (e < ct.length() && !cutsMediaType(ct.charAt(e))) {
        e++;
      }
      if (e > s) {
        typed = true;
      }
      if (BodyFormat.declaredForm(ct) || formMediaType(ct, s, e)) {
        return true;
      }
    }
    return !typed && method.length() == 4 && Ascii.lower(method.charAt(0)) == 'p'
        && Ascii.lower(method.charAt(1)) == 'o' && Ascii.lower(method.charAt(2)) == 's'
        && Ascii.lower(method.charAt(3)) == 't';
  }

  /**
   * Whether {@code c} ends the media type as Rack and PHP cut it ({@code ; , } space, tab); tested
   * directly, not with a String.indexOf per character (measured, see the commit).
   */
  private static boolean cutsMediaType(char c) {
    return c == ';' || c == ',' || c == ' ' || c == '\t';
  }

  private static final String FORM_TYPE = "application/x-www-form-urlencoded";

  /**
   * {@link BodyFormat#declaredForm} of {@code ct[s, e)}, read in place: the text holds no {@code ;}
   * and starts with a character above a space, so that test is the media type with the characters
   * up to a space trimmed from its end, compared with the form's ASCII-case-insensitively.
   */
  private static boolean formMediaType(String ct, int s, int e) {
    while (e > s && ct.charAt(e - 1) <= ' ') {
      e--;
    }
    if (e - s != FORM_TYPE.length()) {
      return false;
    }
    for (int i = 0; i < FORM_TYPE.length(); i++) {
      if (Ascii.lower(ct.charAt(s + i)) != FORM_TYPE.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a body read as {@code format} (or also as a form) is declared in a charset whose bytes
   * a byte scan cannot read as the application does: UTF-7, ISO-2022, EBCDIC, a label unknown
   * here (Django takes any Python codec, such as {@code unicode_escape}), or UTF-16/32 for a form
   * (JSON and XML bodies in UTF-16/32 are transcoded by their scanners). Every {@code charset}
   * parameter of every header counts, wherever it stands (Tomcat finds the text {@code charset=}
   * anywhere).
   */
  public static boolean unreadableCharset(List<String> contentTypes, BodyFormat format,
      boolean alsoForm) {
    boolean form = alsoForm || format == BodyFormat.FORM;
    if (!form && format != BodyFormat.JSON && format != BodyFormat.XML) {
      return false;
    }
    for (int k = 0; k < contentTypes.size(); k++) {
      String ct = contentTypes.get(k);
      int from = 0;
      while (true) {
        int at = indexOfIgnoreCase(ct, "charset", from);
        if (at < 0) {
          break;
        }
        from = at + 7;
        int i = from;
        boolean extended = i < ct.length() && ct.charAt(i) == '*';
        if (extended) {
          i++;
        }
        while (i < ct.length() && ct.charAt(i) <= ' ') {
          i++;
        }
        if (i >= ct.length() || ct.charAt(i) != '=') {
          continue;
        }
        int e = ct.indexOf(';', i + 1);
        if (e < 0) {
          e = ct.length();
        }
        if (!extended && safeLabel(ct, i + 1, e)) {
          continue; // utf-8 and the like, read in place (no copies for the common labels)
        }
        String label = ct.substring(i + 1, e).trim();
        if (label.length() >= 2 && label.charAt(0) == '"'
            && label.charAt(label.length() - 1) == '"') {
          label = label.substring(1, label.length() - 1).trim();
        }
        if (extended && label.lastIndexOf('\'') >= 0) {
          label = label.substring(label.lastIndexOf('\'') + 1);
          if (label.indexOf('%') >= 0) {
            return true; // an encoded label: not worth decoding, fail closed
          }
        }
        int c = classify(label);
        if (c == UNSAFE || (c == WIDE && form)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The labels {@link #classify} answers SAFE for without asking Charset, lower case. */
  private static final String[] SAFE_LABELS =
      {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1"};

  /**
   * Whether {@code ct[from, to)}, trimmed as String.trim trims, is a label {@link #classify}
   * answers SAFE for at once (empty, or one of {@link #SAFE_LABELS} in any ASCII case); false
   * means only that the full reading must decide.
   */
  private static boolean safeLabel(String ct, int from, int to) {
    while (from < to && ct.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && ct.charAt(to - 1) <= ' ') {
      to--;
    }
    if (from == to) {
      return true;
    }
    for (String label : SAFE_LABELS) {
      if (to - from == label.length() && lowerIs(ct, from, label)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s} at {@code from} reads {@code lower} (lower case ASCII), folding ASCII only. */
  private static boolean lowerIs(String s, int from, String lower) {
    for (int k = 0; k < lower.length(); k++) {
      if (Ascii.lower(s.charAt(from + k)) != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfIgnoreCase(String s, String lower, int from) {
    char first = lower.charAt(0); // a lower-case letter: its upper case is first - 32
    outer:
    for (int i = from; i + lower.length() <= s.length(); i++) {
      char c = s.charAt(i);
      if (c != first && c != first - 32) {
        continue; // most positions: one test, no folding
      }
      for (int k = 1; k < lower.length(); k++) {
        if (Ascii.lower(s.charAt(i + k)) != lower.charAt(k)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * SAFE: every ASCII byte is that character wherever it stands, or a multibyte charset whose
   * trail bytes never make an ASCII letter appear (Shift_JIS, GBK...); WIDE: UTF-16/32; UNSAFE:
   * anything else, unknown labels included.
   */
  static int classify(String label) {
    String l = Ascii.lower(label);
    if (l.isEmpty() || l.equals("utf-8") || l.equals("utf8") || l.equals("us-ascii") || l.equals("ascii")
        || l.equals("iso-8859-1") || l.equals("latin1")) {
      return SAFE;
    }
    if (l.contains("7") && (l.contains("utf") || l.contains("unicode"))) {
      return UNSAFE;
    }
    Charset c;
    try {
      c = Charset.forName(l);
    } catch (RuntimeException e) {
      return UNSAFE;
    }
    String n = c.name();
    if (n.startsWith("UTF-16") || n.startsWith("UTF-32") || n.startsWith("x-UTF-16")
        || n.startsWith("X-UTF-32")) {
      return WIDE;
    }
    return MimeText.asciiScannable(c) ? SAFE : UNSAFE;
  }

  /**
   * The body as the application reads it, given to {@code scan} (which returns the masked bytes
   * or null when nothing changed), and the result put back in the body's framing and coding. A
   * request a server reads after the body (past Content-Length, after the last chunk, or an HTTP/1
   * body without a length that is a request line) goes to {@code next}, which masks it as a
   * request (null when unchanged); it stays in the output as evidence.
   *
   * @return the masked body, or null when unchanged
   */
  public static byte[] mask(Wire headers, String protocol, byte[] body, MaskRun run,
      UnaryOperator<byte[]> scan, UnaryOperator<byte[]> next) {
    boolean chunked = false;
    boolean framed = false;
    for (int k = 0; k < headers.transfers.size(); k++) {
      String te = headers.transfers.get(k);
      framed = true;
      if (indexOfIgnoreCase(te, "chunked", 0) >= 0) {
        chunked = true;
      }
    }
    if (!framed) {
      long cl = contentLength(headers);
      if (cl < 0 && protocol != null && protocol.length() >= 6
          && protocol.regionMatches(true, 0, "HTTP/1", 0, 6) && RawHttp.looksLikeHttp(body)) {
        // HTTP/1 without Content-Length or Transfer-Encoding has no body: a server reads these
        // bytes as the next request, whose query and headers the body scanners never see.
        return next.apply(body);
      }
      byte[] tail = cl >= 0 && cl < body.length && !onlyLineBreaks(body, (int) cl)
          ? Arrays.copyOfRange(body, (int) cl, body.length) : null;
      if (tail != null && RawHttp.looksLikeHttp(tail)) {
        // A server reads Content-Length bytes and what follows as the next request (request
        // smuggling evidence): the first as this body, the rest as a request. Bytes past the
        // length that are no request line stay in the body's own reading below (the reading of
        // whoever reads the report), so a value cut by the length is masked whole.
        byte[] head = Arrays.copyOf(body, (int) cl);
        byte[] r = head.length == 0 ? null : decoded(headers, head, run, scan);
        byte[] t = next.apply(tail);
        if (r == null && t == null) {
          return null;
        }
        return concat(r == null ? head : r, t == null ? tail : t);
      }
    }
    if (chunked) {
      int[] spans = chunks(body);
      if (spans == BROKEN) {
        run.maskedWhole(NOTE_CHUNKS);
        return Arrays.equals(REDACT, body) ? null : REDACT.clone();
      }
      if (spans != null) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
        for (int k = 0; k + 2 < spans.length - 1; k += 2) {
          data.write(body, spans[k], spans[k + 1] - spans[k]);
        }
        byte[] content = data.toByteArray();
        byte[] r = content.length == 0 ? null : decoded(headers, content, run, scan);
        int trailers = spans[spans.length - 2];
        int end = spans[spans.length - 1];
        boolean excess = end < body.length && !onlyLineBreaks(body, end);
        byte[] t = null;
        if (excess) {
          // After the last chunk and its trailer section comes the next request, masked as one;
          // other bytes there are scanned as a piece of this body.
          byte[] tail = Arrays.copyOfRange(body, end, body.length);
          t = RawHttp.looksLikeHttp(tail) ? next.apply(tail) : scan.apply(tail);
        }
        if (r == null) {
          return t == null ? null : concat(Arrays.copyOf(body, end), t);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(r.length + 32);
        out.writeBytes(Integer.toHexString(r.length).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(r);
        out.writeBytes(new byte[] {'\r', '\n', '0', '\r', '\n'});
        if (trailers < 0) {
          out.writeBytes(new byte[] {'\r', '\n'}); // no last-chunk line: end is the body's end
        } else {
          out.write(body, trailers, end - trailers);
          if (t != null) {
            out.writeBytes(t);
          } else {
            out.write(body, end, body.length - end);
          }
        }
        return out.toByteArray();
      }
    }
    return decoded(headers, body, run, scan);
  }

  /** The smallest Content-Length given (comma lists included), or -1. */
  /**
   * The length {@code v[s, e)} states, trimmed as String.trim trims: at most 18 characters, an
   * optional {@code +}, then one or more ASCII digits; -1 when it is anything else.
   */
  private static long lengthPart(String v, int s, int e) {
    while (s < e && v.charAt(s) <= ' ') {
      s++;
    }
    while (e > s && v.charAt(e - 1) <= ' ') {
      e--;
    }
    if (s == e || e - s > 18) {
      return -1;
    }
    int i = v.charAt(s) == '+' ? s + 1 : s;
    if (i == e) {
      return -1;
    }
    long n = 0;
    for (; i < e; i++) {
      char ch = v.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }

  static long contentLength(Wire headers) {
    long min = -1;
    for (int k = 0; k < headers.lengths.size(); k++) {
      // Each ','-separated part, trimmed as String.trim trims, read in place (no split, no copies).
      String v = headers.lengths.get(k);
      int p = 0;
      while (true) {
        int comma = v.indexOf(',', p);
        int e = comma < 0 ? v.length() : comma;
        long n = lengthPart(v, p, e);
        if (n >= 0 && (min < 0 || n < min)) {
          min = n;
        }
        if (comma < 0) {
          break;
        }
        p = comma + 1;
      }
    }
    return min;
  }

  private static boolean onlyLineBreaks(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] != '\r' && b[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  private static final int[] BROKEN = new int[0];

  /**
   * The data spans of a chunked body as {@code [start, end, ..., trailers, end]} (trailers: the
   * offset after the last-chunk line, or -1 when the body ends without one; end: the end of the
   * trailer section, after which comes the next request), null when the
   * body does not start with a chunk-size line (already unframed), {@link #BROKEN} when framing
   * breaks later. Lenient as the most lenient servers: LF or CRLF, chunk extensions, spaces around
   * the size, a missing line break after the data, a truncated last chunk.
   */
  private static int[] chunks(byte[] b) {
    int[] spans = new int[16];
    int n = 0;
    int pos = 0;
    boolean first = true;
    while (true) {
      if (pos >= b.length) {
        return first ? null : finish(spans, n, -1, b.length);
      }
      int lf = pos;
      while (lf < b.length && b[lf] != '\n') {
        lf++;
      }
      long size = chunkSize(b, pos, lf);
      if (size == SIZE_TOO_LARGE) {
        return BROKEN; // no server reads a body past an overflowing size: fail closed
      }
      if (size < 0 || lf >= b.length) {
        return first ? null : BROKEN;
      }
      first = false;
      int start = lf + 1;
      if (size == 0) {
        // Trailer lines are header fields; anything else means the body was not framed after all
        // (a report body already unframed that starts with a hex line): read it as sent.
        int end = fieldLines(b, start);
        return end >= 0 ? finish(spans, n, start, end) : null;
      }
      int end = (int) Math.min(b.length, start + size);
      if (n + 4 > spans.length) {
        spans = Arrays.copyOf(spans, spans.length * 2);
      }
      spans[n++] = start;
      spans[n++] = end;
      pos = end;
      if (pos < b.length && b[pos] == '\r') {
        pos++;
      }
      if (pos < b.length && b[pos] == '\n') {
        pos++;
      }
    }
  }

  /**
   * The end of the trailer section starting at {@code from} (after its empty line, or the end of
   * input), or -1 when a line before that holds no colon.
   */
  private static int fieldLines(byte[] b, int from) {
    boolean colon = false;
    int len = 0;
    for (int i = from; i < b.length; i++) {
      byte c = b[i];
      if (c == '\n') {
        if (len == 0) {
          return i + 1;
        }
        if (!colon) {
          return -1;
        }
        colon = false;
        len = 0;
      } else if (c != '\r') {
        len++;
        colon |= c == ':';
      }
    }
    return len == 0 || colon ? b.length : -1;
  }

  private static int[] finish(int[] spans, int n, int trailers, int end) {
    int[] out = Arrays.copyOf(spans, n + 2);
    out[n] = trailers;
    out[n + 1] = end;
    return out;
  }

  /** What {@link #chunkSize} returns for a size line of more than 15 significant hex digits. */
  private static final long SIZE_TOO_LARGE = -2;

  /**
   * The size on a chunk-size line {@code b[from, lf)}, -1 when it is not one, {@link
   * #SIZE_TOO_LARGE} when its digits overflow (no server reads the body then: masked whole).
   * Leading zeros do not count: llhttp (Node) reads {@code 000000000000000000011} as 0x11, so such
   * a line frames the body as a chunk.
   */
  private static long chunkSize(byte[] b, int from, int lf) {
    int i = from;
    while (i < lf && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    if (i + 1 < lf && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) {
      i += 2; // Python's int(size, 16), as some servers parse it, takes a 0x prefix
    }
    long size = 0;
    int digits = 0;
    int significant = 0;
    boolean overflow = false;
    while (i < lf && (b[i] == '_' && digits > 0 || Character.digit(b[i], 16) >= 0 && b[i] < 0x80)) {
      if (b[i] != '_') {
        if ((size != 0 || b[i] != '0') && ++significant > 15) {
          overflow = true;
        } else {
          size = size * 16 + Character.digit(b[i], 16);
        }
        digits++;
      }
      i++;
    }
    if (digits == 0) {
      return -1;
    }
    while (i < lf && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
      i++;
    }
    if (i < lf && b[i] != ';') {
      return -1;
    }
    return overflow ? SIZE_TOO_LARGE : size;
  }

  /** The Content-Encoding codings declared, in order, lower case, without identity. */
  private static List<String> codings(Headers headers) {
    List<String> values = List.of(); // one pass, the lines hidden in values included
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      if (Wire.kind(h.name()) == Wire.ENCODING) {
        values = Wire.added(values, h.value());
      }
      if (holdsBreak(h.value())) {
        for (Header hidden : hiddenLines(h.value())) {
          if (Wire.kind(hidden.name()) == Wire.ENCODING) {
            values = Wire.added(values, hidden.value());
          }
        }
      }
    }
    return codings(values);
  }

  /** {@link #codings(Headers)} of the {@code Content-Encoding} values {@code values}. */
  private static List<String> codings(List<String> values) {
    if (values.isEmpty()) {
      return List.of();
    }
    List<String> codings = new ArrayList<>(1);
    for (String v : values) {
      for (String part : v.split(",", -1)) {
        String t = Ascii.lower(part.trim());
        if (!t.isEmpty() && !t.equals("identity")) {
          codings.add(t);
        }
      }
    }
    return codings;
  }

  private static boolean zlibHeader(byte[] body) {
    return body.length >= 2 && (body[0] & 0x0f) == 8
        && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
  }

  /**
   * {@code sweep} over a gzip or deflate body (the output of {@link #mask}) as a receiver that
   * inflates it reads it, compressed again; null when the body is not so compressed, does not
   * inflate within {@code max} bytes, or {@code sweep} changed nothing. The residual sweep uses
   * it to find echoes inside a compressed body.
   */
  public static byte[] sweepInflated(Headers headers, byte[] body, int max,
      UnaryOperator<byte[]> sweep) {
    List<String> codings = codings(headers);
    if (codings.size() != 1 || body.length == 0) {
      return null;
    }
    String coding = codings.get(0);
    boolean gzip = coding.equals("gzip") || coding.equals("x-gzip");
    if (!gzip && !coding.equals("deflate") || gzip && !Gzip.magic(body)) {
      return null;
    }
    boolean zlib = !gzip && zlibHeader(body);
    int[] end = {body.length};
    byte[] plain = gzip ? Gzip.inflate(body, max, end) : inflate(body, max, !zlib, end);
    if (plain == Gzip.CORRUPT || plain == Gzip.TOO_LARGE || plain.length == 0) {
      return null;
    }
    byte[] r = sweep.apply(plain);
    if (r == null) {
      return null;
    }
    // Bytes after the compressed data (a carried request, already masked at its own points, or
    // trailing junk) are kept as they are: the sweep over the bytes as sent reads them next.
    byte[] head = compress(r, gzip, zlib);
    return end[0] == body.length ? head
        : concat(head, Arrays.copyOfRange(body, end[0], body.length));
  }

  /**
   * Whether the residual sweep's edit of a body's bytes as sent ({@code before} to {@code after})
   * broke the framing or coding these headers declare, so that a second masking reads the body
   * otherwise: a chunked body whose chunks {@code before} frames and {@code after} no longer
   * frames the same way (a mask longer or shorter than the echo it replaced inside a chunk), or a
   * gzip or deflate body that {@code before} inflates (within {@code max}) and {@code after} does
   * not (a mask written inside compressed bytes). False at once for headers that declare neither
   * (the common case: one pass over the header names).
   */
  public static boolean framingBroken(Headers headers, byte[] before, byte[] after, int max) {
    boolean framed = false;
    for (int i = 0; i < headers.size() && !framed; i++) {
      int k = Wire.kind(headers.get(i).name());
      framed = k == Wire.TRANSFER || k == Wire.ENCODING || BodyWire.holdsBreak(headers.get(i)
          .value());
    }
    if (!framed) {
      return false;
    }
    Wire w = wire(headers, true);
    boolean chunked = false;
    for (String te : w.transfers) {
      chunked |= indexOfIgnoreCase(te, "chunked", 0) >= 0;
    }
    if (chunked) {
      int[] sb = chunks(before);
      if (sb != null && sb != BROKEN) {
        int[] sa = chunks(after);
        if (sa == null || sa == BROKEN || sa.length != sb.length) {
          return true;
        }
        before = content(before, sb);
        after = content(after, sa);
      }
    }
    List<String> codings = codings(w.encodings);
    if (codings.size() != 1) {
      return false;
    }
    String coding = codings.get(0);
    boolean gzip = coding.equals("gzip") || coding.equals("x-gzip");
    if (!gzip && !coding.equals("deflate")) {
      return false;
    }
    return !corrupt(before, gzip, max) && corrupt(after, gzip, max);
  }

  /** The data of chunked body {@code b} framed as {@code spans} ({@link #chunks}) says. */
  private static byte[] content(byte[] b, int[] spans) {
    ByteArrayOutputStream data = new ByteArrayOutputStream(b.length);
    for (int k = 0; k + 2 < spans.length - 1; k += 2) {
      data.write(b, spans[k], spans[k + 1] - spans[k]);
    }
    return data.toByteArray();
  }

  /** Whether {@link #decoded} finds {@code b} corrupt or too large in this coding. */
  private static boolean corrupt(byte[] b, boolean gzip, int max) {
    if (gzip) {
      if (!Gzip.magic(b)) {
        return false; // read as sent
      }
      byte[] p = Gzip.inflate(b, max, new int[] {b.length});
      return p == Gzip.CORRUPT || p == Gzip.TOO_LARGE;
    }
    boolean zlib = zlibHeader(b);
    byte[] p = inflate(b, max, !zlib, new int[] {b.length});
    return p == Gzip.CORRUPT ? zlib : p == Gzip.TOO_LARGE;
  }

  /** {@code scan} over the body as decoded from its Content-Encoding, then encoded back. */
  private static byte[] decoded(Wire headers, byte[] body, MaskRun run,
      UnaryOperator<byte[]> scan) {
    List<String> codings = codings(headers.encodings);
    if (codings.isEmpty()) {
      run.uncodedBodyHeaders = headers.source; // the sweep need not read them again (sweepInflated)
      return scan.apply(body);
    }
    String coding = codings.get(0);
    boolean gzip = coding.equals("gzip") || coding.equals("x-gzip");
    if (codings.size() > 1 || !gzip && !coding.equals("deflate")) {
      run.maskedWhole(NOTE_CODING);
      return Arrays.equals(REDACT, body) ? null : REDACT.clone();
    }
    int max = run.options().maxInflatedBytes();
    boolean zlib = false;
    byte[] plain;
    int[] end = {body.length};
    if (gzip) {
      if (!Gzip.magic(body)) {
        return scan.apply(body); // not gzip at all: a decoder rejects it, others read it as sent
      }
      plain = Gzip.inflate(body, max, end);
    } else {
      zlib = zlibHeader(body);
      plain = inflate(body, max, !zlib, end);
      if (plain == Gzip.CORRUPT && !zlib) {
        return scan.apply(body); // not deflate data: read as sent
      }
    }
    if (plain == Gzip.CORRUPT || plain == Gzip.TOO_LARGE || !run.charge(plain.length)) {
      run.maskedWhole(NOTE_INFLATE);
      return Arrays.equals(REDACT, body) ? null : REDACT.clone();
    }
    byte[] r = plain.length == 0 ? null : scan.apply(plain);
    if (end[0] == body.length) {
      return r == null ? null : compress(r, gzip, zlib);
    }
    // Bytes after the compressed data: a decoder stops before them (or fails), so no receiver
    // reads them as the body, yet they go out with it. They are read as sent, as a body that is
    // no compressed data at all, and kept (as evidence) where nothing in them is masked.
    byte[] tail = Arrays.copyOfRange(body, end[0], body.length);
    byte[] rt = scan.apply(tail);
    if (r == null && rt == null) {
      return null;
    }
    byte[] head = r == null ? Arrays.copyOf(body, end[0]) : compress(r, gzip, zlib);
    return concat(head, rt == null ? tail : rt);
  }

  /**
   * Inflates zlib or raw deflate data to at most {@code max} bytes, or a Gzip sentinel; the offset
   * after the compressed data goes to {@code end[0]}.
   */
  private static byte[] inflate(byte[] data, int max, boolean raw, int[] end) {
    Inflater inf = new Inflater(raw);
    try {
      inf.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, data.length * 4 + 64));
      byte[] buf = new byte[8192];
      int total = 0;
      while (!inf.finished()) {
        int k = inf.inflate(buf);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          return Gzip.CORRUPT;
        }
        total += k;
        if (total > max) {
          return Gzip.TOO_LARGE;
        }
        out.write(buf, 0, k);
      }
      end[0] = data.length - inf.getRemaining();
      return out.toByteArray();
    } catch (DataFormatException | RuntimeException e) {
      return Gzip.CORRUPT; // the exception text is never kept
    } finally {
      inf.end();
    }
  }

  /** {@code data} compressed again in the body's coding: gzip, zlib, or raw deflate. */
  private static byte[] compress(byte[] data, boolean gzip, boolean zlib) {
    return gzip ? Gzip.deflate(data) : deflate(data, !zlib);
  }

  private static byte[] deflate(byte[] data, boolean raw) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!d.finished()) {
        int k = d.deflate(buf);
        out.write(buf, 0, k);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
