package dev.masking.rules.hardening;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every item of {@code ../shared/reference/hostile-inputs.md} as a report, generated at test time
 * (nothing large is committed). Each row names its item, plants the secrets that a {@code
 * password}/token/session/authorization rule (the default preset) must mask, and names an
 * evidence text that must survive unless the part holding it was masked whole with a fallback note.
 */
final class HostileInputs {
  private HostileInputs() {}

  /** What an external entity would read if a parser resolved it. */
  static final String DTD_FILE_MARKER = "dtdFileContent7731";
  private static final Path DTD_FILE;

  static {
    try {
      DTD_FILE = Files.createTempFile("masking-xxe", ".txt");
      Files.writeString(DTD_FILE, DTD_FILE_MARKER);
      DTD_FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One hostile item. */
  record Row(String section, String item, Supplier<AttackReport> report, List<String> secrets,
      String evidence) {
    @Override
    public String toString() {
      return section + ": " + item;
    }
  }

  static List<Row> rows() {
    List<Row> r = new ArrayList<>();
    String f = "file://" + DTD_FILE.toAbsolutePath();

    // ---- names a password rule must catch
    r.add(row("names", "JSON pass\\u0077ord", () -> json("{\"pass\\u0077ord\":\"nmA1\",\"q\":\"EVIDn1\"}"), "EVIDn1", "nmA1"));
    r.add(row("names", "JSON name fully \\u-escaped", () -> json("{\"\\u0070\\u0061\\u0073\\u0073\\u0077\\u006f\\u0072\\u0064\":\"nmA2\",\"q\":\"EVIDn2\"}"), "EVIDn2", "nmA2"));
    r.add(row("names", "query pass%77ord", () -> query("pass%77ord=nmA3&q=EVIDn3"), "EVIDn3", "nmA3"));
    r.add(row("names", "double-encoded pass%2577ord", () -> query("pass%2577ord=nmA4&q=EVIDn4"), "EVIDn4", "nmA4"));
    r.add(row("names", "+ versus %20 in a name", () -> form("api+key=nmA5&api%20key=nmB5&q=EVIDn5"), "EVIDn5", "nmA5", "nmB5"));
    r.add(row("names", "multipart name*=UTF-8''pass%77ord (RFC 2231)", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data; name*=UTF-8''pass%77ord\r\n\r\nnmA6\r\n--b1--\r\n"), null, "nmA6"));
    r.add(row("names", "multipart =?UTF-8?B?cGFzc3dvcmQ=?= (RFC 2047)", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data; name=\"=?UTF-8?B?cGFzc3dvcmQ=?=\"\r\n\r\nnmA7\r\n--b1--\r\n"), null, "nmA7"));
    r.add(row("names", "case PASSWORD and PassWord", () -> query("PASSWORD=nmA8&PassWord=nmB8&q=EVIDn8"), "EVIDn8", "nmA8", "nmB8"));
    r.add(row("names", "brackets password[] and user[password]", () -> form("password[]=nmA9&user[password]=nmB9&q=EVIDn9"), "EVIDn9", "nmA9", "nmB9"));
    r.add(row("names", "separators and case styles api_key apiKey Api-Key", () -> json("{\"api_key\":\"nmA10\",\"apiKey\":\"nmB10\",\"Api-Key\":\"nmC10\",\"q\":\"EVIDn10\"}"), "EVIDn10", "nmA10", "nmB10", "nmC10"));
    r.add(row("names", "undecodable name: any candidate decoding matches", () -> query("password%00=nmA11&%00password=nmB11&q=EVIDn11"), "EVIDn11", "nmA11", "nmB11"));

    // ---- JSON
    r.add(row("json", "depth 100,000 of [", () -> json("[".repeat(100_000) + "{\"password\":\"jsA1\"}" + "]".repeat(100_000)), null, "jsA1"));
    r.add(row("json", "1,000,000 keys", () -> json(manyKeys(1_000_000, "{\"password\":\"jsA2\"}")), null, "jsA2"));
    r.add(row("json", "a 50 MB string", () -> json("{\"q\":\"" + "x".repeat(50 << 20) + "\",\"password\":\"jsA3\"}"), null, "jsA3"));
    r.add(row("json", "a 100,000-digit number", () -> json("{\"n\":" + "9".repeat(100_000) + ",\"password\":7" + "3".repeat(100_000) + ",\"q\":\"EVIDj4\"}"), "EVIDj4", "7" + "3".repeat(40)));
    r.add(row("json", "1E400 and -0", () -> json("{\"a\":1E400,\"b\":-0,\"password\":1E400,\"token\":-0,\"q\":\"EVIDj5\"}"), "EVIDj5"));
    r.add(row("json", "NaN and Infinity", () -> json("{\"a\":NaN,\"password\":Infinity,\"token\":\"jsA6\",\"q\":\"EVIDj6\"}"), "EVIDj6", "jsA6"));
    r.add(row("json", "duplicate sensitive keys", () -> json("{\"password\":\"jsA7\",\"password\":\"jsB7\",\"q\":\"EVIDj7\"}"), "EVIDj7", "jsA7", "jsB7"));
    r.add(row("json", "object, array, number, boolean, null values", () -> json("{\"password\":{\"x\":\"jsA8\"},\"token\":[\"jsB8\",1],\"secret\":5551238,\"pwd\":true,\"pass\":null,\"q\":\"EVIDj8\"}"), "EVIDj8", "jsA8", "jsB8", "5551238"));
    r.add(row("json", "comments, trailing commas, single quotes, unquoted names", () -> json("{/* c */ 'password':'jsA9', token: \"jsB9\", \"q\":\"EVIDj9\",}"), null, "jsA9", "jsB9"));
    r.add(row("json", "BOM", () -> jsonBytes(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"password\":\"jsA10\",\"q\":\"EVIDj10\"}".getBytes(UTF_8))), "EVIDj10", "jsA10"));
    r.add(row("json", "UTF-16 body", () -> jsonBytes("{\"password\":\"jsA11\",\"q\":\"EVIDj11\"}".getBytes(Charset.forName("UTF-16LE"))), null, "jsA11"));
    r.add(row("json", "UTF-32 body", () -> jsonBytes("{\"password\":\"jsA12\"}".getBytes(Charset.forName("UTF-32BE"))), null, "jsA12"));
    r.add(row("json", "invalid and overlong UTF-8", () -> jsonBytes(concat("{\"q\":\"\u00e9".getBytes(UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAE, (byte) 0xFF}, "\",\"password\":\"jsA13\"}".getBytes(UTF_8))), null, "jsA13"));
    r.add(row("json", "lone surrogate in a key", () -> json("{\"password\\ud800\":\"EVIDj14\",\"password\":\"jsA14\"}"), null, "jsA14"));
    r.add(row("json", "NUL in keys", () -> json("{\"password\\u0000\":\"jsA15\",\"q\":\"EVIDj15\"}"), "EVIDj15", "jsA15"));
    r.add(row("json", "{\"a\":1} junk", () -> json("{\"a\":1,\"password\":\"jsA16\"} junk EVIDj16"), null, "jsA16"));
    r.add(row("json", "several documents in a row", () -> json("{\"q\":\"EVIDj17\"}{\"password\":\"jsA17\"}\n{\"token\":\"jsB17\"}"), null, "jsA17", "jsB17"));
    r.add(row("json", "a top-level scalar", () -> json("\"EVIDj18\""), "EVIDj18"));
    r.add(row("json", "an empty body", () -> json(""), null));
    r.add(row("json", "no Content-Type", () -> bodyWith(null, "{\"password\":\"jsA20\",\"q\":\"EVIDj20\"}"), "EVIDj20", "jsA20"));
    r.add(row("json", "a wrong Content-Type", () -> bodyWith("text/plain", "{\"password\":\"jsA21\",\"q\":\"EVIDj21\"}"), "EVIDj21", "jsA21"));
    r.add(row("json", "JSONTestSuite-style invalid document", () -> json("[\"a\",{\"password\":\"jsA22\"}"), null, "jsA22"));

    // ---- XML
    r.add(row("xml", "XXE SYSTEM file", () -> xml("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + f + "\">]><r><a>&x;</a><password>xmA1</password></r>"), null, "xmA1"));
    r.add(row("xml", "XXE SYSTEM http", () -> xml("<!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]><r>&x;<password>xmA2</password></r>"), null, "xmA2"));
    r.add(row("xml", "XXE PUBLIC", () -> xml("<!DOCTYPE r [<!ENTITY x PUBLIC \"-//X//Y\" \"" + f + "\">]><r>&x;<password>xmA3</password></r>"), null, "xmA3"));
    r.add(row("xml", "parameter entities", () -> xml("<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + f + "\"> %p;]><r><password>xmA4</password></r>"), null, "xmA4"));
    r.add(row("xml", "external DTD", () -> xml("<!DOCTYPE r SYSTEM \"" + f + "\"><r><password>xmA5</password></r>"), null, "xmA5"));
    r.add(row("xml", "billion laughs", () -> xml(laughs() + "<r>&l9;<password>xmA6</password></r>"), null, "xmA6"));
    r.add(row("xml", "quadratic blowup", () -> xml("<!DOCTYPE r [<!ENTITY a \"" + "a".repeat(100_000) + "\">]><r>" + "&a;".repeat(10_000) + "<password>xmA7</password></r>"), null, "xmA7"));
    r.add(row("xml", "UTF-7 declared encoding", () -> xml("<?xml version=\"1.0\" encoding=\"UTF-7\"?><r>+ADw-password+AD4-xmA8+ADw-/password+AD4-</r>"), null, "xmA8"));
    r.add(row("xml", "depth 100,000", () -> xml("<a>".repeat(100_000) + "<password>xmA9</password>" + "</a>".repeat(100_000)), null, "xmA9"));
    r.add(row("xml", "10,000 attributes", () -> xml("<r " + attrs(10_000) + " password=\"xmA10\"/>"), null, "xmA10"));
    r.add(row("xml", "a 10 MB attribute", () -> xml("<r a=\"" + "y".repeat(10 << 20) + "\" password=\"xmA11\"/>"), null, "xmA11"));
    r.add(row("xml", "deeply nested DTD", () -> xml("<!DOCTYPE r [" + "<!ELEMENT r ANY>".repeat(10_000) + "]><r><password>xmA12</password></r>"), null, "xmA12"));
    r.add(row("xml", "xsi:schemaLocation", () -> xml("<r xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:x " + f + "\"><password>xmA13</password></r>"), null, "xmA13"));
    r.add(row("xml", "garbage after the root", () -> xml("<r><password>xmA14</password></r><password>xmB14</password> junk"), null, "xmA14", "xmB14"));
    r.add(row("xml", "SOAP WS-Security Password", () -> xml("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header><wsse:Security xmlns:wsse=\"urn:w\"><wsse:UsernameToken><wsse:Password>xmA15</wsse:Password></wsse:UsernameToken></wsse:Security></s:Header><s:Body/></s:Envelope>"), null, "xmA15"));
    r.add(row("xml", "CDATA holding a secret", () -> xml("<r><password><![CDATA[xmA16]]></password></r>"), null, "xmA16"));
    r.add(row("xml", "attribute named password", () -> xml("<r password=\"xmA17\"/>"), null, "xmA17"));
    r.add(row("xml", "namespace prefix wsse:Password", () -> xml("<wsse:Password xmlns:wsse=\"urn:w\">xmA18</wsse:Password>"), null, "xmA18"));

    // ---- multipart
    String part = "Content-Disposition: form-data; name=\"password\"\r\n\r\n";
    r.add(row("multipart", "duplicate boundary parameters", () -> multipartCt("multipart/form-data; boundary=b1; boundary=b2", "--b1\r\n" + part + "mpA1\r\n--b2\r\n" + part + "mpB1\r\n--b1--\r\n--b2--\r\n"), null, "mpA1", "mpB1"));
    r.add(row("multipart", "quoted boundary", () -> multipartCt("multipart/form-data; boundary=\"b 1\"", "--b 1\r\n" + part + "mpA2\r\n--b 1--\r\n"), null, "mpA2"));
    String longB = "b".repeat(75);
    r.add(row("multipart", "boundary of 70+ characters", () -> multipart(longB, "--" + longB + "\r\n" + part + "mpA3\r\n--" + longB + "--\r\n"), null, "mpA3"));
    r.add(row("multipart", "LF-only and mixed line endings", () -> multipart("b1", "--b1\nContent-Disposition: form-data; name=\"password\"\n\nmpA4\r\n--b1\r\n" + part + "mpB4\n--b1--\n"), null, "mpA4", "mpB4"));
    r.add(row("multipart", "no final boundary", () -> multipart("b1", "--b1\r\n" + part + "mpA5"), null, "mpA5"));
    // Preamble and epilogue are not fields (RFC 2046: ignored by receivers); the multipart
    // scanner keeps them as evidence.
    r.add(row("multipart", "data before the first and after the last boundary", () -> multipart("b1", "pre=EVIDm6\r\n--b1\r\n" + part + "mpB6\r\n--b1--\r\npost=EVIDm6b"), "EVIDm6", "mpB6"));
    r.add(row("multipart", "header folding", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data;\r\n name=\"password\"\r\n\r\nmpA7\r\n--b1--\r\n"), null, "mpA7"));
    r.add(row("multipart", "name='x' and unquoted names", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data; name='password'\r\n\r\nmpA8\r\n--b1\r\nContent-Disposition: form-data; name=password\r\n\r\nmpB8\r\n--b1--\r\n"), null, "mpA8", "mpB8"));
    r.add(row("multipart", "duplicate name", () -> multipart("b1", "--b1\r\n" + part + "mpA9\r\n--b1\r\n" + part + "mpB9\r\n--b1--\r\n"), null, "mpA9", "mpB9"));
    // A part with no Content-Disposition has no name, so no rule selects it; the neighbour does.
    r.add(row("multipart", "missing Content-Disposition", () -> multipart("b1", "--b1\r\nContent-Type: text/plain\r\n\r\nEVIDm10\r\n--b1\r\n" + part + "mpA10\r\n--b1--\r\n"), "EVIDm10", "mpA10"));
    r.add(row("multipart", "NUL in headers", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data; name=\"pass\u0000word\"\r\n\r\nmpA11\r\n--b1--\r\n"), null, "mpA11"));
    r.add(row("multipart", "Content-Transfer-Encoding base64", () -> multipart("b1", "--b1\r\n" + part.replace("\r\n\r\n", "\r\nContent-Transfer-Encoding: base64\r\n\r\n") + b64("mpA12-secret") + "\r\n--b1--\r\n"), null, "mpA12-secret"));
    r.add(row("multipart", "Content-Transfer-Encoding quoted-printable", () -> multipart("b1", "--b1\r\n" + part.replace("\r\n\r\n", "\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n") + "mpA13=3Dsecret\r\n--b1--\r\n"), null, "mpA13=secret", "mpA13=3Dsecret"));
    r.add(row("multipart", "_charset_", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data; name=\"_charset_\"\r\n\r\nUTF-16\r\n--b1\r\n" + part + "mpA14\r\n--b1--\r\n"), null, "mpA14"));
    r.add(row("multipart", "nested multipart/mixed", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data; name=\"files\"\r\nContent-Type: multipart/mixed; boundary=b2\r\n\r\n--b2\r\n" + part + "mpA15\r\n--b2--\r\n--b1--\r\n"), null, "mpA15"));
    r.add(row("multipart", "100,000 parts", () -> multipart("b1", "--b1\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n".repeat(100_000) + "--b1\r\n" + part + "mpA16\r\n--b1--\r\n"), null, "mpA16"));
    r.add(row("multipart", "10 KB part headers", () -> multipart("b1", "--b1\r\nX-Pad: " + "p".repeat(10 << 10) + "\r\n" + part + "mpA17\r\n--b1--\r\n"), null, "mpA17"));

    // ---- query, form, cookies, headers
    r.add(row("query", "repeated parameters", () -> query("password=qfA1&password=qfB1&q=EVIDq1&password=qfC1"), "EVIDq1", "qfA1", "qfB1", "qfC1"));
    r.add(row("query", "; as separator", () -> query("q=EVIDq2;password=qfA2"), "EVIDq2", "qfA2"));
    r.add(row("query", "invalid %zz and trailing %", () -> query("q=EVIDq3%zz&password=qfA3%&x=%"), "EVIDq3", "qfA3"));
    r.add(row("query", "%00password", () -> query("%00password=qfA4&q=EVIDq4"), "EVIDq4", "qfA4"));
    r.add(row("query", "overlong %C0%AE", () -> query("q=EVIDq5%C0%AE%C0%AE&password=qfA5%C0%AE"), "EVIDq5", "qfA5"));
    r.add(row("query", "100,000 parameters", () -> form(manyParams(100_000) + "&password=qfA6"), null, "qfA6"));
    r.add(row("query", "a 1 MB name", () -> query("n".repeat(1 << 20) + "=1&password=qfA7&q=EVIDq7"), "EVIDq7", "qfA7"));
    r.add(row("headers", "duplicate Authorization and Cookie headers", () -> headers("Authorization", "Bearer hdA1", "authorization", "Basic " + b64("u:hdB1"), "Cookie", "session=hdC1", "COOKIE", "session=hdD1; q=EVIDh1"), "EVIDh1", "hdA1", "hdB1", "hdC1", "hdD1"));
    r.add(row("headers", "obs-fold", () -> headers("Authorization", "Bearer\r\n hdA2", "X-Api-Key", "a\r\n\thdB2"), null, "hdA2", "hdB2"));
    r.add(row("headers", "Authorization Basic and Bearer", () -> headers("Authorization", "Basic " + b64("user:hdA3"), "Proxy-Authorization", "Bearer hdB3"), null, "hdA3", "hdB3"));
    r.add(row("headers", "quoted cookie values", () -> headers("Cookie", "session=\"hdA4\"; q=\"EVIDh4\""), "EVIDh4", "hdA4"));
    r.add(row("headers", ", separators in cookies", () -> headers("Cookie", "q=EVIDh5, session=hdA5"), "EVIDh5", "hdA5"));
    // Credentials inside an unselected value: the value detectors find them.
    r.add(row("headers", "credentials inside any value", () -> headers("Referer", "https://user:hdA6pw@host/x?q=EVIDh6"), "EVIDh6", "hdA6pw"));
    return r;
  }

