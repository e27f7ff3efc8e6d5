package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code when} in our rule files, Wallarm exports, and their errors with line and column. */
final class RuleFileConditionsTest {

  private static RuleFileException failure(String json) {
    try {
      RuleSet.parse(json, "rules.json");
    } catch (RuleFileException e) {
      return e;
    }
    throw new AssertionError("expected a RuleFileException");
  }

  private static void assertError(String json, String message, int line, int column) {
    RuleFileException e = failure(json);
    assertThat(e.getMessage()).contains(message).contains("rules.json:" + line + ":" + column);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.column()).isEqualTo(column);
  }

  @Test
  void friendlyWhenAndWallarmConditionsCompileToTheSameThing() {
    RuleSet friendly = RuleSet.parse("""
        [{"id": "a", "names": ["pass"],
          "when": {"host": "shop.example", "path": "/api/**/login", "method": ["POST", "PUT"],
                   "header": {"Content-Type": "application/json", "X-Debug": null},
                   "query": {"v": "{{^[0-9]+$}}"}, "instance": 7}}]
        """, "f");
    RuleSet wallarm = RuleSet.parse("""
        [{"id": "a", "names": ["pass"],
          "when": [
            {"type": "equal", "point": ["header", "HOST"], "value": "Shop.Example"},
            {"type": "equal", "point": ["path", 0], "value": "api"},
            {"type": "equal", "point": ["action_name"], "value": "login"},
            {"type": "absent", "point": ["action_ext"]},
            {"type": "iequal", "point": ["method"], "value": ["post", "put"]},
            {"type": "equal", "point": ["header", "content-type"], "value": "application/json"},
            {"type": "absent", "point": ["header", "X-Debug"]},
            {"type": "regex", "point": ["query", "v"], "value": "^[0-9]+$"},
            {"type": "equal", "point": ["instance"], "value": "7"}]}]
        """, "w");
    assertThat(friendly.rules().get(0).conditions())
        .containsExactlyInAnyOrderElementsOf(wallarm.rules().get(0).conditions());
    assertThat(friendly.rules().get(0).conditions()).contains(
        Condition.header("HOST").iequal("shop.example"),
        Condition.method().iequal("POST", "PUT"),
        Condition.get("v").regex("^[0-9]+$"));
  }

  @Test
  void whenErrorsCarryLineAndColumn() {
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": {"hots": "x"}}]
        """, "unknown member 'hots' in 'when'", 2, 12);
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": {"path": "/a/**/b/c"}}]
        """, "only the last segment may follow '**'", 2, 20);
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": {"path": "api/login"}}]
        """, "starting with '/'", 2, 20);
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": {"host": "{{(}}"}}]
        """, "bad regex", 2, 20);
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": [{"type": "equals", "point": ["method"], "value": "GET"}]}]
        """, "unknown condition type 'equals'", 2, 21);
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": [{"type": "equal", "point": ["methd"], "value": "GET"}]}]
        """, "unknown condition point 'methd'", 2, 40);
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": [{"type": "equal", "point": ["path", "x"], "value": "GET"}]}]
        """, "takes a segment index", 2, 48);
    assertError("""
        [{"id": "a", "names": ["p"],
          "when": [{"type": "equal", "point": ["method"]}]}]
        """, "needs a 'value'", 2, 12);
    assertThat(failure("""
        [{"id": "a", "names": ["p"], "when": [{"type": "equal", "point": ["methd"]}]}]
        """).getMessage()).contains("did you mean 'method'?");
  }

  @Test
  void wallarmExportAsAListOrAnApiResponseIsRead() {
    String hints = """
        [{"id": 101, "clientid": 5, "type": "sensitive_data", "validated": true,
          "action": [{"type": "iequal", "point": ["header", "HOST"], "value": "example.com"},
                     {"type": "equal", "point": ["action_name"], "value": "login"},
                     {"type": "absent", "point": ["action_ext"]}],
          "point": [["post"], ["json_doc"], ["hash", "password"]]},
         {"id": 102, "type": "vpatch", "action": [], "point": [["get", "id"]]},
         {"id": 103, "type": "sensitive_data", "action": [],
          "point": [["query", "token"]]},
         {"id": 104, "type": "sensitive_data",
          "action": [{"type": "equal", "point": ["remote_addr"], "value": "1.2.3.4"}],
          "point": [["header", "authorization"]]},
         {"id": 105, "type": "sensitive_data", "action": [],
          "point": [["header", "X-JWT"], ["jwt", "payload"], ["base64"], ["json_doc"],
                    ["json_obj", "sub"]]},
         {"id": 106, "type": "wallarm_mode", "mode": "block", "action": []}]
        """;
    for (String text : List.of(hints, "{\"status\": 200, \"body\": " + hints + "}")) {
      RuleSet set = RuleSet.parse(text, "export.json");
      assertThat(set.rules()).extracting(Rule::id)
          .containsExactly("wallarm-101", "wallarm-103", "wallarm-104", "wallarm-105");
      Rule login = set.rules().get(0);
      assertThat(login.conditions()).containsExactly(
          Condition.header("HOST").iequal("example.com"),
          Condition.actionName().equal("login"),
          Condition.actionExt().absent());
      assertThat(((Selector.AtPoint) login.selector()).point()).isEqualTo(
          Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "password")));
      assertThat(((Selector.AtPoint) set.rules().get(1).selector()).point())
          .isEqualTo(Point.of(Step.named("get", "token")));
      assertThat(((Selector.AtPoint) set.rules().get(3).selector()).point().step(1))
          .isEqualTo(Step.named("jwt", "jwt_payload"));
      assertThat(set.rules().get(2).conditions()).isEmpty();
      assertThat(set.notes()).containsExactly(
          "export.json: skipped Wallarm rule wallarm-102 of type 'vpatch': only sensitive_data"
              + " rules mask",
          "export.json: rule wallarm-104: condition on 'remote_addr' is not supported and was"
              + " dropped; the rule applies more widely",
          "export.json: skipped Wallarm rule wallarm-106 of type 'wallarm_mode': only"
              + " sensitive_data rules mask");
    }
  }

  @Test
  void wallarmExportErrorsCarryLineAndColumn() {
    assertError("""
        {"body": [
          {"id": 1, "type": "sensitive_data", "action": [], "point": [["hsah", "x"]]}]}
        """, "unknown point step 'hsah'", 2, 62);
    assertError("""
        [{"id": 1, "type": "sensitive_data", "action": [],
          "point": [["post"]]},
         {"id": 1, "type": "sensitive_data", "action": [], "point": [["get", "a"]]}]
        """, "duplicate Wallarm rule id 'wallarm-1'", 3, 2);
    assertError("""
        [{"id": 1, "type": "sensitive_data",
          "action": [{"type": "regex", "point": ["uri"], "value": "(("}],
          "point": [["post"]]}]
        """, "bad regex", 2, 59);
  }

  @Test
  void notesSurviveIncludeAndPlus() {
    RuleSet export = RuleSet.parse("[{\"id\": 1, \"type\": \"vpatch\"}]", "e.json");
    assertThat(export.rules()).isEmpty();
    assertThat(RuleSet.preset("default").plus(export).notes()).hasSize(1);
  }
}
