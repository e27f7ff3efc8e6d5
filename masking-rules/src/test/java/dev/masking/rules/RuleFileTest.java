package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RuleFileTest {

  private static final String EXAMPLE = """
      { "include": ["default"],
        "rules": [
          {"id": "login-password", "names": ["password", "passwd"], "action": "redact"},
          {"id": "card", "names": ["cc_number"], "action": {"type": "keep_last", "count": 4}},
          {"id": "token-in-query", "point": ["get", "token"], "action": "hmac"},
          {"id": "nested", "point": [["post"],["json_doc"],["hash","user"],["hash","password"]]},
          {"id": "exact-id", "names": ["ID"], "exact": true, "action": "stars"}
        ] }
      """;

  /** Parses {@code json} expecting failure; returns the exception. */
  private static RuleFileException failure(String json) {
    try {
      RuleSet.parse(json, "rules.json");
    } catch (RuleFileException e) {
      return e;
    }
    throw new AssertionError("expected a RuleFileException for " + json);
  }

  private static void assertError(String json, String message, int line, int column) {
    RuleFileException e = failure(json);
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.source()).isEqualTo("rules.json");
    assertThat(e.line()).as("line").isEqualTo(line);
    assertThat(e.column()).as("column").isEqualTo(column);
    assertThat(e.getCause()).isNull();
  }

  // ---- valid files ------------------------------------------------------------------------------

  @Test
  void documentedExampleLoads() {
    RuleSet rules = RuleSet.parse(EXAMPLE, "example.json");
    int presetRules = RuleSet.preset("default").rules().size();
    assertThat(rules.rules()).hasSize(presetRules + 5);
    assertThat(rules.rules().subList(0, presetRules))
        .isEqualTo(RuleSet.preset("default").rules());
    assertThat(rules.requiresHmacKey()).isTrue();

    Rule card = rules.rules().get(presetRules + 1);
    assertThat(card.id()).isEqualTo("card");
    assertThat(card.action()).isEqualTo(new MaskAction.KeepLast(4));
    assertThat(card.selector()).isEqualTo(new Selector.Names(List.of("cc_number"), false));

    Rule token = rules.rules().get(presetRules + 2);
    assertThat(token.selector())
        .isEqualTo(Selector.point(Point.of(Step.named("get", "token"))));
    assertThat(token.action()).isEqualTo(new MaskAction.Hmac());

    Rule nested = rules.rules().get(presetRules + 3);
    assertThat(nested.action()).isEqualTo(MaskAction.redact());
    assertThat(((Selector.AtPoint) nested.selector()).point().display())
        .isEqualTo("post > json_doc > hash user > hash password");

    Rule exact = rules.rules().get(presetRules + 4);
    assertThat(exact.selector()).isEqualTo(new Selector.Names(List.of("ID"), true));
    assertThat(exact.action()).isEqualTo(new MaskAction.Stars());

    MaskPolicy p = rules.policy();
    // The preset's redact is stricter than the file's hmac for a query "token".
    assertThat(p.decide(TestField.query("token")).ruleId()).isEqualTo("default/token");
    assertThat(p.decide(TestField.header("token"))).isNotNull();
    assertThat(RuleSet.parse(EXAMPLE.replace("\"default\"", ""), "x.json").policy()
        .decide(TestField.query("token")).ruleId()).isEqualTo("token-in-query");
    assertThat(p.decide(TestField.json("cc_number")).ruleId()).isEqualTo("card"); // tie: smaller id
    assertThat(p.decide(TestField.json("user", "password")).ruleId()).isEqualTo("default/password");
    assertThat(p.decide(TestField.json("id")).ruleId()).isEqualTo("exact-id");
  }

  @Test
  void topLevelArrayIsShorthandForRules() {
    RuleSet rules = RuleSet.parse("""
        [{"id": "a", "names": ["x"]}, {"id": "b", "point": ["header", "X-Y"], "action": "remove"}]
        """, "short.json");
    assertThat(rules.rules()).extracting(Rule::id).containsExactly("a", "b");
    assertThat(rules.policy().decide(TestField.header("x-y")).action())
        .isEqualTo(new MaskAction.Remove());
  }

  @Test
  void everyActionFormParses() {
    RuleSet rules = RuleSet.parse("""
        [{"id": "1", "names": ["a"]},
         {"id": "2", "names": ["a"], "action": "stars"},
         {"id": "3", "names": ["a"], "action": "remove"},
         {"id": "4", "names": ["a"], "action": "hmac"},
         {"id": "5", "names": ["a"], "action": {"type": "keep_first", "count": 2}},
         {"id": "6", "names": ["a"], "action": {"type": "keep_last", "count": 64}},
         {"id": "7", "names": ["a"], "action": {"type": "redact", "token": "[hidden]"}},
         {"id": "8", "names": ["a"], "action": {"type": "stars"}},
         {"id": "9", "names": ["a"], "action": "redact"}]
        """, "actions.json");
    assertThat(rules.rules()).extracting(Rule::action).containsExactly(
        MaskAction.redact(), new MaskAction.Stars(), new MaskAction.Remove(),
        new MaskAction.Hmac(), new MaskAction.KeepFirst(2), new MaskAction.KeepLast(64),
        new MaskAction.Redact("[hidden]"), new MaskAction.Stars(), MaskAction.redact());
  }

  @Test
  void flatNestedAndAliasPointsAgree() {
    RuleSet rules = RuleSet.parse("""
        [{"id": "flat", "point": ["post", "json_doc", "hash", "a", "array", 0, "hash", "b"]},
         {"id": "nested", "point": [["post"], ["json_doc"], ["hash", "a"], ["array", 0],
                                    ["hash", "b"]]},
         {"id": "alias", "point": ["post", "json_doc", "json_obj", "a", "json_array", "0",
                                   "hash", "b"]},
         {"id": "wild", "point": ["query_all"]},
         {"id": "jwt", "point": ["header", "X-T", "jwt", "payload"]}]
        """, "points.json");
    List<Point> points = rules.rules().stream()
        .map(r -> ((Selector.AtPoint) r.selector()).point()).toList();
    assertThat(points.get(0)).isEqualTo(points.get(1)).isEqualTo(points.get(2));
    assertThat(points.get(3)).isEqualTo(Point.of(Step.of("get_all")));
    assertThat(points.get(4).step(1)).isEqualTo(Step.named("jwt", "jwt_payload"));
  }

  @Test
  void includeOnlyAndEmptyRulesAreAccepted() {
    assertThat(RuleSet.parse("{\"include\": [\"default\"]}", "i.json").rules())
        .isEqualTo(RuleSet.preset("default").rules());
    RuleSet empty = RuleSet.parse("{\"rules\": []}", "e.json");
    assertThat(empty.rules()).isEmpty();
    assertThat(empty.policy().selectsAnything()).isFalse();
    assertThat(RuleSet.parse("[]", "e.json").policy().selectsAnything()).isFalse();
  }

  @Test
  void includingAPresetTwiceKeepsItOnce() {
    RuleSet rules = RuleSet.parse("{\"include\": [\"default\", \"default\"]}", "i.json");
    assertThat(rules.rules()).isEqualTo(RuleSet.preset("default").rules());
  }

  @Test
  void loadReadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.json");
    Files.write(good, ("\uFEFF" + "[{\"id\": \"a\", \"names\": [\"pässwört\"]}]")
        .getBytes(StandardCharsets.UTF_8));
    RuleSet rules = RuleSet.load(good);
    assertThat(rules.policy().decide(TestField.query("PÄSSWÖRT"))).isNull(); // ASCII folding only
    assertThat(rules.policy().decide(TestField.query("pässwört"))).isNotNull();

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[\n  {\"id\": \"a\", \"names\": [\"x\"], \"acton\": \"redact\"}\n]\n");
    assertThatThrownBy(() -> RuleSet.load(bad))
        .isInstanceOf(RuleFileException.class)
        .hasMessage("unknown member 'acton' in a rule at " + bad + ":2:31; did you mean 'action'?");
  }

  @Test
  void loadRejectsInvalidUtf8WithItsPosition(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.json");
    Files.write(f, new byte[] {'[', '\n', ' ', ' ', '"', (byte) 0xE9, '"', ']'});
    assertThatThrownBy(() -> RuleSet.load(f))
        .isInstanceOf(RuleFileException.class)
        .hasMessage("rule file is not valid UTF-8 at " + f + ":2:4");
  }

  @Test
  void loadOfAMissingFileIsAnIoError(@TempDir Path dir) {
    assertThatThrownBy(() -> RuleSet.load(dir.resolve("missing.json")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.json");
  }

  // ---- errors with exact positions --------------------------------------------------------------

  @Test
  void unknownPointStepIsReportedWithSuggestion() {
    assertError("""
        {
          "rules": [
            {"id": "a", "point": ["get", "token"]},
            {"id": "b", "point": [["post"], ["hsah", "x"]]}
          ]
        }
        """, "unknown point step 'hsah' at rules.json:4:38; did you mean 'hash'?", 4, 38);
    assertError("[{\"id\": \"a\", \"point\": [\"post\", \"jsno_doc\"]}]",
        "unknown point step 'jsno_doc' at rules.json:1:32; did you mean 'json_doc'?", 1, 32);
    assertError("[{\"id\": \"a\", \"point\": [\"zzzzzzzz\"]}]",
        "unknown point step 'zzzzzzzz' at rules.json:1:24", 1, 24);
  }

  @Test
  void unknownActionIsReportedWithSuggestion() {
    assertError("""
        [
          {"id": "a", "names": ["x"],
           "action": "redcat"}
        ]
        """, "unknown action 'redcat' at rules.json:3:14; did you mean 'redact'?", 3, 14);
    assertError("""
        [{"id": "a", "names": ["x"], "action": {"type": "keep_lats", "count": 4}}]
        """, "unknown action 'keep_lats' at rules.json:1:49; did you mean 'keep_last'?", 1, 49);
    assertError("""
        [{"id": "a", "names": ["x"], "action": "obliterate"}]
        """, "unknown action 'obliterate' at rules.json:1:40; known actions: "
            + "[redact, stars, remove, hmac, keep_first, keep_last]", 1, 40);
  }

  @Test
  void badCountsAreReported() {
    assertError("""
        [{"id": "a", "names": ["x"], "action": {"type": "keep_last", "count": 0}}]
        """, "bad count 0 for keep_last: a whole number from 1 to 64 at rules.json:1:71", 1, 71);
    assertError("""
        [{"id": "a", "names": ["x"],
          "action": {"type": "keep_first", "count": "4"}}]
        """, "bad count '4' for keep_first: a whole number from 1 to 64 at rules.json:2:45",
        2, 45);
    assertError("""
        [{"id": "a", "names": ["x"], "action": {"type": "keep_last", "count": 99999999999}}]
        """, "bad count '99999999999' for keep_last: a whole number from 1 to 64"
            + " at rules.json:1:71", 1, 71);
    assertError("""
        [{"id": "a", "names": ["x"], "action": {"type": "keep_last", "count": 2.5}}]
        """, "bad count '2.5' for keep_last: a whole number from 1 to 64 at rules.json:1:71",
        1, 71);
    assertError("""
        [{"id": "a", "names": ["x"], "action": {"type": "keep_last"}}]
        """, "action 'keep_last' needs a 'count' at rules.json:1:40", 1, 40);
    assertError("""
        [{"id": "a", "names": ["x"], "action": "keep_last"}]
        """, "action 'keep_last' needs a count at rules.json:1:40;"
            + " write {\"type\": \"keep_last\", \"count\": 4}", 1, 40);
    assertError("""
        [{"id": "a", "names": ["x"], "action": {"type": "stars", "count": 2}}]
        """, "'count' applies only to keep_first and keep_last at rules.json:1:58", 1, 58);
  }

  @Test
  void duplicateIdsAreReportedAtTheSecondId() {
    assertError("""
        {"rules": [
          {"id": "same", "names": ["a"]},
          {"id": "other", "names": ["b"]},
          {"id": "same", "names": ["c"]}
        ]}
        """, "duplicate rule id 'same' at rules.json:4:10", 4, 10);
    assertError("""
        {"include": ["default"], "rules": [{"id": "default/password", "names": ["pw"]}]}
        """, "duplicate rule id 'default/password': already used by the included preset"
            + " 'default' at rules.json:1:43", 1, 43);
  }

  @Test
  void unknownMembersAreReportedWithSuggestion() {
    assertError("""
        [{"id": "a", "nmaes": ["x"]}]
        """, "unknown member 'nmaes' in a rule at rules.json:1:14; did you mean 'names'?", 1, 14);
    assertError("""
        {"rules": [], "inclde": ["default"]}
        """, "unknown member 'inclde' in a rule file at rules.json:1:15;"
            + " did you mean 'include'?", 1, 15);
    assertError("""
        [{"id": "a", "names": ["x"], "action": {"type": "redact", "tokn": "x"}}]
        """, "unknown member 'tokn' in an action at rules.json:1:59; did you mean 'token'?",
        1, 59);
    assertError("""
        [{"id": "a", "names": ["x"], "comment": "y"}]
        """, "unknown member 'comment' in a rule at rules.json:1:30;"
            + " known members: [id, names, exact, point, detect, action, when]", 1, 30);
  }

  @Test
  void malformedJsonIsReportedWithoutParserText() {
    RuleFileException e = failure("{\"rules\": [\n  {\"id\": \"a\", \"names\": [\"x\"] ]}");
    assertThat(e.getMessage()).isEqualTo("malformed JSON at rules.json:2:30");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(30);

    RuleFileException eof = failure("[{\"id\": \"a\",\n \"names\": [\"hunter2secret\"");
    assertThat(eof.getMessage()).startsWith("malformed JSON: unexpected end of input at rules.json:2:");

    RuleFileException token = failure("[{\"id\": hunter2secret}]");
    assertThat(token.getMessage()).isEqualTo("malformed JSON at rules.json:1:22")
        .doesNotContain("hunter2");
  }

  @Test
  void otherStructuralProblemsAreReportedWithPositions() {
    assertError("[{\"names\": [\"x\"]}]", "a rule needs an 'id' at rules.json:1:2", 1, 2);
    assertError("[{\"id\": \"a\"}]", "rule 'a' needs 'names', 'point' or 'detect' at rules.json:1:2", 1, 2);
    assertError("[{\"id\": \"a\", \"names\": [\"x\"], \"point\": [\"post\"]}]",
        "rule 'a' has both 'names' and 'point'; give one of 'names', 'point' and 'detect'"
            + " at rules.json:1:30", 1, 30);
    assertError("[{\"id\": \"a\", \"point\": [\"post\"], \"exact\": true}]",
        "'exact' applies only to 'names' at rules.json:1:33", 1, 33);
    assertError("[{\"id\": \"\", \"names\": [\"x\"]}]",
        "a rule id must not be empty at rules.json:1:9", 1, 9);
    assertError("[{\"id\": 7, \"names\": [\"x\"]}]",
        "a rule id is a string, got a number at rules.json:1:9", 1, 9);
    assertError("[{\"id\": \"a\", \"names\": []}]",
        "'names' needs at least one name at rules.json:1:23", 1, 23);
    assertError("[{\"id\": \"a\", \"names\": [\"x\", \"._\"]}]",
        "name '._' is only separators; it would match nothing at rules.json:1:29", 1, 29);
    assertError("[{\"id\": \"a\", \"names\": \"x\"}]",
        "'names' is an array of strings, got a string at rules.json:1:23", 1, 23);
    assertError("[\"a\"]", "a rule is a JSON object, got a string at rules.json:1:2", 1, 2);
    assertError("\"rules\"",
        "a rule file is a JSON object or an array of rules, got a string at rules.json:1:1", 1, 1);
    assertError("{}", "a rule file needs 'rules' or 'include' at rules.json:1:1", 1, 1);
    assertError("", "empty rule file: expected a JSON object or array at rules.json:1:1", 1, 1);
    assertError("[] []", "unexpected content after the end of the JSON value at rules.json:1:4",
        1, 4);
    assertError("[{\"id\": \"a\", \"id\": \"b\"}]", "duplicate member 'id' at rules.json:1:14",
        1, 14);
    assertError("{\"include\": [\"defualt\"]}",
        "unknown preset 'defualt' at rules.json:1:14; did you mean 'default'?", 1, 14);
    assertError("{\"include\": [\"pci-strict\"]}",
        "unknown preset 'pci-strict' at rules.json:1:14; known presets: [default, pii]", 1, 14);
    assertError("[{\"id\": \"a\", \"names\": [\"x\"], \"action\": {\"type\": \"stars\","
        + " \"token\": \"x\"}}]", "'token' applies only to redact at rules.json:1:58", 1, 58);
    assertError("[{\"id\": \"a\", \"names\": [\"x\"], \"action\": {\"type\": \"redact\","
        + " \"token\": \"\"}}]", "a redact token has 1 to 64 characters at rules.json:1:68", 1, 68);
    assertError("[" + "[".repeat(40) + "]".repeat(40) + "]",
        "JSON nested deeper than 32 levels at rules.json:1:33", 1, 33);
  }

  @Test
  void pointProblemsAreReportedAtTheStep() {
    assertError("[{\"id\": \"a\", \"point\": [\"post\", \"hash_name\"]}]",
        "point step 'hash_name' selects names, but masking selects values; use 'hash_all' to"
            + " mask every value at rules.json:1:32", 1, 32);
    assertError("[{\"id\": \"a\", \"point\": [\"post\", \"json_doc\", \"hash\"]}]",
        "point step 'hash' needs an argument after it at rules.json:1:44", 1, 44);
    assertError("[{\"id\": \"a\", \"point\": [[\"path\", \"x\"]]}]",
        "step 'path' takes a non-negative index, got \"x\" at rules.json:1:33", 1, 33);
    assertError("[{\"id\": \"a\", \"point\": [[\"post\", \"x\"]]}]",
        "step 'post' takes no argument, got \"x\" at rules.json:1:33", 1, 33);
    assertError("[{\"id\": \"a\", \"point\": [[\"get\"]]}]",
        "step 'get' needs an argument at rules.json:1:24", 1, 24);
    assertError("[{\"id\": \"a\", \"point\": [[\"get\", [\"x\"]]]}]",
        "point step 'get' takes a name or index, got an array at rules.json:1:32", 1, 32);
    assertError("[{\"id\": \"a\", \"point\": []}]",
        "a point needs at least one step at rules.json:1:23", 1, 23);
    assertError("[{\"id\": \"a\", \"point\": [[\"post\"], \"json_doc\"]}]",
        "in a nested point every step is an array, got a string at rules.json:1:34", 1, 34);
    assertError("[{\"id\": \"a\", \"point\": [[\"get\", \"a\", \"b\"]]}]",
        "a point step is [parser] or [parser, argument] at rules.json:1:24", 1, 24);
  }

  @Test
  void longOrControlInputIsQuotedSafely() {
    RuleFileException e = failure("[{\"id\": \"a\", \"names\": [\"x\"], \"action\": \"re\\u0000"
        + "x".repeat(100) + "\"}]");
    assertThat(e.getMessage())
        .startsWith("unknown action 're\\u0000" + "x".repeat(57) + "...' at rules.json:1:40")
        .doesNotContain("\u0000");
  }
}
