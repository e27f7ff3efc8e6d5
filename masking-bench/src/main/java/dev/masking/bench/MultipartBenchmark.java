package dev.masking.bench;

import dev.masking.core.AttackReport;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking a multipart/form-data body (username, password, a 1 MB file part) with the {@code
 * default} preset. No peer masks multipart; the floor is copying the body.
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

  /** Builds the input once. */
  @Setup
  public void setup() {
    body = Inputs.multipart();
    report = Inputs.bodyOnly("multipart/form-data; boundary=" + Inputs.MULTIPART_BOUNDARY, body);
    masker = Masker.of(RuleSet.preset("default"));
  }

  /** Ours. */
  @Benchmark
  public MaskedReport masking() {
    return masker.mask(report);
  }

  /** Floor: copy the body. */
  @Benchmark
  public byte[] copyOnly() {
    return body.clone();
  }
}
