package dev.masking.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A request point: where in a request a value sits, as a list of {@link Step}s in the Wallarm
 * vocabulary, for example {@code post > json_doc > hash > password}.
 *
 * <pre>{@code
 * Point p = Point.parse(json);                 // flat ["get","token"] or nested [["get","token"]]
 * Point q = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "password"));
 * q.display();                                 // "post > json_doc > hash > password"
 * }</pre>
 *
 * <p>Immutable and thread-safe. Header names compare case-insensitively; other keys exactly.
 */
public final class Point {

  /** Parsers that take the next element as key or index in the flat form. */
  private static final Set<String> TAKES_ARGUMENT =
      Set.of(
          "hash", "array", "json", "header", "cookie", "get", "path", "multipart",
          "form_urlencoded", "content_disp", "xml_tag", "xml_tag_array", "xml_attr", "xml_comment",
          "xml_pi", "xml_dtd_entity", "jwt", "grpc", "protobuf");

  /** Parsers that take no argument. */
  private static final Set<String> NO_ARGUMENT =
      Set.of(
          "uri", "post", "action_name", "action_ext", "json_doc", "xml", "xml_dtd", "base64",
          "gzip", "percent", "htmljs", "file", "pollution", "gql", "viewstate",
          "get_all", "header_all", "hash_all", "array_all", "cookie_all", "form_urlencoded_all",
          "multipart_all", "path_all", "jwt_all", "xml_tag_all", "xml_attr_all",
          "get_name", "header_name", "hash_name", "cookie_name", "form_urlencoded_name",
          "multipart_name", "xml_tag_name", "xml_attr_name", "array_name", "jwt_name");

  /** Parsers whose argument is a number. */
  private static final Set<String> INDEX_ARGUMENT =
      Set.of("array", "path", "xml_tag_array", "xml_comment", "xml_pi");

  private static final Map<String, String> ALIASES =
      Map.of("query", "get", "json_obj", "hash", "json_array", "array", "query_all", "get_all",
          "json_obj_all", "hash_all", "json_array_all", "array_all");

  /** Aliases for the argument of the {@code jwt} step. */
  private static final Map<String, String> JWT_ARG_ALIASES =
      Map.of("payload", "jwt_payload", "header", "jwt_header", "prefix", "jwt_prefix");

  private static final Point EMPTY = new Point(new Step[0]);

  /**
   * The steps, held in an array no one else holds (profiled: behind a list of one of several
   * classes, every step read was an interface call; {@code size} and {@code step} were about a
   * quarter of the samples of the sweep's checks of point names).
   */
  private final Step[] a;

  /** An unmodifiable view of {@link #a}. */
  private final List<Step> steps;

  private Point(Step[] owned) {
    this.a = owned;
    this.steps = new StepList(owned);
  }

  /** A copy of {@code steps}, none null. */
  private static Step[] copy(Collection<Step> steps) {
    Step[] out = steps.toArray(new Step[0]);
    for (Step s : out) {
      Objects.requireNonNull(s, "step");
    }
    return out;
  }

  /** The point with no steps. */
  public static Point empty() {
    return EMPTY;
  }

  /** A point of the given steps. */
  public static Point of(Step... steps) {
    Step[] owned = steps.clone();
    for (Step s : owned) {
      Objects.requireNonNull(s, "step");
    }
    return new Point(owned);
  }

  /** A point of the given steps. */
  public static Point of(List<Step> steps) {
    return new Point(copy(steps));
  }

  /**
   * A point of {@code owned}, kept without copying: for the library's own step stack (see {@link
   * dev.masking.core.internal.ModelAccess}), which hands over a fresh array no one else holds.
   */
  static Point trusted(Step[] owned) {
    return new Point(owned);
  }

  /** An unmodifiable list over an array no one else holds. */
  private static final class StepList extends java.util.AbstractList<Step>
      implements java.util.RandomAccess {
    private final Step[] a;

    StepList(Step[] a) {
      this.a = a;
    }

    @Override
    public Step get(int i) {
      return a[i];
    }

    @Override
    public int size() {
      return a.length;
    }
  }

  /** The steps, unmodifiable. */
  public List<Step> steps() {
    return steps;
  }

  /** Number of steps. */
  public int size() {
    return a.length;
  }

