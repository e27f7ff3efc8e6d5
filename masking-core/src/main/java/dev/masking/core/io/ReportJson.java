package dev.masking.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.masking.core.Ascii;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.internal.Utf8;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes attack reports in JSON report format v1 (DESIGN.md section 4).
 *
 * <pre>{@code
 * AttackReport r = ReportJson.read(bytes);          // throws ReportFormatException if not a report
 * byte[] out = ReportJson.write(masker.mask(r), true);  // one line, with a "masking" member
 * }</pre>
 *
 * <h2>Reading</h2>
 *
 * <ul>
 *   <li>{@code id} and {@code instance}: a string, or a number kept as its text; {@code null} is
 *       the same as absent.
 *   <li>{@code request} (required object): {@code method}, {@code uri}, {@code protocol} (strings;
 *       absent or null gives "", "" and null), {@code headers} (list of {@code [name, value]}
 *       string pairs, order, case and duplicates kept), {@code body} (text, stored as its UTF-8
 *       bytes; a lone surrogate, which UTF-8 cannot hold, becomes {@code ?}) or
 *       {@code body_base64} (standard alphabet, padding optional), never both. Other members go to
 *       {@link AttackReport#requestExtra()} in order.
 *   <li>{@code attacks}: list of objects with {@code type} and {@code payload} (strings or null)
 *       and {@code point} in the flat or nested form, parsed with {@link Point#tryParse}; the raw
 *       JSON is kept too, and a point that does not parse gives {@code point() == null}, never an
 *       error. Other members go to {@link Attack#extra()}.
 *   <li>Every other top-level member goes to {@link AttackReport#extra()} in order.
 *   <li>A member given twice: the last one wins (Jackson's default; for carried-through members
 *       the first position is kept). Floating-point numbers in carried-through members are read as
 *       {@code BigDecimal} with their scale, so {@code 1.50} is written back as {@code 1.50}.
 * </ul>
 *
 * <p>Limits (Jackson {@link StreamReadConstraints}, set explicitly): nesting depth
 * {@value #MAX_NESTING_DEPTH}, string length {@value #MAX_STRING_LENGTH} chars (64 MiB; a base64
 * body thus holds at most 48 MiB), number length {@value #MAX_NUMBER_LENGTH} digits, member name
 * length {@value #MAX_NAME_LENGTH} chars. Parsers are only ever created over the caller's bytes or
 * string, never a file or URL; source text is never included in locations; member names are not
 * interned. Input may be UTF-8, or UTF-16/32 (Jackson detects the encoding).
 *
 * <h2>Writing</h2>
 *
 * <p>One document on one line (JSON Lines ready), UTF-8, members in the order {@code id},
 * {@code instance}, {@code request} ({@code method}, {@code uri}, {@code protocol},
 * {@code headers}, {@code body} or {@code body_base64}, then request extras), {@code attacks}
 * ({@code type}, {@code point}, {@code payload}, then attack extras), then the other members in
 * their original order, and with explain a final {@code "masking": {"notes": [...]}}. Null fields
 * are omitted. The body is written as text when its transport is {@code TEXT} and its bytes are
 * valid UTF-8, otherwise as base64. A carried-through member whose name is one of the members
 * written by this class at that level ({@code masking} included when explaining), in any case
 * (Unicode simple case folding, as Go's encoding/json compares names), is skipped: it could
 * otherwise override a masked member for a reader where the last one wins.
 *
 * <p>Round trip: for any report {@code x}, {@code read(write(read(x))).equals(read(x))}, and the
 * method, URI, protocol, header names and values and body bytes come out exactly as read.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportJson {

  /** Deepest nesting of JSON arrays and objects accepted. */
  public static final int MAX_NESTING_DEPTH = 1000;
  /** Longest JSON string accepted, in chars (64 MiB). */
  public static final int MAX_STRING_LENGTH = 64 << 20;
  /** Longest JSON number accepted, in chars. */
  public static final int MAX_NUMBER_LENGTH = 1000;
  /** Longest JSON member name accepted, in chars (64 KiB). */
  public static final int MAX_NAME_LENGTH = 64 << 10;

  private static final Set<String> TOP_MEMBERS = Set.of("id", "instance", "request", "attacks");
  private static final Set<String> REQUEST_MEMBERS =
      Set.of("method", "uri", "protocol", "headers", "body", "body_base64");
  private static final Set<String> ATTACK_MEMBERS = Set.of("type", "point", "payload");
  private static final String EXPLAIN_MEMBER = "masking";

  private static final ObjectMapper MAPPER = mapper();

  private ReportJson() {}

  private static ObjectMapper mapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build())
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  // ---- reading ---------------------------------------------------------------------------------

  /**
   * Parses one report document.
   *
   * @param json the document, UTF-8 (or UTF-16/32)
   * @return the report
   * @throws ReportFormatException if the input is not a report; the message holds no input text
   */
  public static AttackReport read(byte[] json) {
    return read(json, 0, json.length);
  }

  /**
   * Parses one report document held in part of an array.
   *
   * @throws ReportFormatException if the input is not a report; the message holds no input text
   */
  static AttackReport read(byte[] json, int offset, int length) {
    try (JsonParser p = MAPPER.createParser(json, offset, length)) {
      return read(p);
    } catch (IOException e) {
      throw translate(e);
    }
  }

  /**
   * Parses one report document.
   *
   * @param json the document
   * @return the report
   * @throws ReportFormatException if the input is not a report; the message holds no input text
   */
  public static AttackReport read(String json) {
    try (JsonParser p = MAPPER.createParser(json)) {
      return read(p);
    } catch (IOException e) {
      throw translate(e);
    }
  }

  private static AttackReport read(JsonParser p) throws IOException {
    try {
      return readReport(p);
    } catch (ReportFormatException | IOException e) {
      throw e;
    } catch (RuntimeException e) {
      // Jackson reports some malformed encodings with unchecked exceptions; keep the contract
      // (only ReportFormatException) and drop the message, which may quote input.
      throw new ReportFormatException("input could not be read as JSON", -1, -1);
    }
  }

  private static ReportFormatException translate(IOException e) {
    String reason;
    if (e instanceof StreamConstraintsException) {
      reason = "input exceeds a size or nesting limit";
    } else if (e instanceof JsonEOFException) {
      reason = "unexpected end of input";
    } else if (e instanceof CharConversionException) {
      reason = "input is not in a valid character encoding";
    } else if (e instanceof JsonProcessingException) {
      reason = "input is not valid JSON";
    } else {
      reason = "input could not be read";
    }
    JsonLocation loc = e instanceof JsonProcessingException j ? j.getLocation() : null;
    return loc == null
        ? new ReportFormatException(reason, -1, -1)
        : new ReportFormatException(reason, loc.getLineNr(), loc.getColumnNr());
  }

  private static ReportFormatException fail(String reason, JsonParser p) {
    JsonLocation loc = p.currentTokenLocation();
    return loc == null
        ? new ReportFormatException(reason, -1, -1)
        : new ReportFormatException(reason, loc.getLineNr(), loc.getColumnNr());
  }

  private static AttackReport readReport(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new ReportFormatException("input is empty", -1, -1);
    }
    if (t != JsonToken.START_OBJECT) {
      throw fail("a report is a JSON object", p);
    }
    String id = null;
    String instance = null;
    HttpRequest request = null;
    Map<String, JsonNode> requestExtra = Map.of();
    List<Attack> attacks = List.of();
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> id = idText(p, v, "member 'id' must be a string or a number");
        case "instance" ->
            instance = idText(p, v, "member 'instance' must be a string or a number");
        case "request" -> {
          if (v != JsonToken.START_OBJECT) {
            throw fail("member 'request' must be an object", p);
          }
          requestExtra = new LinkedHashMap<>();
          request = readRequest(p, requestExtra);
        }
        case "attacks" -> attacks = readAttacks(p, v);
        default -> extra.put(name, tree(p));
      }
    }
    if (p.nextToken() != null) {
      throw fail("unexpected content after the report object", p);
    }
    if (request == null) {
      throw new ReportFormatException("a report needs a 'request' object", -1, -1);
    }
    return new AttackReport(id, instance, request, attacks, extra, requestExtra);
  }

  private static JsonNode tree(JsonParser p) throws IOException {
    JsonNode n = MAPPER.readTree(p);
    return n == null ? NullNode.getInstance() : n;
  }

  private static String idText(JsonParser p, JsonToken v, String reason) throws IOException {
    return switch (v) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
      case VALUE_NULL -> null;
      default -> throw fail(reason, p);
    };
  }

  private static String text(JsonParser p, JsonToken v, String reason) throws IOException {
    return switch (v) {
      case VALUE_STRING -> p.getText();
      case VALUE_NULL -> null;
      default -> throw fail(reason, p);
    };
  }

  private static HttpRequest readRequest(JsonParser p, Map<String, JsonNode> requestExtra)
      throws IOException {
    HttpRequest.Builder b = HttpRequest.builder();
    String body = null;
    String bodyBase64 = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "method" -> b.method(orEmpty(text(p, v, "request member 'method' must be a string")));
        case "uri" -> b.uri(orEmpty(text(p, v, "request member 'uri' must be a string")));
        case "protocol" -> b.protocol(text(p, v, "request member 'protocol' must be a string"));
        case "headers" -> readHeaders(p, v, b);
        case "body" -> body = text(p, v, "request member 'body' must be a string");
        case "body_base64" ->
            bodyBase64 = text(p, v, "request member 'body_base64' must be a string");
        default -> requestExtra.put(name, tree(p));
      }
    }
    if (body != null && bodyBase64 != null) {
      throw fail("request has both 'body' and 'body_base64'", p);
    }
    if (body != null) {
      b.body(body).bodyTransport(HttpRequest.BodyTransport.TEXT);
    } else if (bodyBase64 != null) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(bodyBase64);
      } catch (IllegalArgumentException e) {
        throw fail("request member 'body_base64' is not valid base64", p);
      }
      b.body(bytes).bodyTransport(HttpRequest.BodyTransport.BASE64);
    } else {
      b.bodyTransport(HttpRequest.BodyTransport.NONE);
    }
    return b.build();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static void readHeaders(JsonParser p, JsonToken v, HttpRequest.Builder b)
      throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      b.headers(dev.masking.core.Headers.empty());
      return;
    }
    if (v != JsonToken.START_ARRAY) {
      throw fail("request member 'headers' must be a list of [name, value] pairs", p);
    }
    List<Header> headers = new ArrayList<>();
    String pair = "each header must be a [name, value] pair of strings";
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_STRING) {
        throw fail(pair, p);
      }
      String name = p.getText();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw fail(pair, p);
      }
      String value = p.getText();
      if (p.nextToken() != JsonToken.END_ARRAY) {
        throw fail(pair, p);
      }
      headers.add(new Header(name, value));
    }
    b.headers(dev.masking.core.Headers.of(headers));
  }

  private static List<Attack> readAttacks(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (v != JsonToken.START_ARRAY) {
      throw fail("member 'attacks' must be a list of objects", p);
    }
    List<Attack> attacks = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw fail("each attack must be an object", p);
      }
      attacks.add(readAttack(p));
    }
    return attacks;
  }

  private static Attack readAttack(JsonParser p) throws IOException {
    String type = null;
    String payload = null;
    JsonNode rawPoint = null;
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> type = text(p, v, "attack member 'type' must be a string");
        case "payload" -> payload = text(p, v, "attack member 'payload' must be a string");
        case "point" -> {
          JsonNode n = tree(p);
          rawPoint = n.isNull() ? null : n;
        }
        default -> extra.put(name, tree(p));
      }
    }
    return new Attack(type, Point.tryParse(rawPoint), rawPoint, payload, extra);
  }

  // ---- writing ---------------------------------------------------------------------------------

  /**
   * Writes a report as one JSON document on one line, UTF-8, no trailing newline.
   *
   * @param r the report
   * @return the document
   * @throws IllegalArgumentException if a carried-through member holds a Jackson POJO node that
   *     cannot be converted to JSON (never the case for reports this class read)
   */
  public static byte[] write(AttackReport r) {
    return write(r, null);
  }

  /**
   * Writes a masked report as one JSON document on one line, UTF-8, no trailing newline.
   *
   * @param m the masked report
   * @param explain whether to add a final member {@code "masking": {"notes": [...]}} with each
   *     note's {@link Note#toString()} (notes never hold values)
   * @return the document
   * @throws IllegalArgumentException if a carried-through member holds a Jackson POJO node that
   *     cannot be converted to JSON (never the case for reports this class read)
   */
  public static byte[] write(MaskedReport m, boolean explain) {
    return write(m.report(), explain ? m.notes() : null);
  }

  private static byte[] write(AttackReport r, List<Note> notes) {
    HttpRequest req = r.request();
    JsonOut out = new JsonOut(req.bodyLength() + (req.bodyLength() >> 1) + 512);
    out.open('{');
    if (r.id() != null) {
      out.member("id").string(r.id());
    }
    if (r.instance() != null) {
      out.member("instance").string(r.instance());
    }
    out.member("request");
    writeRequest(out, req, r.requestExtra());
    out.member("attacks").open('[');
    for (Attack a : r.attacks()) {
      out.element();
      writeAttack(out, a);
    }
    out.close(']');
    for (Map.Entry<String, JsonNode> e : r.extra().entrySet()) {
      String name = e.getKey();
      if (!reserved(TOP_MEMBERS, name) && !(notes != null && sameName(EXPLAIN_MEMBER, name))) {
        out.member(name).tree(e.getValue());
      }
    }
    if (notes != null) {
      out.member(EXPLAIN_MEMBER).open('{').member("notes").open('[');
      for (Note n : notes) {
        out.element().string(n.toString());
      }
      out.close(']').close('}');
    }
    out.close('}');
    return out.toByteArray();
  }

  private static void writeRequest(JsonOut out, HttpRequest req, Map<String, JsonNode> extra) {
    out.open('{');
    out.member("method").string(req.method());
    out.member("uri").string(req.uri());
    if (req.protocol() != null) {
      out.member("protocol").string(req.protocol());
    }
    out.member("headers").open('[');
    for (Header h : req.headers()) {
      out.element().open('[');
      out.element().string(h.name());
      out.element().string(h.value());
      out.close(']');
    }
    out.close(']');
    byte[] body = req.bodyUnsafe();
    boolean hadNoBody = body.length == 0 && req.bodyTransport() == HttpRequest.BodyTransport.NONE;
    if (!hadNoBody) {
      if (req.bodyTransport() != HttpRequest.BodyTransport.BASE64 && Utf8.isValid(body)) {
        out.member("body").utf8String(body);
      } else {
        out.member("body_base64").base64String(body);
      }
    }
    for (Map.Entry<String, JsonNode> e : extra.entrySet()) {
      if (!reserved(REQUEST_MEMBERS, e.getKey())) {
        out.member(e.getKey()).tree(e.getValue());
      }
    }
    out.close('}');
  }

  private static void writeAttack(JsonOut out, Attack a) {
    out.open('{');
    if (a.type() != null) {
      out.member("type").string(a.type());
    }
    JsonNode raw = a.rawPoint();
    if (raw != null) {
      out.member("point").tree(raw);
    } else if (a.point() != null) {
      out.member("point").open('[');
      for (Object step : a.point().toFlatList()) {
        out.element();
        if (step instanceof String s) {
          out.string(s);
        } else {
          out.raw(String.valueOf(step));
        }
      }
      out.close(']');
    }
    if (a.payload() != null) {
      out.member("payload").string(a.payload());
    }
    for (Map.Entry<String, JsonNode> e : a.extra().entrySet()) {
      if (!reserved(ATTACK_MEMBERS, e.getKey())) {
        out.member(e.getKey()).tree(e.getValue());
      }
    }
    out.close('}');
  }

  /** Whether {@code name} is one of {@code names} as {@link #sameName} compares them. */
  private static boolean reserved(Set<String> names, String name) {
    if (names.contains(name)) {
      return true;
    }
    for (String r : names) {
      if (sameName(r, name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a reader that matches member names case-insensitively would take {@code name} for
   * {@code ours} (an ASCII name): Go's encoding/json (Unicode simple case folding, so the Kelvin
   * sign is a {@code k} and the long s an {@code s}), Jackson with
   * {@code ACCEPT_CASE_INSENSITIVE_PROPERTIES}, .NET with {@code PropertyNameCaseInsensitive}. Such
   * a reader takes the last of two such members, and carried-through members are written after
   * ours.
   */
  private static boolean sameName(String ours, String name) {
    if (ours.length() != name.length()) {
      return false;
    }
    for (int i = 0; i < ours.length(); i++) {
      char c = name.charAt(i);
      char f = c < 0x80 ? Ascii.lower(c)
          : Character.toLowerCase(Character.toUpperCase(c)); // char-based: locale-independent
      if (f != ours.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Converts a POJO node of a carried-through member to a plain tree for {@link JsonOut}. */
  static JsonNode pojoToTree(POJONode n) {
    JsonNode t;
    try {
      t = MAPPER.valueToTree(n.getPojo());
    } catch (IllegalArgumentException e) {
      t = null;
    }
    if (t == null && n.getPojo() == null) {
      return NullNode.getInstance();
    }
    if (t == null || t.isPojo()) {
      throw new IllegalArgumentException(
          "a carried-through member holds an object that cannot be written as JSON");
    }
    return t;
  }
}
