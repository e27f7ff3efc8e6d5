package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * keep_first / keep_last show part of the value they mask. When the first selected level of a
 * point is a container (a JSON object, a form value holding JSON) the part shown was part of the
 * fields inside it, which another, stricter rule selects: those must not leak.
 */
final class PartialMaskContainerTest {

  private static MaskedReport mask(Masker m, String contentType, String body) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/pay").protocol("HTTP/1.1")
        .header("Host", "shop.example").header("Content-Type", contentType).body(body).build();
    return m.mask(new AttackReport("r", null, req, List.of(), Map.of()));
  }

  private static String body(MaskedReport m) {
    return new String(m.report().request().body(), StandardCharsets.UTF_8);
  }

  @Test
  void defaultPresetCardObjectDoesNotShowTheCvvUnderKeepLast() {
    Masker m = Masker.of(RuleSet.preset("default"));
    String in = "{\"creditcard\":{\"number\":\"4111111111111111\",\"cvv\":\"987\"}}";
    MaskedReport out = mask(m, "application/json", in);
    assertThat(body(out)).doesNotContain("87").doesNotContain("4111");
    assertThat(body(out)).matches("\\{\"creditcard\":\"\\*+\"}");
  }

  @Test
  void containerUnderKeepLastDoesNotShowAPasswordAnotherRuleSelects() {
    Masker m = Masker.of(RuleSet.parse("[{\"id\":\"a\",\"point\":[\"post\",\"json_doc\",\"hash\","
        + "\"user\"],\"action\":{\"type\":\"keep_last\",\"count\":8}},"
        + "{\"id\":\"b\",\"names\":[\"password\"]}]", "r.json"));
    MaskedReport out = mask(m, "application/json",
        "{\"user\":{\"name\":\"bob\",\"password\":\"hunter2secretXYZ\"},\"q\":\"' OR 1=1--\"}");
    assertThat(body(out)).doesNotContain("XYZ").doesNotContain("hunter")
        .contains("\"q\":\"' OR 1=1--\"");
  }

  @Test
  void formValueHoldingJsonUnderKeepFirstDoesNotShowItsPassword() {
    Masker m = Masker.of(RuleSet.parse("[{\"id\":\"a\",\"names\":[\"data\"],"
        + "\"action\":{\"type\":\"keep_first\",\"count\":16}},"
        + "{\"id\":\"b\",\"names\":[\"pw\"]}]", "r.json"));
    MaskedReport out = mask(m, "application/x-www-form-urlencoded",
        "data=%7B%22pw%22%3A%22hunter2secretXYZ%2Cmore-padding-here%22%7D&x=1");
    assertThat(body(out)).doesNotContainIgnoringCase("hunter").doesNotContain("hun")
        .endsWith("&x=1");
  }

  @Test
  void xmlElementUnderKeepLastDoesNotShowTheEndOfItsChildren() {
    Masker m = Masker.of(RuleSet.preset("default"));
    MaskedReport out = mask(m, "application/xml", "<r><creditcard><number>4111111111111111"
        + "</number><cvv>98765432</cvv><x password=\"hunter2secret\"/><y><password>hunter3secret"
        + "</password></y></creditcard><creditcard>5500000000000004</creditcard></r>");
    assertThat(body(out)).doesNotContain("5432").doesNotContain("cret")
        .contains("<cvv>********</cvv>")
        .contains("<creditcard>************0004</creditcard>"); // text of its own: kept as asked
  }

  @Test
  void brokenXmlTailUnderKeepLastIsStarred() {
    Masker m = Masker.of(RuleSet.preset("default"));
    MaskedReport out = mask(m, "application/xml",
        "<r><creditcard><password>hunter3secret</password><cvv>98765432");
    assertThat(body(out)).doesNotContain("5432").doesNotContain("cret");
  }

  @Test
  void bracketParameterUnderKeepLastDoesNotShowAFieldAStricterRuleSelects() {
    Masker m = Masker.of(RuleSet.preset("default"));
    MaskedReport out = mask(m, "application/x-www-form-urlencoded",
        "creditcard[number]=4111111111111111&creditcard[cvv]=98765432"
            + "&creditcard[x][password]=hunter2secret");
    assertThat(body(out)).doesNotContain("5432").doesNotContain("cret")
        .startsWith("creditcard[number]=************1111&"); // nothing stricter inside: kept
    HttpRequest req = HttpRequest.builder().method("GET").uri("/p?pan[cvv]=98765432")
        .header("Host", "shop.example").build();
    assertThat(m.mask(new AttackReport("q", null, req, List.of(), Map.of())).report().request()
        .uri()).isEqualTo("/p?pan[cvv]=********");
  }

  @Test
  void attackPayloadsAtOrInsideAStarredContainerAreStarredToo() {
    Masker m = Masker.of(RuleSet.preset("default"));
    HttpRequest req = HttpRequest.builder().method("POST").uri("/pay").header("Host", "h")
        .header("Content-Type", "application/json")
        .body("{\"creditcard\":{\"number\":\"4111111111111111\",\"cvv\":\"98765432\"}}")
        .build();
    Point card = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "creditcard"));
    Point cvv = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "creditcard"),
        Step.named("hash", "cvv"));
    AttackReport r = new AttackReport("x", null, req, List.of(
        Attack.of("sqli", cvv, "98765432"),
        Attack.of("sqli", card, "{\"cvv\":\"98765432\"}")), Map.of());
    MaskedReport out = m.mask(r);
    assertThat(out.report().attacks()).extracting(Attack::payload)
        .containsExactly("********", "******************");
    assertThat(out.notes()).extracting(Note::toString)
        .anyMatch(n -> n.contains("hash creditcard by default/card-number (stars)"));
  }

  @Test
  void malformedJsonContainerUnderKeepFirstIsStarredToo() {
    Masker m = Masker.of(RuleSet.parse("[{\"id\":\"a\",\"names\":[\"card\"],"
        + "\"action\":{\"type\":\"keep_first\",\"count\":12}}]", "r.json")
        .plus(RuleSet.preset("default")));
    MaskedReport out = mask(m, "application/json",
        "{\"card\":{\"cvv\":\"98765432\",\"exp\":\"12/29\",},\"x\":1}");
    assertThat(body(out)).doesNotContain("9876").doesNotContain("98");
  }

  @Test
  void aFlatValueStillKeepsItsLastCharacters() {
    Masker m = Masker.of(RuleSet.preset("default"));
    MaskedReport out = mask(m, "application/json", "{\"card_number\":\"4111111111111111\"}");
    assertThat(body(out)).isEqualTo("{\"card_number\":\"************1111\"}");
  }

  @Test
  void withNestedDecodingOffAContainerIsStarredWhole() {
    Masker m = Masker.of(RuleSet.preset("default"),
        MaskingOptions.builder().maxDecodeLayers(0).build());
    MaskedReport out = mask(m, "application/json",
        "{\"pan\":{\"number\":\"5500000000000004\",\"cvc\":\"321\"}}");
    assertThat(body(out)).matches("\\{\"pan\":\"\\*+\"}");
  }

  @Test
  void maskingTwiceGivesTheSameBytes() {
    Masker m = Masker.of(RuleSet.preset("default"));
    String in = "{\"creditcard\":{\"number\":\"4111111111111111\",\"cvv\":\"987\"},\"a\":1}";
    String once = body(mask(m, "application/json", in));
    assertThat(body(mask(m, "application/json", once))).isEqualTo(once);
  }
}
