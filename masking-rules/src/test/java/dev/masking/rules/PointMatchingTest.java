package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.MaskPolicy;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

final class PointMatchingTest {

  private static MaskPolicy at(Step... steps) {
    return RuleSet.builder().rule(Rule.builder("p").point(Point.of(steps)).build()).build()
        .policy();
  }

  private static Step s(String parser) {
    return Step.of(parser);
  }

  private static Step s(String parser, String key) {
    return Step.named(parser, key);
  }

  private static Step s(String parser, int index) {
    return Step.indexed(parser, index);
  }

  @Test
  void pointSelectsExactlyThatPoint() {
    MaskPolicy p = at(s("post"), s("json_doc"), s("hash", "user"), s("hash", "password"));
    assertThat(p.decide(TestField.json("user", "password"))).isNotNull();
    assertThat(p.decide(TestField.json("password"))).isNull();
    assertThat(p.decide(TestField.json("user"))).isNull();
    assertThat(p.decide(TestField.json("user", "password", "x"))).isNull();
    assertThat(p.decide(TestField.json("admin", "password"))).isNull();
    assertThat(p.decide(TestField.json("user", "Password"))).isNull(); // JSON keys are exact
  }

  @Test
  void pointSelectsOnlyAtItsOwnDepth() {
    MaskPolicy p = at(s("get", "token"));
    assertThat(p.decide(TestField.query("token"))).isNotNull();
    assertThat(p.decide(TestField.at(s("get", "token"), s("json_doc")))).isNull();
    assertThat(p.decide(TestField.at(s("post"), s("get", "token")))).isNull();
    // ASP.NET reads query names in any case: a point on one selects every case (fail closed).
    assertThat(p.decide(TestField.query("TOKEN"))).isNotNull();
    assertThat(p.decide(TestField.query("tokens"))).isNull();
  }

  @Test
  void headerKeysInPointsAreCaseInsensitive() {
    MaskPolicy p = at(s("header", "X-Secret"));
    for (String h : List.of("x-secret", "X-SECRET", "X-Secret", "x-SeCrEt")) {
      assertThat(p.decide(TestField.header(h))).as(h).isNotNull();
    }
    assertThat(p.decide(TestField.header("X-Secrets"))).isNull();
    // CGI, PHP, Rack and WSGI read X_Secret as the same variable as X-Secret.
    assertThat(p.decide(TestField.header("X_Secret"))).isNotNull();
  }

  @Test
  void headerKeysMatchUnderTurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      MaskPolicy p = at(s("header", "AUTHORIZATION"));
      assertThat(p.decide(TestField.header("authorization"))).isNotNull();
      assertThat(p.decide(TestField.header("Authorization"))).isNotNull();
      MaskPolicy q = at(s("header", "authorization"));
      assertThat(q.decide(TestField.header("AUTHORIZATION"))).isNotNull();
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void cookieKeysInPointsAreFoldedAsAspNetReadsThem() {
    MaskPolicy p = at(s("header", "COOKIE"), s("cookie", "sid"));
    assertThat(p.decide(TestField.cookie("sid"))).isNotNull();
    assertThat(p.decide(TestField.at(s("header", "cookie"), s("cookie", "sid")))).isNotNull();
    assertThat(p.decide(TestField.cookie("SID"))).isNotNull();
    assertThat(p.decide(TestField.cookie("sid2"))).isNull();
  }

  @Test
  void indexStepsMatchTheirIndexOnly() {
    MaskPolicy p = at(s("post"), s("json_doc"), s("array", 2));
    assertThat(p.decide(TestField.at(s("post"), s("json_doc"), s("array", 2)))).isNotNull();
    assertThat(p.decide(TestField.at(s("post"), s("json_doc"), s("array", 1)))).isNull();
    MaskPolicy path = at(s("path", 0));
    assertThat(path.decide(TestField.at(s("path", 0)))).isNotNull();
    assertThat(path.decide(TestField.at(s("path", 1)))).isNull();
  }

  @Test
  void stepsWithoutArgumentMatch() {
    MaskPolicy p = at(s("post"));
    assertThat(p.decide(TestField.at(s("post")))).isNotNull();
    assertThat(p.decide(TestField.at(s("post"), s("json_doc")))).isNull();
    assertThat(at(s("action_name")).decide(TestField.at(s("action_name")))).isNotNull();
  }

