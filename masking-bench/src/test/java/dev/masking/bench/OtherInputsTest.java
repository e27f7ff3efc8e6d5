package dev.masking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The non-JSON benchmark inputs have their advertised shape, and peers agree with ours. */
final class OtherInputsTest {

  @Test
  void logbookFormFilterGivesOursOutput() {
    byte[] body = Inputs.formBody();
    MaskedReport ours = Masker.of(Inputs.formRules())
        .mask(Inputs.bodyOnly(FormBenchmark.CONTENT_TYPE, body));
    String peer = FormBenchmark.logbookFilter()
        .filter(FormBenchmark.CONTENT_TYPE, new String(body, StandardCharsets.UTF_8));

    String masked = new String(ours.report().request().bodyUnsafe(), StandardCharsets.UTF_8);
    assertThat(peer).isEqualTo(masked);
    assertThat(masked).doesNotContain("hunter2").doesNotContain("Xk29fj3Lq0pZ8wE7");
    assertThat(body.length).isBetween(90, 130);
  }

  @Test
  void fullReportIsAboutTwoKilobytesAndMasked() {
    AttackReport r = Inputs.fullReport();
    int size = r.request().uri().length() + r.request().bodyLength();
    for (Header h : r.request().headers()) {
      size += h.name().length() + h.value().length() + 4;
    }
    assertThat(size).isBetween(1800, 2300);
    MaskedReport out = Masker.of(RuleSet.preset("default")).mask(r);
    String body = new String(out.report().request().bodyUnsafe(), StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("4111111111111111", "at-93jfK2lq0ZpXw8e7r6t5y4", "hunter2");
    assertThat(out.report().request().uri()).doesNotContain("k-55aa77bb99cc");
  }

  @Test
  void soapIsAboutTwoKilobytesAndMaskedFieldByField() {
    byte[] body = Inputs.soap();
    assertThat(body.length).isBetween(1800, 2400);
    MaskedReport out = Masker.of(RuleSet.preset("default"))
        .mask(Inputs.bodyOnly("text/xml; charset=utf-8", body));
    String xml = new String(out.report().request().bodyUnsafe(), StandardCharsets.UTF_8);
    assertThat(xml).doesNotContain("s3cr3t", "4111111111111111", ">123<")
        .contains("<wsse:Password Type=\"PasswordText\">***</wsse:Password>")
        .contains("<pay:Holder>Bob Tables</pay:Holder>");
  }

  @Test
  void multipartHoldsAOneMegabyteFileKeptWhileThePasswordIsMasked() {
    byte[] body = Inputs.multipart();
    assertThat(body.length).isBetween(1024 * 1024, 1024 * 1024 + 1024);
    String head = new String(body, 0, 400, StandardCharsets.ISO_8859_1);
    assertThat(head).contains("name=\"password\"").contains("filename=\"a.bin\"");
    MaskedReport out = Masker.of(RuleSet.preset("default")).mask(Inputs.bodyOnly(
        "multipart/form-data; boundary=" + Inputs.MULTIPART_BOUNDARY, body));
    byte[] masked = out.report().request().bodyUnsafe();
    String text = new String(masked, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("hunter2");
    // Only "hunter2" (7 bytes) became "***" (3): the file part is copied through.
    assertThat(masked.length).isEqualTo(body.length - 4);
    assertThat(text.substring(text.length() - 2000))
        .isEqualTo(new String(body, StandardCharsets.ISO_8859_1).substring(body.length - 2000));
  }
}
