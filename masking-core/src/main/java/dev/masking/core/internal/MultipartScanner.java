package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.fileupload2.core.ParameterParser;

/**
 * Masks the parts of a {@code multipart/*} body in place, copying every byte no rule selects
 * unchanged (preamble, epilogue, delimiters, headers, line endings).
 *
 * <pre>{@code
 * run.push(Step.of("post"));
 * byte[] out = MultipartScanner.mask(body, 0, body.length, contentType, run); // null: unchanged
 * }</pre>
 *
 * <p>Points. A part is asked about as {@code multipart NAME} (NAME its decoded field name; a part
 * without one is {@code multipart ""}; a bracket name is asked level by level as the form scanner
 * does: {@code user[password]} as {@code multipart user}, then {@code ... > hash password}, {@code
 * p[]} as {@code multipart p > array N}). Then each part header as {@code multipart NAME > header
 * H}, each Content-Disposition parameter other than {@code name} as {@code multipart NAME > header
 * CONTENT-DISPOSITION > content_disp PARAM}; when the part is not selected, the contents of a part
 * with a {@code filename} as {@code multipart NAME > file}. A part typed JSON, form-urlencoded,
 * XML or multipart is scanned below its point (below {@code file} for a file part) by that format's
 * scanner, once under each name reading; a nested multipart's named parts push their own {@code multipart SUBNAME}, its
 * nameless parts belong to the enclosing field. Any other unselected text part goes to the leaf
 * hook ({@link MaskRun#inspect}); file contents are not read unless selected or typed.
 *
 * <p>Readings. Every name a server might read is asked, and the part is masked if any is selected:
 * each {@code name} parameter (duplicates included), RFC 2047 encoded words decoded, RFC 2231/5987
 * {@code name*} and {@code name*0*} continuations decoded, single quotes stripped, and the name
 * commons-fileupload's {@link ParameterParser} reads. The body is scanned once per candidate
 * boundary (each {@code boundary} parameter, quoted and unquoted, the first line of the body when
 * it looks like a delimiter, and, when none of those finds a delimiter, the first line anywhere
 * that starts with {@code --}), each reading over the previous one's output, so that what any
 * reading sees as a selected part is masked. Delimiters are found with a Boyer-Moore-Horspool
 * search for {@code LF--boundary}: file contents are skipped, not parsed. A delimiter at a line
 * start after LF or CRLF counts; a missing final delimiter ends the last part at the end of the
 * body; a delimiter line after the close delimiter opens a part again, as PHP reads it (its
 * epilogue is scanned from there); header lines may end in LF or CRLF and fold. The first
 * delimiter may also sit in the middle of a preamble line when CRLF or a bare LF follows it, as
 * commons-fileupload reads it. A part masked whole is masked up to the next delimiter every reader honours (CRLF before it, unless the first
 * delimiter line ended in a bare LF; then {@code --}, or spaces and a line break): stricter readers
 * read a part on over bare-LF and {@code --boundary-x} lines, so its value holds what follows.
 * commons-fileupload ends a header block only at CRLF CRLF: when that is past the scanner's blank
 * line (a bare-LF blank line, an empty block), the names in its longer block are asked too, and a
 * part selected under either reading is written as an empty header block and the mask, up to the
 * end of both readings' values.
 *
 * <p>Transfer encodings. A part with {@code Content-Transfer-Encoding: base64} or {@code
 * quoted-printable} is decoded to be scanned or masked, and what changed is re-encoded in the same
 * layout (base64 line length, separator, alphabet and padding; quoted-printable soft breaks);
 * an unchanged part is never re-encoded.
 *
 * <p>Fail closed. Past {@link dev.masking.core.MaskingOptions#maxMultipartParts()} the rest of the
 * body is masked whole; a part whose header block is longer than {@link
 * dev.masking.core.MaskingOptions#maxPartHeaderBytes()} is masked whole; multipart nested deeper
 * than {@value #MAX_NESTING} levels, a body with no usable boundary, and a part that fails to scan
 * are masked whole; each with a note. Work is bounded by a budget proportional to the body size.
 *
 * <p>Stateless and thread-safe; each call uses only its own {@link MaskRun}. Never throws on any
 * input content.
 */
public final class MultipartScanner {

  /** commons-fileupload's default limit on a part's header block. */
  private static final int FILEUPLOAD_HEADER_MAX = 10_240;

  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

  /** An empty header block and the mask: what a part read two ways is written as. */
  private static final byte[] HEADERLESS_MASK =
      ("\r\n\r\n" + Actions.REDACT_TOKEN).getBytes(StandardCharsets.US_ASCII);

  /** Multipart bodies nested inside a part, beyond the outermost one. */
  static final int MAX_NESTING = 3;

  /** Candidate boundaries tried per body. */
  static final int MAX_READINGS = 4;

  /** Longest boundary accepted (RFC 2046 allows 70; attackers send more). */
  static final int MAX_BOUNDARY = 1024;

  /** Candidate names asked per part. */
  static final int MAX_NAMES = 16;

  /** Name readings a JSON, form, XML or multipart part body is scanned under. */
  static final int MAX_STRUCTURED_READINGS = 4;

  private static final byte[] REDACTED = Actions.REDACT_TOKEN.getBytes(StandardCharsets.UTF_8);

  private MultipartScanner() {}

  /**
   * Masks the multipart body {@code src[from, to)} declared as {@code contentType}.
   *
   * @param src the bytes holding the body
   * @param from start of the body
   * @param to end of the body (exclusive)
   * @param contentType the request's Content-Type header, or null (the boundary is then sniffed)
   * @param run the run; it already holds {@code post} and is left at the depth it had
   * @return the rewritten bytes of {@code src[from, to)}, or {@code null} when nothing changed
   */
  public static byte[] mask(byte[] src, int from, int to, String contentType, MaskRun run) {
    if (src == null || run == null || from < 0 || to > src.length || from >= to) {
      return null;
    }
    int base = run.depth();
    try {
      Scan s = new Scan(run, to - from);
      byte[] out = s.body(src, from, to, contentType, 0);
      return out == null || Arrays.equals(out, 0, out.length, src, from, to) ? null : out;
    } finally {
      run.popTo(base);
    }
  }

  /** The state of one call: the run and the work budget. */
  private static final class Scan {
    final MaskRun run;
    final int maxParts;
    final int maxHeader;
    long budget;

