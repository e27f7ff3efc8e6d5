package dev.masking.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import dev.masking.core.detect.DetectorRule;
import dev.masking.core.io.ReportJson;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the JSON scanner's inline pre-filters: member names answered by the policy's name
 * prefix set without a call, array elements not asked about when no rule selects an indexed step,
 * and the next member or element entered without the AFTER state. Every spelling of a selected
 * name still has its value masked, every array element a rule selects still goes, and the output
 * equals, byte for byte and note for note, the output of the same rules behind a policy that offers
 * no pre-filter (every name and element asked about). Checked to fail with every name probed
 * absent and with array elements never asked about.
 */
final class JsonPrefixProbeCanaryTest {

  private static final String RULES = "["
      + "{\"id\":\"n\",\"names\":[\"password\",\"api_key\"],\"action\":\"redact\"},"
      + "{\"id\":\"e\",\"names\":[\"cvv\"],\"exact\":true,\"action\":\"redact\"},"
      + "{\"id\":\"k\",\"point\":[\"post\",\"json_doc\",\"hash\",\"user\",\"hash\",\"pin\"],"
      + "\"action\":\"redact\"}]";

  /** Spellings the rules select, as JSON string content. */
  private static final String[] SELECTED = {
    "password", "PASSWORD", "pass_word", "Pass-Word", "pas\\u0073word", "\\u0070assword",
    "pass word", "api_key", "apiKey", "API-KEY", "api.key", "cvv", "CVV", "Cvv", "%70assword",
    " password", "password\\u0000", "_password", "p_assword", "pa_ssword",
  };

  /** Names sharing a prefix with a selected one, or none, that the rules do not select. */
  private static final String[] KEPT = {
    "pasta", "passwordx", "xpassword", "apx", "api", "cvw", "cv", "pa", "p", "", "pin",
    "passwor", "api_keys", "zzz", "1234", "abc", "user_name",
  };

  private static String body(List<String> mustGo) {
    StringBuilder b = new StringBuilder("{\"items\":[");
    int n = 0;
    for (int i = 0; i < SELECTED.length; i++) {
      String c = "Cnry" + (n++) + "q";
      mustGo.add(c);
      b.append(i == 0 ? "" : ",").append("{\"").append(SELECTED[i]).append("\":\"").append(c)
          .append("\",");
      b.append('"').append(KEPT[i % KEPT.length]).append("\":\"keep").append(i).append("\"}");
    }
    b.append("],\"user\":{\"pin\":\"Cnry").append(n).append("q\",\"pins\":\"keepPin\"}");
    mustGo.add("Cnry" + n + "q");
    for (String k : KEPT) {
      b.append(",\"").append(k).append("\" : [1, \"keep-").append(k).append("\", {\"a\":2}]");
    }
    return b.append(",\"last\":\"keepLast\"}").toString();
  }

  private static AttackReport report(String body) {
    return AttackReport.of(HttpRequest.builder().method("POST").uri("/").protocol("HTTP/1.1")
        .header("Content-Type", "application/json").body(body.getBytes(UTF_8)).build());
  }

  private static String masked(AttackReport r, MaskPolicy p) {
    return new String(ReportJson.write(Rewriter.mask(r, p, MaskingOptions.defaults()), true),
        UTF_8);
  }

  /** {@code p} without any pre-filter: every name and element is asked about. */
  private static MaskPolicy unfiltered(MaskPolicy p) {
    return new MaskPolicy() {
      @Override
      public Decision decide(Field field) {
        return p.decide(field);
      }

      @Override
      public List<DetectorRule> detectors() {
        return p.detectors();
      }
    };
  }

  private static void assertGone(String out, List<String> mustGo) {
    for (String c : mustGo) {
      assertThat(out).doesNotContain(c);
      assertThat(out).doesNotContain(URLEncoder.encode(c, UTF_8));
      assertThat(out).doesNotContain("C\\u006ery");
    }
  }

  @Test
  void everySpellingOfASelectedNameIsMaskedAndTheRestKeptWithTheProbeAsWithout() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      MaskPolicy p = RuleSet.parse(RULES, "t").policy();
      List<String> mustGo = new ArrayList<>();
      String body = body(mustGo);
      AttackReport r = report(body);
      String fast = masked(r, p);
      assertThat(fast).isEqualTo(masked(r, unfiltered(p)));
      assertGone(fast, mustGo);
      String out = new String(Rewriter.mask(r, p, MaskingOptions.defaults()).report().request()
          .body(), UTF_8);
      assertGone(out, mustGo);
      for (int i = 0; i < SELECTED.length; i++) {
        assertThat(out).contains("\"keep" + i + "\"");
      }
      for (String k : KEPT) {
        assertThat(out).contains("\"" + k + "\" : [1, \"keep-" + k + "\", {\"a\":2}]");
      }
      assertThat(out).contains("\"pins\":\"keepPin\"").endsWith(",\"last\":\"keepLast\"}");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void arrayElementsSelectedByIndexOrWildcardAreMaskedWithTheFilterAsWithout() {
    String body = "{\"a\":[\"keepA0\",\"Cnry1q\",{\"x\":\"keepA2\"}],"
        + "\"b\":[\"Cnry2q\",3,{\"y\":\"Cnry3q\"},[\"Cnry4q\"]],\"c\":[\"keepC0\"]}";
    String[] rules = {
      "[{\"id\":\"i\",\"point\":[\"post\",\"json_doc\",\"hash\",\"a\",\"array\",1],"
          + "\"action\":\"redact\"},{\"id\":\"w\",\"point\":[\"post\",\"json_doc\",\"hash\","
          + "\"b\",\"array_all\"],\"action\":\"redact\"}]",
    };
    for (String rule : rules) {
      MaskPolicy p = RuleSet.parse(rule, "t").policy();
      AttackReport r = report(body);
      String fast = masked(r, p);
      assertThat(fast).isEqualTo(masked(r, unfiltered(p)));
      assertGone(fast, List.of("Cnry1q", "Cnry2q", "Cnry3q", "Cnry4q"));
      assertThat(fast).contains("keepA0", "keepA2", "keepC0");
    }
  }
}
