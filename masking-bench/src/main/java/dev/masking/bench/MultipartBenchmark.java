package dev.masking.bench;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.internal.MultipartScanner;
import dev.masking.core.internal.MaskRun;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking a multipart/form-data body (username, password, a 1 MB file part) with the {@code
 * default} preset. No peer masks multipart; the floor is copying the body.
 *
 * <p>{@code maskingScanner} is the body scanner alone, without the report around it.
 *
 * <p>{@code masking} measures whatever the rewriter does with a multipart body: since the
 * multipart scanner merged, the password part field by field, the file part copied through
 * ({@code OtherInputsTest} checks both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MultipartBenchmark {
  private byte[] body;
  private AttackReport report;
  private Masker masker;
  private MaskPolicy policy;
  private String contentType;

  /** Builds the input once. */
  @Setup
  public void setup() {
    body = Inputs.multipart();
    contentType = "multipart/form-data; boundary=" + Inputs.MULTIPART_BOUNDARY;
    report = Inputs.bodyOnly(contentType, body);
    masker = Masker.of(RuleSet.preset("default"));
    policy = masker.rules().policy();
  }

  /** Ours. */
  @Benchmark
  public MaskedReport masking() {
    return masker.mask(report);
  }

  /**
   * Ours, the body scanner alone: what {@code masking} pays minus the report around the body
   * (policy binding, the residual sweep of the whole report for echoes of masked values).
   */
  @Benchmark
  public byte[] maskingScanner() {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"), null);
    byte[] out = MultipartScanner.mask(body, 0, body.length, contentType, run);
    return out == null ? body : out;
  }

  /** Floor: copy the body. */
  @Benchmark
  public byte[] copyOnly() {
    return body.clone();
  }
}
