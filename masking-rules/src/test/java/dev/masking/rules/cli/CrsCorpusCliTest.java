package dev.masking.rules.cli;

import dev.masking.core.Corpora;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The OWASP CRS regression requests, turned into reports with secrets planted in the query,
 * Authorization, X-Api-Key, a session cookie, and a JSON member or form field, through the
 * command-line tool with the default preset: no planted secret may be left, and every other byte
 * must be what masking the same report with the secrets already replaced gives.
 */
final class CrsCorpusCliTest {

  @Test
  void plantedSecretsNeverSurviveTheCommandLineTool() throws IOException {
    Path file = Corpora.require("crs/requests.jsonl");
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    ByteArrayOutputStream planted = new ByteArrayOutputStream();
    List<byte[]> expected = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    Masker masker = Masker.of(RuleSet.preset("default"));
    int n = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode crs = json.readTree(line);
      String[] s = new String[5];
      for (int k = 0; k < s.length; k++) {
        s[k] = "cnry" + n + "x" + k + "q7Zk";
        secrets.add(s[k]);
      }
      AttackReport withSecrets = report(crs, s);
      AttackReport withMasks = report(crs, new String[] {"***", "***", "***", "***", "***"});
      planted.write(ReportJson.write(withSecrets));
      planted.write('\n');
      expected.add(ReportJson.write(masker.mask(withMasks).report()));
      n++;
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = MaskCli.run(new String[] {"--format", "jsonl"},
        new ByteArrayInputStream(planted.toByteArray()), out,
        new PrintStream(err, true, StandardCharsets.UTF_8), false);

    assertThat(status).isZero();
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    String[] got = stdout.split("\n", -1);
    assertThat(got).hasSize(n + 1); // one line per report, then the final newline
    int identical = 0;
    for (int i = 0; i < n; i++) {
      if (got[i].equals(new String(expected.get(i), StandardCharsets.UTF_8))) {
        identical++;
      }
    }
    int leaks = 0;
    for (String secret : secrets) {
      if (stdout.contains(secret) || stderr.contains(secret)) {
        leaks++;
      }
    }
    System.out.println("CRS corpus via CLI: " + n + " reports, " + leaks + " leaks, " + identical
        + " byte-identical to the expected masking");
    assertThat(leaks).isZero();
    assertThat(identical).isEqualTo(n);
    assertThat(n).isGreaterThan(3000);
  }

  /** The CRS request as a report, with the five secrets (or their masks) planted. */
  private static AttackReport report(JsonNode crs, String[] s) {
    HttpRequest.Builder b = HttpRequest.builder()
        .method(crs.path("method").asText(""))
        .protocol(crs.path("version").asText("HTTP/1.1"));
    String uri = crs.path("uri").asText("/");
    int hash = uri.indexOf('#');
    if (hash >= 0) {
      uri = uri.substring(0, hash);
    }
    b.uri(uri + (uri.contains("?") ? "&" : "?") + "access_token=" + s[0]);
    String contentType = null;
    boolean cookieDone = false;
    for (JsonNode h : crs.path("headers")) {
      String name = h.path(0).asText("");
      String value = h.path(1).asText("");
      if (new Header(name, value).is("Content-Type")) {
        contentType = value;
      }
      if (new Header(name, value).is("Cookie") && !cookieDone) {
        value = value + "; sessionid=" + s[3];
        cookieDone = true;
      }
      b.header(name, value);
    }
    b.header("Authorization", "Bearer " + s[1]);
    b.header("X-Api-Key", s[2]);
    if (!cookieDone) {
      b.header("Cookie", "sessionid=" + s[3]);
    }
    byte[] body = crs.has("body_base64")
        ? Base64.getDecoder().decode(crs.get("body_base64").asText()) : new byte[0];
    if (body.length == 0 && contentType == null) {
      b.header("Content-Type", "application/json");
      b.body("{\"password\":\"" + s[4] + "\",\"q\":\"1 OR 1=1\"}");
    } else if (contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).contains("x-www-form-urlencoded")) {
      String sep = body.length == 0 ? "" : "&";
      byte[] extra = (sep + "password=" + s[4]).getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[body.length + extra.length];
      System.arraycopy(body, 0, all, 0, body.length);
      System.arraycopy(extra, 0, all, body.length, extra.length);
      b.body(all);
    } else {
      b.body(body);
      // No JSON member or form field for this body: plant the fifth secret in a header instead.
      b.header("X-Auth-Token", s[4]);
    }
    return new AttackReport(crs.path("id").asText(), null, b.build(), List.of(), Map.of());
  }
}
