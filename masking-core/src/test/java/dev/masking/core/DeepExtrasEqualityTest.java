package dev.masking.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.io.ReportJson;
import org.junit.jupiter.api.Test;

/**
 * Carried-through members may nest as deep as the report reader allows; comparing two reports must
 * not recurse once per level (the tests run with a 512 KiB stack).
 */
final class DeepExtrasEqualityTest {

  private static String deepReport(int depth, String leaf) {
    String open = "{\"x\":[".repeat(depth / 2);
    String close = "]}".repeat(depth / 2);
    return "{\"id\":\"r\",\"request\":{\"method\":\"GET\",\"uri\":\"/\",\"headers\":[],"
        + "\"trace\":" + open + "\"" + leaf + "\"" + close + "},"
        + "\"attacks\":[{\"type\":\"t\",\"point\":[\"get\",\"q\"],\"payload\":\"p\",\"ctx\":" + open
        + "1" + close + "}],\"meta\":" + open + "\"" + leaf + "\"" + close + "}";
  }

  @Test
  void reportsWithCarriedMembersAtTheReaderDepthLimitCompareWithoutDeepRecursion() {
    int depth = ReportJson.MAX_NESTING_DEPTH - 4;
    AttackReport a = ReportJson.read(deepReport(depth, "leaf"));
    AttackReport b = ReportJson.read(deepReport(depth, "leaf"));
    AttackReport c = ReportJson.read(deepReport(depth, "leaf2"));
    assertThat(a.equals(b)).isTrue();
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a.equals(c)).isFalse();
    assertThat(a.attacks().get(0).equals(b.attacks().get(0))).isTrue();
  }

  @Test
  void iterativeComparisonAgreesWithJacksonEquality() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    String[][] pairs = {{"{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}"},
        {"[1,2]", "[2,1]"}, {"{\"a\":1}", "{\"a\":1,\"b\":2}"}, {"{\"a\":[]}", "{\"a\":{}}"},
        {"{\"a\":null}", "{\"b\":null}"}, {"1", "1.0"}, {"\"x\"", "\"x\""}, {"[[[]]]", "[[[]]]"}};
    for (String[] p : pairs) {
      com.fasterxml.jackson.databind.JsonNode a = m.readTree(p[0]);
      com.fasterxml.jackson.databind.JsonNode b = m.readTree(p[1]);
      assertThat(JsonTrees.equal(a, b)).as(p[0] + " vs " + p[1]).isEqualTo(a.equals(b));
    }
  }
}
