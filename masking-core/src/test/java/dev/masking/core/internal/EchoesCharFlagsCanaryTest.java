package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary for the sweep's forms that depend on single characters of a value (read from the value's
 * flags, one bit per character, instead of searching the value for each): a value holding one of
 * {@code ! ' ( ) * ~ + ` " < > &} is echoed only in the one form that character calls for (an
 * encoder's percent form, XML text with quotes kept, .NET's JSON escapes), and the echo must be
 * masked. A bit read wrongly leaves exactly that echo.
 */
final class EchoesCharFlagsCanaryTest {

  private static final MaskPolicy PASSWORD = f -> "password".equals(f.name())
      ? new Decision(MaskAction.redact(), "t/password") : null;

  /**
   * Masks a report whose JSON body holds {@code secret} under {@code password} and whose header
   * {@code X-Echo} holds {@code echo} between two words; returns the header's masked value.
   */
  private static String echoHeader(String secret, String echo) {
    String body = "{\"password\":\"" + JsonEscapes.escape(secret) + "\",\"keep\":\"plain text\"}";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/login").protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("Content-Type", "application/json")
        .header("X-Echo", "before " + echo + " after")
        .body(body)
        .build();
    MaskedReport out = Rewriter.mask(AttackReport.of(req), PASSWORD, MaskingOptions.defaults());
    assertThat(new String(out.report().request().bodyUnsafe(), UTF_8))
        .isEqualTo("{\"password\":\"***\",\"keep\":\"plain text\"}");
    for (Header h : out.report().request().headers().asList()) {
      if (h.name().equals("X-Echo")) {
        return h.value();
      }
    }
    throw new AssertionError("no X-Echo header");
  }

  private static void assertMasked(String secret, String echo) {
    String v = echoHeader(secret, echo);
    assertThat(v).as(echo).doesNotContain(echo).startsWith("before ").endsWith(" after")
        .isNotEqualTo("before " + echo + " after");
  }

  @Test
  void encoderFormsOfEachSpecialCharacterAreMasked() {
    // encodeURIComponent keeps ! ' ( ) * raw and escapes the space: only its form matches.
    for (String c : List.of("!", "'", "(", ")", "*")) {
      String secret = "ab" + c + "cd efgh";
      String echo = "ab" + c + "cd%20efgh";
      assertThat(Echoes.percent(secret, true, false, false)).isNotEqualTo(echo);
      assertMasked(secret, echo);
    }
    // .NET's UrlEncode: lower-case hex, '+' for a space, ! ( ) * raw.
    assertMasked("ab*cd/efgh", "ab*cd%2fefgh");
  }

  @Test
  void aValueWhoseOnlySpecialCharacterIsATildeIsMaskedAsEncodersEscapeIt() {
    // RFC 3986 keeps '~', so every standard form is the raw one; Java's URLEncoder and PHP's
    // urlencode write %7E.
    assertMasked("abcd~efgh42", "abcd%7Eefgh42");
    // .NET's lower-case hex.
    assertMasked("abcd~efgh42", "abcd%7eefgh42");
  }

  @Test
  void xmlTextWithQuotesKeptIsMaskedForAnApostropheOrAQuote() {
    assertMasked("it's <b>bold</b>", "it's &lt;b&gt;bold&lt;/b&gt;");
    assertMasked("say \"a&b\" now", "say \"a&amp;b\" now");
    assertMasked("it's a<b", "it&#39;s a&lt;b");
  }

  @Test
  void dotNetJsonEscapesOfPlusAndBacktickAreMasked() {
    assertMasked("abc+defgh", "abc\\u002Bdefgh");
    assertMasked("abc`defgh", "abc\\u0060defgh");
  }
}
