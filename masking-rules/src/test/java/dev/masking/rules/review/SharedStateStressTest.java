package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several maskers with different rule sets (names, points, detectors, conditions that bind
 * different views per endpoint, hmac and keep actions, tight limits) shared by several threads,
 * each thread masking reports of every body format in its own interleaving: every output,
 * notes included, must equal the single-threaded one. This exercises the state shared across
 * calls and policies: the compiled policy's per-parser facts and last-used cache, the bound view
 * cache, the detector template, the per-thread XML name cache and residual pair table.
 */
final class SharedStateStressTest {

  private static final String CONDITIONED = """
      {"include": ["default"], "rules": [
        {"id": "c-pin-login", "names": ["pin"], "when": {"host": "h1.example", "path": "/login"}},
        {"id": "c-code-api", "names": ["code"], "action": {"type": "keep_last", "count": 2},
         "when": {"path": "/api/**/x.php", "method": "POST"}},
        {"id": "c-note-h2", "names": ["note"], "action": "hmac", "when": {"host": "h2.example"}},
        {"id": "c-q", "point": ["get", "q"], "action": "stars", "when": {"query": {"v": "1"}}},
        {"id": "c-xml", "point": [["post"], ["xml"], ["xml_tag", "r"], ["xml_tag", "user"]],
         "when": {"path": "/api/**"}},
        {"id": "c-arr", "point": [["post"], ["json_doc"], ["hash", "list"], ["array", 1]],
         "action": "remove", "when": {"method": ["POST", "PUT"]}}
      ]}
      """;

  private static final String POINTS = """
      [{"id": "p-json", "point": [["post"], ["json_doc"], ["hash_all"], ["hash", "id"]],
        "action": {"type": "keep_first", "count": 2}},
       {"id": "p-hdr", "point": ["header", "X-Trace"], "action": "redact"},
       {"id": "p-cookie", "point": [["header", "COOKIE"], ["cookie", "theme"]], "action": "stars"},
       {"id": "n-user", "names": ["user", "email"], "exact": true, "action": "hmac"},
       {"id": "d-card", "detect": ["card", "jwt", "aws_access_key"]}]
      """;

  private static final String[] NAMES = {"password", "token", "pin", "code", "note", "user",
      "id", "email", "q", "list", "x", "Api-Key", "pass%77ord", "wsse:Password", "PASSWORD"};

