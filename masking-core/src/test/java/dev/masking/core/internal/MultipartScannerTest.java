package dev.masking.core.internal;

import static dev.masking.core.internal.MultipartTesting.CT;
import static dev.masking.core.internal.MultipartTesting.end;
import static dev.masking.core.internal.MultipartTesting.fallbackNotes;
import static dev.masking.core.internal.MultipartTesting.mask;
import static dev.masking.core.internal.MultipartTesting.masked;
import static dev.masking.core.internal.MultipartTesting.part;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.Locale;
import org.junit.jupiter.api.Test;

final class MultipartScannerTest {

  @Test
  void selectedPartValueIsMaskedAndEverythingElseKept() {
    String body = part("user", "bob") + part("password", "hunter2") + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(part("user", "bob") + part("password", "***") + end());
  }

  @Test
  void bodyWithNothingSelectedIsReportedUnchanged() {
    String body = part("user", "bob") + part("note", "hi") + end();
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(mask(body, CT, p)).isNull();
    assertThat(p.asked()).contains("post > multipart user",
        "post > multipart user > header CONTENT-DISPOSITION", "post > multipart note");
  }

  @Test
  void partNameIsTheDecodedFieldName() {
    RecordingPolicy p = RecordingPolicy.nothing();
    mask(part("a b", "1") + end(), CT, p);
    assertThat(p.points).contains(Point.of(Step.of("post"), Step.named("multipart", "a b")));
    assertThat(p.names).contains("a b");
  }

  @Test
  void lfOnlyLineEndingsAreAccepted() {
    String body = "--XyZ\nContent-Disposition: form-data; name=\"password\"\n\nhunter2\n--XyZ--\n";
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo("--XyZ\nContent-Disposition: form-data; name=\"password\"\n\n***\n--XyZ--\n");
  }

