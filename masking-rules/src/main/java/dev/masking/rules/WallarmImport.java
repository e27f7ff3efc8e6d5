package dev.masking.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.masking.core.Point;
import dev.masking.core.PointSyntaxException;
import dev.masking.core.Step;
import dev.masking.rules.LocatedJson.Kind;
import dev.masking.rules.LocatedJson.Member;
import dev.masking.rules.LocatedJson.Node;
import dev.masking.rules.internal.NameForms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads rules as Wallarm's API exports them: a list of hints, or an object whose {@code body} is
 * that list. Hints of type {@code sensitive_data} become rules with id {@code wallarm-<id>}
 * (or {@code wallarm-<position>} without an id), their {@code action} conditions and their
 * {@code point}, masked with redact; every other type is skipped with one note. Other members of a
 * hint ({@code clientid}, {@code validated}, ...) are ignored. Aliases found in exports are
 * accepted ({@code query} for {@code get}, {@code json_obj}, {@code jwt_payload}/{@code payload});
 * header names in any case. A condition on a point we do not know is dropped with a note (the rule
 * then applies more widely: fail closed).
 *
 * <p>Stateless; thread-safe.
 */
final class WallarmImport {
  private WallarmImport() {}

  /** Whether {@code root} looks like a Wallarm export rather than our rule file format. */
  static boolean looksLikeExport(Node root) {
    if (root.kind == Kind.OBJECT) {
      return root.member("body") != null;
    }
    // Our rules never have a 'type' member; every Wallarm hint has one.
    return root.kind == Kind.ARRAY && !root.items.isEmpty()
        && root.items.get(0).kind == Kind.OBJECT && root.items.get(0).member("type") != null;
  }

  static RuleSet read(Node root, String source) {
    Node list = root;
    if (root.kind == Kind.OBJECT) {
      list = root.member("body").value;
    }
    if (list.kind != Kind.ARRAY) {
      throw new RuleFileException("a Wallarm export's 'body' is an array of rules, got "
          + list.kind.description, source, list.line, list.column, null);
    }
    List<String> notes = new ArrayList<>();
    ConditionReader conditions = new ConditionReader(source, true, notes);
    RuleSet.Builder out = RuleSet.builder();
    Set<String> ids = new HashSet<>();
    int position = 0;
    for (Node hint : list.items) {
      position++;
      if (hint.kind != Kind.OBJECT) {
        throw new RuleFileException("a Wallarm rule is an object, got " + hint.kind.description,
            source, hint.line, hint.column, null);
      }
      String id = id(hint, position, source);
      Member type = hint.member("type");
      String typeName = type != null && type.value.kind == Kind.STRING ? type.value.text : null;
      if (!"sensitive_data".equals(typeName)) {
        notes.add("skipped Wallarm rule " + id + " of type "
            + (typeName == null ? "(none)" : RuleFileReader.quote(typeName))
            + ": only sensitive_data rules mask");
        continue;
      }
      if (!ids.add(id)) {
        throw new RuleFileException("duplicate Wallarm rule id " + RuleFileReader.quote(id),
            source, hint.line, hint.column, null);
      }
      Member point = hint.member("point");
      if (point == null) {
        throw new RuleFileException("Wallarm rule " + id + " has no 'point'", source, hint.line,
            hint.column, null);
      }
      Rule.Builder b = Rule.builder(id).point(point(point.value, source));
      Member action = hint.member("action");
      if (action != null && action.value.kind != Kind.NULL) {
        b.when(conditions.list(action.value, id));
      }
      out.rule(b.build());
    }
    for (String n : notes) {
      out.note(source + ": " + n);
    }
    return out.build();
  }

  private static String id(Node hint, int position, String source) {
    Member id = hint.member("id");
    if (id == null || id.value.kind == Kind.NULL) {
      return "wallarm-" + position;
    }
    Node v = id.value;
    if ((v.kind == Kind.NUMBER && v.integral) || v.kind == Kind.STRING) {
      String text = "wallarm-" + v.text;
      String problem = Rule.idProblem(text);
      if (problem != null) {
        throw new RuleFileException(problem, source, v.line, v.column, null);
      }
      return text;
    }
    throw new RuleFileException("a Wallarm rule id is a number or a string, got "
        + v.kind.description, source, v.line, v.column, null);
  }

  /** The rule's point, aliases accepted, parsed by core so both agree on the vocabulary. */
  private static Point point(Node n, String source) {
    Point p;
    try {
      p = Point.parse(json(n, source));
    } catch (PointSyntaxException e) {
      // Core's message quotes the step (configuration, not request data).
      throw new RuleFileException(e.getMessage(), source, n.line, n.column, null);
    }
    for (Step s : p.steps()) {
      String problem = NameForms.pointStepProblem(s.parser());
      if (problem != null) {
        throw new RuleFileException(problem + " in point '" + p.display() + "'", source, n.line,
            n.column, null);
      }
    }
    return p;
  }

  /** A located node as a Jackson node (a point is small and shallow: capped by LocatedJson). */
  private static JsonNode json(Node n, String source) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (n.kind) {
      case STRING:
        return f.textNode(n.text);
      case NUMBER:
        return n.integral ? f.numberNode(new java.math.BigInteger(n.text))
            : f.numberNode(new java.math.BigDecimal(n.text));
      case BOOLEAN:
        return f.booleanNode("true".equals(n.text));
      case NULL:
        return f.nullNode();
      case ARRAY: {
        ArrayNode a = f.arrayNode();
        for (Node i : n.items) {
          if (i.kind == Kind.OBJECT) {
            throw new RuleFileException("a point step is a string, number or array", source,
                i.line, i.column, null);
          }
          a.add(json(i, source)); // depth bounded: LocatedJson caps nesting at 32
        }
        return a;
      }
      default:
        throw new RuleFileException("a point is an array of steps, got " + n.kind.description,
            source, n.line, n.column, null);
    }
  }
}
