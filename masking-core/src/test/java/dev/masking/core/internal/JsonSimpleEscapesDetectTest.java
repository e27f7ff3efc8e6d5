package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JSON strings whose escapes are all two-character ones ({@code \" \\ \/ \b \f \n \r \t}) go to
 * the value detectors' pre-check through {@link Detection#mayFindJsonSimpleEscapes}, which reads
 * the raw bytes with the plain table loop: it answers as {@link Detection#mayFindJson} on random
 * such content, and secrets planted in such strings (cards, JWTs, keys, tokens, URL passwords,
 * e-mails, with escapes inside and around them, and some strings with backslash-u escapes too,
 * which must not take that path) are masked exactly as with the pre-checks off, and do not
 * survive.
 */
final class JsonSimpleEscapesDetectTest {

  private static final String[] SECRETS = {
    "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjQW5KcDF4In0.c2lnbmF0dXJl", "AKIAIOSFODNN7EXAMPLE",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyz", "xoxb-123456789012-abcdefghijkl",
    "sk_live_0123456789abcdefABCDEF", "AIzaSyA-1234567890abcdefghijklmnopqrstu",
    "https://bob:cAnJp1x5eed@example.com/x", "alice.jones@example.org", "123-45-6789",
    "DE89370400440532013000",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIBcAnJp1x5eed\n-----END RSA PRIVATE KEY-----",
  };

  private static final String[] PIECES = {
    " ", "ab", "Springfield", "12", "345", "-", "_", "J", "y", "B", "x", "A", "K", "://", "@",
    ":", "/", "é", "€", "\"", "\\", "\n", "\t", "\r", "\b", "\f", "eyJ", "AKIA", "gh", "xox",
  };

  /** {@code s} as JSON string content with two-character escapes only (a slash escaped too). */
  private static String escape(String s, Random r) {
    return escape(s, r, false);
  }

  /**
   * {@code s} as JSON string content; with {@code u}, some characters (an {@code @}, a digit, a
   * letter) as backslash-u escapes, which must take the decoding pre-check.
   */
  private static String escape(String s, Random r, boolean u) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '/' -> b.append(r.nextBoolean() ? "\\/" : "/");
        default -> {
          if (u && r.nextInt(8) == 0) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static String randomText(Random r) {
    StringBuilder sb = new StringBuilder();
    int parts = 1 + r.nextInt(7);
    for (int p = 0; p < parts; p++) {
      if (r.nextInt(4) == 0) {
        String s = SECRETS[r.nextInt(SECRETS.length)];
        if (r.nextInt(3) == 0 && s.length() > 2) {
          int a = r.nextInt(s.length());
          s = s.substring(a, a + 1 + r.nextInt(s.length() - a));
        }
        sb.append(s);
      } else {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
    }
    return sb.toString();
  }

  @Test
  void simpleEscapesAnswerAsTheJsonPrecheckOnRandomContent() {
    List<Detection> engines = new ArrayList<>();
    engines.add(new Detection(Arrays.asList(Detector.values())));
    for (Detector d : Detector.values()) {
      engines.add(new Detection(List.of(d)));
    }
    Random r = new Random(14);
    int yes = 0;
    for (int n = 0; n < 30_000; n++) {
      byte[] b = escape(randomText(r), r).getBytes(UTF_8);
      byte[] padded = new byte[b.length + 4];
      Arrays.fill(padded, (byte) '7');
      System.arraycopy(b, 0, padded, 2, b.length);
      for (Detection d : engines) {
        boolean json = d.mayFindJson(padded, 2, 2 + b.length, new byte[1][]);
        assertThat(d.mayFindJsonSimpleEscapes(padded, 2, 2 + b.length, new byte[1][]))
            .as("content %s", new String(b, UTF_8)).isEqualTo(json);
        yes += json ? 1 : 0;
      }
    }
    assertThat(yes).isGreaterThan(1000); // the planted secrets reach past the pre-check
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

  private record Result(String text, List<Note> notes) {}

  private static Result scan(String json, MaskPolicy p) {
    MaskRun run = new MaskRun(p, MaskingOptions.defaults());
    run.push(Step.of("post"), null);
    byte[] in = json.getBytes(UTF_8);
    byte[] out = JsonScanner.mask(in, 0, in.length, run);
    return new Result(new String(out == null ? in : out, UTF_8), run.notes());
  }

  @Test
  void secretsInStringsWithTwoCharacterEscapesAreMaskedAsWithThePrechecksOff() {
    MaskPolicy p = policy();
    Random r = new Random(41);
    int masked = 0;
    for (int n = 0; n < 3_000; n++) {
      StringBuilder json = new StringBuilder("{");
      List<String> planted = new ArrayList<>();
      int members = 1 + r.nextInt(4);
      for (int m = 0; m < members; m++) {
        String secret = SECRETS[r.nextInt(SECRETS.length)];
        String text = randomText(r) + (r.nextBoolean() ? " " : "\n") + secret
            + (r.nextBoolean() ? "\"" : " ") + randomText(r);
        planted.add(secret);
        json.append(m == 0 ? "" : ",").append("\"k").append(m).append("\":\"")
            .append(escape(text, r, r.nextInt(3) == 0)).append('"');
      }
      String in = json.append('}').toString();
      Result on = scan(in, p);
      Result off;
      MaskRun.precheck = false;
      try {
        off = scan(in, p);
      } finally {
        MaskRun.precheck = true;
      }
      assertThat(on.text()).as(in).isEqualTo(off.text());
      assertThat(on.notes()).as(in).isEqualTo(off.notes());
      masked += on.text().equals(in) ? 0 : 1;
    }
    assertThat(masked).isGreaterThan(2_500);
  }

  @Test
  void canarySecretsBehindTwoCharacterEscapesDoNotSurvive() {
    String card = "4111111111111111";
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjQW5KcDF4In0.c2lnbmF0dXJl";
    String aws = "AKIAIOSFODNN7EXAMPLE";
    String gh = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
    String json = "{\"a\":\"paid \\\"" + card + "\\\" ok\",\"b\":\"t\\t" + jwt + "\\n\","
        + "\"c\":\"k=\\\"" + aws + "\\\"\",\"d\":\"\\/\\/" + gh + "\\\\\","
        + "\"e\":\"go https:\\/\\/bob:cAnJp1x5eed@example.com\\/x \\\"now\\\"\","
        + "\"f\":\"Bob \\\"Bobby\\\" Tables\"}";
    String out = scan(json, policy()).text();
    byte[] b = out.getBytes(UTF_8);
    for (String s : new String[] {card, jwt, aws, gh, "cAnJp1x5eed"}) {
      assertThat(Leaks.found(b, s)).as(s).isNull();
    }
    assertThat(out).contains("\"f\":\"Bob \\\"Bobby\\\" Tables\"").startsWith("{\"a\":\"paid \\\"");
  }
}