  @Test
  void mixedLineEndingsAreAccepted() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"password\"\n\r\nhunter2\n"
        + "--XyZ\nContent-Disposition: form-data; name=\"token\"\r\n\nabc\r\n--XyZ--";
    assertThat(mask(body, CT, RecordingPolicy.names("note", "token")))
        .isEqualTo(body.replace("abc", "***"));
    // commons-fileupload and Go (CRLF after the first delimiter) read the password on to the
    // next CRLF delimiter: masked whole up to there.
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo("--XyZ\r\nContent-Disposition: form-data; name=\"password\"\n\r\n***\r\n--XyZ--");
  }

  @Test
  void quotedBoundaryIsUnquoted() {
    String body = part("password", "hunter2") + end();
    assertThat(mask(body, "multipart/form-data; boundary=\"XyZ\"", RecordingPolicy.names("password")))
        .isEqualTo(part("password", "***") + end());
  }

  @Test
  void everyDuplicatedBoundaryReadingIsMasked() {
    // Under boundary XyZ the body is one part "decoy"; under AbC it holds a password part.
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"decoy\"\r\n\r\n"
        + "--AbC\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n--AbC--\r\n"
        + "\r\n--XyZ--\r\n";
    String ct = "multipart/form-data; boundary=XyZ; boundary=AbC";
    String out = mask(body, ct, RecordingPolicy.names("password"));
    assertThat(out).doesNotContain("hunter2").isEqualTo(body.replace("hunter2", "***"));
    String reversed = mask(body, "multipart/form-data; boundary=AbC; BOUNDARY=\"XyZ\"",
        RecordingPolicy.names("password"));
    assertThat(reversed).isEqualTo(out);
  }

  @Test
  void boundaryOnTheFirstLineIsTriedWhenTheHeaderDisagrees() {
    String body = part("password", "hunter2") + end();
    assertThat(mask(body, "multipart/form-data; boundary=other", RecordingPolicy.names("password")))
        .isEqualTo(part("password", "***") + end());
    assertThat(mask(body, "multipart/form-data", RecordingPolicy.names("password")))
        .isEqualTo(part("password", "***") + end());
    assertThat(mask(body, null, RecordingPolicy.names("password")))
        .isEqualTo(part("password", "***") + end());
  }

  @Test
  void bodyThatNoCandidateFramesIsReadWithItsFirstDelimiterLikeLine() {
    String body = "preamble\r\n" + part("password", "hunter2") + end();
    assertThat(mask(body, "multipart/form-data; boundary=nope", RecordingPolicy.names("password")))
        .isEqualTo("preamble\r\n" + part("password", "***") + end());
  }

  @Test
  void bodyWithoutAnyDelimiterLineIsMaskedWhole() {
    assertThat(mask("just text\r\n- not --\r\n", CT, RecordingPolicy.names("x"))).isEqualTo("***");
    assertThat(fallbackNotes()).containsExactly("multipart body without a usable boundary; masked whole");
  }

  @Test
  void boundaryCandidatesCoverEveryReadingOfTheHeader() {
    byte[] none = new byte[0];
    assertThat(MultipartScanner.boundaries("multipart/form-data, boundary=XyZ", none, 0, 0))
        .extracting(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
        .containsExactly("XyZ");
    assertThat(MultipartScanner.boundaries(
        "multipart/form-data; boundary=\"a b\"; BOUNDARY=c", none, 0, 0))
        .extracting(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("a b", "\"a b\"", "c");
    byte[] body = "\r\n--first \r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(MultipartScanner.boundaries(null, body, 0, body.length))
        .extracting(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
        .containsExactly("first");
  }

  @Test
  void longBoundaryIsFound() {
    String b = "-".repeat(20) + "x".repeat(90);
    String body = "--" + b + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n--"
        + b + "--\r\n";
    assertThat(mask(body, "multipart/form-data; boundary=" + b, RecordingPolicy.names("password")))
        .isEqualTo(body.replace("hunter2", "***"));
  }

  @Test
  void aLongerTokenStartingWithTheBoundaryIsNotADelimiter() {
    String body = part("password", "a\r\n--XyZW b") + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(part("password", "***") + end());
  }

  @Test
  void missingFinalBoundaryEndsTheLastPartAtTheEnd() {
    String body = part("user", "bob") + part("password", "hunter2");
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(part("user", "bob") + part("password", "***"));
    String noNewline = part("user", "bob") + "--XyZ\r\nContent-Disposition: form-data; name=password"
        + "\r\n\r\nhunter2";
    assertThat(mask(noNewline, CT, RecordingPolicy.names("password")))
        .isEqualTo(noNewline.replace("hunter2", "***"));
  }

  @Test
  void preambleAndEpilogueAreKeptByteForByte() {
    String preamble = "This is a preamble --XyZ not a delimiter\r\n\r\n";
    String epilogue = "epilogue password=hunter2 \u00e9\r\n--XyZ\r\ntrailing";
    String body = preamble + part("password", "s3cret") + "--XyZ--" + epilogue;
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(preamble + part("password", "***") + "--XyZ--" + epilogue);
  }

  @Test
  void foldedHeadersAreUnfoldedBeforeReading() {
    String body = "--XyZ\r\nContent-Disposition: form-data;\r\n\tname=\"password\";\r\n filename=\"a.txt\""
        + "\r\n\r\nhunter2\r\n" + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(body.replace("hunter2", "***"));
  }

  @Test
  void partWithoutContentDispositionIsAskedWithAnEmptyName() {
    String body = "--XyZ\r\nContent-Type: text/plain\r\n\r\nhello\r\n" + end();
    RecordingPolicy p = RecordingPolicy.nothing();
    assertThat(mask(body, CT, p)).isNull();
    assertThat(p.points).contains(Point.of(Step.of("post"), Step.named("multipart", "")),
        Point.of(Step.of("post"), Step.named("multipart", ""), Step.named("header", "Content-Type")));
    RecordingPolicy sel = RecordingPolicy.point(MaskAction.redact(),
        Point.of(Step.of("post"), Step.named("multipart", "")));
    assertThat(mask(body, CT, sel)).isEqualTo(body.replace("hello", "***"));
  }

  @Test
  void partWithoutHeadersOrBlankLineIsTolerated() {
    String body = "--XyZ\r\n\r\nraw\r\n--XyZ\r\njust a line\r\n" + part("password", "x") + end();
    assertThat(mask(body, CT, RecordingPolicy.names("note"))).isNull();
    // commons-fileupload reads the empty header block on to the password part's CRLF CRLF: one
    // part named password, value x. Masked from the first part's headers to that value's end.
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo("--XyZ\r\n\r\n\r\n***\r\n" + end());
  }

  @Test
  void valueAfterHeadersWithoutABlankLineIsMaskedWhenThePartIsSelected() {
    String body = "--XyZ\r\nContent-Disposition: form-data;\r\n name=password\r\nhunter2\r\nmore: x\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-H: 1\r\n--XyZ--";
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(body.replace("hunter2\r\nmore: x", "***"));
  }

  @Test
  void rfc2231NamesAreDecodedBeforeMatching() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name*=UTF-8''pass%77ord\r\n\r\nhunter2\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name*0=\"to\"; name*1=\"ken\"\r\n\r\nabc\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name*0*=utf-8'en'api%5F; name*1*=key\r\n\r\nk1\r\n"
        + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password", "token", "api_key")))
        .isEqualTo(body.replace("hunter2", "***").replace("abc", "***").replace("k1", "***"));
  }

  @Test
  void rfc2047NamesAreDecodedBeforeMatching() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"=?UTF-8?B?cGFzc3dvcmQ=?=\"\r\n\r\n"
        + "hunter2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"=?iso-8859-1?Q?to=6Ben?=\""
        + "\r\n\r\nabc\r\n" + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password", "token")))
        .isEqualTo(body.replace("hunter2", "***").replace("abc", "***"));
  }

  @Test
  void everyNameReadingIsAsked() {
    String dup = "--XyZ\r\nContent-Disposition: form-data; name=\"user\"; name=\"password\"\r\n\r\n"
        + "hunter2\r\n" + end();
    assertThat(mask(dup, CT, RecordingPolicy.names("password"))).isEqualTo(dup.replace("hunter2", "***"));
    String single = "--XyZ\r\nContent-Disposition: form-data; name='password'\r\n\r\nhunter2\r\n" + end();
    assertThat(mask(single, CT, RecordingPolicy.names("password")))
        .isEqualTo(single.replace("hunter2", "***"));
    String unquoted = "--XyZ\r\nContent-Disposition: form-data; name=password\r\n\r\nhunter2\r\n" + end();
    assertThat(mask(unquoted, CT, RecordingPolicy.names("password")))
        .isEqualTo(unquoted.replace("hunter2", "***"));
    String twoHeaders = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
        + "Content-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n" + end();
    assertThat(mask(twoHeaders, CT, RecordingPolicy.names("password")))
        .isEqualTo(twoHeaders.replace("hunter2", "***"));
  }

  @Test
  void bracketNamesAreAskedLevelByLevel() {
    String body = part("user[password]", "hunter2") + part("p[]", "a") + part("p[]", "b")
        + part("user[name]", "bob") + end();
    RecordingPolicy p = new RecordingPolicy(f -> "password".equals(f.name())
        || f.point().equals(Point.of(Step.of("post"), Step.named("multipart", "p"),
            Step.indexed("array", 1))), MaskAction.redact());
    assertThat(mask(body, CT, p)).isEqualTo(part("user[password]", "***") + part("p[]", "a")
        + part("p[]", "***") + part("user[name]", "bob") + end());
    assertThat(p.asked()).contains("post > multipart user", "post > multipart user > hash password",
        "post > multipart user > hash name > header CONTENT-DISPOSITION");
  }

  @Test
  void fileOfASecondNameReadingIsAskedAndTheFirstReadingIsKeptForScanning() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"up\"; filename=x\r\n"
        + "Content-Type: application/json\r\n\r\n{\"token\":\"abc\"}\r\n" + end();
    RecordingPolicy p = RecordingPolicy.names("token");
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("abc", "***"));
    assertThat(p.asked()).contains("post > multipart up > file",
        "post > multipart a > file > json_doc > hash token");
  }

  @Test
  void jsonPartIsScannedUnderEveryNameReading() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"meta\"; name*=UTF-8''decoy\r\n"
        + "Content-Type: application/json\r\n\r\n{\"k\":\"hunter2\",\"j\":\"x\"}\r\n" + end();
    Point k = Point.of(Step.of("post"), Step.named("multipart", "meta"), Step.of("json_doc"),
        Step.named("hash", "k"));
    RecordingPolicy p = RecordingPolicy.point(MaskAction.redact(), k);
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("hunter2", "***"));
    assertThat(p.asked()).contains("post > multipart decoy > json_doc > hash k");
  }

  @Test
  void nulInHeadersIsTolerated() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"pass\u0000\"; x=\u0000\r\n\r\nv\r\n"
        + part("password", "hunter2") + end();
    assertThat(masked(body, CT, RecordingPolicy.names("password"))).doesNotContain("hunter2")
        .contains("\u0000\"; x=\u0000\r\n\r\nv\r\n");
  }

  @Test
  void charsetFieldIsAnOrdinaryValueAndOtherValuesAreMaskedWhole() {
    String body = part("_charset_", "iso-8859-1") + "--XyZ\r\nContent-Disposition: form-data; "
        + "name=\"password\"\r\n\r\nh\u00fcnter2\r\n" + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password")))
        .isEqualTo(body.replace("h\u00fcnter2", "***"));
  }

  @Test
  void fileUnderASelectedNameIsMasked() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"secret\"; filename=\"k.pem\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n-----BEGIN KEY-----\r\nabc\r\n" + end();
    assertThat(mask(body, CT, RecordingPolicy.names("secret")))
        .isEqualTo(body.replace("-----BEGIN KEY-----\r\nabc", "***"));
  }

  @Test
  void fileStepSelectsFileContentsOnly() {
    String body = part("note", "hi") + "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; "
        + "filename=\"a.txt\"\r\n\r\nfile body\r\n" + end();
    RecordingPolicy p = RecordingPolicy.point(MaskAction.redact(),
        Point.of(Step.of("post"), Step.named("multipart", "up"), Step.of("file")));
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("file body", "***"));
    RecordingPolicy any = new RecordingPolicy(f -> f.last().parser().equals("file"),
        MaskAction.redact());
    assertThat(mask(body, CT, any)).isEqualTo(body.replace("file body", "***"));
  }

  @Test
  void contentDispositionParametersAreAskedUnderTheirHeader() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"secret plan.txt\""
        + "\r\n\r\ndata\r\n" + end();
    RecordingPolicy p = RecordingPolicy.point(MaskAction.redact(), Point.of(Step.of("post"),
        Step.named("multipart", "up"), Step.named("header", "CONTENT-DISPOSITION"),
        Step.named("content_disp", "filename")));
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("\"secret plan.txt\"", "\"***\""));
    String ext = "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename*=UTF-8''pl%C3%A4n.txt"
        + "\r\n\r\ndata\r\n" + end();
    assertThat(mask(ext, CT, p)).isEqualTo(ext.replace("UTF-8''pl%C3%A4n.txt", "UTF-8''%2A%2A%2A"));
    RecordingPolicy none = RecordingPolicy.nothing();
    mask(body, CT, none);
    assertThat(none.asked()).doesNotContain(
        "post > multipart up > header CONTENT-DISPOSITION > content_disp name");
  }

  @Test
  void partHeaderIsAskedAndMaskedByName() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Api-Key: k-123\r\n\r\nv\r\n"
        + end();
    assertThat(mask(body, CT, RecordingPolicy.names("x-api-key")))
        .isEqualTo(body.replace("k-123", "***"));
  }

  @Test
  void headersOfASelectedPartAreStillJudged() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\nX-Api-Key: k-123\r\n"
        + "\r\nhunter2\r\n" + end();
    assertThat(mask(body, CT, RecordingPolicy.names("password", "x-api-key")))
        .isEqualTo(body.replace("k-123", "***").replace("hunter2", "***"));
  }

  @Test
  void removeDropsTheWholePart() {
    String body = "pre\r\n" + part("user", "bob") + part("password", "hunter2") + part("z", "1") + end();
    assertThat(mask(body, CT, RecordingPolicy.names(new MaskAction.Remove(), "password")))
        .isEqualTo("pre\r\n" + part("user", "bob") + part("z", "1") + end());
  }

  @Test
  void jsonPartIsScannedByTheJsonScanner() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
        + "Content-Type: application/json\r\n\r\n{\"password\":\"hunter2\",\"n\":1}\r\n" + end();
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("hunter2", "***"));
    assertThat(p.asked()).contains("post > multipart meta > json_doc > hash password");
  }

  @Test
  void formPartIsScannedByTheFormScanner() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n\r\na=1&token=abc\r\n" + end();
    RecordingPolicy p = RecordingPolicy.names("token");
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("abc", "***"));
    assertThat(p.asked()).contains("post > multipart f > form_urlencoded token");
  }

  @Test
  void jsonFileIsScannedBelowTheFileStep() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"c.json\"\r\n"
        + "Content-Type: application/json\r\n\r\n{\"token\":\"abc\"}\r\n" + end();
    RecordingPolicy p = RecordingPolicy.names("token");
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("abc", "***"));
    assertThat(p.asked()).contains("post > multipart up > file > json_doc > hash token");
  }

  @Test
  void xmlPartIsScannedByTheXmlScanner() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\nContent-Type: text/xml\r\n\r\n"
        + "<a><password>hunter2</password><b>keep</b></a>\r\n" + end();
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(mask(body, CT, p)).isEqualTo(body.replace("hunter2", "***"));
    assertThat(p.asked()).contains("post > multipart x > xml > xml_tag a > xml_tag password");
  }

  @Test
  void nestedMultipartMixedIsScanned() {
    String inner = "--InNeR\r\nContent-Disposition: file; filename=\"a.txt\"\r\n\r\nfile one\r\n"
        + "--InNeR\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n--InNeR--";
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"files\"\r\n"
        + "Content-Type: multipart/mixed; boundary=InNeR\r\n\r\n" + inner + "\r\n" + end();
    RecordingPolicy p = new RecordingPolicy(f -> "password".equals(f.name())
        || f.point().equals(Point.of(Step.of("post"), Step.named("multipart", "files"),
            Step.of("file"))), MaskAction.redact());
    assertThat(mask(body, CT, p))
        .isEqualTo(body.replace("file one", "***").replace("hunter2", "***"));
    assertThat(p.asked()).contains("post > multipart files > multipart password");
  }

  @Test
  void multipartNestedPastTheCapIsMaskedWhole() {
    String body = "--L4\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n--L4--";
    for (int level = 3; level >= 0; level--) {
      body = "--L" + level + "\r\nContent-Disposition: form-data; name=\"n" + level + "\"\r\n"
          + "Content-Type: multipart/mixed; boundary=L" + (level + 1) + "\r\n\r\n" + body
          + "\r\n--L" + level + "--";
    }
    String out = mask(body, "multipart/form-data; boundary=L0", RecordingPolicy.names("other"));
    assertThat(out).doesNotContain("hunter2").contains("\r\n\r\n***\r\n--L3--");
    assertThat(fallbackNotes()).contains("multipart nested too deeply; part masked whole");
  }

  @Test
  void bodyWithoutAnyBoundaryIsMaskedWhole() {
    assertThat(mask("password=hunter2", "multipart/form-data", RecordingPolicy.names("x")))
        .isEqualTo("***");
    assertThat(fallbackNotes()).containsExactly("multipart body without a usable boundary; masked whole");
  }

  @Test
  void headerAndParameterNamesFoldAsciiUnderATurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      String body = "--XyZ\r\nCONTENT-DISPOSITION: form-data; NAME=\"up\"; FILENAME=\"a\"\r\n"
          + "CONTENT-TYPE: APPLICATION/JSON\r\nCONTENT-TRANSFER-ENCODING: BASE64\r\n\r\n"
          + "eyJwYXNzd29yZCI6Imh1bnRlcjIifQ==\r\n" + end();
      RecordingPolicy p = RecordingPolicy.names("password");
      String out = mask(body, "MULTIPART/FORM-DATA; BOUNDARY=XyZ", p);
      assertThat(p.asked()).contains("post > multipart up > file > json_doc > hash password");
      assertThat(out).isEqualTo(body.replace("eyJwYXNzd29yZCI6Imh1bnRlcjIifQ==",
          java.util.Base64.getEncoder().encodeToString(
              "{\"password\":\"***\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    } finally {
      Locale.setDefault(saved);
    }
  }
}
