package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conformance of rule conditions with the Wallarm documentation: the URI constructor table
 * (docs/latest/user-guides/rules/rules.md), HOST iequal, absent action_ext, path indexes,
 * application id; and what explanations say.
 */
final class ConditionTest {

  /** Whether a rule with {@code conditions}, selecting the query parameter {@code secret}, applies. */
  static boolean applies(List<Condition> conditions, AttackReport report) {
    Rule r = Rule.builder("r").names("secret").when(conditions).build();
    MaskedReport m = Masker.of(RuleSet.builder().rule(r).build()).mask(report);
    return m.notes().stream().anyMatch(n -> n.kind() == Note.Kind.MASKED);
  }

  static AttackReport request(String host, String method, String uri) {
    return request(host, method, uri, null);
  }

  static AttackReport request(String host, String method, String uri, String instance) {
    HttpRequest.Builder b = HttpRequest.builder().method(method).protocol("HTTP/1.1")
        .uri(uri + (uri.contains("?") ? "&" : "?") + "secret=cnry-cond");
    if (host != null) {
      b.header("Host", host);
    }
    return new AttackReport("r", instance, b.build(), List.of(), Map.of());
  }

  /** Splits {@code example.com/api/user} into host and path for {@link #request}. */
  static AttackReport url(String url) {
    int slash = url.indexOf('/');
    return request(url.substring(0, slash), "GET", url.substring(slash));
  }

  // ---- the URI constructor table --------------------------------------------------------------

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @CsvSource({
      // Format: "URI with some components omitted"
      "example.com/api/user, example.com/api/user, true",
      "example.com/api/user, example.com/api/user.php, false",
      "example.com/api/user, example.com/api/v1/user, false",
      "example.com/api/user, other.example/api/user, false",
      "example.com/api/user, EXAMPLE.com/api/user, true",
      "/api/user, anything.example/api/user, true",
      // trailing slash in the pattern is ignored: action_name is 'user'
      "http://example.com/api/clients/user/, example.com/api/clients/user?q=action, true",
      "http://example.com/api/clients/user/, example.com/api/clients/x/user, false",
      // "*" = any non-empty component
      "example.com/*/create/*.*, example.com/api/create/user.php, true",
      "example.com/*/create/*.*, example.com/create/user.php, false",
      "example.com/*/create/*.*, example.com/api/create, false",
      // "**" = any number of components
      "example.com/**/user, example.com/api/create/user, true",
      "example.com/**/user, example.com/api/user, true",
      "example.com/**/user, example.com/api/user/index.php, false",
      // Wallarm's table says false; we also read a path ending in '/' without it, as many
      // servers route it, so the rule applies (more masking, never less)
      "example.com/**/user, example.com/api/user/?w=delete, true",
      "example.com/api/**/*.*, example.com/api/create/user.php, true",
      "example.com/api/**/*.*, example.com/api/user/create/index.php, true",
      "example.com/api/**/*.*, example.com/api, false",
      "example.com/api/**/*.*, example.com/api/user, false",
      // {{regex}}
      "example.com/user/{{[0-9]}}, example.com/user/3445, true",
      "example.com/user/{{[0-9]}}, example.com/user/3445/888, false",
      "example.com/user/{{[0-9]}}, example.com/user/3445/index.php, false",
  })
  void uriConstructorTableFromTheWallarmDocs(String pattern, String url, boolean expected) {
    assertThat(applies(Condition.url(pattern), url(url))).isEqualTo(expected);
  }

  @Test
  void uriConstructorCompilesToTheDocumentedConditions() {
    assertThat(Condition.url("https://example.com:3000/api/user.php?q=action&w=delete"))
        .containsExactly(
            Condition.header("HOST").iequal("example.com:3000"),
            Condition.path(0).equal("api"),
            Condition.path(1).absent(),
            Condition.actionName().equal("user"),
            Condition.actionExt().equal("php"),
            Condition.get("q").equal("action"),
            Condition.get("w").equal("delete"));
    assertThat(Condition.url("example.com/**/user")).containsExactly(
        Condition.header("HOST").iequal("example.com"),
        Condition.actionName().equal("user"),
        Condition.actionExt().absent());
  }

  @Test
  void twoDocumentedCasesThatTheDocumentedConditionsDoNotDecide() {
    // The docs list [HOST, action_name user, action_ext absent] for example.com/**/user and then
    // say example.com/user does not match; those conditions hold for it, and "**" is documented as
    // "any number of components including its absence". We follow the conditions.
    assertThat(applies(Condition.url("example.com/**/user"), url("example.com/user"))).isTrue();
    // Likewise example.com/api/**/*.* is said not to match .../user.php?w=delete, though no query
    // condition is listed; we match it.
    assertThat(applies(Condition.url("example.com/api/**/*.*"),
        url("example.com/api/create/user.php?w=delete"))).isTrue();
  }

