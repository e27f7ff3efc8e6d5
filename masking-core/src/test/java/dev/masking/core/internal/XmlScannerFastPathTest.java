package dev.masking.core.internal;

import static dev.masking.core.internal.XmlTesting.escapedForms;
import static dev.masking.core.internal.XmlTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.NamePrefixes;
import dev.masking.core.Note;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The XML scanner's fast paths under a policy that implements {@link NamePrefixes} (as the rule
 * engine's does), which the lambda policies of the other scanner tests do not: name answers kept
 * across scans for the same policy, {@code xml_tag_array} steps not asked about when no rule can
 * select one. Secrets planted in element text, attributes, CDATA, namespaced names, entity-encoded
 * text and text next to comments must all be gone, in every encoding, and every other byte kept.
 */
final class XmlScannerFastPathTest {

  /**
   * Selects named XML steps whose name is in {@code names}, and when {@code arrays} the second
   * {@code item} of a {@code list}; answers {@code maySelectName} exactly and {@code
   * maySelectIndexed} as {@code arrays}. Records the points asked about.
   */
  private static final class PrefixPolicy implements MaskPolicy, NamePrefixes {
    final Set<String> names;
    final boolean arrays;
    final List<String> asked = new ArrayList<>();
    List<DetectorRule> detectors = List.of();

    PrefixPolicy(boolean arrays, String... names) {
      this.names = Set.of(names);
      this.arrays = arrays;
    }

    PrefixPolicy detecting(Detector d) {
      detectors = List.of(new DetectorRule(d, new Decision(MaskAction.redact(), "d")));
      return this;
    }

    @Override
    public List<DetectorRule> detectors() {
      return detectors;
    }

    @Override
    public Decision decide(Field f) {
      asked.add(f.last().toString());
      Decision d = new Decision(MaskAction.redact(), "fast");
      if (f.name() != null && names.contains(f.name())) {
        return d;
      }
      int n = f.depth();
      if (arrays && n >= 3 && "xml_tag_array".equals(f.last().parser())
          && f.last().index() == 1 && "item".equals(f.step(n - 2).key())) {
        return d;
      }
      return null;
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      return names.contains(new String(name, from, to - from, StandardCharsets.UTF_8));
    }

    @Override
    public long[] namePrefixBits(String parser) {
      return null;
    }

    @Override
    public boolean maySelectIndexed(String parser) {
      return arrays;
    }
  }

  private static final String[] NAMES = {"Password", "Nonce", "token", "Secret", "pin"};

  /** Secrets as written in the document (index = placeholder number). */
  private static final List<String> VALUES = List.of(
      "CANARY-0-plain",
      "CANARY-1-&lt;&amp;&quot;",
      "&#67;ANARY-2-decimal-&#x1F600;",
      "CANARY-3-attr",
      "CANARY-4-single",
      "CANARY-5-cdata",
      "CANARY-6-nested",
      "CANARY-7-ns-attr",
      "CANARY-8-array",
      "CANARY-9-comment",
      "CANARY-10-ns-text");

  /** Decoded secrets to hunt for, besides their escaped forms. */
  private static final List<String> SECRETS = List.of("CANARY-0-plain", "CANARY-1-<&\"",
      "ANARY-2-decimal", "CANARY-3-attr", "CANARY-4-single", "CANARY-5-cdata",
      "CANARY-6-nested", "CANARY-7-ns-attr", "CANARY-8-array", "CANARY-9-comment",
      "CANARY-10-ns-text");

  private static final String TEMPLATE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">\n"
      + "  <soap:Header><wsse:Security xmlns:wsse=\"urn:wsse\">\n"
      + "    <wsse:UsernameToken><wsse:Username>bob &amp; co</wsse:Username>\n"
      + "      <wsse:Password Type=\"urn:wsse#PasswordText\">@0@</wsse:Password>\n"
      + "      <wsse:Nonce>@1@</wsse:Nonce>\n"
      + "    </wsse:UsernameToken></wsse:Security></soap:Header>\n"
      + "  <soap:Body>\n"
      + "    <login user=\"bob\" token=\"@3@\" mode='x' Secret='@4@'>keep &lt;me&gt;</login>\n"
      + "    <Password>@2@</Password>\n"
      + "    <pin><![CDATA[@5@]]></pin>\n"
      + "    <Secret><deep a=\"kept?\"><deeper>@6@</deeper></deep></Secret>\n"
      + "    <x:data xmlns:x=\"urn:x\" x:token=\"@7@\">evidence &lt;script&gt;</x:data>\n"
      + "    <list><item>first</item><item>@8@</item><item>third</item></list>\n"
      + "    <token><!-- c -->@9@<!-- d --></token>\n"
      + "    <y:Secret xmlns:y=\"urn:y\">@10@</y:Secret>\n"
      + "  </soap:Body>\n"
      + "</soap:Envelope>\n";

