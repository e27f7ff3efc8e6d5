package dev.masking.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blaauwendraad.masker.json.JsonMasker;
import dev.blaauwendraad.masker.json.config.JsonMaskingConfig;
import dev.masking.core.AttackReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.internal.JsonScanner;
import dev.masking.core.internal.MaskRun;
import dev.masking.rules.Masker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.zalando.logbook.BodyFilter;
import org.zalando.logbook.json.JsonBodyFilters;

/**
 * Every JSON engine of {@link JsonBodyBenchmark}, configured to one semantics: the members named
 * by a key set (ASCII case-insensitive where the engine can, the inputs use lower case only) have
 * their value replaced by the JSON string {@code "***"}, whatever its type. The benchmark and the
 * equality test call the same methods.
 *
 * <p>Not thread-safe beyond what each peer promises; one instance per benchmark state.
 */
final class JsonEngines {
  static final String TOKEN = "***";
  private static final TextNode TOKEN_NODE = TextNode.valueOf(TOKEN);

  private final Set<String> keys;
  private final Masker masker;
  private final dev.masking.core.MaskPolicy policy;
  private final JsonMasker jsonMasker;
  private final ObjectMapper mapper;
  private final JsonFactory factory;
  private final BodyFilter logbook;

  JsonEngines(Set<String> keys) {
    this.keys = keys;
    this.masker = Masker.of(Inputs.jsonRules());
    this.policy = masker.rules().policy();
    this.jsonMasker = JsonMasker.getMasker(JsonMaskingConfig.builder()
        .maskKeys(keys)
        .maskStringsWith(TOKEN)
        .maskNumbersWith(TOKEN)
        .maskBooleansWith(TOKEN)
        .build());
    // nested500 is 500 levels deep, Jackson's default limit: allow it, as the others do.
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2000).build())
        .build();
    this.mapper = new ObjectMapper(factory);
    this.logbook = JsonBodyFilters.replacePrimitiveJsonProperty(keys::contains, TOKEN);
  }

  /** Ours through the public API: {@link Masker#mask} on a report holding only this body. */
  byte[] masking(AttackReport bodyOnly) {
    return maskingReport(bodyOnly).report().request().bodyUnsafe();
  }

  /** Ours, the whole result (what the benchmark returns). */
  dev.masking.core.MaskedReport maskingReport(AttackReport bodyOnly) {
    return masker.mask(bodyOnly);
  }

  /** Ours, the body scanner alone (what {@code masking} pays minus the report around it). */
  byte[] maskingScanner(byte[] body) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"), null);
    byte[] out = JsonScanner.mask(body, 0, body.length, run);
    return out == null ? body : out;
  }

  /** json-masker's byte[] API. */
  byte[] jsonMasker(byte[] body) {
    return jsonMasker.mask(body);
  }

  /** Jackson tree: read, walk with an explicit stack, replace selected members, write. */
  byte[] jacksonTree(byte[] body) {
    try {
      JsonNode root = mapper.readTree(body);
      ArrayDeque<JsonNode> stack = new ArrayDeque<>();
      stack.push(root);
      while (!stack.isEmpty()) {
        JsonNode n = stack.pop();
        if (n.isObject()) {
          ObjectNode o = (ObjectNode) n;
          Iterator<Map.Entry<String, JsonNode>> it = o.fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (keys.contains(e.getKey())) {
              e.setValue(TOKEN_NODE);
            } else if (e.getValue().isContainerNode()) {
              stack.push(e.getValue());
            }
          }
        } else if (n.isArray()) {
          for (JsonNode c : n) {
            if (c.isContainerNode()) {
              stack.push(c);
            }
          }
        }
      }
      return mapper.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson streaming: parser to generator, a selected member's value skipped and replaced. */
  byte[] jacksonStreaming(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
    try (JsonParser p = factory.createParser(body);
        JsonGenerator g = factory.createGenerator(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && keys.contains(p.currentName())) {
          g.writeFieldName(p.currentName());
          p.nextToken();
          p.skipChildren();
          g.writeString(TOKEN);
        } else {
          g.copyCurrentEvent(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Logbook's JSON body filter for primitive members (its API takes and returns a String). */
  String logbook(String body) {
    return logbook.filter("application/json", body);
  }

  /** Floor: copying the body. */
  static byte[] copyOnly(byte[] body) {
    return body.clone();
  }

  /** Floor: one plain pass over every byte (counts quotes). */
  static int scanOnly(byte[] body) {
    int n = 0;
    for (byte b : body) {
      if (b == '"') {
        n++;
      }
    }
    return n;
  }
}
