package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The second pass replays the first pass's record of events instead of walking the bytes again;
 * a document whose record would pass the cap is walked twice as before. Both must mask the same.
 */
final class XmlScannerReplayTest {

  private static final Point SECOND_P = Point.of(Step.of("post"), Step.of("xml"),
      Step.named("xml_tag", "r"), Step.named("xml_tag", "p"), Step.indexed("xml_tag_array", 1));

  /** Selects the second {@code p} under {@code r} by its exact point, and any {@code password}. */
  private static final MaskPolicy POLICY = f -> f.point().equals(SECOND_P)
      || "password".equals(f.name()) ? new Decision(MaskAction.redact(), "t") : null;

  private static String document(int attributes) {
    StringBuilder sb = new StringBuilder("<r><p>canary-first</p><e");
    for (int i = 0; i < attributes; i++) {
      sb.append(" a=\"1\"");
    }
    return sb.append("/><p>canary-second</p><x password=\"canary-attr\"/>")
        .append("<password>canary-text</password><p>canary-third</p></r>").toString();
  }

  private static String mask(String xml) {
    MaskingOptions options = MaskingOptions.builder().maxFields(1_000_000).build();
    MaskRun run = new MaskRun(POLICY, options);
    run.push(Step.of("post"));
    byte[] in = xml.getBytes(StandardCharsets.UTF_8);
    byte[] out = XmlScanner.mask(in, 0, in.length, run);
    assertThat(run.depth()).isEqualTo(1);
    return out == null ? xml : new String(out, StandardCharsets.UTF_8);
  }

  private static String expected(String xml) {
    return xml.replace("canary-second", "***").replace("canary-attr", "***")
        .replace("canary-text", "***");
  }

  @Test
  void replayedSecondPassMasksArrayPointsAttributesAndText() {
    String xml = document(10);
    assertThat(mask(xml)).isEqualTo(expected(xml));
  }

  @Test
  void documentPastTheRecordCapIsWalkedTwiceAndMaskedTheSame() {
    // 7 ints per attribute: 160,000 attributes pass the 1M-int cap.
    String xml = document(160_000);
    String out = mask(xml);
    assertThat(out).isEqualTo(expected(xml));
    assertThat(out).doesNotContain("canary-second", "canary-attr", "canary-text")
        .contains("canary-first", "canary-third");
  }

  private static java.util.List<String> askedFor(String xml) {
    RecordingPolicy p = RecordingPolicy.nothing();
    MaskRun run = p.run();
    run.push(Step.of("post"));
    byte[] in = xml.getBytes(StandardCharsets.UTF_8);
    XmlScanner.mask(in, 0, in.length, run);
    return p.asked();
  }

  @Test
  void scratchKeptFromAnEarlierScanOnTheThreadChangesNoPoint() throws Exception {
    String small = "<r><p>1</p><q/><p>2</p><s><p>3</p></s></r>";
    java.util.List<String> fresh = new java.util.ArrayList<>();
    Thread t = new Thread(() -> fresh.addAll(askedFor(small)));
    t.start();
    t.join();
    StringBuilder big = new StringBuilder("<r>");
    for (int i = 0; i < 3_000; i++) {
      big.append("<p>").append(i).append("</p><q").append(i % 7).append("/>");
    }
    askedFor(big.append("</r>").toString());
    assertThat(askedFor(small)).isEqualTo(fresh).contains(
        "post > xml > xml_tag r > xml_tag p > xml_tag_array 1")
        .doesNotContain("post > xml > xml_tag r > xml_tag s > xml_tag p > xml_tag_array 0");
  }
}
