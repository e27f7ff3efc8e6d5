package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays GoTestWAF payloads (read from ../shared/corpora/gotestwaf, never copied) in XML bodies
 * that hold planted WS-Security secrets: XMLBody payloads as raw markup before and inside the
 * document, every payload of every placeholder as escaped element text and attribute values. No
 * secret may survive; every other byte stays.
 */
final class XmlGoTestWafTest {

  private static final String PASS = "gtw-xml-pass-0001";
  private static final String NONCE = "gtw-xml-nonce-0002";
  private static final String ATTR = "gtw-xml-attr-0003";

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

  /** Payloads of every test case file whose placeholders satisfy {@code placeholders}. */
  private static List<String> payloads(Predicate<List<String>> placeholders) throws IOException {
    Path root = corpora();
    Path dir = root == null ? null : root.resolve("gotestwaf").resolve("testcases");
    if (dir == null || !Files.isDirectory(dir)) {
      System.out.println("XmlGoTestWafTest skipped: gotestwaf/testcases not found "
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
      if (!placeholders.test(lines.stream().map(String::trim).toList())) {
        continue;
      }
      boolean inPayload = false;
      for (String l : lines) {
        if (!l.startsWith(" ")) {
          inPayload = l.startsWith("payload:");
          continue;
        }
        if (inPayload && l.startsWith("  - ") && !l.startsWith("  - !!")) {
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

  private static String envelope(String pass, String nonce, String attr, String middle) {
    return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"urn:s\"><s:Header><wsse:Security>"
        + "<wsse:UsernameToken><wsse:Password>" + pass + "</wsse:Password><wsse:Nonce>" + nonce
        + "</wsse:Nonce></wsse:UsernameToken></wsse:Security></s:Header><s:Body>" + middle
        + "<login token=\"" + attr + "\"/></s:Body></s:Envelope>";
  }

  private static String mask(String in) {
    RecordingPolicy p = RecordingPolicy.names("password", "nonce", "token");
    XmlTesting.Result r = XmlTesting.scan(in.getBytes(UTF_8), p, MaskingOptions.defaults());
    return r.textOr(in);
  }

  @Test
  void everyPayloadAsEscapedTextAndAttributeKeepsEveryOtherByte() throws IOException {
    List<String> payloads = payloads(p -> true);
    assertThat(payloads).hasSizeGreaterThan(200);
    int n = 0;
    for (String payload : payloads) {
      String middle = "<q>" + XmlScanner.xmlEscape(payload, false) + "</q><a v=\""
          + XmlScanner.xmlEscape(payload, true) + "\"/><c><![CDATA["
          + payload.replace("]]>", "]]]]><![CDATA[>") + "]]></c>";
      String out = mask(envelope(PASS, NONCE, ATTR, middle));
      assertThat(out).as("payload %s", n).isEqualTo(envelope("***", "***", "***", middle));
      n++;
    }
    assertThat(n).isEqualTo(payloads.size());
  }

  @Test
  void xmlBodyPayloadsAsMarkupNeverHideTheSecrets() throws IOException {
    List<String> payloads = payloads(l -> l.contains("- XMLBody") || l.contains("- SOAPBody"));
    assertThat(payloads).hasSizeGreaterThan(5);
    int n = 0;
    for (String payload : payloads) {
      // Inside the body: everything but the secrets stays.
      String inside = envelope(PASS, NONCE, ATTR, payload);
      assertThat(mask(inside)).as("payload %s inside", n)
          .isEqualTo(envelope("***", "***", "***", payload));
      // Before the document (a DOCTYPE, another root): the secrets are still found.
      String before = payload + envelope(PASS, NONCE, ATTR, "");
      String out = mask(before);
      for (String secret : List.of(PASS, NONCE, ATTR)) {
        assertThat(out).as("payload %s before", n).doesNotContain(secret);
      }
      n++;
    }
    assertThat(n).isEqualTo(payloads.size());
  }
}
