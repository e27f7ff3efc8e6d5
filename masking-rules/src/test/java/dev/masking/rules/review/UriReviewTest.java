package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of the request target and headers as servers read them: a secret under a
 * selected name or point must not survive where a real server (PHP, CGI, Rack, WSGI, ASP.NET)
 * reads it under that name.
 */
final class UriReviewTest {

  private static final String SECRET = "Zq7SecretVal";

  private static final Masker POINTS = Masker.of(RuleSet.parse("[{\"id\":\"h\",\"point\":"
      + "[\"header\",\"X-CUSTOM-SECRET\"]},{\"id\":\"q\",\"point\":[\"get\",\"sid\"]},"
      + "{\"id\":\"c\",\"point\":[\"header\",\"COOKIE\",\"cookie\",\"myc\"]},"
      + "{\"id\":\"f\",\"point\":[\"post\",\"form_urlencoded\",\"api_pin\"]}]", "r.json"));

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static MaskedReport mask(Masker m, HttpRequest.Builder b) {
    return m.mask(new AttackReport("r", null, b.build(), List.of(), Map.of()));
  }

  private static String all(MaskedReport out) {
    HttpRequest r = out.report().request();
    StringBuilder s = new StringBuilder(r.uri()).append('\n');
    for (Header h : r.headers()) {
      s.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    return s.append(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).toString();
  }

  @Test
  void aHeaderPointSelectsTheUnderscoreSpellingThatCgiReadsAsTheSameVariable() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      for (String name : new String[] {"X-Custom-Secret", "X_Custom_Secret", "x-custom_secret",
          "X_CUSTOM_SECRET", "X-Custom-Secret "}) {
        MaskedReport out = mask(POINTS, HttpRequest.builder().method("GET").uri("/")
            .header(name, SECRET).header("X-Other", "keep-me"));
        assertThat(all(out)).as(name).doesNotContain(SECRET).contains("keep-me");
      }
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void queryFormAndCookiePointsSelectTheSpellingsAspNetAndPhpReadAsTheirName() {
    for (String q : new String[] {"SID", "Sid", "s.id", "s id"}) {
      MaskedReport out = mask(POINTS, HttpRequest.builder().method("GET")
          .uri("/x?a=1&" + q.replace(" ", "+") + "=" + SECRET + "&b=2"));
      assertThat(all(out)).as(q).doesNotContain(SECRET).contains("a=1&").endsWith("&b=2\n");
    }
    MaskedReport cookie = mask(POINTS, HttpRequest.builder().method("GET").uri("/")
        .header("Cookie", "a=1; MYC=" + SECRET + "; b=2"));
    assertThat(all(cookie)).doesNotContain(SECRET).contains("a=1; MYC=***; b=2");
    MaskedReport form = mask(POINTS, HttpRequest.builder().method("POST").uri("/")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("API.PIN=" + SECRET + "&x=1").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(all(form)).doesNotContain(SECRET).endsWith("API.PIN=***&x=1");
  }

  @Test
  void otherNamesStayUnderThosePoints() {
    MaskedReport out = mask(POINTS, HttpRequest.builder().method("GET")
        .uri("/x?sids=" + SECRET).header("X-Custom-Secrets", SECRET)
        .header("Cookie", "myc2=" + SECRET));
    assertThat(all(out)).contains("sids=" + SECRET).contains("X-Custom-Secrets: " + SECRET)
        .contains("myc2=" + SECRET);
  }

  @Test
  void aNameCutAtNulOrWrittenWithPercentUIsReadAsTheSelectedName() {
    // PHP registers names as C strings (password%00x is password); ASP.NET decodes %u0077.
    for (String name : new String[] {"password%00x", "PaSsWoRd%00", "password%2500junk",
        "pass%u0077ord", "pass%U0077ord", "pa%u0073%73word"}) {
      MaskedReport out = mask(DEFAULT, HttpRequest.builder().method("GET")
          .uri("/x?a=1&" + name + "=" + SECRET).header("Cookie", name + "=" + SECRET));
      assertThat(all(out)).as(name).doesNotContain(SECRET).contains("/x?a=1&" + name + "=***");
    }
    MaskedReport kept = mask(DEFAULT, HttpRequest.builder().method("GET")
        .uri("/x?x%00password=" + SECRET + "&pass%u0077=" + SECRET));
    assertThat(all(kept)).contains("x%00password=" + SECRET).contains("pass%u0077=" + SECRET);
  }

  @Test
  void malformedBracketNamesAreReadAsPhpAndRackReadThem() {
    // PHP: pass[word is pass_word, user[password is user_password, password[x]y and
    // user[password]x drop what follows the last ]; Rack 2: [password] and password] are password.
    for (String name : new String[] {"pass[word", "user[password", "password[x]y",
        "user[password]x", "[password]", "password]", "]]password", "user[[password]]x",
        "pass%5Bword", "a.b[pass[word"}) {
      MaskedReport out = mask(DEFAULT, HttpRequest.builder().method("GET")
          .uri("/x?a=1&" + name + "=" + SECRET + "&b=2"));
      assertThat(all(out)).as(name).doesNotContain(SECRET)
          .startsWith("/x?a=1&" + name + "=***&b=2");
      MaskedReport form = mask(DEFAULT, HttpRequest.builder().method("POST").uri("/")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body((name + "=" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(all(form)).as(name).doesNotContain(SECRET).endsWith(name + "=***");
    }
    MaskedReport kept = mask(DEFAULT, HttpRequest.builder().method("GET")
        .uri("/x?pref[x]=" + SECRET + "&[a]b=" + SECRET + "&pre]fix=" + SECRET));
    assertThat(all(kept)).contains("pref[x]=" + SECRET + "&[a]b=" + SECRET + "&pre]fix="
        + SECRET);
  }

  @Test
  void cookieNamesWithBracketsAreReadAsPhpReadsThem() {
    for (String name : new String[] {"password[x]", "password[]", "user[password]",
        "pass[word", "sessionid[0]"}) {
      MaskedReport out = mask(DEFAULT, HttpRequest.builder().method("GET").uri("/")
          .header("Cookie", "a=1; " + name + "=" + SECRET + "; b=2"));
      assertThat(all(out)).as(name).doesNotContain(SECRET)
          .contains("Cookie: a=1; " + name + "=***; b=2");
    }
    MaskedReport kept = mask(DEFAULT, HttpRequest.builder().method("GET").uri("/")
        .header("Cookie", "pref[lang]=" + SECRET));
    assertThat(all(kept)).contains("pref[lang]=" + SECRET);
  }

  @Test
  void theUserinfoPasswordOfAnAbsoluteFormTargetIsMasked() {
    for (String uri : new String[] {"http://bob:" + SECRET + "@h.example/a?x=1",
        "https://bob:" + SECRET + "@h.example", "HTTP://:" + SECRET + "@h.example:8080/a/b",
        "/go/https://bob:" + SECRET + "@evil.example/"}) {
      MaskedReport out = mask(DEFAULT, HttpRequest.builder().method("GET").uri(uri));
      String masked = out.report().request().uri();
      assertThat(masked).as(uri).doesNotContain(SECRET)
          .isEqualTo(uri.replace(SECRET, "***"));
      assertThat(mask(DEFAULT, HttpRequest.builder().method("GET").uri(masked)).report()
          .request().uri()).isEqualTo(masked);
    }
    String plain = "/a/user@h.example/b?x=1";
    assertThat(mask(DEFAULT, HttpRequest.builder().method("GET").uri(plain)).report().request()
        .uri()).isEqualTo(plain);
  }

  @Test
  void aCookieAfterWhitespaceIsReadAsPythonsHttpCookiesReadsIt() {
    String[][] cases = {
        {"a=1 sessionid=" + SECRET, "a=1 sessionid=***"},
        {"a=1 sessionid=" + SECRET + ",x b=2", "a=1 sessionid=*** b=2"},
        {"a=1, sessionid=" + SECRET + ",x", "a=1, sessionid=***"},
        {"a=1,sessionid=" + SECRET + " x", "a=1,sessionid=***"},
        {"a=1 sessionid = " + SECRET + " b=2", "a=1 sessionid = *** b=2"},
        {"a=1\tsessionid=\"" + SECRET + " y\" b=2", "a=1\tsessionid=\"***\" b=2"},
        {"x=1; a=hello world sessionid=" + SECRET + "; c=3",
            "x=1; a=hello world sessionid=***; c=3"}};
    for (String[] c : cases) {
      MaskedReport out = mask(DEFAULT, HttpRequest.builder().method("GET").uri("/")
          .header("Cookie", c[0]));
      String cookie = out.report().request().headers().first("Cookie");
      assertThat(cookie).as(c[0]).isEqualTo(c[1]);
      assertThat(mask(DEFAULT, HttpRequest.builder().method("GET").uri("/")
          .header("Cookie", cookie)).report().request().headers().first("Cookie"))
          .isEqualTo(cookie);
    }
    String kept = "a=hello world; b=x y=z, q";
    assertThat(mask(DEFAULT, HttpRequest.builder().method("GET").uri("/").header("Cookie", kept))
        .report().request().headers().first("Cookie")).isEqualTo(kept);
  }

  @Test
  void pathPointsSelectTheSegmentServersReadThereAfterDotSegmentsAndATrailingSlash() {
    Masker m = Masker.of(RuleSet.parse("{\"include\":[\"default\"],\"rules\":["
        + "{\"id\":\"k\",\"point\":[\"path\",1]},"
        + "{\"id\":\"t\",\"point\":[\"action_name\"],"
        + "\"when\":{\"path\":\"/reset/*\"}}]}", "r.json"));
    String[][] cases = {
        {"/api/" + SECRET + "/x", "/api/***/x"},
        // Both readings are masked: the segment at index 1 as sent, and the one there once the
        // dot segments are resolved; dot segments themselves hold no value and stay.
        {"/./api/" + SECRET + "/x", "/./***/***/x"},
        {"/api/./" + SECRET + "/x", "/api/./***/x"},
        {"/api/%2e/" + SECRET + "/x", "/api/%2e/***/x"},
        {"/zzz/../api/" + SECRET + "/x", "/zzz/../api/***/x"},
        {"/api/..;x=1/api/" + SECRET + "/x", "/api/..;x=1/api/***/x"},
        {"/a/b/../..;jsessionid=" + SECRET + "/api/k", "/a/***/../..;jsessionid=***/api/k"},
        {"/reset/" + SECRET, "/reset/***"},
        {"/reset/" + SECRET + "/", "/reset/***/"},
        {"/reset/" + SECRET + "//?a=1", "/reset/***//?a=1"}};
    for (String[] c : cases) {
      String out = mask(m, HttpRequest.builder().method("GET").uri(c[0])).report().request()
          .uri();
      assertThat(out).as(c[0]).isEqualTo(c[1]);
      assertThat(mask(m, HttpRequest.builder().method("GET").uri(out)).report().request().uri())
          .isEqualTo(out);
    }
    String kept = "/a.b/c./..x/" + SECRET + "x";
    assertThat(mask(m, HttpRequest.builder().method("GET").uri(kept)).report().request().uri())
        .isEqualTo("/a.b/***/..x/" + SECRET + "x");
  }

  @Test
  void theQueryOfAUrlInAHeaderOrParameterValueIsReadAsAQuery() {
    String[][] cases = {
        {"https://shop.example/reset?token=" + SECRET, "https://shop.example/reset?token=***"},
        {"https://shop.example/reset?a=1&password=" + SECRET + "&b=2",
            "https://shop.example/reset?a=1&password=***&b=2"},
        {"/login?next=%2F&access_token=" + SECRET, "/login?next=%2F&access_token=***"},
        {"https://app.example/cb#access_token=" + SECRET + "&token_type=bearer",
            "https://app.example/cb#access_token=***&token_type=bearer"}};
    for (String[] c : cases) {
      MaskedReport out = mask(DEFAULT, HttpRequest.builder().method("GET")
          .uri("/x?next=" + c[0].replace("&", "%26").replace("#", "%23"))
          .header("Referer", c[0]).header("X-Original-URL", c[0]));
      assertThat(all(out)).as(c[0]).doesNotContain(SECRET)
          .contains("Referer: " + c[1] + "\n").contains("X-Original-URL: " + c[1] + "\n");
    }
    for (String kept : new String[] {"https://shop.example/search?q=" + SECRET,
        "https://shop.example/a?b", "see /x?token=" + SECRET + " here"}) {
      MaskedReport out = mask(DEFAULT, HttpRequest.builder().method("GET").uri("/")
          .header("Referer", kept));
      assertThat(out.report().request().headers().first("Referer")).isEqualTo(kept);
    }
  }
}
