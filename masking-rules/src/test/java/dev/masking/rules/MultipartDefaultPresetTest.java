package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multipart bodies through the public facade with the {@code default} preset. */
final class MultipartDefaultPresetTest {

  @Test
  void defaultPresetMasksAPasswordPartAndAFileUnderASelectedName() {
    String file = "-----BEGIN PRIVATE KEY-----\r\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r\n"
        + "-----END PRIVATE KEY-----";
    String body = "--b0undary\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nbob\r\n"
        + "--b0undary\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2-cnry\r\n"
        + "--b0undary\r\nContent-Disposition: form-data; name=\"private_key\"; filename=\"id.pem\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + file + "\r\n"
        + "--b0undary\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n\u0089PNG' OR 1=1--\r\n--b0undary--\r\n";
    HttpRequest req = HttpRequest.builder().method("POST").uri("/signup").protocol("HTTP/1.1")
        .header("Host", "shop.example")
        .header("Content-Type", "multipart/form-data; boundary=b0undary")
        .body(body).build();
    AttackReport report = new AttackReport("m-1", null, req, List.of(), Map.of());

    MaskedReport out = Masker.of(RuleSet.preset("default")).mask(report);

    String masked = new String(out.report().request().body(), StandardCharsets.UTF_8);
    assertThat(masked).isEqualTo(body.replace("hunter2-cnry", "***").replace(file, "***"));
    assertThat(out.notes()).extracting(Note::toString).contains(
        "MASKED post > multipart password by default/password (redact)",
        "MASKED post > multipart private_key by default/token (redact)");
  }

  @Test
  void aDuplicatedContentTypeCannotHideAMultipartBody() {
    String body = "--real\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n"
        + "hunter2-cnry\r\n--real--\r\n";
    for (List<String> types : List.of(
        List.of("text/plain", "multipart/form-data; boundary=real"),
        List.of("multipart/form-data; boundary=decoy", "multipart/form-data; boundary=real"))) {
      HttpRequest.Builder b = HttpRequest.builder().method("POST").uri("/u").protocol("HTTP/1.1");
      for (String t : types) {
        b.header("Content-Type", t);
      }
      AttackReport report =
          new AttackReport("m-2", null, b.body(body).build(), List.of(), Map.of());

      MaskedReport out = Masker.of(RuleSet.preset("default")).mask(report);

      String masked = new String(out.report().request().body(), StandardCharsets.UTF_8);
      assertThat(masked).as("%s", types).isEqualTo(body.replace("hunter2-cnry", "***"));
    }
  }
}
