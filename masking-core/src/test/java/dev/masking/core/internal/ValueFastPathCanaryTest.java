package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Rewriter;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The report scanners' fast paths for unselected values (a percent-encoded form value pre-checked
 * on its decoded bytes; a header value, cookie value or path segment pre-checked on its
 * characters; the nested layers' JWT-shape test for texts with two dots) never pass a secret that
 * the slow path masks: secrets planted where only these paths see them do not survive raw,
 * percent-encoded or JSON-escaped, every other byte is as sent, and whole reports come out the
 * same, notes included, with the pre-checks on and off.
 */
final class ValueFastPathCanaryTest {

  private static final String SECRET = "cAnFp7x5eed01";
  private static final String SECRET2 = "cAnFp8x5eed02";
  private static final String SECRET3 = "cAnFp9x5eed03";

  private static String b64url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(UTF_8));
  }

  private static String jwt(String payload) {
    return b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64url(payload) + ".c2ln";
  }

  private static MaskPolicy policy() {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    Decision pw = new Decision(MaskAction.redact(), "pw");
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return "password".equals(f.name()) ? pw : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        return new String(name, from, to - from, UTF_8).equals("password");
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  private static MaskPolicy namesOnly() {
    Decision pw = new Decision(MaskAction.redact(), "pw");
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return "password".equals(f.name()) ? pw : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        return new String(name, from, to - from, UTF_8).equals("password");
      }
    };
  }

  private static AttackReport report(String uri, Headers headers, String contentType,
      String body) {
    HttpRequest.Builder b = HttpRequest.builder().method("POST").uri(uri).protocol("HTTP/1.1")
        .headers(headers);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return AttackReport.of(b.body(body).build());
  }

  private static String text(MaskedReport m) {
    HttpRequest r = m.report().request();
    StringBuilder sb = new StringBuilder(r.uri()).append('\n');
    for (var h : r.headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    return sb.append('\n').append(new String(r.bodyUnsafe(), UTF_8)).toString();
  }

  private static void assertNoLeak(String out, String... secrets) {
    byte[] b = out.getBytes(UTF_8);
    for (String s : secrets) {
      assertThat(Leaks.found(b, s)).as(s).isNull();
    }
  }

  /** The report masked with the pre-checks on and off: same text and notes; returns the text. */
  private static String same(AttackReport r, MaskPolicy p) {
    MaskedReport on = Rewriter.mask(r, p, MaskingOptions.defaults());
    MaskedReport off;
    MaskRun.precheck = false;
    MaskRun.nameFilter = false;
    try {
      off = Rewriter.mask(r, p, MaskingOptions.defaults());
    } finally {
      MaskRun.precheck = true;
      MaskRun.nameFilter = true;
    }
    assertThat(text(on)).isEqualTo(text(off));
    assertThat(on.notes()).isEqualTo(off.notes());
    return text(on);
  }

  @Test
  void secretsInsidePercentEncodedFormValuesAreMasked() {
    String inner = jwt("{\"password\":\"" + SECRET + "\"}");
    String bearer = "Bearer " + jwt("{\"password\":\"" + SECRET2 + "\"}");
    String body = "user=bob.smith%40example.com&t=" + Percent.encodeToString(inner)
        + "&a=" + Percent.encodeToString(bearer).replace("%20", "+")
        + "&c=4111%201111%201111%201111&n=1";
    MaskPolicy detectors = policy();
    for (MaskPolicy p : List.of(detectors, namesOnly())) {
      String out = same(report("/x?q=" + Percent.encodeToString("password=" + SECRET3),
          Headers.empty(), "application/x-www-form-urlencoded", body), p);
      assertNoLeak(out, SECRET, SECRET2, SECRET3);
      assertThat(out).endsWith("&n=1");
      if (p != detectors) { // the e-mail detector masks the address
        assertThat(out).contains("user=bob.smith%40example.com&");
      }
    }
    String out = same(report("/", Headers.empty(), "application/x-www-form-urlencoded", body),
        policy());
    assertThat(out).doesNotContain("4111%201111%201111%201111");
  }

  @Test
  void secretsInHeaderCookieAndPathValuesAreMasked() {
    Headers h = Headers.of(
        "X-A", jwt("{\"password\":\"" + SECRET + "\"}"),
        "X-B", "Bearer " + jwt("{\"password\":\"" + SECRET2 + "\"}"),
        "X-C", "bob.smith@example.com",
        "Cookie", "lang=en; s=" + b64url("{\"password\":\"" + SECRET3 + "\"}") + "; x=1.2.3",
        "X-Card", "4111111111111111");
    MaskPolicy detectors = policy();
    for (MaskPolicy p : List.of(detectors, namesOnly())) {
      String out = same(report("/a/" + jwt("{\"password\":\"" + SECRET + "\"}") + "/b.php", h,
          null, ""), p);
      assertNoLeak(out, SECRET, SECRET2, SECRET3);
      assertThat(out).contains("lang=en; ").contains("; x=1.2.3\n").startsWith("/a/")
          .contains("/b.php\n");
      if (p != detectors) { // the e-mail detector masks the address
        assertThat(out).contains("X-C: bob.smith@example.com\n");
      }
    }
    String out = same(report("/", h, null, ""), policy());
    assertThat(out).doesNotContain("4111111111111111");
  }

  @Test
  void twoDotTextsAreOnlySkippedWhenTheyCannotBeAJwt() {
    assertThat(NestedLayers.promising("bob.smith@example.com")).isFalse();
    assertThat(NestedLayers.promising("api.example.com")).isTrue(); // base64url and dots
    assertThat(NestedLayers.promising("Bearer a-b_.c.d")).isTrue();
    // '/' is a character of the standard base64 alphabet, in which a JWT may be written too.
    assertThat(NestedLayers.promising("web/3.14.1")).isTrue();
    assertThat(NestedLayers.promising("web:3.14.1")).isFalse();
    byte[] v = "x bob.smith@example.com".getBytes(UTF_8);
    assertThat(NestedLayers.promising(v, 2, v.length)).isFalse();
    assertThat(NestedLayers.promising(v, 6, v.length - 4)).isFalse();
    Random r = new Random(5);
    String chars = "aZ9-_.@+/ é!:";
    int runs = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder(r.nextBoolean() ? "Bearer " : "");
      sb.append(jwt("{\"password\":\"" + SECRET + "\"}"));
      int k = r.nextInt(3);
      for (int j = 0; j < k; j++) {
        sb.setCharAt(r.nextInt(sb.length()), chars.charAt(r.nextInt(chars.length())));
      }
      String value = sb.toString();
      MaskRun on = new MaskRun(namesOnly(), MaskingOptions.defaults());
      String a = on.inspect(value);
      MaskRun off = new MaskRun(namesOnly(), MaskingOptions.defaults());
      String b;
      MaskRun.precheck = false;
      try {
        b = off.inspect(value);
      } finally {
        MaskRun.precheck = true;
      }
      assertThat(a).as(value).isEqualTo(b);
      assertThat(on.notes()).as(value).isEqualTo(off.notes());
      if (a != null) {
        runs++;
      }
      for (Note n : on.notes()) {
        assertThat(n.toString()).doesNotContain(SECRET);
      }
    }
    assertThat(runs).isGreaterThan(100);
  }

  @Test
  void formIndexOfFindsTheFirstByteAtEveryAlignment() {
    Random r = new Random(11);
    byte[] alphabet = {'&', '=', ';', 'a', '%', (byte) 0xa6, (byte) 0x80, 0, (byte) 0xff, '%' + 1};
    for (int t = 0; t < 3000; t++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) ('b' + r.nextInt(3));
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length);
      int to = from + (b.length == from ? 0 : r.nextInt(b.length - from + 1));
      byte x = alphabet[r.nextInt(alphabet.length)];
      int want = to;
      for (int i = from; i < to; i++) {
        if (b[i] == x) {
          want = i;
          break;
        }
      }
      assertThat(FormScanner.indexOf(b, x, from, to)).isEqualTo(want);
    }
  }
}