    Scan(MaskRun run, int size) {
      this.run = run;
      this.maxParts = run.options().maxMultipartParts();
      this.maxHeader = run.options().maxPartHeaderBytes();
      // Each byte may be read once per reading at each nesting level, plus JSON/form scans.
      this.budget = 16L * size + (1 << 16);
    }

    /**
     * Masks a multipart body under every candidate boundary; the rewritten bytes of {@code
     * src[from, to)}, or null when unchanged.
     */
    byte[] body(byte[] src, int from, int to, String contentType, int level) {
      if (blank(src, from, to)) {
        return null;
      }
      List<byte[]> boundaries = boundaries(contentType, src, from, to);
      if (boundaries.size() > MAX_READINGS || tooLong(boundaries)) {
        // A reading left out could be the one the server takes, and a decoy that frames the body
        // would keep the fallback search from running: fail closed (P5).
        run.maskedWhole("multipart body with too many or too long boundary candidates; masked whole");
        OtherReadings.multipartValues(MaskRun.LIMIT, src, from, to, run);
        return REDACTED.clone();
      }
      byte[] cur = src;
      int cf = from;
      int ct = to;
      boolean changed = false;
      boolean framed = false;
      for (int k = 0; k <= boundaries.size(); k++) {
        byte[] b;
        if (k < boundaries.size()) {
          b = boundaries.get(k);
        } else {
          // No candidate frames the body: try the first line anywhere that looks like a delimiter.
          b = framed ? null : firstDashLine(cur, cf, ct, boundaries);
          if (b == null) {
            break;
          }
        }
        budget -= ct - cf;
        if (budget < 0) {
          run.maskedWhole("multipart body needs more work than its size allows; masked whole");
          return REDACTED.clone();
        }
        Reading reading = new Reading(this, cur, cf, ct, b, level);
        byte[] r = reading.scan();
        framed |= reading.framed;
        if (r != null) {
          cur = r;
          cf = 0;
          ct = r.length;
          changed = true;
        }
      }
      if (!framed) {
        // No reading finds a part: what a lenient server makes of it cannot be judged (P5).
        run.maskedWhole("multipart body without a usable boundary; masked whole");
        OtherReadings.multipartValues(MaskRun.LIMIT, src, from, to, run);
        return REDACTED.clone();
      }
      return changed ? cur : null;
    }
  }

  /** The rest of the first line of {@code b[from, to)} that starts with {@code --}, if new. */
  private static byte[] firstDashLine(byte[] b, int from, int to, List<byte[]> tried) {
    int i = from;
    while (i + 2 < to) {
      if (b[i] == '-' && b[i + 1] == '-' && (i == from || b[i - 1] == '\n')) {
        int e = i + 2;
        int limit = Math.min(to, e + MAX_BOUNDARY + 1);
        while (e < limit && b[e] != '\r' && b[e] != '\n') {
          e++;
        }
        while (e > i + 2 && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
          e--;
        }
        byte[] cand = Arrays.copyOfRange(b, i + 2, e);
        if (cand.length == 0 || cand.length > MAX_BOUNDARY) {
          return null;
        }
        for (byte[] t : tried) {
          if (Arrays.equals(t, cand)) {
            return null;
          }
        }
        return cand;
      }
      i++;
    }
    return null;
  }

  /**
   * The first occurrence of {@code needle[skipLead..]} in {@code h[from, to)}, or -1
   * (Boyer-Moore-Horspool: linear on hostile input).
   */
  static int indexOf(byte[] h, int from, int to, byte[] needle, int skipLead) {
    int m = needle.length - skipLead;
    if (m <= 0) {
      return -1;
    }
    int[] shift = new int[256];
    Arrays.fill(shift, m);
    for (int i = 0; i < m - 1; i++) {
      shift[needle[skipLead + i] & 0xff] = m - 1 - i;
    }
    int pos = from;
    while (pos + m <= to) {
      byte c = h[pos + m - 1];
      if (c == needle[skipLead + m - 1]
          && Arrays.equals(h, pos, pos + m - 1, needle, skipLead, skipLead + m - 1)) {
        return pos;
      }
      pos += shift[c & 0xff];
    }
    return -1;
  }

