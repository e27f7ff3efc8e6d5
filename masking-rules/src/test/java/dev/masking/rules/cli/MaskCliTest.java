package dev.masking.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of DESIGN.md section 5: formats, exit statuses, streams. */
final class MaskCliTest {

  private record Result(int status, String out, String err) {}

  private static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = MaskCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        out, new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Result(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static String report(String id, String body) {
    return "{\"id\":\"" + id + "\",\"request\":{\"method\":\"POST\",\"uri\":\"/login\","
        + "\"headers\":[[\"Content-Type\",\"application/x-www-form-urlencoded\"]],"
        + "\"body\":\"" + body + "\"},\"attacks\":[]}";
  }

  @Test
  void readsStdinAndMasksWithTheDefaultPreset() {
    Result r = run(report("a", "user=bob&password=cnry-cli-1"));
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("password=***").doesNotContain("cnry-cli-1");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonLinesKeepOrderOneLinePerReport() {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      in.append(report("r" + i, "password=cnry-" + i)).append('\n');
    }
    Result r = run(in.toString(), "--format", "jsonl");
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(lines[i]).startsWith("{\"id\":\"r" + i + "\"").doesNotContain("cnry-" + i + "\"");
    }
  }

  @Test
  void autoFormatDetectsJsonLines() {
    Result r = run(report("x", "password=cnry-a") + "\n" + report("y", "password=cnry-b") + "\n");
    assertThat(r.out().split("\n")).hasSize(2);
    assertThat(r.out()).doesNotContain("cnry-a").doesNotContain("cnry-b");
  }

  @Test
  void aLineThatIsNotAReportGetsAPlaceholderAndNoContentOnStderr() {
    Result r = run(report("x", "a=1") + "\n{\"request\": cnry-garbage}\n" + report("y", "b=2")
        + "\n", "--format", "jsonl");
    assertThat(r.status()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).contains("not an attack report");
    assertThat(r.out() + r.err()).doesNotContain("cnry-garbage");
    assertThat(r.err()).contains("<stdin>:2");
  }

  @Test
  void rawHttpWithNothingSelectedComesOutByteForByte() {
    String req = "GET /search?q=%3Cscript%3E HTTP/1.1\r\nHost: a.example\r\nX-Odd:  spaced \r\n\r\n";
    Result r = run(req, "--format", "http");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo(req);
  }

  @Test
  void rawHttpWithTabsInTheRequestLineIsMaskedInEveryFormat() {
    String req = "GET\t/a?token=cnry-tab-1\tHTTP/1.1\r\nHost: a\r\n\r\n";
    for (String format : new String[] {"auto", "http"}) {
      Result r = run(req, "--format", format);
      assertThat(r.status()).as(format).isZero();
      assertThat(r.out()).as(format).isEqualTo("GET /a?token=*** HTTP/1.1\r\nHost: a\r\n\r\n");
    }
  }

  @Test
  void rawHttpIsMaskedAndExplainGoesToStderr() {
    String req = "POST /login HTTP/1.1\nHost: a\nCookie: PHPSESSID=cnry-sess\n"
        + "Content-Type: application/x-www-form-urlencoded\n\nuser=bob&password=cnry-pw";
    Result r = run(req, "--explain");
    assertThat(r.out()).startsWith("POST /login HTTP/1.1\nHost: a\n")
        .contains("PHPSESSID=***").endsWith("user=bob&password=***");
    assertThat(r.err()).contains("explain: MASKED").doesNotContain("cnry");
  }

  @Test
  void explainAddsNotesWithoutValues() {
    Result r = run(report("a", "password=cnry-explain"), "--explain");
    assertThat(r.out()).contains("\"masking\":{\"notes\":[\"MASKED post > form_urlencoded password")
        .doesNotContain("cnry-explain");
  }

  @Test
  void unknownOptionIsUsageErrorWithNothingOnStdout() {
    Result r = run("", "--frobnicate");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("unknown option '--frobnicate'");
  }

  @Test
  void badRuleFileIsUsageErrorWithPosition(@TempDir Path dir) throws IOException {
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "{\"rules\": [\n  {\"id\": \"x\", \"point\": [\"hsah\", \"a\"]}\n]}");
    Result r = run(report("a", "password=1"), "--rules", rules.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("hsah").contains("rules.json:2:").contains("did you mean 'hash'");
  }

  @Test
  void hmacRulesWithoutKeyAreUsageErrors(@TempDir Path dir) throws IOException {
    Path rules = dir.resolve("h.json");
    Files.writeString(rules, "{\"rules\":[{\"id\":\"h\",\"names\":[\"token\"],\"action\":\"hmac\"}]}");
    assertThat(run("", "--rules", rules.toString()).status()).isEqualTo(2);
    Path key = dir.resolve("key");
    Files.writeString(key, "0123456789abcdef0123456789abcdef");
    Result r = run(report("a", "token=cnry-hmac"), "--rules", rules.toString(),
        "--hmac-key-file", key.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).containsPattern("token=hmac%3Ak1%3A[0-9a-f]{12}|token=hmac:k1:[0-9a-f]{12}")
        .doesNotContain("cnry-hmac");
  }

  @Test
  void missingInputFileIsAnIoFailure() {
    Result r = run("", "/no/such/file.json");
    assertThat(r.status()).isEqualTo(1);
  }
}
