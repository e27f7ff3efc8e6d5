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
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON scanner hands a masked container's scalar members to the residual sweep ({@link
 * MaskRun#memberScalars}, read by {@link JsonShape#scalars(byte[], int, int, int, List)} as the
 * container's end is found) in place of the sweep reading the container's text again with {@link
 * JsonShape#scalars(String, int)}: the two lists are the same on any bytes, and whole reports mask
 * to the same bytes and notes with the hand-over on and off; a member echoed elsewhere is masked.
 */
final class JsonScannerMembersTest {

  private static final String[] SCALARS = {
    "\"\"", "\"a\"", "\"ab\"", "\"abc\"", "\"abcd\"", "\"at-93jfK2lq0ZpXw8e7r6t5y4\"",
    "\"caf\u00e9\"", "\"\u20ac\u20ac\"", "\"\ud83d\ude00 smile\"", "\"x\\ny\"", "\"\\\"q\\\"\"",
    "\"\\\\\"", "\"\\/\"", "\"\\u00e9t\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud800 lone\"",
    "\"\\u0041BCD\"", "\"\\b\\f\\r\\t\"", "\"a\\u0000b\"", "0", "-0", "7", "42", "3600",
    "-12.5e+3", "1E9", "0.000001", "123456789012345678901234567890", "true", "false", "null",
    "\"true\"", "\"null\"", "\"4111111111111111\"", "4111111111111111", "\"secret-value\"",
    "\"***\"", "\"[REDACTED]\"", "\"0123456789abcdefghijklmnopqrstuv\"",
    "\"0123456\u00e9789abcdef01234\"", "\"01234567\\n89abcdefgh\\u00e9ijklmnop\"",
    "\"abcdefghijklmnop\\\"qrstuvwx\"", "\"abcdefg \ud83d\ude00 hijklmnopqrstu\"",
    "\"{\\\"in\\\":\\\"side\\\"}\"", "\"[1,2]\"", "\"a=b&c=d\"",
  };

  /** Raw byte pieces: invalid UTF-8 and controls, put inside strings or anywhere. */
  private static final byte[][] ODD = {
    {(byte) 0xE2}, {(byte) 0xF0, (byte) 0x9F}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC3},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0x01}, {0x1F}, {'\\'}, {'\\', 'u', '1'},
    {'\\', 'x'}, {'"'}, {'}'}, {']'}, {','}, {':'}, {'{'}, {'['}, {' '}, {'\t'}, {'\n'},
  };

  private static final String[] BLANKS = {"", "", "", " ", "\n", "\t ", "\r\n  "};

  private static String value(Random r, int depth) {
    int k = r.nextInt(10);
    if (depth < 6 && k < 3) {
      return container(r, depth + 1);
    }
    return SCALARS[r.nextInt(SCALARS.length)];
  }

  private static String container(Random r, int depth) {
    boolean object = r.nextBoolean();
    int n = r.nextInt(5);
    StringBuilder b = new StringBuilder(object ? "{" : "[");
    b.append(BLANKS[r.nextInt(BLANKS.length)]);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(BLANKS[r.nextInt(BLANKS.length)]).append(',')
            .append(BLANKS[r.nextInt(BLANKS.length)]);
      }
      if (object) {
        String key = r.nextInt(4) == 0 ? SCALARS[r.nextInt(6)]
            : new String[] {"\"k\"", "\"tok\"", "\"sec\"", "\"a\\u0062\"", "\"n\u00e9\""}[
                r.nextInt(5)];
        b.append(key).append(BLANKS[r.nextInt(BLANKS.length)]).append(':')
            .append(BLANKS[r.nextInt(BLANKS.length)]);
      }
      b.append(value(r, depth));
    }
    b.append(BLANKS[r.nextInt(BLANKS.length)]).append(object ? '}' : ']');
    return b.toString();
  }

  private static byte[] mutate(Random r, byte[] in) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int cuts = 1 + r.nextInt(3);
    int[] at = new int[cuts];
    for (int i = 0; i < cuts; i++) {
      at[i] = 1 + r.nextInt(Math.max(1, in.length - 1));
    }
    Arrays.sort(at);
    int from = 0;
    for (int c : at) {
      c = Math.max(from, Math.min(c, in.length));
      o.write(in, from, c - from);
      switch (r.nextInt(3)) {
        case 0 -> o.writeBytes(ODD[r.nextInt(ODD.length)]);
        case 1 -> c = Math.min(in.length, c + 1); // drop a byte
        default -> {
          o.writeBytes(ODD[r.nextInt(ODD.length)]);
          c = Math.min(in.length, c + 1);
        }
      }
      from = c;
    }
    o.write(in, from, in.length - from);
    return o.toByteArray();
  }

  /**
   * The byte reading against the text reading, on {@code b} (a container opening at 0): where it
   * ends a container, the text up to there lists the same scalars; where it finds none, no prefix
   * of the text ending in a bracket is a well-formed value (so the sweep's reading says not well
   * formed for the container the scanner's bracket match ends).
   */
  private static void compare(byte[] b, int min) {
    List<String> bytes = new ArrayList<>();
    int e = JsonShape.scalars(b, 0, b.length, min, bytes);
    if (e >= 0) {
      assertThat(b[e - 1] == '}' || b[e - 1] == ']').isTrue();
      String text = new String(b, 0, e, UTF_8);
      assertThat(bytes).as("%s min %d", text, min).isEqualTo(JsonShape.scalars(text, min));
      // Past the end: blanks only, or the whole is not one value.
      String whole = new String(b, UTF_8);
      if (whole.substring(text.length()).matches("[ \\t\\n\\r]*")) {
        assertThat(JsonShape.scalars(whole, min)).isEqualTo(bytes);
      } else {
        assertThat(JsonShape.scalars(whole, min)).isNull();
      }
    } else {
      for (int k = 1; k <= b.length; k++) {
        if (b[k - 1] == '}' || b[k - 1] == ']') {
          String text = new String(b, 0, k, UTF_8);
          assertThat(JsonShape.scalars(text, min)).as("%s", text).isNull();
        }
      }
    }
  }

  @Test
  void bytesListTheScalarsTheTextDoes() {
    Random r = new Random(20261122);
    int valid = 0;
    for (int n = 0; n < 30_000; n++) {
      byte[] b = container(r, 0).getBytes(UTF_8);
      int min = new int[] {0, 1, 2, 3, 4, 5, 8, 100}[r.nextInt(8)];
      compare(b, min);
      valid++;
      for (int m = 0; m < 3; m++) {
        byte[] x = mutate(r, b);
        if (x.length > 0 && (x[0] == '{' || x[0] == '[')) {
          compare(x, min);
        }
      }
    }
    assertThat(valid).isEqualTo(30_000);
    // Deep nesting, past 64 and 128 levels, both kinds mixed.
    for (int d : new int[] {63, 64, 65, 127, 128, 129, 300}) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < d; i++) {
        s.append(i % 3 == 0 ? "{\"k\":" : "[\"m" + i + "\",");
      }
      s.append("\"deep-secret\"");
      for (int i = d - 1; i >= 0; i--) {
        s.append(i % 3 == 0 ? "}" : "]");
      }
      compare(s.toString().getBytes(UTF_8), 3);
      byte[] wrong = s.toString().getBytes(UTF_8);
      wrong[wrong.length - 1] = (byte) (wrong[wrong.length - 1] == '}' ? ']' : '}');
      compare(wrong, 3);
    }
  }

  @Test
  void theScannerRecordsTheMembersOfAContainerItMasks() {
    MaskRun run = new MaskRun(policy(false, "sec"), MaskingOptions.defaults());
    run.push(Step.of("post"), null);
    byte[] body = "{\"a\":1,\"sec\":{\"x\":\"caf\u00e9-long\",\"y\":[3600,true,\"s\\u0041m\"]},\"z\":2}"
        .getBytes(UTF_8);
    JsonScanner.mask(body, 0, body.length, run);
    assertThat(run.maskedValues()).hasSize(1);
    assertThat(run.memberScalars(0)).containsExactly("caf\u00e9-long", "3600", "true", "sAm")
        .isEqualTo(JsonShape.scalars(run.maskedValues().get(0), 4));
    // Off: none recorded (the sweep reads the text), and none when the sweep is off.
    JsonScanner.scannerMembers = false;
    try {
      MaskRun off = new MaskRun(policy(false, "sec"), MaskingOptions.defaults());
      off.push(Step.of("post"), null);
      JsonScanner.mask(body, 0, body.length, off);
      assertThat(off.memberScalars(0)).isNull();
    } finally {
      JsonScanner.scannerMembers = true;
    }
    MaskRun noSweep = new MaskRun(policy(false, "sec"),
        MaskingOptions.builder().residualMinLength(Integer.MAX_VALUE).build());
    noSweep.push(Step.of("post"), null);
    JsonScanner.mask(body, 0, body.length, noSweep);
    assertThat(noSweep.maskedValues()).hasSize(1);
    assertThat(noSweep.memberScalars(0)).isNull();
  }

  private static final Decision REDACT = new Decision(MaskAction.redact(), "t/redact");
  private static final Decision KEEP = new Decision(new MaskAction.KeepLast(4), "t/keep");
  private static final Decision REMOVE = new Decision(new MaskAction.Remove(), "t/remove");

  private static MaskPolicy policy(boolean detectors, String... names) {
    List<DetectorRule> rules = detectors
        ? List.of(new DetectorRule(Detector.CARD, new Decision(new MaskAction.KeepLast(4),
            "d/card")))
        : List.of();
    List<String> selected = List.of(names);
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        String n = f.name();
        if (n == null || !selected.contains(n)) {
          return null;
        }
        return switch (n) {
          case "keep" -> KEEP;
          case "gone" -> REMOVE;
          default -> REDACT;
        };
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  /** A body with containers under selected names at several depths, echoes of members around. */
  private static String body(Random r, List<String> secrets) {
    StringBuilder b = new StringBuilder("{");
    int n = 2 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      String name = new String[] {"sec", "tok", "keep", "gone", "plain", "list", "deep"}[
          r.nextInt(7)];
      b.append('"').append(name).append("\":");
      String v = switch (name) {
        case "list" -> "[" + container(r, 3) + "," + (r.nextBoolean() ? "{\"sec\":"
            + container(r, 2) + "}" : "\"e\"") + "]";
        case "deep" -> "{\"a\":{\"b\":[{\"tok\":" + container(r, 1) + "}]}}";
        case "plain" -> value(r, 5);
        default -> r.nextInt(5) == 0 ? value(r, 6) : container(r, 1);
      };
      b.append(v);
      for (String s : SCALARS) {
        if (v.contains(s) && s.startsWith("\"") && s.length() > 4 && r.nextInt(4) == 0) {
          secrets.add(JsonShape.scalars(s, 0).get(0));
        }
      }
    }
    if (r.nextInt(8) == 0) {
      b.append(",\"tail\":'lenient'"); // not JSON: the lenient scan
    }
    return b.append('}').toString();
  }

  private static MaskedReport maskReport(AttackReport report, MaskPolicy policy,
      MaskingOptions options, boolean members) {
    JsonScanner.scannerMembers = members;
    try {
      return Rewriter.mask(report, policy, options);
    } finally {
      JsonScanner.scannerMembers = true;
    }
  }

  @Test
  void reportsMaskTheSameWithAndWithoutTheHandOver() {
    Random r = new Random(5);
    MaskingOptions[] options = {
      MaskingOptions.defaults(),
      MaskingOptions.builder().residualMinLength(1).build(),
      MaskingOptions.builder().residualMinLength(3).build(),
      MaskingOptions.builder().residualMinLength(8).build(),
      MaskingOptions.builder().maxJsonDepth(3).build(),
      MaskingOptions.builder().maxFields(6).build(),
      MaskingOptions.builder().maxDecodeLayers(0).build(),
    };
    int differs = 0;
    for (int n = 0; n < 4000; n++) {
      List<String> secrets = new ArrayList<>();
      String body = body(r, secrets);
      String echo = secrets.isEmpty() ? "none" : secrets.get(r.nextInt(secrets.size()));
      HttpRequest.Builder req = HttpRequest.builder().method("POST")
          .uri("/x?q=" + java.net.URLEncoder.encode(echo, UTF_8) + "&n=1").protocol("HTTP/1.1")
          .header("Host", "example.test")
          .header("Content-Type", "application/json")
          .header("X-Echo", "[" + echo + "]")
          .header("X-B64", Base64.getEncoder().encodeToString(echo.getBytes(UTF_8)));
      if (r.nextBoolean()) {
        req.header("X-Body", body); // a container's whole text elsewhere
      }
      HttpRequest request = req.body(body).build();
      List<Attack> attacks = new ArrayList<>();
      attacks.add(Attack.of("sqli", Point.of(Step.of("post")), body));
      if (r.nextBoolean()) {
        int from = r.nextInt(body.length());
        attacks.add(Attack.of("xss", Point.of(Step.of("post")),
            body.substring(from, Math.min(body.length(), from + 1 + r.nextInt(40)))));
      }
      if (r.nextBoolean()) {
        attacks.add(Attack.of("xss", Point.of(Step.of("get"), Step.of("q")), "q " + echo));
      }
      AttackReport report = new AttackReport("r", "1", request, attacks, Map.of());
      MaskPolicy policy = policy(r.nextBoolean(), "sec", "tok", "keep", "gone");
      MaskingOptions o = options[r.nextInt(options.length)];
      MaskedReport on = maskReport(report, policy, o, true);
      MaskedReport off = maskReport(report, policy, o, false);
      assertThat(on.report()).as(body).isEqualTo(off.report());
      assertThat(on.report().request().bodyUnsafe()).isEqualTo(off.report().request().bodyUnsafe());
      assertThat(on.report().request().uri()).isEqualTo(off.report().request().uri());
      assertThat(on.report().request().headers().asList())
          .isEqualTo(off.report().request().headers().asList());
      for (int i = 0; i < attacks.size(); i++) {
        assertThat(on.report().attacks().get(i).payload())
            .isEqualTo(off.report().attacks().get(i).payload());
      }
      assertThat(on.notes()).isEqualTo(off.notes());
      if (on.changed()) {
        differs++;
      }
    }
    assertThat(differs).isGreaterThan(3000);
  }

  @Test
  void aMemberOfAMaskedContainerEchoedElsewhereIsMasked() {
    String token = "at-93jfK2lq0ZpXw8e7r6t5y4";
    String refresh = "rt-0a9s8d7f6g5h4j3k2l1";
    String body = "{\"order\":{\"id\":1},\"session\":{\"access_token\":\"" + token
        + "\",\"refresh_token\":\"" + refresh + "\",\"expires_in\":3600},\"z\":\"ok\"}";
    HttpRequest request = HttpRequest.builder().method("PUT")
        .uri("/api?t=" + token + "&v=1").protocol("HTTP/1.1")
        .header("Host", "example.test")
        .header("Content-Type", "application/json")
        .header("X-Refresh", "r=" + refresh)
        .header("X-B64", Base64.getEncoder().encodeToString(token.getBytes(UTF_8)))
        .body(body).build();
    AttackReport report = new AttackReport("r", "1", request,
        List.of(Attack.of("sqli", Point.of(Step.of("post")), body),
            Attack.of("xss", Point.of(Step.of("get"), Step.of("t")), "x" + token)), Map.of());
    MaskedReport m = Rewriter.mask(report, policy(true, "session"), MaskingOptions.defaults());
    HttpRequest out = m.report().request();
    List<String> texts = new ArrayList<>();
    texts.add(out.uri());
    for (Header h : out.headers().asList()) {
      texts.add(h.value());
    }
    texts.add(new String(out.bodyUnsafe(), UTF_8));
    for (Attack a : m.report().attacks()) {
      texts.add(a.payload());
    }
    String b64 = Base64.getEncoder().encodeToString(token.getBytes(UTF_8));
    for (String t : texts) {
      assertThat(t).doesNotContain(token).doesNotContain(refresh).doesNotContain(b64)
          .doesNotContain(b64.substring(0, 24));
    }
    assertThat(out.uri()).startsWith("/api?t=").endsWith("&v=1");
  }
}
