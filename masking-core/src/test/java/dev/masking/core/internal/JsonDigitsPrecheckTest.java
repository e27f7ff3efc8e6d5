package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.NamePrefixes;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON scanner passes over digit numbers and digit strings that {@link
 * NestedLayers#inertDigits} clears without decoding them as base64, when no rule can select a
 * {@code base64} step. These tests hold that to the nested layers themselves: under a policy that
 * selects every field found inside a value (any layer, any name, form, JSON or XML field) but the
 * {@code base64} step, no cleared text is changed or noted by {@link NestedLayers#inspect}; texts
 * the test does not clear (a group decoding to {@code =}) are changed by it, so the test can fail;
 * and the scanner's output and notes equal those with the pre-checks off, for random bodies of
 * digit values, including under a policy that does select the {@code base64} step.
 */
final class JsonDigitsPrecheckTest {

  private static final Decision INSIDE = new Decision(MaskAction.redact(), "inside");

  /**
   * Selects every field deeper than {@code post > json_doc > hash NAME} except a {@code base64}
   * step, and says so through {@link NamePrefixes} (no rule selects a base64 step), as a compiled
   * rule set without base64 point rules does.
   */
  private static final class Inside implements MaskPolicy, NamePrefixes {
    private final boolean base64;

    Inside(boolean base64) {
      this.base64 = base64;
    }

    @Override
    public Decision decide(Field f) {
      if (f.depth() <= 3) {
        return null;
      }
      return base64 || !"base64".equals(f.last().parser()) ? INSIDE : null;
    }

    @Override
    public long[] namePrefixBits(String parser) {
      return null;
    }

    @Override
    public boolean maySelectIndexed(String parser) {
      return base64 || !"base64".equals(parser);
    }
  }

  private static String digits(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  /** What {@link NestedLayers#inspect} makes of {@code value} at a member, and whether it noted. */
  private static boolean changedByLayers(String value, MaskPolicy policy) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"));
    run.push(Step.of("json_doc"));
    run.push(Step.named("hash", "n"));
    String r = NestedLayers.INSTANCE.inspect(value, run);
    return r != null || !run.notes().isEmpty();
  }

  private static boolean inert(String s) {
    byte[] b = s.getBytes(UTF_8);
    return NestedLayers.inertDigits(b, 0, b.length);
  }

  @Test
  void clearedDigitTextsAreNeverChangedByTheNestedLayers() {
    MaskPolicy policy = new Inside(false);
    int cleared = 0;
    int promising = 0;
    // Every text of four digits (one group), then random ones up to 40 digits.
    List<String> texts = new ArrayList<>();
    for (int k = 0; k < 10_000; k++) {
      texts.add(String.format(java.util.Locale.ROOT, "%04d", k));
    }
    Random r = new Random(11);
    for (int k = 0; k < 60_000; k++) {
      texts.add(digits(r, 4 + r.nextInt(37)));
    }
    for (String s : texts) {
      if (!inert(s)) {
        continue;
      }
      cleared++;
      byte[] b = s.getBytes(UTF_8);
      if (NestedLayers.promising(b, 0, b.length)) {
        promising++; // the ones the scanner decoded before
      }
      assertThat(changedByLayers(s, policy)).as(s).isFalse();
    }
    assertThat(cleared).isGreaterThan(40_000);
    assertThat(promising).as("cleared texts the full pre-check lets through").isGreaterThan(2_000);
  }

  @Test
  void aGroupDecodingToAnEqualsSignCanMakeFormTextSoItIsNotCleared() {
    // 3409 decodes to DF 8D 3D, a two-byte character and '=': twice, it is the form text
    // "\u07cd=\u07cd=", a field with a value.
    assertThat(inert("34093409")).isFalse();
    assertThat(changedByLayers("34093409", new Inside(false))).isTrue();
    int changed = 0;
    for (int k = 0; k < 10_000; k++) {
      String s = String.format(java.util.Locale.ROOT, "%04d%04d", k, k);
      if (!inert(s) && changedByLayers(s, new Inside(false))) {
        changed++;
      }
    }
    assertThat(changed).as("texts only the '=' rule keeps decoded").isGreaterThan(0);
    // Without a selected base64 step but with a non-digit byte, the test does not apply at all.
    assertThat(inert("340a")).isFalse();
    assertThat(inert("-3400")).isFalse();
  }

  @Test
  void aPolicySelectingTheBase64StepStillSeesClearedDigits() {
    // 3400 decodes to DF 8D 34, printable text: a rule on the base64 step masks it.
    assertThat(inert("3400")).isTrue();
    assertThat(changedByLayers("3400", new Inside(true))).isTrue();
    JsonTesting.Result r = JsonTesting.scan("{\"n\":3400,\"s\":\"3400\"}", new Inside(true));
    // The masked text is written back base64-encoded, as the layer was.
    assertThat(r.text()).isEqualTo("{\"n\":\"Kioq\",\"s\":\"Kioq\"}");
  }

  @Test
  void scannerOutputEqualsThatWithThePrechecksOffForRandomDigitBodies() {
    Random r = new Random(5);
    int changedBodies = 0;
    for (boolean base64 : new boolean[] {false, true}) {
      MaskPolicy policy = new Inside(base64);
      for (int k = 0; k < 3_000; k++) {
        StringBuilder b = new StringBuilder("{");
        int members = 1 + r.nextInt(6);
        for (int m = 0; m < members; m++) {
          if (m > 0) {
            b.append(',');
          }
          String d = r.nextInt(4) == 0 ? "1" + digits(r, 3 + r.nextInt(20))
              : String.format(java.util.Locale.ROOT, "%d%03d", 1 + r.nextInt(9), r.nextInt(1000));
          b.append("\"m").append(m).append("\":");
          b.append(r.nextBoolean() ? d : "\"" + d + "\"");
        }
        String doc = b.append('}').toString();
        JsonTesting.Result on = JsonTesting.scan(doc, policy);
        JsonTesting.Result off;
        MaskRun.precheck = false;
        try {
          off = JsonTesting.scan(doc, policy);
        } finally {
          MaskRun.precheck = true;
        }
        assertThat(on.text()).as(doc).isEqualTo(off.text());
        assertThat(notes(on)).as(doc).isEqualTo(notes(off));
        if (on.text() != null) {
          changedBodies++;
        }
      }
    }
    assertThat(changedBodies).as("bodies the layers did change").isGreaterThan(100);
  }

  private static List<String> notes(JsonTesting.Result r) {
    List<String> out = new ArrayList<>();
    for (Note n : r.notes()) {
      out.add(n.kind() + " " + n.point() + " " + n.ruleId());
    }
    return out;
  }
}
