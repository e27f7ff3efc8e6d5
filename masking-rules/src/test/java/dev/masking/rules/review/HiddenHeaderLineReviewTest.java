package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A header value that holds a line break a server reads as the end of the line carries header
 * lines of its own: a report from a reader that splits header lines at CRLF only keeps {@code
 * X-Note: a<LF>Authorization: Bearer x} as one value, while nginx, Go, Node and Apache end the
 * line at the bare LF and pass an Authorization header on. Only a bare CR (Python's split) was
 * read that way; a bare LF, or a CRLF with no space or tab after it, hid the line.
 */
final class HiddenHeaderLineReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));
  private static final String SECRET = "Qh7rThiddenLineZ9";

  private static String masked(String value) {
    HttpRequest req = HttpRequest.builder().method("GET").uri("/").header("Host", "h.example")
        .header("X-Note", value).build();
    MaskedReport m = DEFAULT.mask(new AttackReport("r-1", null, req, List.of(), Map.of()));
    StringBuilder sb = new StringBuilder();
    for (Header h : m.report().request().headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    assertThat(DEFAULT.mask(m.report()).report()).isEqualTo(m.report());
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\n\r", "\r\n\n"})
  void aHeaderLineAfterALineBreakIsMasked(String lineBreak) {
    for (String line : List.of("Authorization: Bearer " + SECRET, "Cookie: a=1; session=" + SECRET,
        "X-Api-Key:" + SECRET, "x-auth-token:\t" + SECRET)) {
      String out = masked("a" + lineBreak + line + lineBreak + "X-Other: b");
      assertThat(out).as(line).doesNotContain(SECRET)
          .contains("X-Note: a" + lineBreak)
          .contains(lineBreak + "X-Other: b\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n ", "\r\n\t", "\n "})
  void aFoldedLineStaysPartOfTheValue(String fold) {
    String value = "a" + fold + "Authorization: Bearer " + SECRET;
    assertThat(masked(value)).contains("X-Note: " + value + "\n");
  }
}
