package dev.masking.core.internal;

import static dev.masking.core.internal.NestedLayersCanaryTest.deepDecodings;
import static dev.masking.core.internal.NestedLayersTest.b64;
import static dev.masking.core.internal.NestedLayersTest.b64url;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of the nested layers and the scanners that hand them values (form and query,
 * path, cookies): a value holding a secret under a selected name inside a layer is planted in
 * every part a report has (query, form body, JSON body, header, cookie, path segment), masked with
 * the pre-checks on and off, and no planted secret may survive in any decoding of the output; the
 * same text read at the top level is masked too (differential).
 */
final class NestedReviewTest {

  private static final MaskPolicy POLICY = RecordingPolicy.names("password", "token");

  /** Where a value can be planted. */
  enum Carrier { QUERY, FORM, JSON, HEADER, COOKIE, PATH }

  private static String pct(String v) {
    return Percent.encodeToString(v);
  }

  /** A report carrying {@code value} (decoded) at {@code c}, or null when {@code c} cannot. */
  static AttackReport carry(Carrier c, String value) {
    HttpRequest.Builder b = HttpRequest.builder().method("POST");
    String uri = "/api/x";
    List<String> headers = new ArrayList<>(List.of("Host", "shop.example"));
    String body = null;
    switch (c) {
      case QUERY -> uri = "/api/x?a=1&d=" + pct(value) + "&z=2";
      case PATH -> uri = "/api/" + pct(value) + "/end";
      case FORM -> {
        headers.addAll(List.of("Content-Type", "application/x-www-form-urlencoded"));
        body = "a=1&d=" + pct(value) + "&z=2";
      }
      case JSON -> {
        headers.addAll(List.of("Content-Type", "application/json"));
        body = "{\"a\":1,\"d\":\"" + JsonEscapes.escape(value) + "\",\"z\":2}";
      }
      case HEADER -> {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
          return null;
        }
        headers.addAll(List.of("X-Data", value));
      }
      case COOKIE -> {
        if (value.matches(".*[;,\"\\s].*")) {
          return null;
        }
        headers.addAll(List.of("Cookie", "a=1; d=" + value + "; z=2"));
      }
      default -> throw new IllegalStateException();
    }
    b.uri(uri).headers(Headers.of(headers.toArray(new String[0])));
    if (body != null) {
      b.body(body);
    }
    return AttackReport.of(b.build());
  }

  static String all(AttackReport r) {
    StringBuilder sb = new StringBuilder(r.request().uri()).append('\n');
    r.request().headers().forEach(h -> sb.append(h.name()).append(": ").append(h.value())
        .append('\n'));
    if (r.request().body() != null) {
      sb.append(new String(r.request().body(), UTF_8)).append('\n');
    }
    return sb.toString();
  }

  static MaskedReport mask(AttackReport in, MaskPolicy policy, boolean precheck) {
    MaskRun.precheck = precheck;
    try {
      return Rewriter.mask(in, policy, MaskingOptions.defaults());
    } finally {
      MaskRun.precheck = true;
    }
  }

  /** The carriers (and pre-check settings) whose output still holds {@code secret}. */
  static List<String> leaks(String value, String secret, Carrier... carriers) {
    List<String> out = new ArrayList<>();
    for (Carrier c : carriers.length == 0 ? Carrier.values() : carriers) {
      AttackReport in = carry(c, value);
      if (in == null) {
        continue;
      }
      assertThat(exposed(all(in), secret)).as("planted at " + c).isTrue();
      for (boolean pre : new boolean[] {true, false}) {
        MaskedReport r = mask(in, POLICY, pre);
        String text = all(r.report());
        if (exposed(text, secret)) {
          out.add(c + (pre ? "" : " (pre-checks off)"));
        }
        assertThat(r.notes().toString()).doesNotContain(secret);
        assertThat(all(mask(r.report(), POLICY, pre).report())).as("idempotent at " + c)
            .isEqualTo(text);
      }
    }
    return out;
  }

  @Test
  void jsonWithAByteOrderMarkInsideALayerIsRead() {
    String s = secret("bom");
    String doc = "\ufeff{\"password\":\"" + s + "\",\"n\":1}";
    assertThat(leaks(doc, s)).isEmpty();
    assertThat(leaks(b64(doc), s)).isEmpty();
    assertThat(leaks(b64url(doc), s)).isEmpty();
    // The same text as a body is read (the JSON scanner skips the mark).
    assertThat(topLevelJsonLeaks(doc, s)).isFalse();
  }

  @Test
  void jsonThatIsNotStrictlyValidInsideALayerIsScannedLeniently() {
    int n = 0;
    for (String shape : List.of("{'password': '%s', 'user': 'bob'}", "{password: \"%s\"}",
        "{\"password\":\"%s\",}", "{\"password\":\"%s\"} trailing",
        "[{\"password\":\"%s\"}", "{\"a\":NaN,\"token\":\"%s\"}")) {
      String s = secret("lenient" + n++);
      String doc = String.format(Locale.ROOT, shape, s);
      assertThat(topLevelJsonLeaks(doc, s)).as(doc).isFalse();
      assertThat(leaks(doc, s)).as(doc).isEmpty();
      assertThat(leaks(b64(doc), s)).as("base64 " + doc).isEmpty();
      assertThat(leaks("{\"in\":\"" + JsonEscapes.escape(b64url(doc)) + "\"}", s))
          .as("JSON, base64url " + doc).isEmpty();
    }
    turkish(() -> assertThat(leaks("{PASSWORD: '" + secret("tr") + "'}", secret("tr")))
        .isEmpty());
  }

  @Test
  void textThatOnlyLooksLikeJsonIsKeptWithoutNotes() {
    for (String v : List.of("[INFO] started: ok", "{not: json} at all", "[1, 2", "{x}")) {
      for (Carrier c : Carrier.values()) {
        AttackReport in = carry(c, v);
        if (in == null) {
          continue;
        }
        for (boolean pre : new boolean[] {true, false}) {
          MaskedReport r = mask(in, POLICY, pre);
          assertThat(r.report()).as(v + " at " + c).isSameAs(in);
          assertThat(r.notes()).as(v + " at " + c).isEmpty();
        }
      }
    }
  }

  @Test
  void formTextInsideALayerIsReadAsTheFormScannerReadsABody() {
    int n = 0;
    for (String shape : List.of("user=bob&password=%s\r\n", "user=bob&password=%s\n",
"user name=bob&password=%s", "\u0438\u043c\u044f=x&password=%s",
        "=x&password=%s", "?user=bob&token=%s", "?token=%s", "e-mail@x=1&password=%s",
        "a(1)=2&password=%s", "a/b=1&password=%s")) {
      String s = secret("form" + n++);
      String text = String.format(Locale.ROOT, shape, s);
      if (!text.startsWith("?")) {
        assertThat(topLevelFormLeaks(text, s)).as(text).isFalse();
      }
      assertThat(leaks(text, s)).as(text).isEmpty();
      assertThat(leaks(b64(text), s)).as("base64 " + text).isEmpty();
      assertThat(leaks("{\"in\":\"" + JsonEscapes.escape(text) + "\"}", s))
          .as("JSON " + text).isEmpty();
    }
  }

  @Test
  void textWithAnEqualsSignThatSelectsNothingIsKeptWithoutNotes() {
    for (String v : List.of("1 OR 1=1", "x == y", "a=b", "==", "=abc", "see https://h/p?q=1",
        "SELECT * FROM t WHERE password = 'x'")) {
      for (Carrier c : Carrier.values()) {
        AttackReport in = carry(c, v);
        if (in == null) {
          continue;
        }
        for (boolean pre : new boolean[] {true, false}) {
          MaskedReport r = mask(in, POLICY, pre);
          assertThat(r.report()).as(v + " at " + c).isSameAs(in);
          assertThat(r.notes()).as(v + " at " + c).isEmpty();
        }
      }
    }
  }

  /** Whether {@code form} as a form body keeps {@code secret} after masking. */
  static boolean topLevelFormLeaks(String form, String secret) {
    AttackReport in = AttackReport.of(HttpRequest.builder().method("POST").uri("/")
        .headers(Headers.of("Host", "a", "Content-Type", "application/x-www-form-urlencoded"))
        .body(form).build());
    return all(mask(in, POLICY, true).report()).contains(secret);
  }

  @Test
  void layersAfterASemicolonInAQueryOrFormAreReadAsAfterAnAmpersand() {
    String s = secret("semi");
    String doc = "{\"password\":\"" + s + "\",\"k\":\"??>\"}";
    for (String v : List.of(b64(doc), b64(doc).replace("=", ""), b64url(doc), pct(doc),
        "a=1&password=" + s)) {
      for (String shape : List.of("a=1;data=%s", "a=1;x=2;data=%s;y=3", "data=%s;x=1",
          "u[]=%s;v=1", "flag;data=%s")) {
        String pairs = String.format(Locale.ROOT, shape, pct(v));
        for (String uri : List.of("/x?" + pairs, "/x?z=0&" + pairs + "&w=9")) {
          AttackReport in = AttackReport.of(HttpRequest.builder().method("POST").uri(uri)
              .headers(Headers.of("Host", "a", "Content-Type",
                  "application/x-www-form-urlencoded"))
              .body(pairs).build());
          for (boolean pre : new boolean[] {true, false}) {
            MaskedReport r = mask(in, POLICY, pre);
            String text = all(r.report());
            assertThat(exposed(text, s)).as(uri + (pre ? "" : " pre-checks off")).isFalse();
            assertThat(all(mask(r.report(), POLICY, pre).report())).as("idempotent " + uri)
                .isEqualTo(text);
            assertThat(r.report().request().uri()).startsWith(uri.substring(0, 4));
          }
        }
      }
    }
  }

  @Test
  void layersAfterACommaInACookieAreReadAsAfterASemicolon() {
    String s = secret("comma");
    String doc = "{\"token\":\"" + s + "\",\"k\":\"??>\"}";
    for (String v : List.of(b64(doc), b64(doc).replace("=", ""), b64url(doc), pct(doc))) {
      for (String shape : List.of("a=1,data=%s", "a=1, data=%s, z=2", "data=%s,x=1",
          "a=\"1\",data=\"%s\"")) {
        String cookie = "pre=0; " + String.format(Locale.ROOT, shape, v) + "; post=9";
        AttackReport in = AttackReport.of(HttpRequest.builder().method("GET").uri("/")
            .headers(Headers.of("Host", "a", "Cookie", cookie)).build());
        for (boolean pre : new boolean[] {true, false}) {
          MaskedReport r = mask(in, POLICY, pre);
          String text = all(r.report());
          assertThat(exposed(text, s)).as(cookie + (pre ? "" : " pre-checks off")).isFalse();
          assertThat(text).contains("pre=0; ").contains("; post=9");
          assertThat(all(mask(r.report(), POLICY, pre).report())).as("idempotent " + cookie)
              .isEqualTo(text);
        }
      }
    }
  }

  @Test
  void jwtWhoseSegmentsUseTheStandardAlphabetIsRead() {
    String s = secret("jwtstd");
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}").replace("=", "");
    String payload = b64("{\"sub\":\"1??>\",\"password\":\"" + s + "\",\"n\":\"~~~\"}");
    assertThat(payload).contains("+");
    for (String p : List.of(payload, payload.replace("=", ""))) {
      String jwt = header + "." + p + ".c2ln+/x";
      assertThat(leaks(jwt, s)).as(jwt).isEmpty();
      assertThat(leaks("Bearer " + jwt, s)).as("Bearer " + jwt).isEmpty();
      assertThat(leaks("{\"t\":\"" + jwt + "\"}", s)).as("JSON " + jwt).isEmpty();
    }
  }

  @Test
  void base64SentWithRawPlusSignsInAQueryOrFormIsRead() {
    String s = secret("plus");
    String b64 = b64("{\"password\":\"" + s + "\",\"k\":\">>>??>\"}");
    assertThat(b64).contains("+").contains("/");
    for (String v : List.of(b64, b64.replace("=", ""), b64.replace("/", "%2F"),
        b64.replace("=", "%3D"))) {
      for (String pairs : List.of("d=" + v, "a=1&d=" + v + "&z=2", "a=1;d=" + v,
          "u[x]=" + v)) {
        AttackReport in = AttackReport.of(HttpRequest.builder().method("POST")
            .uri("/x?" + pairs).headers(Headers.of("Host", "a", "Content-Type",
                "application/x-www-form-urlencoded")).body(pairs).build());
        for (boolean pre : new boolean[] {true, false}) {
          MaskedReport r = mask(in, POLICY, pre);
          String text = all(r.report());
          assertThat(exposed(text, s)).as(pairs + (pre ? "" : " pre-checks off")).isFalse();
          assertThat(exposed(text.replace(' ', '+'), s)).as(pairs).isFalse();
          assertThat(all(mask(r.report(), POLICY, pre).report())).as("idempotent " + pairs)
              .isEqualTo(text);
        }
      }
    }
    // A value whose '+' stands for spaces is read as it was.
    AttackReport prose = AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/x?q=hello+world+AAAA&r=a+b%3Dc").headers(Headers.of("Host", "a")).build());
    assertThat(mask(prose, POLICY, true).report()).isSameAs(prose);
  }

  /**
   * One random layer around {@code inner} (not invalid JSON: the lenient scan decodes no layers
   * under unselected names, a documented limit).
   */
  private static String layer(java.util.Random r, String inner) {
    return switch (r.nextInt(9)) {
      case 0 -> "{\"a\":1,\"in\":\"" + JsonEscapes.escape(inner) + "\"}";
      case 1 -> "x=1&in=" + pct(inner);
      case 2 -> b64(inner);
      case 3 -> b64url(inner);
      case 4 -> b64(inner).replace("=", "");
      case 5 -> pct(inner);
      case 6 -> b64url("{\"alg\":\"none\"}") + "." + b64url(inner) + ".c2ln";
      case 7 -> java.util.Base64.getEncoder().encodeToString(NestedLayersTest.gzip(inner));
      default -> "?in=" + pct(inner) + "\r\n";
    };
  }

  /** A secret under a selected name, in one of the formats that hold names. */
  private static String leaf(java.util.Random r, String secret) {
    return switch (r.nextInt(4)) {
      case 0 -> "{\"password\":\"" + secret + "\",\"k\":\"??>\"}";
      case 1 -> "user=bob&token=" + secret;
      case 2 -> "{password: '" + secret + "'}";
      default -> "<r><token>" + secret + "</token></r>";
    };
  }

  @Test
  void randomLayerStacksAreMaskedEverywhereAndMutationsNeverThrow() {
    java.util.Random r = new java.util.Random(Long.getLong("review.seed", 20261121L));
    String noise = "%=&;,+/{}[]\"'<>.?#\\\r\n\t\u00e9\ufeff\u0000 AZaz09-_~*:";
    int masked = 0;
    for (int n = 0; n < Integer.getInteger("review.rounds", 600); n++) {
      String s = secret("fz" + n);
      String v = leaf(r, s);
      int depth = 1 + r.nextInt(3);
      for (int k = 0; k < depth; k++) {
        v = layer(r, v);
      }
      Carrier c = Carrier.values()[r.nextInt(Carrier.values().length)];
      AttackReport in = carry(c, v);
      if (in == null) {
        continue;
      }
      boolean pre = r.nextBoolean();
      MaskedReport out = mask(in, POLICY, pre);
      String text = all(out.report());
      assertThat(exposed(text, s)).as(c + " " + v).isFalse();
      assertThat(all(mask(out.report(), POLICY, pre).report())).as("idempotent " + v)
          .isEqualTo(text);
      masked++;
      // Mutations: no exception may escape a scanner (each would leave a 'could not be scanned' or 'inspected' note).
      StringBuilder m = new StringBuilder(v);
      for (int e = 0, edits = 1 + r.nextInt(4); e < edits && m.length() > 0; e++) {
        int at = r.nextInt(m.length());
        switch (r.nextInt(3)) {
          case 0 -> m.deleteCharAt(at);
          case 1 -> m.insert(at, noise.charAt(r.nextInt(noise.length())));
          default -> m.setLength(at);
        }
      }
      for (Carrier mc : Carrier.values()) {
        AttackReport min = carry(mc, m.toString());
        if (min == null) {
          continue;
        }
        MaskedReport mo = mask(min, POLICY, pre);
        assertThat(mo.notes()).as(mc + " " + m).noneMatch(x -> String.valueOf(x.reason())
            .matches(".*could not be (scanned|inspected).*"));
        assertThat(mo.notes().toString()).doesNotContain(s);
      }
    }
    assertThat(masked).isGreaterThan(300);
  }

  @Test
  void layersWithBlanksAroundThemAreRead() {
    String s = secret("blank");
    String doc = "{\"password\":\"" + s + "\",\"k\":\"??>\"}";
    for (String v : List.of(b64(doc), b64(doc).replace("=", ""), b64url(doc), pct(doc),
        b64url("{\"alg\":\"none\"}") + "." + b64url(doc) + ".c2ln", "a=1&password=" + s)) {
      for (String around : List.of("%s\r\n", "%s\n", " %s", "\t%s ", "\r\n%s\r\n")) {
        String text = String.format(Locale.ROOT, around, v);
        assertThat(leaks(text, s)).as(text).isEmpty();
        assertThat(leaks(b64(text), s)).as("base64 " + text).isEmpty();
      }
    }
    // The last value of a form body that ends in a line break.
    assertThat(topLevelFormLeaks("a=1&d=" + pct(b64(doc)) + "\r\n", s)).isFalse();
  }

  /** Whether {@code doc} as a JSON body keeps {@code secret} after masking. */
  static boolean topLevelJsonLeaks(String doc, String secret) {
    AttackReport in = AttackReport.of(HttpRequest.builder().method("POST").uri("/")
        .headers(Headers.of("Host", "a", "Content-Type", "application/json")).body(doc).build());
    return all(mask(in, POLICY, true).report()).contains(secret);
  }

  /**
   * Whether any decoding of {@code text} holds {@code secret}: {@link
   * NestedLayersCanaryTest#deepDecodings} of the text and of its pieces between slashes (path
   * segments, which that search does not split at because a slash is a base64 character).
   */
  static boolean exposed(String text, String secret) {
    if (deepDecodings(text).stream().anyMatch(t -> t.contains(secret))) {
      return true;
    }
    String blanks = text.replace("\\r", " ").replace("\\n", " ").replace("\\t", " ");
    if (!blanks.equals(text) && exposed(blanks, secret)) {
      return true; // JSON-escaped line breaks around a token
    }
    for (String piece : Percent.decode(text, false).split("[/\\s]+")) {
      if (deepDecodings(piece).stream().anyMatch(t -> t.contains(secret))) {
        return true;
      }
    }
    return false;
  }

  /** A unique secret. */
  private static String secret(String tag) {
    return "sEcR" + tag + "x" + Integer.toHexString(tag.hashCode() & 0xfffff);
  }

  private static void turkish(Runnable r) {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      r.run();
    } finally {
      Locale.setDefault(saved);
    }
  }
}
