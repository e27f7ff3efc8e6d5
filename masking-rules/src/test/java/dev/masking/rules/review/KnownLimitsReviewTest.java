package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Known limits that were leaks: a value masked where its rule selected it, but read by a receiver
 * in another form (a Basic credential's decoded password, a cookie's percent-decoded value, a
 * multipart value without its line end) that the residual sweep did not hunt.
 */
final class KnownLimitsReviewTest {

  private static final String SECRET = "Zq9sEcrVal77";

  private static String mask(String reportJson) {
    return mask(reportJson, MaskingOptions.defaults());
  }

  private static String mask(String reportJson, MaskingOptions o) {
    MaskedReport m = Masker.of(RuleSet.preset("default"), o).mask(ReportJson.read(reportJson));
    return new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String report(String uri, String headers, String body) {
    return "{\"request\":{\"method\":\"POST\",\"uri\":\"" + uri + "\",\"headers\":[" + headers
        + "],\"body\":\"" + body + "\"}}";
  }

  @Test
  void basicPasswordEchoedInQueryIsMasked() {
    String out = mask(report("/x?pw=" + SECRET,
        "[\"Authorization\",\"Basic " + b64("alice:" + SECRET) + "\"]", ""));
    assertThat(out).doesNotContain(SECRET).contains("Basic ***");
  }

  @Test
  void percentEncodedCookieValueEchoedDecodedIsMasked() {
    String enc = "Zq9s%2FEcr%3DVal77";
    String out = mask(report("/x?c=Zq9s/Ecr=Val77", "[\"Cookie\",\"sessionid=" + enc + "\"]",
        ""));
    assertThat(out).doesNotContain("Zq9s/Ecr=Val77").doesNotContain(enc);
  }

  @Test
  void bearerTokenUnderAJsonMemberEchoedAloneIsMasked() {
    String out = mask(report("/x?t=" + SECRET + "&c=" + b64("bob:" + "Pw" + SECRET),
        "[\"Content-Type\",\"application/json\"]",
        "{\\\"authorization\\\":\\\"Bearer " + SECRET + "\\\",\\\"proxy_authorization\\\":"
            + "\\\"Basic " + b64("bob:" + "Pw" + SECRET) + "\\\"}"));
    assertThat(out).doesNotContain(SECRET);
  }

  @Test
  void basicNeighboursAreHuntedAsAServerDecodesThem() {
    // A colon in the password, a UTF-8 password, base64 without padding, base64url,
    // Proxy-Authorization, an API key sent as the user with an empty password, a lower-case scheme.
    String[][] cases = {
        {"Authorization", "Basic " + b64("alice:" + SECRET + ":x"), SECRET + ":x"},
        {"Authorization", "Basic " + b64("alice:" + SECRET + "\u00e9\u4e2d"), SECRET + "\u00e9\u4e2d"},
        {"Authorization", "Basic " + b64("al:" + SECRET + "a").replace("=", ""), SECRET + "a"},
        {"Proxy-Authorization", "Basic " + b64("alice:" + SECRET), SECRET},
        {"Authorization", "basic  " + b64(SECRET + ":"), SECRET},
        {"Authorization", "Basic " + Base64.getUrlEncoder().withoutPadding().encodeToString(
            ("u:" + SECRET + "??>").getBytes(StandardCharsets.UTF_8)), SECRET + "??>"},
    };
    for (String[] c : cases) {
      String out = mask(report("/x?pw=" + java.net.URLEncoder.encode(c[2], StandardCharsets.UTF_8),
          "[\"" + c[0] + "\",\"" + c[1] + "\"]", "{\\\"p\\\":\\\"" + c[2] + "\\\"}"));
      assertThat(out).as(c[0] + " case " + c[2].length()).doesNotContain(SECRET)
          .doesNotContain(java.net.URLEncoder.encode(c[2], StandardCharsets.UTF_8));
    }
  }

  @Test
  void basicPasswordPastMaxHeadersIsHunted() {
    String out = mask(report("/x?pw=" + SECRET, "[\"A\",\"1\"],[\"Authorization\",\"Basic "
        + b64("alice:" + SECRET) + "\"]", ""), MaskingOptions.builder().maxHeaders(1).build());
    assertThat(out).doesNotContain(SECRET);
  }

  @Test
  void digestResponseEchoedIsMaskedButOtherParametersStayEvidence() {
    String resp = "6629fae49393a05397450978507c4ef1";
    String out = mask(report("/dir/index.html?r=" + resp, "[\"Authorization\",\"Digest "
        + "username=\\\"Mufasa\\\", realm=\\\"testrealm@host.com\\\", uri=\\\"/dir/index.html\\\", "
        + "response=\\\"" + resp + "\\\", opaque=\\\"5ccc069c403ebaf9f0171e9517f40e41\\\"\"],"
        + "[\"Host\",\"testrealm@host.com\"]", ""));
    assertThat(out).doesNotContain(resp).contains("/dir/index.html?r=***")
        .contains("testrealm@host.com");
  }

  @Test
  void oauthSignatureAndTokenEchoedAreMasked() {
    String sig = "tnnArxj06cWHq44gCs1OSKk%2FjY%3D";
    String tok = "370773112-GmHxMAgYyLbNEtIKZeRNF";
    String out = mask(report("/x?s=tnnArxj06cWHq44gCs1OSKk/jY%3D&t=" + tok,
        "[\"Authorization\",\"OAuth oauth_consumer_key=\\\"xvz1evFS4wEEPTGEFPHBog\\\", "
        + "oauth_signature=\\\"" + sig + "\\\", oauth_token=\\\"" + tok + "\\\"\"]", ""));
    assertThat(out).doesNotContain("tnnArxj06cWHq44gCs1OSKk").doesNotContain(tok);
  }

  @Test
  void cookieValueAsPhpDecodesItIsHunted() {
    String out = mask(report("/x?c=Zq9s%20Ecr%20Val77", "[\"Cookie\",\"PHPSESSID=Zq9s+Ecr+Val77\"]",
        "{\\\"s\\\":\\\"Zq9s Ecr Val77\\\"}"));
    assertThat(out).doesNotContain("Ecr Val77").doesNotContain("Ecr%20Val77");
  }

  @Test
  void cookieValuePastMaxFieldsIsHuntedDecoded() {
    String out = mask(report("/x?c=Zq9s/Ecr=Val77", "[\"Cookie\",\"a=1; b=Zq9s%2FEcr%3DVal77\"]",
        ""), MaskingOptions.builder().maxFields(1).build());
    assertThat(out).doesNotContain("Zq9s/Ecr=Val77").doesNotContain("Zq9s%2FEcr");
  }

  @Test
  void multipartValueWithBlanksOrReadFurtherByOneReaderIsHuntedAsEachReadsIt() {
    String[] bodies = {
        "--b\\r\\nContent-Disposition: form-data; name=\\\"password\\\"\\r\\n\\r\\n" + SECRET
            + "\\r\\n\\r\\n--b--\\r\\n",
        "--b\\r\\nContent-Disposition: form-data; name=\\\"password\\\"\\r\\n\\r\\n" + SECRET
            + "\\n--b--\\r\\n",
        "--b\\r\\nContent-Disposition: form-data; name=\\\"password\\\"\\r\\n\\r\\n " + SECRET
            + "\\t\\r\\n--b--\\r\\n",
    };
    for (String body : bodies) {
      String out = mask(report("/x?c=" + SECRET,
          "[\"Content-Type\",\"multipart/form-data; boundary=b\"],[\"X-E\",\"" + SECRET + "\"]",
          body));
      assertThat(out).doesNotContain(SECRET);
    }
  }

  @Test
  void jsonPasswordWithBlanksAroundItIsHuntedTrimmed() {
    String out = mask(report("/x?c=" + SECRET, "[\"Content-Type\",\"application/json\"]",
        "{\\\"password\\\":\\\" " + SECRET + "\\\\n\\\"}"));
    assertThat(out).doesNotContain(SECRET);
  }

  @Test
  void formLayerPastMaxDecodeLayersHasItsValuesHunted() {
    String inner = b64("user=bob&password=Zq9sEcr+Val%377");
    String out = mask(report("/x?q=" + enc(inner) + "&e=Zq9sEcr%20Val77",
        "[\"X-E\",\"Zq9sEcr Val77\"]", ""), MaskingOptions.builder().maxDecodeLayers(1).build());
    assertThat(out).doesNotContain("Zq9sEcr Val77").doesNotContain("Zq9sEcr%20Val77")
        .contains("maxDecodeLayers");
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void xmlLayerPastMaxDecodeLayersHasItsValuesHuntedButNotItsNamespaces() {
    String ns = "http://schemas.xmlsoap.org/soap/envelope/";
    String inner = b64("<e xmlns=\"" + ns + "\"><password>" + SECRET.replace("77", "&amp;7")
        + "</password><k a='" + SECRET + "x'/></e>");
    String out = mask(report("/x?q=" + enc(inner) + "&e=" + SECRET.replace("77", "%267")
        + "&f=" + SECRET + "x", "[\"X-Ns\",\"" + ns + "\"]", ""),
        MaskingOptions.builder().maxDecodeLayers(1).build());
    assertThat(out).doesNotContain(SECRET).doesNotContain("Zq9sEcrVal%26").contains(ns);
  }

  @Test
  void base64LayerPastMaxDecodeLayersHasItsDecodedMembersHunted() {
    // JSON text in a JSON string is one layer; base64 JSON inside it is past the limit.
    String b = b64("{\"password\":\"" + SECRET + "\"}");
    String out = mask(report("/x?e=" + SECRET, "[\"Content-Type\",\"application/json\"]",
        "{\\\"q\\\":\\\"{\\\\\\\"x\\\\\\\":\\\\\\\"" + b + "\\\\\\\"}\\\"}"),
        MaskingOptions.builder().maxDecodeLayers(1).build());
    assertThat(out).doesNotContain(SECRET).contains("maxDecodeLayers");
  }

  @Test
  void multipartPartsMaskedWholeUnreadHaveTheirValuesHunted() {
    String part = "Content-Disposition: form-data; name=\\\"password\\\"\\r\\n\\r\\n" + SECRET
        + "\\r\\n";
    String bracketName = "p" + "[a]".repeat(200);
    String[][] cases = {
        // nested deeper than the scanner reads
        {"multipart/form-data; boundary=a", nested(4, part)},
        // a bracket name nested too deeply
        {"multipart/form-data; boundary=a", "--a\\r\\nContent-Disposition: form-data; name=\\\""
            + bracketName + "\\\"\\r\\n\\r\\n" + SECRET + "\\r\\n--a--\\r\\n"},
        // no usable boundary
        {"multipart/form-data; boundary=zz", "--a\\r\\n" + part + "--a--\\r\\n"},
    };
    for (String[] c : cases) {
      String out = mask(report("/x?e=" + SECRET, "[\"Content-Type\",\"" + c[0] + "\"]", c[1]));
      assertThat(out).as(c[0]).doesNotContain(SECRET);
    }
  }

  /** A multipart body with {@code levels} nested multipart/mixed parts around {@code part}. */
  private static String nested(int levels, String part) {
    String s = "--x0\\r\\n" + part + "--x0--\\r\\n";
    for (int k = 1; k <= levels; k++) {
      s = "--x" + k + "\\r\\nContent-Disposition: form-data; name=\\\"f" + k + "\\\"\\r\\n"
          + "Content-Type: multipart/mixed; boundary=x" + (k - 1) + "\\r\\n\\r\\n" + s
          + "\\r\\n--x" + k + "--\\r\\n";
    }
    return s.replace("--x" + levels, "--a");
  }
}
