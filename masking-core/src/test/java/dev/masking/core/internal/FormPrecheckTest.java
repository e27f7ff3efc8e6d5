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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The form and query scanner gives the same bytes and notes with the value pre-check ({@link
 * MaskRun#mayInspect}) and the name pre-filter ({@link MaskRun#maySelectName}) on and off, over
 * generated pairs holding every inspector trigger, raw and percent-encoded.
 */
final class FormPrecheckTest {

  private static final String[] FRAGMENTS = {
    "@", "a@b.co", "user.name+tag@example.com", "://", "https://u:p4ss@host/x",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu"
        + "\n-----END RSA PRIVATE KEY-----", "-----BEGIN ",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3"
        + "I9PlFUP0THsR8U", "eyJ", "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE",
    "AIzaSyD-1234567890abcdefghijklmnopqrstu", "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
    "xoxb-123456789012-abcdefghijkl", "sk_live_0123456789abcdefABCDEF", "DE89370400440532013000",
    "GB82 WEST 1234 5698 7654 32", "123-45-6789", "078-05-1120", "4111111111111111",
    "4111 1111 1111 1111", "1234567890123", "12345678901234567890", "{\"password\":\"x\"}", "[1,2]",
    "{", "<a>x</a>", "<", "a=b", "password=secret", "=", "%41%42", "%", "%2", "%7B%22a%22%3A1%7D",
    "cGFzc3dvcmQ9c2VjcmV0", "eyJwYXNzd29yZCI6InNlY3JldCJ9", "YWJj", "YQ==", "é", "€", "Alice",
    "hello world", "42", "+", ";", ";password=x", ";token=y", "\u00ff",
  };

  private static final String[] NAMES = {
    "password", "pass%77ord", "pass+word", "user", "user[password]", "user[token]", "p[]", "p[]",
    "a[b][c]", "a[b", "q", "email", "token", "x%5By%5D", "", "na%C3%AFve", "\u00e9t\u00e9",
  };

  private static String encode(String v, Random r) {
    StringBuilder b = new StringBuilder();
    for (byte x : v.getBytes(UTF_8)) {
      int c = x & 0xff;
      boolean unreserved = Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.'
          || c == '_' || c == '~';
      if (c == ' ' && r.nextBoolean()) {
        b.append('+');
      } else if (unreserved && r.nextInt(3) != 0) {
        b.append((char) c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, r.nextBoolean() ? "%%%02X" : "%%%02x", c));
      }
    }
    return b.toString();
  }

  private static String value(Random r) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + r.nextInt(4);
    for (int p = 0; p < parts; p++) {
      String f = FRAGMENTS[r.nextInt(FRAGMENTS.length)];
      if (r.nextInt(4) == 0 && f.length() > 2) {
        int s = r.nextInt(f.length());
        f = f.substring(s, s + r.nextInt(f.length() - s) + 1);
      }
      b.append(f);
    }
    String v = b.toString();
    switch (r.nextInt(3)) {
      case 0:
        return encode(v, r);
      case 1: // raw, minus the separators that would split the pair
        return v.replace("&", "").replace("=", r.nextBoolean() ? "=" : "");
      default:
        return encode(v, r).replace("%2D", "-").replace("%2B", "+");
    }
  }

  private static MaskPolicy policy() {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    Decision pw = new Decision(MaskAction.redact(), "pw");
    Decision tok = new Decision(new MaskAction.Remove(), "tok");
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        if ("password".equals(f.name())) {
          return pw;
        }
        return "token".equals(f.name()) ? tok : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        String n = new String(name, from, to - from, StandardCharsets.UTF_8);
        return n.equals("password") || n.equals("token");
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  private record Out(String text, List<Note> notes) {}

  private static Out scan(byte[] src, MaskPolicy policy, String parser) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    if (parser.equals("form_urlencoded")) {
      run.push(Step.of("post"));
    }
    byte[] out = FormScanner.mask(src, 0, src.length, run, parser);
    return new Out(out == null ? null : new String(out, UTF_8), run.notes());
  }

  private static void compare(String input, MaskPolicy policy, String parser, int[] changed) {
    byte[] src = input.getBytes(UTF_8);
    Out on = scan(src, policy, parser);
    Out off;
    MaskRun.precheck = false;
    MaskRun.nameFilter = false;
    try {
      off = scan(src, policy, parser);
    } finally {
      MaskRun.precheck = true;
      MaskRun.nameFilter = true;
    }
    assertThat(on.text()).as(input).isEqualTo(off.text());
    assertThat(on.notes()).as(input).isEqualTo(off.notes());
    if (on.text() != null) {
      changed[0]++;
    }
  }

  @Test
  void formScanGivesTheSameBytesAndNotesWithAndWithoutThePrechecks() {
    MaskPolicy policy = policy();
    Random r = new Random(13);
    int[] changed = {0};
    for (String fixed : List.of("a=1&password=x&b=2", "q=hello+world&email=a%40b.co",
        "u=https%3A%2F%2Fu%3Ap%40h%2F&t=eyJhbGciOiJIUzI1NiJ9.e30.sig", "x=1;password=2&y",
        "card=4111111111111111&n=1234567890123", "k=AKIAIOSFODNN7EXAMPLE;token=z", "&&=&a&")) {
      compare(fixed, policy, "get", changed);
      compare(fixed, policy, "form_urlencoded", changed);
    }
    for (int i = 0; i < 4000; i++) {
      StringBuilder q = new StringBuilder();
      int pairs = 1 + r.nextInt(6);
      for (int p = 0; p < pairs; p++) {
        if (p > 0) {
          q.append('&');
        }
        String name = r.nextInt(3) == 0 ? "f" + r.nextInt(50) : NAMES[r.nextInt(NAMES.length)];
        q.append(name);
        if (r.nextInt(8) != 0) {
          q.append('=').append(value(r));
        }
      }
      compare(q.toString(), policy, i % 2 == 0 ? "get" : "form_urlencoded", changed);
    }
    assertThat(changed[0]).isGreaterThan(500);
  }

  @Test
  void precheckSkipsNothingWhereAPlainValueHoldsATrigger() {
    MaskPolicy policy = policy();
    for (String v : Arrays.asList(FRAGMENTS)) {
      String q = "f=" + encode(v, new Random(v.hashCode()));
      compare(q, policy, "get", new int[1]);
    }
    Out out = scan("f=4111111111111111&g=plain".getBytes(UTF_8), policy, "get");
    assertThat(out.text()).doesNotContain("4111111111111111").contains("g=plain");
  }
}
