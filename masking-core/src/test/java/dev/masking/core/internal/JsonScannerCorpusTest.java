package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays JSONTestSuite's parsing cases through the scanner with a policy selecting every object
 * member. Reads {@code jsontestsuite/test_parsing} from the folder named by the system property
 * {@code masking.corpora}, else from the nearest {@code shared/corpora} above the working
 * directory; skips with a notice when absent.
 */
final class JsonScannerCorpusTest {

  private static final Decision EVERY = new Decision(MaskAction.redact(), "corpus");
  private static final MaskPolicy EVERY_MEMBER = f -> "hash".equals(f.last().parser()) ? EVERY
      : null;

  private static List<Path> parsingCases() throws IOException {
    Path dir = dev.masking.core.Corpora.require("jsontestsuite/test_parsing");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Every member value of {@code n} replaced by "***", as the scanner should do. */
  private static JsonNode maskEveryMember(JsonNode n) {
    JsonNode copy = n.deepCopy();
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.push(copy);
    while (!todo.isEmpty()) {
      JsonNode c = todo.pop();
      if (c instanceof ObjectNode o) {
        for (Map.Entry<String, JsonNode> e : o.properties()) {
          e.setValue(JsonNodeFactory.instance.textNode("***"));
        }
      } else if (c instanceof ArrayNode a) {
        a.forEach(todo::push);
      }
    }
    return copy;
  }

  @Test
  void everyParsingCaseIsMaskedWithoutErrorAndValidCasesStayValid() throws Exception {
    List<Path> cases = parsingCases();
    int valid = 0;
    for (Path p : cases) {
      byte[] in = Files.readAllBytes(p);
      String name = p.getFileName().toString();
      JsonTesting.Result[] r = new JsonTesting.Result[1];
      assertThatCode(() -> r[0] = JsonTesting.scan(in, EVERY_MEMBER, MaskingOptions.defaults()))
          .as(name).doesNotThrowAnyException();
      assertThat(r[0].depthAfter()).as(name).isEqualTo(1);
      if (name.startsWith("y_")) {
        valid++;
        assertThat(r[0].fellBack()).as(name).isFalse();
        JsonNode expected = maskEveryMember(JsonTesting.JACKSON.readTree(in));
        byte[] out = r[0].bytes() == null ? in : r[0].bytes();
        assertThat(JsonTesting.JACKSON.readTree(out)).as(name).isEqualTo(expected);
      }
      byte[] once = r[0].bytes() == null ? in : r[0].bytes();
      byte[] twice = JsonTesting.scan(once, EVERY_MEMBER, MaskingOptions.defaults()).bytes();
      assertThat(twice == null ? once : twice).as(name + " idempotent").isEqualTo(once);
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    assertThat(valid).isGreaterThanOrEqualTo(90);
  }

  @Test
  void everyParsingCaseIsMaskedWithoutErrorWhenEveryElementIsSelected() throws Exception {
    MaskPolicy everyElement = f -> "array".equals(f.last().parser()) ? EVERY : null;
    int n = 0;
    for (Path p : parsingCases()) {
      byte[] in = Files.readAllBytes(p);
      assertThatCode(() -> JsonTesting.scan(in, everyElement, MaskingOptions.defaults()))
          .as(p.getFileName().toString()).doesNotThrowAnyException();
      n++;
    }
    assertThat(n).isGreaterThanOrEqualTo(300);
  }
}
