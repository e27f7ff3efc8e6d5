package dev.masking.rules.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Masks hostile report shapes at n, 4n and 16n and prints the CPU time of each; a shape whose
 * time at 16n exceeds 64 times its time at n (quadratic shows as 256) fails. Off by default (tag
 * {@code soak}: timings belong on a quiet machine); run with
 *
 * <pre>
 * mvn -B -pl masking-rules -am test -Dtest=ScalingSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsurefire.excludedGroups= -Dsurefire.argLine="-Xss512k -Dscaling.n=2000"
 * </pre>
 */
@Tag("soak")
final class ScalingSoakTest {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static String uniq(int i) {
    return "Q" + Integer.toString(i * 7919 + 100_000, 36) + "zK";
  }

  private static HttpRequest.Builder form(String body) {
    return HttpRequest.builder().method("POST").uri("/x").header("Host", "h")
        .header("Content-Type", "application/x-www-form-urlencoded").body(body);
  }

  private static Point formPoint(String name) {
    return Point.of(Step.of("post"), Step.named("form_urlencoded", name));
  }

  private static AttackReport report(HttpRequest r, List<Attack> attacks) {
    return new AttackReport("r", null, r, attacks, Map.of());
  }

  private static Map<String, IntFunction<AttackReport>> shapes() {
    Map<String, IntFunction<AttackReport>> s = new LinkedHashMap<>();
    s.put("n masked values + n attacks", n -> {
      StringBuilder b = new StringBuilder();
      List<Attack> a = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        b.append("password=").append(uniq(i)).append('&');
        a.add(Attack.of("xss", formPoint("q" + i), "<b>" + uniq(i + n) + "</b>"));
      }
      return report(form(b.toString()).build(), a);
    });
    s.put("n keep_last values + n attacks at their point", n -> {
      StringBuilder b = new StringBuilder();
      List<Attack> a = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        b.append("cc_number=").append(uniq(i)).append('&');
        a.add(Attack.of("xss", formPoint("cc_number"), "<" + uniq(i + n) + ">"));
      }
      return report(form(b.toString()).build(), a);
    });
    s.put("values aaaa.. ending one another over a run of a", n -> {
      int k = (int) Math.sqrt(2.0 * n);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < k; i++) {
        b.append("password=").append("a".repeat(4 + i)).append('&');
      }
      return AttackReport.of(form(b.toString()).header("X-A", "a".repeat(n) + "b").build());
    });
    s.put("n payloads inspected at points holding masked members", n -> {
      StringBuilder b = new StringBuilder("{");
      List<Attack> a = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        b.append("\"k").append(i).append("\":{\"password\":\"").append(uniq(i)).append("\"},");
        a.add(Attack.of("x", Point.of(Step.of("post"), Step.of("json_doc"),
            Step.named("hash", "k" + i)), "{\"password\":\"" + uniq(i) + "\"}"));
      }
      b.append("\"z\":1}");
      return report(HttpRequest.builder().method("POST").uri("/").header("Content-Type",
          "application/json").body(b.toString()).build(), a);
    });
    s.put("n Cookie headers", n -> {
      HttpRequest.Builder b = HttpRequest.builder().method("GET").uri("/");
      for (int i = 0; i < n; i++) {
        b.header("Cookie", "a=b; session=" + uniq(i));
      }
      return AttackReport.of(b.build());
    });
    s.put("chunked body of n one-byte chunks", n -> AttackReport.of(form(
        "1\r\na\r\n".repeat(n) + "9\r\n=password\r\n5\r\n=abcd\r\n0\r\n\r\n")
        .header("Transfer-Encoding", "chunked").build()));
    return s;
  }

  @Test
  void everyShapeScalesAboutLinearly() {
    int n = Integer.getInteger("scaling.n", 2000);
    Masker masker = Masker.of(RuleSet.preset("default"),
        MaskingOptions.builder().maxNotes(10_000_000).build());
    List<String> slow = new ArrayList<>();
    for (Map.Entry<String, IntFunction<AttackReport>> e : shapes().entrySet()) {
      masker.mask(e.getValue().apply(n / 4)); // warm up
      long[] t = new long[3];
      for (int k = 0; k < 3; k++) {
        AttackReport r = e.getValue().apply(n << (2 * k));
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
          long t0 = CPU.getCurrentThreadCpuTime();
          masker.mask(r);
          best = Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
        }
        t[k] = best;
      }
      double ratio = t[2] / (double) Math.max(1, t[0]);
      System.out.printf("%-56s n=%d %9.1f %9.1f %9.1f ms x%.1f%n", e.getKey(), n, t[0] / 1e6,
          t[1] / 1e6, t[2] / 1e6, ratio);
      if (ratio > 64 && t[2] > 100_000_000L) {
        slow.add(e.getKey());
      }
    }
    assertThat(slow).as("shapes growing faster than linear").isEmpty();
  }
}
