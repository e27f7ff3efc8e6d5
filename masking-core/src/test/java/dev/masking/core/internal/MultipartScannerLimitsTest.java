package dev.masking.core.internal;

import static dev.masking.core.internal.MultipartTesting.CT;
import static dev.masking.core.internal.MultipartTesting.end;
import static dev.masking.core.internal.MultipartTesting.fallbackNotes;
import static dev.masking.core.internal.MultipartTesting.mask;
import static dev.masking.core.internal.MultipartTesting.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.MaskingOptions;
import org.junit.jupiter.api.Test;

final class MultipartScannerLimitsTest {

  private static MaskingOptions parts(int n) {
    return MaskingOptions.builder().maxMultipartParts(n).build();
  }

  @Test
  void defaultsAreExplicit() {
    MaskingOptions o = MaskingOptions.defaults();
    assertThat(o.maxMultipartParts()).isEqualTo(1_000);
    assertThat(o.maxPartHeaderBytes()).isEqualTo(8 * 1024);
    assertThat(o.toString()).contains("maxMultipartParts=1000", "maxPartHeaderBytes=8192");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> MaskingOptions.builder().maxMultipartParts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMultipartParts");
    assertThatThrownBy(() -> MaskingOptions.builder().maxPartHeaderBytes(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPartHeaderBytes");
  }

  @Test
  void partsUpToTheLimitAreScannedOneByOne() {
    String body = part("a", "1") + part("b", "2") + part("password", "hunter2") + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password"), parts(3)))
        .isEqualTo(part("a", "1") + part("b", "2") + part("password", "***") + end());
    assertThat(fallbackNotes()).isEmpty();
  }

  @Test
  void partsPastTheLimitAreMaskedWholeWithANote() {
    String body = "pre\r\n" + part("a", "1") + part("b", "2") + part("password", "hunter2")
        + part("c", "3") + end() + "epi";
    String out = mask(body, CT, RecordingPolicy.names("password"), parts(2));
    assertThat(out).isEqualTo("pre\r\n" + part("a", "1") + part("b", "2") + "--XyZ\r\n***\r\n"
        + end() + "epi");
    assertThat(fallbackNotes())
        .containsExactly("more multipart parts than maxMultipartParts; the rest is masked whole");
  }

  @Test
  void aHundredThousandPartsAreBounded() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      b.append(part("p" + i, "v"));
    }
    b.append(part("password", "hunter2")).append(end());
    String out = mask(b.toString(), CT, RecordingPolicy.names("password"));
    assertThat(out).doesNotContain("hunter2").startsWith(part("p0", "v")).endsWith("***\r\n" + end());
  }

  @Test
  void headerBlockAtTheLimitIsRead() {
    String head = "Content-Disposition: form-data; name=\"password\"";
    int limit = head.length() + 1; // the header line with its LF
    String body = "--XyZ\n" + head + "\n\nhunter2\n--XyZ--";
    MaskingOptions o = MaskingOptions.builder().maxPartHeaderBytes(limit).build();
    assertThat(mask(body, CT, RecordingPolicy.names("password"), o))
        .isEqualTo(body.replace("hunter2", "***"));
    assertThat(fallbackNotes()).isEmpty();
  }

  @Test
  void headerBlockPastTheLimitMasksThatPartOnly() {
    String big = "X-Pad: " + "a".repeat(10_000);
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n" + big + "\r\n\r\nhello\r\n"
        + part("user", "bob") + end();
    String out = mask(body, CT, RecordingPolicy.names("password"));
    assertThat(out).isEqualTo("--XyZ\r\n***\r\n" + part("user", "bob") + end());
    assertThat(fallbackNotes())
        .containsExactly("multipart part header longer than maxPartHeaderBytes; part masked whole");
  }
}
