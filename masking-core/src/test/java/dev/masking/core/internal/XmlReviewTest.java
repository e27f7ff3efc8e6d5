package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of the XML scanner's fast paths: character references written with leading
 * zeros, detector shapes at every alignment around the eight-byte reads, and the per-thread name
 * cache across policies, each with the pre-checks on and off.
 */
final class XmlReviewTest {

  private static MaskPolicy detecting(Detector... detectors) {
    List<DetectorRule> rules = new java.util.ArrayList<>();
    for (Detector d : detectors) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det")));
    }
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        return false;
      }

      @Override
      public List<DetectorRule> detectors() {
        return rules;
      }
    };
  }

  private static String scan(String xml, MaskPolicy policy) {
    byte[] src = xml.getBytes(UTF_8);
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] out = XmlScanner.mask(src, 0, src.length, run);
    return out == null ? xml : new String(out, UTF_8);
  }

  /** Scans with the pre-checks on and off, asserts both agree, and returns the output. */
  private static String both(String xml, MaskPolicy policy) {
    String on = scan(xml, policy);
    String off;
    MaskRun.precheck = false;
    MaskRun.nameFilter = false;
    try {
      off = scan(xml, policy);
    } finally {
      MaskRun.precheck = true;
      MaskRun.nameFilter = true;
    }
    assertThat(on).as(xml).isEqualTo(off);
    return on;
  }

  /** {@code c} as a decimal or hexadecimal character reference with {@code zeros} leading zeros. */
  private static String ref(char c, int zeros, boolean hex) {
    String digits = hex ? Integer.toHexString(c) : Integer.toString(c);
    return (hex ? "&#x" : "&#") + "0".repeat(zeros) + digits + ";";
  }

  @Test
  void detectorSecretsWithCharacterReferencesPaddedWithZerosAreMasked() {
    String[][] secrets = {{"AWS_ACCESS_KEY", "AKIAIOSFODNNQEXAMPLE", "IOSFODNNQEXAMPLE"},
        {"EMAIL", "canary.person@example.com", "canary.person"},
        {"CARD", "4111111111111111", "11111111111111"}};
    for (String[] s : secrets) {
      MaskPolicy policy = detecting(Detector.valueOf(s[0]));
      String secret = s[1];
      for (int zeros = 0; zeros <= 40; zeros += 3) {
        for (boolean hex : new boolean[] {false, true}) {
          // The first character (and, for the e-mail, the '@') written as a padded reference.
          StringBuilder w = new StringBuilder();
          for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            w.append(i == 0 || c == '@' ? ref(c, zeros, hex) : String.valueOf(c));
          }
          String doc = "<r><keep>plain</keep><v a=\"" + w + "\">" + w + "</v></r>";
          String out = both(doc, policy);
          assertThat(out).as(doc).contains("<keep>plain</keep>").doesNotContain(s[2]);
        }
      }
    }
  }

  @Test
  void detectorSecretsSplitByCommentsPisAndCdataBoundariesAreMasked() {
    MaskPolicy policy = detecting(Detector.AWS_ACCESS_KEY, Detector.CARD, Detector.EMAIL);
    String[][] secrets = {{"AKIAIOSFODNNQEXAMPLE", "IOSFODNNQEXAMPLE"},
        {"4111 1111 1111 1111", "1111 1111"}, {"canary.person@example.com", "canary.person"}};
    String[] cuts = {"<!---->", "<!-- c -->", "<?pi x?>", "]]><![CDATA["};
    for (String[] s : secrets) {
      String secret = s[0];
      for (int at = 1; at < secret.length(); at++) {
        for (String cut : cuts) {
          String a = secret.substring(0, at);
          String b = secret.substring(at);
          String body = cut.startsWith("]]>") ? "<![CDATA[" + a + cut + b + "]]>" : a + cut + b;
          for (String pad : new String[] {"", "x ", "1234567 "}) {
            String doc = "<r><keep>plain</keep><v>" + pad + body + " tail</v></r>";
            String out = both(doc, policy);
            assertThat(out).as(doc).contains("<keep>plain</keep>").doesNotContain(s[1])
                .doesNotContain(secret);
            assertThat(both(out, policy)).as("idempotent: " + doc).isEqualTo(out);
          }
        }
      }
    }
  }

  @Test
  void nameCacheAnswerOfOnePolicyIsNotReusedByAnother() {
    String doc = "<r><password>hunter2-canary</password><pw a=\"x\" secret=\"attr-canary\"/></r>";
    MaskPolicy none = new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        return false;
      }
    };
    MaskPolicy some = new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return "password".equals(f.name()) || "secret".equals(f.name())
            ? new Decision(MaskAction.redact(), "t") : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        String n = new String(name, from, to - from, UTF_8);
        return n.equals("password") || n.equals("secret");
      }
    };
    for (int round = 0; round < 3; round++) {
      assertThat(scan(doc, none)).isEqualTo(doc);
      String out = scan(doc, some);
      assertThat(out).doesNotContain("hunter2-canary").doesNotContain("attr-canary")
          .contains("<pw a=\"x\"");
      // A nested scan (XML inside XML text) between the outer scan's names.
      String nested = "<r><password>c1-canary</password><doc>&lt;x&gt;&lt;password&gt;c2-canary"
          + "&lt;/password&gt;&lt;/x&gt;</doc><password>c3-canary</password></r>";
      String n = scan(nested, some);
      assertThat(n).doesNotContain("c1-canary").doesNotContain("c3-canary");
    }
  }

  @Test
  void detectorShapesAtEveryAlignmentAreMaskedInUtf8AndUtf16Bodies() {
    MaskPolicy policy = detecting(Detector.AWS_ACCESS_KEY, Detector.CARD, Detector.JWT);
    String[][] secrets = {{"AKIAIOSFODNNQEXAMPLE", "IOSFODNNQEXAMPLE"},
        {"4111111111111111", "41111111111"},
        {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlLWNhbmFyeQ", "c2lnbmF0dXJl"}};
    for (String[] s : secrets) {
      for (int pad = 0; pad <= 17; pad++) {
        for (String lead : new String[] {" ", "\n        ", "x "}) {
          String doc = "<r>" + " ".repeat(pad) + "<v>" + lead + s[0] + " ".repeat(pad % 9)
              + "</v><w a=\"" + "y".repeat(pad) + " " + s[0] + "\"/></r>";
          assertThat(both(doc, policy)).as(doc).doesNotContain(s[1]);
          byte[] wide = doc.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
          MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
          run.push(Step.of("post"));
          byte[] out = XmlScanner.mask(wide, 0, wide.length, run);
          assertThat(out).as(doc).isNotNull();
          assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_16LE)).as(doc)
              .doesNotContain(s[1]);
        }
      }
    }
  }
}
