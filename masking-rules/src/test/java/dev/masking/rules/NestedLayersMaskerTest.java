package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The default preset's names selectors fire inside values that are themselves encoded documents. */
final class NestedLayersMaskerTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static AttackReport form(String body) {
    return AttackReport.of(HttpRequest.builder().method("POST").uri("/login")
        .header("Host", "shop.example")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body).build());
  }

  private static String body(MaskedReport r) {
    return new String(r.report().request().body(), StandardCharsets.UTF_8);
  }

  @Test
  void passwordInsideBase64JsonInAFormFieldIsMasked() {
    String secret = "cnry-nested-b64-7731";
    String data = b64("{\"user\":\"bob\",\"password\":\"" + secret + "\",\"x\":\"??\"}");
    assertThat(data).contains("/");
    MaskedReport out = DEFAULT.mask(form("user=bob&data=" + data.replace("/", "%2F")
        .replace("=", "%3D") + "&x=1"));
    String expected = b64("{\"user\":\"bob\",\"password\":\"***\",\"x\":\"??\"}");
    assertThat(body(out)).isEqualTo("user=bob&data=" + expected.replace("/", "%2F")
        .replace("=", "%3D") + "&x=1");
    assertThat(out.notes()).anyMatch(n -> n.kind() == Note.Kind.MASKED
        && n.point().display().equals("post > form_urlencoded data > base64 > json_doc > hash password")
        && "default/password".equals(n.ruleId()));
    assertThat(out.notes().toString()).doesNotContain(secret);
    assertThat(DEFAULT.mask(out.report()).report()).isEqualTo(out.report());
  }

  @Test
  void formFieldWithBase64OfNothingSensitiveIsKeptByteForByte() {
    String data = b64("{\"user\":\"bob\",\"theme\":\"dark\"}");
    AttackReport in = form("user=bob&data=" + data.replace("=", "%3D"));
    MaskedReport out = DEFAULT.mask(in);
    assertThat(out.changed()).isFalse();
    assertThat(out.report()).isSameAs(in);
  }

  @Test
  void wallarmPointThroughLayersSelectsOneMember() {
    RuleSet rules = RuleSet.parse("{\"rules\":[{\"id\":\"jwt-sub\",\"point\":"
        + "[\"header\",\"X-Token\",\"jwt\",\"payload\",\"base64\",\"json_doc\",\"hash\",\"sub\"]}]}",
        "test");
    String header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"sub\":\"alice\",\"n\":1}".getBytes(StandardCharsets.UTF_8));
    String masked = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"sub\":\"***\",\"n\":1}".getBytes(StandardCharsets.UTF_8));
    AttackReport in = AttackReport.of(HttpRequest.builder().method("GET").uri("/")
        .header("X-Token", header + "." + payload + ".").build());
    MaskedReport out = Masker.of(rules).mask(in);
    assertThat(out.report().request().headers().first("X-Token"))
        .isEqualTo(header + "." + masked + ".");
  }
}
