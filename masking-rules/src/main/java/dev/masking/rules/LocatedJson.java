package dev.masking.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A small JSON tree that remembers where each value and member name starts, read with Jackson's
 * streaming parser (a {@code JsonNode} has no locations). Reading is iterative and nesting is
 * capped, so a hostile file cannot exhaust the stack.
 *
 * <p>Jackson's exception text is never used: it quotes the token it failed on.
 */
final class LocatedJson {
  private LocatedJson() {}

  /** Deepest nesting accepted; a rule file needs five levels. */
  static final int MAX_DEPTH = 32;

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  enum Kind {
    OBJECT("an object"),
    ARRAY("an array"),
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    NULL("null");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /** One JSON value and where it starts. */
  static final class Node {
    final Kind kind;
    final int line;
    final int column;
    /** The string value, the number as written, or "true"/"false"; null otherwise. */
    final String text;
    /** Whether a number is written as an integer. */
    final boolean integral;
    /** Array items; empty unless an array. */
    final List<Node> items = new ArrayList<>();
    /** Object members in file order; empty unless an object. */
    final List<Member> members = new ArrayList<>();
    private Set<String> names;

    Node(Kind kind, JsonLocation at, String text, boolean integral) {
      this.kind = kind;
      this.line = at.getLineNr();
      this.column = at.getColumnNr();
      this.text = text;
      this.integral = integral;
    }

    /** The member named {@code name}, or null. */
    Member member(String name) {
      for (Member m : members) {
        if (m.name.equals(name)) {
          return m;
        }
      }
      return null;
    }
  }

  /** An object member: its name, where the name starts, and its value. */
  static final class Member {
    final String name;
    final int line;
    final int column;
    final Node value;

    Member(String name, int line, int column, Node value) {
      this.name = name;
      this.line = line;
      this.column = column;
      this.value = value;
    }
  }

  /**
   * Reads one JSON value from {@code text}.
   *
   * @throws RuleFileException on malformed JSON, duplicate member names, nesting deeper than
   *     {@link #MAX_DEPTH}, or content after the value
   */
  static Node read(String text, String source) {
    JsonParser p;
    try {
      p = FACTORY.createParser(text);
    } catch (IOException e) {
      throw new UncheckedIOException("reading rules from " + source, e);
    }
    try (p) {
      Deque<Node> open = new ArrayDeque<>();
      Node root = null;
      String name = null;
      int nameLine = 0;
      int nameColumn = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        JsonLocation at = p.currentTokenLocation();
        if (root != null && open.isEmpty()) {
          throw new RuleFileException("unexpected content after the end of the JSON value",
              source, at.getLineNr(), at.getColumnNr(), null);
        }
        Node node;
        switch (t) {
          case FIELD_NAME:
            name = p.currentName();
            nameLine = at.getLineNr();
            nameColumn = at.getColumnNr();
            Node object = open.peek();
            if (object.names == null) {
              object.names = new HashSet<>();
            }
            if (!object.names.add(name)) {
              throw new RuleFileException("duplicate member " + RuleFileReader.quote(name),
                  source, nameLine, nameColumn, null);
            }
            continue;
          case END_OBJECT:
          case END_ARRAY:
            open.pop();
            continue;
          case START_OBJECT:
            node = new Node(Kind.OBJECT, at, null, false);
            break;
          case START_ARRAY:
            node = new Node(Kind.ARRAY, at, null, false);
            break;
          case VALUE_STRING:
            node = new Node(Kind.STRING, at, p.getText(), false);
            break;
          case VALUE_NUMBER_INT:
            node = new Node(Kind.NUMBER, at, p.getText(), true);
            break;
          case VALUE_NUMBER_FLOAT:
            node = new Node(Kind.NUMBER, at, p.getText(), false);
            break;
          case VALUE_TRUE:
          case VALUE_FALSE:
            node = new Node(Kind.BOOLEAN, at, p.getText(), false);
            break;
          case VALUE_NULL:
            node = new Node(Kind.NULL, at, null, false);
            break;
          default:
            throw new RuleFileException("unsupported JSON content", source, at.getLineNr(),
                at.getColumnNr(), null);
        }
        Node parent = open.peek();
        if (parent == null) {
          root = node;
        } else if (parent.kind == Kind.ARRAY) {
          parent.items.add(node);
        } else {
          parent.members.add(new Member(name, nameLine, nameColumn, node));
        }
        if (node.kind == Kind.OBJECT || node.kind == Kind.ARRAY) {
          if (open.size() >= MAX_DEPTH) {
            throw new RuleFileException("JSON nested deeper than " + MAX_DEPTH + " levels",
                source, node.line, node.column, null);
          }
          open.push(node);
        }
      }
      if (root == null) {
        throw new RuleFileException("empty rule file: expected a JSON object or array", source,
            1, 1, null);
      }
      return root;
    } catch (JsonProcessingException e) {
      // Never e.getMessage(): Jackson quotes the offending token.
      JsonLocation at = e.getLocation();
      if (at == null) {
        // A StreamConstraintsException (a 1,001-digit number, a 20 MB string) has no location
        // of its own: the parser stands at the token it refused.
        at = p.currentTokenLocation();
      }
      String problem = e instanceof JsonEOFException
          ? "malformed JSON: unexpected end of input"
          : e instanceof StreamConstraintsException
              ? "malformed JSON: a number, string or name longer than the parser accepts"
              : "malformed JSON";
      throw new RuleFileException(problem, source, at == null ? 1 : at.getLineNr(),
          at == null ? 1 : at.getColumnNr(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("reading rules from " + source, e);
    }
  }
}
