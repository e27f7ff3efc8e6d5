package dev.masking.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Deep copies of JSON trees without recursion. {@link JsonNode#deepCopy} descends once per
 * nesting level, and a tree a caller builds in code (a report's carried members, an attack's raw
 * point) may nest deeper than a small thread stack allows. Scalar nodes are immutable and shared,
 * as {@code deepCopy} shares them. Stateless and thread-safe.
 */
public final class JsonCopy {
  private JsonCopy() {}

  /**
   * A copy of {@code root} that shares no container with it.
   *
   * @param root the tree to copy; not null
   * @return the copy (the same node when {@code root} is a scalar)
   */
  public static JsonNode of(JsonNode root) {
    if (!root.isContainerNode()) {
      return root;
    }
    JsonNode out = empty(root);
    ArrayDeque<JsonNode> todo = new ArrayDeque<>();
    todo.push(root);
    todo.push(out);
    while (!todo.isEmpty()) {
      JsonNode to = todo.pop();
      JsonNode from = todo.pop();
      if (from instanceof ObjectNode o) {
        ObjectNode t = (ObjectNode) to;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
          t.set(e.getKey(), child(e.getValue(), todo));
        }
      } else {
        ArrayNode a = (ArrayNode) from;
        ArrayNode t = (ArrayNode) to;
        for (int i = 0; i < a.size(); i++) {
          t.add(child(a.get(i), todo));
        }
      }
    }
    return out;
  }

  /** The node to put in the copy for {@code v}: a new empty container, queued to fill, or v. */
  private static JsonNode child(JsonNode v, ArrayDeque<JsonNode> todo) {
    if (!v.isContainerNode()) {
      return v;
    }
    JsonNode c = empty(v);
    todo.push(v);
    todo.push(c);
    return c;
  }

  private static JsonNode empty(JsonNode container) {
    return container.isObject() ? ((ObjectNode) container).objectNode()
        : ((ArrayNode) container).arrayNode();
  }
}
