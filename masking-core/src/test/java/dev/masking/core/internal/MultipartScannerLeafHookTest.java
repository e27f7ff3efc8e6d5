package dev.masking.core.internal;

import static dev.masking.core.internal.MultipartTesting.CT;
import static dev.masking.core.internal.MultipartTesting.end;
import static dev.masking.core.internal.MultipartTesting.part;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unselected text parts go to the leaf hook decoded; what it rewrites is re-encoded. */
final class MultipartScannerLeafHookTest {
  private static final String CANARY = "CANARY-m9";

  private final List<String> points = new ArrayList<>();
  private final List<String> values = new ArrayList<>();

  private String mask(String body) {
    ValueInspector inspector = (value, run) -> {
      points.add(run.point().display());
      values.add(value);
      return value.contains(CANARY) ? value.replace(CANARY, "***") : null;
    };
    MaskRun run = new MaskRun(RecordingPolicy.names("password"), MaskingOptions.defaults(),
        List.of(inspector));
    run.push(Step.of("post"));
    byte[] in = body.getBytes(UTF_8);
    byte[] out = MultipartScanner.mask(in, 0, in.length, CT, run);
    assertThat(run.depth()).isEqualTo(1);
    return out == null ? null : new String(out, UTF_8);
  }

  @Test
  void textPartsAreInspectedAtTheirPointAndFilesAndSelectedPartsAreNot() {
    String body = part("a", "x " + CANARY) + part("password", "p") + part("b", "plain")
        + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"t.txt\"\r\n\r\n" + CANARY
        + "\r\n" + end();
    String out = mask(body);
    assertThat(out).isEqualTo(part("a", "x ***") + part("password", "***") + part("b", "plain")
        + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"t.txt\"\r\n\r\n" + CANARY
        + "\r\n" + end());
    assertThat(points).containsExactly("post > multipart a", "post > multipart b");
    assertThat(values).containsExactly("x " + CANARY, "plain");
  }

  @Test
  void encodedPartsAreInspectedDecodedAndRewrittenInTheirEncoding() {
    String b64 = Base64.getEncoder().encodeToString(("k=" + CANARY).getBytes(UTF_8));
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"q\"\r\n"
        + "Content-Transfer-Encoding: quoted-printable\r\n\r\nv=3D" + CANARY + "\r\n" + end();
    String out = mask(body);
    // Each decoded, then as sent (after the decoded reading's rewrite): most servers ignore
    // Content-Transfer-Encoding.
    assertThat(values).containsExactly("k=" + CANARY,
        Base64.getEncoder().encodeToString("k=***".getBytes(UTF_8)), "v=" + CANARY, "v=3D***");
    assertThat(out).isEqualTo(body
        .replace(b64, Base64.getEncoder().encodeToString("k=***".getBytes(UTF_8)))
        .replace("v=3D" + CANARY, "v=3D***"));
  }

  @Test
  void nestedNamelessTextPartsAreInspectedAsTheEnclosingField() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"files\"\r\n"
        + "Content-Type: multipart/mixed; boundary=In\r\n\r\n--In\r\n\r\n" + CANARY + "\r\n--In--\r\n"
        + end();
    assertThat(mask(body)).isEqualTo(body.replace(CANARY, "***"));
    assertThat(points).containsExactly("post > multipart files");
  }
}
