package dev.masking.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Raw HTTP multipart requests with hostile framings through the command-line tool. */
final class MultipartCliTest {

  private static String[] run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = MaskCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        out, new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertThat(status).isZero();
    return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void hostileMultipartFramingsAreMaskedByTheDefaultPresetAndTheRestKept() {
    String b64 = Base64.getEncoder().encodeToString("cnry-mp-3".getBytes(StandardCharsets.UTF_8));
    String head = "POST /upload HTTP/1.1\nHost: a.example\n"
        + "Content-Type: multipart/form-data; boundary=\"outer\"; boundary=other\n\n";
    String body = "preamble\n"
        + "--outer\nContent-Disposition: form-data; name=\"comment\"\n\n' OR 1=1--\n"
        + "--outer\nContent-Disposition: form-data; name*=UTF-8''pass%77ord\n\ncnry-mp-1\n"
        + "--outer\r\nContent-Disposition: form-data;\r\n name=\"private_key\"; filename=\"id\"\r\n\r\n"
        + "cnry-mp-2\r\n"
        + "--outer\nContent-Disposition: form-data; name=\"=?UTF-8?Q?api=5Fkey?=\"\n"
        + "Content-Transfer-Encoding: base64\n\n" + b64 + "\n"
        + "--outer\nContent-Disposition: form-data; name=\"decoy\"\n\n--other\n"
        + "Content-Disposition: form-data; name=\"token\"\n\ncnry-mp-4\n--other--\n"
        + "--outer\nContent-Disposition: form-data; name=\"otp\"\n\ncnry-mp-5";
    // The password part's header block ends in a bare-LF blank line: commons-fileupload reads it
    // on to the private_key part's CRLF CRLF and takes cnry-mp-2 as the password's value, so the
    // part is written as an empty header block and one mask up to there (MultipartScanner).
    String expected = body.replace("Content-Disposition: form-data; name*=UTF-8''pass%77ord\n\n"
            + "cnry-mp-1\n--outer\r\nContent-Disposition: form-data;\r\n name=\"private_key\"; "
            + "filename=\"id\"\r\n\r\ncnry-mp-2", "\r\n\r\n***")
        .replace(b64, "Kioq").replace("cnry-mp-4", "***").replace("cnry-mp-5", "***");
    String[] r = run(head + body, "--format", "http", "--explain");
    assertThat(r[0]).isEqualTo(head + expected);
    assertThat(r[0] + r[1]).doesNotContain("cnry-mp").doesNotContain(b64);
    assertThat(r[1]).contains("MASKED post > multipart password",
        "multipart part header block read differently by commons-fileupload",
        "MASKED post > multipart api_key",
        "MASKED post > multipart token", "MASKED post > multipart otp");
  }
}
