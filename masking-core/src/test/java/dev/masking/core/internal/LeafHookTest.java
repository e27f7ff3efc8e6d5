package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The leaf-value hook: every scanner hands each unselected leaf value, with its point pushed, to
 * the run's inspectors and writes back what they rewrite, encoded as a mask is.
 */
final class LeafHookTest {

  private static final String CANARY = "CANARY-7f3a9";

  /** Replaces the canary inside any value and records the points it was asked at. */
  private static final class CanaryInspector implements ValueInspector {
    final List<String> points = new ArrayList<>();
    final List<String> values = new ArrayList<>();

    @Override
    public String inspect(String value, MaskRun run) {
      points.add(run.point().display());
      values.add(value);
      return value.contains(CANARY) ? value.replace(CANARY, "***") : null;
    }
  }

  private final CanaryInspector inspector = new CanaryInspector();

  private MaskRun run(MaskPolicy policy) {
    return new MaskRun(policy, MaskingOptions.defaults(), List.of(inspector));
  }

  private static MaskPolicy selecting(String name) {
    return f -> name.equals(f.name()) ? new Decision(MaskAction.redact(), "t") : null;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void formValuesAreInspectedDecodedAndRewrittenPercentEncoded() {
    MaskRun run = run(selecting("password"));
    run.push(Step.of("post"));
    byte[] in = b("a=x%20" + CANARY + "&password=p&user[id]=" + CANARY + "&empty=");
    String out = s(FormScanner.mask(in, 0, in.length, run, "form_urlencoded"));
    assertThat(out).isEqualTo("a=x%20***&password=***&user[id]=***&empty=");
    assertThat(inspector.points)
        .containsExactly("post > form_urlencoded a", "post > form_urlencoded user > hash id");
    assertThat(inspector.values.get(0)).isEqualTo("x " + CANARY);
    assertThat(run.depth()).isEqualTo(1);
  }

  @Test
  void formValueWithASemicolonReadingIsMaskedWholeWhenAnInspectorRewritesIt() {
    MaskRun run = run(selecting("password"));
    byte[] in = b("q=" + CANARY + ";password=hunter2&r=1");
    String out = s(FormScanner.mask(in, 0, in.length, run, "get"));
    assertThat(out).isEqualTo("q=***&r=1");
    assertThat(out).doesNotContain("hunter2").doesNotContain(CANARY);
  }

  @Test
  void untouchedFormIsNotCopied() {
    MaskRun run = run(MaskPolicy.NONE);
    byte[] in = b("a=1&b=two");
    assertThat(FormScanner.mask(in, 0, in.length, run, "get")).isNull();
    assertThat(inspector.points).containsExactly("get a", "get b");
  }

  @Test
  void pathSegmentsMatrixValuesAndTheLastSegmentAreInspected() {
    MaskRun run = run(MaskPolicy.NONE);
    String out = PathScanner.mask("/u/" + CANARY + ";k=" + CANARY + "/x" + CANARY + ".json", run);
    assertThat(out).isEqualTo("/u/***;k=***/x***.json");
    assertThat(inspector.points)
        .containsExactly("path 0", "path 1", "path 1 > hash k", "path 2");
  }

  @Test
  void headerAndCookieValuesAreInspected() {
    MaskRun run = run(selecting("sid"));
    Headers in = Headers.of("X-Debug", "v=" + CANARY, "Cookie",
        "a=\"" + CANARY + "\"; sid=s3cret; b=2");
    Headers out = HeaderScanner.mask(in, run);
    assertThat(out.first("X-Debug")).isEqualTo("v=***");
    assertThat(out.first("Cookie")).isEqualTo("a=\"***\"; sid=***; b=2");
    assertThat(inspector.points).containsExactly(
        "header X-DEBUG", "header COOKIE > cookie a", "header COOKIE > cookie b");
  }

  @Test
  void cookieWithACommaReadingIsMaskedWholeWhenAnInspectorRewritesIt() {
    MaskRun run = run(selecting("sid"));
    Headers in = Headers.of("Cookie", "a=" + CANARY + ",sid=s3cret; b=2");
    String out = HeaderScanner.mask(in, run).first("Cookie");
    assertThat(out).isEqualTo("a=***; b=2");
  }

  @Test
  void jsonStringsAndNumbersAreInspectedLiteralsAreNot() {
    MaskRun run = run(selecting("password"));
    run.push(Step.of("post"));
    byte[] in = b("{\"a\":\"x\\u0020" + CANARY + "\",\"n\":12,\"t\":true,\"password\":\"p\","
        + "\"arr\":[\"" + CANARY + "\",null],\"e\":\"\"}");
    String out = s(JsonScanner.mask(in, 0, in.length, run));
    // The unchanged start of a rewritten string keeps its escapes as sent (x\u0020).
    assertThat(out).isEqualTo("{\"a\":\"x\\u0020***\",\"n\":12,\"t\":true,\"password\":\"***\","
        + "\"arr\":[\"***\",null],\"e\":\"\"}");
    assertThat(inspector.points).containsExactly("post > json_doc > hash a",
        "post > json_doc > hash n", "post > json_doc > hash arr > array 0");
    assertThat(run.depth()).isEqualTo(1);
  }

  @Test
  void anInspectorThatThrowsMasksTheValueWholeWithANote() {
    ValueInspector broken = (v, r) -> {
      r.push(Step.of("base64"));
      throw new IllegalStateException(v);
    };
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults(), List.of(broken));
    byte[] in = b("a=" + CANARY);
    String out = s(FormScanner.mask(in, 0, in.length, run, "get"));
    assertThat(out).isEqualTo("a=***");
    assertThat(run.depth()).isZero();
    assertThat(run.notes()).hasSize(1);
    assertThat(run.notes().get(0).toString()).doesNotContain(CANARY);
  }

  @Test
  void withoutInspectorsNothingIsDecodedForInspection() {
    MaskRun run =
        new MaskRun(MaskPolicy.NONE, MaskingOptions.builder().maxDecodeLayers(0).build());
    assertThat(run.inspectsValues()).isFalse();
    assertThat(run.inspect("anything")).isNull();
  }
}
