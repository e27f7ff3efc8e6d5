package dev.masking.rules.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.masking.core.Ascii;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of one report that rule conditions look at, derived lazily: URL segments, action name
 * and extension, query parameters, host, protocol version, scheme. Every value here is request
 * data: it is compared, never written to a note, message or {@code toString()}.
 *
 * <p>One instance per report; not thread-safe.
 */
final class RequestFacts {
  private final AttackReport report;
  private final HttpRequest request;

  private boolean urlSplit;
  private String uri;
  private String absoluteScheme;
  /** The host (and port) of an absolute-form URI, without user info; null otherwise. */
  private String absoluteHost;
  private List<String> path;
  private String actionName;
  private String actionExt;
  /** Query values by decoded name; made on first use. */
  private Map<String, List<String>> query;
  /** Header values by upper-cased name; made on first use. */
  private Map<String, List<String>> headers;
  private boolean schemeRead;
  private String scheme;

  /** Whether a trailing slash is dropped from the path: {@code /login/} read as {@code /login}. */
  private final boolean trimSlash;

  RequestFacts(AttackReport report) {
    this(report, false);
  }

  /** The facts of {@code report}; with {@code trimSlash}, its path read without a final slash. */
  RequestFacts(AttackReport report, boolean trimSlash) {
    this.report = report;
    this.request = report.request();
    this.trimSlash = trimSlash;
  }

  /**
   * Whether the path ends with a slash after at least one segment ({@code /login/}), which many
   * servers route as the path without it (Spring before 6, Express, Laravel): conditions are
   * then also evaluated on {@code new RequestFacts(report, true)}.
   */
  boolean endsWithSlash() {
    split();
    return !trimSlash && actionName.isEmpty() && actionExt == null && !path.isEmpty();
  }

  String instance() {
    return report.instance();
  }

  String method() {
    String m = request.method();
    return m.isEmpty() ? null : m;
  }