  @Test
  void malformedUrlPatternsAreRejected() {
    assertThatThrownBy(() -> Condition.url("/a/**/b/c"))
        .hasMessageContaining("only the last segment may follow '**'");
    assertThatThrownBy(() -> Condition.url("/a/us*r"))
        .hasMessageContaining("use {{regex}}");
    assertThatThrownBy(() -> Condition.url("/a/{{[}}"))
        .hasMessageContaining("bad regex");
  }

  // ---- single conditions ----------------------------------------------------------------------

  @Test
  void hostEqualIsAlwaysCaseInsensitive() {
    Condition c = Condition.header("host").equal("Example.COM");
    assertThat(c.type()).isEqualTo(Condition.Type.IEQUAL);
    assertThat(c.describe()).isEqualTo("header HOST iequal");
    assertThat(applies(List.of(c), request("eXample.com", "GET", "/"))).isTrue();
    assertThat(applies(List.of(c), request("example.org", "GET", "/"))).isFalse();
    assertThat(applies(List.of(c), request(null, "GET", "/"))).isFalse();
  }

  @Test
  void aHostWithPortOrTrailingDotStillMeetsTheHostCondition() {
    List<Condition> c = Condition.url("shop.example/account/login");
    for (String host : List.of("shop.example:443", "SHOP.example.", "shop.example.:8443")) {
      assertThat(applies(c, request(host, "POST", "/account/login"))).as(host).isTrue();
    }
    assertThat(applies(c, request("shop.example.evil", "POST", "/account/login"))).isFalse();
    assertThat(applies(List.of(Condition.header("HOST").iequal("shop.example:8080")),
        request("shop.example:8080", "GET", "/"))).isTrue();
  }

  @Test
  void pathSpellingsServersReadAlikeMeetTheSameConditions() {
    List<Condition> c = Condition.url("/account/login");
    for (String uri : List.of("/account//login", "//account/login", "/account/login;jsessionid=1",
        "/account;v=2/login", "/account/./login", "/x/../account/login", "/%61ccount/login",
        "/account/login/")) {
      assertThat(applies(c, request("h", "POST", uri))).as(uri).isTrue();
    }
    assertThat(applies(c, request("h", "POST", "/account/login/x/"))).isFalse();
  }

  @Test
  void hostRegexIgnoresCaseToo() {
    Condition c = Condition.header("HOST").regex("[.]example[.]com$");
    assertThat(applies(List.of(c), request("a.EXAMPLE.com", "GET", "/"))).isTrue();
    assertThat(applies(List.of(c), request("a.example.com.evil", "GET", "/"))).isFalse();
  }

  @Test
  void otherHeadersCompareExactlyUnlessIequal() {
    AttackReport r = new AttackReport(null, null, HttpRequest.builder().method("GET")
        .uri("/?secret=cnry").header("x-tenant", "Blue").build(), List.of(), Map.of());
    assertThat(applies(List.of(Condition.header("X-Tenant").equal("Blue")), r)).isTrue();
    assertThat(applies(List.of(Condition.header("X-Tenant").equal("blue")), r)).isFalse();
    assertThat(applies(List.of(Condition.header("X-Tenant").iequal("BLUE")), r)).isTrue();
    assertThat(applies(List.of(Condition.header("X-Other").absent()), r)).isTrue();
    assertThat(applies(List.of(Condition.header("X-Tenant").absent()), r)).isFalse();
  }

  @Test
  void absentActionExtSelectsOnlyRequestsWithoutExtension() {
    List<Condition> c = List.of(Condition.actionName().equal("login"),
        Condition.actionExt().absent());
    assertThat(applies(c, request("h", "POST", "/account/login"))).isTrue();
    assertThat(applies(c, request("h", "POST", "/account/login.php"))).isFalse();
    assertThat(applies(c, request("h", "POST", "/account/login."))).isFalse(); // empty, not absent
  }

  @Test
  void pathIndexesCountSegmentsBeforeTheLast() {
    AttackReport r = request("h", "GET", "/api/v1/user.php");
    assertThat(applies(List.of(Condition.path(0).equal("api")), r)).isTrue();
    assertThat(applies(List.of(Condition.path(1).equal("v1")), r)).isTrue();
    assertThat(applies(List.of(Condition.path(2).absent()), r)).isTrue();
    assertThat(applies(List.of(Condition.path(2).equal("user.php")), r)).isFalse();
    assertThat(applies(List.of(Condition.actionName().equal("user"),
        Condition.actionExt().equal("php")), r)).isTrue();
    // percent-decoded, dot segments resolved
    assertThat(applies(List.of(Condition.path(0).equal("api"),
        Condition.actionName().equal("login")), request("h", "GET", "/%61pi/x/../login")))
        .isTrue();
    // an absolute-form URI gives the same segments
    assertThat(applies(List.of(Condition.path(0).equal("api")),
        request("h", "GET", "https://h/api/v1/user.php"))).isTrue();
  }

  @Test
  void applicationIdIsTheReportInstance() {
    List<Condition> c = List.of(Condition.instance().equal("12"));
    assertThat(applies(c, request("h", "GET", "/", "12"))).isTrue();
    assertThat(applies(c, request("h", "GET", "/", "13"))).isFalse();
    assertThat(applies(c, request("h", "GET", "/", null))).isFalse();
    assertThat(applies(List.of(Condition.instance().absent()), request("h", "GET", "/", null)))
        .isTrue();
  }