  private static List<Masker> maskers() {
    MaskingOptions hmac = MaskingOptions.builder()
        .hmacKey("k1", "0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII)).build();
    MaskingOptions tight = MaskingOptions.builder().maxWorkBytes(600).maxFields(6)
        .maxJsonDepth(3).maxDecodeLayers(1).build();
    return List.of(
        Masker.of(RuleSet.preset("default")),
        Masker.of(RuleSet.preset("default").plus(RuleSet.preset("pii")), tight),
        Masker.of(RuleSet.parse(CONDITIONED, "conditioned.json"), hmac),
        Masker.of(RuleSet.parse(POINTS, "points.json"), hmac),
        Masker.of(RuleSet.parse(CONDITIONED, "conditioned.json")
            .plus(RuleSet.parse(POINTS, "points.json")), hmac));
  }

  private static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private static String value(Random r, int n) {
    switch (r.nextInt(6)) {
      case 0:
        return "4111111111111111";
      case 1:
        return "AKIAIOSFODNN7EXAMPLE";
      case 2:
        return "s" + n + "x" + Integer.toHexString(r.nextInt());
      case 3:
        return "' OR 1=1--";
      case 4:
        return Base64.getEncoder().encodeToString(("{\"password\":\"b64" + n + "\"}")
            .getBytes(StandardCharsets.UTF_8));
      default:
        return "v" + r.nextInt(100);
    }
  }

  private static String json(Random r, int n, int depth) {
    if (depth > 3 || r.nextInt(4) == 0) {
      return r.nextBoolean() ? "\"" + value(r, n) + "\"" : String.valueOf(r.nextInt(1000));
    }
    if (r.nextInt(4) == 0) {
      return "[" + json(r, n, depth + 1) + "," + json(r, n, depth + 1) + "]";
    }
    StringBuilder sb = new StringBuilder("{");
    int k = 1 + r.nextInt(3);
    for (int i = 0; i < k; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(pick(r, NAMES)).append("\":")
          .append(json(r, n, depth + 1));
    }
    return sb.append('}').toString();
  }

  private static AttackReport report(Random r, int n) {
    String path = switch (r.nextInt(4)) {
      case 0 -> "/login";
      case 1 -> "/api/v" + r.nextInt(3) + "/x.php";
      case 2 -> "/api/a/b/x.php/";
      default -> "/static/" + n;
    };
    StringBuilder q = new StringBuilder();
    for (int i = r.nextInt(4); i > 0; i--) {
      q.append(q.length() == 0 ? "?" : "&").append(pick(r, NAMES)).append('=')
          .append(value(r, n).replace("=", "%3D").replace("+", "%2B"));
    }
    if (r.nextBoolean()) {
      q.append(q.length() == 0 ? "?" : "&").append("v=1");
    }
    HttpRequest.Builder b = HttpRequest.builder().method(r.nextBoolean() ? "POST" : "GET")
        .uri(path + q).protocol("HTTP/1.1").header("Host", "h" + r.nextInt(3) + ".example");
    if (r.nextBoolean()) {
      b.header("Cookie", "theme=" + value(r, n) + "; session=" + value(r, n));
    }
    if (r.nextBoolean()) {
      b.header("X-Trace", value(r, n)).header("Authorization", "Bearer " + value(r, n));
    }
    switch (r.nextInt(4)) {
      case 0 -> b.header("Content-Type", "application/json").body(json(r, n, 0));
      case 1 -> b.header("Content-Type", "application/x-www-form-urlencoded")
          .body(pick(r, NAMES) + "=" + value(r, n).replace("+", "%2B") + "&list=1&pin="
              + value(r, n).replace("+", "%2B"));
      case 2 -> b.header("Content-Type", "application/xml").body("<r><user>" + value(r, n)
          + "</user><wsse:Password>" + value(r, n) + "</wsse:Password><a " + pick(r, NAMES)
          .replace("%", "") .replace(":", "") + "=\"" + value(r, n) + "\"/></r>");
      default -> { }
    }
    List<Attack> attacks = new ArrayList<>();
    attacks.add(Attack.of("sqli", Point.of(Step.named("get", "q")), value(r, n)));
    if (r.nextBoolean()) {
      attacks.add(Attack.of("echo", null, "saw " + value(r, n)));
    }
    return new AttackReport("r" + n, null, b.build(), attacks, Map.of());
  }

  @Test
  void maskersWithDifferentPoliciesSharedByManyThreadsGiveTheSingleThreadedResults()
      throws Exception {
    List<Masker> maskers = maskers();
    Random random = new Random(20261121L);
    List<AttackReport> reports = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      reports.add(report(random, i));
    }
    byte[][][] expected = new byte[maskers.size()][reports.size()][];
    int changed = 0;
    for (int m = 0; m < maskers.size(); m++) {
      for (int i = 0; i < reports.size(); i++) {
        expected[m][i] = ReportJson.write(maskers.get(m).mask(reports.get(i)), true);
        changed += Arrays.equals(expected[m][i], expected[0][i]) ? 0 : 1;
      }
    }
    assertThat(changed).as("the rule sets must disagree, or policies cannot be told apart")
        .isGreaterThan(reports.size());
    int threads = 6;
    int rounds = 3;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = 977L * t + 1;
        futures.add(pool.submit(() -> {
          Random order = new Random(seed);
          start.await();
          int checked = 0;
          for (int k = 0; k < rounds * reports.size(); k++) {
            int m = order.nextInt(maskers.size());
            int i = order.nextInt(reports.size());
            byte[] got = ReportJson.write(maskers.get(m).mask(reports.get(i)), true);
            if (!Arrays.equals(got, expected[m][i])) {
              throw new AssertionError("masker " + m + ", report " + i
                  + " differs under concurrency");
            }
            checked++;
          }
          return checked;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertThat(total).isEqualTo(threads * rounds * reports.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