  @Test
  void everyWildcardMatchesAnyStepOfItsParser() {
    List<Object[]> cases = List.of(
        new Object[] {"get_all", s("get", "q"), s("header", "q")},
        new Object[] {"header_all", s("header", "X-Anything"), s("get", "X-Anything")},
        new Object[] {"hash_all", s("hash", "k"), s("array", 0)},
        new Object[] {"array_all", s("array", 7), s("hash", "7")},
        new Object[] {"cookie_all", s("cookie", "c"), s("get", "c")},
        new Object[] {"form_urlencoded_all", s("form_urlencoded", "f"), s("multipart", "f")},
        new Object[] {"multipart_all", s("multipart", "m"), s("form_urlencoded", "m")},
        new Object[] {"path_all", s("path", 3), s("array", 3)},
        new Object[] {"xml_tag_all", s("xml_tag", "t"), s("xml_attr", "t")},
        new Object[] {"xml_attr_all", s("xml_attr", "a"), s("xml_tag", "a")},
        new Object[] {"jwt_all", s("jwt", "jwt_payload"), s("base64")});
    assertThat(cases).hasSize(11);
    for (Object[] c : cases) {
      MaskPolicy p = at(s("post"), s((String) c[0]));
      assertThat(p.decide(TestField.at(s("post"), (Step) c[1]))).as("%s", c[0]).isNotNull();
      assertThat(p.decide(TestField.at(s("post"), (Step) c[2]))).as("not %s", c[0]).isNull();
      assertThat(p.decide(TestField.at(s("get"), (Step) c[1]))).as("prefix %s", c[0]).isNull();
    }
  }

  @Test
  void wildcardsMatchInTheMiddleOfAPoint() {
    MaskPolicy p = at(s("post"), s("json_doc"), s("array_all"), s("hash", "password"));
    assertThat(p.decide(TestField.at(s("post"), s("json_doc"), s("array", 0),
        s("hash", "password")))).isNotNull();
    assertThat(p.decide(TestField.at(s("post"), s("json_doc"), s("array", 99),
        s("hash", "password")))).isNotNull();
    assertThat(p.decide(TestField.at(s("post"), s("json_doc"), s("hash", "x"),
        s("hash", "password")))).isNull();
  }

  @Test
  void nameStepsAreRejectedAtBuildTime() {
    for (String step : List.of("get_name", "header_name", "hash_name", "cookie_name",
        "form_urlencoded_name", "multipart_name", "xml_tag_name", "xml_attr_name", "array_name",
        "jwt_name")) {
      assertThatThrownBy(() -> Rule.builder("n").point(Point.of(s("post"), s(step))).build())
          .as(step)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + step + "'")
          .hasMessageContaining("masking selects values");
    }
  }

  @Test
  void unknownOrAliasStepsAreRejectedAtBuildTime() {
    assertThatThrownBy(() -> Selector.point(Point.of(s("hsah", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown point step 'hsah'")
        .hasMessageContaining("did you mean 'hash'?");
    assertThatThrownBy(() -> Selector.point(Point.of(s("query", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'query' is an alias; write 'get'");
    assertThatThrownBy(() -> Selector.point(Point.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one step");
  }

  @Test
  void namesAndPointsWorkSideBySide() {
    MaskPolicy p = RuleSet.builder()
        .rule(Rule.builder("a-point").point(Point.of(s("get", "q"))).build())
        .rule(Rule.builder("b-names").names("password").build())
        .build().policy();
    assertThat(p.decide(TestField.query("q")).ruleId()).isEqualTo("a-point");
    assertThat(p.decide(TestField.query("password")).ruleId()).isEqualTo("b-names");
    assertThat(p.decide(TestField.query("other"))).isNull();
  }

  @Test
  void manyPointRulesStayCorrect() {
    RuleSet.Builder b = RuleSet.builder();
    for (int i = 0; i < 500; i++) {
      b.rule(Rule.builder("r" + i).point(Point.of(s("post"), s("json_doc"), s("hash", "k" + i)))
          .build());
    }
    MaskPolicy p = b.build().policy();
    for (int i = 0; i < 500; i++) {
      assertThat(p.decide(TestField.json("k" + i)).ruleId()).isEqualTo("r" + i);
    }
    assertThat(p.decide(TestField.json("k500"))).isNull();
  }
}
