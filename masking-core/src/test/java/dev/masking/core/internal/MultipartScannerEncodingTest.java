package dev.masking.core.internal;

import static dev.masking.core.internal.MultipartTesting.CT;
import static dev.masking.core.internal.MultipartTesting.end;
import static dev.masking.core.internal.MultipartTesting.mask;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Parts in base64 and quoted-printable: decoded to be judged, re-encoded in their layout. */
final class MultipartScannerEncodingTest {

  private static String encodedPart(String name, String cte, String content) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
        + "Content-Transfer-Encoding: " + cte + "\r\n\r\n" + content + "\r\n";
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  @Test
  void selectedBase64PartIsMaskedAndReEncoded() {
    String body = encodedPart("password", "base64", b64("hunter2")) + end();
    String out = mask(body, CT, RecordingPolicy.names("password"));
    assertThat(out).isEqualTo(encodedPart("password", "base64", b64("***")) + end());
    assertThat(out).doesNotContain(b64("hunter2")).doesNotContain("hunter2");
  }

  @Test
  void unselectedBase64PartIsByteIdentical() {
    String odd = "aGVsbG8gd2\r\n9ybGQ=\r\n"; // wrapped at 10, a line break before the delimiter
    String body = encodedPart("note", "base64", odd) + encodedPart("x", "BASE64", "!!not base64!!")
        + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password"))).isNull();
  }

  @Test
  void base64LineLengthSeparatorAndAlphabetAreKept() {
    String secret = "s3cr\u00e9t ".repeat(40);
    byte[] raw = secret.getBytes(UTF_8);
    String wrapped = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(raw);
    String body = encodedPart("password", "base64", wrapped) + end();
    String out = mask(body, CT, RecordingPolicy.names(new MaskAction.Stars(), "password"));
    String stars = "*".repeat(secret.codePointCount(0, secret.length()));
    String expected = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(stars.getBytes(UTF_8));
    assertThat(out).isEqualTo(encodedPart("password", "base64", expected) + end());

    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff, 1, 2});
    String urlBody = encodedPart("token", "base64", url + "_-") + end();
    String urlOut = mask(urlBody, CT, RecordingPolicy.names(new MaskAction.Stars(), "token"));
    assertThat(urlOut).doesNotContain(url);
    assertThat(urlOut.substring(urlOut.indexOf("\r\n\r\n") + 4, urlOut.indexOf("\r\n--XyZ--")))
        .doesNotContain("=").doesNotContain("+").doesNotContain("/");
  }

  @Test
  void selectedQuotedPrintablePartIsMaskedAndReEncoded() {
    String qp = "p=C3=A4ss hunter2 and a soft=\r\n break";
    String body = encodedPart("password", "quoted-printable", qp) + end();
    String out = mask(body, CT, RecordingPolicy.names(new MaskAction.KeepLast(4), "password"));
    assertThat(out).doesNotContain("hunter2").doesNotContain("p=C3=A4ss");
    String content = out.substring(out.indexOf("\r\n\r\n") + 4, out.indexOf("\r\n--XyZ--"));
    byte[] decoded = MimeText.qpDecode(content.getBytes(UTF_8), 0, content.length());
    String plain = "p\u00e4ss hunter2 and a soft break";
    assertThat(new String(decoded, UTF_8))
        .isEqualTo("*".repeat(plain.length() - 4) + plain.substring(plain.length() - 4));
    for (String line : content.split("\r\n")) {
      assertThat(line.length()).isLessThanOrEqualTo(76);
    }
  }

  @Test
  void unselectedQuotedPrintablePartIsByteIdentical() {
    String body = encodedPart("note", "quoted-printable", "a=3Db =\r\nc =ZZ=\n") + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password"))).isNull();
  }

  @Test
  void jsonInsideBase64IsScannedAndReEncoded() {
    String json = "{\"user\":\"bob\",\"password\":\"hunter2\"}";
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"j\"\r\nContent-Type: application/json"
        + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(json) + "\r\n" + end();
    String out = mask(body, CT, RecordingPolicy.names("password"));
    assertThat(out).isEqualTo(body.replace(b64(json), b64(json.replace("hunter2", "***"))));
  }

  @Test
  void nameInsideAnEncodedWordAndBodyInQuotedPrintable() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"=?utf-8?q?pass=77ord?=\"\r\n"
        + "Content-Transfer-Encoding: quoted-printable\r\n\r\nhun=74er2\r\n" + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(body.replace("hun=74er2", "***"));
  }
}