  /** Step {@code i}. */
  public Step step(int i) {
    return a[i];
  }

  /** This point with one more step at the end. */
  public Point append(Step step) {
    Step[] owned = java.util.Arrays.copyOf(a, a.length + 1);
    owned[a.length] = Objects.requireNonNull(step, "step");
    return new Point(owned);
  }

  /** Whether {@code prefix} is this point or a point that contains it (a leading sublist). */
  public boolean startsWith(Point prefix) {
    Step[] b = prefix.a;
    if (b.length > a.length) {
      return false;
    }
    for (int i = 0; i < b.length; i++) {
      if (!a[i].sameAs(b[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} is a known parser name or alias. */
  public static boolean isKnownParser(String name) {
    String c = ALIASES.getOrDefault(name, name);
    return TAKES_ARGUMENT.contains(c) || NO_ARGUMENT.contains(c);
  }

  /** Canonical name of a parser or alias, or {@code null} when unknown. */
  public static String canonicalParser(String name) {
    String c = ALIASES.getOrDefault(name, name);
    return TAKES_ARGUMENT.contains(c) || NO_ARGUMENT.contains(c) ? c : null;
  }

  /** Whether parser {@code canonical} takes an argument in the flat form. */
  public static boolean takesArgument(String canonical) {
    return TAKES_ARGUMENT.contains(canonical);
  }

  /** The known parser name closest to {@code name}, for "did you mean" messages, or null. */
  public static String suggest(String name) {
    List<String> all = new ArrayList<>(TAKES_ARGUMENT);
    all.addAll(NO_ARGUMENT);
    all.addAll(ALIASES.keySet());
    Collections.sort(all); // deterministic tie-breaking
    return nearest(name, all);
  }

  /**
   * The entry of {@code known} closest to {@code written} by edit distance, ASCII case folded, when
   * it is close enough to be a likely typo ({@code max(2, length / 3)} edits); else null. The first
   * of equally close entries wins. For "did you mean" messages about configuration, never about
   * request data.
   *
   * @param written what the user wrote
   * @param known the names that exist, in tie-breaking order
   * @return the suggestion, or null
   */
  public static String nearest(String written, Collection<String> known) {
    if (written.length() > 64) {
      return null; // not a typo of any short name; keeps the cost bounded
    }
    String w = Ascii.lower(written);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(w, Ascii.lower(k));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return bestDistance <= Math.max(2, written.length() / 3) ? best : null;
  }

  /**
   * Parses a point in either Wallarm form: flat ({@code ["post","json_doc","hash","password"]})
   * or nested ({@code [["post"],["json_doc"],["hash","password"]]}).
   *
   * @throws PointSyntaxException if the node is not a point; the message quotes the bad step
   */
  public static Point parse(JsonNode node) {
    Objects.requireNonNull(node, "node");
    if (!node.isArray()) {
      throw new PointSyntaxException("a point is a JSON array of steps, got " + describe(node));
    }
    if (node.isEmpty()) {
      throw new PointSyntaxException("a point needs at least one step, got []");
    }
    List<Step> out = new ArrayList<>();
    if (node.get(0).isArray()) {
      for (JsonNode stepNode : node) {
        if (!stepNode.isArray() || stepNode.isEmpty() || stepNode.size() > 2) {
          throw new PointSyntaxException(
              "a nested point step is [parser] or [parser, argument], got " + describe(stepNode));
        }
        String parser = parserName(stepNode.get(0));
        out.add(step(parser, stepNode.size() == 2 ? stepNode.get(1) : null));
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        String parser = parserName(node.get(i));
        JsonNode arg = null;
        if (TAKES_ARGUMENT.contains(parser)) {
          if (i + 1 >= node.size()) {
            throw new PointSyntaxException("step '" + parser + "' needs an argument after it");
          }
          arg = node.get(++i);
        }
        out.add(step(parser, arg));
      }
    }
    return new Point(out.toArray(new Step[0]));
  }

  /** Like {@link #parse(JsonNode)}, but returns {@code null} instead of throwing. */
  public static Point tryParse(JsonNode node) {
    try {
      return node == null ? null : parse(node);
    } catch (PointSyntaxException e) {
      return null;
    }
  }

  private static String parserName(JsonNode n) {
    if (!n.isTextual()) {
      throw new PointSyntaxException("a step name is a string, got " + describe(n));
    }
    String raw = n.textValue();
    String canonical = canonicalParser(raw);
    if (canonical == null) {
      String hint = suggest(raw);
      throw new PointSyntaxException(
          "unknown point step '" + raw + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
    }
    return canonical;
  }

  private static Step step(String parser, JsonNode arg) {
    if (arg == null) {
      if (TAKES_ARGUMENT.contains(parser)) {
        throw new PointSyntaxException("step '" + parser + "' needs an argument");
      }
      return Step.of(parser);
    }
    if (NO_ARGUMENT.contains(parser)) {
      throw new PointSyntaxException("step '" + parser + "' takes no argument, got " + describe(arg));
    }
    if (INDEX_ARGUMENT.contains(parser)) {
      int idx = -1;
      if (arg.isIntegralNumber() && arg.canConvertToInt()) {
        idx = arg.intValue();
      } else if (arg.isTextual() && arg.textValue().matches("[0-9]{1,9}")) {
        idx = Integer.parseInt(arg.textValue());
      }
      if (idx < 0) {
        throw new PointSyntaxException(
            "step '" + parser + "' takes a non-negative index, got " + describe(arg));
      }
      return Step.indexed(parser, idx);
    }
    if (!arg.isTextual() && !arg.isIntegralNumber()) {
      throw new PointSyntaxException("step '" + parser + "' takes a name, got " + describe(arg));
    }
    String key = arg.asText();
    if ("jwt".equals(parser)) {
      key = JWT_ARG_ALIASES.getOrDefault(key, key);
    }
    return Step.named(parser, key);
  }

  private static final int DESCRIBED_MAX = 60;

  /**
   * The node as compact JSON, cut to 60 characters. Written here, iteratively and only as far as
   * the cut: {@code JsonNode.toString} serialises the whole tree and throws past 1,000 levels,
   * and a report built in code may carry an attack's raw point of any size and depth.
   */
  private static String describe(JsonNode n) {
    StringBuilder b = new StringBuilder();
    ArrayDeque<Iterator<?>> open = new ArrayDeque<>();
    ArrayDeque<Character> close = new ArrayDeque<>();
    JsonNode next = n;
    while (b.length() <= DESCRIBED_MAX) {
      if (next != null) {
        if (next.isObject()) {
          b.append('{');
          open.push(next.properties().iterator());
          close.push('}');
        } else if (next.isArray()) {
          b.append('[');
          open.push(next.elements());
          close.push(']');
        } else if (next.isTextual()) {
          String t = next.textValue();
          b.append(TextNode.valueOf(t.length() > DESCRIBED_MAX ? t.substring(0, DESCRIBED_MAX) : t));
        } else {
          b.append(next);
        }
        next = null;
      } else if (open.isEmpty()) {
        break;
      } else if (!open.peek().hasNext()) {
        open.pop();
        b.append(close.pop());
      } else {
        char last = b.charAt(b.length() - 1);
        if (last != '[' && last != '{') {
          b.append(',');
        }
        Object o = open.peek().next();
        if (o instanceof Map.Entry<?, ?> e) {
          b.append(TextNode.valueOf((String) e.getKey())).append(':');
          next = (JsonNode) e.getValue();
        } else {
          next = (JsonNode) o;
        }
      }
    }
    return b.length() > DESCRIBED_MAX ? b.substring(0, DESCRIBED_MAX - 3) + "..." : b.toString();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The flat form as a list of strings and integers, as attack reports carry it. */
  public List<Object> toFlatList() {
    List<Object> out = new ArrayList<>();
    for (Step s : steps) {
      out.add(s.parser());
      if (s.key() != null) {
        out.add(s.caseInsensitiveKey() ? Ascii.upper(s.key()) : s.key());
      } else if (s.index() >= 0) {
        out.add(s.index());
      }
    }
    return out;
  }

  /** Display form: {@code post > json_doc > hash > password}. */
  public String display() {
    StringJoiner j = new StringJoiner(" > ");
    for (Step s : steps) {
      j.add(s.toString());
    }
    return j.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point p && p.a.length == a.length && startsWith(p);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  /** The display form. Points hold names, never values. */
  @Override
  public String toString() {
    return display();
  }
}
