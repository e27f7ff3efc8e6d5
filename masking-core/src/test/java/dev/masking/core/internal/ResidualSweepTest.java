package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The residual sweep over the whole report and the value detectors outside request fields:
 * planted secrets echoed across parts in every encoding, the short-value limit, payloads that
 * repeat a body, carried-through members, idempotence and notes without values.
 */
final class ResidualSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A policy masking fields by name, plus value detectors. */
  private static MaskPolicy policy(MaskAction action, Set<String> names, Detector... detectors) {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : detectors) {
      MaskAction a = d == Detector.CARD ? new MaskAction.KeepLast(4) : MaskAction.redact();
      rules.add(new DetectorRule(d, new Decision(a, "d/" + d.id())));
    }
    List<DetectorRule> frozen = List.copyOf(rules);
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return f.name() != null && names.contains(f.name()) ? new Decision(action, "t/names")
            : null;
      }

      @Override
      public List<DetectorRule> detectors() {
        return frozen;
      }
    };
  }

  private static MaskPolicy names(String... names) {
    return policy(MaskAction.redact(), Set.of(names));
  }

  private static AttackReport report(String uri, List<String> headers, String body,
      List<Attack> attacks, Map<String, JsonNode> extra) {
    HttpRequest.Builder b = HttpRequest.builder().method("POST").uri(uri).protocol("HTTP/1.1");
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    if (body != null) {
      b.body(body);
    }
    return new AttackReport("r-1", null, b.build(), attacks, extra);
  }

  private static String all(MaskedReport m) {
    AttackReport r = m.report();
    StringBuilder sb = new StringBuilder(r.request().uri()).append('\n');
    for (Header h : r.request().headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    sb.append(new String(r.request().body(), UTF_8)).append('\n');
    for (Attack a : r.attacks()) {
      sb.append(a.payload()).append('\n').append(a.extra()).append('\n');
    }
    return sb.append(r.extra()).append(r.requestExtra()).toString();
  }

  private static String notes(MaskedReport m) {
    StringBuilder sb = new StringBuilder();
    for (Note n : m.notes()) {
      sb.append(n).append('\n');
    }
    return sb.toString();
  }

  private static String header(MaskedReport m, String name) {
    return m.report().request().headers().first(name);
  }

  @Test
  void queryTokenEchoedInRefererIsMasked() {
    String token = "Tok3nSecret99";
    AttackReport r = report("/cb?token=" + token + "&x=1",
        List.of("Host", "app.example", "Referer", "https://app.example/cb?token=" + token + "&y=2"),
        null, List.of(), Map.of());
    MaskedReport m = Rewriter.mask(r, names("token"), MaskingOptions.defaults());
    assertThat(m.report().request().uri()).isEqualTo("/cb?token=***&x=1");
    assertThat(header(m, "Referer")).isEqualTo("https://app.example/cb?token=***&y=2");
    assertThat(header(m, "Host")).isEqualTo("app.example");
    assertThat(notes(m)).contains(
        "RESIDUAL header REFERER by t/names (redact): repeated the value masked at get token (raw)")
        .doesNotContain(token);
  }

  @Test
  void everyEncodingOfAMaskedValueIsFound() {
    String secret = "p@ss w/rd&\u00e9<'\"x";
    List<String> echoes = new ArrayList<>(List.of(
        secret,
        pct(secret, true, false, false), pct(secret, false, false, false),
        pct(secret, true, true, false), pct(secret, false, true, false),
        pct(secret, true, false, true), pct(pct(secret, true, false, false), true, false, false),
        jsonEscape(secret, false), jsonEscape(secret, true), jsonEscape(secret, false)
            .replace("/", "\\/"),
        secret.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")
            .replace("\"", "&quot;"),
        secret.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&#39;")
            .replace("\"", "&quot;")));
    List<String> headers = new ArrayList<>(List.of("Content-Type",
        "application/x-www-form-urlencoded"));
    for (int i = 0; i < echoes.size(); i++) {
      headers.add("X-Echo-" + i);
      headers.add("[" + echoes.get(i) + "]");
    }
    List<String> base64 = new ArrayList<>();
    for (String prefix : List.of("", "a", "ab")) {
      byte[] plain = (prefix + secret + "zz").getBytes(UTF_8);
      base64.add(Base64.getEncoder().encodeToString(plain));
      base64.add(Base64.getUrlEncoder().withoutPadding().encodeToString(plain));
    }
    for (int i = 0; i < base64.size(); i++) {
      headers.add("X-Debug-" + i);
      headers.add(base64.get(i));
    }
    AttackReport r = report("/login", headers, "user=bob&password=" + pct(secret, true, true,
        false), List.of(), Map.of());
    MaskedReport m = Rewriter.mask(r, names("password"), MaskingOptions.defaults());
    String out = all(m);
    for (String e : echoes) {
      assertThat(out).as(e).doesNotContain(e);
    }
    for (int i = 0; i < echoes.size(); i++) {
      assertThat(header(m, "X-Echo-" + i)).as(echoes.get(i)).isEqualTo("[***]");
    }
    for (int a = 0; a < 3; a++) {
      for (String alphabet : List.of("std", "url")) {
        String core = core(secret, a, alphabet.equals("url"));
        for (int w = 0; w + 6 <= core.length(); w++) {
          assertThat(out).as("base64 window").doesNotContain(core.substring(w, w + 6));
        }
      }
    }
    assertThat(notes(m)).doesNotContain(secret).contains("(base64)", "(percent-encoded)",
        "(JSON-escaped)", "(XML-escaped)", "(raw)", "(percent-encoded twice)");
    assertThat(header(m, "Content-Type")).isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void asciiSecretsWhoseBase64HoldsPlusOrSlashAndMembersOfAMaskedObjectAreFoundInEveryForm() {
    // ASCII values: '~', '?' and '>' put '+' or '/' in some base64 alignments (the url forms
    // differ there); the masked object's members are hunted, its short ones are not.
    String secret = "k~?>x-Secr3t-77~~";
    String member = "inner-Canary-9041";
    List<String> echoes = List.of(secret, member, pct(secret, true, false, false),
        pct(secret, false, false, false), pct(member, true, false, false));
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < echoes.size(); i++) {
      headers.add("X-Echo-" + i);
      headers.add("[" + echoes.get(i) + "]");
    }
    for (String prefix : List.of("", "a", "ab")) {
      for (String v : List.of(secret, member)) {
        byte[] plain = (prefix + v + "zz").getBytes(UTF_8);
        headers.add("X-B64");
        headers.add(Base64.getEncoder().encodeToString(plain));
        headers.add("X-B64url");
        headers.add(Base64.getUrlEncoder().withoutPadding().encodeToString(plain));
      }
    }
    String body = "{\"password\":\"" + secret + "\",\"creds\":{\"id\":\"" + member
        + "\",\"n\":\"abc\",\"k\":7},\"other\":\"abc " + member + " 7\"}";
    AttackReport r = report("/login?q=" + pct(secret, true, true, false), headers, body,
        List.of(), Map.of());
    MaskedReport m = Rewriter.mask(r, names("password", "creds"), MaskingOptions.defaults());
    String out = all(m);
    for (String e : echoes) {
      assertThat(out).as(e).doesNotContain(e);
    }
    for (String v : List.of(secret, member)) {
      for (int a = 0; a < 3; a++) {
        for (boolean url : List.of(false, true)) {
          String core = core(v, a, url);
          for (int w = 0; w + 6 <= core.length(); w++) {
            assertThat(out).as("base64 window").doesNotContain(core.substring(w, w + 6));
          }
        }
      }
    }
    assertThat(new String(m.report().request().body(), UTF_8)).contains("\"other\":\"abc ");
    assertThat(notes(m)).doesNotContain(secret).doesNotContain(member);
    assertThat(header(m, "X-Echo-0")).isEqualTo("[***]");
  }

  /** The base64 characters determined by the secret's bytes alone, at alignment {@code a}. */
  private static String core(String secret, int a, boolean url) {
    byte[] s = secret.getBytes(UTF_8);
    byte[] p = new byte[a + s.length + 2];
    System.arraycopy(s, 0, p, a, s.length);
    String e = (url ? Base64.getUrlEncoder() : Base64.getEncoder()).encodeToString(p);
    return e.substring((8 * a + 5) / 6, 8 * (a + s.length) / 6);
  }

  private static String pct(String v, boolean upper, boolean plus, boolean keepReserved) {
    StringBuilder sb = new StringBuilder();
    for (byte b : v.getBytes(UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0
          || keepReserved && ";,/?:@&=+$!'()*#".indexOf(c) >= 0) {
        sb.append((char) c);
      } else if (c == ' ' && plus) {
        sb.append('+');
      } else {
        String hex = String.format(Locale.ROOT, "%%%02X", c);
        sb.append(upper ? hex : hex.toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  private static String jsonEscape(String v, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder();
    for (char c : v.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x80 && asciiOnly) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Test
  void shortMaskedValuesAreNotHuntedElsewhere() {
    AttackReport r = report("/x?password=ab&lab=ab&tab=cab", List.of("X-Note", "ab ab"), null,
        List.of(Attack.of("xss", Point.of(Step.named("get", "lab")), "ab")), Map.of());
    MaskedReport m = Rewriter.mask(r, names("password"), MaskingOptions.defaults());
    assertThat(m.report().request().uri()).isEqualTo("/x?password=***&lab=ab&tab=cab");
    assertThat(header(m, "X-Note")).isEqualTo("ab ab");
    assertThat(m.report().attacks().get(0).payload()).isEqualTo("ab");

    MaskingOptions two = MaskingOptions.builder().residualMinLength(2).build();
    MaskedReport m2 = Rewriter.mask(r, names("password"), two);
    assertThat(header(m2, "X-Note")).isEqualTo("*** ***");
  }

  @Test
  void echoesAreFoundNextToNonAsciiText() {
    AttackReport r = report("/x?password=h\u00e9llo-w0rld&token=Tok3nSecret99",
        List.of("X-A", "\u00e9\u2603 Tok3nSecret99 \u00e9", "X-B", "\u2603h\u00e9llo-w0rld\u2603"),
        null, List.of(), Map.of());
    MaskedReport m = Rewriter.mask(r, names("password", "token"), MaskingOptions.defaults());
    assertThat(header(m, "X-A")).isEqualTo("\u00e9\u2603 *** \u00e9");
    assertThat(header(m, "X-B")).isEqualTo("\u2603***\u2603");
  }

  @Test
  void fourCharacterValuesAreHuntedByDefault() {
    AttackReport r = report("/x?password=abcd", List.of("X-Note", "xabcdx"), null, List.of(),
        Map.of());
    MaskedReport m = Rewriter.mask(r, names("password"), MaskingOptions.defaults());
    assertThat(header(m, "X-Note")).isEqualTo("x***x");
  }

  @Test
  void passwordRepeatedInWholeBodyPayloadIsMasked() {
    String body = "user=bob&password=hunter2secret&next=%2F";
    AttackReport r = report("/login", List.of("Content-Type",
        "application/x-www-form-urlencoded"), body,
        List.of(Attack.of("sqli", Point.of(Step.of("post")), body),
            Attack.of("sqli", Point.of(Step.of("post"), Step.named("form_urlencoded", "password")),
                "hunter2secret' OR 1=1"),
            Attack.of("xss", null, "<b>hunter2secret</b>")), Map.of());
    MaskedReport m = Rewriter.mask(r, names("password"), MaskingOptions.defaults());
    List<Attack> a = m.report().attacks();
    assertThat(a.get(0).payload()).isEqualTo("user=bob&password=***&next=%2F");
    assertThat(a.get(1).payload()).isEqualTo("***");
    assertThat(a.get(2).payload()).isEqualTo("<b>***</b>");
    assertThat(notes(m)).contains("RESIDUAL by t/names (redact): attack payload repeated the "
        + "value masked at post > form_urlencoded password (raw)");
  }

  @Test
  void jsonBodyRepeatedInPayloadKeepsTheEvidence() {
    String body = "{\"user\":\"eve\",\"password\":\"Secr\\\"et-42\",\"q\":\"' OR 1=1\"}";
    AttackReport r = report("/api", List.of("Content-Type", "application/json"), body,
        List.of(Attack.of("sqli", Point.of(Step.of("post")), body)), Map.of());
    MaskedReport m = Rewriter.mask(r, names("password"), MaskingOptions.defaults());
    assertThat(new String(m.report().request().body(), UTF_8))
        .isEqualTo("{\"user\":\"eve\",\"password\":\"***\",\"q\":\"' OR 1=1\"}");
    assertThat(m.report().attacks().get(0).payload())
        .isEqualTo("{\"user\":\"eve\",\"password\":\"***\",\"q\":\"' OR 1=1\"}");
  }

  @Test
  void aPayloadThatIsTheWholeBodyIsMaskedAsTheBodyWas() {
    String body = "{\"user\":\"eve\",\"password\":\"hunter2secret\",\"note\":\"card "
        + "4111111111111111\",\"q\":\"' OR 1=1 -- this is the attack\"}";
    AttackReport r = report("/api", List.of("Content-Type", "application/json"), body,
        List.of(Attack.of("sqli", Point.of(Step.of("post")), body),
            Attack.of("sqli", Point.of(Step.of("post")), body.substring(0, 60))), Map.of());
    MaskedReport m = Rewriter.mask(r, policy(MaskAction.redact(), Set.of("password"),
        Detector.CARD), MaskingOptions.defaults());
    String masked = new String(m.report().request().body(), UTF_8);
    assertThat(masked).isEqualTo("{\"user\":\"eve\",\"password\":\"***\",\"note\":\"card "
        + "************1111\",\"q\":\"' OR 1=1 -- this is the attack\"}");
    assertThat(m.report().attacks().get(0).payload()).isEqualTo(masked);
    // A truncated sample is not the body: it is detected and swept on its own, and the head of
    // the card it was cut in is masked as a piece of that masked value (PayloadPieces).
    assertThat(m.report().attacks().get(1).payload())
        .isEqualTo("{\"user\":\"eve\",\"password\":\"***\",\"note\":\"card ******");
    assertThat(notes(m)).contains("PAYLOAD post: attack payload is the whole body; masked as the "
        + "body was").doesNotContain("hunter2secret", "4111111111111111");
  }

  @Test
  void echoesInTheBodyAndCarriedMembersAreMasked() throws Exception {
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    extra.put("debug", JSON.readTree("{\"echo\":[\"was Tok3nSecret99\", 5]}"));
    extra.put("note", JSON.readTree("\"Tok3nSecret99\""));
    AttackReport r = report("/cb?token=Tok3nSecret99", List.of("Content-Type", "text/plain"),
        "log: Tok3nSecret99\n", List.of(), extra);
    MaskedReport m = Rewriter.mask(r, names("token"), MaskingOptions.defaults());
    assertThat(new String(m.report().request().body(), UTF_8)).isEqualTo("log: ***\n");
    assertThat(m.report().extra().get("debug").toString()).isEqualTo("{\"echo\":[\"was ***\",5]}");
    assertThat(m.report().extra().get("note").textValue()).isEqualTo("***");
    assertThat(notes(m)).contains("RESIDUAL post by t/names (redact)",
        "RESIDUAL by t/names (redact): carried-through member repeated the value masked at get "
            + "token (raw)");
  }

  @Test
  void detectorsLookInsidePlainBodiesPayloadsAndCarriedMembers() throws Exception {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    Map<String, JsonNode> extra = Map.of("meta", JSON.readTree("{\"aws\":\"AKIAIOSFODNN7EXAMPLE\"}"));
    AttackReport r = report("/upload", List.of("Content-Type", "text/plain"),
        "card 4111 1111 1111 1111 and " + jwt,
        List.of(Attack.of("rce", Point.of(Step.named("header", "X-Cmd")),
            "curl -u x:y https://u:Pa55word@h.example/")), extra);
    MaskPolicy p = policy(MaskAction.redact(), Set.of(), Detector.CARD, Detector.JWT,
        Detector.URL_PASSWORD, Detector.AWS_ACCESS_KEY);
    MaskedReport m = Rewriter.mask(r, p, MaskingOptions.defaults());
    assertThat(new String(m.report().request().body(), UTF_8))
        .isEqualTo("card ***************1111 and eyJhbGciOiJIUzI1NiJ9.***");
    assertThat(m.report().attacks().get(0).payload())
        .isEqualTo("curl -u x:y https://u:***@h.example/");
    assertThat(m.report().extra().get("meta").toString()).isEqualTo("{\"aws\":\"***\"}");
    String n = notes(m);
    assertThat(n).contains(
        "MASKED post by d/card (keep_last(4)): found by value detector 'card'",
        "MASKED post by d/jwt (redact): found by value detector 'jwt'",
        "MASKED header X-CMD by d/url_password (redact): attack payload: found by value "
            + "detector 'url_password'",
        "MASKED by d/aws_access_key (redact): carried-through member: found by value detector "
            + "'aws_access_key'");
    assertThat(n).doesNotContain("4111", "Pa55word", "AKIAIOSFODNN7EXAMPLE", "c2lnbmF0");
  }

  @Test
  void aDetectedSecretIsHuntedElsewhere() {
    AttackReport r = report("/pay?note=card+4111111111111111",
        List.of("X-Debug", Base64.getEncoder().encodeToString("4111111111111111".getBytes(UTF_8)),
            "Referer", "https://shop.example/pay?note=card%204111111111111111"),
        null, List.of(), Map.of());
    MaskPolicy p = policy(MaskAction.redact(), Set.of(), Detector.CARD);
    MaskedReport m = Rewriter.mask(r, p, MaskingOptions.defaults());
    // The query is not field-scanned with detectors until the scanners call run.inspect; the
    // Referer is a header value. Either way the number must be gone from every part.
    assertThat(all(m)).doesNotContain("4111111111111111", "NDExMTExMTExMTExMTExMQ");
  }

  @Test
  void overlappingEchoesAreMaskedAsOne() {
    AttackReport r = report("/x?password=secretAB&token=ABcdef1234",
        List.of("X-Echo", "<secretABcdef1234>"), null, List.of(), Map.of());
    MaskedReport m = Rewriter.mask(r, names("password", "token"), MaskingOptions.defaults());
    assertThat(header(m, "X-Echo")).isEqualTo("<***>");
  }

  @Test
  void echoesTakeTheActionOfTheRuleThatMaskedTheValue() {
    AttackReport r = report("/x?pan=5500000000000004", List.of("X-Echo", "[5500000000000004]"),
        null, List.of(), Map.of());
    MaskedReport m = Rewriter.mask(r, policy(new MaskAction.KeepLast(4), Set.of("pan")),
        MaskingOptions.defaults());
    assertThat(m.report().request().uri()).isEqualTo("/x?pan=************0004");
    assertThat(header(m, "X-Echo")).isEqualTo("[************0004]");
  }

  @Test
  void maskingTwiceChangesNothing() throws Exception {
    String body = "{\"password\":\"hunter2secret\",\"note\":\"4111111111111111\"}";
    Map<String, JsonNode> extra = Map.of("m", JSON.readTree("[\"hunter2secret\"]"));
    AttackReport r = report("/x?token=Tok3nSecret99",
        List.of("Content-Type", "application/json", "Referer", "/y?token=Tok3nSecret99"), body,
        List.of(Attack.of("sqli", Point.of(Step.of("post")), body),
            Attack.of("xss", null, "dsn=mysql://u:hunter3@db/x")), extra);
    MaskPolicy p = policy(MaskAction.redact(), Set.of("password", "token"), Detector.values());
    MaskedReport once = Rewriter.mask(r, p, MaskingOptions.defaults());
    MaskedReport twice = Rewriter.mask(once.report(), p, MaskingOptions.defaults());
    assertThat(twice.report()).isEqualTo(once.report());
    assertThat(all(once)).doesNotContain("hunter2secret", "Tok3nSecret99", "hunter3");
  }

  @Test
  void aReportWithNothingFoundIsReturnedAsIs() {
    AttackReport r = report("/x?q=1", List.of("Host", "h.example"), "plain text, no secrets",
        List.of(Attack.of("xss", null, "<script>")), Map.of());
    MaskPolicy p = policy(MaskAction.redact(), Set.of("password"), Detector.values());
    MaskedReport m = Rewriter.mask(r, p, MaskingOptions.defaults());
    assertThat(m.report()).isSameAs(r);
    assertThat(m.notes()).isEmpty();
  }

  @Test
  void inspectorMasksSpansAtTheCurrentPoint() {
    MaskRun run = new MaskRun(policy(MaskAction.redact(), Set.of(), Detector.CARD, Detector.EMAIL),
        MaskingOptions.defaults());
    assertThat(run.inspectsValues()).isTrue();
    run.push(Step.of("post"));
    run.push(Step.of("json_doc"));
    run.push(Step.named("hash", "note"));
    assertThat(run.inspect("pay 4111-1111-1111-1111 to bob@mail.example.com now"))
        .isEqualTo("pay ***************1111 to *** now");
    assertThat(run.inspect("nothing here 1234")).isNull();
    assertThat(run.inspect("***************1111")).isNull(); // a mask is not found again
    assertThat(run.depth()).isEqualTo(3);
    assertThat(run.notes()).extracting(Note::toString).containsExactly(
        "MASKED post > json_doc > hash note by d/card (keep_last(4)): found by value detector "
            + "'card'",
        "MASKED post > json_doc > hash note by d/email (redact): found by value detector 'email'");
    assertThat(run.maskedPoints()).isEmpty(); // only spans were masked, not the point
    assertThat(run.maskedValues()).containsExactly("4111-1111-1111-1111", "bob@mail.example.com");
  }

  @Test
  void aPolicyWithoutDetectorsRunsNoDetector() {
    MaskRun run = new MaskRun(names("password"), MaskingOptions.defaults());
    assertThat(run.detectorInspector()).isNull();
    MaskRun flat = new MaskRun(names("password"),
        MaskingOptions.builder().maxDecodeLayers(0).build());
    assertThat(flat.inspectsValues()).isFalse();
  }

  @Test
  void echoesInAJsonBodyKeepItValidAndLiteralsAreNotHunted() throws Exception {
    String body = "{\"password\":true,\"flag\":true,\"pin\":12345,\"amount\":9912345,"
        + "\"note\":\"code 12345 sent\",\"list\":[12345,null,false],\"ok\":null}";
    AttackReport r = report("/p", List.of("Content-Type", "application/json"), body, List.of(),
        Map.of());

    MaskedReport m = Rewriter.mask(r, names("password", "pin"), MaskingOptions.defaults());

    String out = new String(m.report().request().body(), UTF_8);
    assertThat(out).isEqualTo("{\"password\":\"***\",\"flag\":true,\"pin\":\"***\","
        + "\"amount\":\"***\",\"note\":\"code *** sent\",\"list\":[\"***\",null,false],"
        + "\"ok\":null}");
    JSON.readTree(out); // still valid JSON
    MaskedReport again = Rewriter.mask(m.report(), names("password", "pin"),
        MaskingOptions.defaults());
    assertThat(new String(again.report().request().body(), UTF_8)).isEqualTo(out);
  }

  @Test
  void aPayloadRepeatingAnEncodedValueIsMaskedInsideAsTheValueWas() {
    // The payload repeats a base64 JSON value whose member was masked: it goes through the
    // inspectors at its point and comes out re-encoded with the member masked, not with the
    // member's base64 echo cut out of it (which would no longer decode).
    String secret = "s3cr3t-Pa55word-77";
    String value = Base64.getEncoder().encodeToString(
        ("{\"password\":\"" + secret + "\",\"q\":\"' OR 1=1--\"}").getBytes(UTF_8));
    HttpRequest req = HttpRequest.builder().method("GET")
        .uri("/x?d=" + value.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"))
        .header("Host", "a").build();
    for (int attacks = 1; attacks <= 2; attacks++) {
      List<Attack> list = new ArrayList<>();
      for (int k = 0; k < attacks; k++) {
        list.add(Attack.of("sqli", Point.of(Step.named("get", "d")), value));
      }
      AttackReport in = new AttackReport("r", null, req, list, Map.of());
      MaskedReport out = Rewriter.mask(in, policy(MaskAction.redact(), Set.of("password")),
          MaskingOptions.defaults());
      for (Attack a : out.report().attacks()) {
        String json = new String(Base64.getDecoder().decode(a.payload()), UTF_8);
        assertThat(json).isEqualTo("{\"password\":\"***\",\"q\":\"' OR 1=1--\"}");
      }
    }
  }
}
