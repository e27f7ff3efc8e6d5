package dev.masking.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.masking.core.internal.JsonCopy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep copies of carried-through JSON members, so that model objects stay immutable (without
 * recursion: the members may nest deeper than a small thread stack allows).
 */
final class Members {
  private Members() {}

  static Map<String, JsonNode> copy(Map<String, JsonNode> in) {
    if (in == null || in.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, JsonCopy.of(v)));
    return Collections.unmodifiableMap(out);
  }
}
