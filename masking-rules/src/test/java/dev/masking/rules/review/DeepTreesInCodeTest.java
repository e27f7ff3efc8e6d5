package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Point;
import dev.masking.core.PointSyntaxException;
import dev.masking.core.Step;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reports built in code (not read by {@code ReportJson}, whose reader caps nesting at 1,000
 * levels) whose carried members and attack raw points nest far deeper: building, comparing,
 * masking and writing them must not overflow the (512 KB) test thread stack, and a raw point that
 * is no point must not throw out of masking.
 */
final class DeepTreesInCodeTest {

  private static final int DEPTH = 5_000;
  private static final String SECRET = "s3cretDeepValue";

  private static ObjectNode deepObject(int depth) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode cur = root;
    for (int i = 0; i < depth; i++) {
      cur = cur.putObject("k");
    }
    cur.put("note", "leaf");
    return root;
  }

  private static ArrayNode deepArray(int depth) {
    ArrayNode root = JsonNodeFactory.instance.arrayNode();
    ArrayNode cur = root;
    for (int i = 0; i < depth; i++) {
      cur = cur.addArray();
    }
    cur.add("post");
    return root;
  }

  @Test
  void aReportWithDeepCarriedMembersAndRawPointsIsBuiltComparedMaskedAndWritten() {
    HttpRequest req = HttpRequest.builder().method("GET").uri("/x?password=" + SECRET).build();
    Attack attack = new Attack("sqli", Point.of(Step.of("get"), Step.named("hash", "password")),
        deepArray(DEPTH), SECRET, Map.of("deep", deepObject(DEPTH)));
    AttackReport r = new AttackReport("r", null, req, List.of(attack),
        Map.of("deep", deepObject(DEPTH)));
    AttackReport same = new AttackReport("r", null, req, r.attacks(), r.extra());
    assertThat(r).isEqualTo(same);
    assertThat(r.hashCode()).isEqualTo(same.hashCode());
    assertThat(r.attacks().get(0).rawPoint()).isNotSameAs(attack.rawPoint());

    MaskedReport m = Masker.of(RuleSet.preset("default")).mask(r);
    String out = new String(ReportJson.write(m, false), StandardCharsets.UTF_8);
    assertThat(out).doesNotContain(SECRET).contains("\"leaf\"");
  }

  @Test
  void aDeepRawPointThatIsNoPointIsReportedWithAShortQuote() {
    assertThatThrownBy(() -> Point.parse(deepObject(DEPTH)))
        .isInstanceOf(PointSyntaxException.class)
        .hasMessage("a point is a JSON array of steps, got "
            + "{\"k\":".repeat(12).substring(0, 57) + "...");
  }

  @Test
  void theQuoteInPointErrorsIsCompactJsonAsJacksonWritesIt() throws Exception {
    ObjectMapper om = new ObjectMapper();
    for (String json : new String[] {"{}", "{\"a\":[1,2.5,true,null]}", "{\"q\\\"\":\"x\\ny\"}",
        "7", "{\"a\":{\"b\":[[],{}]},\"c\":\"" + "z".repeat(80) + "\"}", "\"\\u00e9\\u0001\""}) {
      JsonNode n = om.readTree(json);
      String s = n.toString();
      String want = s.length() > 60 ? s.substring(0, 57) + "..." : s;
      assertThatThrownBy(() -> Point.parse(n)).as(json)
          .hasMessage("a point is a JSON array of steps, got " + want);
    }
  }
}
