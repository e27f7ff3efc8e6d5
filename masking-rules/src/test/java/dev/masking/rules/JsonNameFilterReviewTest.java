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
import dev.masking.core.internal.MaskRun;
import dev.masking.core.io.ReportJson;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of the JSON body's fast paths against the rules' name pre-filter: random
 * rule sets (names rules, exact names rules, point rules on member keys, short and long names,
 * names with separators and non-ASCII characters) and random JSON bodies whose member names are
 * other spellings of the rule names (case, separators, JSON escapes at every position, percent,
 * NUL, blanks, non-ASCII look-alikes such as the Kelvin sign and dotless i), in UTF-8, UTF-16 and
 * UTF-32, with values that are nested layers (base64, percent, escaped JSON) under names no rule
 * selects. The output with the pre-filter and pre-checks must equal, byte for byte and note for
 * note, the output with both off; and no canary under a spelling of {@code password} survives.
 */
final class JsonNameFilterReviewTest {

  private static final String[] PIECES = {
    "password", "pw", "p", "api_key", "apiKey", "token", "x", "ab", "abc", "abcd", "pas", "pass",
    "_", "-", ".", " ", "K", "k", "\u212A", "\u0131", "I", "i", "s", "\u017F", "\u00e9",
    "secret", "SSN", "id", "a.b", "Pass-Word", "pass word", "user", "",
  };

  private static final int ROUNDS = Integer.getInteger("review.rounds", 1500);

  private static final List<String> NAMES_POOL = new ArrayList<>();

  static {
    for (String p : PIECES) {
      NAMES_POOL.add(p);
    }
    NAMES_POOL.add("a".repeat(70) + "password");
    NAMES_POOL.add("passwordpasswordpasswordpasswordpasswordpasswordpasswordpasswordpassword");
  }