  private static boolean tooLong(List<byte[]> boundaries) {
    for (byte[] b : boundaries) {
      if (b.length > MAX_BOUNDARY) {
        return true;
      }
    }
    return false;
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * The boundaries to try: every {@code boundary} parameter of {@code contentType} (unquoted, and
   * as written when quoted), the one commons-fileupload reads, and the first line of the body when
   * it starts with {@code --}; distinct and non-empty, every one (the caller masks the body whole
   * when there are more than {@link #MAX_READINGS} or one is longer than {@link #MAX_BOUNDARY}).
   */
  static List<byte[]> boundaries(String contentType, byte[] src, int from, int to) {
    Set<String> found = new LinkedHashSet<>();
    if (contentType != null) {
      byte[] ct = contentType.getBytes(StandardCharsets.UTF_8);
      for (MimeText.Param p : MimeText.params(ct, ct.length)) {
        if (p.value != null && "boundary".equals(p.base) && p.section < 0) {
          found.add(p.value);
          found.add(p.value.trim());
          if (p.quoted) {
            found.add(new String(ct, p.start, p.end - p.start, StandardCharsets.UTF_8));
          }
        }
      }
      for (Map.Entry<String, String> e : fileuploadParams(contentType).entrySet()) {
        if (Ascii.equalsIgnoreCase("boundary", e.getKey().trim()) && e.getValue() != null) {
          found.add(e.getValue());
        }
      }
      // A reading that finds "boundary=" anywhere (after a ',' instead of a ';', for one).
      String lower = Ascii.lower(contentType);
      int at = lower.indexOf("boundary=");
      if (at >= 0) {
        int vs = at + "boundary=".length();
        int ve = vs;
        boolean quoted = vs < contentType.length() && contentType.charAt(vs) == '"';
        if (quoted) {
          vs++;
          ve = contentType.indexOf('"', vs);
          ve = ve < 0 ? contentType.length() : ve;
        } else {
          while (ve < contentType.length() && ";, \t".indexOf(contentType.charAt(ve)) < 0) {
            ve++;
          }
        }
        found.add(contentType.substring(vs, ve));
      }
    }
    int i = from;
    while (i < to && (src[i] == '\r' || src[i] == '\n')) {
      i++;
    }
    if (i + 2 < to && src[i] == '-' && src[i + 1] == '-') {
      int e = i + 2;
      int limit = Math.min(to, e + MAX_BOUNDARY + 1);
      while (e < limit && src[e] != '\r' && src[e] != '\n') {
        e++;
      }
      while (e > i + 2 && (src[e - 1] == ' ' || src[e - 1] == '\t')) {
        e--;
      }
      found.add(new String(src, i + 2, e - i - 2, StandardCharsets.UTF_8));
    }
    List<byte[]> out = new ArrayList<>(found.size());
    for (String b : found) {
      byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0) {
        out.add(bytes);
      }
    }
    return out;
  }

  /**
   * The parameters commons-fileupload's parser reads from a header value (names as sent), or none
   * if it fails. It keeps one value per name, decodes {@code name*} and encoded words its own way,
   * and has no limits to set: the value it gets is already bounded by maxPartHeaderBytes.
   */
  /**
   * Whether a Content-Disposition makes its part a file under our reading of its parameters or
   * commons-fileupload's (whose parser trims every Java whitespace char around a name, so
   * {@code ;<CR>filename=} counts there).
   */
  private static boolean hasFilename(List<MimeText.Param> params, PartHeader h) {
    for (MimeText.Param p : params) {
      if (p.base.equals("filename")) {
        return true;
      }
    }
    for (String key : fileuploadParams(h.valueText()).keySet()) {
      if (key != null && Ascii.equalsIgnoreCase(key.trim(), "filename")) {
        return true;
      }
    }
    return false;
  }

  static Map<String, String> fileuploadParams(String headerValue) {
    ParameterParser parser = new ParameterParser();
    parser.setLowerCaseNames(false); // we fold keys ourselves, with Locale.ROOT semantics
    try {
      return parser.parse(headerValue, ';');
    } catch (RuntimeException e) {
      // A third-party parser failing on hostile text must not end the scan: our own reading of
      // the parameters still applies; its text is never kept.
      return Map.of();
    }
  }

  /** One part header, unfolded, with the original offset of each byte of its value. */
  private static final class PartHeader {
    String name;
    byte[] value;
    int[] at;
    int length;

    String valueText() {
      return new String(value, 0, length, StandardCharsets.UTF_8);
    }
  }

  /** One scan of a body under one boundary; edits are made in increasing order. */
  private static final class Reading {
    final Scan scan;
    final MaskRun run;
    final byte[] src;
    final int from;
    final int to;
    final byte[] boundary;
    final int level;
    final int[] skip = new int[256];
    final byte[] pattern;

    /** Edits so far, in increasing order, or null while nothing changed. */
    Splices edits;
    int copied;
    /** Whether this reading found a delimiter at all. */
    boolean framed;
    /** Set by a part masked whole past its next delimiter: where the scan resumes (-1: end). */
    int resume;
    /** Whether an earlier part's header block, as commons-fileupload reads it, never ends. */
    boolean fuOpen;
    boolean openHere;
    /** Whether the first delimiter line ends in a bare LF: Go then reads bare-LF delimiters. */
    boolean lfMode;
    /** The last strict delimiter search: from where, and what it found. */
    final int[] strictFrom = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    final int[] strictAt = new int[3];
    /** Occurrences of each {@code p[]} name prefix so far, for {@code array N}. */
    Map<String, Integer> arrayCounts;

    Reading(Scan scan, byte[] src, int from, int to, byte[] boundary, int level) {
      this.scan = scan;
      this.run = scan.run;
      this.src = src;
      this.from = from;
      this.to = to;
      this.boundary = boundary;
      this.level = level;
      this.copied = from;
      pattern = new byte[boundary.length + 3];
      pattern[0] = '\n';
      pattern[1] = '-';
      pattern[2] = '-';
      System.arraycopy(boundary, 0, pattern, 3, boundary.length);
      Arrays.fill(skip, pattern.length);
      for (int i = 0; i < pattern.length - 1; i++) {
        skip[pattern[i] & 0xff] = pattern.length - 1 - i;
      }
    }

    byte[] scan() {
      int d = firstDelimiter();
      if (d < 0) {
        return null;
      }
      framed = true;
      int k = d + 2 + boundary.length;
      while (k < to && (src[k] == ' ' || src[k] == '\t')) {
        k++;
      }
      lfMode = k < to && src[k] == '\n';
      int parts = 0;
      int restStart = -1;
      int restEnd = -1;
      while (true) {
        int after = d + 2 + boundary.length;
        if (closes(after)) {
          // Close delimiter. PHP reads on past it: it skips lines up to the next one that is the
          // delimiter and reads a part there, so a delimiter line in the epilogue opens a part.
          d = reopened(after);
          if (d < 0) {
            break; // the epilogue after it is copied as is
          }
          continue;
        }
        int ps = lineEnd(after);
        int nd = ps >= to ? -1 : delimiter(ps - 1);
        int pe;
        if (nd < 0) {
          pe = to;
          if (pe > ps && src[pe - 1] == '\n') {
            pe--;
            if (pe > ps && src[pe - 1] == '\r') {
              pe--;
            }
          }
        } else {
          pe = Math.max(ps, nd - 1);
          if (pe > ps && src[pe - 1] == '\r') {
            pe--;
          }
        }
        parts++;
        if (parts > scan.maxParts) {
          if (restStart < 0) {
            restStart = ps;
          }
          restEnd = pe;
          huntPastLimit(ps, pe);
        } else {
          resume = -2;
          part(d, ps, pe, nd);
          if (resume != -2) {
            nd = resume; // masked whole up to where the strictest reader ends it
          }
        }
        if (nd < 0) {
          break;
        }
        d = nd;
      }
      if (restStart >= 0) {
        run.maskedWhole("more multipart parts than maxMultipartParts; the rest is masked whole");
        if (restEnd > restStart) {
          replace(restStart, restEnd, REDACTED);
        }
      }
      // Written once, exact size: a 1 MB file part is one arraycopy, not two.
      return edits == null ? null : edits.apply(src, from, to);
    }

    /**
     * The first delimiter: at the very start, or after a line break; or, when it comes earlier,
     * the first {@code --boundary} anywhere if CRLF or a bare LF follows it: commons-fileupload
     * (and servers built on it) skips the preamble up to the first occurrence, at a line start or
     * not, and takes a bare LF after a boundary as its line end (a workaround for old browsers).
     */
    private int firstDelimiter() {
      if (isDelimiter(from)) {
        return from;
      }
      int line = delimiter(from);
      int any = indexOf(src, from, line < 0 ? to : line + 2 + boundary.length, pattern, 1);
      if (any >= 0 && any != line) {
        int after = any + 2 + boundary.length;
        if (after < to && src[after] == '\n'
            || after + 1 < to && src[after] == '\r' && src[after + 1] == '\n') {
          return any;
        }
      }
      return line;
    }

    /** Whether the delimiter ending before {@code after} is a close delimiter ({@code --} follows). */
    private boolean closes(int after) {
      return after + 1 < to && src[after] == '-' && src[after + 1] == '-';
    }

    /**
     * The next delimiter at a line start after a close delimiter, skipping close delimiters, or
     * -1: where PHP (whose {@code find_boundary} skips lines up to one that is the delimiter)
     * reads the next part.
     */
    private int reopened(int i) {
      int d = delimiter(i);
      while (d >= 0) {
        int after = d + 2 + boundary.length;
        if (!closes(after)) {
          return d;
        }
        d = delimiter(after);
      }
      return -1;
    }

    /** The position of the next {@code --boundary} at a line start whose LF is at or after {@code i}. */
    private int delimiter(int i) {
      int pos = Math.max(i, from);
      int m = pattern.length;
      byte last = pattern[m - 1];
      while (pos + m <= to) {
        byte c = src[pos + m - 1];
        if (c == last && matchesAt(pos)) {
          if (isDelimiter(pos + 1)) {
            return pos + 1;
          }
          pos++;
        } else {
          pos += skip[c & 0xff];
        }
      }
      return -1;
    }

    private boolean matchesAt(int pos) {
      for (int k = 0; k < pattern.length - 1; k++) {
        if (src[pos + k] != pattern[k]) {
          return false;
        }
      }
      return true;
    }

    /** Whether {@code --boundary} at {@code d} ends there (not the prefix of a longer line token). */
    private boolean isDelimiter(int d) {
      int after = d + 2 + boundary.length;
      if (after > to) {
        return false;
      }
      if (d + 1 >= to || src[d] != '-' || src[d + 1] != '-'
          || !Arrays.equals(src, d + 2, after, boundary, 0, boundary.length)) {
        return false;
      }
      if (after == to) {
        return true;
      }
      byte c = src[after];
      return c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * Whether the delimiter at {@code d} ends a part for every reader: CRLF before it (a bare LF
     * when {@code cr} is false), then {@code --}, or spaces and a line break, or the end.
     * commons-fileupload needs the CR, and so does Go's mime/multipart unless the first delimiter
     * line ended in a bare LF; Go reads {@code --boundary-x} as content; both read the part on.
     */
    private boolean strict(int d, boolean cr) {
      if (d - 1 < from || src[d - 1] != '\n' || cr && (d - 2 < from || src[d - 2] != '\r')) {
        return false;
      }
      int k = d + 2 + boundary.length;
      if (k < to && src[k] == '-') {
        return k + 1 < to && src[k + 1] == '-';
      }
      while (k < to && (src[k] == ' ' || src[k] == '\t')) {
        k++;
      }
      return k == to || src[k] == '\r' || src[k] == '\n';
    }

    /**
     * The first strict delimiter whose LF is at or after {@code i}, or -1. Each cache slot is
     * asked with growing {@code i} (delimiters; header ends), so a scan stays linear.
     */
    private int strictDelimiter(int i, boolean cr, int slot) {
      if (strictFrom[slot] <= i && (strictAt[slot] < 0 || strictAt[slot] - 1 >= i)) {
        return strictAt[slot];
      }
      int d = delimiter(i);
      while (d >= 0 && !strict(d, cr)) {
        d = delimiter(d);
      }
      strictFrom[slot] = i;
      strictAt[slot] = d;
      return d;
    }

    /**
     * The end of the content of a part masked whole (content from {@code cs} to the lenient end
     * {@code pe}, next delimiter {@code nd}) as the reader that reads furthest sees it, so that
     * no reader's value of a selected part keeps bytes after a delimiter only some readers see:
     * up to the next strict delimiter. Sets {@link #resume} to the delimiter the scan then
     * resumes at.
     */
    private int wholeEnd(int cs, int pe, int nd) {
      int end = pe;
      int next = nd;
      if (nd >= 0 && !strict(nd, true)) {
        int sd = strictDelimiter(nd, true, 0);
        if (sd < 0 && lfMode) {
          // commons-fileupload fails on such a body (no value reaches a servlet); Go, reading
          // bare LFs, ends the part at the next delimiter it honours.
          sd = strict(nd, false) ? nd : strictDelimiter(nd, false, 1);
        }
        if (sd != nd) {
          end = contentEnd(cs, sd);
          next = sd;
        }
      }
      if (next != nd) {
        resume = next;
      }
      return end;
    }

    /**
     * Where commons-fileupload ends the header block that starts at {@code hs} (its first CRLF
     * CRLF; a blank line after a bare LF, or right at {@code hs}, does not end it), when that is
     * past the content start {@code cs}; else -1.
     */
    private int fileuploadHeaderEnd(int hs, int cs) {
      if (crlfEnded(hs, cs)) {
        return -1;
      }
      int limit = (int) Math.min(to, (long) hs + Math.max(scan.maxHeader, FILEUPLOAD_HEADER_MAX) + 4);
      int he = indexOf(src, hs, limit, CRLF_CRLF, 0);
      return he >= 0 && he + 4 > cs ? he : -1;
    }

    /** Whether the header block from {@code hs} ends in CRLF CRLF right before {@code cs}. */
    private boolean crlfEnded(int hs, int cs) {
      return cs - 4 >= hs && src[cs - 4] == '\r' && src[cs - 3] == '\n' && src[cs - 2] == '\r'
          && src[cs - 1] == '\n';
    }

    /** Whether {@code [from, to)} holds an LF without a CR before it. */
    private boolean bareLf(int f, int t) {
      for (int i = f; i < t; i++) {
        if (src[i] == '\n' && (i == f || src[i - 1] != '\r')) {
          return true;
        }
      }
      return false;
    }

    /** The end of content from {@code cs} before the delimiter at {@code d} (-1: the end). */
    private int contentEnd(int cs, int d) {
      int e = d < 0 ? to : Math.max(cs, d - 1);
      if (d < 0 && e > cs && src[e - 1] == '\n') {
        e--;
      }
      return e > cs && src[e - 1] == '\r' ? e - 1 : e;
    }

    /** The position after the LF ending the line that contains {@code i}, or {@code to}. */
    private int lineEnd(int i) {
      while (i < to && src[i] != '\n') {
        i++;
      }
      return Math.min(to, i + 1);
    }

    /**
     * Records the value of the part {@code src[ps, pe)}, masked whole past a limit without being
     * asked about (what follows its first blank line, or all of it), so that the residual sweep
     * hunts its echoes elsewhere in the report (fail closed).
     */
    private void huntPastLimit(int ps, int pe) {
      // Line by line, as partInner reads the header block: a part that starts with its blank line
      // (no headers) has its value right after it.
      int vs = ps;
      for (int i = ps; i < pe; ) {
        if (src[i] == '\n') {
          vs = i + 1;
          break;
        }
        if (src[i] == '\r' && i + 1 < pe && src[i + 1] == '\n') {
          vs = i + 2;
          break;
        }
        while (i < pe && src[i] != '\n') {
          i++;
        }
        i++;
      }
      if (vs < pe) {
        run.huntPastLimit(MaskRun.LIMIT, new String(src, vs, pe - vs, StandardCharsets.UTF_8));
      }
    }

    private void replace(int start, int end, byte[] with) {
      int s = Math.max(start, copied);
      int e = Math.max(s, end);
      copied = e;
      if (Arrays.equals(with, 0, with.length, src, s, e)) {
        return; // already its mask (a second pass): no edit, and no copy of the body for it
      }
      if (edits == null) {
        edits = new Splices();
      }
      edits.add(s, e, with);
    }

    // ---- one part ------------------------------------------------------------------------------

    /** The part whose delimiter is at {@code ds}, content {@code [ps, pe)}, next delimiter at nd. */
    private void part(int ds, int ps, int pe, int nd) {
      int base = run.depth();
      try {
        partInner(ds, ps, pe, nd);
      } catch (RuntimeException e) {
        // Backstop: a bug on one hostile part must not pass it through or end the scan (P4, P5).
        run.popTo(base);
        run.maskedWhole("multipart part could not be scanned; masked whole");
        int we = wholeEnd(ps, pe, nd);
        if (we > ps) {
          replace(ps, we, REDACTED);
        }
      } finally {
        run.popTo(base);
        fuOpen |= openHere;
        openHere = false;
      }
    }

    private void partInner(int ds, int ps, int pe, int nd) {
      // The header block: lines up to the first empty one.
      int i = ps;
      int he;
      int bs;
      while (true) {
        if (i >= pe) {
          he = pe;
          bs = pe;
          break;
        }
        if (src[i] == '\n') {
          he = i;
          bs = i + 1;
          break;
        }
        if (src[i] == '\r' && i + 1 < pe && src[i + 1] == '\n') {
          he = i;
          bs = i + 2;
          break;
        }
        int lf = i;
        int limit = Math.min(pe, ps + scan.maxHeader + 1);
        while (lf < limit && src[lf] != '\n') {
          lf++;
        }
        if (lf - ps > scan.maxHeader) {
          run.maskedWhole("multipart part header longer than maxPartHeaderBytes; part masked whole");
          huntPastLimit(ps, pe);
          replace(ps, wholeEnd(ps, pe, nd), REDACTED);
          return;
        }
        i = lf + 1;
      }
      if (he == pe) {
        // No blank line: a lenient server may start the value at the first line that is not a
        // header; take that reading, so that a selected part has no unmasked value in any.
        int junk = firstNonHeaderLine(ps, pe);
        if (junk >= 0) {
          he = junk;
          bs = junk;
        }
      }
      List<PartHeader> headers = headers(ps, he);
      // commons-fileupload reads the header block on to its first CRLF CRLF and splits its lines
      // only at CRLF: the names it reads that way count too.
      int fuHe = fileuploadHeaderEnd(ps, bs);
      // No CRLF CRLF after an open block: commons-fileupload fails on the body, unless a mask
      // written later brings one (then the plain mask is written instead).
      openHere = fuHe < 0 && !crlfEnded(ps, bs);
      boolean fuLonger = fuHe > he;
      int fuEnd = fuLonger ? fuHe : he;
      List<PartHeader> fuHeaders = fuLonger || bareLf(ps, fuEnd) ? headers(ps, fuEnd, true)
          : List.of();

      Names names = new Names();
      boolean file = false;
      String contentType = null;
      String cte = null;
      for (PartHeader h : headers) {
        if (Ascii.equalsIgnoreCase(h.name, "content-disposition")) {
          List<MimeText.Param> params = MimeText.params(h.value, h.length);
          names.collect(params, h);
          file |= hasFilename(params, h);
        } else if (contentType == null && Ascii.equalsIgnoreCase(h.name, "content-type")) {
          contentType = h.valueText();
        } else if (cte == null && Ascii.equalsIgnoreCase(h.name, "content-transfer-encoding")) {
          cte = Ascii.lower(h.valueText().trim());
        }
      }
      List<String> candidates = names.list();
      if (candidates.isEmpty() && level == 0) {
        candidates = List.of("");
      }
      Content content = new Content(src, bs, pe, cte);
      // The content as the reader that reads furthest sees it, for a mask of the whole part;
      // resumeWide is where the scan then resumes (see wholeEnd), used only when so masked.
      int we = wholeEnd(bs, pe, nd);
      int resumeWide = resume;
      resume = -2;
      Content wide = we == pe ? content : new Content(src, bs, we, cte);
      if (candidates.size() > MAX_NAMES) {
        // A name left unasked could be the one the server reads (PHP and commons-fileupload take
        // the last name parameter): fail closed (P5).
        run.maskedWhole("multipart part with more name readings than can be asked; part masked whole");
        huntPastLimit(ps, pe);
        resume = resumeWide;
        if (bs < we) {
          replace(bs, we, wide.encode(Actions.REDACT_TOKEN));
        }
        return;
      }
      int base = run.depth();

      // The part as a whole, under every name a server might read; bracket names level by level.
      List<List<Step>> chains = new ArrayList<>(candidates.size());
      for (String name : candidates) {
        List<Step> chain = chain(name);
        if (chain == null) {
          run.maskedWhole("multipart field name nests brackets too deeply; part masked whole");
          huntPastLimit(ps, pe);
          resume = resumeWide;
          if (bs < we) {
            replace(bs, we, wide.encode(Actions.REDACT_TOKEN));
          }
          return;
        }
        chains.add(chain);
      }
      Decision whole = null;
      for (List<Step> chain : chains) {
        for (Step step : chain) {
          run.push(step, step.key());
          whole = run.decide();
          if (whole != null) {
            break;
          }
        }
        if (whole != null) {
          break;
        }
        run.popTo(base);
      }
      // commons-fileupload's CRLF CRLF may start at this blank line and end past the content
      // start (a CRLF blank line after a bare-LF line, then a CRLF): a mask written from the
      // content start would remove its last CRLF, and a second pass would read the block on into
      // the next part and mask more. Such a part, selected, is written headerless too.
      boolean fuPast = fuLonger || fuHe >= 0 && bs < we;
      if (fuPast || whole == null && !fuHeaders.isEmpty()) {
        // commons-fileupload reads this header block on to its first CRLF CRLF (a blank line
        // after a bare LF, or an empty block, does not end it), splits it only at CRLF, takes
        // its name from that reading and its value after the block. If this part or that reading
        // is selected, the part is masked from its first header line to the end of both values,
        // written as an empty header block and the mask, which both readings then read alike.
        Decision fu = whole;
        if (fu == null) {
          Names fuNames = new Names();
          boolean fuFile = false;
          for (PartHeader h : fuHeaders) {
            if (Ascii.equalsIgnoreCase(h.name, "content-disposition")) {
              List<MimeText.Param> params = MimeText.params(h.value, h.length);
              fuNames.collect(params, h);
              fuFile = hasFilename(params, h);
              break; // commons-fileupload takes the first Content-Disposition
            }
          }
          for (String name : fuNames.list()) {
            run.popTo(base);
            run.push(Step.named("multipart", name), name);
            fu = run.decide();
            if (fu != null) {
              break;
            }
          }
          // A rule on files: commons-fileupload's reading may be a file where ours is not (its
          // block runs on into a Content-Disposition with a filename) or the other way round, and
          // its value runs past ours. A file selected under either reading is masked here, over
          // both values, like a selected name.
          if (fu == null && fuFile) {
            fu = fileDecision(base, fuNames.list().stream()
                .map(n -> List.of(Step.named("multipart", n))).toList());
          }
          if (fu == null && file && fuPast) {
            fu = fileDecision(base, chains);
          }
        }
        if (fu != null) {
          int fv = fuPast ? fuHe + 4 : bs;
          int fd = strictDelimiter(fv, true, 2);
          int fe = contentEnd(fv, fd);
          int end = Math.max(we, fe);
          int next = end == we ? (we == pe ? nd : resumeWide) : fd;
          resume = next;
          run.popTo(base);
          if (!chains.isEmpty()) {
            for (Step step : chains.get(0)) {
              run.push(step, step.key());
            }
          }
          run.maskedWhole("multipart part header block read differently by commons-fileupload; part masked whole");
          if (fu.action() instanceof MaskAction.Remove) {
            run.removed(fu, wide.text());
            narrow(fu, wide, content);
            replace(ds, next < 0 ? to : next, new byte[0]);
          } else {
            run.mask(fu, wide.text());
            narrow(fu, wide, content);
            replace(ps, end, fuOpen ? REDACTED : HEADERLESS_MASK);
          }
          return;
        }
        run.popTo(base);
      }
      byte[] wholeMask = null;
      if (whole != null) {
        resume = resumeWide;
        if (whole.action() instanceof MaskAction.Remove) {
          run.removed(whole, wide.text());
          narrow(whole, wide, content);
          int next = we == pe ? nd : resumeWide;
          replace(ds, next < 0 ? to : next, new byte[0]);
          return;
        }
        if (bs < we) {
          wholeMask = wide.encode(run.mask(whole, wide.text()));
          narrow(whole, wide, content);
        }
        run.popTo(base);
      }
      List<Step> primary = chains.isEmpty() ? List.of() : chains.get(0);
      for (Step step : primary) {
        run.push(step, step.key());
      }
      int partDepth = run.depth();

      // Headers come first in the bytes: they are judged even when the value is masked whole.
      for (PartHeader h : headers) {
        header(h);
        run.popTo(partDepth);
      }
      if (whole != null) {
        if (wholeMask != null) {
          replace(bs, we, wholeMask);
        }
        return;
      }

      if (file) {
        Decision d = null;
        if (chains.isEmpty()) {
          run.push(Step.of("file"), null); // a nameless nested part: a file of the enclosing field
          d = run.decide();
        }
        for (List<Step> chain : chains) {
          run.popTo(base);
          for (Step step : chain) {
            run.push(step, step.key());
          }
          run.push(Step.of("file"), null);
          d = run.decide();
          if (d != null) {
            break;
          }
        }
        if (d != null) {
          resume = resumeWide;
          if (bs < we) {
            replace(bs, we, wide.encode(run.mask(d, wide.text())));
            narrow(d, wide, content);
          }
          return;
        }
        if (BodyFormat.declared(contentType) == BodyFormat.OTHER) {
          return; // file contents no rule selects are not read
        }
      }
      BodyFormat format = BodyFormat.declared(contentType);
      if (bs >= pe || format == BodyFormat.OTHER && !run.inspectsValues()) {
        return;
      }
      byte[] r = unselected(format, contentType, content, chains, base, file);
      if (content.transferEncoded()) {
        // Most form parsers ignore Content-Transfer-Encoding (RFC 7578 deprecates it) and read
        // the bytes as sent: that reading is judged too, over the decoded reading's output.
        Content raw = r == null ? new Content(src, bs, pe, null) : new Content(r, 0, r.length, null);
        byte[] r2 = unselected(format, contentType, raw, chains, base, file);
        if (r2 != null) {
          r = r2;
        }
      }
      if (r != null) {
        replace(bs, pe, r);
      }
    }

    /**
     * The decision for a file part under each of these name readings ({@code NAME > file}), or
     * for a nameless one ({@code file} alone) when there is none; null when no rule selects it.
     * The point is left at {@code base}.
     */
    private Decision fileDecision(int base, List<List<Step>> readings) {
      Decision d = null;
      if (readings.isEmpty()) {
        run.popTo(base);
        run.push(Step.of("file"), null);
        d = run.decide();
      }
      for (List<Step> chain : readings) {
        if (d != null) {
          break;
        }
        run.popTo(base);
        for (Step step : chain) {
          run.push(step, step.key());
        }
        run.push(Step.of("file"), null);
        d = run.decide();
      }
      run.popTo(base);
      return d;
    }

    /**
     * An unselected part's content judged as {@code format} (a structured scan, or the leaf hook
     * for text); the new content in its transfer encoding, or null when unchanged.
     */
    private byte[] unselected(BodyFormat format, String contentType, Content content,
        List<List<Step>> chains, int base, boolean file) {
      if (format != BodyFormat.OTHER) {
        return structured(format, contentType, content, chains, base, file);
      }
      run.popTo(base);
      if (!chains.isEmpty()) {
        for (Step step : chains.get(0)) {
          run.push(step, step.key());
        }
      }
      String r = run.inspect(content.text());
      return r == null ? null : content.encode(r);
    }

    /**
     * A JSON, form, XML or multipart part body, scanned by its format's scanner below each name
     * reading in turn (at most {@link #MAX_STRUCTURED_READINGS}), each over the previous output;
     * the new content in its transfer encoding, or null when unchanged.
     */
    private byte[] structured(BodyFormat format, String contentType, Content content,
        List<List<Step>> chains, int base, boolean file) {
      byte[] b = content.bytes();
      int f = content.from();
      int t = content.to();
      boolean changed = false;
      if (chains.size() > MAX_STRUCTURED_READINGS) {
        // A point rule below the name left unread would not be asked: fail closed (P5).
        run.maskedWhole("multipart part with more name readings than can be scanned; part masked whole");
        OtherReadings.layer(MaskRun.LIMIT, content.text(), run);
        return content.encode(Actions.REDACT_TOKEN);
      }
      int readings = Math.max(1, chains.size());
      for (int k = 0; k < readings; k++) {
        run.popTo(base);
        if (!chains.isEmpty()) {
          for (Step step : chains.get(k)) {
            run.push(step, step.key());
          }
        }
        if (file) {
          run.push(Step.of("file"), null);
        }
        scan.budget -= t - f;
        if (scan.budget < 0) {
          run.maskedWhole("multipart body needs more work than its size allows; part masked whole");
          return content.encode(Actions.REDACT_TOKEN);
        }
        byte[] r = dispatch(format, contentType, b, f, t);
        if (r != null) {
          b = r;
          f = 0;
          t = r.length;
          changed = true;
        }
      }
      return changed ? content.encodeBytes(b) : null;
    }

    /** The rewritten bytes of {@code b[f, t)} under {@code format}'s scanner, or null. */
    private byte[] dispatch(BodyFormat format, String contentType, byte[] b, int f, int t) {
      switch (format) {
        case JSON:
          return JsonScanner.mask(b, f, t, run);
        case FORM:
          return FormScanner.mask(b, f, t, run, "form_urlencoded");
        case MULTIPART:
          if (level >= MAX_NESTING) {
            run.maskedWhole("multipart nested too deeply; part masked whole");
            OtherReadings.multipartValues(MaskRun.LIMIT, b, f, t, run);
            return REDACTED.clone();
          }
          return scan.body(b, f, t, contentType, level + 1);
        case XML:
          return XmlScanner.mask(b, f, t, run);
        default:
          return null;
      }
    }

    /**
     * Records the value as the readers that end it first read it, when a part masked whole under
     * {@code d} was masked up to where the reader that reads furthest ends it: an echo of that
     * shorter value elsewhere in the report is hunted too.
     */
    private void narrow(Decision d, Content wide, Content content) {
      if (wide != content && content.to() > content.from()) {
        run.huntPastLimit(d, content.text());
      }
    }

    /** Asks about one part header and, for Content-Disposition, its parameters. */
    private void header(PartHeader h) {
      run.push(Step.named("header", h.name), h.name);
      Decision d = run.decide();
      if (d != null) {
        if (h.length > 0) {
          String masked = run.mask(d, h.valueText());
          replace(h.at[0], h.at[h.length - 1] + 1, masked.getBytes(StandardCharsets.UTF_8));
        }
        return;
      }
      if (!Ascii.equalsIgnoreCase(h.name, "content-disposition")) {
        return;
      }
      int depth = run.depth();
      for (MimeText.Param p : MimeText.params(h.value, h.length)) {
        if (p.value == null || p.base.equals("name") || p.base.isEmpty()) {
          continue; // the field name is the part's key, not a value
        }
        run.push(Step.named("content_disp", p.base), p.base);
        Decision pd = run.decide();
        if (pd != null && p.end > p.start) {
          String decoded = p.extended ? MimeText.decode2231(p.value) : MimeText.decode2047(p.value);
          String masked = run.mask(pd, decoded);
          byte[] with;
          if (p.extended) {
            with = MimeText.encode5987(masked).getBytes(StandardCharsets.UTF_8);
          } else if (p.quoted || !token(masked)) {
            with = ("\"" + masked.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .getBytes(StandardCharsets.UTF_8);
          } else {
            with = masked.getBytes(StandardCharsets.UTF_8);
          }
          replace(h.at[p.start], h.at[p.end - 1] + 1, with);
        }
        run.popTo(depth);
      }
    }

    /**
     * The steps of a part name: {@code multipart NAME}, or for a bracket name ({@code
     * user[password]}, {@code p[]}) {@code multipart user > hash password} and {@code multipart p
     * > array N}, N counting the earlier {@code p[]} names in this body, as PHP and Rails read
     * them. Null when the name nests deeper than {@link FormScanner#MAX_BRACKET_DEPTH}.
     */
    private List<Step> chain(String name) {
      List<Step> plain = List.of(Step.named("multipart", name));
      int lb = name.indexOf('[');
      if (lb <= 0 || !name.endsWith("]")) {
        return plain;
      }
      List<Step> levels = new ArrayList<>(4);
      levels.add(Step.named("multipart", name.substring(0, lb)));
      List<Integer> arrays = null;
      int i = lb;
      while (i < name.length()) {
        int rb = name.indexOf(']', i + 1);
        if (name.charAt(i) != '[' || rb < 0) {
          return plain; // malformed: asked whole
        }
        if (levels.size() > FormScanner.MAX_BRACKET_DEPTH) {
          return null;
        }
        if (rb == i + 1) {
          if (arrays == null) {
            arrays = new ArrayList<>(2);
          }
          arrays.add(levels.size());
          arrays.add(rb + 1);
          levels.add(null);
        } else {
          levels.add(Step.named("hash", name.substring(i + 1, rb)));
        }
        i = rb + 1;
      }
      if (arrays != null) {
        if (arrayCounts == null) {
          arrayCounts = new HashMap<>();
        }
        for (int k = 0; k < arrays.size(); k += 2) {
          int n = arrayCounts.merge(name.substring(0, arrays.get(k + 1)), 1, Integer::sum) - 1;
          levels.set(arrays.get(k), Step.indexed("array", n));
        }
      }
      return levels;
    }

    /** The start of the first line in {@code [hs, he)} that neither is nor folds a header; or -1. */
    private int firstNonHeaderLine(int hs, int he) {
      boolean inHeader = false;
      int i = hs;
      while (i < he) {
        int le = i;
        boolean colon = false;
        while (le < he && src[le] != '\n') {
          colon |= src[le] == ':';
          le++;
        }
        if (inHeader && (src[i] == ' ' || src[i] == '\t')) {
          i = le + 1;
          continue;
        }
        if (!colon) {
          return i;
        }
        inHeader = true;
        i = le + 1;
      }
      return -1;
    }

    /** The header lines of {@code [hs, he)}, unfolded. */
    private List<PartHeader> headers(int hs, int he) {
      return headers(hs, he, false);
    }

    /**
     * The header lines of {@code [hs, he)}, unfolded; with {@code crlfOnly}, lines end only at
     * CRLF (a bare LF stays inside the line), as commons-fileupload splits them.
     */
    private List<PartHeader> headers(int hs, int he, boolean crlfOnly) {
      List<PartHeader> out = new ArrayList<>(4);
      PartHeader cur = null;
      int i = hs;
      while (i < he) {
        int le = i;
        while (le < he && (src[le] != '\n' || crlfOnly && (le == i || src[le - 1] != '\r'))) {
          le++;
        }
        int e = le;
        if (e > i && src[e - 1] == '\r') {
          e--;
        }
        if ((src[i] == ' ' || src[i] == '\t') && cur != null) {
          append(cur, i, e); // folded continuation: the line break goes, the whitespace stays
        } else {
          int colon = i;
          while (colon < e && src[colon] != ':') {
            colon++;
          }
          if (colon < e) {
            cur = new PartHeader();
            int ns = i;
            int ne = colon;
            while (ne > ns && (src[ne - 1] == ' ' || src[ne - 1] == '\t')) {
              ne--;
            }
            cur.name = new String(src, ns, ne - ns, StandardCharsets.UTF_8).trim();
            cur.value = new byte[Math.max(16, e - colon)];
            cur.at = new int[cur.value.length];
            int vs = colon + 1;
            while (vs < e && (src[vs] == ' ' || src[vs] == '\t')) {
              vs++;
            }
            append(cur, vs, e);
            out.add(cur);
          } else {
            cur = null; // a line that is not a header: ignored, and nothing folds onto it
          }
        }
        i = le + 1;
      }
      for (PartHeader h : out) {
        while (h.length > 0 && (h.value[h.length - 1] == ' ' || h.value[h.length - 1] == '\t')) {
          h.length--;
        }
      }
      return out;
    }

    private void append(PartHeader h, int s, int e) {
      int need = h.length + e - s;
      if (need > h.value.length) {
        int n = Math.max(need, h.value.length * 2);
        h.value = Arrays.copyOf(h.value, n);
        h.at = Arrays.copyOf(h.at, n);
      }
      for (int k = s; k < e; k++) {
        h.value[h.length] = src[k];
        h.at[h.length] = k;
        h.length++;
      }
    }
  }

  private static boolean token(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 127 || c == ';' || c == '"' || c == '\\' || c == ',') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** The names a part may be read under, first the one its point uses. */
  private static final class Names {
    private final Set<String> extended = new LinkedHashSet<>();
    private final Set<String> plain = new LinkedHashSet<>();

    void collect(List<MimeText.Param> params, PartHeader h) {
      StringBuilder joined = null;
      boolean joinedExt = false;
      int next = 0;
      for (MimeText.Param p : params) {
        if (p.value == null || !p.base.equals("name")) {
          continue;
        }
        if (p.section >= 0) {
          if (p.section == next && next < MimeText.MAX_SECTIONS) {
            if (joined == null) {
              joined = new StringBuilder();
              joinedExt = p.extended;
            }
            joined.append(p.extended && next > 0 ? MimeText.percentDecode(p.value,
                StandardCharsets.UTF_8) : p.value);
            next++;
          }
          continue;
        }
        if (p.extended) {
          extended.add(MimeText.decode2231(p.value));
          plain.add(p.value);
          continue;
        }
        plain.add(MimeText.decode2047(p.value));
        plain.add(p.value);
        String v = p.value.trim();
        if (v.length() >= 2 && v.charAt(0) == '\'' && v.charAt(v.length() - 1) == '\'') {
          plain.add(v.substring(1, v.length() - 1));
        }
      }
      if (joined != null) {
        extended.add(joinedExt ? MimeText.decode2231(joined.toString()) : joined.toString());
      }
      for (Map.Entry<String, String> e : fileuploadParams(h.valueText()).entrySet()) {
        if (e.getValue() != null && Ascii.equalsIgnoreCase("name", e.getKey().trim())) {
          plain.add(e.getValue());
        }
      }
    }

    /** Every distinct reading, extended ones first; more than {@link #MAX_NAMES} fails closed. */
    List<String> list() {
      Set<String> out = new LinkedHashSet<>(extended);
      out.addAll(plain);
      return new ArrayList<>(out);
    }
  }

  /** A part's content, decoded from its transfer encoding on demand. */
  private static final class Content {
    private final byte[] src;
    private final int from;
    private final int to;
    private final int kind; // 0 identity, 1 base64, 2 quoted-printable
    private byte[] decoded;

    Content(byte[] src, int from, int to, String cte) {
      this.src = src;
      this.from = from;
      this.to = Math.max(from, to);
      if ("base64".equals(cte)) {
        kind = 1;
      } else if ("quoted-printable".equals(cte)) {
        kind = 2;
      } else {
        kind = 0;
      }
    }

    byte[] bytes() {
      if (kind == 0) {
        return src;
      }
      if (decoded == null) {
        decoded = kind == 1 ? MimeText.base64Decode(src, from, to) : MimeText.qpDecode(src, from, to);
      }
      return decoded;
    }

    int from() {
      return kind == 0 ? from : 0;
    }

    /** Whether the part declares base64 or quoted-printable. */
    boolean transferEncoded() {
      return kind != 0;
    }

    int to() {
      return kind == 0 ? to : bytes().length;
    }

    /** The decoded content as text (UTF-8). */
    String text() {
      return new String(bytes(), from(), to() - from(), StandardCharsets.UTF_8);
    }

    /** Text in the part's transfer encoding. */
    byte[] encode(String text) {
      return encodeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes in the part's transfer encoding and layout. */
    byte[] encodeBytes(byte[] data) {
      if (kind == 1) {
        return MimeText.Base64Layout.of(src, from, to).encode(data);
      }
      if (kind == 2) {
        return MimeText.qpEncode(data, MimeText.qpSeparator(src, from, to));
      }
      return data;
    }
  }
}
