package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The path's whole-text detector read ({@code PathScanner.userinfo}, for an absolute-form target
 * whose credentials the segments split) looks for an {@code @} with {@link String#indexOf} over the
 * whole URI and takes it only before the path's end: a password in the path's userinfo is masked
 * whatever the query holds, and the query never changes how the path is masked.
 */
final class PathUserinfoCanaryTest {

  private static MaskPolicy policy() {
    List<DetectorRule> detectors = List.of(new DetectorRule(Detector.URL_PASSWORD,
        new Decision(MaskAction.redact(), "det-url")));
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return detectors;
      }
    };
  }

  private static String path(String uri, int end) {
    MaskRun run = new MaskRun(policy(), MaskingOptions.defaults());
    run.push(Step.of("uri"), null);
    String out = PathScanner.mask(uri, end, run);
    return out == null ? uri.substring(0, end) : out;
  }

  @Test
  void aPasswordInThePathsUserinfoIsMaskedWhateverTheQueryHolds() {
    String[] queries = {"", "?a=1", "?a=x@y", "?@", "?u=http://v:w@h/"};
    for (String q : queries) {
      String uri = "http://user:Pw9canaryU1@h.example/a/b" + q;
      int end = q.isEmpty() ? uri.length() : uri.indexOf('?');
      String out = path(uri, end);
      assertThat(Leaks.found(out.getBytes(UTF_8), "Pw9canaryU1")).as(uri).isNull();
      assertThat(out).endsWith("h.example/a/b");
    }
  }

  @Test
  void theQueryNeverChangesHowThePathIsMasked() {
    String[] pieces = {"http://", "https://", "u", ":", "Pw9", "@", "/", "h.example", "%40", "a",
        "b.c", "x:y@z", "//", ";m=1"};
    String[] queries = {"", "?", "?a=1", "?a=x@y", "?@@", "?u=http://v:Pw9q@h/", "?#@"};
    Random r = new Random(15);
    for (int t = 0; t < 3_000; t++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(7);
      for (int k = 0; k < n; k++) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      String p = sb.toString().replace("?", "");
      String uri = p + queries[r.nextInt(queries.length)];
      assertThat(path(uri, p.length())).as(uri).isEqualTo(path(p, p.length()));
    }
  }
}
