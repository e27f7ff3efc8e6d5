package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plants unique secrets at every kind of point these scanners handle and asserts that none
 * survives in any encoding, while everything else is byte-identical.
 */
final class CanaryLeakTest {
  private static final String Q1 = "cAnQ1 p@ss/w&rd=\u00e9+";
  private static final String Q2 = "cAnQ2~x y";
  private static final String Q3 = "cAnQ3z";
  private static final String Q4 = "cAnQ4 again";
  private static final String F1 = "cAnF1 s\u20accret";
  private static final String F2 = "cAnF2:k;e=y";
  private static final String P1 = "cAnP1 seg&x";
  private static final String P2 = "cAnP2sess";
  private static final String H1 = "cAnH1tok.en";
  private static final String H2 = "cAnH2 key:val";
  private static final String H3 = "user:cAnH3pw";
  private static final String C1 = "cAnC1 q";
  private static final String C2 = "cAnC2";
  private static final String C3 = "cAnC3";

  private static final List<String> SECRETS =
      List.of(Q1, Q2, Q3, Q4, F1, F2, P1, P2, H1, H2, H3, C1, C2, C3);

  @Test
  void noPlantedSecretSurvivesAndEverythingElseIsIdentical() {
    RecordingPolicy names = RecordingPolicy.names("password", "token", "api_key", "sid", "session",
        "x-api-key", "authorization", "proxy-authorization", "jsessionid");
    Point path1 = Point.of(Step.indexed("path", 1));
    RecordingPolicy policy = new RecordingPolicy(
        f -> f.point().equals(path1) || names.decide(f) != null, MaskAction.redact());
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());

    String query = "q=1&password=" + enc(Q1, true, true) + "&user[password]=" + enc(Q2, false, false)
        + "&a=1;token=" + Q3 + "&password=" + enc(Q4, true, false) + "&z=%41+b%zz";
    String form = "pass%77ord=" + enc(F1, false, true) + "&api_key[]=" + enc(F2, true, false)
        + "&note=hello+world%21";
    String path = "/api/" + enc(P1, true, false) + "/x;jsessionid=" + P2 + "/login.php";
    Headers headers = Headers.of(
        "Host", "shop.example",
        "Authorization", "Bearer " + H1,
        "X-Api-Key", H2,
        "Proxy-Authorization", "Basic " + Base64.getEncoder().encodeToString(H3.getBytes(UTF_8)),
        "Cookie", "theme=dark; session=\"" + C1 + "\"; a=1,sid=" + C2,
        "cookie", "session=" + C3,
        "Accept", "*/*");

    String maskedQuery = masked(query, run, "get");
    run.push(Step.of("post"));
    String maskedForm = masked(form, run, "form_urlencoded");
    run.pop();
    String maskedPath = PathScanner.mask(path, run);
    Headers maskedHeaders = HeaderScanner.mask(headers, run);

    assertThat(maskedQuery)
        .isEqualTo("q=1&password=***&user[password]=***&a=1;token=***&password=***&z=%41+b%zz");
    assertThat(maskedForm).isEqualTo("pass%77ord=***&api_key[]=***&note=hello+world%21");
    assertThat(maskedPath).isEqualTo("/api/***/x;jsessionid=***/login.php");
    List<String> lines = new ArrayList<>();
    for (Header h : maskedHeaders) {
      lines.add(h.name() + ": " + h.value());
    }
    assertThat(lines).containsExactly(
        "Host: shop.example",
        "Authorization: Bearer ***",
        "X-Api-Key: ***",
        "Proxy-Authorization: Basic ***",
        "Cookie: theme=dark; session=\"***\"; a=1,sid=***",
        "cookie: session=***",
        "Accept: */*");

    StringBuilder all = new StringBuilder()
        .append(maskedQuery).append('\n').append(maskedForm).append('\n').append(maskedPath);
    lines.forEach(l -> all.append('\n').append(l));
    for (Note n : run.notes()) {
      all.append('\n').append(n);
    }
    for (String secret : SECRETS) {
      for (String form2 : encodings(secret)) {
        assertThat(all.toString()).as("secret %s", form2).doesNotContain(form2);
      }
      assertThat(all.toString()).doesNotContain(secret.substring(0, 5));
    }
    assertThat(run.maskedPoints()).hasSize(14);
  }

  private static String masked(String s, MaskRun run, String parser) {
    byte[] b = s.getBytes(UTF_8);
    byte[] out = FormScanner.mask(b, 0, b.length, run, parser);
    return out == null ? s : new String(out, UTF_8);
  }

  /** Raw, percent-encoded in upper and lower hex, with + or %20 for space, and base64. */
  private static Set<String> encodings(String s) {
    Set<String> out = new LinkedHashSet<>();
    out.add(s);
    for (boolean upper : new boolean[] {true, false}) {
      for (boolean plus : new boolean[] {true, false}) {
        out.add(enc(s, upper, plus));
      }
    }
    out.add(Base64.getEncoder().encodeToString(s.getBytes(UTF_8)));
    return out;
  }

  /** Percent-encodes everything but unreserved characters. */
  static String enc(String s, boolean upperHex, boolean plusForSpace) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
        sb.append(c);
      } else if (c == ' ' && plusForSpace) {
        sb.append('+');
      } else {
        String hex = String.format(java.util.Locale.ROOT, "%02X", b & 0xff);
        sb.append('%').append(upperHex ? hex : hex.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return sb.toString();
  }
}
