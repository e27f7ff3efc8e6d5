package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Headers;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Adversarial review of the fast paths that skip a value ({@link Detection#mayFind}'s eight-byte
 * rejection and masked digit triggers, the cookie and path text pre-checks, the two-dot JWT-shape
 * test of the nested layers): with the detector sets of the {@code default} and {@code pii}
 * presets, random texts over the bytes the shapes look at and every detector's secrets planted at
 * every offset of values around eight and 13 to 19 bytes are never skipped where {@link
 * Detection#find} finds something; and whole reports with secrets in cookies and path segments
 * (non-ASCII, two dots, JWTs with schemes, nested layers) give the same bytes and notes with the
 * pre-checks on and off, with no planted secret left.
 */
final class SkipPathsReviewTest {

  private static final EnumSet<Detector> DEFAULT = EnumSet.of(Detector.CARD, Detector.JWT,
      Detector.PRIVATE_KEY, Detector.URL_PASSWORD, Detector.AWS_ACCESS_KEY,
      Detector.GITHUB_TOKEN, Detector.SLACK_TOKEN, Detector.STRIPE_KEY, Detector.GOOGLE_API_KEY);
  private static final EnumSet<Detector> PII =
      EnumSet.of(Detector.EMAIL, Detector.IBAN, Detector.US_SSN);

  private static List<Detection> presetEngines() {
    EnumSet<Detector> both = EnumSet.copyOf(DEFAULT);
    both.addAll(PII);
    return List.of(new Detection(DEFAULT), new Detection(PII), new Detection(both),
        new Detection(EnumSet.of(Detector.CARD, Detector.US_SSN)),
        new Detection(EnumSet.of(Detector.EMAIL, Detector.US_SSN)));
  }

  /** Bytes the shapes and the eight-byte test look at, and some they do not. */
  private static final String ALPHABET =
      "0123456789012345678901234567890123456789 --..@@::/__xoxAKSIBEGINJeyJghpsk_liverZzq\u00e9\t";

  private static void assertNotSkipped(Detection d, String v) {
    byte[] b = v.getBytes(UTF_8);
    assertThat(d.mayFind(b, 0, b.length)).as("value [%s]", v).isTrue();
    assertThat(d.mayFind(v, new byte[1][])).as("value [%s]", v).isTrue();
    for (int off = 1; off < 8; off++) {
      byte[] p = new byte[b.length + 2 * off];
      Arrays.fill(p, (byte) '5'); // digits around must not be counted
      System.arraycopy(b, 0, p, off, b.length);
      assertThat(d.mayFind(p, off, off + b.length)).as("value [%s] at %d", v, off).isTrue();
    }
    byte[] esc = unicodeEscaped(v).getBytes(UTF_8);
    assertThat(d.mayFindJson(esc, 0, esc.length, new byte[1][])).as("escaped [%s]", v).isTrue();
  }

  /** {@code v} as JSON string content with every ASCII character a backslash-u escape. */
  private static String unicodeEscaped(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      sb.append(String.format(Locale.ROOT, "\\u%04x", (int) v.charAt(i)));
    }
    return sb.toString();
  }

  @Test
  void randomShortTextsOfTheShapeBytesAreNeverSkippedWhereFindFinds() {
    Random r = new Random(77);
    Detection.Spans spans = new Detection.Spans();
    int found = 0;
    for (Detection d : presetEngines()) {
      for (int n = 0; n < 60_000; n++) {
        int len = r.nextInt(26);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
          sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        String v = sb.toString();
        spans.clear();
        d.find(v, spans);
        if (spans.size() > 0) {
          found++;
          assertNotSkipped(d, v);
        }
      }
    }
    assertThat(found).isGreaterThan(100);
  }

  @Test
  void everySecretOfTheTableAtEveryOffsetOfShortAndCardLengthValuesIsNeverSkipped() {
    Detection.Spans spans = new Detection.Spans();
    String[] fillers = {"a", "7", " ", "-", "x", "_", "\u00e9", "A", "@", ".", "1 ", "Z9"};
    int found = 0;
    for (Arguments row : DetectionTest.rows()) {
      String secret = (String) row.get()[0];
      for (Detection d : presetEngines()) {
        for (String f : fillers) {
          for (int before = 0; before <= 20; before++) {
            for (int after : new int[] {0, 1, 2, 7, 8, 9, 13}) {
              String v = f.repeat(before).substring(0, before * f.length() > 0 ? before : 0)
                  + (before > 0 ? " " : "") + secret + (after > 0 ? " " : "")
                  + "q".repeat(after);
              spans.clear();
              d.find(v, spans);
              if (spans.size() > 0) {
                found++;
                assertNotSkipped(d, v);
              }
            }
          }
        }
      }
    }
    assertThat(found).isGreaterThan(2000);
  }

  @Test
  void digitRunsOfEveryLengthAndSeparatorNearTheValueEndAreNeverSkipped() {
    Detection.Spans spans = new Detection.Spans();
    String[] cards = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
        "378282246310005", "4222222222222", "123-45-6789", "123 45 6789", "6011000990139424"};
    int found = 0;
    for (Detection d : presetEngines()) {
      for (String c : cards) {
        for (int pre = 0; pre < 24; pre++) {
          for (String lead : new String[] {"", " ", "x ", "\u00e9", "-", "12 "}) {
            String v = "ab cd".repeat(5).substring(0, Math.min(pre, 25)) + lead + c;
            spans.clear();
            d.find(v, spans);
            if (spans.size() > 0) {
              found++;
              assertNotSkipped(d, v);
              assertNotSkipped(d, v + "!");
            }
          }
        }
      }
    }
    assertThat(found).isGreaterThan(500);
  }

  private static List<Detector> found(Detection d, String v) {
    Detection.Spans spans = new Detection.Spans();
    d.find(v, spans);
    List<Detector> out = new ArrayList<>();
    for (int k = 0; k < spans.size(); k++) {
      out.add(spans.detector(k));
    }
    return out;
  }

  @Test
  void aTokenAfterAnEyjWordThatIsNoJwtIsStillFound() {
    // Was a leak: the JWT attempt at "eyJ..." skipped the segments after its dots whenever they
    // made no JWT, and the key after the dot was never looked at.
    Detection d = new Detection(DEFAULT);
    assertThat(found(d, "eyJ0b2tlbiI6InNFY1JlVDJ6In0.sk_live_0123456789abcdefABCDEF"))
        .containsExactly(Detector.STRIPE_KEY);
    assertThat(found(d, "eyJhYmMiOjF9.e30.ghp_0123456789abcdefghijklmnopqrstuvwxyz"))
        .containsExactly(Detector.GITHUB_TOKEN);
    assertThat(found(d, "eyJ4.AKIAIOSFODNN7EXAMPLE")).containsExactly(Detector.AWS_ACCESS_KEY);
  }

  @Test
  void aTokenInTheUserinfoOfAUrlWithoutAPasswordIsStillFound() {
    // Was a leak: a URL's authority without a password span was skipped whole, so a token used
    // as the user name (https://TOKEN@github.com/...) was never looked at.
    Detection d = new Detection(DEFAULT);
    assertThat(found(d, "https://ghp_0123456789abcdefghijklmnopqrstuvwxyz@github.com/o/r.git"))
        .containsExactly(Detector.GITHUB_TOKEN);
    assertThat(found(d, "http://AKIAIOSFODNN7EXAMPLE/x")).containsExactly(Detector.AWS_ACCESS_KEY);
    assertThat(found(d, "https://u:p4ss@h/x")).containsExactly(Detector.URL_PASSWORD);
  }

  @Test
  void aJwtWithPaddedSegmentsIsFound() {
    // Was a leak: the payload's '=' padding ended the JWT shape, and nothing was found.
    String h = Base64.getUrlEncoder().encodeToString("{\"alg\":\"HS256\"}".getBytes(UTF_8));
    String p = Base64.getUrlEncoder().encodeToString("{\"sub\":\"abc\"}".getBytes(UTF_8));
    assertThat(p).endsWith("=");
    Detection d = new Detection(DEFAULT);
    for (String v : List.of(h + "." + p + ".c2ln", "Bearer " + h + "." + p + ".c2ln",
        h + "." + p + ".c2ln=")) {
      Detection.Spans spans = new Detection.Spans();
      d.find(v, spans);
      assertThat(spans.size()).as(v).isEqualTo(1);
      assertThat(v.substring(spans.start(0), spans.end(0))).as(v).startsWith(p).contains(".c2ln");
    }
  }

  @Test
  void aBearerJwtWithAPaddedPayloadIsPeeledInEveryPlace() {
    // Was a leak: with a scheme and '=' padding, the nested layers' pre-check read neither
    // name=value nor padded base64, and the JWT's password claim was never decoded.
    String s = "sEcReTpAdX";
    String h = b64url("{\"alg\":\"HS256\"}");
    String p = Base64.getUrlEncoder().encodeToString(("{\"password\":\"" + s + "\"}")
        .getBytes(UTF_8));
    assertThat(p).endsWith("=");
    String v = "Bearer " + h + "." + p + ".c2ln";
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/a/" + Percent.encodeToString(v) + "?q=" + Percent.encodeToString(v))
        .headers(Headers.of("Host", "h", "Cookie", "c=" + v, "X-Auth", v,
            "Content-Type", "application/x-www-form-urlencoded"))
        .body("f=" + Percent.encodeToString(v)).build();
    AttackReport report = new AttackReport("r", null, req,
        List.of(Attack.of("xss", Point.of(Step.of("header"), Step.named("header", "host")), "h")),
        java.util.Map.of());
    for (boolean pre : new boolean[] {true, false}) {
      MaskedReport m = mask(report, policy(false), pre);
      String out = text(m) + new String(m.report().request().body(), UTF_8);
      assertThat(NestedLayersCanaryTest.deepDecodings(out)).as(out).noneMatch(t -> t.contains(s));
      assertThat(out).contains("Bearer");
    }
  }

  @Test
  void aJwtWithSpacesAroundItInsideAValueIsPeeledInEveryPlace() {
    // Was a leak with no detector active: spaces before a JWT (without a scheme) or after it kept
    // the nested layers from reading it, and its password claim was never decoded.
    String h = b64url("{\"alg\":\"HS256\"}");
    int k = 0;
    for (String pad : new String[] {" %s", "%s ", "  %s  ", "Bearer %s ", "\t%s"}) {
      String s = "sPaCeSeCrEt" + k++;
      String p = b64url("{\"password\":\"" + s + "\"}");
      String v = String.format(pad, h + "." + p + ".c2ln");
      HttpRequest req = HttpRequest.builder().method("POST")
          .uri("/a/" + Percent.encodeToString(v) + "?q=" + Percent.encodeToString(v))
          .headers(Headers.of("Host", "h", "Cookie", "c=\"" + v + "\"", "X-Auth", v,
              "Content-Type", "application/x-www-form-urlencoded"))
          .body("f=" + Percent.encodeToString(v)).build();
      AttackReport report = new AttackReport("r", null, req,
          List.of(Attack.of("xss", Point.of(Step.of("header"), Step.named("header", "host")), "h")),
          java.util.Map.of());
      for (boolean pre : new boolean[] {true, false}) {
        MaskedReport m = mask(report, policy(false), pre);
        String out = text(m) + new String(m.report().request().body(), UTF_8);
        // A tab is trimmed like a space (NestedLayers reads a text between its blanks).
        assertThat(NestedLayersCanaryTest.deepDecodings(out)).as(pad + " " + out)
            .noneMatch(t -> t.contains(s));
        assertThat(out).as(pad).contains(h);
      }
    }
  }

  @Test
  void secretsWhoseShapeHidesBehindJsonEscapesAreMaskedWithThePrechecksOnAndOff() {
    String[] secrets = {"4111111111111111", "4111 1111 1111 1111", "alice@example.com",
        "AKIAIOSFODNN7EXAMPLE", "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
        "sk_live_0123456789abcdefABCDEF", "123-45-6789", "DE89370400440532013000",
        "https://u:p4ssw0rd@h/x"};
    for (String secret : secrets) {
      for (int k = 0; k < secret.length(); k++) {
        // One character of the secret (each in turn) as a backslash-u escape, in a value of
        // eight bytes or more around it.
        String esc = secret.substring(0, k)
            + String.format(Locale.ROOT, "\\u%04X", (int) secret.charAt(k))
            + secret.substring(k + 1);
        String body = "{\"note\":\"x " + esc + " y\",\"n\":1}";
        HttpRequest req = HttpRequest.builder().method("POST").uri("/j")
            .headers(Headers.of("Host", "h", "Content-Type", "application/json")).body(body)
            .build();
        AttackReport report = new AttackReport("r", null, req,
            List.of(Attack.of("xss", Point.of(Step.of("uri")), "z")), java.util.Map.of());
        // Without nested layers, whose pre-check says yes for every backslash-u escape.
        MaskingOptions noLayers = MaskingOptions.builder().maxDecodeLayers(0).build();
        String on = new String(
            mask(report, policy(true), true, noLayers).report().request().body(), UTF_8);
        String off = new String(
            mask(report, policy(true), false, noLayers).report().request().body(), UTF_8);
        assertThat(on).as(body).isEqualTo(off).doesNotContain(esc)
            .contains("\"n\":1");
        String secretPart = secret.substring(secret.length() - 6);
        assertThat(on).as(body).doesNotContain(secretPart);
      }
    }
  }

  // ---- whole reports: cookies and path segments -------------------------------------------------

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  private static String b64url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(UTF_8));
  }

  private static String jwt(String payload) {
    return b64url("{\"alg\":\"HS256\"}") + "." + b64url(payload) + ".c2ln";
  }

  private static final String[] PIECES = {
    "a", "b.c", "1.2", ".", "..", "v1.2.3", "\u00e9", "\u20ac", "%41", "%2", "=", "x=y", "{", "[",
    "Bearer ", "bearer  ", "4111111111111111", "4111 1111 1111 1111", "AKIAIOSFODNN7EXAMPLE",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyz", "xoxb-123456789012-abcdefghijkl",
    "sk_live_0123456789abcdefABCDEF", "a@b.co", "https://u:p4ss@h/x", "123-45-6789",
    "DE89370400440532013000", "eyJhbGciOiJIUzI1NiJ9.e30.sig", "q", "42", "-", "_", "+", "~",
  };

  /** A unique secret per report slot, planted inside a nested layer or a JWT. */
  private static String nested(int k, Random r) {
    String s = "sEcReT" + k + "z";
    switch (r.nextInt(5)) {
      case 0:
        return jwt("{\"password\":\"" + s + "\"}");
      case 1:
        return "Bearer " + jwt("{\"sub\":\"1\",\"password\":\"" + s + "\"}");
      case 2:
        return b64("{\"password\":\"" + s + "\"}");
      case 3:
        return b64url("{\"token\":\"" + s + "\",\"v\":\"1.2.3\"}");
      default:
        return Percent.encodeToString("{\"password\":\"" + s + "\"}");
    }
  }

  private static String piece(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  /** Names and every detector, or (when {@code detectors} is false) names alone. */
  private static MaskPolicy policy(boolean detectors) {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : detectors ? Detector.values() : new Detector[0]) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    Decision pw = new Decision(MaskAction.redact(), "pw");
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return "password".equals(f.name()) || "token".equals(f.name()) ? pw : null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  private static String text(MaskedReport m) {
    StringBuilder sb = new StringBuilder(m.report().request().uri()).append('\n');
    m.report().request().headers().forEach(h -> sb.append(h.name()).append(": ")
        .append(h.value()).append('\n'));
    return sb.append(m.notes()).toString();
  }

  private static MaskedReport mask(AttackReport report, MaskPolicy policy, boolean precheck) {
    return mask(report, policy, precheck, MaskingOptions.defaults());
  }

  private static MaskedReport mask(AttackReport report, MaskPolicy policy, boolean precheck,
      MaskingOptions options) {
    MaskRun.precheck = precheck;
    try {
      return Rewriter.mask(report, policy, options);
    } finally {
      MaskRun.precheck = true;
    }
  }

  @Test
  void cookiesAndPathSegmentsGiveTheSameReportWithAndWithoutThePrechecksAndLeakNoSecret() {
    Random r = new Random(2026);
    int changed = 0;
    for (int n = 0; n < 3000; n++) {
      MaskPolicy policy = policy(n % 2 == 0);
      List<String> secrets = new ArrayList<>();
      StringBuilder path = new StringBuilder();
      StringBuilder cookie = new StringBuilder("a=1");
      int k = 0;
      for (int seg = 0; seg < 3; seg++) {
        String v = piece(r);
        if (r.nextInt(3) == 0) {
          secrets.add("sEcReT" + k + "z");
          v = nested(k++, r);
        }
        path.append('/').append(Percent.encodeToString(v).replace("%2E", "."));
        String c = piece(r).replace(";", "").replace(",", "");
        if (r.nextInt(3) == 0) {
          secrets.add("sEcReT" + k + "z");
          c = nested(k++, r);
        }
        cookie.append("; c").append(seg).append('=').append(r.nextInt(4) == 0 ? "\"" + c + "\"" : c);
      }
      HttpRequest req = HttpRequest.builder().method("GET").uri(path.toString())
          .headers(Headers.of("Host", "h", "Cookie", cookie.toString())).body("").build();
      AttackReport report = new AttackReport("r", null, req,
          List.of(Attack.of("xss", Point.of(Step.of("header"), Step.named("header", "host")),
              "h")), java.util.Map.of());
      String on = text(mask(report, policy, true));
      String off = text(mask(report, policy, false));
      assertThat(on).as("%s | %s", path, cookie).isEqualTo(off);
      if (!on.equals(text(new MaskedReport(report, List.of())))) {
        changed++;
      }
      for (String s : secrets) {
        assertThat(NestedLayersCanaryTest.deepDecodings(on)).as("%s | %s", path, cookie)
            .noneMatch(t -> t.contains(s));
      }
    }
    assertThat(changed).isGreaterThan(600);
  }
}
