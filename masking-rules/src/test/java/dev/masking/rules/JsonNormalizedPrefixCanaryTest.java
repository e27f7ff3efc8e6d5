package dev.masking.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.NamePrefixes;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import dev.masking.core.detect.DetectorRule;
import dev.masking.core.io.ReportJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the JSON scanner's judging of member names that do not start with three
 * lower-case letters or digits ({@code id_7}, {@code User-Name}, {@code _secret}) by their first
 * three normalised characters ({@link NamePrefixes#normalizedPrefixes}): the promise itself,
 * checked against the compiled policy's {@code maySelectName} and {@code decide} for random names
 * under random rule sets; and random bodies whose names are spellings of the rule names (case,
 * separators anywhere, also first) and unique names, masked alike with and without the name
 * pre-filter, with no canary under a selected spelling left. Fails when the scanner rules out a
 * name whose first normalised characters are some rule name's (for instance by skipping a space,
 * not folding upper case, or judging past a percent sign).
 */
final class JsonNormalizedPrefixCanaryTest {

  private static final String[] RULE_NAMES = {
    "password", "id1x", "i_d_9", "IDX", "a.b.c", "_secret", "user-name", "Api-Key", "ref.no",
    "zip", "x9", "ab", "P_W", "id", "abc-def", "ssn",
  };

  private static final String SEPARATORS = "_-.";

  /** A spelling of {@code name} that names rules may read as it: case and separators changed. */
  private static String spelling(String name, Random r) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(4) == 0) {
      b.append(SEPARATORS.charAt(r.nextInt(3)));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (SEPARATORS.indexOf(c) >= 0 && r.nextInt(3) == 0) {
        continue; // dropped
      }
      b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
      if (r.nextInt(5) == 0) {
        b.append(SEPARATORS.charAt(r.nextInt(3)));
      }
    }
    return b.toString();
  }

  /** A name no rule is meant to select, most not starting with three plain characters. */
  private static String other(Random r, int n) {
    String[] heads = {"id_", "ID-", "_x_", "Ref_", "a.", "Zz", "Q-q", "_", "i.d.", "Us_", "%69d",
        " id", "id\\u005f", "\u00e9t\u00e9_", "AB_", "p_W"};
    String s = heads[r.nextInt(heads.length)] + n;
    return r.nextInt(8) == 0 ? s + " " : s;
  }

  private static AttackReport report(String body) {
    return AttackReport.of(HttpRequest.builder().method("POST").uri("/").protocol("HTTP/1.1")
        .header("Content-Type", "application/json").body(body.getBytes(UTF_8)).build());
  }

  /** {@code p} without its pre-filter facts: every member name is asked about. */
  private static MaskPolicy unfiltered(MaskPolicy p) {
    return new MaskPolicy() {
      @Override
      public Decision decide(Field field) {
        return p.decide(field);
      }

      @Override
      public boolean selectsAnything() {
        return p.selectsAnything();
      }

      @Override
      public List<DetectorRule> detectors() {
        return p.detectors();
      }

      @Override
      public MaskPolicy bind(AttackReport report) {
        MaskPolicy bound = p.bind(report);
        return bound == p ? this : unfiltered(bound);
      }
    };
  }

  private static String masked(AttackReport r, MaskPolicy p) {
    return new String(ReportJson.write(Rewriter.mask(r, p, MaskingOptions.defaults()), true),
        UTF_8);
  }

  private static RuleSet rules(Random r, List<String> names) {
    StringBuilder b = new StringBuilder("[{\"id\":\"pw\",\"names\":[\"password\"],"
        + "\"action\":\"redact\"}");
    int m = 1 + r.nextInt(4);
    for (int i = 0; i < m; i++) {
      String name = RULE_NAMES[r.nextInt(RULE_NAMES.length)];
      names.add(name);
      b.append(',');
      switch (r.nextInt(3)) {
        case 0 -> b.append("{\"id\":\"n").append(i).append("\",\"names\":[\"").append(name)
            .append("\"],\"action\":\"redact\"}");
        case 1 -> b.append("{\"id\":\"e").append(i).append("\",\"names\":[\"").append(name)
            .append("\"],\"exact\":true,\"action\":\"stars\"}");
        default -> b.append("{\"id\":\"p").append(i)
            .append("\",\"point\":[\"post\",\"json_doc\",\"hash\",\"").append(name)
            .append("\"],\"action\":\"redact\"}");
      }
    }
    return RuleSet.parse(b.append(']').toString(), "canary");
  }

  /** Whether the promise of {@link NamePrefixes#normalizedPrefixes} lets a scanner rule it out. */
  private static boolean ruledOut(long[] bits, String name) {
    byte[] b = name.getBytes(UTF_8);
    if (b.length == 0 || b[b.length - 1] <= ' ') {
      return false;
    }
    int h = 0;
    int k = 0;
    for (byte c : b) {
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      } else if (c == '_' || c == '-' || c == '.') {
        continue;
      } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
      h = 31 * h + c;
      if (++k == 3) {
        int bit = NamePrefixes.index(h);
        return (bits[bit >>> 6] & 1L << bit) == 0;
      }
    }
    return false;
  }

  @Test
  void aNameRuledOutByItsNormalisedPrefixIsOneThePolicyNeverSelects() {
    Random r = new Random(20261122L);
    int ruledOut = 0;
    for (int round = 0; round < 400; round++) {
      List<String> names = new ArrayList<>();
      MaskPolicy p = rules(r, names).policy();
      NamePrefixes np = (NamePrefixes) p;
      assertThat(np.normalizedPrefixes("hash")).isTrue();
      long[] bits = np.namePrefixBits("hash");
      for (int i = 0; i < 60; i++) {
        String name = r.nextBoolean() ? spelling(names.get(r.nextInt(names.size())), r)
            : other(r, r.nextInt(1000));
        if (!ruledOut(bits, name)) {
          continue;
        }
        ruledOut++;
        byte[] b = name.getBytes(UTF_8);
        assertThat(p.maySelectName("hash", b, 0, b.length)).as(name).isFalse();
        assertThat(p.decide(field(name))).as(name).isNull();
      }
    }
    assertThat(ruledOut).isGreaterThan(5000);
  }

  private static Field field(String name) {
    Step[] steps = {Step.of("post"), Step.of("json_doc"), Step.named("hash", name)};
    return new Field() {
      @Override
      public int depth() {
        return steps.length;
      }

      @Override
      public Step step(int i) {
        return steps[i];
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public Point point() {
        return Point.of(steps);
      }
    };
  }

  @Test
  void bodiesOfSpelledAndUniqueNamesMaskAlikeWithoutThePreFilterAndNoCanarySurvives() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      Random r = new Random(7077L);
      for (int round = 0; round < 300; round++) {
        List<String> names = new ArrayList<>();
        MaskPolicy p = rules(r, names).policy();
        StringBuilder body = new StringBuilder("{\"items\":[");
        List<String> mustGo = new ArrayList<>();
        int members = 5 + r.nextInt(30);
        for (int i = 0; i < members; i++) {
          if (i > 0) {
            body.append(i % 7 == 0 ? "},{" : ",");
          } else {
            body.append('{');
          }
          String canary = "Cnry" + round + "x" + i + "q";
          String name;
          if (r.nextInt(3) == 0) {
            name = "password";
            mustGo.add(canary);
          } else if (r.nextBoolean()) {
            name = spelling(names.get(r.nextInt(names.size())), r);
          } else {
            name = other(r, i);
          }
          body.append('"').append(name).append("\":\"").append(canary).append('"');
        }
        body.append("}]}");
        String text = body.toString();
        AttackReport rep = report(text);
        String fast = masked(rep, p);
        String slow = masked(rep, unfiltered(p));
        assertThat(fast).as("body %s", text).isEqualTo(slow);
        for (String c : mustGo) {
          assertThat(fast).as("body %s", text).doesNotContain(c);
        }
      }
    } finally {
      Locale.setDefault(saved);
    }
  }
}
