package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Rewriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Rewriter asks {@link MaskPolicy#bind} once per report and notes its explanation. */
final class PolicyBindTest {

  private static final AttackReport REPORT = AttackReport.of(HttpRequest.builder().method("GET")
      .uri("/x?password=cnry-bind&keep=1").build());

  /** Selects {@code password} only when bound to a report whose URI starts with {@code /x}. */
  private static final class Conditional implements MaskPolicy {
    final AtomicInteger binds = new AtomicInteger();
    /** Null when unbound; else whether the rule applies. */
    final Boolean applies;

    Conditional(Boolean applies) {
      this.applies = applies;
    }

    @Override
    public Decision decide(Field f) {
      return applies != Boolean.FALSE && "password".equals(f.name())
          ? new Decision(MaskAction.redact(), "c") : null;
    }

    @Override
    public boolean selectsAnything() {
      return applies != Boolean.FALSE;
    }

    @Override
    public MaskPolicy bind(AttackReport report) {
      binds.incrementAndGet();
      return new Conditional(report.request().uri().startsWith("/x"));
    }

    @Override
    public List<String> explain() {
      return applies == null ? List.of()
          : List.of(applies ? "rule c: uri regex matched" : "rule c: not applied");
    }
  }

  @Test
  void theBoundPolicyDecidesAndItsExplanationBecomesInfoNotes() {
    Conditional p = new Conditional(null);
    MaskedReport m = Rewriter.mask(REPORT, p, MaskingOptions.defaults());
    assertThat(p.binds.get()).isEqualTo(1);
    assertThat(m.report().request().uri()).isEqualTo("/x?password=***&keep=1");
    assertThat(m.notes()).first().isEqualTo(
        new Note(Note.Kind.INFO, null, null, null, "rule c: uri regex matched"));
    assertThat(m.notes().toString()).doesNotContain("cnry-bind");
  }

  @Test
  void aBoundPolicyThatSelectsNothingKeepsTheReportAndStillExplains() {
    Conditional p = new Conditional(null);
    AttackReport other = AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/y?password=1").build());
    MaskedReport m = Rewriter.mask(other, p, MaskingOptions.defaults());
    assertThat(m.report()).isSameAs(other);
    assertThat(m.changed()).isFalse();
    assertThat(m.notes()).extracting(Note::reason).containsExactly("rule c: not applied");
  }

  @Test
  void thePlainPolicyBindsToItselfAndExplainsNothing() {
    MaskPolicy p = f -> null;
    assertThat(p.bind(REPORT)).isSameAs(p);
    assertThat(p.explain()).isEmpty();
  }
}
