package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HeaderScannerTest {

  private static final Point AUTHORIZATION = Point.of(Step.named("header", "AUTHORIZATION"));

  /** Selects header points equal to {@code header NAME} (any case) and cookies by name. */
  private static RecordingPolicy headers(MaskAction action, String... names) {
    return new RecordingPolicy(f -> {
      for (String n : names) {
        if (f.point().equals(Point.of(Step.named("header", n)))) {
          return true;
        }
      }
      return false;
    }, action);
  }

  private static RecordingPolicy cookies(MaskAction action, String... names) {
    List<String> list = List.of(names);
    return new RecordingPolicy(
        f -> f.last().parser().equals("cookie") && list.contains(f.name()), action);
  }

  private static List<String> flat(Headers h) {
    List<String> out = new ArrayList<>();
    for (Header x : h) {
      out.add(x.name() + ": " + x.value());
    }
    return out;
  }

  @Test
  void returnsTheSameInstanceWhenNothingIsSelected() {
    Headers in = Headers.of("Host", "a", "Cookie", "a=1; b=\"2\"", "Authorization", "Bearer x");
    RecordingPolicy p = RecordingPolicy.nothing();
    assertThat(HeaderScanner.mask(in, p.run())).isSameAs(in);
    assertThat(p.asked()).containsExactly("header HOST", "header COOKIE",
        "header COOKIE > cookie a", "header COOKIE > cookie b", "header AUTHORIZATION");
    assertThat(p.names).containsExactly("Host", "Cookie", "a", "b", "Authorization");
  }

  @Test
  void masksAWholeValueAndKeepsNamesOrderAndDuplicates() {
    Headers in = Headers.of("Host", "a", "x-api-key", "k1", "Accept", "*/*", "X-API-KEY", "k2");
    Headers out = HeaderScanner.mask(in, headers(MaskAction.redact(), "X-Api-Key").run());
    assertThat(flat(out))
        .containsExactly("Host: a", "x-api-key: ***", "Accept: */*", "X-API-KEY: ***");
    assertThat(out.get(0)).isSameAs(in.get(0));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Bearer eyJhbGciOi.abc.def|Bearer ***",
      "Basic dXNlcjpwYXNz|Basic ***",
      "basic   dXNlcjpwYXNz  |basic ***",
      "Digest username=\"u\", response=\"r\"|Digest ***",
      "sk_live_abcdef|***",
      "Bearer |***",
      "Bearer ***|Bearer ***"})
  void authorizationKeepsItsScheme(String value, String expected) {
    for (String name : List.of("Authorization", "Proxy-Authorization")) {
      Headers out = HeaderScanner.mask(Headers.of(name, value), headers(MaskAction.redact(), name).run());
      assertThat(out.get(0).value()).isEqualTo(expected);
    }
  }

  @Test
  void schemeThatIsNotATokenIsMaskedWithTheCredential() {
    String longFirst = "x".repeat(HeaderScanner.MAX_SCHEME_LENGTH + 1) + " rest";
    MaskRun run = headers(MaskAction.redact(), "Authorization").run();
    assertThat(HeaderScanner.mask(Headers.of("Authorization", longFirst), run).get(0).value())
        .isEqualTo("***");
    assertThat(HeaderScanner.mask(Headers.of("Authorization", "to\"ken rest"), run).get(0).value())
        .isEqualTo("***");
  }

  @Test
  void theActionSeesOnlyTheCredential() {
    RecordingPolicy p = headers(new MaskAction.KeepLast(4), "Authorization");
    Headers out = HeaderScanner.mask(Headers.of("Authorization", "Bearer abcdefghij"), p.run());
    assertThat(out.get(0).value()).isEqualTo("Bearer ******ghij");
  }

  @Test
  void duplicateAuthorizationHeadersAreEachMasked() {
    Headers in = Headers.of("Authorization", "Bearer one", "authorization", "Basic two");
    MaskRun run = headers(MaskAction.redact(), "AUTHORIZATION").run();
    assertThat(flat(HeaderScanner.mask(in, run)))
        .containsExactly("Authorization: Bearer ***", "authorization: Basic ***");
    assertThat(run.maskedPoints()).extracting(m -> m.point()).containsExactly(AUTHORIZATION, AUTHORIZATION);
  }

  @Test
  void removeDropsTheHeaderLine() {
    Headers in = Headers.of("Host", "a", "Authorization", "Bearer x", "Accept", "b");
    MaskRun run = headers(new MaskAction.Remove(), "Authorization").run();
    assertThat(flat(HeaderScanner.mask(in, run))).containsExactly("Host: a", "Accept: b");
    assertThat(run.maskedPoints()).hasSize(1);
  }

  @Test
  void emptySelectedValueStaysEmpty() {
    Headers in = Headers.of("Authorization", "");
    assertThat(HeaderScanner.mask(in, headers(MaskAction.redact(), "Authorization").run())).isSameAs(in);
  }

  @Test
  void obsFoldedValueIsMaskedWithoutWritingCrOrLf() {
    Headers in = Headers.of("X-Token", "ab\r\n cdefghijkl", "Authorization", "Bearer\r\n\tsecret");
    Headers out = HeaderScanner.mask(in, headers(new MaskAction.KeepFirst(4), "X-Token", "Authorization").run());
    assertThat(out.get(0).value()).isEqualTo("ab  ***********");
    assertThat(out.get(1).value()).isEqualTo("Bearer ******");
    for (Header h : out) {
      assertThat(h.value()).doesNotContain("\r", "\n");
    }
  }

  @Test
  void cookiesAreAskedUnderTheirHeader() {
    RecordingPolicy p = cookies(MaskAction.redact(), "session");
    Headers out = HeaderScanner.mask(Headers.of("Cookie", "a=1; session=abc;b=2 ; c"), p.run());
    assertThat(out.get(0).value()).isEqualTo("a=1; session=***;b=2 ; c");
    assertThat(p.asked()).containsExactly("header COOKIE", "header COOKIE > cookie a",
        "header COOKIE > cookie session", "header COOKIE > cookie b", "header COOKIE > cookie c");
  }

  @Test
  void wholeCookieHeaderSelectedMasksEverything() {
    RecordingPolicy p = headers(MaskAction.redact(), "cookie");
    Headers out = HeaderScanner.mask(Headers.of("COOKIE", "a=1; session=abc"), p.run());
    assertThat(out.get(0).value()).isEqualTo("***");
    assertThat(p.asked()).containsExactly("header COOKIE");
  }

  @Test
  void quotedCookieValuesKeepTheirQuotes() {
    RecordingPolicy p = cookies(new MaskAction.Stars(), "session", "e", "q");
    Headers out = HeaderScanner.mask(
        Headers.of("Cookie", "session=\"abc def\"; e=\"\"; q=\"; x=\"y"), p.run());
    assertThat(out.get(0).value()).isEqualTo("session=\"*******\"; e=\"\"; q=*; ***");
    // (q's quote closes in 'x="': a reader of quoted values reads 'x=' as part of q's value)
  }

  @Test
  void commaSeparatedCookiesAreAskedToo() {
    RecordingPolicy p = cookies(MaskAction.redact(), "session");
    Headers out = HeaderScanner.mask(
        Headers.of("Cookie", "a=x,session=abc; b=1, session=def,c=2; a,session=ghi"), p.run());
    // ", session=def,c=2": after the blank, Python's http.cookies reads the value up to the next
    // blank, so ",c=2" is part of it.
    assertThat(out.get(0).value()).isEqualTo("a=x,session=***; b=1, session=***; a,session=***");
  }

  @Test
  void selectedCookieMasksThroughCommasUpToTheSemicolon() {
    Headers out = HeaderScanner.mask(Headers.of("Cookie", "session=a,b=c; d=1"),
        cookies(MaskAction.redact(), "session").run());
    assertThat(out.get(0).value()).isEqualTo("session=***; d=1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "session=x; a=1; b=2|a=1; b=2",
      "a=1; session=x; b=2|a=1; b=2",
      "a=1; b=2; session=x|a=1; b=2",
      "a=1;session=x;b=2|a=1;b=2",
      "session=x; session=y; a=1|a=1",
      "a=1; session=x; session=y|a=1",
      "a=1, session=x; b=2|a=1; b=2",
      "a=1; session=x;|a=1;"})
  void removeDropsTheCookieAndItsSeparator(String in, String expected) {
    MaskRun run = cookies(new MaskAction.Remove(), "session").run();
    Headers out = HeaderScanner.mask(Headers.of("Cookie", in), run);
    assertThat(out.get(0).value()).isEqualTo(expected);
    assertThat(run.maskedPoints()).isNotEmpty();
  }

  @Test
  void removingEveryCookieDropsTheHeader() {
    Headers in = Headers.of("Host", "h", "Cookie", " session=x ; session=y; ", "Accept", "a");
    Headers out = HeaderScanner.mask(in, cookies(new MaskAction.Remove(), "session").run());
    assertThat(flat(out)).containsExactly("Host: h", "Accept: a");
  }

  @Test
  void duplicateCookieHeadersAreEachScanned() {
    Headers in = Headers.of("Cookie", "session=one", "X", "session=zzz", "cookie", "a=1; session=two");
    Headers out = HeaderScanner.mask(in, cookies(MaskAction.redact(), "session").run());
    assertThat(flat(out))
        .containsExactly("Cookie: session=***", "X: session=zzz", "cookie: a=1; session=***");
  }

  @Test
  void cookieValuesAreMaskedAsSentWithoutDecoding() {
    RecordingPolicy p = cookies(new MaskAction.KeepLast(2), "t");
    Headers out = HeaderScanner.mask(Headers.of("Cookie", "t=ab%20cd"), p.run());
    assertThat(out.get(0).value()).isEqualTo("t=*****cd");
  }

  @Test
  void credentialsInsideASelectedValueDoNotSurvive() {
    Headers in = Headers.of("Referer", "https://user:pa55@host/x");
    Headers out = HeaderScanner.mask(in, headers(MaskAction.redact(), "referer").run());
    assertThat(out.get(0).value()).isEqualTo("***");
  }

  @Test
  void headersPastMaxHeadersAndCookiesPastMaxFieldsAreMaskedWithANote() {
    MaskingOptions o = MaskingOptions.builder().maxFields(2).maxHeaders(2).build();
    MaskRun run = RecordingPolicy.nothing().run(o);
    Headers in = Headers.of("Cookie", "a=1; b=2; c=3; d", "B", "x", "C", "y", "D", "");
    assertThat(flat(HeaderScanner.mask(in, run)))
        .containsExactly("Cookie: a=1; b=2; c=***; d", "B: x", "C: ***", "D: ");
    assertThat(run.notes()).extracting(Note::kind)
        .containsExactly(Note.Kind.FALLBACK, Note.Kind.FALLBACK);
  }

  @Test
  void headerNameMatchIsCaseInsensitiveUnderTurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      Headers in = Headers.of("AUTHORIZATION", "Bearer t1", "authorization", "Basic t2",
          "COOKIE", "id=s1", "Cookie", "ID=s2");
      MaskPolicy p = f -> f.point().startsWith(AUTHORIZATION)
          || f.depth() == 2 && "id".equals(dev.masking.core.Ascii.lower(f.name()))
          ? new Decision(MaskAction.redact(), "t") : null;
      assertThat(flat(HeaderScanner.mask(in, new MaskRun(p, MaskingOptions.defaults()))))
          .containsExactly("AUTHORIZATION: Bearer ***", "authorization: Basic ***",
              "COOKIE: id=***", "Cookie: ID=***");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void manyCookiesAndAHugeCookieFinishQuickly() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("c").append(i).append("=v,").append(i).append("; ");
    }
    sb.append("n".repeat(1 << 20)).append("=1; session=s");
    Headers in = Headers.of("Cookie", sb.toString());
    MaskPolicy p = f -> "session".equals(f.name()) ? new Decision(MaskAction.redact(), "t") : null;
    MaskingOptions o = MaskingOptions.builder().maxFields(200_000).build();
    Headers out = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> HeaderScanner.mask(in, new MaskRun(p, o)));
    assertThat(out.get(0).value()).endsWith("=1; session=***").hasSize(sb.length() + 2);
  }
}
