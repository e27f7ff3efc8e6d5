package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.util.List;

/** Runs {@link MultipartScanner} the way the rewriter does: {@code post} pushed first. */
final class MultipartTesting {
  private MultipartTesting() {}

  static final String CT = "multipart/form-data; boundary=XyZ";

  /** The last run, for its notes. */
  static MaskRun lastRun;

  static String mask(String body, String contentType, MaskPolicy p) {
    return mask(body, contentType, p, MaskingOptions.defaults());
  }

  static String mask(String body, String contentType, MaskPolicy p, MaskingOptions o) {
    byte[] out = maskBytes(body.getBytes(UTF_8), contentType, p, o);
    return out == null ? null : new String(out, UTF_8);
  }

  static byte[] maskBytes(byte[] src, String contentType, MaskPolicy p, MaskingOptions o) {
    MaskRun run = new MaskRun(p, o);
    run.push(Step.of("post"));
    byte[] out = MultipartScanner.mask(src, 0, src.length, contentType, run);
    assertThat(run.depth()).as("run left at its entry depth").isEqualTo(1);
    lastRun = run;
    return out;
  }

  /** The body masked, or the body itself when the scanner reports no change. */
  static String masked(String body, String contentType, MaskPolicy p) {
    String out = mask(body, contentType, p);
    return out == null ? body : out;
  }

  static List<String> fallbackNotes() {
    return lastRun.notes().stream().filter(n -> n.kind() == Note.Kind.FALLBACK)
        .map(Note::reason).toList();
  }

  /** A form-data part with CRLF line endings. */
  static String part(String name, String value) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  static String end() {
    return "--XyZ--\r\n";
  }
}