  /** The HTTP version as Wallarm writes it: {@code HTTP/1.1} gives {@code 1.1}, {@code HTTP/2} gives {@code 2.0}. */
  String proto() {
    String p = request.protocol();
    if (p == null || p.isEmpty()) {
      return null;
    }
    int slash = p.indexOf('/');
    String v = slash >= 0 ? p.substring(slash + 1) : p;
    if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '9') {
      v = v + ".0";
    }
    return v;
  }

  /**
   * The scheme: a string {@code scheme} member of the report's request object (lower-cased), else
   * the scheme of an absolute-form URI, else null. The report model has no scheme of its own.
   */
  String scheme() {
    if (!schemeRead) {
      schemeRead = true;
      JsonNode s = report.requestExtra().get("scheme");
      if (s != null && s.isTextual() && !s.asText().isEmpty()) {
        scheme = Ascii.lower(s.asText());
      } else {
        split();
        scheme = absoluteScheme;
      }
    }
    return scheme;
  }

  /** Path and query as sent, without scheme and authority; null when empty. */
  String uri() {
    split();
    return uri.isEmpty() ? null : uri;
  }

  /** Segment {@code i} of the path (all but the last segment), decoded; null when absent. */
  String path(int i) {
    split();
    return i < path.size() ? path.get(i) : null;
  }

  /** The number of path segments (all but the last). */
  int pathCount() {
    split();
    return path.size();
  }

  /** The last segment before its first dot; never null. */
  String actionName() {
    split();
    return actionName;
  }

  /** The last segment after its first dot, or null when it has no dot. */
  String actionExt() {
    split();
    return actionExt;
  }

  /**
   * The decoded values of query parameter {@code name}, in order; not to be modified. The query
   * is split and indexed by name once per report: every {@code get} condition met looks here, and
   * scanning all parameters per condition cost rules times parameters (2,000 conditioned rules
   * and a 100,000-parameter query: 17 s per report).
   */
  List<String> query(String name) {
    if (query == null) {
      query = new HashMap<>();
      for (String[] kv : parseQuery()) {
        query.computeIfAbsent(kv[0], k -> new ArrayList<>(1)).add(kv[1]);
      }
    }
    List<String> values = query.get(name);
    return values == null ? List.of() : values;
  }

  /**
   * The values of header {@code name} (any case). For HOST: also an HTTP/2 {@code :authority},
   * and each host also without a port and a trailing dot, so {@code shop.example:443} and {@code
   * shop.example.} meet a {@code shop.example} condition (a rule applying more widely masks more).
   */
  List<String> header(String upperName) {
    if (headers == null) {
      // Indexed once per report, as the query is: a condition per header scanned them all.
      headers = new HashMap<>();
      for (Header h : request.headers()) {
        headers.computeIfAbsent(Ascii.upper(h.name()), k -> new ArrayList<>(1)).add(h.value());
      }
    }
    List<String> values = headers.get(upperName);
    List<String> out = values == null ? new ArrayList<>(2) : new ArrayList<>(values);
    if ("HOST".equals(upperName)) {
      if (out.isEmpty()) {
        for (Header h : request.headers()) {
          if (":authority".equals(h.name())) {
            out.add(h.value());
          }
        }
      }
      int n = out.size();
      for (int i = 0; i < n; i++) {
        String bare = bareHost(out.get(i));
        if (!bare.equals(out.get(i))) {
          out.add(bare);
        }
      }
    }
    return out;
  }

  /**
   * The hosts a HOST condition that is not {@code absent} is met by: the {@link #header} values,
   * and also every HTTP/2 {@code :authority} and the host of an absolute-form URI
   * ({@code POST http://shop.example/login}), each as sent and bare. A server routes by those
   * before the Host header (RFC 9112 3.2.2, RFC 9113 8.3.1), so a request naming its host there
   * and another in Host must still meet the rules of the host it reaches (more masking, not less).
   */
  List<String> hostValues() {
    List<String> out = header("HOST");
    List<String> more = new ArrayList<>(2);
    if (request.headers().count("HOST") > 0) { // else header() took them already
      for (Header h : request.headers()) {
        if (":authority".equals(h.name())) {
          more.add(h.value());
        }
      }
    }
    split();
    if (absoluteHost != null) {
      more.add(absoluteHost);
    }
    for (String h : more) {
      out.add(h);
      String bare = bareHost(h);
      if (!bare.equals(h)) {
        out.add(bare);
      }
    }
    return out;
  }

  /** The host spellings to look up in the host index, lower-cased: as sent and bare. */
  List<String> hosts() {
    List<String> all = hostValues();
    List<String> out = new ArrayList<>(all.size());
    for (String h : all) {
      String l = Ascii.lower(h);
      if (!out.contains(l)) {
        out.add(l);
      }
    }
    return out;
  }

  /** {@code host} without a port and trailing dots, surrounding whitespace trimmed. */
  static String bareHost(String host) {
    String h = host.trim();
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(']') < colon && colon + 1 <= h.length()) {
      boolean digits = true;
      for (int i = colon + 1; i < h.length(); i++) {
        char c = h.charAt(i);
        digits &= c >= '0' && c <= '9';
      }
      if (digits && (h.indexOf(':') == colon || h.startsWith("["))) {
        h = h.substring(0, colon);
      }
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private void split() {
    if (urlSplit) {
      return;
    }
    urlSplit = true;
    String u = request.uri();
    int schemeEnd = u.indexOf("://");
    if (schemeEnd > 0 && isScheme(u, schemeEnd)) {
      absoluteScheme = Ascii.lower(u.substring(0, schemeEnd));
      int pathStart = u.indexOf('/', schemeEnd + 3);
      int q = u.indexOf('?', schemeEnd + 3);
      int authorityEnd = u.length();
      for (int i = schemeEnd + 3; i < u.length(); i++) {
        char c = u.charAt(i);
        if (c == '/' || c == '?' || c == '#') {
          authorityEnd = i;
          break;
        }
      }
      String authority = u.substring(schemeEnd + 3, authorityEnd);
      absoluteHost = authority.substring(authority.lastIndexOf('@') + 1); // no user info
      if (pathStart < 0 || (q >= 0 && q < pathStart)) {
        u = q < 0 ? "/" : "/" + u.substring(q);
      } else {
        u = u.substring(pathStart);
      }
    }
    uri = u;
    int end = u.length();
    for (int i = 0; i < u.length(); i++) {
      char c = u.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    List<String> segments = new ArrayList<>();
    int start = end > 0 && u.charAt(0) == '/' ? 1 : 0;
    for (int i = start; i <= end; i++) {
      if (i == end || u.charAt(i) == '/') {
        String raw = u.substring(start, i);
        int semicolon = raw.indexOf(';');
        if (semicolon >= 0) {
          raw = raw.substring(0, semicolon); // path parameters (;jsessionid=...), as servers drop
        }
        String seg = NameForms.percentDecode(raw);
        boolean last = i == end;
        if (seg.isEmpty() && !last) {
          start = i + 1; // "//" reads as "/", as most servers read it
          continue;
        }
        if (".".equals(seg) || "..".equals(seg)) {
          // Dot segments are resolved as a server would, so "/x/../login" is "/login".
          if ("..".equals(seg) && !segments.isEmpty()) {
            segments.remove(segments.size() - 1);
          }
          if (last) {
            segments.add("");
          }
        } else {
          segments.add(seg);
        }
        start = i + 1;
      }
    }
    if (trimSlash && segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    if (segments.isEmpty()) {
      segments.add("");
    }
    String action = segments.remove(segments.size() - 1);
    path = segments;
    int dot = action.indexOf('.');
    actionName = dot < 0 ? action : action.substring(0, dot);
    actionExt = dot < 0 ? null : action.substring(dot + 1);
  }

  private static boolean isScheme(String u, int end) {
    for (int i = 0; i < end; i++) {
      char c = u.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private List<String[]> parseQuery() {
    split();
    List<String[]> out = new ArrayList<>();
    int q = uri.indexOf('?');
    if (q < 0) {
      return out;
    }
    int end = uri.indexOf('#', q);
    String qs = uri.substring(q + 1, end < 0 ? uri.length() : end);
    int start = 0;
    for (int i = 0; i <= qs.length(); i++) {
      if (i == qs.length() || qs.charAt(i) == '&') {
        if (i > start) {
          String pair = qs.substring(start, i);
          int eq = pair.indexOf('=');
          String k = eq < 0 ? pair : pair.substring(0, eq);
          String v = eq < 0 ? "" : pair.substring(eq + 1);
          out.add(new String[] {formDecode(k), formDecode(v)});
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static String formDecode(String s) {
    return NameForms.percentDecode(s.indexOf('+') >= 0 ? s.replace('+', ' ') : s);
  }

  /** Never request values. */
  @Override
  public String toString() {
    return "RequestFacts[]";
  }
}
