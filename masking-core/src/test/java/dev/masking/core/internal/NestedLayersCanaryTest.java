package dev.masking.core.internal;

import static dev.masking.core.internal.NestedLayersTest.b64;
import static dev.masking.core.internal.NestedLayersTest.b64url;
import static dev.masking.core.internal.NestedLayersTest.gzip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Plants unique secrets inside every nesting of encodings up to the layer limit, in the query, a
 * form body, a JSON body, headers and cookies, and asserts through {@link Rewriter} that none
 * survives in any encoding while every other byte is exactly as the same request built with the
 * masks in place.
 */
final class NestedLayersCanaryTest {

  private static final MaskPolicy POLICY = RecordingPolicy.names("password", "token", "email");

  private static final List<String> SECRETS = new ArrayList<>();

  static {
    for (int i = 0; i < 16; i++) {
      SECRETS.add("cAnN" + i + "x" + Integer.toHexString(0x5eed00 + i * 7919));
    }
  }

  /** Secret {@code i}, or its mask. */
  private static String s(int i, boolean masked) {
    return masked ? "***" : SECRETS.get(i);
  }

  private static String pct(String v) {
    return Percent.encodeToString(v);
  }

  private static String jwt(String payload) {
    return b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64url(payload) + ".c2ln";
  }

  private static String jsonStr(String v) {
    return JsonEscapes.escape(v);
  }

  private static AttackReport report(boolean m, boolean jsonBody) {
    String uri = "/api/x?q1=" + pct("{\"password\":\"" + s(0, m) + "\",\"n\":1}")
        + "&q2=" + pct(b64("{\"password\":\"" + s(1, m) + "\",\"k\":\"?>\"}"))
        + "&q3=" + pct(pct("{\"token\":\"" + s(2, m) + "\"}"))
        + "&q4=" + pct(jwt("{\"sub\":\"1\",\"email\":\"" + s(3, m) + "\"}"))
        + "&q5=" + pct(b64url(b64("user=bob&password=" + pct(s(4, m)))))
        + "&plain=hello+world";
    String body;
    String contentType;
    if (jsonBody) {
      contentType = "application/json";
      body = "{\"user\":\"bob\",\n"
          + " \"profile\":\"" + jsonStr("{\"password\":\"" + s(5, m) + "\",\"a\":[1,2]}") + "\",\n"
          + " \"b64\":\"" + b64("{\"x\":{\"token\":\"" + s(6, m) + "\"}}") + "\",\n"
          + " \"arr\":[\"" + pct("{\"password\":\"" + s(7, m) + "\"}") + "\", 5],\n"
          + " \"deep\":\"" + jsonStr("{\"in\":\"" + b64("{\"email\":\"" + s(8, m) + "\"}") + "\"}")
          + "\",\n"
          + " \"xml\":\"" + jsonStr("<r a=\"1\"><token>" + s(13, m) + "</token></r>") + "\",\n"
          + " \"gz\":\"" + Base64.getEncoder().encodeToString(
              gzip("{\"password\":\"" + s(9, m) + "\"}")) + "\"}";
    } else {
      contentType = "application/x-www-form-urlencoded";
      body = "data=" + pct(b64("{\"password\":\"" + s(5, m) + "\",\"u\":\"bob\"}"))
          + "&blob=" + pct(Base64.getEncoder().encodeToString(
              gzip("{\"a\":{\"password\":\"" + s(6, m) + "\"}}")))
          + "&nested=" + pct("a=1&password=" + pct(s(7, m)))
          + "&j=" + pct("{\"in\":\"" + b64("{\"password\":\"" + s(8, m) + "\"}") + "\"}")
          + "&u=" + pct(b64url("{\"token\":\"" + s(9, m) + "\"}").replace("=", ""))
          + "&x=" + pct(b64("<r><p:Password>" + s(13, m) + "</p:Password></r>"))
          + "&note=evidence+kept";
    }
    Headers headers = Headers.of(
        "Host", "shop.example",
        "Content-Type", contentType,
        "Authorization", "Bearer " + jwt("{\"email\":\"" + s(10, m) + "\",\"iat\":1}"),
        "X-Data", b64url("{\"token\":\"" + s(11, m) + "\"}"),
        "Cookie", "a=1; prefs=" + b64("{\"password\":\"" + s(12, m) + "\"}") + "; z=2");
    HttpRequest req = HttpRequest.builder().method("POST").uri(uri).headers(headers)
        .body(body).build();
    List<Attack> attacks = List.of(
        Attack.of("sqli", Point.of(Step.of("uri")), "' OR 1=1--"));
    return new AttackReport("r-1", null, req, attacks, java.util.Map.of());
  }

