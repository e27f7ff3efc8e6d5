package dev.masking.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays OWASP CRS regression requests (../shared/corpora/crs/requests.jsonl, never copied into
 * the project) through the report writer and reader, and through the raw HTTP writer and parser.
 */
final class CrsCorpusReplayTest {

  private static final int LINES = 300;

  private static Path crsFile() {
    return dev.masking.core.Corpora.require("crs/requests.jsonl");
  }

  /** One CRS line as a report: id, method, uri, version, headers, body_base64, rest as extras. */
  private static AttackReport toReport(JsonNode line, int index) {
    HttpRequest.Builder b = HttpRequest.builder()
        .method(line.path("method").asText(""))
        .uri(line.path("uri").asText(""))
        .protocol(line.hasNonNull("version") ? line.get("version").asText() : null);
    for (JsonNode h : line.path("headers")) {
      b.header(h.get(0).asText(), h.get(1).asText());
    }
    if (line.hasNonNull("body_base64")) {
      b.body(Base64.getDecoder().decode(line.get("body_base64").asText()));
    }
    // alternate the transport so that both writer paths (and the non-UTF-8 fallback) run
    b.bodyTransport(index % 2 == 0
        ? HttpRequest.BodyTransport.TEXT : HttpRequest.BodyTransport.BASE64);
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    for (String k : List.of("source", "expect_ids")) {
      if (line.has(k)) {
        extra.put(k, line.get(k));
      }
    }
    return new AttackReport(line.path("id").asText(null), null, b.build(), List.of(), extra);
  }

  private static void assertSameRequestParts(HttpRequest actual, HttpRequest expected) {
    assertThat(actual.method()).isEqualTo(expected.method());
    assertThat(actual.uri()).isEqualTo(expected.uri());
    assertThat(actual.protocol()).isEqualTo(expected.protocol());
    assertThat(actual.headers().asList()).isEqualTo(expected.headers().asList());
    assertThat(actual.body()).isEqualTo(expected.body());
  }

  /** Whether the raw HTTP form can hold this request's parts exactly. */
  private static boolean httpRepresentable(HttpRequest r) {
    if (r.method().isEmpty() || !r.method().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")
        || r.protocol() == null || !r.protocol().startsWith("HTTP/") || r.protocol().contains(" ")
        || hasLineBreak(r.uri())) {
      return false;
    }
    for (Header h : r.headers()) {
      if (h.name().isEmpty() || h.name().contains(":") || hasLineBreak(h.name())
          || hasLineBreak(h.value()) || h.value().startsWith(" ") || h.value().startsWith("\t")
          || h.name().startsWith(" ") || h.name().startsWith("\t")) {
        return false;
      }
      for (int i = 0; i < h.value().length(); i++) {
        if (h.value().charAt(i) > 0xFF) {
          return false;
        }
      }
    }
    for (int i = 0; i < r.uri().length(); i++) {
      if (r.uri().charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }

  @Test
  void crsRequestsSurviveJsonAndRawHttpRoundTrips() throws IOException {
    Path file = crsFile();
    ObjectMapper mapper = new ObjectMapper();
    int replayed = 0;
    int viaHttp = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String s;
      while (replayed < LINES && (s = in.readLine()) != null) {
        AttackReport report = toReport(mapper.readTree(s), replayed);

        byte[] json = ReportJson.write(report);
        AttackReport back = ReportJson.read(json);

        assertThat(back).as(report.id()).isEqualTo(report);
        assertSameRequestParts(back.request(), report.request());
        assertThat(ReportJson.write(back)).isEqualTo(json);

        if (httpRepresentable(report.request())) {
          HttpRequest raw = RawHttp.parse(RawHttp.write(report.request()));
          assertSameRequestParts(raw, report.request());
          viaHttp++;
        }
        replayed++;
      }
    }
    assertThat(replayed).isEqualTo(LINES);
    assertThat(viaHttp).isGreaterThan(LINES / 2);
    System.out.println("CrsCorpusReplayTest: " + replayed + " JSON round trips, " + viaHttp
        + " raw HTTP round trips");
  }

  @Test
  void crsRequestsStreamAsJsonLines() throws IOException {
    Path file = crsFile();
    ObjectMapper mapper = new ObjectMapper();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    List<AttackReport> reports = new java.util.ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String s;
      while (reports.size() < LINES && (s = in.readLine()) != null) {
        AttackReport r = toReport(mapper.readTree(s), reports.size());
        reports.add(r);
        ReportLines.write(out, r);
      }
    }

    int i = 0;
    try (ReportLines lines = ReportLines.read(new java.io.ByteArrayInputStream(out.toByteArray()))) {
      while (lines.hasNext()) {
        ReportLines.Line l = lines.next();
        assertThat(l).isInstanceOf(ReportLines.Ok.class);
        assertThat(((ReportLines.Ok) l).report()).isEqualTo(reports.get(i++));
      }
    }
    assertThat(i).isEqualTo(LINES);
  }
}