  private static Row row(String section, String item, Supplier<AttackReport> report,
      String evidence, String... secrets) {
    return new Row(section, item, report, List.of(secrets), evidence);
  }

  // ---- report builders

  private static HttpRequest.Builder base() {
    return HttpRequest.builder().method("POST").uri("/hostile?q=EVIDbase")
        .header("Host", "hostile.example").header("X-Evidence", "EVID-kept");
  }

  private static AttackReport report(HttpRequest.Builder b, Point at, String payload) {
    return new AttackReport("hostile", null, b.build(),
        List.of(Attack.of("probe", at, payload)), Map.of());
  }

  private static AttackReport body(String contentType, byte[] body) {
    HttpRequest.Builder b = base();
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return report(b.body(body), Point.of(Step.of("post")), "EVIDpayload");
  }

  static AttackReport json(String s) {
    return body("application/json", s.getBytes(UTF_8));
  }

  static AttackReport jsonBytes(byte[] b) {
    return body("application/json", b);
  }

  static AttackReport bodyWith(String contentType, String s) {
    return body(contentType, s.getBytes(UTF_8));
  }

  static AttackReport form(String s) {
    return body("application/x-www-form-urlencoded", s.getBytes(UTF_8));
  }

  static AttackReport xml(String s) {
    return body("application/xml", s.getBytes(UTF_8));
  }

