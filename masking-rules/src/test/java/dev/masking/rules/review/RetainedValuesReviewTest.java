package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a thread keeps after its masking calls: a child JVM masks reports with planted values
 * under the default preset (masked ones, detector finds, unselected ones beside masked ones) on
 * its main thread, drops every reference to them, and dumps its live heap while that thread, and
 * so its per-thread caches and pooled scratch, is still alive. No planted value may be reachable:
 * only element and member names and namespace URIs are kept between calls (README, Known limits),
 * and none is planted here. A heap dump is the one way to see the characters a pooled {@code
 * StringBuilder} holds past its length.
 */
final class RetainedValuesReviewTest {

  /** A planted value: kind (for the message) and text. */
  record Planted(String kind, String value) {
    @Override
    public String toString() {
      return kind;
    }
  }

  /** The values {@link Child} plants for {@code seed}, in order; made again by the test. */
  static List<Planted> planted(long seed) {
    Random rnd = new Random(seed);
    List<Planted> out = new ArrayList<>();
    for (String kind : List.of("jsonPassword", "jsonEscapedCard", "jsonCard", "jsonPlain",
        "queryPassword", "queryPlain", "authorization", "sessionCookie", "plainCookie",
        "pathPlain", "apiKeyHeader", "xmlPassword", "xmlAttrPlain", "xmlTextPlain",
        "formPassword", "formPlain", "multipartPassword", "base64Password", "payloadPlain",
        "payloadEcho", "escapedPlainCard")) {
      if (kind.endsWith("Card")) {
        out.add(new Planted(kind, card(rnd)));
      } else {
        StringBuilder sb = new StringBuilder("Rv");
        for (int i = 0; i < 18; i++) {
          sb.append((char) ('a' + rnd.nextInt(26)));
        }
        out.add(new Planted(kind, sb.toString()));
      }
    }
    return out;
  }

  /** A Luhn-valid 16-digit number starting with 4 (the card detector finds it). */
  private static String card(Random rnd) {
    int[] d = new int[16];
    d[0] = 4;
    for (int i = 1; i < 15; i++) {
      d[i] = rnd.nextInt(10);
    }
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      int x = d[14 - i];
      if (i % 2 == 0) {
        x *= 2;
        if (x > 9) {
          x -= 9;
        }
      }
      sum += x;
    }
    d[15] = (10 - sum % 10) % 10;
    StringBuilder sb = new StringBuilder();
    for (int x : d) {
      sb.append(x);
    }
    return sb.toString();
  }

  /** Masks the reports of {@link #planted} on the calling thread; keeps nothing. */
  static void maskPlanted(long seed) {
    List<Planted> p = planted(seed);
    String[] v = new String[p.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = p.get(i).value();
    }
    Masker m = Masker.of(RuleSet.preset("default"));
    String json = "{\"password\":\"" + v[0] + "\",\"memo\":\"paid\\t" + v[1] + "\",\"cc\":\""
        + v[2] + "\",\"plain\":\"" + v[3] + "\"}";
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/p/" + v[9] + "/x?password=" + v[4] + "&q=" + v[5])
        .header("Authorization", "Bearer " + v[6])
        .header("Cookie", "sessionid=" + v[7] + "; keep=" + v[8])
        .header("X-Api-Key", v[10])
        .header("Content-Type", "application/json")
        .body(json).build();
    List<Attack> attacks = List.of(
        Attack.of("xss", Point.of(Step.of("post"), Step.of("json_doc"),
            Step.named("hash", "plain")), v[18]),
        Attack.of("sqli", Point.of(Step.of("post"), Step.of("json_doc"),
            Step.named("hash", "memo")), "x " + v[19] + " " + v[0]));
    m.mask(new AttackReport(null, null, req, attacks, Map.of()));
    String xml = "<a><password>" + v[11] + "</password><n k=\"" + v[12] + "\">&amp;" + v[13]
        + "</n></a>";
    m.mask(AttackReport.of(HttpRequest.builder().method("POST").uri("/x")
        .header("Content-Type", "text/xml").body(xml).build()));
    m.mask(AttackReport.of(HttpRequest.builder().method("POST").uri("/f")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("password=" + v[14] + "&q=%41" + v[15]).build()));
    m.mask(AttackReport.of(HttpRequest.builder().method("POST").uri("/m")
        .header("Content-Type", "multipart/form-data; boundary=BB")
        .body("--BB\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n" + v[16]
            + "\r\n--BB--\r\n").build()));
    String inner = Base64.getEncoder().encodeToString(
        ("{\"password\":\"" + v[17] + "\"}").getBytes(StandardCharsets.UTF_8));
    m.mask(AttackReport.of(HttpRequest.builder().method("POST").uri("/b")
        .header("Content-Type", "application/json")
        .body("{\"data\":\"" + inner + "\",\"n\":\"card\\u0020" + v[20] + "\"}").build()));
  }

  /** The child JVM: masks, then dumps its live heap to {@code args[1]}. */
  public static final class Child {
    private Child() {}

    /**
     * Entry point of the child JVM.
     *
     * @param args the seed and the dump file
     * @throws IOException if the dump cannot be written
     */
    public static void main(String[] args) throws IOException {
      long seed = Long.parseLong(args[0]);
      for (int round = 0; round < 3; round++) {
        maskPlanted(seed); // the same values thrice: caches filled under one policy
      }
      System.gc();
      ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .dumpHeap(args[1], true);
    }
  }

  @Test
  void noPlantedValueIsReachableOnTheThreadThatMaskedItOnceItsCallsAreOver(@TempDir Path dir)
      throws Exception {
    long seed = 20261121L;
    Path dump = dir.resolve("heap.hprof");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xss512k", "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Child.class.getName(), Long.toString(seed),
        dump.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile())
        .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("out.txt"));
    assumeTrue(child.exitValue() == 0 || !out.contains("HotSpotDiagnosticMXBean"),
        "no heap dump on this JVM");
    assertThat(child.exitValue()).as(out).isZero();
    String heap = new String(Files.readAllBytes(dump), StandardCharsets.ISO_8859_1);
    assertThat(heap.length()).isGreaterThan(1000);
    List<String> kept = new ArrayList<>();
    for (Planted p : planted(seed)) {
      String v = p.value();
      if (heap.contains(v) || heap.contains(wide(v, false)) || heap.contains(wide(v, true))) {
        kept.add(p.kind());
      }
    }
    assertThat(kept).as("planted values reachable after the calls").isEmpty();
  }

  /** {@code s} as UTF-16 bytes (big- or little-endian), read as ISO-8859-1. */
  private static String wide(String s, boolean little) {
    byte[] b = s.getBytes(little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
