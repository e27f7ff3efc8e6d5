package dev.masking.rules;

import dev.masking.core.Ascii;
import dev.masking.rules.LocatedJson.Kind;
import dev.masking.rules.LocatedJson.Member;
import dev.masking.rules.LocatedJson.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rule conditions from a rule file: the friendly {@code when} object of our format, and
 * lists of Wallarm condition objects ({@code {"type": "iequal", "point": ["header", "HOST"],
 * "value": "example.com"}}), which our {@code when} also accepts. Both give the same {@link
 * Condition}s. Errors carry the line and column of the offending token.
 *
 * <p>Per-call state only; thread-safe.
 */
final class ConditionReader {
  static final List<String> WHEN_MEMBERS = List.of("host", "path", "method", "header", "query",
      "get", "instance", "scheme", "proto", "uri");
  private static final List<String> CONDITION_MEMBERS = List.of("type", "point", "value");
  private static final List<String> TYPES = List.of("equal", "iequal", "regex", "absent");
  private static final List<String> POINTS = List.of("instance", "application", "proto",
      "scheme", "uri", "path", "action_name", "action_ext", "get", "query", "header", "method");

  private final String source;
  /** Wallarm import: unknown members are ignored and unknown condition points are noted. */
  private final boolean lenient;
  private final List<String> notes;

  ConditionReader(String source, boolean lenient, List<String> notes) {
    this.source = source;
    this.lenient = lenient;
    this.notes = notes;
  }

  RuleFileException error(String problem, Node at) {
    return new RuleFileException(problem, source, at.line, at.column, null);
  }

  /** Our {@code when}: an object (friendly form) or an array of Wallarm conditions. */
  List<Condition> when(Node n, String ruleId) {
    if (n.kind == Kind.ARRAY) {
      return list(n, ruleId);
    }
    if (n.kind != Kind.OBJECT) {
      throw error("'when' is an object (host, path, method, header, ...) or an array of "
          + "conditions, got " + n.kind.description, n);
    }
    List<Condition> out = new ArrayList<>();
    for (Member m : n.members) {
      if (!WHEN_MEMBERS.contains(m.name)) {
        String near = RuleFileReader.nearest(m.name, WHEN_MEMBERS);
        throw new RuleFileException("unknown member " + RuleFileReader.quote(m.name)
            + " in 'when'", source, m.line, m.column,
            near != null ? "did you mean '" + near + "'?" : "known members: " + WHEN_MEMBERS);
      }
      Node v = m.value;
      try {
        switch (m.name) {
          case "host" -> out.add(term(Condition.header("HOST"), string(v, "host")));
          case "path" -> out.addAll(Condition.url(pathPattern(v)));
          case "method" -> out.add(method(v));
          case "header" -> named(v, "header", true, out);
          case "query", "get" -> named(v, m.name, false, out);
          case "instance" -> out.add(oneOf(Condition.instance(), v, "instance"));
          case "scheme" -> out.add(Condition.scheme().iequal(string(v, "scheme")));
          case "proto" -> out.add(term(Condition.proto(), string(v, "proto")));
          default -> out.add(term(Condition.uri(), string(v, "uri")));
        }
      } catch (IllegalArgumentException e) {
        if (e instanceof RuleFileException) {
          throw e;
        }
        throw error(e.getMessage(), v);
      }
    }
    return out;
  }

  private String pathPattern(Node v) {
    String p = string(v, "path");
    if (!p.startsWith("/")) {
      throw error("'path' is a URL path starting with '/', such as \"/api/**/login\"; "
          + "put the host in 'host'", v);
    }
    return p;
  }

  private Condition method(Node v) {
    if (v.kind == Kind.STRING) {
      return term(Condition.method(), v.text, true);
    }
    if (v.kind != Kind.ARRAY || v.items.isEmpty()) {
      throw error("'method' is a method or a non-empty array of methods", v);
    }
    List<String> methods = new ArrayList<>();
    for (Node i : v.items) {
      methods.add(string(i, "method"));
    }
    return Condition.method().of(Condition.Type.IEQUAL, methods);
  }

  private void named(Node v, String what, boolean header, List<Condition> out) {
    if (v.kind != Kind.OBJECT) {
      throw error("'" + what + "' is an object of names to values, got " + v.kind.description, v);
    }
    for (Member m : v.members) {
      Condition.Target t = header ? Condition.header(m.name) : Condition.get(m.name);
      if (m.value.kind == Kind.NULL) {
        out.add(t.absent());
      } else {
        out.add(term(t, string(m.value, what + " value")));
      }
    }
  }

  private Condition oneOf(Condition.Target t, Node v, String what) {
    if (v.kind == Kind.ARRAY) {
      List<String> values = new ArrayList<>();
      for (Node i : v.items) {
        values.add(scalar(i, what));
      }
      if (values.isEmpty()) {
        throw error("'" + what + "' needs at least one value", v);
      }
      return t.of(Condition.Type.EQUAL, values);
    }
    return t.equal(scalar(v, what));
  }

  private static Condition term(Condition.Target t, String text) {
    return term(t, text, false);
  }

  /** {@code {{regex}}} is a regex; anything else is equal (iequal when asked). */
  private static Condition term(Condition.Target t, String text, boolean ignoreCase) {
    if (UrlPattern.isRegex(text)) {
      return t.regex(UrlPattern.inner(text));
    }
    return ignoreCase ? t.iequal(text) : t.equal(text);
  }

  private String string(Node n, String what) {
    if (n.kind != Kind.STRING) {
      throw error("'" + what + "' is a string, got " + n.kind.description, n);
    }
    return n.text;
  }

  private String scalar(Node n, String what) {
    if (n.kind == Kind.STRING || (n.kind == Kind.NUMBER && n.integral)) {
      return n.text;
    }
    throw error("'" + what + "' is a string or a whole number, got " + n.kind.description, n);
  }

