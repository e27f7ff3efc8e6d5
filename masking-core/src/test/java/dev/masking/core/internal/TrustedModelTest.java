package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The library-only factories of {@link ModelAccess} build objects equal to the public factories'
 * and as immutable from outside.
 */
final class TrustedModelTest {

  @Test
  void trustedPointEqualsTheCopiedOneAndIsUnmodifiable() {
    Step[] steps = {Step.of("post"), Step.of("json_doc"), Step.named("hash", "password")};
    Point trusted = ModelAccess.get().point(steps.clone());
    Point copied = Point.of(steps);
    assertThat(trusted).isEqualTo(copied);
    assertThat(copied).isEqualTo(trusted);
    assertThat(trusted.hashCode()).isEqualTo(copied.hashCode());
    assertThat(trusted.steps()).isEqualTo(copied.steps());
    assertThat(trusted.display()).isEqualTo("post > json_doc > hash password");
    assertThat(trusted.toFlatList()).isEqualTo(copied.toFlatList());
    assertThatThrownBy(() -> trusted.steps().set(0, Step.of("get")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> trusted.steps().add(Step.of("get")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void trustedPointRejectsANullStep() {
    assertThatThrownBy(() -> ModelAccess.get().point(new Step[] {Step.of("post"), null}))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void trustedRequestKeepsEveryOtherPartAndTheBodyUncopied() {
    HttpRequest base = HttpRequest.builder().method("POST").uri("/a?x=1").protocol("HTTP/1.1")
        .header("Content-Type", "text/plain").body("secret").bodyTransport(
            HttpRequest.BodyTransport.BASE64).build();
    byte[] body = "***".getBytes(StandardCharsets.UTF_8);
    Headers headers = Headers.of("Content-Type", "text/plain", "X-A", "1");
    HttpRequest out = ModelAccess.get().request(base, "/a?x=***", headers, body);
    assertThat(out.method()).isEqualTo("POST");
    assertThat(out.protocol()).isEqualTo("HTTP/1.1");
    assertThat(out.bodyTransport()).isEqualTo(HttpRequest.BodyTransport.BASE64);
    assertThat(out.uri()).isEqualTo("/a?x=***");
    assertThat(out.headers()).isSameAs(headers);
    assertThat(out.bodyUnsafe()).isSameAs(body);
    assertThat(out.body()).isNotSameAs(body).isEqualTo(body);
    HttpRequest kept = ModelAccess.get().request(base, base.uri(), base.headers(), null);
    assertThat(kept).isEqualTo(base);
    assertThat(ModelAccess.get().request(base, "/", base.headers(), new byte[0]).bodyLength())
        .isZero();
  }

  @Test
  void headersAreKeptWithoutACopyAndReadOnly() {
    dev.masking.core.Header[] owned = {new dev.masking.core.Header("A", "1"),
        new dev.masking.core.Header("B", "2"), null};
    Headers h = ModelAccess.get().headers(owned, 2);
    assertThat(h.size()).isEqualTo(2);
    assertThat(h).isEqualTo(Headers.of("A", "1", "B", "2"));
    assertThat(h.hashCode()).isEqualTo(Headers.of("A", "1", "B", "2").hashCode());
    assertThat(h.asList()).containsExactly(owned[0], owned[1]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.get(2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.asList().add(owned[0]))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ModelAccess.get().headers(owned, 0)).isSameAs(Headers.empty());
  }

  @Test
  void ownedNotesAreKeptByTheMaskedReportWithoutACopyAndCannotBeChanged() {
    dev.masking.core.Note a = new dev.masking.core.Note(dev.masking.core.Note.Kind.INFO, null,
        null, null, "a");
    dev.masking.core.Note b = new dev.masking.core.Note(dev.masking.core.Note.Kind.INFO, null,
        null, null, "b");
    java.util.List<dev.masking.core.Note> notes =
        ModelAccess.get().notes(new dev.masking.core.Note[] {a, b});
    dev.masking.core.MaskedReport m = new dev.masking.core.MaskedReport(
        dev.masking.core.AttackReport.of(HttpRequest.builder().method("GET").uri("/").build()),
        notes);
    assertThat(m.notes()).isSameAs(notes).containsExactly(a, b).isEqualTo(java.util.List.of(a, b));
    assertThat(m.notes().hashCode()).isEqualTo(java.util.List.of(a, b).hashCode());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.notes().add(a))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.notes().set(0, b))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.notes().get(2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ModelAccess.get().notes(new dev.masking.core.Note[] {a, null}))
        .isInstanceOf(NullPointerException.class);
    // Any other list is still copied.
    java.util.List<dev.masking.core.Note> mine = new java.util.ArrayList<>(java.util.List.of(a));
    dev.masking.core.MaskedReport c = new dev.masking.core.MaskedReport(m.report(), mine);
    mine.add(b);
    assertThat(c.notes()).containsExactly(a);
  }

  @Test
  void anotherImplementationCannotReplaceTheLibrarys() {
    ModelAccess before = ModelAccess.get();
    ModelAccess.install(new ModelAccess() {
      @Override
      protected HttpRequest request(HttpRequest base, String uri, Headers headers, byte[] body) {
        return base;
      }

      @Override
      protected Point point(Step[] owned) {
        return Point.empty();
      }

      @Override
      protected Headers headers(dev.masking.core.Header[] owned, int n) {
        return Headers.empty();
      }

      @Override
      protected java.util.List<dev.masking.core.Note> notes(dev.masking.core.Note[] owned) {
        return java.util.List.of();
      }
    });
    assertThat(ModelAccess.get()).isSameAs(before);
  }
}
