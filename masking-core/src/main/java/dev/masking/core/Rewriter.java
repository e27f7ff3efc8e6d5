package dev.masking.core;

import dev.masking.core.internal.Actions;
import dev.masking.core.internal.BodyFormat;
import dev.masking.core.internal.BodyWire;
import dev.masking.core.internal.FormScanner;
import dev.masking.core.internal.HeaderScanner;
import dev.masking.core.internal.JsonScanner;
import dev.masking.core.internal.MaskRun;
import dev.masking.core.internal.MultipartScanner;
import dev.masking.core.internal.PathScanner;
import dev.masking.core.internal.Residuals;
import dev.masking.core.internal.XmlScanner;
import dev.masking.core.io.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Masks one report under a {@link MaskPolicy}: walks every request part with the scanner for its
 * format, asks the policy about each field (and its value detectors about every unselected value),
 * copies untouched bytes and writes masks, then masks the attack payloads at or inside masked
 * points and sweeps the whole report for echoes of every masked value.
 *
 * <pre>{@code
 * MaskedReport out = Rewriter.mask(report, policy, MaskingOptions.defaults());
 * }</pre>
 *
 * <p>This is core's single entry point; the rule engine's {@code Masker} calls it with a compiled
 * rule set. Stateless and thread-safe: each call owns its scratch state. It never throws on report
 * content: a part whose scanner fails is masked whole, with a note (fail closed).
 */
public final class Rewriter {
  private Rewriter() {}

  private static final Step URI = Step.of("uri");
  private static final Step POST = Step.of("post");

  /**
   * Masks {@code report}.
   *
   * @param report the report
   * @param policy decides which fields are masked and how
   * @param options limits and secrets
   * @return the masked report and notes; the same report object, with no notes, when nothing was
   *     selected
   * @throws NullPointerException if an argument is null, or the policy's detectors hold null
   * @throws IllegalStateException if the policy's {@code detectors()} throws (nothing is masked
   *     without them)
   */
  public static MaskedReport mask(AttackReport report, MaskPolicy policy, MaskingOptions options) {
    java.util.Objects.requireNonNull(report, "report");
    java.util.Objects.requireNonNull(policy, "policy");
    java.util.Objects.requireNonNull(options, "options");
    policy = policy.bind(report); // conditions: only the rules that apply to this request
    List<String> why = policy.explain();
    if (!policy.selectsAnything()) {
      return new MaskedReport(report, why.isEmpty() ? List.of() : infoNotes(why));
    }
    // The run's scratch arrays come from this thread's pool and go back to it, cleared.
    MaskRun run = MaskRun.pooled(policy, options);
    try {
      if (!why.isEmpty()) {
        for (Note n : infoNotes(why)) {
          run.note(n);
        }
      }
      HttpRequest req = report.request();

      Parts masked = maskParts(req, run, 0);
      // Payloads, value detectors outside the request, and the residual sweep of the whole report.
      return Residuals.finish(report, masked.uri(), masked.headers(), masked.body(), run);
    } finally {
      run.release();
    }
  }

  /** The policy's explanation sentences as INFO notes (rule ids and condition kinds only). */
  private static List<Note> infoNotes(List<String> why) {
    List<Note> out = new ArrayList<>(why.size());
    for (String s : why) {
      out.add(new Note(Note.Kind.INFO, null, null, null, s));
    }
    return out;
  }