  private static String ruleName(Random r) {
    String s = NAMES_POOL.get(r.nextInt(NAMES_POOL.size()));
    if (r.nextInt(4) == 0) {
      s = s + NAMES_POOL.get(r.nextInt(NAMES_POOL.size()));
    }
    return s.isEmpty() ? "q" : s;
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Another spelling of {@code name}, as the content of a JSON string (escapes allowed). */
  private static String spelling(String name, Random r) {
    String s = name;
    switch (r.nextInt(9)) {
      case 0 -> s = s.toUpperCase(Locale.ROOT);
      case 1 -> s = s.replace("_", "").replace("-", "").replace(".", "");
      case 2 -> {
        if (!s.isEmpty()) {
          int at = r.nextInt(s.length() + 1);
          s = s.substring(0, at) + "_-. ".charAt(r.nextInt(4)) + s.substring(at);
        }
      }
      case 3 -> s = s.replace('i', '\u0131').replace('k', '\u212A').replace('s', '\u017F');
      case 4 -> s = r.nextBoolean() ? " " + s : s + "\u0000";
      case 5 -> {
        if (!s.isEmpty()) {
          int at = r.nextInt(s.length());
          s = s.substring(0, at) + "%" + String.format(Locale.ROOT, "%02x", (int) s.charAt(at))
              + s.substring(at + 1);
        }
      }
      case 6 -> {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
          b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        s = b.toString();
      }
      default -> { }
    }
    String text = jsonString(s);
    if (r.nextInt(3) == 0 && !s.isEmpty()) {
      // One character as a backslash-u escape, at any position (also in the first three).
      int at = r.nextInt(s.length());
      text = jsonString(s.substring(0, at))
          + String.format(Locale.ROOT, r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) s.charAt(at))
          + jsonString(s.substring(at + 1));
    }
    return text;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  private static final class Doc {
    final StringBuilder text = new StringBuilder();
    final List<String> mustGo = new ArrayList<>();
    int n;
  }

  private static void value(Doc d, Random r, List<String> names, int depth, boolean pwName) {
    String canary = "Cnry" + (d.n++) + "q";
    if (pwName) {
      d.mustGo.add(canary);
    }
    int k = r.nextInt(depth >= 3 ? 9 : 11);
    String inner = "{\"" + spelling(names.get(r.nextInt(names.size())), r) + "\":\"" + canary
        + "\"}";
    switch (k) {
      case 0 -> d.text.append('"').append(canary).append('"');
      case 1 -> d.text.append("12345678901234567890.5e3");
      case 2 -> d.text.append(r.nextBoolean() ? "true" : "null");
      case 3 -> d.text.append('"').append("p".repeat(r.nextInt(9))).append(b64(inner)).append('"');
      case 4 -> d.text.append('"').append(b64(inner)).append('"');
      case 5 -> d.text.append('"').append(jsonString(inner)).append('"');
      case 6 -> d.text.append('"').append(java.net.URLEncoder.encode(inner, UTF_8)).append('"');
      case 7 -> d.text.append('"').append("a=1&").append(spelling("password", r)).append('=')
          .append(canary).append('"');
      case 8 -> d.text.append("-").append(r.nextInt(1_000_000));
      case 9 -> object(d, r, names, depth + 1, pwName);
      default -> {
        d.text.append('[');
        int m = r.nextInt(3);
        for (int i = 0; i < m; i++) {
          if (i > 0) {
            d.text.append(',');
          }
          value(d, r, names, depth + 1, pwName);
        }
        d.text.append(']');
      }
    }
  }

  private static void object(Doc d, Random r, List<String> names, int depth, boolean pwName) {
    d.text.append('{');
    int m = 1 + r.nextInt(5);
    for (int i = 0; i < m; i++) {
      if (i > 0) {
        d.text.append(r.nextBoolean() ? "," : " ,\n ");
      }
      boolean pw = r.nextInt(6) == 0;
      String name = pw ? "password" : names.get(r.nextInt(names.size()));
      String sp = pw ? pwSpelling(r) : spelling(name, r);
      d.text.append('"').append(sp).append("\":");
      value(d, r, names, depth, pwName || pw);
    }
    d.text.append('}');
  }

  /** Spellings of password that the names rule must select. */
  private static String pwSpelling(Random r) {
    String[] s = {"password", "PASSWORD", "Pass_Word", "pass-word", "pass.word", "PassWord",
        "pass word", "pass\\u0077ord", "\\u0070assword", "pa\\u0073sword", "pas\\u0073word",
        "%70assword", "pass%2577ord", " password", "password\\u0000", "_password_",
        "p-a-s-s-w-o-r-d", "PASS\\u005fWORD"};
    return s[r.nextInt(s.length)];
  }

  private static AttackReport report(byte[] body) {
    return AttackReport.of(HttpRequest.builder().method("POST").uri("/").protocol("HTTP/1.1")
        .header("Content-Type", "application/json").body(body).build());
  }

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

  private static void setPrecheck(boolean on) throws ReflectiveOperationException {
    java.lang.reflect.Field f = MaskRun.class.getDeclaredField("precheck");
    f.setAccessible(true);
    f.setBoolean(null, on);
  }

  private static String masked(AttackReport r, MaskPolicy p, MaskingOptions o) {
    return new String(ReportJson.write(Rewriter.mask(r, p, o), true), UTF_8);
  }

  private static String rules(Random r, List<String> names) {
    StringBuilder b = new StringBuilder("[{\"id\":\"pw\",\"names\":[\"password\"],"
        + "\"action\":\"redact\"}");
    int m = 1 + r.nextInt(4);
    for (int i = 0; i < m; i++) {
      String name = ruleName(r);
      names.add(name);
      String q = jsonString(name);
      switch (r.nextInt(4)) {
        case 0 -> b.append(",{\"id\":\"n").append(i).append("\",\"names\":[\"").append(q)
            .append("\"],\"action\":\"redact\"}");
        case 1 -> b.append(",{\"id\":\"e").append(i).append("\",\"names\":[\"").append(q)
            .append("\"],\"exact\":true,\"action\":\"stars\"}");
        case 2 -> b.append(",{\"id\":\"p").append(i)
            .append("\",\"point\":[\"post\",\"json_doc\",\"hash\",\"").append(q)
            .append("\"],\"action\":\"redact\"}");
        default -> b.append(",{\"id\":\"d").append(i)
            .append("\",\"point\":[\"post\",\"json_doc\",\"hash\",\"user\",\"hash\",\"")
            .append(q).append("\"],\"action\":\"redact\"}");
      }
    }
    names.add("user");
    names.add("zz");
    return b.append(']').toString();
  }

  @Test
  void randomNamesAndBodiesMaskAlikeWithAndWithoutTheFastPathsAndNoPasswordSurvives()
      throws Exception {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    Random seeds = new Random(Long.getLong("review.seed", 20261121L));
    int compared = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        long seed = seeds.nextLong();
        Random r = new Random(seed);
        List<String> names = new ArrayList<>();
        RuleSet set;
        try {
          set = RuleSet.parse(rules(r, names), "review");
          if (round % 3 == 0) {
            set = RuleSet.builder().include(set).include(RuleSet.preset("default")).build();
          }
        } catch (RuntimeException invalid) {
          continue; // a name the rule file rejects
        }
        MaskPolicy p = set.policy();
        Doc d = new Doc();
        if (r.nextBoolean()) {
          object(d, r, names, 0, false);
        } else {
          d.text.append('[');
          object(d, r, names, 0, false);
          d.text.append(",\"pad").append("x".repeat(r.nextInt(8))).append("\",");
          object(d, r, names, 0, false);
          d.text.append(']');
        }
        Charset cs = switch (r.nextInt(6)) {
          case 0 -> StandardCharsets.UTF_16LE;
          case 1 -> StandardCharsets.UTF_16BE;
          case 2 -> Charset.forName("UTF-32LE");
          default -> UTF_8;
        };
        String body = d.text.toString();
        MaskingOptions o = MaskingOptions.defaults();
        boolean broken = false;
        if (r.nextInt(4) == 0) {
          // Invalid, too deep or too many fields: the lenient scan takes over part way.
          switch (r.nextInt(3)) {
            case 0 -> {
              body = body.substring(0, r.nextInt(body.length())) + "'x\\";
              broken = true; // a canary may be cut in two
            }
            case 1 -> o = MaskingOptions.builder().maxJsonDepth(1 + r.nextInt(3)).build();
            default -> o = MaskingOptions.builder().maxFields(1 + r.nextInt(6)).build();
          }
        }
        AttackReport rep = report(body.getBytes(cs));
        String fast = masked(rep, p, o);
        String slow;
        setPrecheck(false);
        try {
          slow = masked(rep, unfiltered(p), o);
        } finally {
          setPrecheck(true);
        }
        assertThat(fast).as("seed %d charset %s body %s", seed, cs, d.text).isEqualTo(slow);
        String decoded = new String(Rewriter.mask(rep, p, o).report().request().body(), cs);
        for (String c : broken ? List.<String>of() : d.mustGo) {
          assertThat(decoded).as("seed %d body %s", seed, d.text).doesNotContain(c);
          assertThat(fast).as("seed %d", seed).doesNotContain(c);
        }
        compared++;
      }
    } finally {
      Locale.setDefault(saved);
    }
    assertThat(compared).isGreaterThan(1000);
  }

  @Test
  void cardNumbersAsJsonNumbersUnderUnselectableNamesAreFoundAtEveryAlignment()
      throws Exception {
    RuleSet set = RuleSet.parse("[{\"id\":\"pw\",\"names\":[\"password\"],\"action\":"
        + "\"redact\"},{\"id\":\"c\",\"detect\":\"card\",\"action\":\"redact\"}]", "c");
    MaskPolicy p = set.policy();
    String[] cards = {"4111111111111111", "5500005555555559", "4012888888881881",
        "378282246310005"};
    int masked = 0;
    for (int pad = 0; pad < 17; pad++) {
      for (String card : cards) {
        for (String number : new String[] {card, "-" + card, card + ".0", "-" + card + ".25"}) {
          String body = "{\"" + "n".repeat(pad + 1) + "\":" + number + ",\"a\":[" + "1,".repeat(pad)
              + number + "],\"z\":{\"qq\":" + number + "}}";
          AttackReport rep = report(body.getBytes(UTF_8));
          String fast = masked(rep, p, MaskingOptions.defaults());
          String slow;
          setPrecheck(false);
          try {
            slow = masked(rep, unfiltered(p), MaskingOptions.defaults());
          } finally {
            setPrecheck(true);
          }
          assertThat(fast).as(body).isEqualTo(slow);
          assertThat(fast).as(body).doesNotContain(card);
          masked++;
        }
      }
    }
    assertThat(masked).isGreaterThan(17 * 4);
  }

  /** Unescapes the JSON string content made by {@link #spelling}. */
  private static String unescape(String text) {
    return decodeJson("\"" + text + "\"");
  }

  private static String decodeJson(String quoted) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(quoted, String.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("bad test string");
    }
  }

  @Test
  void theFilterSaysYesWheneverDecideSelectsForRandomRulesAndSpellings() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    Random seeds = new Random(Long.getLong("review.seed", 20261121L) + 1);
    int selected = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        long seed = seeds.nextLong();
        Random r = new Random(seed);
        List<String> names = new ArrayList<>();
        MaskPolicy p;
        try {
          p = RuleSet.parse(rules(r, names), "review").policy();
        } catch (RuntimeException invalid) {
          continue;
        }
        for (int k = 0; k < 20; k++) {
          String name = unescape(r.nextInt(5) == 0 ? pwSpelling(r)
              : spelling(names.get(r.nextInt(names.size())), r));
          byte[] b = name.getBytes(UTF_8);
          boolean may = p.maySelectName("hash", b, 0, b.length);
          for (List<dev.masking.core.Step> steps : List.of(
              List.of(dev.masking.core.Step.of("post"), dev.masking.core.Step.of("json_doc"),
                  dev.masking.core.Step.named("hash", name)),
              List.of(dev.masking.core.Step.of("post"), dev.masking.core.Step.of("json_doc"),
                  dev.masking.core.Step.named("hash", "user"),
                  dev.masking.core.Step.named("hash", name)))) {
            if (p.decide(new TestField(steps, name)) != null) {
              selected++;
              assertThat(may).as("seed %d name %s", seed, name).isTrue();
            }
          }
        }
      }
    } finally {
      Locale.setDefault(saved);
    }
    assertThat(selected).isGreaterThan(1000);
  }
}
