package dev.masking.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.masking.core.Ascii;
import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import dev.masking.core.PointSyntaxException;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.rules.LocatedJson.Kind;
import dev.masking.rules.LocatedJson.Member;
import dev.masking.rules.LocatedJson.Node;
import dev.masking.rules.internal.NameForms;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rule file format documented on {@link RuleSet} into a {@link RuleSet}, reporting every
 * problem as a {@link RuleFileException} with the line and column of the offending token.
 *
 * <p>Stateless; each {@link #read} call is independent and thread-safe.
 */
final class RuleFileReader {
  private RuleFileReader() {}

  private static final List<String> FILE_MEMBERS = List.of("include", "rules");
  private static final List<String> RULE_MEMBERS =
      List.of("id", "names", "exact", "point", "detect", "action", "when");
  private static final List<String> ACTION_MEMBERS = List.of("type", "count", "token");
  private static final List<String> ACTION_TYPES =
      List.of("redact", "stars", "remove", "hmac", "keep_first", "keep_last");

  /** Longest redact token accepted. */
  static final int MAX_TOKEN_LENGTH = 64;

  /** Reads {@code text}; {@code source} names it in messages. */
  static RuleSet read(String text, String source) {
    LocatedJson.Node root = LocatedJson.read(text, source);
    if (WallarmImport.looksLikeExport(root)) {
      return WallarmImport.read(root, source);
    }
    return new RuleFileReader.Context(source).file(root);
  }

  /** Per-call state: the source name and the ids seen so far. */
  private static final class Context {
    final String source;
    /** Rule id to where it came from ("included preset 'default'" or null for this file). */
    final Map<String, String> ids = new HashMap<>();

    Context(String source) {
      this.source = source;
    }

    RuleFileException error(String problem, int line, int column, String hint) {
      return new RuleFileException(problem, source, line, column, hint);
    }

    RuleFileException error(String problem, Node at) {
      return error(problem, at.line, at.column, null);
    }

    RuleSet file(Node root) {
      RuleSet.Builder out = RuleSet.builder();
      if (root.kind == Kind.ARRAY) {
        rules(root, out);
        return out.build();
      }
      if (root.kind != Kind.OBJECT) {
        throw error("a rule file is a JSON object or an array of rules, got "
            + root.kind.description, root);
      }
      checkMembers(root, FILE_MEMBERS, "in a rule file");
      Member include = root.member("include");
      Member rules = root.member("rules");
      if (include == null && rules == null) {
        throw error("a rule file needs 'rules' or 'include'", root);
      }
      if (include != null) {
        includes(include.value, out);
      }
      if (rules != null) {
        rules(rules.value, out);
      }
      return out.build();
    }

    void includes(Node list, RuleSet.Builder out) {
      if (list.kind != Kind.ARRAY) {
        throw error("'include' is an array of preset names, got " + list.kind.description, list);
      }
      for (Node n : list.items) {
        if (n.kind != Kind.STRING) {
          throw error("a preset name is a string, got " + n.kind.description, n);
        }
        String name = n.text;
        if (!Presets.names().contains(name)) {
          String near = nearest(name, new ArrayList<>(Presets.names()));
          throw error("unknown preset " + quote(name), n.line, n.column,
              near != null ? "did you mean '" + near + "'?" : "known presets: " + Presets.names());
        }
        if (Presets.isLoading(name)) {
          throw error("preset " + quote(name) + " includes itself", n);
        }
        RuleSet preset = Presets.get(name);
        for (Rule r : preset.rules()) {
          ids.putIfAbsent(r.id(), "included preset '" + name + "'");
        }
        out.include(preset);
      }
    }

    void rules(Node list, RuleSet.Builder out) {
      if (list.kind != Kind.ARRAY) {
        throw error("'rules' is an array of rule objects, got " + list.kind.description, list);
      }
      for (Node n : list.items) {
        out.rule(rule(n));
      }
    }

    Rule rule(Node n) {
      if (n.kind != Kind.OBJECT) {
        throw error("a rule is a JSON object, got " + n.kind.description, n);
      }
      checkMembers(n, RULE_MEMBERS, "in a rule");
      Member idMember = n.member("id");
      if (idMember == null) {
        throw error("a rule needs an 'id'", n);
      }
      Node idNode = idMember.value;
      if (idNode.kind != Kind.STRING) {
        throw error("a rule id is a string, got " + idNode.kind.description, idNode);
      }
      String id = idNode.text;
      String idProblem = Rule.idProblem(id);
      if (idProblem != null) {
        throw error(idProblem, idNode);
      }
      String previous = ids.putIfAbsent(id, "");
      if (previous != null) {
        throw error("duplicate rule id " + quote(id)
            + (previous.isEmpty() ? "" : ": already used by the " + previous), idNode);
      }

      Member names = n.member("names");
      Member point = n.member("point");
      Member detect = n.member("detect");
      Member exact = n.member("exact");
      List<Member> selectors = new ArrayList<>();
      for (Member m : new Member[] {names, point, detect}) {
        if (m != null) {
          selectors.add(m);
        }
      }
      if (selectors.size() > 1) {
        selectors.sort((a, b) -> a.line != b.line ? Integer.compare(a.line, b.line)
            : Integer.compare(a.column, b.column));
        Member second = selectors.get(1);
        throw error("rule " + quote(id) + " has both '" + selectors.get(0).name + "' and '"
            + second.name + "'; give one of 'names', 'point' and 'detect'", second.line,
            second.column, null);
      }
      if (selectors.isEmpty()) {
        throw error("rule " + quote(id) + " needs 'names', 'point' or 'detect'", n);
      }
      if (exact != null && names == null) {
        throw error("'exact' applies only to 'names'", exact.line, exact.column, null);
      }
      Rule.Builder b = Rule.builder(id);
      Node atNode;
      if (names != null) {
        atNode = names.value;
        boolean isExact = false;
        if (exact != null) {
          if (exact.value.kind != Kind.BOOLEAN) {
            throw error("'exact' is true or false, got " + exact.value.kind.description,
                exact.value);
          }
          isExact = "true".equals(exact.value.text);
        }
        b.names(names(names.value, isExact)).exact(isExact);
      } else if (point != null) {
        atNode = point.value;
        b.point(point(point.value));
      } else {
        atNode = detect.value;
        b.detect(detectors(detect.value));
      }
      Member action = n.member("action");
      if (action != null) {
        b.action(action(action.value));
      }
      Member when = n.member("when");
      if (when != null) {
        b.when(new ConditionReader(source, false, new ArrayList<>()).when(when.value, id));
      }
      try {
        return b.build();
      } catch (IllegalArgumentException e) {
        // Defensive: everything Rule.build checks was checked above, with a better location.
        throw error(e.getMessage(), atNode);
      }
    }

    String[] names(Node list, boolean exact) {
      if (list.kind != Kind.ARRAY) {
        throw error("'names' is an array of strings, got " + list.kind.description, list);
      }
      if (list.items.isEmpty()) {
        throw error("'names' needs at least one name", list);
      }
      String[] out = new String[list.items.size()];
      for (int i = 0; i < out.length; i++) {
        Node n = list.items.get(i);
        if (n.kind != Kind.STRING) {
          throw error("a name is a string, got " + n.kind.description, n);
        }
        if (n.text.isEmpty()) {
          throw error("a name must not be empty", n);
        }
        if (!exact && NameForms.normalize(n.text).isEmpty()) {
          throw error("name " + quote(n.text) + " is only separators; it would match nothing", n);
        }
        out[i] = n.text;
      }
      return out;
    }

    /** The detectors named by a string or an array of strings. */
    Detector[] detectors(Node n) {
      List<Node> items;
      if (n.kind == Kind.STRING) {
        items = List.of(n);
      } else if (n.kind == Kind.ARRAY) {
        items = n.items;
        if (items.isEmpty()) {
          throw error("'detect' needs at least one detector name", n);
        }
      } else {
        throw error("'detect' is a detector name or an array of them, got " + n.kind.description,
            n);
      }
      Detector[] out = new Detector[items.size()];
      for (int i = 0; i < out.length; i++) {
        Node item = items.get(i);
        if (item.kind != Kind.STRING) {
          throw error("a detector name is a string, got " + item.kind.description, item);
        }
        Detector d = Detector.byId(item.text);
        if (d == null) {
          String near = nearest(item.text, Detector.ids());
          throw error("unknown detector " + quote(item.text), item.line, item.column,
              near != null ? "did you mean '" + near + "'?" : "known detectors: " + Detector.ids());
        }
        out[i] = d;
      }
      return out;
    }

    Point point(Node list) {
      if (list.kind != Kind.ARRAY) {
        throw error("a point is an array of steps, got " + list.kind.description, list);
      }
      if (list.items.isEmpty()) {
        throw error("a point needs at least one step", list);
      }
      List<Step> steps = new ArrayList<>();
      if (list.items.get(0).kind == Kind.ARRAY) {
        for (Node stepNode : list.items) {
          if (stepNode.kind != Kind.ARRAY) {
            throw error("in a nested point every step is an array, got "
                + stepNode.kind.description, stepNode);
          }
          if (stepNode.items.isEmpty() || stepNode.items.size() > 2) {
            throw error("a point step is [parser] or [parser, argument]", stepNode);
          }
          Node parser = stepNode.items.get(0);
          steps.add(step(parser, stepNode.items.size() == 2 ? stepNode.items.get(1) : null,
              stepNode));
        }
      } else {
        List<Node> items = list.items;
        for (int i = 0; i < items.size(); i++) {
          Node parser = items.get(i);
          String canonical = parserName(parser);
          Node arg = null;
          if (Point.takesArgument(canonical)) {
            if (i + 1 >= items.size()) {
              throw error("point step '" + canonical + "' needs an argument after it", parser);
            }
            arg = items.get(++i);
          }
          steps.add(step(parser, arg, parser));
        }
      }
      return Point.of(steps);
    }

    /** The canonical parser name in {@code n}, or an error at {@code n}. */
    String parserName(Node n) {
      if (n.kind != Kind.STRING) {
        throw error("a point step name is a string, got " + n.kind.description, n);
      }
      String canonical = Point.canonicalParser(n.text);
      if (canonical == null) {
        String hint = Point.suggest(n.text);
        throw error("unknown point step " + quote(n.text), n.line, n.column,
            hint == null ? null : "did you mean '" + hint + "'?");
      }
      return canonical;
    }

    /** One step, parsed by core's {@link Point#parse} so both agree on the vocabulary. */
    Step step(Node parser, Node arg, Node stepAt) {
      String canonical = parserName(parser);
      String problem = NameForms.pointStepProblem(canonical);
      if (problem != null) {
        throw error(problem, parser);
      }
      JsonNodeFactory f = JsonNodeFactory.instance;
      ArrayNode step = f.arrayNode().add(parser.text);
      if (arg != null) {
        step.add(scalar(arg, canonical));
      }
      try {
        return Point.parse(f.arrayNode().add(step)).step(0);
      } catch (PointSyntaxException e) {
        // Core's message quotes the step (configuration, not request data).
        throw error(e.getMessage(), arg != null ? arg : stepAt);
      }
    }

    JsonNode scalar(Node n, String parser) {
      JsonNodeFactory f = JsonNodeFactory.instance;
      switch (n.kind) {
        case STRING:
          return f.textNode(n.text);
        case NUMBER:
          return n.integral ? f.numberNode(new BigInteger(n.text))
              : f.numberNode(new BigDecimal(n.text));
        case BOOLEAN:
          return f.booleanNode("true".equals(n.text));
        case NULL:
          return f.nullNode();
        default:
          throw error("point step '" + parser + "' takes a name or index, got "
              + n.kind.description, n);
      }
    }

    MaskAction action(Node n) {
      if (n.kind == Kind.STRING) {
        String type = actionType(n.text, n);
        if (type.startsWith("keep_")) {
          throw error("action '" + type + "' needs a count", n.line, n.column,
              "write {\"type\": \"" + type + "\", \"count\": 4}");
        }
        return simpleAction(type);
      }
      if (n.kind != Kind.OBJECT) {
        throw error("an action is a string or an object, got " + n.kind.description, n);
      }
      checkMembers(n, ACTION_MEMBERS, "in an action");
      Member typeMember = n.member("type");
      if (typeMember == null) {
        throw error("an action object needs a 'type'", n);
      }
      if (typeMember.value.kind != Kind.STRING) {
        throw error("an action type is a string, got " + typeMember.value.kind.description,
            typeMember.value);
      }
      String type = actionType(typeMember.value.text, typeMember.value);
      Member count = n.member("count");
      Member token = n.member("token");
      if (token != null && !"redact".equals(type)) {
        throw error("'token' applies only to redact", token.line, token.column, null);
      }
      if (type.startsWith("keep_")) {
        if (count == null) {
          throw error("action '" + type + "' needs a 'count'", n);
        }
        int c = count(count.value, type);
        return "keep_first".equals(type) ? new MaskAction.KeepFirst(c) : new MaskAction.KeepLast(c);
      }
      if (count != null) {
        throw error("'count' applies only to keep_first and keep_last", count.line,
            count.column, null);
      }
      if (token != null) {
        return new MaskAction.Redact(token(token.value));
      }
      return simpleAction(type);
    }

    String actionType(String written, Node at) {
      if (ACTION_TYPES.contains(written)) {
        return written;
      }
      String near = nearest(written, ACTION_TYPES);
      throw error("unknown action " + quote(written), at.line, at.column,
          near != null ? "did you mean '" + near + "'?" : "known actions: " + ACTION_TYPES);
    }

    int count(Node n, String type) {
      if (n.kind != Kind.NUMBER || !n.integral || n.text.length() > 9) {
        throw error("bad count " + quote(n.text == null ? n.kind.description : n.text)
            + " for " + type + ": a whole number from 1 to 64", n);
      }
      int c = Integer.parseInt(n.text);
      if (c < 1 || c > 64) {
        throw error("bad count " + c + " for " + type + ": a whole number from 1 to 64", n);
      }
      return c;
    }

    String token(Node n) {
      if (n.kind != Kind.STRING) {
        throw error("a redact token is a string, got " + n.kind.description, n);
      }
      String t = n.text;
      if (t.isEmpty() || t.length() > MAX_TOKEN_LENGTH) {
        throw error("a redact token has 1 to " + MAX_TOKEN_LENGTH + " characters", n);
      }
      for (int i = 0; i < t.length(); i++) {
        if (Character.isISOControl(t.charAt(i))) {
          throw error("a redact token must not hold control characters", n);
        }
      }
      return t;
    }

    void checkMembers(Node object, List<String> known, String where) {
      for (Member m : object.members) {
        if (!known.contains(m.name)) {
          String near = nearest(m.name, known);
          throw error("unknown member " + quote(m.name) + " " + where, m.line, m.column,
              near != null ? "did you mean '" + near + "'?" : "known members: " + known);
        }
      }
    }
  }

  private static MaskAction simpleAction(String type) {
    switch (type) {
      case "stars":
        return new MaskAction.Stars();
      case "remove":
        return new MaskAction.Remove();
      case "hmac":
        return new MaskAction.Hmac();
      default:
        return MaskAction.redact();
    }
  }

  /** The closest entry of {@code known} if a likely typo of {@code written}: {@link Point#nearest}. */
  static String nearest(String written, List<String> known) {
    return Point.nearest(written, known);
  }

  /**
   * {@code 'text'} for a message: control characters escaped, long input cut, so a message stays
   * one readable line.
   */
  static String quote(String text) {
    StringBuilder b = new StringBuilder("'");
    int limit = Math.min(text.length(), 60);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (text.length() > limit) {
      b.append("...");
    }
    return b.append('\'').toString();
  }
}