  private static String all(AttackReport r) {
    StringBuilder sb = new StringBuilder(r.request().uri()).append('\n');
    r.request().headers().forEach(h -> sb.append(h.name()).append(": ").append(h.value())
        .append('\n'));
    sb.append(new String(r.request().body(), UTF_8)).append('\n');
    for (Attack a : r.attacks()) {
      sb.append(a.payload()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void noSecretSurvivesInAnyLayerOfAFormRequest() {
    check(false);
  }

  @Test
  void noSecretSurvivesInAnyLayerOfAJsonRequest() {
    check(true);
  }

  @Test
  void layersAreFoundUnderTheTurkishLocaleToo() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      check(false);
      check(true);
    } finally {
      Locale.setDefault(saved);
    }
  }

  private static void check(boolean json) {
    MaskedReport out = Rewriter.mask(report(false, json), POLICY, MaskingOptions.defaults());
    String text = all(out.report());
    assertThat(text).isEqualTo(all(report(true, json)));
    for (String secret : SECRETS) {
      assertThat(deepDecodings(text)).as(secret).noneMatch(t -> t.contains(secret));
    }
    assertThat(out.notes().toString()).doesNotContain("cAnN");
    MaskedReport again = Rewriter.mask(out.report(), POLICY, MaskingOptions.defaults());
    assertThat(all(again.report())).isEqualTo(text);
  }

  /**
   * The text and everything that can be decoded out of it: every token between delimiters,
   * base64/base64url-decoded, percent-decoded, JSON-unescaped and gunzipped, four rounds deep.
   */
  static List<String> deepDecodings(String text) {
    List<String> out = new ArrayList<>();
    Deque<String[]> todo = new ArrayDeque<>();
    todo.add(new String[] {text, "0"});
    while (!todo.isEmpty() && out.size() < 100_000) {
      String[] e = todo.poll();
      String t = e[0];
      int depth = Integer.parseInt(e[1]);
      out.add(t);
      if (depth >= 5) {
        continue;
      }
      List<Function<String, String>> decoders = List.of(
          v -> Percent.decode(v, true), v -> v.replace("\\\"", "\"").replace("\\\\", "\\"));
      for (Function<String, String> d : decoders) {
        String v = d.apply(t);
        if (!v.equals(t)) {
          todo.add(new String[] {v, String.valueOf(depth + 1)});
        }
      }
      for (String token : t.split("[\\s&=;,\"':{}\\[\\].?]+")) {
        if (token.length() < 4) {
          continue;
        }
        for (String padded : List.of(token, token + "=", token + "==")) {
          try {
            byte[] b = Base64.getDecoder().decode(padded.replace('-', '+').replace('_', '/'));
            todo.add(new String[] {new String(b, UTF_8), String.valueOf(depth + 1)});
            if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
              try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                todo.add(new String[] {new String(in.readAllBytes(), UTF_8),
                    String.valueOf(depth + 1)});
              }
            }
            break;
          } catch (IllegalArgumentException | java.io.IOException ex) {
            // not base64 (or not gzip) in this padding: try the next
          }
        }
      }
    }
    return out;
  }

  @Test
  void attackPayloadRepeatingALayeredValueDoesNotLeakItsSecret() {
    String secret = SECRETS.get(14);
    String value = b64("{\"password\":\"" + secret + "\",\"q\":\"' OR 1=1--\"}");
    HttpRequest req = HttpRequest.builder().method("GET").uri("/x?d=" + pct(value))
        .headers(Headers.of("Host", "a")).build();
    List<Attack> attacks = List.of(
        Attack.of("sqli", Point.of(Step.named("get", "d")), value),
        Attack.of("sqli", Point.of(Step.named("get", "d"), Step.of("base64"), Step.of("json_doc"),
            Step.named("hash", "password")), secret),
        Attack.of("sqli", Point.of(Step.named("get", "d"), Step.of("base64"), Step.of("json_doc"),
            Step.named("hash", "q")), "' OR 1=1--"));
    AttackReport in = new AttackReport("r", null, req, attacks, java.util.Map.of());
    MaskedReport out = Rewriter.mask(in, POLICY, MaskingOptions.defaults());
    String text = all(out.report());
    assertThat(deepDecodings(text)).noneMatch(t -> t.contains(secret));
    assertThat(out.report().attacks().get(2).payload()).isEqualTo("' OR 1=1--");
  }

  @Test
  void deepDecodingFindsSecretsPlantedInTheUnmaskedRequest() {
    String text = all(report(false, false)) + all(report(false, true));
    for (String secret : SECRETS.subList(0, 14)) {
      assertThat(deepDecodings(text)).as(secret).anyMatch(t -> t.contains(secret));
    }
  }
}
