package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import org.junit.jupiter.api.Test;

/**
 * The decoded originals the JSON scanner records for masked values (what the residual sweep
 * searches for): a string's escapes are decoded whether or not the string before it held one, a
 * plain string is taken as it is, and every masked value has its note and its point; the point
 * stack is left as it was entered, also when members in between were pushed lazily.
 */
final class JsonScannerMaskedValuesTest {

  /** Selects names starting with {@code secret}; its pre-filter rules out every other name. */
  private static final MaskPolicy SECRETS = new MaskPolicy() {
    @Override
    public Decision decide(Field f) {
      return f.name() != null && f.name().startsWith("secret")
          ? new Decision(MaskAction.redact(), "s") : null;
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      return new String(name, from, to - from, UTF_8).startsWith("secret");
    }
  };

  private static MaskRun scan(String json) {
    MaskRun run = new MaskRun(SECRETS, MaskingOptions.defaults());
    run.push(Step.of("post"), null);
    byte[] b = json.getBytes(UTF_8);
    byte[] out = JsonScanner.mask(b, 0, b.length, run);
    assertThat(run.depth()).isEqualTo(1);
    assertThat(new String(out, UTF_8)).doesNotContain("CANARY");
    return run;
  }

  @Test
  void escapedAndPlainOriginalsAreDecodedInTurn() {
    MaskRun run = scan("{\"a\":\"x\\\"y\",\"secret1\":\"CANARY\\\"1\\u0041\",\"b\":{\"c\":\"q\\\\\"},"
        + "\"secret2\":\"CANARY-2\",\"d\":\"e\\n\",\"secret3\":\"CANARY\\/3\","
        + "\"secret4\":\"CANARY-4\",\"secret5\":[\"CANARY\\t5\"],\"secret6\":12}");
    assertThat(run.maskedValues()).containsExactly("CANARY\"1A", "CANARY-2", "CANARY/3",
        "CANARY-4", "[\"CANARY\\t5\"]", "12");
    assertThat(run.notes()).filteredOn(n -> n.kind() == Note.Kind.MASKED).hasSize(6);
    assertThat(run.maskedPoints()).extracting(m -> m.point().display()).containsExactly(
        "post > json_doc > hash secret1", "post > json_doc > hash secret2",
        "post > json_doc > hash secret3", "post > json_doc > hash secret4",
        "post > json_doc > hash secret5", "post > json_doc > hash secret6");
  }

  @Test
  void pointsBelowLazilyPushedMembersAreWhole() {
    MaskRun run = scan("{\"outer\":{\"mid\":[{\"x\":1},{\"secret\":\"CANARY-7\"}]},"
        + "\"other\":{\"secret\":\"CANARY\\u0020\"}}");
    assertThat(run.maskedPoints()).extracting(m -> m.point().display()).containsExactly(
        "post > json_doc > hash outer > hash mid > array 1 > hash secret",
        "post > json_doc > hash other > hash secret");
    // "CANARY": the trimmed reading of "CANARY " (OtherReadings), hunted too.
    assertThat(run.maskedValues()).containsExactly("CANARY-7", "CANARY ", "CANARY");
  }
}
