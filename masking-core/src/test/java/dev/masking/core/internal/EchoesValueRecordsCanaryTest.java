package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Canary for the sweep's value records and needle owners (each needle names its value by index
 * into the matcher's list; records are made new per matcher; the masks are written by the
 * matcher's run): several values masked by different actions in one report, each echoed in
 * several forms across every part, are each gone and replaced by their own mask; and a report
 * masked right after another on one thread is masked as on a fresh thread.
 */
final class EchoesValueRecordsCanaryTest {

  private static MaskPolicy policy() {
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        if (f.name() == null) {
          return null;
        }
        return switch (f.name()) {
          case "pan" -> new Decision(new MaskAction.KeepLast(4), "t/pan");
          case "token", "creds" -> new Decision(MaskAction.redact(), "t/token");
          case "pin" -> new Decision(new MaskAction.Remove(), "t/pin");
          default -> null;
        };
      }
    };
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  private static String pct(String s) {
    return URLEncoder.encode(s, UTF_8);
  }

  private static AttackReport report(String pan, String token, String member, String pin) {
    String body = "{\"pan\":\"" + pan + "\",\"token\":\"" + token + "\",\"creds\":{\"k\":\""
        + member + "\",\"n\":[1,2]},\"pin\":\"" + pin + "\",\"echo\":\"" + b64(token) + " "
        + pct(member) + " " + pan + " " + b64("x" + pin) + "\"}";
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/api?e=" + pct(pan) + "&t=" + pct(token) + "&m=" + b64(member))
        .protocol("HTTP/1.1")
        .header("Content-Type", "application/json")
        .header("Referer", "https://x.example/?k=" + pct(member) + "&p=" + pin)
        .header("X-Debug", b64("yy" + pan) + " " + token)
        .body(body)
        .build();
    return new AttackReport("r-canary", null, req,
        List.of(Attack.of("sqli", Point.of(Step.of("post")), body),
            Attack.of("xss", Point.of(Step.of("post")), "<" + token + "|" + member + ">")),
        Map.of());
  }

  private static String all(MaskedReport m) {
    AttackReport r = m.report();
    StringBuilder sb = new StringBuilder(r.request().uri()).append('\n');
    for (Header h : r.request().headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    sb.append(new String(r.request().body(), UTF_8)).append('\n');
    for (Attack a : r.attacks()) {
      sb.append(a.payload()).append('\n');
    }
    for (Note n : m.notes()) {
      sb.append(n).append('\n');
    }
    return sb.toString();
  }

  private static void assertGone(String out, String... secrets) {
    for (String s : secrets) {
      assertThat(out).doesNotContain(s).doesNotContain(pct(s));
      // Every base64 alignment's core (the characters that depend on the value alone).
      for (int a = 0; a < 3; a++) {
        String enc = b64("x".repeat(a) + s);
        String core = enc.substring(a == 0 ? 0 : a + 1, Math.max(a + 1, enc.length() - 4));
        if (core.length() >= 8) {
          assertThat(out).doesNotContain(core);
        }
      }
    }
  }

  @Test
  void eachValueOfSeveralIsGoneFromEveryPartAndMaskedByItsOwnAction() {
    String pan = "4111111111111111";
    String token = "tok-Secret-77aa";
    String member = "member secret/9";
    String pin = "pin-4402-zz";
    MaskedReport m = Rewriter.mask(report(pan, token, member, pin), policy(),
        MaskingOptions.defaults());
    String out = all(m);
    assertGone(out, pan, token, member, pin);
    // The card's echoes keep its last four (its own mask), not another value's token.
    assertThat(out).contains("************1111");
    assertThat(m.report().request().uri()).startsWith("/api?e=************1111&t=***&m=");
  }

  @Test
  void aReportMaskedAfterAnotherOnOneThreadIsMaskedAsOnAFreshThread() throws Exception {
    AttackReport first = report("5500000000000004", "first-Tok-123", "first member",
        "first-pin-99");
    AttackReport second = report("4111111111111111", "second-Tok-456", "second member",
        "second-pin-88");
    MaskedReport a = Rewriter.mask(first, policy(), MaskingOptions.defaults());
    MaskedReport b = Rewriter.mask(second, policy(), MaskingOptions.defaults());
    AtomicReference<String> fresh = new AtomicReference<>();
    Thread t = new Thread(() -> fresh.set(all(Rewriter.mask(second, policy(),
        MaskingOptions.defaults()))));
    t.start();
    t.join();
    assertThat(all(b)).isEqualTo(fresh.get());
    assertGone(all(a), "5500000000000004", "first-Tok-123", "first member", "first-pin-99");
    assertGone(all(b), "4111111111111111", "second-Tok-456", "second member", "second-pin-88");
  }
}