  @Test
  void protoSchemeMethodUriAndQueryConditions() {
    AttackReport r = request("h", "POST", "https://h/login?lang=en");
    assertThat(applies(List.of(Condition.proto().equal("1.1")), r)).isTrue();
    assertThat(applies(List.of(Condition.proto().equal("2.0")), r)).isFalse();
    assertThat(applies(List.of(Condition.scheme().equal("https")), r)).isTrue();
    assertThat(applies(List.of(Condition.scheme().absent()), request("h", "GET", "/"))).isTrue();
    assertThat(applies(List.of(Condition.method().equal("POST")), r)).isTrue();
    assertThat(applies(List.of(Condition.method().equal("GET", "PUT")), r)).isFalse();
    assertThat(applies(List.of(Condition.method().equal("post")), r)).isFalse();
    assertThat(applies(List.of(Condition.method().iequal("GET", "post")), r)).isTrue();
    assertThat(applies(List.of(Condition.method().iequal("PUT", "POST")),
        request("h", "put", "/"))).isTrue();
    assertThat(applies(List.of(Condition.uri().regex("^/login[?]")), r)).isTrue();
    assertThat(applies(List.of(Condition.get("lang").equal("en")), r)).isTrue();
    assertThat(applies(List.of(Condition.get("LANG").equal("en")), r)).isFalse();
    assertThat(applies(List.of(Condition.get("page").absent()), r)).isTrue();
    HttpRequest h2 = HttpRequest.builder().method("GET").protocol("HTTP/2").uri("/?secret=x")
        .build();
    assertThat(applies(List.of(Condition.proto().equal("2.0")), AttackReport.of(h2))).isTrue();
  }

  @Test
  void schemeIsReadFromTheRequestObjectWhenPresent() {
    AttackReport r = new AttackReport(null, null,
        HttpRequest.builder().method("GET").uri("/?secret=x").build(), List.of(), Map.of(),
        Map.of("scheme", com.fasterxml.jackson.databind.node.TextNode.valueOf("HTTPS")));
    assertThat(applies(List.of(Condition.scheme().equal("https")), r)).isTrue();
  }

  @Test
  void allConditionsMustHold() {
    List<Condition> c = List.of(Condition.header("HOST").iequal("shop.example"),
        Condition.method().equal("POST"));
    assertThat(applies(c, request("shop.example", "POST", "/"))).isTrue();
    assertThat(applies(c, request("shop.example", "GET", "/"))).isFalse();
    assertThat(applies(c, request("other.example", "POST", "/"))).isFalse();
  }

  @Test
  void caseInsensitiveConditionsIgnoreTheTurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      assertThat(applies(List.of(Condition.header("HOST").iequal("INFO.example")),
          request("info.EXAMPLE", "GET", "/"))).isTrue();
      assertThat(applies(List.of(Condition.header("x-id").iequal("I")),
          new AttackReport(null, null, HttpRequest.builder().uri("/?secret=1")
              .header("X-ID", "i").build(), List.of(), Map.of()))).isTrue();
    } finally {
      Locale.setDefault(saved);
    }
  }

  // ---- explanations ---------------------------------------------------------------------------

  @Test
  void notesNameTheRuleAndEachMatchedConditionButNoRequestValue() {
    Rule r = Rule.builder("login-pass").names("secret")
        .when(Condition.header("HOST").iequal("cnry-host.example"),
            Condition.path(0).equal("cnry-seg"))
        .build();
    AttackReport report = request("CNRY-HOST.example", "GET", "/cnry-seg/x");
    MaskedReport m = Masker.of(RuleSet.builder().rule(r).build()).mask(report);
    List<String> info = new ArrayList<>();
    for (Note n : m.notes()) {
      if (n.kind() == Note.Kind.INFO) {
        info.add(n.reason());
      }
    }
    assertThat(info).anySatisfy(s -> assertThat(s).startsWith("rule login-pass: ")
        .contains("header HOST iequal matched").contains("path 0 equal matched"));
    assertThat(m.notes().toString()).doesNotContain("cnry");
  }

  @Test
  void notesSayWhichConditionFailedForARuleMetButNotApplied() {
    Rule r = Rule.builder("login-pass").names("secret")
        .when(Condition.path(0).equal("api"), Condition.method().equal("POST"),
            Condition.actionExt().absent())
        .build();
    MaskedReport m = Masker.of(RuleSet.builder().rule(r).build())
        .mask(request("h", "POST", "/api/login.php"));
    assertThat(m.notes()).extracting(Note::reason)
        .containsExactly("rule login-pass: not applied: action_ext absent did not match");
    assertThat(m.report()).isEqualTo(request("h", "POST", "/api/login.php"));
    // A rule the index rules out (here by method) is not looked at, so not mentioned.
    assertThat(Masker.of(RuleSet.builder().rule(r).build())
        .mask(request("h", "GET", "/api/login.php")).notes()).isEmpty();
  }
}
