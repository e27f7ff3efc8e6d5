package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An attack payload equal to a request value the value detectors' pre-check ruled out (a JSON
 * value both pre-checks were taken apart for, a header, path or query value) is not read by the
 * detectors again ({@link MaskRun#detectorsFindNothingIn}). On random reports with cards, JWTs,
 * keys, tokens, URL passwords and e-mails planted in body values, headers, the path and the query,
 * and payloads that repeat those values (or differ from them by a planted secret), the masked
 * report and its notes are those of a run with the pre-checks off, and no planted secret
 * survives anywhere.
 */
final class PayloadDetectorsCleanTest {

  private static final String[] SECRETS = {
    "4111111111111111", "4111-1111-1111-1111", "378282246310005",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjQW5KcDF4In0.c2lnbmF0dXJl", "AKIAIOSFODNN7EXAMPLE",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyz", "xoxb-123456789012-abcdefghijkl",
    "sk_live_0123456789abcdefABCDEF", "AIzaSyA-1234567890abcdefghijklmnopqrstu",
    "https://bob:cAnJp1x5eed@example.com/x", "alice.jones@example.org",
  };

  /** Words that make the nested layers' pre-check say yes (so a String is made) or not. */
  private static final String[] WORDS = {
    "<script>alert(document.cookie)</script>", "a=1&b=2", "50% off", "see {x}", "[1,2]",
    "Springfield", "Europe/Berlin", "https://shop.example/cart?step=2", "okhttp/4.12.0",
    "application/json; charset=utf-8", "ord-20261121-0042", "plain words here", "x.y.z",
  };

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
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  private static String text(Random r, List<String> planted) {
    String w = WORDS[r.nextInt(WORDS.length)];
    if (r.nextInt(4) != 0) {
      return w;
    }
    String s = SECRETS[r.nextInt(SECRETS.length)];
    planted.add(s);
    return r.nextBoolean() ? w + " " + s : s + " " + w;
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Point point(String... steps) {
    Step[] s = new Step[steps.length];
    for (int i = 0; i < steps.length; i++) {
      s[i] = Step.of(steps[i]);
    }
    return Point.of(s);
  }

  @Test
  void payloadsRepeatingCheckedValuesAreMaskedAsWithThePrechecksOff() {
    MaskPolicy p = policy();
    Random r = new Random(1414);
    int payloadsMasked = 0;
    for (int n = 0; n < 1_500; n++) {
      List<String> planted = new ArrayList<>();
      List<String> values = new ArrayList<>();
      List<Point> points = new ArrayList<>();
      StringBuilder body = new StringBuilder("{");
      int members = 1 + r.nextInt(4);
      for (int m = 0; m < members; m++) {
        String v = text(r, planted);
        body.append(m == 0 ? "" : ",").append("\"k").append(m).append("\":").append(jsonString(v));
        values.add(v);
        points.add(point("post", "json_doc", "hash", "k" + m));
      }
      body.append('}');
      String hv = text(r, planted);
      values.add(hv);
      points.add(point("header", "X-NOTE"));
      String seg = r.nextBoolean() ? "ord-20261121-0042" : "Springfield";
      values.add(seg);
      points.add(point("uri", "path", "1"));
      HttpRequest req = HttpRequest.builder().method("POST").uri("/api/" + seg + "?verbose=1")
          .protocol("HTTP/1.1")
          .header("Host", "api.example")
          .header("User-Agent", "okhttp/4.12.0")
          .header("X-Note", hv)
          .header("Content-Type", "application/json; charset=utf-8")
          .body(body.toString())
          .build();
      List<Attack> attacks = new ArrayList<>();
      int na = 1 + r.nextInt(3);
      for (int a = 0; a < na; a++) {
        int k = r.nextInt(values.size());
        String payload = values.get(k);
        if (r.nextInt(4) == 0) { // a payload that differs from the value: read in full
          String s = SECRETS[r.nextInt(SECRETS.length)];
          planted.add(s);
          payload = payload + " " + s;
        }
        attacks.add(Attack.of("xss", points.get(k), payload));
      }
      AttackReport report = new AttackReport("r", "7", req, attacks, Map.of());
      MaskedReport on = Rewriter.mask(report, p, MaskingOptions.defaults());
      MaskedReport off;
      MaskRun.precheck = false;
      try {
        off = Rewriter.mask(report, p, MaskingOptions.defaults());
      } finally {
        MaskRun.precheck = true;
      }
      assertThat(on).as("report %s", n).isEqualTo(off);
      assertNoLeak(on, planted);
      for (int a = 0; a < na; a++) {
        payloadsMasked += on.report().attacks().get(a).payload()
            .equals(attacks.get(a).payload()) ? 0 : 1;
      }
    }
    assertThat(payloadsMasked).isGreaterThan(300);
  }

  @Test
  void canaryPayloadRepeatingABodyValueWithACardIsMasked() {
    // The value both pre-checks were taken apart for (a layer byte and a card): the detectors
    // said yes, so the value is not remembered, and the payload, the same text, is read.
    String card = "4111111111111111";
    String note = "<b>paid " + card + "</b>";
    String clean = "<script>alert(document.cookie)</script>";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").protocol("HTTP/1.1")
        .header("Host", "api.example")
        .header("Content-Type", "application/json")
        .body("{\"note\":" + jsonString(note) + ",\"c\":" + jsonString(clean) + "}")
        .build();
    AttackReport report = new AttackReport("r", "7", req, List.of(
        Attack.of("xss", point("post", "json_doc", "hash", "note"), note),
        Attack.of("xss", point("post", "json_doc", "hash", "c"), clean),
        Attack.of("xss", point("post", "json_doc", "hash", "c"), clean + " " + card)), Map.of());
    MaskedReport out = Rewriter.mask(report, policy(), MaskingOptions.defaults());
    assertNoLeak(out, List.of(card));
    assertThat(out.report().attacks().get(1).payload()).isEqualTo(clean);
  }

  private static void assertNoLeak(MaskedReport out, List<String> secrets) {
    HttpRequest q = out.report().request();
    StringBuilder all = new StringBuilder(q.uri()).append('\n');
    q.headers().forEach(h -> all.append(h.name()).append(": ").append(h.value()).append('\n'));
    all.append(new String(q.bodyUnsafe(), UTF_8)).append('\n');
    for (Attack a : out.report().attacks()) {
      all.append(a.payload()).append('\n');
    }
    for (Note n : out.notes()) {
      all.append(n).append('\n');
    }
    byte[] b = all.toString().getBytes(UTF_8);
    for (String s : secrets) {
      assertThat(Leaks.found(b, s)).as(s).isNull();
    }
  }
}
