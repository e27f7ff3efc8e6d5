package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.net.URLEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JSON body whose strict scan rewrote part of a string (a form inside it, {@code password=***})
 * and then stopped at invalid JSON (a single-quoted string) is scanned leniently from after that
 * string, not from inside it where the rewrite stopped: otherwise the string's closing quote paired
 * as an opening one, and the text up to the next double quote (a single-quoted form holding a
 * password) was read as one string whose form named {@code 'password}, which no rule selects.
 */
final class LenientArrayAfterRewriteReviewTest {

  private static final String S0 = "cnryLarA0v";
  private static final String S1 = "cnryLarB1v";

  private static MaskedReport mask(Masker m, String body) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").header("Host", "h")
        .header("Content-Type", "application/json").body(body).build();
    return m.mask(new AttackReport("r", null, req, List.of(), Map.of()));
  }

  private static String body(MaskedReport r) {
    return new String(r.report().request().body(), UTF_8);
  }

  @Test
  void aSingleQuotedFormAfterAPartlyRewrittenStringHasItsPasswordMasked() {
    Masker masker = Masker.of(RuleSet.preset("default"));
    String[][] cases = {
      {"{\"a\":1, \"n\":[\"q=%2B&password=" + S1 + "&note=!\",'password=" + S0
          + "&token=abc&token=a',{\"x\":1}]}",
        "{\"a\":1, \"n\":[\"q=%2B&password=***&note=!\",'password=***"
          + "&token=***&token=***',{\"x\":1}]}"},
      {"{\"a\":1, \"n\":[\"password=" + S1 + "\",'x=1&password=" + S0 + "&token=abc',"
          + "{\"x\":1},]}",
        "{\"a\":1, \"n\":[\"password=***\",'x=1&password=***&token=***',{\"x\":1},]}"},
    };
    for (String[] c : cases) {
      MaskedReport once = mask(masker, c[0]);
      String out = body(once);
      for (String s : new String[] {S0, S1}) {
        assertThat(out).as(c[1]).doesNotContain(s)
            .doesNotContain(URLEncoder.encode(s, UTF_8)).doesNotContain(s.replace("v", "\\u0076"));
      }
      assertThat(out).isEqualTo(c[1]);
      assertThat(body(masker.mask(once.report()))).as(c[1]).isEqualTo(out);
    }
  }
}
