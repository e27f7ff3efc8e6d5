package dev.masking.bench;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.rules.Masker;
import dev.masking.rules.Rule;
import dev.masking.rules.RuleSet;
import dev.masking.rules.Selector;
import java.util.List;
import java.util.Locale;
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
 * What value detectors and the residual sweep add to masking a report with the {@code default}
 * preset (issue 5 budget: at most +30%).
 *
 * <p>{@code mode}: {@code names} is the preset's names rules only, with the sweep off ({@code
 * residualMinLength} past any value); {@code names+sweep} adds the residual sweep over the whole
 * report; {@code detectors+sweep} is the whole {@code default} preset (names, the card, JWT,
 * private key, URL password and token detectors) with the default sweep. {@code input}: the ~1 KB
 * JSON API report of {@link ReportBenchmark}, or a ~100 KB JSON body of 300 order records with the
 * whole body repeated as the attack payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorsBenchmark {

  /** Which report. */
  @Param({"json-api", "json-100k"})
  public String input;

  /** Which features are on. */
  @Param({"names", "names+sweep", "detectors+sweep"})
  public String mode;

  private AttackReport report;
  private Masker masker;

  /** Builds the input and compiles the rules once. */
  @Setup
  public void setup() {
    report = "json-api".equals(input) ? Inputs.jsonApi() : json100k();
    RuleSet all = RuleSet.preset("default");
    RuleSet.Builder names = RuleSet.builder();
    for (Rule r : all.rules()) {
      if (!(r.selector() instanceof Selector.Detect)) {
        names.rule(r);
      }
    }
    MaskingOptions noSweep = MaskingOptions.builder().residualMinLength(Integer.MAX_VALUE).build();
    switch (mode) {
      case "names" -> masker = Masker.of(names.build(), noSweep);
      case "names+sweep" -> masker = Masker.of(names.build());
      default -> masker = Masker.of(all);
    }
    if (!masker.mask(report).changed()) {
      throw new IllegalStateException("nothing selected in " + input);
    }
  }

  /** A ~100 KB JSON body: order records with names, e-mails, notes and the odd secret. */
  static AttackReport json100k() {
    StringBuilder b = new StringBuilder(110_000).append("{\"orders\":[");
    int i = 0;
    while (b.length() < 100_000) {
      if (i > 0) {
        b.append(',');
      }
      b.append(String.format(Locale.ROOT, "{\"id\":\"ord-2026-%06d\",\"uuid\":"
          + "\"%08x-e89b-12d3-a456-426614174000\",\"ts\":%d,\"items\":[{\"sku\":\"A-%d\","
          + "\"qty\":%d,\"price\":%d.99}],\"customer\":{\"name\":\"Customer %d\",\"city\":"
          + "\"Springfield\",\"zip\":\"%05d\"},\"note\":\"please deliver after %d pm, ring "
          + "twice\",\"ref\":\"https://shop.example/cart?step=%d\"", i, i * 7919, 1763700000L + i,
          i % 97, 1 + i % 3, 5 + i % 40, i, 10000 + i, 1 + i % 9, i % 4));
      if (i % 50 == 7) {
        b.append(",\"password\":\"pw-").append(i).append("-s3cret\"");
      }
      b.append('}');
      i++;
    }
    b.append("]}");
    String body = b.toString();
    HttpRequest req = HttpRequest.builder()
        .method("POST").uri("/api/v1/orders/bulk?api_key=k-55aa77bb99cc").protocol("HTTP/1.1")
        .header("Host", "api.example")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln")
        .body(body)
        .build();
    return new AttackReport("r-bulk", "7", req,
        List.of(Attack.of("sqli", Point.of(Step.of("post")), body)), Map.of());
  }

  /** Masks the report. */
  @Benchmark
  public MaskedReport masking() {
    return masker.mask(report);
  }

  /**
   * A cross-check for a machine too busy for wall-clock figures: thread CPU time and allocated
   * bytes per operation, the three modes interleaved in short batches (about 2 ms each) over many
   * rounds, so that a slow spell of the shared machine hits the modes of a round alike. Printed per
   * mode: the median CPU time, the minimum, and the median over rounds of the round's overhead
   * against {@code names} (a paired figure: on this machine the medians of separate runs drift by
   * up to 50% within minutes, the paired overhead by a few points). Run with {@code java -Xbatch
   * -cp masking-bench/target/benchmarks.jar dev.masking.bench.DetectorsBenchmark [ROUNDS]}.
   *
   * @param args the number of measured rounds (default 301)
   */
  public static void main(String[] args) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    String[] inputs = {"json-api", "json-100k"};
    String[] modes = {"names", "names+sweep", "detectors+sweep"};
    DetectorsBenchmark[][] b = new DetectorsBenchmark[2][3];
    for (int x = 0; x < 2; x++) {
      for (int k = 0; k < 3; k++) {
        b[x][k] = new DetectorsBenchmark();
        b[x][k].input = inputs[x];
        b[x][k].mode = modes[k];
        b[x][k].setup();
      }
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 301;
    double[][][] cpu = new double[2][3][rounds];
    long[][] alloc = new long[2][3];
    for (int round = -rounds / 3 - 3; round < rounds; round++) { // warm-up rounds first
      for (int x = 0; x < 2; x++) {
        int n = x == 0 ? 200 : 3;
        for (int k = 0; k < 3; k++) {
          long c0 = threads.getCurrentThreadCpuTime();
          long a0 = threads.getCurrentThreadAllocatedBytes();
          for (int i = 0; i < n; i++) {
            b[x][k].masking();
          }
          long a1 = threads.getCurrentThreadAllocatedBytes();
          long c1 = threads.getCurrentThreadCpuTime();
          if (round >= 0) {
            cpu[x][k][round] = (c1 - c0) / 1e3 / n;
            alloc[x][k] = (a1 - a0) / n;
          }
        }
      }
    }
    for (int x = 0; x < 2; x++) {
      for (int k = 0; k < 3; k++) {
        double[] v = cpu[x][k].clone();
        java.util.Arrays.sort(v);
        double[] over = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          over[r] = 100 * (cpu[x][k][r] / cpu[x][0][r] - 1);
        }
        java.util.Arrays.sort(over);
        System.out.printf(Locale.ROOT,
            "%-9s %-15s %9.2f us/op CPU (min %.2f)  paired overhead %+6.1f%% (quartiles %+.1f%%"
                + " %+.1f%%)  %9d B/op%n",
            inputs[x], modes[k], v[rounds / 2], v[0], over[rounds / 2], over[rounds / 4],
            over[3 * rounds / 4], alloc[x][k]);
      }
    }
  }
}
