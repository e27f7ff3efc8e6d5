package dev.masking.bench;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import java.nio.charset.StandardCharsets;
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
 * Masking a JSON body: ours and the peers on the same bytes with the same semantics (see {@link
 * JsonEngines}; {@code JsonEnginesAgreeTest} asserts equal outputs).
 *
 * <p>{@code masking} is ours through the public API, {@code Masker.mask} on a report that holds
 * only this body (method, {@code /}, one Content-Type header): what a caller pays, report
 * bookkeeping included. {@code maskingScanner} is the JSON scanner alone, for the difference.
 * {@code logbook} starts from a String (its API), which spares it the UTF-8 decode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonBodyBenchmark {

  /** Which body; see {@link Inputs#json}. */
  @Param({"1kb", "100kb", "nested500", "nomatch1kb", "dense1kb"})
  public String size;

  private byte[] body;
  private String text;
  private AttackReport report;
  private JsonEngines engines;

  /** Builds the input and every engine once. */
  @Setup
  public void setup() {
    body = Inputs.json(size);
    text = new String(body, StandardCharsets.UTF_8);
    report = Inputs.bodyOnly("application/json", body);
    engines = new JsonEngines(Inputs.JSON_KEYS);
  }

  /** Ours: {@code Masker.mask} on a report holding only the body. */
  @Benchmark
  public MaskedReport masking() {
    return engines.maskingReport(report);
  }

  /** Ours: the JSON body scanner alone. */
  @Benchmark
  public byte[] maskingScanner() {
    return engines.maskingScanner(body);
  }

  /** json-masker 1.1.4, byte[] API. */
  @Benchmark
  public byte[] jsonMasker() {
    return engines.jsonMasker(body);
  }

  /** Jackson tree: readTree, walk, write. */
  @Benchmark
  public byte[] jacksonTree() {
    return engines.jacksonTree(body);
  }

  /** Jackson streaming: parser to generator. */
  @Benchmark
  public byte[] jacksonStreaming() {
    return engines.jacksonStreaming(body);
  }

  /** Zalando Logbook 4 primitive JSON property filter (String in, String out). */
  @Benchmark
  public String logbook() {
    return engines.logbook(text);
  }

  /** Floor: copy the body. */
  @Benchmark
  public byte[] copyOnly() {
    return JsonEngines.copyOnly(body);
  }

  /** Floor: look at every byte once. */
  @Benchmark
  public int scanOnly() {
    return JsonEngines.scanOnly(body);
  }
}
