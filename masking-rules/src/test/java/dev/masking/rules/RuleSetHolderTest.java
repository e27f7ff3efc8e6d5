package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: atomic swaps, in-flight reports under one set, failed loads keep the old set. */
final class RuleSetHolderTest {

  private static final String RULES_A = """
      {"rules": [{"id": "mask-a", "names": ["a"], "when": {"host": "shop.example"}}]}
      """;
  private static final String RULES_B = """
      {"rules": [{"id": "mask-b", "names": ["b"], "when": {"host": "shop.example"}}]}
      """;

  private static AttackReport report() {
    return AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/x?a=cnry-a&b=cnry-b").header("Host", "shop.example").build());
  }

  @Test
  void reloadSwapsTheRulesAndABadFileKeepsTheOldOnesWithItsPosition(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(file, RULES_A);
    RuleSetHolder holder = RuleSetHolder.load(file, MaskingOptions.defaults());
    assertThat(holder.mask(report()).report().request().uri()).isEqualTo("/x?a=***&b=cnry-b");

    Files.writeString(file, RULES_B);
    RuleSetHolder.Reload ok = holder.reload();
    assertThat(ok.ok()).isTrue();
    assertThat(ok.problem()).isNull();
    assertThat(holder.mask(report()).report().request().uri()).isEqualTo("/x?a=cnry-a&b=***");

    Files.writeString(file, "{\"rules\": [\n  {\"id\": \"c\", \"names\": [\"c\"],\n"
        + "   \"when\": {\"path\": \"/a/**/b/c\"}}]}");
    RuleSetHolder.Reload bad = holder.reload();
    assertThat(bad.ok()).isFalse();
    assertThat(bad.problem()).contains(file + ":3:21").contains("'**'");
    assertThat(bad.rules().rules()).extracting(Rule::id).containsExactly("mask-b");
    assertThat(holder.mask(report()).report().request().uri()).isEqualTo("/x?a=cnry-a&b=***");

    Files.delete(file);
    RuleSetHolder.Reload missing = holder.reload();
    assertThat(missing.ok()).isFalse();
    assertThat(missing.problem()).startsWith("cannot read rules");
    assertThat(holder.rules().rules()).extracting(Rule::id).containsExactly("mask-b");
  }

  @Test
  void aRuleSetNeedingAKeyTheOptionsLackIsRefusedAndTheOldOneKept() {
    RuleSetHolder holder = RuleSetHolder.of(() -> RuleSet.parse(RULES_A, "a"),
        MaskingOptions.defaults());
    RuleSet hmac = RuleSet.parse("[{\"id\": \"h\", \"names\": [\"a\"], \"action\": \"hmac\"}]",
        "h");
    assertThatThrownBy(() -> holder.swap(hmac)).isInstanceOf(IllegalArgumentException.class);
    assertThat(holder.rules().rules()).extracting(Rule::id).containsExactly("mask-a");
  }

  @Test
  void reportsInFlightFinishUnderOneSetWhileReloadsRun() throws Exception {
    RuleSet a = RuleSet.parse(RULES_A, "a");
    RuleSet b = RuleSet.parse(RULES_B, "b");
    RuleSetHolder holder = RuleSetHolder.of(() -> a, MaskingOptions.defaults());
    String onlyA = "/x?a=***&b=cnry-b";
    String onlyB = "/x?a=cnry-a&b=***";
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<int[]>> maskers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        maskers.add(pool.submit(() -> {
          int[] seen = new int[2];
          AttackReport r = report();
          while (!stop.get()) {
            MaskedReport m = holder.mask(r);
            String uri = m.report().request().uri();
            if (uri.equals(onlyA)) {
              seen[0]++;
            } else if (uri.equals(onlyB)) {
              seen[1]++;
            } else {
              throw new AssertionError("masked under a mix of rule sets");
            }
            String notes = m.notes().toString();
            if (notes.contains("mask-a") == notes.contains("mask-b")) {
              throw new AssertionError("notes from a mix of rule sets");
            }
          }
          return seen;
        }));
      }
      Future<?> swapper = pool.submit(() -> {
        for (int i = 0; i < 2_000; i++) {
          holder.swap(i % 2 == 0 ? b : a);
          if (i % 100 == 0) {
            Thread.yield();
          }
        }
        stop.set(true);
      });
      swapper.get(60, TimeUnit.SECONDS);
      int total = 0;
      for (Future<int[]> f : maskers) {
        int[] seen = f.get(60, TimeUnit.SECONDS);
        total += seen[0] + seen[1];
      }
      assertThat(total).isPositive();
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  @Test
  void holderLoadsWallarmExportsToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("export.json");
    Files.write(file, ("{\"body\": [{\"id\": 7, \"type\": \"sensitive_data\", \"action\": ["
        + "{\"type\": \"iequal\", \"point\": [\"header\", \"HOST\"], \"value\": \"shop.example\"}],"
        + " \"point\": [[\"query\", \"a\"]]}]}").getBytes(StandardCharsets.UTF_8));
    RuleSetHolder holder = RuleSetHolder.load(file, MaskingOptions.defaults());
    assertThat(holder.mask(report()).report().request().uri()).isEqualTo("/x?a=***&b=cnry-b");
  }
}
