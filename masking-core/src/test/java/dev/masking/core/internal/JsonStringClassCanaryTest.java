package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the JSON scanner's folded string classification ({@link JsonScanner#classify}):
 * base64 values holding a secret, written with an escaped slash (so the string is escaped) and
 * blanks at an end (a space, a raw tab, an escaped line break, which the nested layers trim), or
 * with escaped blanks between words, under names the policy's pre-filter rules out, at every
 * alignment around the eight-byte reads and at the end of the input (the byte-wise tail). None
 * may survive in any encoding, and the output must equal, byte for byte and note for note, that of
 * the same policy with the pre-checks off. The fold this replaced passed the first kind through
 * unread.
 */
final class JsonStringClassCanaryTest {

  private static final Decision PW = new Decision(MaskAction.redact(), "pw");

  private static final MaskPolicy FILTERED = new MaskPolicy() {
    @Override
    public Decision decide(Field f) {
      return "password".equals(f.name()) ? PW : null;
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      return Arrays.equals(name, from, to, "password".getBytes(UTF_8), 0, 8);
    }
  };

  private static final MaskPolicy UNFILTERED = FILTERED::decide;

  /**
   * A secret starting with {@code prefix} whose JSON {@code {"password":SECRET}}, base64-encoded,
   * holds a slash and no padding; as {secret, base64 with its slashes escaped}.
   */
  private static String[] slashed(String prefix) {
    for (int k = 0; ; k++) {
      String secret = prefix + k + "??";
      String b = Base64.getEncoder()
          .encodeToString(("{\"password\":\"" + secret + "\"}").getBytes(UTF_8));
      if (b.indexOf('/') >= 0 && b.indexOf('=') < 0) {
        return new String[] {secret, b.replace("/", "\\/")};
      }
    }
  }

  /** Values (JSON text) each holding one secret, and the secrets. */
  private static List<String[]> cases(int n, boolean rawControls) {
    List<String[]> out = new ArrayList<>();
    String[] forms = rawControls
        ? new String[] {"\"\t%s\"", "\"%s\r\n\"", "\"\t %s \t\""}
        : new String[] {"\" %s\"", "\"%s \"", "\"%s\\n\"", "\"\\r\\n%s\"", "\"  %s\\t\""};
    for (int f = 0; f < forms.length; f++) {
      String[] s = slashed("CANARY-" + n + "-" + f + "-");
      out.add(new String[] {String.format(forms[f], s[1]), s[0]});
    }
    return out;
  }

  @Test
  void escapedBase64SecretsWithBlanksAtTheirEndsNeverSurvive() throws Exception {
    int checked = 0;
    for (boolean raw : new boolean[] {false, true}) {
      for (int pad = 0; pad < 17; pad++) {
        List<String[]> cases = cases(pad, raw);
        StringBuilder doc = new StringBuilder("{\"pad\":\"" + "p".repeat(pad) + "\"");
        List<String> secrets = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
          String[] c = cases.get(k);
          doc.append(",\"v").append(k).append("\":").append(c[0]);
          doc.append(",\"l").append(k).append("\":[\"a\\nb\",").append(c[0]).append(']');
          secrets.add(c[1]);
        }
        // The last value ends within eight bytes of the input's end: the byte-wise tail.
        doc.append(",\"end\":").append(cases.get(pad % cases.size())[0]).append('}');
        if (!raw) {
          JsonTesting.parse(doc.toString()); // valid JSON: the strict scan handles it
        }
        checked += check(doc.toString().getBytes(UTF_8), secrets);
      }
    }
    assertThat(checked).isEqualTo(17 * 5 + 17 * 3);
  }

  @Test
  void aPercentEncodedFormWhoseOnlySpecialByteIsInTheInputsLastBytesIsRead() throws Exception {
    int checked = 0;
    for (int pad = 0; pad < 17; pad++) {
      // The percent escape falls in the last eight bytes of the input at some of these lengths.
      String doc = "{\"n" + "n".repeat(pad) + "\":\"password%3DQ7\"}";
      JsonTesting.parse(doc);
      checked += check(doc.getBytes(UTF_8), List.of("Q7"));
    }
    assertThat(checked).isEqualTo(17);
  }

  private static int check(byte[] json, List<String> secrets) {
    JsonTesting.Result fast = JsonTesting.scan(json, FILTERED, MaskingOptions.defaults());
    assertThat(fast.fellBack()).isFalse();
    assertThat(fast.bytes()).isNotNull();
    for (String secret : secrets) {
      assertThat(Leaks.found(fast.bytes(), secret)).as(secret).isNull();
    }
    JsonTesting.Result slow;
    MaskRun.precheck = false;
    try {
      slow = JsonTesting.scan(json, UNFILTERED, MaskingOptions.defaults());
    } finally {
      MaskRun.precheck = true;
    }
    assertThat(fast.text()).isEqualTo(slow.text());
    assertThat(fast.notes()).isEqualTo(slow.notes());
    assertThat(fast.depthAfter()).isEqualTo(slow.depthAfter());
    return secrets.size();
  }
}
