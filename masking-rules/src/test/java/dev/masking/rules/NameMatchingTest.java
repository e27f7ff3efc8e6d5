package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.Decision;
import dev.masking.core.MaskPolicy;
import dev.masking.core.Step;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class NameMatchingTest {

  private static MaskPolicy policy(Rule... rules) {
    RuleSet.Builder b = RuleSet.builder();
    for (Rule r : rules) {
      b.rule(r);
    }
    return b.build().policy();
  }

  private static final MaskPolicy API_KEY =
      policy(Rule.builder("k").names("api_key").build());
  private static final MaskPolicy API_KEY_EXACT =
      policy(Rule.builder("k").names("api_key").exact(true).build());

  private static final List<String> SPELLINGS =
      List.of("api_key", "apiKey", "Api-Key", "API_KEY", "apikey", "api.key", "api key", "APIKEY",
          "a_p_i-k.e y");

  static Stream<Arguments> normalisationTable() {
    return Stream.of(
        Arguments.of("api_key", true, true),
        Arguments.of("apiKey", true, false),
        Arguments.of("Api-Key", true, false),
        Arguments.of("API_KEY", true, true),
        Arguments.of("apikey", true, false),
        Arguments.of("api.key", true, false),
        Arguments.of("api key", true, false),
        Arguments.of("Api_Key", true, true),
        Arguments.of("api_keys", false, false),
        Arguments.of("x_api_key", false, false),
        Arguments.of("api", false, false),
        Arguments.of("key", false, false),
        Arguments.of("", false, false));
  }

  @ParameterizedTest
  @MethodSource("normalisationTable")
  void namesMatchAcrossSeparatorsAndCaseUnlessExact(String name, boolean normalised,
      boolean exact) {
    assertThat(API_KEY.decide(TestField.query(name)) != null).as("normalised %s", name)
        .isEqualTo(normalised);
    assertThat(API_KEY_EXACT.decide(TestField.query(name)) != null).as("exact %s", name)
        .isEqualTo(exact);
  }

  @Test
  void normalisationTableHasEveryCase() {
    assertThat(normalisationTable().count()).isEqualTo(13);
  }

  @Test
  void everySpellingOfARuleNameSelectsEverySpellingOfAFieldName() {
    for (String ruleName : SPELLINGS) {
      MaskPolicy p = policy(Rule.builder("k").names(ruleName).build());
      for (String fieldName : SPELLINGS) {
        assertThat(p.decide(TestField.json(fieldName))).as("%s vs %s", ruleName, fieldName)
            .isNotNull();
      }
    }
  }

  @Test
  void exactNamesStillFoldCase() {
    MaskPolicy p = policy(Rule.builder("id").names("ID").exact(true).build());
    assertThat(p.decide(TestField.query("id"))).isNotNull();
    assertThat(p.decide(TestField.query("Id"))).isNotNull();
    assertThat(p.decide(TestField.query("i_d"))).isNull();
    assertThat(p.decide(TestField.query("ids"))).isNull();
  }

  @Test
  void decisionCarriesTheRuleIdAndAction() {
    Decision d = API_KEY.decide(TestField.header("Api_Key"));
    assertThat(d).isNotNull();
    assertThat(d.ruleId()).isEqualTo("k");
    assertThat(d.action().name()).isEqualTo("redact");
  }

  @Test
  void namesAreLookedForInEveryNamedKindOfField() {
    MaskPolicy p = policy(Rule.builder("pw").names("password").build());
    for (String parser : List.of("get", "header", "cookie", "form_urlencoded", "hash",
        "multipart", "xml_tag", "xml_attr", "content_disp")) {
      assertThat(p.decide(TestField.at(Step.of("post"), Step.named(parser, "password"))))
          .as(parser).isNotNull();
    }
  }

  @Test
  void namesAreNotLookedForInUnnamedFields() {
    MaskPolicy p = policy(Rule.builder("pw").names("password").build());
    // A scanner never names these, but a policy must not look even if a name slips through.
    assertThat(p.decide(TestField.named("password", Step.of("post"), Step.of("json_doc"),
        Step.indexed("array", 0)))).isNull();
    assertThat(p.decide(TestField.named("password", Step.indexed("path", 0)))).isNull();
    assertThat(p.decide(TestField.named("password", Step.of("action_name")))).isNull();
    assertThat(p.decide(TestField.named("password", Step.of("post")))).isNull();
    assertThat(p.decide(TestField.named(null, Step.named("hash", "x")))).isNull();
    assertThat(p.decide(new TestField(List.of(), null))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pass%77ord", "pass%2577ord", "%70%61%73%73%77%6f%72%64", "%2570assword",
      "%00password", "password%00", " password", "password\t", "pass\u0000word", "%20password%20",
      "PASS%57ORD"})
  void stillEncodedNamesFailClosed(String name) {
    MaskPolicy p = policy(Rule.builder("pw").names("password").build());
    assertThat(p.decide(TestField.query(name))).as(name).isNotNull();
    MaskPolicy exact = policy(Rule.builder("pw").names("password").exact(true).build());
    assertThat(exact.decide(TestField.query(name))).as("exact " + name).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pass%25252577ord", "pass%zzord", "pass%", "%", "%%", "password%2",
      "pass%77ordx", "pass%C0%AEword"})
  void encodedNamesThatDoNotDecodeToAMatchAreLeft(String name) {
    MaskPolicy p = policy(Rule.builder("pw").names("password").build());
    assertThat(p.decide(TestField.query(name))).as(name).isNull();
  }

  @Test
  void xmlNamesWithANamespacePrefixMatchByLocalName() {
    MaskPolicy p = policy(Rule.builder("pw").names("password").build());
    assertThat(p.decide(TestField.at(Step.of("post"), Step.of("xml"),
        Step.named("xml_tag", "wsse:Password")))).isNotNull();
    assertThat(p.decide(TestField.at(Step.of("post"), Step.of("xml"), Step.named("xml_tag", "x"),
        Step.named("xml_attr", "a:b:password")))).isNotNull();
    assertThat(p.decide(TestField.at(Step.of("post"), Step.of("xml"),
        Step.named("xml_tag", "password:")))).isNull();
    // Only XML names have namespace prefixes.
    assertThat(p.decide(TestField.json("wsse:Password"))).isNull();
  }

  @Test
  void namesMatchUnderTurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      MaskPolicy p = policy(
          Rule.builder("pw").names("password").build(),
          Rule.builder("auth").names("authorization").build(),
          Rule.builder("key").names("api-key").build(),
          Rule.builder("id").names("ID").exact(true).build());
      assertThat(p.decide(TestField.query("PASSWORD"))).isNotNull();
      assertThat(p.decide(TestField.header("AUTHORIZATION"))).isNotNull();
      assertThat(p.decide(TestField.header("Authorization"))).isNotNull();
      assertThat(p.decide(TestField.json("Api-KEY"))).isNotNull();
      assertThat(p.decide(TestField.json("id"))).isNotNull();
      assertThat(p.decide(TestField.json("ıd"))).isNull(); // dotless i is not ASCII i
      assertThat(RuleSet.preset("default").policy().decide(TestField.header("AUTHORIZATION")))
          .isNotNull();
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void ruleNamesAreCompiledUnderTurkishLocaleToo() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    MaskPolicy p;
    try {
      p = policy(Rule.builder("auth").names("AUTHORIZATION").build());
    } finally {
      Locale.setDefault(saved);
    }
    assertThat(p.decide(TestField.header("authorization"))).isNotNull();
  }

  @Test
  void nonAsciiLettersAreNotFolded() {
    MaskPolicy p = policy(Rule.builder("s").names("set-cookie").build());
    assertThat(p.decide(TestField.header("ſet-cookie"))).isNull(); // long s, upper-cases to S
    assertThat(p.decide(TestField.header("SET-COOKIE"))).isNotNull();
  }

  @Test
  void namesMadeOfSeparatorsOnlyAreRejected() {
    assertThatThrownBy(() -> Rule.builder("x").names("_-").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'_-'");
    assertThat(Rule.builder("x").names("_-").exact(true).build().selector())
        .isEqualTo(new Selector.Names(List.of("_-"), true));
  }

  @Test
  void manyNamesLookUpCorrectly() {
    String[] names = new String[2000];
    for (int i = 0; i < names.length; i++) {
      names[i] = "field_" + i;
    }
    MaskPolicy p = policy(Rule.builder("many").names(names).build());
    for (int i = 0; i < names.length; i++) {
      assertThat(p.decide(TestField.query("Field" + i))).isNotNull();
    }
    assertThat(p.decide(TestField.query("field_2000"))).isNull();
    assertThat(p.decide(TestField.query("field"))).isNull();
  }
}
