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
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The XML scanner gives the same bytes and notes with the value pre-check ({@link
 * MaskRun#mayInspect}) and the name pre-filter ({@link MaskRun#maySelectName}) on and off, over
 * generated documents holding every inspector trigger in text, attributes and CDATA, raw and
 * written as references; and a secret whose trigger shows only once its references are decoded
 * is still found.
 */
final class XmlPrecheckTest {

  private static final String[] FRAGMENTS = {
    "@", "a@b.co", "user.name+tag@example.com", "://", "https://u:p4ss@host/x",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGe"
        + "KLs1Pt8Qu"
        + "\n-----END RSA PRIVATE KEY-----", "-----BEGIN ",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3"
        + "I9PlFUP0THsR8U", "eyJ", "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE",
    "AIzaSyD-1234567890abcdefghijklmnopqrstu", "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
    "xoxb-123456789012-abcdefghijkl", "sk_live_0123456789abcdefABCDEF", "DE89370400440532013000",
    "GB82 WEST 1234 5698 7654 32", "123-45-6789", "078-05-1120", "4111111111111111",
    "4111 1111 1111 1111", "1234567890123", "12345678901234567890", "{\"password\":\"x\"}", "[1,2]",
    "{", "<a>x</a>", "<", "a=b", "password=secret", "%41%42", "%", "%7B%22a%22%3A1%7D",
    "cGFzc3dvcmQ9c2VjcmV0", "eyJwYXNzd29yZCI6InNlY3JldCJ9", "YWJj", "YQ==", "\u00e9", "\u20ac",
    "Alice", "hello world", "42", "+", ";", "&", "\"'", "\ud83d\ude00", "\t\n",
  };

  private static final String[] NAMES = {
    "password", "Password", "pass_word", "token", "a:token", "user", "p", "item", "x:y", "email",
    "\u00e9t\u00e9", "t\u00f6ken", "passwordx", "_", "a-b.c",
  };

  /** {@code v} written as XML text: each character raw, as an entity or as a reference. */
  private static String write(String v, Random r, boolean attribute) {
    StringBuilder b = new StringBuilder();
    v.codePoints().forEach(c -> {
      int how = r.nextInt(4);
      if (c == '<' || c == '&' || attribute && (c == '"') || how == 0) {
        b.append(how % 2 == 0 ? "&#" + c + ";"
            : "&#x" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ";");
      } else if (how == 1 && c == '>') {
        b.append("&gt;");
      } else if (how == 1 && c == '\'') {
        b.append("&apos;");
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  private static String value(Random r) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + r.nextInt(3);
    for (int p = 0; p < parts; p++) {
      String f = FRAGMENTS[r.nextInt(FRAGMENTS.length)];
      if (r.nextInt(4) == 0 && f.length() > 2) {
        int s = r.nextInt(f.length() - 1);
        if (Character.isLowSurrogate(f.charAt(s))) {
          s--;
        }
        int e = s + 1 + r.nextInt(f.length() - s);
        if (e < f.length() && Character.isLowSurrogate(f.charAt(e))) {
          e++;
        }
        f = f.substring(s, e);
      }
      b.append(f);
    }
    return b.toString();
  }

  private static String document(Random r) {
    StringBuilder d = new StringBuilder("<root>");
    int n = 1 + r.nextInt(6);
    for (int k = 0; k < n; k++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      d.append('<').append(name);
      if (r.nextBoolean()) {
        String attr = NAMES[r.nextInt(NAMES.length)];
        d.append(' ').append(attr).append("=\"").append(write(value(r), r, true)).append('"');
      }
      d.append('>');
      switch (r.nextInt(4)) {
        case 0 -> d.append("<![CDATA[").append(value(r).replace("]]>", "]]")).append("]]>");
        case 1 -> d.append("<inner>").append(write(value(r), r, false)).append("</inner>");
        default -> d.append(write(value(r), r, false));
      }
      d.append("</").append(name).append('>');
    }
    return d.append("</root>").toString();
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
        if ("password".equals(f.name()) || "Password".equals(f.name())) {
          return pw;
        }
        return "token".equals(f.name()) ? tok : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        String n = new String(name, from, to - from, UTF_8);
        return n.equals("password") || n.equals("Password") || n.equals("token");
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  private record Out(String text, List<Note> notes) {}

  private static Out scan(byte[] src, MaskPolicy policy) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] out = XmlScanner.mask(src, 0, src.length, run);
    return new Out(out == null ? null : new String(out, UTF_8), run.notes());
  }

  private static void compare(String input, MaskPolicy policy, int[] changed) {
    byte[] src = input.getBytes(UTF_8);
    Out on = scan(src, policy);
    Out off;
    MaskRun.precheck = false;
    MaskRun.nameFilter = false;
    try {
      off = scan(src, policy);
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
  void xmlScanGivesTheSameBytesAndNotesWithAndWithoutThePrechecks() {
    MaskPolicy policy = policy();
    Random r = new Random(17);
    int[] changed = {0};
    for (int i = 0; i < 3000; i++) {
      compare(document(r), policy, changed);
    }
    assertThat(changed[0]).isGreaterThan(1000);
  }

  @Test
  void everyFragmentGivesTheSameResultWrittenAnyWay() {
    MaskPolicy policy = policy();
    for (String f : FRAGMENTS) {
      Random r = new Random(f.hashCode());
      compare("<a b=\"" + write(f, r, true) + "\">" + write(f, r, false) + "</a>", policy,
          new int[1]);
      compare("<a><![CDATA[" + f + "]]></a>", policy, new int[1]);
    }
  }

  @Test
  void secretsWhoseTriggerShowsOnlyOnceDecodedAreMasked() {
    // The trigger character of each detector written as a reference: a check of the raw bytes
    // would see no "sk_live_", no "://", no "@", no "AKIA" (and too few digits for a card).
    String[][] secrets = {{"STRIPE_KEY", "sk_live_abcdefghijklmnopABCDEF", "s"},
        {"URL_PASSWORD", "https://u:pssword@host/x", ":"},
        {"EMAIL", "canary@example.com", "@"},
        {"AWS_ACCESS_KEY", "AKIAIOSFODNNQEXAMPLE", "A"},
        {"GITHUB_TOKEN", "ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", "g"}};
    for (String[] entry : secrets) {
      Detector detector = Detector.valueOf(entry[0]);
      String secret = entry[1];
      StringBuilder written = new StringBuilder();
      for (char c : secret.toCharArray()) {
        written.append(entry[2].indexOf(c) >= 0 ? "&#" + (int) c + ";" : String.valueOf(c));
      }
      String hidden = written.toString();
      MaskPolicy policy = new MaskPolicy() {
        @Override
        public Decision decide(Field f) {
          return null;
        }

        @Override
        public List<DetectorRule> detectors() {
          return List.of(new DetectorRule(detector, new Decision(MaskAction.redact(), "det")));
        }
      };
      byte[] raw = hidden.getBytes(UTF_8);
      assertThat(new MaskRun(policy, MaskingOptions.defaults()).mayInspect(raw, 0, raw.length))
          .as("the raw bytes hide the trigger: " + secret).isFalse();
      String doc = "<r><plain>keep me</plain><v a=\"" + hidden + "\">" + hidden + "</v></r>";
      Out out = scan(doc.getBytes(UTF_8), policy);
      assertThat(out.text()).as(secret).isNotNull().contains("<plain>keep me</plain>");
      for (String form : XmlTesting.escapedForms(secret)) {
        assertThat(out.text()).as(secret).doesNotContain(form);
      }
      assertThat(out.text()).as(secret).doesNotContain(hidden.toString());
    }
  }
}
