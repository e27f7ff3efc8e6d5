package dev.masking.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Shared helpers for the JSON scanner tests. */
final class JsonTesting {
  /** A strict Jackson mapper: one document, nothing after it. */
  static final ObjectMapper JACKSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  static {
    JACKSON.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(100_000).build());
  }

  private JsonTesting() {}

  /** The outcome of one scan. */
  record Result(byte[] bytes, List<Note> notes, int depthAfter) {
    /** The output as text, or null when the scanner changed nothing. */
    String text() {
      return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The output as text, the input when unchanged. */
    String textOr(String input) {
      return bytes == null ? input : text();
    }

    boolean fellBack() {
      return notes.stream().anyMatch(n -> n.kind() == Note.Kind.FALLBACK);
    }

    @Override
    public String toString() {
      return "Result[notes=" + notes + "]";
    }
  }

  /** Selects members whose decoded name is one of {@code names}, with {@code action}. */
  static MaskPolicy names(MaskAction action, String... names) {
    Set<String> set = Set.of(names);
    Decision d = new Decision(action, "test");
    return f -> "hash".equals(f.last().parser()) && set.contains(f.name()) ? d : null;
  }

  /** Selects members whose decoded name is one of {@code names}, redacted. */
  static MaskPolicy names(String... names) {
    return names(MaskAction.redact(), names);
  }

  static Result scan(String json, MaskPolicy policy) {
    return scan(json.getBytes(StandardCharsets.UTF_8), policy, MaskingOptions.defaults());
  }

  static Result scan(String json, MaskPolicy policy, MaskingOptions options) {
    return scan(json.getBytes(StandardCharsets.UTF_8), policy, options);
  }

  static Result scan(byte[] json, MaskPolicy policy, MaskingOptions options) {
    MaskRun run = new MaskRun(policy, options);
    run.push(Step.of("post"));
    byte[] out = JsonScanner.mask(json, 0, json.length, run);
    return new Result(out, run.notes(), run.depth());
  }

  /** The masked text, or null when nothing changed. */
  static String mask(String json, MaskPolicy policy) {
    return scan(json, policy).text();
  }

  /** Parses strictly with Jackson; throws if not one valid JSON document. */
  static JsonNode parse(String json) throws JsonProcessingException {
    return JACKSON.readTree(json);
  }

  /** JSON-escaped forms of {@code s} a leak check looks for besides the raw one. */
  static List<String> escapedForms(String s) throws JsonProcessingException {
    String quoted = JACKSON.writeValueAsString(s);
    StringBuilder u = new StringBuilder();
    for (char c : s.toCharArray()) {
      u.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
    }
    return List.of(s, quoted.substring(1, quoted.length() - 1), u.toString());
  }
}
