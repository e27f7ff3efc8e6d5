package dev.masking.bench;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
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
 * Masking one whole attack report with the {@code default} preset, against the floor of copying the
 * request without looking at it.
 *
 * <p>{@code full}: a ~2 KB report (request line with a query, eleven headers with cookies and an
 * Authorization, a JSON body, two attacks); {@code form-login}: a small form login. {@code
 * masking}: {@link Masker#mask} on the report. {@code copyOnly}: rebuilds the request with a
 * copied body, the least any masker that returns a new report must pay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReportBenchmark {

  /** Which report: the full ~2 KB one or a small form login. */
  @Param({"full", "form-login"})
  public String input;

  private AttackReport report;
  private Masker masker;

  /** Builds the input and compiles the preset once. */
  @Setup
  public void setup() {
    report = "form-login".equals(input) ? Inputs.formLogin() : Inputs.fullReport();
    masker = Masker.of(RuleSet.preset("default"));
    if (!masker.mask(report).changed()) {
      throw new IllegalStateException("the default preset selected nothing in " + input);
    }
  }

  /** Ours. */
  @Benchmark
  public MaskedReport masking() {
    return masker.mask(report);
  }

  /** Floor: a new report with a copied request and nothing examined. */
  @Benchmark
  public AttackReport copyOnly() {
    HttpRequest r = report.request();
    return report.with(r.toBuilder().body(r.bodyUnsafe()).build(), report.attacks());
  }
}
