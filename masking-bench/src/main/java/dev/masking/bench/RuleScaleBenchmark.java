package dev.masking.bench;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Condition;
import dev.masking.rules.Masker;
import dev.masking.rules.Rule;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-report masking time as the number of conditioned rules grows: the {@code default} preset
 * plus {@code rules} endpoint rules (50 hosts, a distinct path per rule, each masking one form
 * field), masking a form login that one of them selects. Choosing the rules for a request goes
 * through the host map and path-segment trie, so the time should barely depend on {@code rules}
 * (issue 4: 10,000 rules at most 1.5x the time of 10).
 *
 * <p>{@code mask}: one report through {@link Masker#mask}. {@code compile}: building and
 * compiling the whole rule set (single shot per iteration, in milliseconds).
 */
@State(Scope.Benchmark)
@Fork(1)
public class RuleScaleBenchmark {

  /** How many conditioned rules besides the default preset. */
  @Param({"10", "10000"})
  public int rules;

  private Masker masker;
  private AttackReport report;

  /** The rule the report hits exists in every size. */
  private static final int TARGET = 7;

  static RuleSet ruleSet(int n) {
    RuleSet.Builder b = RuleSet.builder().include(RuleSet.preset("default"));
    for (int i = 0; i < n; i++) {
      b.rule(Rule.builder("endpoint-" + i).names("field" + i)
          .when(Condition.url("h" + (i % 50) + ".example/api/v" + (i % 7) + "/res" + i
              + "/**/login"))
          .build());
    }
    return b.build();
  }

  /** The form login that the target rule selects. */
  static AttackReport report() {
    return new AttackReport("r-1", null, HttpRequest.builder().method("POST")
        .uri("/api/v" + (TARGET % 7) + "/res" + TARGET + "/session/login?next=%2Fhome")
        .protocol("HTTP/1.1")
        .header("Host", "h" + (TARGET % 50) + ".example")
        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", "theme=dark; lang=en")
        .body("user=bob&field" + TARGET + "=s3cr3t-value&remember=1&csrf=abc123")
        .build(), List.of(), Map.of());
  }

  /** Compiles the rules and checks the report is masked by the target rule. */
  @Setup
  public void setup() {
    masker = Masker.of(ruleSet(rules));
    report = report();
    MaskedReport m = masker.mask(report);
    if (!m.notes().toString().contains("by endpoint-" + TARGET)) {
      throw new IllegalStateException("the target rule did not apply: " + m.notes());
    }
  }

  /** One report. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public MaskedReport mask() {
    return masker.mask(report);
  }

  /** Building and compiling the rule set. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public RuleSet compile() {
    return ruleSet(rules);
  }
}
