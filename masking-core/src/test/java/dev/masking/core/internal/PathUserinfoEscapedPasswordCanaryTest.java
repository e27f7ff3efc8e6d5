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
import org.junit.jupiter.api.Test;

/**
 * P1 canary (review-s20): a URL password in the path's userinfo that holds a percent escape or a
 * character an e-mail's local part does not ({@code %C3%A9}, {@code %20}, {@code %3A}, {@code
 * ~}, {@code !}, {@code é}) was masked only from there on: the segment {@code
 * u:Secr3t%C3%A9Pass99@h.example} had its e-mail-shaped tail {@code Pass99@h.example} masked,
 * which took the {@code @} with it, and the whole-path read after the segments found no password
 * left, so {@code Secr3t%C3%A9} stayed. The whole path is read by the detectors first now.
 */
final class PathUserinfoEscapedPasswordCanaryTest {

  private static MaskPolicy policy() {
    List<DetectorRule> detectors = List.of(
        new DetectorRule(Detector.URL_PASSWORD, new Decision(MaskAction.redact(), "det-url")),
        new DetectorRule(Detector.EMAIL, new Decision(MaskAction.redact(), "det-email")));
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return f.name() == null && f.last().parser().equals("path") && f.last().index() == 4
            ? new Decision(MaskAction.redact(), "path-4") : null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return detectors;
      }
    };
  }

  private static String path(String uri) {
    MaskRun run = new MaskRun(policy(), MaskingOptions.defaults());
    run.push(Step.of("uri"), null);
    String out = PathScanner.mask(uri, uri.length(), run);
    return out == null ? uri : out;
  }

  @Test
  void anEscapedPasswordInThePathsUserinfoIsMaskedWhole() {
    String[] middles = {"%C3%A9", "%20", "%3A", "~", "!", "\u00e9", "%41", ""};
    for (String m : middles) {
      String pw = "Secr3t" + m + "Pass99";
      String uri = "/go/http://u:" + pw + "@h.example/x/y/z";
      String out = path(uri);
      assertThat(Leaks.found(out.getBytes(UTF_8), "Secr3t")).as(uri + " -> " + out).isNull();
      assertThat(out).as(uri).startsWith("/go/http://u:").endsWith("/x/***/z");
    }
  }

  @Test
  void aPasswordBehindEncodedSlashesIsStillReadInItsDecodedSegment() {
    // No URL password in the path as sent (its "://" is percent-encoded): the whole-path read
    // does not go first, or its e-mail would take the '@' the decoded segment's password needs.
    for (String m : new String[] {"~", "!", "(", "%C3%A9", "%3A", "$", "="}) {
      String uri = "/a/https:%2F%2Fu:Secr3t" + m + "Pass99@h.example%2Fx/y/z";
      String out = path(uri);
      assertThat(Leaks.found(out.getBytes(UTF_8), "Secr3t")).as(uri + " -> " + out).isNull();
    }
  }
}
