package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The raw-byte pre-check of the leaf-value hook ({@link MaskRun#mayInspect}) never skips a value
 * an inspector would change: each inspector's byte test says yes wherever its string test finds
 * something, and scans give the same bytes and notes with the pre-check on and off, over values
 * from the JSONTestSuite, CRS and GoTestWAF corpora (when present) and generated values holding
 * every trigger.
 */
final class InspectPrecheckTest {

  private static final ObjectMapper JACKSON = new ObjectMapper();

  private static final String[] FRAGMENTS = {
    "@", "a@b.co", "user.name+tag@example.com", "://", "https://u:p4ss@host/x", "ftp://a:b@c",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu"
        + "\n-----END RSA PRIVATE KEY-----", "-----BEGIN ", "-----",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3"
        + "I9PlFUP0THsR8U", "eyJ", "eyJhbGciOiJub25lIn0.e30.", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
    "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "AKIA", "AIzaSyD-1234567890abcdefghijklmnopqrstu",
    "AIza", "ghp_0123456789abcdefghijklmnopqrstuvwxyz", "gho_", "ghu_", "ghs_", "ghr_",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ", "gh",
    "xoxb-123456789012-abcdefghijkl", "xoxp-", "xox", "sk_live_0123456789abcdefABCDEF",
    "rk_live_0123456789abcdefABCDEF", "sk_live_", "DE89370400440532013000", "GB82WEST12345698765432",
    "GB82 WEST 1234 5698 7654 32", "DE", "123-45-6789", "123 45 6789", "078-05-1120",
    "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5500005555555559",
    "378282246310005", "6011111111111117", "1234567890123", "41111111", "12345678901234567890",
    "{\"password\":\"x\"}", "[1,2]", "{", "<a>x</a>", "<?xml version=\"1.0\"?><r/>", "<",
    "a=b&c=d", "password=secret", "=", "==", "%41%42", "%", "%2", "%7B%22a%22%3A1%7D",
    "cGFzc3dvcmQ9c2VjcmV0", "eyJwYXNzd29yZCI6InNlY3JldCJ9", "H4sIAAAAAAAAA", "YWJj", "YQ==",
    "a.b.c", ".", "..", "x.y", "é", "€", "😀", "\u0000", "\t", "\n", " ", "  ", "\\", "\"",
    "Alice", "bob", "hello world", "0", "42", "3.14", "-1e10", "Z", "AB", "ABCD", "abcdefgh",
    "e", "g", "x", "s", "r", "k_live_", "A", "K", "S", "I", ":", "/", "-", "+", "&", ";", "'",
  };

  private static List<String> values() throws IOException {
    List<String> out = new ArrayList<>(Arrays.asList(FRAGMENTS));
    Random r = new Random(7);
    for (int i = 0; i < 6000; i++) {
      StringBuilder b = new StringBuilder();
      int parts = 1 + r.nextInt(5);
      for (int p = 0; p < parts; p++) {
        String f = FRAGMENTS[r.nextInt(FRAGMENTS.length)];
        if (r.nextInt(4) == 0 && f.length() > 2) {
          int s = r.nextInt(f.length());
          f = f.substring(s, s + r.nextInt(f.length() - s) + 1); // a piece of a trigger
        }
        b.append(f);
        if (r.nextInt(3) == 0) {
          b.append(" \t\n-:@./=%&".charAt(r.nextInt(11)));
        }
      }
      out.add(b.toString());
    }
    Path root = corpora();
    if (root != null) {
      Path suite = root.resolve("jsontestsuite").resolve("test_parsing");
      if (Files.isDirectory(suite)) {
        try (Stream<Path> s = Files.list(suite)) {
          for (Path p : s.sorted().toList()) {
            out.add(new String(Files.readAllBytes(p), UTF_8));
          }
        }
      }
      Path crs = root.resolve("crs").resolve("requests.jsonl");
      if (Files.isRegularFile(crs)) {
        for (String line : Files.readAllLines(crs, UTF_8)) {
          JsonNode n = JACKSON.readTree(line);
          for (JsonNode field : n) {
            if (field.isTextual()) {
              out.add(field.asText());
            }
          }
          for (JsonNode h : n.path("headers")) {
            out.add(h.path(1).asText());
          }
        }
      }
      Path waf = root.resolve("gotestwaf").resolve("testcases");
      if (Files.isDirectory(waf)) {
        try (Stream<Path> s = Files.walk(waf)) {
          for (Path p : s.filter(x -> x.toString().endsWith(".yml")).sorted().toList()) {
            for (String l : Files.readAllLines(p, UTF_8)) {
              if (l.startsWith("  - ")) {
                out.add(l.substring(4));
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static Path corpora() {
    String prop = System.getProperty("masking.corpora");
    if (prop != null && !prop.isBlank()) {
      return java.nio.file.Paths.get(prop);
    }
    for (Path p = java.nio.file.Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared").resolve("corpora");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  private static boolean finds(Detection d, String v) {
    Detection.Spans spans = new Detection.Spans();
    d.find(v, spans);
    return spans.size() > 0;
  }

  @Test
  void byteTestsSayYesWhereverTheStringTestsFindSomething() throws IOException {
    List<Detection> engines = new ArrayList<>();
    engines.add(new Detection(Arrays.asList(Detector.values())));
    for (Detector d : Detector.values()) {
      engines.add(new Detection(List.of(d)));
    }
    int promising = 0;
    int found = 0;
    for (String v : values()) {
      byte[] b = v.getBytes(UTF_8);
      byte[] padded = new byte[b.length + 4];
      System.arraycopy(b, 0, padded, 2, b.length);
      if (NestedLayers.promising(v)) {
        promising++;
        assertThat(NestedLayers.promising(b, 0, b.length)).as("nested layers, value %s", v).isTrue();
        assertThat(NestedLayers.promising(padded, 2, 2 + b.length)).isTrue();
        for (String escaped : jsonForms(v)) {
          byte[] e = escaped.getBytes(UTF_8);
          assertThat(NestedLayers.promisingJson(e, 1, e.length - 1))
              .as("nested layers, escaped value %s", escaped).isTrue();
        }
      }
      for (Detection d : engines) {
        if (finds(d, v)) {
          found++;
          assertThat(d.mayFind(b, 0, b.length)).as("detectors, value %s", v).isTrue();
          assertThat(d.mayFind(padded, 2, 2 + b.length)).isTrue();
        }
      }
    }
    assertThat(promising).isGreaterThan(100);
    assertThat(found).isGreaterThan(100);
  }

  /** {@code v} as JSON strings: as Jackson writes it, with slashes escaped, every char escaped. */
  private static List<String> jsonForms(String v) throws IOException {
    String plain = JACKSON.writeValueAsString(v);
    return List.of(plain, plain.replace("/", "\\/"), unicodeEscaped(v));
  }

  @Test
  void escapedStringTestSaysYesWhereverTheDecodedStringIsPromising() throws IOException {
    int promising = 0;
    int skipped = 0;
    for (String v : values()) {
      for (String escaped : jsonForms(v)) {
        byte[] e = escaped.getBytes(UTF_8);
        boolean json = NestedLayers.promisingJson(e, 1, e.length - 1);
        if (NestedLayers.promising(v)) {
          promising++;
          assertThat(json).as("escaped value %s", escaped).isTrue();
        } else if (!json) {
          skipped++;
        }
      }
    }
    assertThat(promising).isGreaterThan(100);
    assertThat(skipped).isGreaterThan(1000);
    byte[] plainEscaped = "\"hello\\nworld \\\"quoted\\\" caf\u00e9\"".getBytes(UTF_8);
    assertThat(NestedLayers.promisingJson(plainEscaped, 1, plainEscaped.length - 1)).isFalse();
  }

  @Test
  void byteTestsSkipPlainValues() {
    Detection all = new Detection(Arrays.asList(Detector.values()));
    for (String v : List.of("Alice", "hello world", "Sunnyvale, CA", "2024-01-01", "true",
        "some plain sentence of text", "42", "Ünïcödé wörds")) {
      byte[] b = v.getBytes(UTF_8);
      assertThat(all.mayFind(b, 0, b.length) || NestedLayers.promising(b, 0, b.length))
          .as(v).isFalse();
    }
  }

  @Test
  void jsonScanGivesTheSameBytesAndNotesWithAndWithoutThePrecheck() throws IOException {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    Decision pw = new Decision(MaskAction.redact(), "pw");
    MaskPolicy policy = new MaskPolicy() {
      @Override
      public Decision decide(dev.masking.core.Field f) {
        return "password".equals(f.name()) ? pw : null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
    List<String> values = values();
    Random r = new Random(11);
    int changed = 0;
    for (int i = 0; i < values.size(); i += 8) {
      StringBuilder doc = new StringBuilder("{");
      for (int k = i; k < Math.min(values.size(), i + 8); k++) {
        String v = values.get(k);
        String quoted = JACKSON.writeValueAsString(v);
        if (r.nextInt(3) == 0) {
          quoted = unicodeEscaped(v); // every character as \\uXXXX
        }
        doc.append(k == i ? "" : ",").append("\"f").append(k).append("\":").append(quoted);
        if (r.nextInt(4) == 0) {
          doc.append(",\"n").append(k).append("\":").append(r.nextLong());
        }
      }
      doc.append(",\"arr\":[\"4111111111111111\",1234567890123456,\"x\"]}");
      byte[] json = doc.toString().getBytes(UTF_8);
      JsonTesting.Result on = JsonTesting.scan(json, policy, MaskingOptions.defaults());
      JsonTesting.Result off;
      MaskRun.precheck = false;
      try {
        off = JsonTesting.scan(json, policy, MaskingOptions.defaults());
      } finally {
        MaskRun.precheck = true;
      }
      assertThat(on.text()).isEqualTo(off.text());
      assertThat(on.notes()).isEqualTo(off.notes());
      if (on.text() != null) {
        changed++;
      }
    }
    assertThat(changed).isGreaterThan(50);
  }

  private static String unicodeEscaped(String v) {
    StringBuilder u = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      u.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
    }
    return u.append('"').toString();
  }
}