  private static String fill(boolean masked) {
    String s = TEMPLATE;
    for (int i = VALUES.size() - 1; i >= 0; i--) {
      s = s.replace("@" + i + "@", masked ? "***" : VALUES.get(i));
    }
    return masked ? s.replace("kept?", "***") : s;
  }

  private static void assertNoSecret(String out) {
    for (String secret : SECRETS) {
      for (String form : escapedForms(secret)) {
        assertThat(out).doesNotContain(form);
      }
      assertThat(out).doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8))
          .doesNotContain(secret.replace("\"", "\\\""));
    }
    assertThat(out).doesNotContain("CANARY").doesNotContain("&#67;");
  }

  @Test
  void noSecretSurvivesUnderAPrefixPolicyAndEverythingElseIsIdentical() {
    PrefixPolicy p = new PrefixPolicy(true, NAMES);
    String in = fill(false);
    for (int round = 0; round < 3; round++) { // later rounds take the answers kept for p
      XmlTesting.Result r = scan(in, p);
      String out = r.text();
      assertNoSecret(out);
      assertThat(out).isEqualTo(fill(true));
      assertThat(r.fallbacks()).isEmpty();
      assertThat(scan(out, p).bytes()).isNull();
    }
  }

  @Test
  void nameAnswersKeptForOnePolicyAreNotTakenForAnother() {
    String in = "<r><a>x</a><b>CANARY-b</b></r>";
    PrefixPolicy first = new PrefixPolicy(false, "a");
    PrefixPolicy second = new PrefixPolicy(false, "b");
    for (int round = 0; round < 3; round++) {
      assertThat(scan(in, first).text()).isEqualTo("<r><a>***</a><b>CANARY-b</b></r>");
      assertThat(scan(in, second).text()).isEqualTo("<r><a>x</a><b>***</b></r>");
    }
  }

  @Test
  void anUnstablePolicyIsAskedInEveryScan() {
    String in = "<r><a>CANARY-a</a></r>";
    scan(in, new PrefixPolicy(false, "b"));
    Set<String> selected = new java.util.HashSet<>();
    // A policy without NamePrefixes may answer differently from one scan to the next.
    MaskPolicy changing = new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return "a".equals(f.name()) && selected.contains("a")
            ? new Decision(MaskAction.redact(), "t") : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        return selected.contains(new String(name, from, to - from, StandardCharsets.UTF_8));
      }
    };
    assertThat(scan(in, changing).bytes()).isNull();
    selected.add("a");
    assertThat(scan(in, changing).text()).isEqualTo("<r><a>***</a></r>");
  }

  @Test
  void repetitionStepsArePushedButNotAskedAboutWhenNoRuleCanSelectOne() {
    String in = "<list><item>CANARY-0</item><item><Password>CANARY-1</Password></item></list>";
    PrefixPolicy p = new PrefixPolicy(false, "Password");
    XmlTesting.Result r = scan(in, p);
    assertThat(r.text())
        .isEqualTo("<list><item>CANARY-0</item><item><Password>***</Password></item></list>");
    assertThat(p.asked).noneMatch(s -> s.contains("xml_tag_array"));
    // the step is still in the points below it
    assertThat(r.notes()).map(Note::point).map(Object::toString)
        .anyMatch(s -> s.contains("xml_tag_array 1") && s.endsWith("xml_tag Password"));
    PrefixPolicy arrays = new PrefixPolicy(true, "Password");
    assertThat(scan(in, arrays).text())
        .isEqualTo("<list><item>CANARY-0</item><item><Password>***</Password></item></list>");
    assertThat(arrays.asked).anyMatch(s -> s.contains("xml_tag_array"));
  }

  @Test
  void theSameOutputWithAndWithoutThePrefixPolicysFastPaths() {
    String in = fill(false);
    MaskPolicy lambda = f -> new PrefixPolicy(true, NAMES).decide(f);
    assertThat(scan(in, new PrefixPolicy(true, NAMES)).text())
        .isEqualTo(scan(in, lambda).text());
    MaskingOptions noLayers = MaskingOptions.builder().maxDecodeLayers(0).build();
    assertThat(scan(in, new PrefixPolicy(true, NAMES), noLayers).text())
        .isEqualTo(scan(in, lambda, noLayers).text());
  }

  @Test
  void longNamesThatShareTheirFirstAndLastWordsAreNotTakenForEachOther() {
    // 30-byte names: the same first and last eight bytes, one byte apart in the middle
    String kept = "verylongelementnameXabcdefghij";
    String secret = "verylongelementname_abcdefghij";
    PrefixPolicy p = new PrefixPolicy(false, secret);
    String in = "<r><" + kept + " " + secret + "=\"CANARY-a\" " + kept + "=\"keep-a\">keep-t</"
        + kept + "><n:" + secret + ">CANARY-t</n:" + secret + "></r>";
    String out = "<r><" + kept + " " + secret + "=\"***\" " + kept + "=\"keep-a\">keep-t</"
        + kept + "><n:" + secret + ">***</n:" + secret + "></r>";
    for (int round = 0; round < 3; round++) {
      assertThat(scan(in, p).text()).isEqualTo(out);
    }
  }

  @Test
  void namesWithDigitsDashesDotsColonsAndControlBytesKeepTheirLocalParts() {
    PrefixPolicy p = new PrefixPolicy(false, "pin-2.x", "b:", "a\u0001b", "tok");
    String in = "<r><n1:pin-2.x>CANARY-1</n1:pin-2.x><a:b:>CANARY-2</a:b:><a\u0001b>CANARY-3</a\u0001b>"
        + "<e x1.y-2:tok=\"CANARY-4\" tok2=\"keep\"/><pin-2.xx>keep</pin-2.xx></r>";
    String out = "<r><n1:pin-2.x>***</n1:pin-2.x><a:b:>***</a:b:><a\u0001b>***</a\u0001b>"
        + "<e x1.y-2:tok=\"***\" tok2=\"keep\"/><pin-2.xx>keep</pin-2.xx></r>";
    assertThat(scan(in, p).text()).isEqualTo(out);
  }

  @Test
  void theWordTestForBytesBelow0x40JudgesEveryByte() {
    java.util.Random rnd = new java.util.Random(7);
    byte[] pool = {' ', '\n', '\t', '\r', '<', '>', '/', '=', '"', '\'', '?', '!', ':', '-', '.', '0',
        '9', '@', 'A', 'a', 'z', '_', 0, 1, 0x3F, 0x40, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
    for (int n = 0; n < 100_000; n++) {
      long x = 0;
      for (int k = 0; k < 8; k++) {
        x |= (pool[rnd.nextInt(pool.length)] & 0xFFL) << (8 * k);
      }
      long m = XmlScanner.below40(x);
      for (int k = 0; k < 8; k++) {
        int b = (int) (x >>> (8 * k)) & 0xFF;
        assertThat((m >>> (8 * k + 7) & 1) == 1).isEqualTo(b < 0x40);
      }
    }
  }

  @Test
  void namespaceValuesKeptAsRuledOutAreAskedAgainUnderOtherInspectors() {
    String clean = "<r xmlns:a=\"http://example.com/ns\"><a:x>keep</a:x></r>";
    String leaky = "<r xmlns:a=\"http://user:CANARY-pw@example.com/ns\"><a:x>keep</a:x></r>";
    String leakyOut = "<r xmlns:a=\"http://user:***@example.com/ns\"><a:x>keep</a:x></r>";
    PrefixPolicy plain = new PrefixPolicy(false, "pin"); // no detectors: the URL is ruled out
    PrefixPolicy detecting = new PrefixPolicy(false, "pin").detecting(Detector.URL_PASSWORD);
    for (int round = 0; round < 3; round++) {
      assertThat(scan(clean, detecting).bytes()).isNull();
      assertThat(scan(leaky, plain).bytes()).isNull(); // kept as ruled out for plain
      assertThat(scan(leaky, detecting).text()).isEqualTo(leakyOut);
      assertThat(scan(leaky, detecting).text()).isEqualTo(leakyOut);
    }
    // the same policy under options without nested layers rules out a base64 form the layers read
    String layered = "<r xmlns:b=\"cGFzc3dvcmQ9Q0FOQVJZLW9wdA==\"><b:x>keep</b:x></r>";
    MaskingOptions noLayers = MaskingOptions.builder().maxDecodeLayers(0).build();
    // (with a detector, so that both runs inspect values, with other inspectors)
    PrefixPolicy p = new PrefixPolicy(false, "password").detecting(Detector.URL_PASSWORD);
    for (int round = 0; round < 3; round++) {
      assertThat(scan(layered, p, noLayers).bytes()).isNull();
      String out = scan(layered, p).text();
      assertThat(out).isNotNull().doesNotContain("cGFzc3dvcmQ9Q0FOQVJZLW9wdA==");
      assertNoSecret(out);
    }
  }
}