  private static String maskUri(String uri, MaskRun run) {
    if (uri.isEmpty()) {
      return uri;
    }
    run.push(URI, null);
    if (!run.charge(uri.length())) {
      run.maskedWhole("report work budget (maxWorkBytes) spent; URI masked whole");
      run.pop();
      return Actions.REDACT_TOKEN;
    }
    Decision whole = run.decide();
    if (whole != null) {
      String masked = run.mask(whole, uri);
      run.pop();
      return masked;
    }
    run.pop();
    int q = uri.indexOf('?');
    int pathEnd = q < 0 ? uri.length() : q;
    String newPath; // null: the path unchanged (read in place, never cut out)
    try {
      newPath = PathScanner.mask(uri, pathEnd, run);
    } catch (RuntimeException e) {
      run.popTo(0);
      run.push(Step.of("path_all"), null);
      run.maskedWhole("URI path could not be scanned; masked whole");
      run.pop();
      newPath = Actions.REDACT_TOKEN;
    }
    if (q < 0) {
      return newPath == null ? uri : newPath;
    }
    byte[] query = queryBytes(uri, q + 1);
    byte[] newQuery;
    try {
      newQuery = FormScanner.mask(query, 0, query.length, run, "get");
    } catch (RuntimeException e) {
      run.popTo(0);
      run.push(Step.of("get_all"), null);
      run.maskedWhole("query string could not be scanned; masked whole");
      run.pop();
      newQuery = Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII);
    }
    if (newPath == null && newQuery == null) {
      return uri;
    }
    if (newQuery == null) {
      return newPath + uri.substring(q);
    }
    String joined = newPath == null ? joinAscii(uri, q + 1, newQuery) : null;
    if (joined != null) {
      return joined; // one copy instead of three (decoded query, head, concatenation)
    }
    String queryText = new String(newQuery, StandardCharsets.UTF_8);
    return newPath == null ? uri.substring(0, q + 1) + queryText : newPath + "?" + queryText;
  }

  /**
   * {@code uri[0, n)} followed by the UTF-8 text {@code tail}, decoded in one copy, when {@code
   * uri[0, n)} is ASCII and ends in {@code ?} (no multi-byte sequence can then run across the
   * join, so this is the text the two decoded apart make); null otherwise.
   */
  private static String joinAscii(String uri, int n, byte[] tail) {
    byte[] b = new byte[n + tail.length];
    int seen = 0;
    for (int i = 0; i < n; i++) {
      char c = uri.charAt(i);
      seen |= c;
      b[i] = (byte) c;
    }
    if (seen >= 0x80 || n == 0 || uri.charAt(n - 1) != '?') {
      return null;
    }
    System.arraycopy(tail, 0, b, n, tail.length);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** The UTF-8 bytes of {@code uri} from {@code from} on (one copy when it is ASCII). */
  private static byte[] queryBytes(String uri, int from) {
    int n = uri.length() - from;
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = uri.charAt(from + i);
      if (c >= 0x80) {
        return uri.substring(from).getBytes(StandardCharsets.UTF_8);
      }
      b[i] = (byte) c;
    }
    return b;
  }

  /**
   * An HTTP/2 {@code :path} pseudo-header is the URI a server reads: its value is masked as the
   * URI is (query parameters, path segments), before the headers are scanned.
   */
  private static Headers maskPseudoPath(Headers headers, MaskRun run) {
    List<Header> out = null;
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      String name = h.name();
      if (name.indexOf(':') >= 0 && BodyWire.isName(name, ":path")) {
        String masked = maskUri(h.value(), run);
        if (!masked.equals(h.value())) {
          if (out == null) {
            out = new ArrayList<>(headers.asList());
          }
          out.set(i, new Header(name, masked));
        }
      }
    }
    return out == null ? headers : Headers.of(out);
  }

  /**
   * Header lines hidden in a value after a line break that is no fold (read as lines of their own:
   * after a bare CR by Python's http.server and wsgiref, after a bare LF by nginx, Go, Node and
   * Apache, after a CRLF by every reader) are scanned as headers; a masked one is written back in
   * place, after its line break as sent.
   */
  private static Headers maskHiddenLines(Headers headers, MaskRun run) {
    List<Header> out = null;
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      String v = h.value();
      if (!BodyWire.holdsBreak(v)) {
        continue;
      }
      List<Header> hidden = BodyWire.hiddenLines(v);
      if (hidden.isEmpty()) {
        continue;
      }
      Headers in = Headers.of(hidden);
      Headers masked = HeaderScanner.mask(in, run);
      if (masked == in) {
        continue;
      }
      // The value up to its first line break, then each break as sent and its line as
      // name ": " value.
      int at = BodyWire.lineBreak(v, 0);
      StringBuilder b = new StringBuilder(v.length()).append(v, 0, at);
      for (int k = 0; k < hidden.size(); k++) {
        int s = at + BodyWire.breakLength(v, at);
        b.append(v, at, s);
        Header m = masked.get(k);
        if (!m.name().isEmpty()) {
          b.append(m.name()).append(": ");
        }
        b.append(m.value());
        at = BodyWire.lineBreak(v, s);
      }
      if (out == null) {
        out = new ArrayList<>(headers.asList());
      }
      out.set(i, new Header(h.name(), b.toString()));
    }
    return out == null ? headers : Headers.of(out);
  }

  private static Headers maskHeaders(Headers headers, MaskRun run) {
    if (headers.size() == 0) {
      return headers;
    }
    long size = 0;
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      size += h.name().length() + h.value().length() + 4;
    }
    if (!run.charge(size)) {
      run.push(Step.of("header_all"), null);
      run.maskedWhole("report work budget (maxWorkBytes) spent; every header value masked");
      run.pop();
      return redactAll(headers);
    }
    try {
      return HeaderScanner.mask(headers, run);
    } catch (RuntimeException e) {
      run.popTo(0);
      run.push(Step.of("header_all"), null);
      run.maskedWhole("headers could not be scanned; every header value masked");
      run.pop();
      return redactAll(headers);
    }
  }

  private static Headers redactAll(Headers headers) {
    List<Header> out = new ArrayList<>(headers.size());
    for (Header h : headers) {
      out.add(new Header(h.name(), Actions.REDACT_TOKEN));
    }
    return Headers.of(out);
  }

  /** A request's masked URI and headers, and its masked body (null when unchanged). */
  private record Parts(String uri, Headers headers, byte[] body) {}

  /** The URI, headers (the :path pseudo-header and hidden lines included) and body, masked. */
  private static Parts maskParts(HttpRequest req, MaskRun run, int depth) {
    String uri = maskUri(req.uri(), run);
    // The header lines read once for what the body's reading and the two readings below need.
    BodyWire.Wire wire = BodyWire.wire(req.headers(), req.bodyUnsafe().length > 0);
    Headers headers = wire.colonNames() ? maskPseudoPath(req.headers(), run) : req.headers();
    if (wire.breaks() || headers != req.headers()) {
      headers = maskHiddenLines(headers, run);
    }
    headers = maskHeaders(headers, run);
    return new Parts(uri, headers, maskBody(req, wire, run, depth));
  }

  /** Requests read after a body (pipelined, or past Content-Length) before the rest is masked whole. */
  private static final int MAX_NEXT_REQUESTS = 8;

  /**
   * A request that a server reads after this one's body (the bytes past Content-Length or after
   * the last chunk, or an HTTP/1 body without a length that is itself a request line): masked as
   * a request, its URI, headers and body at their own points, so that the evidence of request
   * smuggling is kept and its secrets are not. Null when unchanged.
   */
  private static byte[] maskNextRequest(byte[] raw, MaskRun run, int depth) {
    run.popTo(0);
    if (depth >= MAX_NEXT_REQUESTS) {
      run.push(POST, null);
      run.maskedWhole("more requests carried in the body than are read; the rest masked whole");
      run.popTo(0);
      return utf8(Actions.REDACT_TOKEN);
    }
    run.note(new Note(Note.Kind.INFO, null, null, null,
        "a further request carried in the body was masked as a request; its points are its own"));
    RawHttp.Parsed parsed = RawHttp.parseWithStyle(raw);
    HttpRequest next = parsed.request();
    Parts masked = maskParts(next, run, depth + 1);
    if (masked.uri().equals(next.uri()) && masked.headers().equals(next.headers())
        && masked.body() == null) {
      return null;
    }
    HttpRequest.Builder b = next.toBuilder().uri(masked.uri()).headers(masked.headers());
    if (masked.body() != null) {
      b.body(masked.body());
    }
    byte[] written = RawHttp.write(b.build(), parsed.lineEnding());
    int blank = leadingEmptyLines(raw);
    if (blank == 0) {
      return written;
    }
    // The empty lines a server skips before the request line (RFC 9112 section 2.2), which the
    // parse skipped too: kept as sent, as every byte no rule selects is (P2).
    byte[] out = Arrays.copyOf(raw, blank + written.length);
    System.arraycopy(written, 0, out, blank, written.length);
    return out;
  }

  /** How many bytes of empty lines (LF or CRLF) {@code raw} starts with, as the parse skips them. */
  private static int leadingEmptyLines(byte[] raw) {
    int pos = 0;
    while (pos < raw.length) {
      if (raw[pos] == '\n') {
        pos++;
      } else if (raw[pos] == '\r' && pos + 1 < raw.length && raw[pos + 1] == '\n') {
        pos += 2;
      } else {
        break;
      }
    }
    return pos;
  }

  /** The masked body, or null when unchanged. */
  private static byte[] maskBody(HttpRequest req, BodyWire.Wire wire, MaskRun run, int depth) {
    byte[] body = req.bodyUnsafe();
    if (body.length == 0) {
      return null;
    }
    run.push(POST, null);
    try {
      Decision whole = run.decide();
      if (whole != null) {
        return utf8(run.mask(whole, new String(body, StandardCharsets.UTF_8)));
      }
      if (body.length > run.options().maxBodyBytes()) {
        run.maskedWhole("body larger than maxBodyBytes; masked whole");
        return utf8(Actions.REDACT_TOKEN);
      }
      if (!run.charge(body.length)) {
        run.maskedWhole("report work budget (maxWorkBytes) spent; body masked whole");
        return utf8(Actions.REDACT_TOKEN);
      }
      try {
        // Content-Length, chunked framing and Content-Encoding read as servers read them.
        return BodyWire.mask(wire, req.protocol(), body, run, b -> scanBody(req, wire, b, run),
            t -> maskNextRequest(t, run, depth));
      } catch (RuntimeException e) {
        // Backstop: a scanner bug must not pass the body through or throw (P4, P5).
        run.popTo(1);
        run.maskedWhole("body could not be scanned; masked whole");
        return utf8(Actions.REDACT_TOKEN);
      }
    } finally {
      run.popTo(0);
    }
  }

  /** The body's bytes as the application reads them, scanned; null when unchanged. */
  private static byte[] scanBody(HttpRequest req, BodyWire.Wire wire, byte[] body, MaskRun run) {
    // Content-Type headers named with spaces around them count too (lenient servers trim).
    List<String> contentTypes = wire.contentTypes();
    String contentType = contentTypes.isEmpty() ? null : contentTypes.get(0);
    BodyFormat format = BodyFormat.detect(contentType, body, 0, body.length);
    if (contentTypes.size() > 1) {
      // Duplicated Content-Type: servers differ on which one counts. Any reading that makes the
      // body multipart wins, and the scanner sees every boundary parameter given.
      for (String other : contentTypes) {
        if (BodyFormat.detect(other, body, 0, body.length) == BodyFormat.MULTIPART) {
          format = BodyFormat.MULTIPART;
        }
      }
      contentType = String.join("; ", contentTypes);
    }
    // Declared a form but sniffed otherwise (in any Content-Type a server may use): the
    // application still reads it as a form, so the form reading runs too, over the first one's
    // output (fuzz finding: a form body starting with '[' went to the JSON scanner alone and kept
    // its password).
    boolean alsoForm = format != BodyFormat.FORM && format != BodyFormat.EMPTY
        && BodyWire.alsoForm(contentTypes, req.method());
    if (BodyWire.unreadableCharset(contentTypes, format, alsoForm)) {
      run.maskedWhole("body declared in a charset that cannot be scanned byte by byte; "
          + "masked whole");
      return utf8(Actions.REDACT_TOKEN);
    }
    if (alsoForm) {
      byte[] first = scanAs(format, body, contentType, run);
      byte[] cur = first == null ? body : first;
      run.popTo(1);
      byte[] second = FormScanner.mask(cur, 0, cur.length, run, "form_urlencoded");
      return second != null ? second : first;
    }
    return scanAs(format, body, contentType, run);
  }

  /** The body scanned as {@code format}, or null when unchanged. */
  private static byte[] scanAs(BodyFormat format, byte[] body, String contentType, MaskRun run) {
    switch (format) {
      case JSON: {
        run.takeLenient();
        byte[] json = JsonScanner.mask(body, 0, body.length, run);
        if (run.takeLenient() && run.inspectsValues()) {
          // Invalid JSON is scanned leniently: its paired string values are inspected at json_doc,
          // but text between strings a stray quote mis-paired is not, so the value detectors also
          // go over the whole text, as over a plain-text body.
          byte[] swept = Residuals.inspectPlainBody(json == null ? body : json, run);
          if (swept != null) {
            return swept;
          }
        }
        return json;
      }
      case FORM:
        return FormScanner.mask(body, 0, body.length, run, "form_urlencoded");
      case XML:
        return XmlScanner.mask(body, 0, body.length, run);
      case MULTIPART:
        return MultipartScanner.mask(body, 0, body.length, contentType, run);
      default:
        // Plain text and the like: no fields, but value detectors still look inside.
        return run.inspectsValues() ? Residuals.inspectPlainBody(body, run) : null;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
