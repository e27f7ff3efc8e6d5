package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An attack payload at {@code post} cut from a JSON body that was scanned leniently (a trailing
 * comma, NaN, single quotes, a comment, past maxJsonDepth or maxFields) is read as the body was:
 * a form inside one of its strings is read inside that string, so a masked value never runs across
 * the JSON punctuation after it. Otherwise that value's echo masked body bytes around it (P2) and a
 * second masking changed more (P6). The body masked with such payloads equals the body masked
 * without them, and masking the output again changes nothing. No quote inside a string, nor a
 * percent-encoded one (text a stray quote mis-pairs is a documented limit of the lenient scan). {@code -Dreview.rounds} for
 * longer runs.
 */
final class LenientPayloadFormReviewTest {

  private static final int ROUNDS = Integer.getInteger("review.rounds", 1500);
  private static final String[] NAMES = {"password", "note", "token", "q", "data", "x"};
  private static final String[] WORDS = {"a", "1", "abc", "x y", "OR 1=1--", "<b>", "%2B",
      "4111111111111111", "john@example.com", "!", "-"};

  private static String word(Random rnd) {
    return WORDS[rnd.nextInt(WORDS.length)];
  }

  private static String form(Random rnd, String secret) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      String name = NAMES[rnd.nextInt(NAMES.length)];
      sb.append(i == 0 ? "" : "&").append(name).append('=')
          .append(name.equals("password") ? secret + i : word(rnd).replace(" ", "+"));
    }
    return sb.toString();
  }

  private static String value(Random rnd, String secret, int depth) {
    switch (rnd.nextInt(depth > 2 ? 3 : 6)) {
      case 0:
        return "\"" + form(rnd, secret) + "\"";
      case 1:
        return rnd.nextBoolean() ? "NaN" : "1";
      case 2:
        return rnd.nextBoolean() ? "'" + form(rnd, secret) + "'" : "\"" + word(rnd) + "\"";
      case 3:
      case 4: {
        StringBuilder sb = new StringBuilder("{");
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
          String name = NAMES[rnd.nextInt(NAMES.length)];
          sb.append(i == 0 ? "" : rnd.nextBoolean() ? ", " : ",")
              .append(rnd.nextInt(4) == 0 ? "'" + name + "'" : "\"" + name + "\"").append(':')
              .append(value(rnd, secret, depth + 1));
        }
        if (rnd.nextInt(4) == 0) {
          sb.append(rnd.nextBoolean() ? "," : " /* c */");
        }
        return sb.append('}').toString();
      }
      default: {
        StringBuilder sb = new StringBuilder("[");
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
          sb.append(i == 0 ? "" : ",").append(value(rnd, secret, depth + 1));
        }
        if (rnd.nextInt(4) == 0) {
          sb.append(',');
        }
        return sb.append(']').toString();
      }
    }
  }

  private static AttackReport report(String body, List<Attack> attacks) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").header("Host", "h")
        .header("Content-Type", "application/json").body(body).build();
    return new AttackReport("r", null, req, attacks, Map.of());
  }

  private static String body(MaskedReport r) {
    return new String(r.report().request().body(), UTF_8);
  }

  private static String shown(MaskedReport r) {
    StringBuilder sb = new StringBuilder(body(r));
    for (Attack a : r.report().attacks()) {
      sb.append(" | ").append(a.payload());
    }
    return sb.toString();
  }

  @Test
  void payloadsCutFromALenientBodyLeaveTheBodyAsMaskedWithoutThemAndMaskIdempotently() {
    Random rnd = new Random(Long.getLong("review.seed", 20261122L));
    Masker[] maskers = {Masker.of(RuleSet.preset("default")),
        Masker.of(RuleSet.preset("default"), MaskingOptions.builder().maxJsonDepth(2).build()),
        Masker.of(RuleSet.preset("default"), MaskingOptions.builder().maxFields(2).build())};
    List<String> failures = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      String secret = "cnryLpf" + r + "v";
      String body = "{\"a\":" + (rnd.nextBoolean() ? "NaN" : "1") + ", \"n\":"
          + value(rnd, secret, 0) + (rnd.nextBoolean() ? ",}" : "}");
      List<Attack> attacks = new ArrayList<>();
      boolean snapped = true;
      int k = 1 + rnd.nextInt(3);
      for (int i = 0; i < k; i++) {
        // The body or a truncated copy of it (a window that starts inside it is another limit).
        int to = rnd.nextInt(3) == 0 ? body.length() : 1 + rnd.nextInt(body.length());
        if (rnd.nextBoolean()) {
          while (to < body.length() && ",}]".indexOf(body.charAt(to - 1)) < 0) {
            to++;
          }
        } else {
          snapped &= to == body.length();
        }
        attacks.add(new Attack("sqli", Point.of(Step.of("post")), null, body.substring(0, to),
            Map.of()));
      }
      int mi = rnd.nextInt(maskers.length);
      Masker masker = maskers[mi];
      MaskedReport once = masker.mask(report(body, attacks));
      String ctx = mi + " " + body + " | " + attacks.stream().map(Attack::payload).toList();
      MaskedReport twice = masker.mask(once.report());
      boolean leak = body(once).contains(secret)
          || once.report().attacks().stream().anyMatch(a -> a.payload().contains(secret));
      // A copy cut inside a string can end in a short piece of a name, masked as a value whose
      // echoes then take names in the body (another limit): evidence checked for copies cut
      // after a comma or a closing bracket.
      boolean evidence = !snapped
          || body(once).equals(body(masker.mask(report(body, List.of()))));
      if (!shown(twice).equals(shown(once)) || leak || !evidence) {
        failures.add(ctx + "\n  ONCE " + shown(once) + "\n  TWICE " + shown(twice));
      }
    }
    failures.forEach(f -> System.out.println("FAIL " + f));
    assertThat(failures).isEmpty();
  }

  @Test
  void aFormInsideABracketedValueIsReadInsideItsStringAndPairsAfterTheDocumentAsAForm() {
    String s = "cnry-lpf-value-5521";
    // {value as sent, value as masked}
    String[][] cases = {
      {"{\"a\":NaN, \"n\":\"x&password=" + s + "\"}", "{\"a\":NaN, \"n\":\"x&password=***\"}"},
      {"{'a':1, 'b':'x&password=" + s + "'}", "{'a':1, 'b':'x&password=***'}"},
      {"{\"p\":\"x&password=" + s + "\"}&y=1", "{\"p\":\"x&password=***\"}&y=1"},
      {"{\"a\":1}&password=" + s, "{\"a\":1}&password=***"},
      {"[1,{x:2}]&token=" + s + "&b=1", "[1,{x:2}]&token=***&b=1"},
      {"[\"a\"]&b={\"password\":\"" + s + "\"}&password=" + s,
          "[\"a\"]&b={\"password\":\"***\"}&password=***"},
      {"{\"n\":\"x&password=" + s, "{\"n\":\"x&password=***"},
      {"{'n':'x&password=" + s, "{'n':'x&password=***"},
      {"{\"n\":[\"x&password=" + s + "\", \"tok", "{\"n\":[\"x&password=***\", \"tok"},
      {"{\"n\":1, x&password=" + s, "{\"n\":1, x&password=***"},
      {"{a: 1, b: x&password=" + s + "&c: 2}", "{a: 1, b: x&password=***&c: 2}"},
    };
    Masker masker = Masker.of(RuleSet.preset("default"));
    for (String[] c : cases) {
      String body = "q=" + java.net.URLEncoder.encode(c[0], UTF_8) + "&z=1";
      HttpRequest req = HttpRequest.builder().method("POST").uri("/x").header("Host", "h")
          .header("Content-Type", "application/x-www-form-urlencoded").body(body).build();
      MaskedReport once = masker.mask(new AttackReport("r", null, req, List.of(), Map.of()));
      String out = java.net.URLDecoder.decode(body(once), UTF_8);
      assertThat(out).as(c[0]).isEqualTo("q=" + c[1] + "&z=1");
      assertThat(body(masker.mask(once.report()))).as(c[0]).isEqualTo(body(once));
    }
  }

  @Test
  void aTruncatedCopyOfALenientBodyIsMaskedAsTheBodyWas() {
    String s = "cnry-lpf-copy-8830";
    String body = "{\"a\":NaN, \"n\":{\"password\":[[\"note=x&password=" + s
        + "\",\"token=1\"]], \"token\":\"q=1\"}}";
    String copy = body.substring(0, body.indexOf("\"token\":\"q"));
    Masker masker = Masker.of(RuleSet.preset("default"));
    MaskedReport plain = masker.mask(report(body, List.of()));
    MaskedReport once = masker.mask(report(body, List.of(new Attack("sqli",
        Point.of(Step.of("post")), null, copy, Map.of()))));
    assertThat(body(once)).isEqualTo(body(plain));
    assertThat(once.report().attacks().get(0).payload())
        .isEqualTo("{\"a\":NaN, \"n\":{\"password\":\"***\", ");
    assertThat(shown(masker.mask(once.report()))).isEqualTo(shown(once));
  }
}
