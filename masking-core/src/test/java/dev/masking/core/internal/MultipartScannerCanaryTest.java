package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plants unique secrets at every kind of multipart point and framing this scanner handles, and
 * asserts none survives raw, base64- or quoted-printable-encoded, while every other byte is kept.
 */
final class MultipartScannerCanaryTest {
  private static final String S1 = "cAnM1 h\u00e9llo";
  private static final String S2 = "cAnM2-2231";
  private static final String S3 = "cAnM3-2047";
  private static final String S4 = "cAnM4-b64 secret value";
  private static final String S5 = "cAnM5-qp s\u00e9cret=";
  private static final String S6 = "cAnM6-file\r\nline two";
  private static final String S7 = "cAnM7-json";
  private static final String S8 = "cAnM8-nested";
  private static final String S9 = "cAnM9-lf";
  private static final String S10 = "cAnM10-hdr";
  private static final String S11 = "cAnM11-fname.txt";
  private static final String S12 = "cAnM12-second-boundary";
  private static final String S13 = "cAnM13-form";
  private static final String S14 = "cAnM14-last";

  private static final List<String> SECRETS =
      List.of(S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12, S13, S14);

  private static String qp(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(UTF_8)) {
      int c = x & 0xff;
      b.append(c >= 33 && c <= 126 && c != '=' ? String.valueOf((char) c)
          : String.format("=%02X", c));
    }
    return b.toString();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  /** The body with each secret, and the same body with every secret region as expected after. */
  private static String[] build() {
    List<String[]> pieces = new ArrayList<>();
    pieces.add(new String[] {"preamble \u00e9 --XyZx\r\n", null});
    pieces.add(new String[] {"--XyZ\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nbob\r\n", null});
    pieces.add(new String[] {"--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n", null});
    pieces.add(new String[] {S1, "***"});
    pieces.add(new String[] {"\r\n--XyZ\r\nContent-Disposition: form-data; name*=UTF-8''pass%77ord\r\n\r\n", null});
    pieces.add(new String[] {S2, "***"});
    pieces.add(new String[] {"\r\n--XyZ\r\nContent-Disposition: form-data;\r\n name=\"=?UTF-8?B?dG9rZW4=?=\"\r\n\r\n", null});
    pieces.add(new String[] {S3, "***"});
    pieces.add(new String[] {"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"api_key\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n", null});
    pieces.add(new String[] {b64(S4), b64("***")});
    pieces.add(new String[] {"\r\n--XyZ\r\ncontent-disposition: form-data; name=secret\r\n"
        + "content-transfer-encoding: Quoted-Printable\r\n\r\n", null});
    pieces.add(new String[] {qp(S5), qp("***")});
    pieces.add(new String[] {"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"", null});
    pieces.add(new String[] {S11, "***"});
    pieces.add(new String[] {"\"\r\nContent-Type: application/octet-stream\r\n\r\n", null});
    pieces.add(new String[] {S6, "***"});
    pieces.add(new String[] {"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
        + "Content-Type: application/json; charset=utf-8\r\n\r\n{\"a\": [1, {\"password\": \"", null});
    pieces.add(new String[] {S7, "***"});
    pieces.add(new String[] {"\"}], \"b\": true}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n\r\nx=1&token=", null});
    pieces.add(new String[] {S13, "***"});
    pieces.add(new String[] {"&y=2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"files\"\r\n"
        + "Content-Type: multipart/mixed; boundary=\"In\"\r\n\r\n--In\r\nContent-Disposition: file; "
        + "filename=\"x.bin\"\r\n\r\nnot secret\r\n--In\nContent-Disposition: form-data; name=pwd\n\n", null});
    // The nested body's first delimiter line ends in CRLF: commons-fileupload and Go read pwd on
    // over the bare-LF close delimiter to the end of the nested body; the same for passwd up to
    // the next CRLF delimiter, with the part "n" inside its value. commons-fileupload reads
    // passwd's header block on to n's CRLF CRLF: the part is written as an empty header block
    // and the mask.
    pieces.add(new String[] {S8 + "\n--In--", "***"});
    pieces.add(new String[] {"\r\n--XyZ\n", null});
    pieces.add(new String[] {"Content-Disposition: form-data; name=\"passwd\"\n\n", "\r\n\r\n"});
    pieces.add(new String[] {S9 + "\n--XyZ\r\nContent-Disposition: form-data; name=\"n\"\r\nX-Auth-Token: "
        + S10 + "\r\n\r\nplain", "***"});
    pieces.add(new String[] {"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"decoy\"\r\n\r\n"
        + "--Other\r\nContent-Disposition: form-data; name=\"client_secret\"\r\n\r\n", null});
    pieces.add(new String[] {S12, "***"});
    pieces.add(new String[] {"\r\n--Other--\r\n--XyZ\r\nContent-Disposition: form-data; name=\"otp\"\r\n\r\n", null});
    pieces.add(new String[] {S14, "***"});
    pieces.add(new String[] {"\r\n--XyZ--\r\nepilogue \u00e9", null});
    StringBuilder in = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (String[] p : pieces) {
      in.append(p[0]);
      expected.append(p[1] == null ? p[0] : p[1]);
    }
    return new String[] {in.toString(), expected.toString()};
  }

  private static RecordingPolicy policy() {
    RecordingPolicy names = RecordingPolicy.names("password", "token", "api_key", "secret", "pwd",
        "passwd", "x-auth-token", "client_secret", "otp");
    Point filename = Point.of(Step.of("post"), Step.named("multipart", "upload"),
        Step.named("header", "content-disposition"), Step.named("content_disp", "filename"));
    Point file = Point.of(Step.of("post"), Step.named("multipart", "upload"), Step.of("file"));
    return new RecordingPolicy(f -> names.decide(f) != null || f.point().equals(filename)
        || f.point().equals(file), MaskAction.redact());
  }

  @Test
  void noPlantedSecretSurvivesAndEverythingElseIsIdentical() {
    String[] built = build();
    byte[] in = built[0].getBytes(UTF_8);
    String ct = "multipart/form-data; boundary=XyZ; boundary=Other";
    byte[] out = MultipartTesting.maskBytes(in, ct, policy(), MaskingOptions.defaults());
    assertThat(out).isNotNull();
    String text = new String(out, UTF_8);
    for (String s : SECRETS) {
      assertThat(text).as(s).doesNotContain(s).doesNotContain(b64(s)).doesNotContain(qp(s));
      for (String line : s.split("\r\n")) {
        assertThat(text).as(line).doesNotContain(line);
      }
    }
    assertThat(text).isEqualTo(built[1]);
  }

  @Test
  void maskingTwiceChangesNothing() {
    String ct = "multipart/form-data; boundary=XyZ; boundary=Other";
    byte[] once = MultipartTesting.maskBytes(build()[0].getBytes(UTF_8), ct, policy(),
        MaskingOptions.defaults());
    assertThat(MultipartTesting.maskBytes(once, ct, policy(), MaskingOptions.defaults())).isNull();
  }
}
