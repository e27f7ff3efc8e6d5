package dev.masking.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

final class ReportLinesTest {

  private static final String CANARY = "hunter2canary";

  private static List<ReportLines.Line> readAll(InputStream in, int max) {
    List<ReportLines.Line> out = new ArrayList<>();
    ReportLines lines = ReportLines.read(in, max);
    while (lines.hasNext()) {
      out.add(lines.next());
    }
    return out;
  }

  private static List<ReportLines.Line> readAll(String s) {
    return readAll(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)),
        ReportLines.DEFAULT_MAX_LINE_BYTES);
  }

  private static String id(ReportLines.Line l) {
    return ((ReportLines.Ok) l).report().id();
  }

  @Test
  void badLineInTheMiddleYieldsOkBadOkInOrder() {
    List<ReportLines.Line> lines = readAll("{\"id\":\"a\",\"request\":{}}\n"
        + "{\"request\": " + CANARY + "}\n"
        + "{\"id\":\"c\",\"request\":{}}\n");

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isInstanceOf(ReportLines.Ok.class);
    assertThat(id(lines.get(0))).isEqualTo("a");
    assertThat(lines.get(1)).isInstanceOf(ReportLines.Bad.class);
    assertThat(lines.get(1).lineNumber()).isEqualTo(2);
    ReportLines.Bad bad = (ReportLines.Bad) lines.get(1);
    assertThat(bad.reason()).startsWith("input is not valid JSON at column ")
        .doesNotContain(CANARY);
    assertThat(id(lines.get(2))).isEqualTo("c");
    assertThat(lines.get(2).lineNumber()).isEqualTo(3);
  }

  @Test
  void blankLinesAreSkippedButCounted() {
    List<ReportLines.Line> lines = readAll("\n  \t\r\n{\"id\":\"a\",\"request\":{}}\r\n\r\n\n"
        + "{\"id\":\"b\",\"request\":{}}");

    assertThat(lines).extracting(ReportLines.Line::lineNumber).containsExactly(3L, 6L);
    assertThat(lines).extracting(ReportLinesTest::id).containsExactly("a", "b");
  }

  @Test
  void emptyInputYieldsNothingAndNextThrows() {
    ReportLines lines = ReportLines.read(new ByteArrayInputStream(new byte[0]));

    assertThat(lines.hasNext()).isFalse();
    assertThatThrownBy(lines::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void writtenLinesReadBackEqual() throws IOException {
    List<AttackReport> reports = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] body = new byte[i];
      for (int j = 0; j < i; j++) {
        body[j] = (byte) (j * 37 + i); // some bodies are not UTF-8
      }
      reports.add(new AttackReport("r" + i, i % 2 == 0 ? null : "app", HttpRequest.builder()
          .method("POST").uri("/x?i=" + i + "\n").header("X-I", "v\r\n" + i).body(body).build(),
          List.of(), java.util.Map.of()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (AttackReport r : reports) {
      ReportLines.write(out, r);
    }
    ReportLines.write(out, new MaskedReport(reports.get(0), List.of()), true);

    List<ReportLines.Line> lines = readAll(new ByteArrayInputStream(out.toByteArray()),
        ReportLines.DEFAULT_MAX_LINE_BYTES);

    assertThat(lines).hasSize(51);
    for (int i = 0; i < 50; i++) {
      assertThat(((ReportLines.Ok) lines.get(i)).report()).isEqualTo(reports.get(i));
      assertThat(lines.get(i).lineNumber()).isEqualTo(i + 1);
    }
    AttackReport explained = ((ReportLines.Ok) lines.get(50)).report();
    assertThat(explained.extra()).containsOnlyKeys("masking");
  }

  @Test
  void tooLongLineIsReportedAndSkippedWithoutStoppingTheStream() {
    int max = 1024;
    // an 8 MiB line of a report holding the canary, produced lazily
    byte[] head = ("{\"request\":{},\"x\":\"" + CANARY).getBytes(StandardCharsets.UTF_8);
    long longLine = 8L << 20;
    byte[] tail = "\"}\n{\"id\":\"after\",\"request\":{}}\n".getBytes(StandardCharsets.UTF_8);
    InputStream in = new InputStream() {
      long i;

      @Override
      public int read() {
        long total = longLine + tail.length;
        if (i >= total) {
          return -1;
        }
        long k = i++;
        if (k < head.length) {
          return head[(int) k];
        }
        if (k < longLine) {
          return 'a';
        }
        return tail[(int) (k - longLine)];
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int n = 0;
        while (n < len) {
          int c = read();
          if (c < 0) {
            return n == 0 ? -1 : n;
          }
          b[off + n++] = (byte) c;
        }
        return n;
      }
    };

    List<ReportLines.Line> lines = readAll(in, max);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(new ReportLines.Bad(1, "line longer than 1024 bytes"));
    assertThat(id(lines.get(1))).isEqualTo("after");
    assertThat(lines.get(1).lineNumber()).isEqualTo(2);
  }

  @Test
  void lineOfExactlyTheMaximumIsRead() {
    String report = "{\"id\":\"x\",\"request\":{}}";
    int max = report.length();

    List<ReportLines.Line> ok = readAll(new ByteArrayInputStream(
        (report + "\n").getBytes(StandardCharsets.UTF_8)), max);
    List<ReportLines.Line> bad = readAll(new ByteArrayInputStream(
        (report + " \n").getBytes(StandardCharsets.UTF_8)), max);

    assertThat(ok.get(0)).isInstanceOf(ReportLines.Ok.class);
    assertThat(bad.get(0)).isInstanceOf(ReportLines.Bad.class);
  }

  @Test
  void oneByteAtATimeStreamGivesTheSameLines() {
    byte[] data = ("{\"id\":\"a\",\"request\":{}}\n\n[1]\n{\"id\":\"b\",\"request\":{}}")
        .getBytes(StandardCharsets.UTF_8);
    InputStream trickle = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };

    List<ReportLines.Line> slow = readAll(trickle, 16);
    List<ReportLines.Line> fast = readAll(new ByteArrayInputStream(data), 16);

    assertThat(slow).isEqualTo(fast);
    assertThat(slow).extracting(ReportLines.Line::lineNumber).containsExactly(1L, 3L, 4L);
    assertThat(slow.get(0)).isInstanceOf(ReportLines.Bad.class); // 24 bytes > 16
    assertThat(((ReportLines.Bad) slow.get(1)).reason()).isEqualTo("a report is a JSON object at column 1");
  }

  @Test
  void readFailureIsUnchecked() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };
    ReportLines lines = ReportLines.read(broken);

    assertThatThrownBy(lines::hasNext).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void nonPositiveMaximumIsRejected() {
    assertThatThrownBy(() -> ReportLines.read(new ByteArrayInputStream(new byte[0]), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
