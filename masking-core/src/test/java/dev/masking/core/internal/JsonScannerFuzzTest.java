package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents: a differential test against a slow obvious masker (Jackson's tree),
 * and random mutations that must never make the scanner throw.
 */
final class JsonScannerFuzzTest {

  private static final Set<String> SENSITIVE = Set.of("password", "token");
  private static final String[] KEYS = {"a", "b", "password", "token", "pass\\u0077ord",
      "tok\\u0065n", "x y", "\u00e9", "\\u00e9", "\\\"q\\\"", "pass", "Password"};
  private static final String[] SCALARS = {"0", "-0", "1E400", "-1.5e-7", "12345678901234567890",
      "true", "false", "null", "\"\"", "\"plain\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
      "\"\\u00e9\\ud83d\\ude00\u00e9\"", "\"password: x\"", "\"{\\\"password\\\":1}\""};
  private static final String WS = " \n\t\r";

  private int secrets;

  private void ws(Random r, StringBuilder sb) {
    if (r.nextInt(3) == 0) {
      int n = r.nextInt(3);
      for (int i = 0; i < n; i++) {
        sb.append(WS.charAt(r.nextInt(WS.length())));
      }
    }
  }

  /** Appends a random value; under a sensitive key, values hold unique secrets. */
  private void value(Random r, StringBuilder sb, int depth, boolean secret) {
    int k = depth > 5 ? 2 : r.nextInt(6);
    if (k == 0) {
      sb.append('{');
      ws(r, sb);
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',');
          ws(r, sb);
        }
        String key = KEYS[r.nextInt(KEYS.length)];
        sb.append('"').append(key).append('"');
        ws(r, sb);
        sb.append(':');
        ws(r, sb);
        boolean sensitive = key.startsWith("pass") && key.endsWith("ord") || key.startsWith("tok");
        value(r, sb, depth + 1, secret || sensitive);
        ws(r, sb);
      }
      sb.append('}');
    } else if (k == 1) {
      sb.append('[');
      ws(r, sb);
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',');
          ws(r, sb);
        }
        value(r, sb, depth + 1, secret);
        ws(r, sb);
      }
      sb.append(']');
    } else if (secret) {
      int s = secrets++;
      sb.append(r.nextBoolean() ? "\"S3CRET-" + s + "\"" : "424242" + s);
    } else {
      sb.append(SCALARS[r.nextInt(SCALARS.length)]);
    }
  }

  /** The slow obvious masker: Jackson's tree with sensitive members masked or removed. */
  private static JsonNode expected(JsonNode in, boolean remove) {
    JsonNode copy = in.deepCopy();
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.push(copy);
    while (!todo.isEmpty()) {
      JsonNode c = todo.pop();
      if (c instanceof ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.properties().forEach(e -> names.add(e.getKey()));
        for (String n : names) {
          if (SENSITIVE.contains(n)) {
            if (remove) {
              o.remove(n);
            } else {
              o.set(n, JsonNodeFactory.instance.textNode("***"));
            }
          } else {
            todo.push(o.get(n));
          }
        }
      } else if (c instanceof ArrayNode a) {
        a.forEach(todo::push);
      }
    }
    return copy;
  }

  private static final MaskingOptions FLAT = MaskingOptions.builder().maxDecodeLayers(0).build();

  @Test
  void agreesWithJacksonTreeMaskingOnRandomDocuments() throws Exception {
    Random r = new Random(20240601L);
    int masked = 0;
    for (int n = 0; n < 3000; n++) {
      boolean remove = n % 2 == 1;
      MaskPolicy p = JsonTesting.names(remove ? new MaskAction.Remove() : MaskAction.redact(),
          "password", "token");
      StringBuilder sb = new StringBuilder();
      ws(r, sb);
      value(r, sb, 0, false);
      ws(r, sb);
      String in = sb.toString();
      // The tree model does not look inside string values: nested layers are off here.
      JsonTesting.Result res = JsonTesting.scan(in, p, FLAT);
      String out = res.textOr(in);
      assertThat(res.fellBack()).as(in).isFalse();
      assertThat(out).as(in).doesNotContain("S3CRET").doesNotContain("424242");
      assertThat(JsonTesting.parse(out)).as(in).isEqualTo(expected(JsonTesting.parse(in), remove));
      String again = JsonTesting.scan(out, p, FLAT).text();
      assertThat(again == null ? out : again).as("idempotent " + in).isEqualTo(out);
      if (res.bytes() != null) {
        masked++;
      }
    }
    assertThat(masked).isGreaterThan(300);
  }

  @Test
  void randomMutationsNeverThrowAndLeaveTheRunBalanced() {
    // -Dfuzz.seed / -Dfuzz.iterations run a longer search on demand.
    Random r = new Random(Long.getLong("fuzz.seed", 7L));
    byte[] alphabet = "{}[]\"':,\\/ \nu0a1e-*tn".getBytes(StandardCharsets.UTF_8);
    MaskPolicy p = JsonTesting.names("password", "token", "a", "\u00e9");
    MaskingOptions small = MaskingOptions.builder().maxJsonDepth(4).maxFields(20).build();
    int iterations = Integer.getInteger("fuzz.iterations", 20_000);
    for (int n = 0; n < iterations; n++) {
      StringBuilder sb = new StringBuilder();
      value(r, sb, 0, false);
      byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
      int edits = 1 + r.nextInt(3);
      for (int e = 0; e < edits && b.length > 0; e++) {
        int at = r.nextInt(b.length);
        b = switch (r.nextInt(4)) {
          case 0 -> concat(b, 0, at, b, at + 1, b.length); // delete
          case 1 -> concat(b, 0, at, new byte[] {alphabet[r.nextInt(alphabet.length)]}, 0, 1,
              b, at, b.length); // insert
          case 2 -> java.util.Arrays.copyOf(b, at); // truncate
          default -> concat(b, 0, at, b, r.nextInt(b.length), b.length); // splice
        };
      }
      MaskingOptions o = n % 3 == 0 ? small : MaskingOptions.defaults();
      JsonTesting.Result res = JsonTesting.scan(b, p, o);
      assertThat(res.depthAfter()).isEqualTo(1);
      byte[] once = res.bytes() == null ? b : res.bytes();
      byte[] twice = JsonTesting.scan(once, p, o).bytes();
      assertThat(twice == null ? once : twice)
          .as(() -> new String(once, StandardCharsets.UTF_8)).isEqualTo(once);
    }
  }

  private static byte[] concat(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i += 3) {
      byte[] b = (byte[]) parts[i];
      int from = (Integer) parts[i + 1];
      int to = (Integer) parts[i + 2];
      out.write(b, from, to - from);
    }
    return out.toByteArray();
  }
}
