package dev.masking.rules.hardening;

import dev.masking.core.internal.Leaks;
import dev.masking.core.Corpora;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import dev.masking.rules.cli.MaskCliAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JSONTestSuite's parsing cases as JSON bodies of reports, with secrets planted in the query, the
 * Authorization header, a session cookie and (for documents that are objects) a {@code password}
 * member appended, through the API and the command-line tool: every report answered, no secret
 * left, the tool and the API agree, and a body Jackson reads strictly stays readable.
 */
final class JsonTestSuiteReplayTest {
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Test
  void jsonTestSuiteBodiesWithPlantedSecretsThroughApiAndCommandLine() throws IOException {
    Path dir = Corpora.require("jsontestsuite/test_parsing");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    Masker masker = Masker.of(RuleSet.preset("default"));
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    List<List<String>> secrets = new ArrayList<>();
    int leaks = 0;
    int stayedValid = 0;
    int valid = 0;
    for (int i = 0; i < files.size(); i++) {
      byte[] body = Files.readAllBytes(files.get(i));
      String s = "jts" + i + "Zq";
      byte[] planted = plant(body, s + "m");
      AttackReport r = new AttackReport("jts-" + i, null, HttpRequest.builder().method("POST")
          .uri("/api?password=" + s + "q").header("Authorization", "Bearer " + s + "a")
          .header("Cookie", "session=" + s + "c").header("Content-Type", "application/json")
          .body(planted).build(),
          List.of(Attack.of("probe", Point.of(Step.of("post")), "x")), Map.of());
      List<String> mine = new ArrayList<>(List.of(s + "q", s + "a", s + "c"));
      if (planted != body) {
        mine.add(s + "m");
      }
      MaskedReport out = masker.mask(r);
      byte[] written = ReportJson.write(out, true);
      for (String x : mine) {
        if (Leaks.found(written, x) != null) {
          leaks++;
        }
      }
      if (readable(planted)) {
        valid++;
        if (readable(out.report().request().body())) {
          stayedValid++;
        }
      }
      jsonl.writeBytes(ReportJson.write(r));
      jsonl.write('\n');
      expected.add(new String(ReportJson.write(out.report()), UTF_8));
      secrets.add(mine);
    }
    MaskCliAccess.Result cli = MaskCliAccess.run(jsonl.toByteArray(), "--format", "jsonl");
    String[] lines = cli.stdout().split("\n", -1);
    int agree = 0;
    int cliLeaks = 0;
    for (int i = 0; i < files.size() && i < lines.length; i++) {
      if (lines[i].equals(expected.get(i))) {
        agree++;
      }
      for (String x : secrets.get(i)) {
        if (Leaks.found(lines[i].getBytes(UTF_8), x) != null || cli.stderr().contains(x)) {
          cliLeaks++;
        }
      }
    }
    System.out.println("JSONTestSuite bodies: " + files.size() + " reports, " + leaks
        + " leaks via the API, " + cliLeaks + " via the command line, " + stayedValid + "/" + valid
        + " strictly valid bodies still valid, " + agree + " CLI lines identical to the API");
    assertThat(files).hasSizeGreaterThan(300);
    assertThat(cli.status()).isZero();
    assertThat(lines).hasSize(files.size() + 1);
    assertThat(leaks).isZero();
    assertThat(cliLeaks).isZero();
    assertThat(stayedValid).isEqualTo(valid);
    assertThat(agree).isEqualTo(files.size());
  }

  /** The body with a password member added after an opening brace, or the body itself. */
  private static byte[] plant(byte[] body, String secret) {
    int i = 0;
    while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r'
        || body[i] == '\t')) {
      i++;
    }
    if (i >= body.length || body[i] != '{') {
      return body;
    }
    byte[] member = ("\"password\":\"" + secret + "\",").getBytes(UTF_8);
    int j = i + 1;
    int k = j;
    while (k < body.length && (body[k] == ' ' || body[k] == '\n' || body[k] == '\t')) {
      k++;
    }
    if (k < body.length && body[k] == '}') {
      member = ("\"password\":\"" + secret + "\"").getBytes(UTF_8);
    }
    byte[] out = new byte[body.length + member.length];
    System.arraycopy(body, 0, out, 0, j);
    System.arraycopy(member, 0, out, j, member.length);
    System.arraycopy(body, j, out, j + member.length, body.length - j);
    return out;
  }

  private static boolean readable(byte[] b) {
    try {
      STRICT.readTree(b);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