  /** A list of Wallarm condition objects. */
  List<Condition> list(Node n, String ruleId) {
    if (n.kind != Kind.ARRAY) {
      throw error("conditions are an array of {type, point, value} objects, got "
          + n.kind.description, n);
    }
    List<Condition> out = new ArrayList<>();
    for (Node c : n.items) {
      Condition cond = condition(c, ruleId);
      if (cond != null) {
        out.add(cond);
      }
    }
    return out;
  }

  /** One Wallarm condition; null when lenient and its point is unknown (noted). */
  Condition condition(Node n, String ruleId) {
    if (n.kind != Kind.OBJECT) {
      throw error("a condition is an object {type, point, value}, got " + n.kind.description, n);
    }
    if (!lenient) {
      for (Member m : n.members) {
        if (!CONDITION_MEMBERS.contains(m.name)) {
          String near = RuleFileReader.nearest(m.name, CONDITION_MEMBERS);
          throw new RuleFileException("unknown member " + RuleFileReader.quote(m.name)
              + " in a condition", source, m.line, m.column,
              near != null ? "did you mean '" + near + "'?" : "known members: "
                  + CONDITION_MEMBERS);
        }
      }
    }
    Member typeM = n.member("type");
    Member pointM = n.member("point");
    if (typeM == null || typeM.value.kind != Kind.STRING) {
      throw error("a condition needs a 'type' string: equal, iequal, regex or absent",
          typeM == null ? n : typeM.value);
    }
    String typeName = Ascii.lower(typeM.value.text);
    if (!TYPES.contains(typeName)) {
      String near = RuleFileReader.nearest(typeName, TYPES);
      throw new RuleFileException("unknown condition type " + RuleFileReader.quote(
          typeM.value.text), source, typeM.value.line, typeM.value.column,
          near != null ? "did you mean '" + near + "'?" : "known types: " + TYPES);
    }
    if (pointM == null || pointM.value.kind != Kind.ARRAY || pointM.value.items.isEmpty()) {
      throw error("a condition needs a 'point' array such as [\"header\", \"HOST\"]",
          pointM == null ? n : pointM.value);
    }
    List<Node> point = pointM.value.items;
    if (point.get(0).kind == Kind.ARRAY && point.size() == 1) {
      point = point.get(0).items; // nested form [["header","HOST"]]
    }
    if (point.isEmpty() || point.get(0).kind != Kind.STRING) {
      throw error("a condition point starts with its name, such as \"header\"", pointM.value);
    }
    Node head = point.get(0);
    String pointName = Ascii.lower(head.text);
    if (!POINTS.contains(pointName)) {
      if (lenient) {
        notes.add("rule " + ruleId + ": condition on " + RuleFileReader.quote(head.text)
            + " is not supported and was dropped; the rule applies more widely");
        return null;
      }
      String near = RuleFileReader.nearest(pointName, POINTS);
      throw new RuleFileException("unknown condition point " + RuleFileReader.quote(head.text),
          source, head.line, head.column,
          near != null ? "did you mean '" + near + "'?" : "known points: " + POINTS);
    }
    Condition.Target target;
    try {
      target = target(pointName, point, pointM.value);
    } catch (IllegalArgumentException e) {
      if (e instanceof RuleFileException) {
        throw e;
      }
      throw error(e.getMessage(), pointM.value);
    }
    Condition.Type type = Condition.Type.valueOf(Ascii.upper(typeName));
    Member valueM = n.member("value");
    List<String> values = new ArrayList<>();
    if (type != Condition.Type.ABSENT) {
      if (valueM == null) {
        throw error("a " + typeName + " condition needs a 'value'", n);
      }
      Node v = valueM.value;
      if (v.kind == Kind.ARRAY && type != Condition.Type.REGEX) {
        for (Node i : v.items) {
          values.add(scalar(i, "value"));
        }
      } else {
        values.add(scalar(v, "value"));
      }
    }
    try {
      return target.of(type, values);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), valueM != null ? valueM.value : n);
    }
  }

  private Condition.Target target(String name, List<Node> point, Node at) {
    switch (name) {
      case "instance":
      case "application":
        return none(point, Condition.instance(), at);
      case "proto":
        return none(point, Condition.proto(), at);
      case "scheme":
        return none(point, Condition.scheme(), at);
      case "uri":
        return none(point, Condition.uri(), at);
      case "action_name":
        return none(point, Condition.actionName(), at);
      case "action_ext":
        return none(point, Condition.actionExt(), at);
      case "method":
        return none(point, Condition.method(), at);
      case "path": {
        Node arg = argument(point, at, "path");
        int index = -1;
        if (arg.kind == Kind.NUMBER && arg.integral && arg.text.length() <= 4) {
          index = Integer.parseInt(arg.text);
        } else if (arg.kind == Kind.STRING && arg.text.matches("[0-9]{1,4}")) {
          index = Integer.parseInt(arg.text);
        }
        if (index < 0) {
          throw error("'path' takes a segment index, such as [\"path\", 0]", arg);
        }
        return Condition.path(index);
      }
      case "get":
      case "query":
        return Condition.get(string(argument(point, at, name), name + " name"));
      default:
        return Condition.header(string(argument(point, at, "header"), "header name"));
    }
  }

  private Condition.Target none(List<Node> point, Condition.Target t, Node at) {
    if (point.size() != 1) {
      throw error("condition point '" + point.get(0).text + "' takes no argument", at);
    }
    return t;
  }

  private Node argument(List<Node> point, Node at, String name) {
    if (point.size() != 2) {
      throw error("condition point '" + name + "' takes one argument", at);
    }
    return point.get(1);
  }
}
