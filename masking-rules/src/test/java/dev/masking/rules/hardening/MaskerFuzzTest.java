package dev.masking.rules.hardening;

import dev.masking.core.internal.Leaks;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.Rule;
import dev.masking.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The whole pipeline under Jazzer: a random rule set and a random report, both built from the fuzz
 * data, through {@link Masker}. Regression mode replays the saved inputs under {@code
 * src/test/resources/dev/masking/rules/hardening/MaskerFuzzTestInputs/maskAnyReport/} in every
 * build; to fuzz for real:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl masking-rules -am test -Dtest='MaskerFuzzTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>One rule always masks {@code password} (redact or remove); secrets are planted under that
 * name in the query, the body (JSON or form) and an attack payload, and the report is built twice,
 * with secret A and with secret B. Oracles: no exception; the two masked reports serialise to the
 * same bytes; no form of A in the output, its notes, or any {@code toString()}; valid JSON bodies
 * stay valid; masking the output again changes nothing (within limits); an empty rule set returns
 * the report itself.
 */
final class MaskerFuzzTest {
  /**
   * The twin secrets differ only in the middle: keep_first/keep_last rules on a containing point
   * (the whole URI, the body) keep a few characters at its ends by design.
   */
  static final String A = "kQ7vSecretAlphaZZ99";
  static final String B = "kQ7vSecretBravoZZ99";

  private static final String[] NAMES = {"token", "api_key", "session", "authorization", "q",
      "user", "id", "x-api-key", "email", "card"};
  private static final String[] POINTS = {"get", "header", "post", "form_urlencoded", "json_doc",
      "hash", "array", "cookie", "path", "action_name", "uri", "get_all", "hash_all"};

  @FuzzTest(maxDuration = "3m")
  void maskAnyReport(FuzzedDataProvider data) {
    RuleSet rules = rules(data);
    boolean json = data.consumeBoolean();
    String path = data.consumeString(24).replace('?', '_').replace('#', '_');
    String query = data.consumeString(32).replace('#', '_');
    String headerName = data.consumeString(12);
    String headerValue = data.consumeString(32);
    String material = data.consumeString(64);
    String payload = data.consumeString(32);
    int where = data.consumeInt(0, 2);
    Function<String, AttackReport> build = secret -> {
      HttpRequest.Builder b = HttpRequest.builder().method("POST")
          .uri("/" + path + "?" + query + "&password=" + secret)
          .header("Host", "shop.example");
      try {
        b.header(headerName, headerValue);
      } catch (IllegalArgumentException e) {
        b.header("X-Fuzz", headerValue);
      }
      if (json) {
        b.header("Content-Type", "application/json");
        b.body("{\"m\":" + jsonString(material) + ",\"password\":\"" + secret + "\"}");
      } else {
        b.header("Content-Type", "application/x-www-form-urlencoded");
        b.body(material.replace('&', '_') + "&password=" + secret);
      }
      Point p = json
          ? Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "password"))
          : Point.of(Step.of("post"), Step.of("form_urlencoded"), Step.named("hash", "password"));
      List<Attack> attacks = new ArrayList<>();
      attacks.add(Attack.of("sqli", p, where == 0 ? secret : payload + secret));
      attacks.add(Attack.of("xss", Point.of(Step.named("get", "q")), payload));
      return new AttackReport("r-1", null, b.build(), attacks, Map.of());
    };
    AttackReport inA;
    AttackReport inB;
    try {
      inA = build.apply(A);
      inB = build.apply(B);
    } catch (IllegalArgumentException | NullPointerException e) {
      return; // a header the model refuses (bad name): not a report
    }
    byte[] rawB = ReportJson.write(inB);
    byte[] rawA = ReportJson.write(inA);
    if (Leaks.found(rawB, A) != null || Leaks.found(rawA, B) != null) {
      return;
    }
    Masker masker = Masker.of(rules);
    MaskedReport outA = masker.mask(inA);
    MaskedReport outB = masker.mask(inB);
    byte[] a = ReportJson.write(outA, true);
    byte[] bb = ReportJson.write(outB, true);
    assertThat(Leaks.found(a, A)).as(() -> "secret in the masked report: " + rules + " "
        + new String(ReportJson.write(inA), UTF_8) + " -> " + new String(a, UTF_8)).isNull();
    StringBuilder side = new StringBuilder(outA.toString()).append(outA.report())
        .append(outA.report().request());
    for (Note n : outA.notes()) {
      side.append(n);
    }
    for (Attack at : outA.report().attacks()) {
      side.append(at);
    }
    assertThat(Leaks.found(side.toString().getBytes(UTF_8), A)).as("secret in toString or notes")
        .isNull();
    assertThat(new String(a, UTF_8)).as("output depends on the secret")
        .isEqualTo(new String(bb, UTF_8));
    // A rule selecting the whole body (point post) writes the mask token in its place: by design
    // that is not JSON any more; every finer selection keeps the document valid.
    boolean wholeBody = outA.notes().stream()
        .anyMatch(n -> n.point() != null && n.point().equals(Point.of(Step.of("post"))));
    if (json && !wholeBody) {
      assertThat(validJson(outA.report().request().body()))
          .as(() -> "valid JSON stays valid: " + new String(ReportJson.write(inA), UTF_8) + " -> "
              + new String(a, UTF_8)).isTrue();
    }
    boolean fellBack = outA.notes().stream().anyMatch(n -> n.kind() == Note.Kind.FALLBACK);
    if (!fellBack) {
      assertThat(ReportJson.write(masker.mask(outA.report()).report()))
          .as("idempotent").isEqualTo(ReportJson.write(outA.report()));
    }
    assertThat(Masker.of(RuleSet.empty()).mask(inA).report()).isSameAs(inA);
  }

  /** A rule set from the fuzz data; always one rule masking {@code password}. */
  private static RuleSet rules(FuzzedDataProvider data) {
    RuleSet.Builder set = RuleSet.builder();
    set.rule(Rule.builder("pw").names("password")
        .action(data.consumeBoolean() ? MaskAction.redact() : new MaskAction.Remove()).build());
    int n = data.consumeInt(0, 4);
    for (int i = 0; i < n; i++) {
      try {
        Rule.Builder r = Rule.builder("r" + i);
        if (data.consumeBoolean()) {
          r.names(data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeAsciiString(10));
        } else {
          int steps = data.consumeInt(1, 3);
          List<Step> list = new ArrayList<>();
          for (int s = 0; s < steps; s++) {
            String parser = data.pickValue(POINTS);
            list.add(data.consumeBoolean() ? Step.named(parser, data.pickValue(NAMES))
                : Step.of(parser));
          }
          r.point(Point.of(list));
        }
        r.action(switch (data.consumeInt(0, 4)) {
          case 0 -> MaskAction.redact();
          case 1 -> new MaskAction.Remove();
          case 2 -> new MaskAction.Stars();
          case 3 -> new MaskAction.KeepFirst(2);
          default -> new MaskAction.KeepLast(2);
        });
        set.rule(r.build());
      } catch (IllegalArgumentException e) {
        // a rule the builder refuses is bad configuration, not masking input: leave it out
      }
    }
    return set.build();
  }

  static boolean validJson(byte[] b) {
    try {
      new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(b);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
