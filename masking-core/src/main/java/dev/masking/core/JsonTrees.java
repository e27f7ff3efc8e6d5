package dev.masking.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Equality of carried-through JSON members without recursion: {@link JsonNode#equals} descends
 * once per nesting level (through the container's map or list), and carried members may nest as
 * deep as the report reader allows, which overflows a small thread stack. Same result as {@code
 * JsonNode.equals}: object members compared by name, in any order; arrays in order; scalars with
 * their own {@code equals}. Stateless and thread-safe.
 */
final class JsonTrees {
  private JsonTrees() {}

  /** Whether two maps of carried members are equal. */
  static boolean equal(Map<String, JsonNode> a, Map<String, JsonNode> b) {
    if (a == b) {
      return true;
    }
    if (a.size() != b.size()) {
      return false;
    }
    Deque<JsonNode> todo = new ArrayDeque<>();
    for (Map.Entry<String, JsonNode> e : a.entrySet()) {
      JsonNode other = b.get(e.getKey());
      if (other == null || !pushPair(todo, e.getValue(), other)) {
        return false;
      }
    }
    return drain(todo);
  }

  /** Whether two nodes (either may be null) are equal. */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    Deque<JsonNode> todo = new ArrayDeque<>();
    return pushPair(todo, a, b) && drain(todo);
  }

  private static boolean drain(Deque<JsonNode> todo) {
    while (!todo.isEmpty()) {
      JsonNode a = todo.pop();
      JsonNode b = todo.pop();
      if (a.isObject()) {
        if (!b.isObject() || a.size() != b.size()) {
          return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode other = b.get(e.getKey());
          if (other == null || !pushPair(todo, e.getValue(), other)) {
            return false;
          }
        }
      } else if (a.isArray()) {
        if (!b.isArray() || a.size() != b.size()) {
          return false;
        }
        for (int i = 0; i < a.size(); i++) {
          if (!pushPair(todo, a.get(i), b.get(i))) {
            return false;
          }
        }
      } else if (!a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  /** Queues a pair of containers, or compares a pair of scalars at once. */
  private static boolean pushPair(Deque<JsonNode> todo, JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    if (a.isContainerNode() || b.isContainerNode()) {
      if (a.getNodeType() != b.getNodeType()) {
        return false;
      }
      todo.push(b);
      todo.push(a);
      return true;
    }
    return a.equals(b);
  }
}
