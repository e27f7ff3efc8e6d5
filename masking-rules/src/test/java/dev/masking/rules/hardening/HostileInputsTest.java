package dev.masking.rules.hardening;

import dev.masking.core.internal.Leaks;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every item of the hostile-inputs list ({@link HostileInputs}) through the masker with the default
 * preset: no exception; no planted secret in the output, notes or {@code toString()} in any
 * encoding; nothing read from a DTD; the evidence text kept unless its part was masked whole with
 * a fallback note; masking the output again changes nothing.
 */
final class HostileInputsTest {
  private static final Masker MASKER = Masker.of(RuleSet.preset("default"));

  static Stream<HostileInputs.Row> rows() {
    return HostileInputs.rows().stream();
  }

  @Test
  void everyItemOfTheHostileInputsListHasARow() {
    List<HostileInputs.Row> rows = HostileInputs.rows();
    assertThat(rows).hasSize(81);
    assertThat(rows.stream().map(HostileInputs.Row::section).distinct())
        .containsExactly("names", "json", "xml", "multipart", "query", "headers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void hostileInputIsMaskedWithoutLeakOrCrashAndKeepsEvidence(HostileInputs.Row row) {
    AttackReport in = row.report().get();
    MaskedReport out = MASKER.mask(in);
    byte[] written = ReportJson.write(out, true);
    byte[] side = (out + "\n" + out.report() + "\n" + out.report().request() + "\n"
        + out.report().attacks() + "\n" + out.notes()).getBytes(UTF_8);
    for (String s : row.secrets()) {
      assertThat(Leaks.found(written, s)).as("secret %s in the output", s).isNull();
      assertThat(Leaks.found(side, s)).as("secret %s in toString or notes", s).isNull();
    }
    assertThat(Leaks.contains(written, HostileInputs.DTD_FILE_MARKER)).as("read from a DTD")
        .isFalse();
    boolean fellBack = out.notes().stream().anyMatch(n -> n.kind() == Note.Kind.FALLBACK);
    if (row.evidence() != null) {
      assertThat(Leaks.contains(written, row.evidence()) || fellBack)
          .as("evidence kept, or a fallback note says why not").isTrue();
    }
    assertThat(out.report().request().headers().first("X-Evidence")).isEqualTo("EVID-kept");
    if (!fellBack) {
      assertThat(new String(ReportJson.write(MASKER.mask(out.report()).report()), UTF_8))
          .as("idempotent").isEqualTo(new String(ReportJson.write(out.report()), UTF_8));
    }
  }
}
