package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Choosing the conditioned rules for a report costs the report's size plus the rules met, not
 * their product: query and header conditions look their parameter up, they do not scan the query
 * and the headers once per rule (P4). Not a benchmark: the bound is generous, the quadratic
 * cost it guards against took well over a minute here.
 */
final class ConditionCostTest {

  @Test
  void manyQueryAndHeaderConditionsOnAHugeQueryStayLinear() {
    int rules = 4000;
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < rules; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"names\":[\"n")
          .append(i).append("\"],\"when\":{\"query\":{\"p").append(i)
          .append("\":\"x\"},\"header\":{\"X-H").append(i).append("\":\"y\"}}}");
    }
    Masker m = Masker.of(RuleSet.parse(sb.append(']').toString(), "many.json"));
    StringBuilder q = new StringBuilder("/x?");
    for (int i = 0; i < 100_000; i++) {
      q.append('a').append(i).append("=1&");
    }
    int last = rules - 1;
    q.append('p').append(last).append("=x&n").append(last).append("=cnry-cost-1");
    HttpRequest.Builder b = HttpRequest.builder().method("GET").uri(q.toString());
    for (int i = 0; i < 2000; i++) {
      b.header("X-Z" + i, "v");
    }
    b.header("x-h" + last, "y");
    AttackReport r = new AttackReport("x", null, b.build(), List.of(), Map.of());
    MaskedReport out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> m.mask(r));
    assertThat(out.report().request().uri()).endsWith("&n" + last + "=***")
        .doesNotContain("cnry-cost-1");
  }
}
