package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class PathScannerTest {

  private static RecordingPolicy at(Step... steps) {
    return RecordingPolicy.point(MaskAction.redact(), Point.of(steps));
  }

  @Test
  void segmentsAreNumberedAndTheLastIsSplitAtItsFirstDot() {
    RecordingPolicy p = RecordingPolicy.nothing();
    String path = "/api/v1/user.tar.gz";
    assertThat(PathScanner.mask(path, p.run())).isSameAs(path);
    assertThat(p.asked()).containsExactly("path 0", "path 1", "action_name", "action_ext");
    assertThat(p.names).containsOnlyNulls();
  }

  @Test
  void masksASelectedSegment() {
    assertThat(PathScanner.mask("/api/s3cr3t/user.php", at(Step.indexed("path", 1)).run()))
        .isEqualTo("/api/***/user.php");
  }

  @Test
  void masksActionNameAndActionExtSeparately() {
    assertThat(PathScanner.mask("/api/reset.token.php", at(Step.of("action_name")).run()))
        .isEqualTo("/api/***.token.php");
    assertThat(PathScanner.mask("/api/reset.token.php", at(Step.of("action_ext")).run()))
        .isEqualTo("/api/reset.***");
  }

  @Test
  void lastSegmentWithoutADotHasNoActionExt() {
    RecordingPolicy p = RecordingPolicy.nothing();
    PathScanner.mask("/api/login", p.run());
    assertThat(p.asked()).containsExactly("path 0", "action_name");
  }

  @Test
  void trailingSlashAlsoAsksTheSegmentBeforeItAsTheActionName() {
    // Servers route /api/v1/ as /api/v1: v1 is asked as action_name too; the empty one stays.
    RecordingPolicy p = at(Step.of("action_name"));
    assertThat(PathScanner.mask("/api/v1/", p.run())).isEqualTo("/api/***/");
    assertThat(p.asked()).containsExactly("path 0", "path 1", "action_name", "action_name");
  }

  @Test
  void emptySegmentsAreNotCounted() {
    RecordingPolicy p = at(Step.indexed("path", 1));
    assertThat(PathScanner.mask("//api//secret/x", p.run())).isEqualTo("//api//***/x");
    assertThat(p.asked()).containsExactly("path 0", "path 1", "action_name");
  }

  @Test
  void pathWithoutLeadingSlashStartsAtSegmentZero() {
    assertThat(PathScanner.mask("secret/x", at(Step.indexed("path", 0)).run())).isEqualTo("***/x");
    assertThat(PathScanner.mask("secret", at(Step.of("action_name")).run())).isEqualTo("***");
  }

  @Test
  void originalIsPercentDecodedAndTheMaskPercentEncoded() {
    RecordingPolicy p = RecordingPolicy.point(new MaskAction.KeepFirst(4), Point.of(Step.indexed("path", 0)));
    assertThat(PathScanner.mask("/abc%20def+g/x", p.run())).isEqualTo("/abc%20*****/x");
  }

  @Test
  void removeWritesTheRedactToken() {
    RecordingPolicy p = RecordingPolicy.point(new MaskAction.Remove(), Point.of(Step.indexed("path", 0)));
    assertThat(PathScanner.mask("/secret/x", p.run())).isEqualTo("/***/x");
  }

  @Test
  void matrixParametersAreHashStepsUnderTheirSegment() {
    RecordingPolicy p = RecordingPolicy.names("jsessionid");
    assertThat(PathScanner.mask("/app;jsessionid=ABC123;v=1/x;JSESSIONID=DEF.php", p.run()))
        .isEqualTo("/app;jsessionid=***;v=1/x;JSESSIONID=***");
    assertThat(p.asked())
        .containsExactly("path 0", "path 0 > hash jsessionid", "path 0 > hash v",
            "action_name", "path 1 > hash JSESSIONID");
  }

  @Test
  void lastSegmentNameAndExtStopAtTheFirstSemicolon() {
    RecordingPolicy p = at(Step.of("action_ext"));
    assertThat(PathScanner.mask("/a/login.do;jsessionid=x.y", p.run()))
        .isEqualTo("/a/login.***;jsessionid=x.y");
  }

  @Test
  void selectedSegmentIsMaskedWithItsMatrixParameters() {
    RecordingPolicy p = at(Step.indexed("path", 0));
    assertThat(PathScanner.mask("/app;jsessionid=ABC/x", p.run())).isEqualTo("/***/x");
    assertThat(p.asked()).containsExactly("path 0", "action_name");
  }

  @Test
  void segmentsPastMaxFieldsAreMaskedWithOneNote() {
    MaskRun run = RecordingPolicy.nothing().run(MaskingOptions.builder().maxFields(2).build());
    assertThat(PathScanner.mask("/a/b/c/d.php", run)).isEqualTo("/a/b/***/***");
    assertThat(run.notes()).extracting(Note::kind).containsExactly(Note.Kind.FALLBACK);
  }

  @Test
  void emptyPathIsReturnedAsIs() {
    String empty = "";
    assertThat(PathScanner.mask(empty, RecordingPolicy.names("x").run())).isSameAs(empty);
    assertThat(PathScanner.mask(null, RecordingPolicy.names("x").run())).isNull();
  }

  @Test
  void longPathsFinishQuickly() {
    String path = "/a".repeat(200_000) + "/" + "b".repeat(1 << 20) + ";x=1";
    MaskRun run = new MaskRun(
        f -> "x".equals(f.name()) ? new Decision(MaskAction.redact(), "t") : null,
        MaskingOptions.builder().maxFields(1_000_000).build());
    String out = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> PathScanner.mask(path, run));
    assertThat(out).isEqualTo(path.substring(0, path.length() - 1) + "***");
  }
}