  static AttackReport multipart(String boundary, String s) {
    return multipartCt("multipart/form-data; boundary=" + boundary, s);
  }

  static AttackReport multipartCt(String contentType, String s) {
    return body(contentType, s.getBytes(UTF_8));
  }

  static AttackReport query(String qs) {
    HttpRequest.Builder b = base().method("GET").uri("/hostile?" + qs);
    return report(b, Point.of(Step.named("get", "q")), "EVIDpayload");
  }

  static AttackReport headers(String... nv) {
    HttpRequest.Builder b = base().method("GET");
    for (int i = 0; i < nv.length; i += 2) {
      b.header(nv[i], nv[i + 1]);
    }
    return report(b, Point.of(Step.named("header", "User-Agent")), "EVIDpayload");
  }

  // ---- generators

  private static String manyKeys(int n, String last) {
    StringBuilder sb = new StringBuilder(n * 14).append('{');
    for (int i = 0; i < n; i++) {
      sb.append("\"k").append(i).append("\":1,");
    }
    return sb.append("\"last\":").append(last).append('}').toString();
  }

  private static String manyParams(int n) {
    StringBuilder sb = new StringBuilder(n * 10);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : "&").append('p').append(i).append("=v");
    }
    return sb.toString();
  }

  private static String attrs(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(" a").append(i).append("=\"v\"");
    }
    return sb.toString();
  }

  private static String laughs() {
    StringBuilder sb = new StringBuilder("<!DOCTYPE r [<!ENTITY l0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      sb.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    return sb.append("]>").toString();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
