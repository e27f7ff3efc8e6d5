package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.io.ReportJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The scratch state a masking call borrows from its thread (step stack, byte scratch, text
 * builder, notes and masked lists) carries nothing from one report into the next: report B masked
 * right after report A on one thread is byte for byte, note for note, what B masked on a fresh
 * thread is, and none of A's secrets, names or points appears in it.
 */
final class PooledRunIsolationTest {

  private static final String[] A_SECRETS = {
    "isoA-query-7781", "isoA-auth-7782", "isoA-sess-7783", "isoA-json-7784", "isoA-card-7785",
    "isoA-long-7786", "isoA-cookie-7787"
  };

  /** Report A: secrets at many points, long values that grow every scratch array, many notes. */
  private static AttackReport reportA(int members) {
    StringBuilder body = new StringBuilder("{\"password\":\"" + A_SECRETS[3] + "\",\"card\":\""
        + "4111111111111111\",\"isoAmember\":{\"api_key\":\"" + A_SECRETS[4] + "\"}");
    for (int i = 0; i < members; i++) {
      body.append(",\"isoA_m").append(i).append("\":{\"token\":\"").append(A_SECRETS[4])
          .append(i).append("\"}");
    }
    body.append(",\"isoAlong\":\"").append(A_SECRETS[5].repeat(200)).append("\"}");
    HttpRequest req = HttpRequest.builder()
        .method("POST")
        .uri("/isoA/path/" + "segment/".repeat(40) + "x?access_token=" + A_SECRETS[0]
            + "&isoAparam=1")
        .protocol("HTTP/1.1")
        .header("Host", "isoa.example")
        .header("Authorization", "Bearer " + A_SECRETS[1])
        .header("Cookie", "isoAcookie=1; PHPSESSID=" + A_SECRETS[2] + "; sid="
            + A_SECRETS[6])
        .header("X-IsoA-Long", A_SECRETS[5].repeat(400))
        .header("Content-Type", "application/json")
        .body(body.toString())
        .build();
    return new AttackReport("isoA", "7", req,
        List.of(Attack.of("sqli", Point.of(Step.named("get", "access_token")), A_SECRETS[0]),
            Attack.of("xss", Point.of(Step.of("post"), Step.of("json_doc"),
                Step.named("hash", "password")), A_SECRETS[3] + "<script>")),
        Map.of());
  }

  /** Report B: other names and values, some masked, a form body, fewer and shorter parts. */
  private static AttackReport reportB() {
    HttpRequest req = HttpRequest.builder()
        .method("POST")
        .uri("/b/login?next=%2Fhome&api_key=bkey-123456")
        .protocol("HTTP/1.1")
        .header("Host", "b.example")
        .header("Cookie", "lang=en; sessionid=bsess-99887766")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("user=bob&password=%27+OR+1%3D1--+bpass&remember=1")
        .build();
    return new AttackReport("isoB", "7", req,
        List.of(Attack.of("sqli", Point.of(Step.of("post"),
            Step.named("form_urlencoded", "password")), "' OR 1=1--")),
        Map.of());
  }

  private static <T> T onFreshThread(Supplier<T> work) throws InterruptedException {
    AtomicReference<T> out = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        out.set(work.get());
      } catch (Throwable e) {
        failed.set(e);
      }
    });
    t.start();
    t.join();
    assertThat(failed.get()).isNull();
    return out.get();
  }

  private static String written(MaskedReport m) {
    return new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
  }

  private static List<String> notes(MaskedReport m) {
    List<String> out = new ArrayList<>();
    for (Note n : m.notes()) {
      out.add(String.valueOf(n));
    }
    return out;
  }

  private static void assertBAlone(MaskedReport afterA, MaskedReport alone) {
    assertThat(written(afterA)).isEqualTo(written(alone));
    assertThat(notes(afterA)).isEqualTo(notes(alone));
    String all = Canaries.everything(afterA);
    for (String s : A_SECRETS) {
      for (String f : Canaries.forms(s)) {
        assertThat(all).as("a secret of report A in report B").doesNotContain(f);
      }
    }
    assertThat(all).doesNotContain("isoA").doesNotContain("isoa").doesNotContain("4111111111111111");
  }

  @Test
  void reportMaskedAfterAnotherOnOneThreadEqualsItMaskedAlone() throws InterruptedException {
    Masker masker = Masker.of(RuleSet.preset("default"));
    MaskedReport alone = onFreshThread(() -> masker.mask(reportB()));
    for (int members : new int[] {0, 3, 300}) { // 300: more notes and masks than the pool keeps
      MaskedReport afterA = onFreshThread(() -> {
        MaskedReport a = masker.mask(reportA(members));
        assertThat(a.changed()).isTrue();
        return masker.mask(reportB());
      });
      assertBAlone(afterA, alone);
    }
  }

  @Test
  void reportMaskedAfterAnotherUnderOtherRulesOnOneThreadEqualsItMaskedAlone()
      throws InterruptedException {
    Masker first = Masker.of(RuleSet.builder()
        .rule(Rule.builder("isoA/rule").names("isoAmember", "isoAlong", "sid", "X-IsoA-Long")
            .action(dev.masking.core.MaskAction.redact()).build())
        .build());
    Masker second = Masker.of(RuleSet.preset("default"));
    MaskedReport alone = onFreshThread(() -> second.mask(reportB()));
    MaskedReport afterA = onFreshThread(() -> {
      first.mask(reportA(5));
      second.mask(reportA(1));
      return second.mask(reportB());
    });
    assertBAlone(afterA, alone);
  }
}
