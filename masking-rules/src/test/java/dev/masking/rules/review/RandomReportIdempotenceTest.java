package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * P6 on whole random reports: {@code mask(mask(x)) == mask(x)} under the options that stress it,
 * {@code residualMinLength(1)} (every masked value hunted, however short) and {@code
 * maxWorkBytes(3000)} (the budget spent in the middle of a report). A report is one of the
 * hostile scanners' requests ({@link HostileScannersReviewTest.Gen}) or one of the evidence
 * property's JSON and XML bodies ({@link EvidencePropertyTest}), with short selected values and
 * echoes of its secret (raw, base64, percent-encoded) added in the query, headers, attack payloads
 * (windows cut from the body too) and a carried-through member. {@code -Dreview.rounds} and
 * {@code -Dreview.seed} for longer runs; {@link #main} prints counts and the first differences.
 */
final class RandomReportIdempotenceTest {

  private static final int ROUNDS = Integer.getInteger("review.rounds", 500);
  private static final long SEED = Long.getLong("review.seed", 6000000L);
  private static final RuleSet DEFAULT = RuleSet.preset("default");
  private static final RuleSet DEFAULT_PII = RuleSet.builder().include(RuleSet.preset("default"))
      .include(RuleSet.preset("pii")).build();
  private static final String[] SHORT = {"a", "ab", "7", "12", "x1", "abc", "%", "+", "*", "-",
      "1", "e", "0"};
  private static final String[] SHAPES = {"4111111111111111", "john@example.com",
      "AKIAIOSFODNN7EXAMPLE", "' OR 1=1--", "<script>alert(1)</script>", "***", "[REDACTED]"};

  /** One random report from {@code seed}. */
  static AttackReport report(long seed) {
    HostileScannersReviewTest.Gen g = new HostileScannersReviewTest.Gen(seed);
    Random r = g.r;
    HttpRequest req = switch (r.nextInt(9)) {
      case 0 -> g.multipart();
      case 1 -> g.xml();
      case 2 -> g.headers();
      case 3 -> g.form();
      case 4 -> g.wire();
      case 5 -> body("application/json", EvidencePropertyTest.json(r, 0));
      case 6 -> body("text/xml", EvidencePropertyTest.xml(r));
      case 7 -> body("application/json", "{\"password\":\"" + g.secret + "\", 'a': "
          + EvidencePropertyTest.json(r, 1) + ", \"n\": NaN, \"pin\": \""
          + g.pick(SHORT) + "\",}");
      default -> body("application/x-www-form-urlencoded", "user=bob&password="
          + g.pick(SHORT) + "&note=" + g.pick(SHAPES) + "&token=" + g.secret);
    };
    String secret = g.secret;
    String shortValue = g.pick(SHORT);
    String[] echoes = {secret, Base64.getEncoder().encodeToString(secret.getBytes(UTF_8)),
        "%" + String.format("%02X", (int) secret.charAt(0)) + secret.substring(1), shortValue,
        g.pick(SHAPES), "x" + shortValue + "y"};
    HttpRequest.Builder b = req.toBuilder();
    StringBuilder uri = new StringBuilder(req.uri());
    for (int i = r.nextInt(4); i > 0; i--) {
      uri.append(uri.indexOf("?") < 0 ? '?' : '&');
      String v = switch (r.nextInt(3)) {
        case 0 -> shortValue;
        case 1 -> g.pick(echoes);
        default -> g.pick(SHAPES);
      };
      uri.append(g.pick("password", "pin", "q", "id", "token", "x"))
          .append('=').append(URLEncoder.encode(v, UTF_8));
    }
    b.uri(uri.toString());
    if (r.nextBoolean()) {
      b.header("X-Echo", g.pick(echoes));
    }
    if (r.nextInt(3) == 0) {
      b.header("Cookie", "theme=dark; session=" + g.pick(SHORT) + "; pin=" + shortValue);
    }
    if (r.nextInt(3) == 0) {
      b.header("User-Agent", "Mozilla/5.0 " + g.pick(echoes) + " " + g.pick(SHAPES));
    }
    if (r.nextInt(4) == 0) {
      b.header("X-Api-Key", g.pick(echoes));
    }
    if (r.nextBoolean()) {
      // padding that brings the report near maxWorkBytes(3000): the budget runs out in
      // different parts of different reports
      String pad = "p".repeat(r.nextInt(3200));
      switch (r.nextInt(3)) {
        case 0 -> b.header("X-Pad", pad);
        case 1 -> b.uri(uri + (uri.indexOf("?") < 0 ? "?" : "&") + "pad=" + pad);
        default -> b.header("Referer", "https://a.example/" + pad + "?q=" + g.pick(echoes));
      }
    }
    HttpRequest built = b.build();
    String body = new String(built.bodyUnsafe(), UTF_8);
    List<Attack> attacks = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      switch (r.nextInt(4)) {
        case 0 -> {
          if (!body.isEmpty()) {
            int from = r.nextInt(body.length());
            attacks.add(Attack.of("xss", Point.of(Step.of("post")),
                body.substring(from, Math.min(body.length(), from + 1 + r.nextInt(60)))));
          } else {
            attacks.add(Attack.of("xss", Point.of(Step.of("post")), g.pick(SHAPES)));
          }
        }
        case 1 -> attacks.add(Attack.of("sqli", Point.of(Step.named("get", "q")),
            "q " + g.pick(echoes) + " " + g.pick(SHAPES)));
        case 2 -> attacks.add(Attack.of("sqli", Point.of(Step.named("header", "X-ECHO")),
            g.pick(echoes)));
        default -> attacks.add(Attack.of("scanner", null, g.pick(echoes) + " " + shortValue));
      }
    }
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    if (r.nextInt(4) == 0) {
      extra.put("comment", JsonNodeFactory.instance.textNode("seen " + g.pick(echoes)));
    }
    return new AttackReport("r-" + seed, null, built, attacks, extra);
  }

  private static HttpRequest body(String contentType, String body) {
    return HttpRequest.builder().method("POST").uri("/p").header("Host", "h")
        .header("Content-Type", contentType).body(body).build();
  }

  /** The seeds whose report a second masking changes, of {@code rounds} from {@code seed}. */
  static List<String> differences(Masker masker, long seed, int rounds, int show) {
    List<String> out = new ArrayList<>();
    int count = 0;
    for (int i = 0; i < rounds; i++) {
      long s = seed + i;
      AttackReport report = report(s);
      MaskedReport once = masker.mask(report);
      MaskedReport twice = masker.mask(once.report());
      String a = new String(ReportJson.write(once.report()), UTF_8);
      String b = new String(ReportJson.write(twice.report()), UTF_8);
      if (!a.equals(b)) {
        count++;
        if (show < 0) {
          out.add("part " + part(once.report(), twice.report()));
          continue;
        }
        if (out.size() < show) {
          int k = 0;
          while (k < a.length() && k < b.length() && a.charAt(k) == b.charAt(k)) {
            k++;
          }
          int from = Math.max(0, k - 70);
          out.add("seed " + s + "\n  once:  " + a.substring(from, Math.min(a.length(), k + 70))
              + "\n  twice: " + b.substring(from, Math.min(b.length(), k + 70)));
        }
      }
    }
    if (show < 0) {
      Map<String, Integer> byPart = new java.util.TreeMap<>();
      for (String k : out) {
        byPart.merge(k, 1, Integer::sum);
      }
      out.clear();
      byPart.forEach((k, v) -> out.add(k + ": " + v));
    }
    out.add(0, count + " of " + rounds);
    return out;
  }

  /** Which part a second masking changed, and how (for counting causes). */
  static String part(AttackReport a, AttackReport b) {
    HttpRequest x = a.request();
    HttpRequest y = b.request();
    if (!java.util.Arrays.equals(x.bodyUnsafe(), y.bodyUnsafe())) {
      return new String(y.bodyUnsafe(), UTF_8).equals("***") ? "body-whole" : "body-edit";
    }
    if (!x.headers().equals(y.headers())) {
      return "header";
    }
    if (!x.uri().equals(y.uri())) {
      return "uri";
    }
    if (!a.attacks().equals(b.attacks())) {
      return "payload";
    }
    return "other";
  }

  static Masker masker(boolean pii, MaskingOptions o) {
    return Masker.of(pii ? DEFAULT_PII : DEFAULT, o);
  }

  /** {@code java ... RandomReportIdempotenceTest min1|budget|defaults SEED ROUNDS SHOW [pii]}. */
  public static void main(String[] args) {
    MaskingOptions o = switch (args[0]) {
      case "min1" -> MaskingOptions.builder().residualMinLength(1).build();
      case "budget" -> MaskingOptions.builder().maxWorkBytes(3000).build();
      default -> MaskingOptions.defaults();
    };
    List<String> d = differences(masker(args.length > 4, o), Long.parseLong(args[1]),
        Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    for (String s : d) {
      System.out.println(s);
    }
  }

  @Test
  void defaultsAreIdempotent() {
    List<String> d = differences(masker(false, MaskingOptions.defaults()), SEED, ROUNDS, 5);
    assertThat(d).as(String.join("\n", d)).hasSize(1);
  }

  @Test
  void aSpentWorkBudgetMasksIdempotently() {
    // Before the fixes: 26 of 3,000 reports (seeds 6000000..6002999) changed on a second masking
    // (an echo's or the budget's mask in Content-Encoding, Transfer-Encoding or Content-Type, a
    // body masked whole inside its chunks); none of 9,000 since.
    MaskingOptions o = MaskingOptions.builder().maxWorkBytes(3000).build();
    List<String> d = differences(masker(false, o), SEED, ROUNDS, 5);
    assertThat(d).as(String.join("\n", d)).hasSize(1);
  }

  @Test
  void everyValueHuntedMasksIdempotentlyButForTheKnownLimits() {
    // residualMinLength(1): before the fixes 223 of 3,000 (7%: payload pieces of a mask masked
    // again, framing headers and compressed bytes hit by one-character echoes, a cookie '+'
    // hunted as a space); after, 0 of 3,000 from this seed and 10 of 9,000 from seeds 7000000,
    // 8000000 and 9000000 (with pii): payload windows cut from the body (4), a hunted '-' or
    // digit inside what a keep action or a scheme word keeps (4), a hunted digit inside a
    // multipart part's encoded name (2); see the README's Known limits. At most 1 in 500 here.
    MaskingOptions o = MaskingOptions.builder().residualMinLength(1).build();
    List<String> d = differences(masker(false, o), SEED, ROUNDS, 5);
    assertThat(Integer.parseInt(d.get(0).substring(0, d.get(0).indexOf(' '))))
        .as(String.join("\n", d)).isLessThanOrEqualTo(ROUNDS / 500);
  }
}
