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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSON values the scanner pre-checked on their bytes for the nested layers and for the value
 * detectors apart ({@link MaskRun#inspectPrechecked}): an inspector whose pre-check said no is
 * skipped, and the detectors do not repeat their pre-check on the decoded String. Secrets planted
 * where only these paths see them (numbers, base64-shaped words, escaped strings, values both
 * pre-checks pass, values the nested layers rewrite) do not survive raw, percent-encoded or
 * JSON-escaped; every other byte is as sent, and the output and notes are those of a scan with
 * the pre-checks off.
 */
final class JsonPrecheckedInspectCanaryTest {

  private static final String SECRET = "cAnJp1x5eed01";

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  private static String b64url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(UTF_8));
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

  /** The body scanned with the pre-checks on and off: same text and notes; returns the text. */
  private static String same(String json) {
    MaskPolicy p = policy();
    Result on = scan(json, p);
    Result off;
    MaskRun.precheck = false;
    try {
      off = scan(json, p);
    } finally {
      MaskRun.precheck = true;
    }
    assertThat(on.text()).isEqualTo(off.text());
    assertThat(on.notes()).isEqualTo(off.notes());
    return on.text();
  }

  private static void assertNoLeak(String out, String... secrets) {
    byte[] b = out.getBytes(UTF_8);
    for (String s : secrets) {
      assertThat(Leaks.found(b, s)).as(s).isNull();
    }
  }

  @Test
  void secretsInValuesBothPrechecksPassAreMasked() {
    String card = "4111111111111111";
    String aws = "AKIAIOSFODNN7EXAMPLE";
    String github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    String mail = "bob.smith@example.com";
    String jwtClaims = b64url("{\"sub\":\"" + SECRET + "\"}");
    String jwt = b64url("{\"alg\":\"HS256\"}") + "." + jwtClaims + ".c2ln";
    String json = "{\"city\":\"Springfield\",\"n\":" + card + ",\"aws\":\"" + aws + "\","
        + "\"gh\":\"" + github + "\",\"t\":\"" + jwt + "\",\"m\":\"" + mail + "\","
        + "\"esc\":\"card \\\"4111 1111 1111 1111\\\" \\n end\","
        + "\"ssn\":\"ssn 123-45-6789\",\"z\":12345,\"w\":\"QUJDREVGR0g=\",\"f\":19.99}";
    String out = same(json);
    assertNoLeak(out, card, aws, github, mail, jwtClaims, "4111 1111 1111 1111", "123-45-6789");
    assertThat(out).startsWith("{\"city\":\"Springfield\",\"n\":")
        .contains(",\"z\":12345,\"w\":\"QUJDREVGR0g=\",\"f\":19.99}")
        .contains("\"esc\":\"card \\\"").contains("\\\" \\n end\"");
  }

  @Test
  void secretsInValuesTheNestedLayersRewriteAreMasked() {
    String inner = b64("{\"password\":\"" + SECRET + "\",\"m\":\"alice.jones@example.org\"}");
    String form = "a=1&password=" + SECRET + "x&card=4111111111111111";
    String json = "{\"d\":\"" + inner + "\",\"q\":\"" + form.replace("&", "\\u0026")
        + "\",\"u\":\"https://bob:" + SECRET + "y@example.com/x\",\"keep\":\"plain words\"}";
    String out = same(json);
    assertNoLeak(out, SECRET, SECRET + "x", SECRET + "y", "alice.jones@example.org",
        "4111111111111111");
    assertThat(out).endsWith(",\"keep\":\"plain words\"}").startsWith("{\"d\":\"");
  }
}
