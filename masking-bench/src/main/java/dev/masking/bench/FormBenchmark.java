package dev.masking.bench;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import java.nio.charset.StandardCharsets;
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
import org.zalando.logbook.BodyFilter;
import org.zalando.logbook.core.BodyFilters;

/**
 * Masking a ~100 B login form: ours ({@code Masker.mask} on a report holding only the body) and
 * Logbook's form filter (String in, String out), both masking {@link Inputs#FORM_KEYS} with
 * {@code ***}. {@code FormEnginesAgreeTest} asserts equal outputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FormBenchmark {
  static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

  private AttackReport report;
  private String text;
  private Masker masker;
  private BodyFilter logbook;

  /** Builds the input and both engines once. */
  @Setup
  public void setup() {
    byte[] body = Inputs.formBody();
    report = Inputs.bodyOnly(CONTENT_TYPE, body);
    text = new String(body, StandardCharsets.UTF_8);
    masker = Masker.of(Inputs.formRules());
    logbook = logbookFilter();
  }

  static BodyFilter logbookFilter() {
    return BodyFilters.replaceFormUrlEncodedProperty(Inputs.FORM_KEYS, JsonEngines.TOKEN);
  }

  /** Ours. */
  @Benchmark
  public MaskedReport masking() {
    return masker.mask(report);
  }

  /** Zalando Logbook 4 form filter. */
  @Benchmark
  public String logbook() {
    return logbook.filter(CONTENT_TYPE, text);
  }

  /** Floor: copy the body. */
  @Benchmark
  public byte[] copyOnly() {
    return report.request().bodyUnsafe().clone();
  }
}
