package dev.masking.rules.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Masks random and hostile reports on four threads for minutes and samples the heap used after a
 * full collection: it must stay flat (no per-call state kept, no cache growing with input). Off by
 * default (tag {@code soak}); run with
 *
 * <pre>
 * mvn -B -pl masking-rules -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsurefire.excludedGroups= -Dsurefire.argLine="-Xss512k -Dsoak.seconds=300"
 * </pre>
 */
@Tag("soak")
final class SoakTest {

  @Test
  void memoryStaysFlatUnderMinutesOfMasking() throws Exception {
    long seconds = Long.getLong("soak.seconds", 180);
    Masker masker = Masker.of(RuleSet.preset("default"));
    List<AttackReport> hostile = new ArrayList<>();
    for (HostileInputs.Row row : HostileInputs.rows()) {
      if (!row.item().matches(".*(000|MB).*")) {
        hostile.add(row.report().get());
      }
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong masked = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      long seed = t;
      pool.submit(() -> {
        Random r = new Random(seed);
        int n = 0;
        while (!stop.get()) {
          AttackReport in = n % 5 == 0 ? hostile.get(r.nextInt(hostile.size()))
              : RandomReports.next(r, n);
          ReportJson.write(masker.mask(in), true);
          masked.incrementAndGet();
          n++;
        }
        return null;
      });
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<Long> samples = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long step = Math.max(1, seconds / 12);
    while (System.nanoTime() < end) {
      Thread.sleep(TimeUnit.SECONDS.toMillis(step));
      System.gc();
      samples.add(memory.getHeapMemoryUsage().getUsed() >> 20);
    }
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    System.out.println("Soak: " + masked.get() + " reports in " + seconds + " s; heap used after GC"
        + " (MiB) every " + step + " s: " + samples);
    assertThat(samples).hasSizeGreaterThan(3);
    long warm = samples.get(1);
    long last = samples.get(samples.size() - 1);
    assertThat(last).as("heap after GC stays flat").isLessThanOrEqualTo(warm + warm / 2 + 16);
  }
}
