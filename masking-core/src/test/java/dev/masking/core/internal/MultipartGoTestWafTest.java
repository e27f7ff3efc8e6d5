package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays the GoTestWAF payloads meant for the HTMLMultipartForm placeholder (read from
 * ../shared/corpora/gotestwaf, never copied) as multipart bodies: each payload as a field value and
 * as a field name, between parts holding planted secrets. No secret may survive; every other byte
 * stays.
 */
final class MultipartGoTestWafTest {

  private static Path corpora() {
    String prop = System.getProperty("masking.corpora");
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared").resolve("corpora");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  /** Payloads of every test case file whose placeholders include HTMLMultipartForm. */
  private static List<String> payloads() throws IOException {
    Path root = corpora();
    Path dir = root == null ? null : root.resolve("gotestwaf").resolve("testcases");
    if (dir == null || !Files.isDirectory(dir)) {
      System.out.println("MultipartGoTestWafTest skipped: gotestwaf/testcases not found "
          + "(set -Dmasking.corpora=DIR)");
      Assumptions.abort("GoTestWAF corpus absent");
    }
    List<String> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, UTF_8);
      if (lines.stream().noneMatch(l -> l.trim().equals("- HTMLMultipartForm"))) {
        continue;
      }
      boolean inPayload = false;
      for (String l : lines) {
        if (!l.startsWith(" ")) {
          inPayload = l.startsWith("payload:");
          continue;
        }
        if (inPayload && l.startsWith("  - ")) {
          out.add(scalar(l.substring(4)));
        }
      }
    }
    return out;
  }

  /** A YAML flow scalar, roughly: quotes stripped, the common escapes resolved. */
  private static String scalar(String s) {
    if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\n", "\n")
          .replace("\\t", "\t").replace("\\\\", "\\");
    }
    return s;
  }

  private static final String[] SECRETS = {"gtw-cnry-pass-01", "gtw-cnry-file-02\r\nmore",
      "gtw-cnry-b64-03", "gtw-cnry-hdr-04"};

  @Test
  void gotestwafMultipartPayloadsKeepEveryByteButThePlantedSecrets() throws IOException {
    List<String> payloads = payloads();
    assertThat(payloads).hasSizeGreaterThan(100);
    RecordingPolicy names = RecordingPolicy.names("password", "private_key", "token", "x-api-key");
    Point file = Point.of(Step.of("post"), Step.named("multipart", "upload"), Step.of("file"));
    Random r = new Random(3);
    int n = 0;
    for (String payload : payloads) {
      String b = Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
      String d = "--" + b + "\r\n";
      String[] in = {
        d + "Content-Disposition: form-data; name=\"password\"\r\n\r\n", SECRETS[0],
        "\r\n" + d + "Content-Disposition: form-data; name=\"f" + n + "\"\r\n\r\n" + payload
            + "\r\n" + d + "Content-Disposition: form-data; name=\"" + payload + "\"\r\n\r\nTest\r\n"
            + d + "Content-Disposition: form-data; name=\"upload\"; filename=\"a.bin\"\r\n\r\n",
        SECRETS[1],
        "\r\n" + d + "Content-Disposition: form-data; name=\"token\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n",
        Base64.getEncoder().encodeToString(SECRETS[2].getBytes(UTF_8)),
        "\r\n" + d + "Content-Disposition: form-data; name=\"n\"\r\nX-Api-Key: ", SECRETS[3],
        "\r\n\r\n" + payload + "\r\n--" + b + "--\r\n"};
      String[] masks = {null, "***", null, "***", null, "Kioq", null, "***", null};
      StringBuilder body = new StringBuilder();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < in.length; i++) {
        body.append(in[i]);
        expected.append(masks[i] == null ? in[i] : masks[i]);
      }
      RecordingPolicy p = new RecordingPolicy(f -> names.decide(f) != null
          || f.point().equals(file), MaskAction.redact());
      byte[] out = MultipartTesting.maskBytes(body.toString().getBytes(UTF_8),
          "multipart/form-data; boundary=" + b, p, MaskingOptions.defaults());
      String text = out == null ? body.toString() : new String(out, UTF_8);
      for (String s : SECRETS) {
        assertThat(text).as("payload %s", n).doesNotContain(s.substring(0, 15));
      }
      assertThat(text).as("payload %s", n).isEqualTo(expected.toString());
      n++;
    }
    assertThat(n).isEqualTo(payloads.size());
  }
}
