package dev.masking.rules.hardening;

import dev.masking.core.internal.Leaks;
import dev.masking.core.Corpora;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GoTestWAF corpus (payload x encoder x placeholder, as each file lists them) turned into
 * attack reports with five secrets planted (Authorization, a session cookie, X-Api-Key, a {@code
 * password} field in the body or query, and an attack payload repeating that field), masked with
 * the default preset through the Java API and through the command-line tool. Invariants: every
 * report answered; no planted secret in any encoding in the output, notes or stderr; the output
 * does not depend on the secrets' values (the report built with twin secrets masks to the same
 * bytes); the tool and the API agree byte for byte. Prints one summary line.
 */
final class GoTestWafReplayTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** One expansion: the report with secrets, its twin, and the secrets. */
  private record Case(String name, AttackReport report, AttackReport twin, List<String> secrets,
      String evidence) {}

  @Test
  void goTestWafPayloadsWithPlantedSecretsThroughApiAndCommandLine() throws IOException {
    Path dir = Corpora.require("gotestwaf/testcases");
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        String text = Files.readString(f, UTF_8).replace("\\'", "'");
        JsonNode doc = YAML.readTree(text);
        for (JsonNode payload : doc.path("payload")) {
          for (JsonNode encoder : doc.path("encoder")) {
            for (JsonNode placeholder : doc.path("placeholder")) {
              int k = cases.size();
              String encoded = encode(payload.asText(), encoder.asText());
              cases.add(expand(f.getFileName() + "#" + k, k, encoded, placeholder,
                  doc.path("type").asText("attack")));
            }
          }
        }
      }
    }
    assertThat(cases).hasSizeGreaterThan(800);

    Masker masker = Masker.of(RuleSet.preset("default"));
    int leaks = 0;
    int evidence = 0;
    List<String> problems = new ArrayList<>();
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    for (Case c : cases) {
      MaskedReport out = masker.mask(c.report());
      MaskedReport twin = masker.mask(c.twin());
      byte[] written = ReportJson.write(out, true);
      String side = out + " " + out.report() + " " + out.notes();
      for (String s : c.secrets()) {
        if (Leaks.found(written, s) != null || Leaks.found(side.getBytes(UTF_8), s) != null) {
          leaks++;
          problems.add(c.name() + " leaks " + s);
          if (System.getProperty("gtw.debug") != null) {
            System.out.println(new String(ReportJson.write(c.report()), UTF_8));
            System.out.println(new String(written, UTF_8));
          }
        }
      }
      if (!new String(written, UTF_8).equals(new String(ReportJson.write(twin, true), UTF_8))) {
        problems.add(c.name() + ": output depends on the secrets");
      }
      if (c.evidence() != null && Leaks.contains(ReportJson.write(out.report()), c.evidence())) {
        evidence++;
      }
      jsonl.writeBytes(ReportJson.write(c.report()));
      jsonl.write('\n');
      expected.add(new String(ReportJson.write(out.report()), UTF_8));
    }

    MaskCliAccess.Result cli = MaskCliAccess.run(jsonl.toByteArray(), "--format", "jsonl");
    assertThat(cli.status()).isZero();
    String[] lines = cli.stdout().split("\n", -1);
    assertThat(lines).hasSize(cases.size() + 1);
    int agree = 0;
    for (int i = 0; i < cases.size(); i++) {
      if (lines[i].equals(expected.get(i))) {
        agree++;
      }
    }
    int cliLeaks = 0;
    byte[] stderr = cli.stderr().getBytes(UTF_8);
    for (int i = 0; i < cases.size(); i++) {
      byte[] line = lines[i].getBytes(UTF_8);
      for (String s : cases.get(i).secrets()) {
        if (Leaks.found(line, s) != null || Leaks.found(stderr, s) != null) {
          cliLeaks++;
        }
      }
    }
    System.out.println("GoTestWAF corpus: " + cases.size() + " reports, " + leaks
        + " leaks via the API, " + cliLeaks + " via the command line, " + evidence
        + " with the attack payload kept as evidence, " + agree + " CLI lines identical to the API");
    assertThat(problems).isEmpty();
    assertThat(cliLeaks).isZero();
    assertThat(agree).isEqualTo(cases.size());
    assertThat(evidence).isGreaterThan(cases.size() / 2);
  }

  /** GoTestWAF's encoders. */
  static String encode(String payload, String encoder) {
    return switch (encoder) {
      case "URL" -> URLEncoder.encode(payload, UTF_8).replace("+", "%20");
      case "Base64" -> Base64.getEncoder().encodeToString(payload.getBytes(UTF_8));
      case "Base64Flat" -> Base64.getEncoder().withoutPadding()
          .encodeToString(payload.getBytes(UTF_8));
      case "JSUnicode" -> {
        StringBuilder sb = new StringBuilder();
        payload.chars().forEach(ch -> sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", ch)));
        yield sb.toString();
      }
      case "XMLEntity" -> {
        StringBuilder sb = new StringBuilder();
        payload.chars().forEach(ch -> sb.append("&#x").append(Integer.toHexString(ch)).append(';'));
        yield sb.toString();
      }
      default -> payload;
    };
  }

  private static Case expand(String name, int k, String enc, JsonNode placeholder, String type) {
    String[] a = new String[5];
    String[] b = new String[5];
    for (int j = 0; j < 5; j++) {
      a[j] = "gtw" + k + "x" + j + "Z9qA";
      b[j] = "gtw" + k + "x" + j + "Z9qB";
    }
    Function<String[], AttackReport> build = s -> report(k, enc, placeholder, type, s);
    return new Case(name, build.apply(a), build.apply(b), List.of(a), evidenceOf(enc,
        placeholder));
  }

  /** The text the masked report should still show, or null when it sits in a masked part. */
  private static String evidenceOf(String enc, JsonNode placeholder) {
    String kind = placeholder.isObject() ? placeholder.properties().iterator().next().getKey() : placeholder.asText();
    return switch (kind) {
      case "URLParam", "URLPath", "Header", "UserAgent", "HTMLForm", "RequestBody", "gRPC" -> enc;
      default -> null;
    };
  }

  private static AttackReport report(int k, String enc, JsonNode placeholder, String type,
      String[] s) {
    String kind = placeholder.isObject() ? placeholder.properties().iterator().next().getKey() : placeholder.asText();
    JsonNode params = placeholder.isObject() ? placeholder.get(kind) : null;
    HttpRequest.Builder b = HttpRequest.builder().method("POST").uri("/")
        .header("Host", "waf.example")
        .header("Authorization", "Bearer " + s[0])
        .header("Cookie", "theme=dark; session=" + s[1])
        .header("X-Api-Key", s[2]);
    String json = "{\"password\":\"" + s[3] + "\"}";
    Point at;
    Point secretAt = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "password"));
    switch (kind) {
      case "URLParam" -> {
        b.uri("/search?q=" + enc + "&password=" + s[3]);
        at = Point.of(Step.named("get", "q"));
        secretAt = Point.of(Step.named("get", "password"));
      }
      case "URLPath" -> {
        b.uri("/" + enc.replace("?", "%3F").replace("#", "%23"));
        jsonBody(b, json);
        at = Point.of(Step.indexed("path", 0));
      }
      case "Header" -> {
        b.header("X-Payload", enc);
        jsonBody(b, json);
        at = Point.of(Step.named("header", "X-Payload"));
      }
      case "UserAgent" -> {
        b.header("User-Agent", enc);
        jsonBody(b, json);
        at = Point.of(Step.named("header", "User-Agent"));
      }
      case "JSONBody" -> {
        b.uri("/?password=" + s[3]).header("Content-Type", "application/json").body(enc);
        at = Point.of(Step.of("post"));
        secretAt = Point.of(Step.named("get", "password"));
      }
      case "JSONRequest" -> {
        jsonBody(b, "{\"q\":" + jsonString(enc) + ",\"password\":\"" + s[3] + "\"}");
        at = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "q"));
      }
      case "HTMLForm" -> {
        b.header("Content-Type", "application/x-www-form-urlencoded")
            .body("q=" + enc + "&password=" + s[3]);
        at = Point.of(Step.of("post"), Step.of("form_urlencoded"), Step.named("hash", "q"));
        secretAt = Point.of(Step.of("post"), Step.of("form_urlencoded"),
            Step.named("hash", "password"));
      }
      case "HTMLMultipartForm" -> {
        String boundary = "gtwB0undary";
        b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .body("--" + boundary + "\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n" + enc
                + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n" + s[3]
                + "\r\n--" + boundary + "--\r\n");
        at = Point.of(Step.of("post"), Step.of("multipart"), Step.named("hash", "q"));
        secretAt = Point.of(Step.of("post"), Step.of("multipart"), Step.named("hash", "password"));
      }
      case "XMLBody" -> {
        b.header("Content-Type", "application/xml").body("<?xml version=\"1.0\"?><root><q>" + enc
            + "</q><password>" + s[3] + "</password></root>");
        at = Point.of(Step.of("post"), Step.of("xml"));
        secretAt = at;
      }
      case "SOAPBody" -> {
        b.header("Content-Type", "text/xml").body("<soap:Envelope xmlns:soap=\"http://schemas."
            + "xmlsoap.org/soap/envelope/\"><soap:Header><wsse:Security xmlns:wsse=\"urn:wsse\">"
            + "<wsse:Password>" + s[3] + "</wsse:Password></wsse:Security></soap:Header>"
            + "<soap:Body><q>" + enc + "</q></soap:Body></soap:Envelope>");
        at = Point.of(Step.of("post"), Step.of("xml"));
        secretAt = at;
      }
      case "GraphQL" -> {
        if (params != null && "GET".equals(params.path("method").asText())) {
          b.method("GET").uri("/graphql?query=" + enc + "&password=" + s[3]);
          at = Point.of(Step.named("get", "query"));
          secretAt = Point.of(Step.named("get", "password"));
        } else {
          jsonBody(b, "{\"query\":" + jsonString(enc) + ",\"variables\":{\"password\":\"" + s[3]
              + "\"}}");
          at = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "query"));
          secretAt = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "variables"),
              Step.named("hash", "password"));
        }
      }
      case "RawRequest" -> {
        String method = params.path("method").asText("POST");
        String path = params.path("path").asText("/").replace("{{payload}}", enc);
        b.method(method).uri(path + (path.contains("?") ? "&" : "?") + "password=" + s[3]);
        for (Map.Entry<String, JsonNode> h : params.path("headers").properties()) {
          b.header(h.getKey(), h.getValue().asText().replace("{{payload}}", enc));
        }
        b.body(params.path("body").asText("").replace("{{payload}}", enc));
        at = Point.of(Step.of("post"));
        secretAt = Point.of(Step.named("get", "password"));
      }
      default -> { // RequestBody, gRPC: opaque bodies
        b.uri("/?password=" + s[3]).header("Content-Type", "gRPC".equals(kind)
            ? "application/grpc" : "text/plain").body(enc);
        at = Point.of(Step.of("post"));
        secretAt = Point.of(Step.named("get", "password"));
      }
    }
    List<Attack> attacks = List.of(Attack.of(type, at, enc),
        Attack.of("credential echo", secretAt, "password=" + s[3]),
        Attack.of("echo", null, "token " + s[3] + " again"));
    return new AttackReport("gtw-" + k, null, b.build(), attacks, Map.of());
  }

  private static void jsonBody(HttpRequest.Builder b, String json) {
    b.header("Content-Type", "application/json").body(json);
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
