package dev.masking.rules.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One masker shared by many threads on random reports gives exactly the single-threaded results
 * (P6): each thread masks every report, in its own shuffled order, several times.
 */
final class ConcurrencyTest {

  @Test
  void oneMaskerSharedByManyThreadsGivesTheSingleThreadedResults() throws Exception {
    Masker masker = Masker.of(RuleSet.preset("default"));
    Random random = new Random(6L);
    List<AttackReport> reports = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      reports.add(RandomReports.next(random, i));
    }
    List<byte[]> expected = new ArrayList<>();
    for (AttackReport r : reports) {
      expected.add(ReportJson.write(masker.mask(r), true));
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        futures.add(pool.submit(() -> {
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < reports.size(); i++) {
            order.add(i);
          }
          int checked = 0;
          for (int round = 0; round < 3; round++) {
            Collections.shuffle(order, new Random(seed * 31 + round));
            for (int i : order) {
              byte[] got = ReportJson.write(masker.mask(reports.get(i)), true);
              if (!Arrays.equals(got, expected.get(i))) {
                throw new AssertionError("report " + i + " differs under concurrency");
              }
              checked++;
            }
          }
          return checked;
        }));
      }
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertThat(total).isEqualTo(threads * 3 * reports.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
