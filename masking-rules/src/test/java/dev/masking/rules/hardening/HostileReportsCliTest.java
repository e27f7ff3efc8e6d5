package dev.masking.rules.hardening;

import dev.masking.core.internal.Leaks;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.io.ReportJson;
import dev.masking.rules.cli.MaskCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": the held-out hostile reports (extreme depth, counts and sizes, entity
 * bombs, XXE, broken multipart framings, bad UTF-8, escaped names, truncated bodies,
 * object-valued secrets), generated at test time into one JSON Lines file, go through the
 * command-line tool in well under two minutes with every report answered, no planted secret left
 * (stdout or stderr, any encoding) and nothing read from a DTD.
 */
final class HostileReportsCliTest {

  @Test
  void hostileReportsGoThroughTheCommandLineToolQuicklyAndLeaveNoSecret(@TempDir Path tmp)
      throws IOException {
    List<HostileInputs.Row> rows = HostileInputs.rows();
    Path input = tmp.resolve("hostile.jsonl");
    List<List<String>> secrets = new ArrayList<>();
    try (OutputStream out = Files.newOutputStream(input)) {
      for (HostileInputs.Row row : rows) {
        out.write(ReportJson.write(row.report().get()));
        out.write('\n');
        secrets.add(row.secrets());
      }
      // Truncated reports: a line cut inside a body string, and one cut after a name.
      out.write("{\"request\":{\"method\":\"POST\",\"uri\":\"/\",\"headers\":[],\"body\":\"{\\\"password\\\":\\\"trA1"
          .getBytes(UTF_8));
      out.write('\n');
      out.write("{\"request\":{\"method\":\"GET\",\"uri\":\"/?password=trA2\",\"headers\":[[\"Cookie\""
          .getBytes(UTF_8));
      out.write('\n');
    }
    secrets.add(List.of("trA1"));
    secrets.add(List.of("trA2"));

    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int status;
    try (InputStream in = Files.newInputStream(input)) {
      status = MaskCli.run(new String[] {"--format", "jsonl", "--explain"}, in, stdout,
          new PrintStream(stderr, true, UTF_8), false);
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    byte[] all = stdout.toByteArray();
    List<byte[]> lines = split(all);
    byte[] err = stderr.toByteArray();
    int leaks = 0;
    for (int i = 0; i < Math.min(lines.size(), secrets.size()); i++) {
      for (String s : secrets.get(i)) {
        if (Leaks.found(lines.get(i), s) != null || Leaks.found(err, s) != null) {
          leaks++;
        }
      }
    }
    System.out.println("Hostile reports via CLI: " + secrets.size() + " reports, " + lines.size()
        + " answered, " + leaks + " leaks, " + seconds + " s");
    assertThat(status).isZero();
    assertThat(lines).hasSize(secrets.size());
    assertThat(leaks).isZero();
    assertThat(Leaks.contains(all, HostileInputs.DTD_FILE_MARKER)).as("read from a DTD").isFalse();
    assertThat(seconds).as("well under two minutes").isLessThan(120);
  }

  private static List<byte[]> split(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int s = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        out.add(Arrays.copyOfRange(b, s, i));
        s = i + 1;
      }
    }
    if (s < b.length) {
      out.add(Arrays.copyOfRange(b, s, b.length));
    }
    return out;
  }
}
