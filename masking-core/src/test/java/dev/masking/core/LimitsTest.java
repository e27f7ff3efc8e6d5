package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.io.ReportJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every limit of {@link MaskingOptions} at and one past its value: at the limit the part is
 * scanned as usual (no fallback note); past it the affected part is masked whole with a fallback
 * note, never passed through, never an exception, and the planted secret is gone either way.
 */
final class LimitsTest {
  private static final String SECRET = "limSecret42";
  private static final MaskPolicy PASSWORD = f -> f.name() != null
      && Ascii.equalsIgnoreCase(f.name(), "password") ? new Decision(MaskAction.redact(), "t")
      : null;

  private static MaskedReport mask(HttpRequest req, MaskingOptions o) {
    return Rewriter.mask(AttackReport.of(req), PASSWORD, o);
  }

  private static HttpRequest.Builder post(String contentType, String body) {
    return HttpRequest.builder().method("POST").uri("/").header("Content-Type", contentType)
        .body(body);
  }

  private static List<Note> fallbacks(MaskedReport m) {
    return m.notes().stream().filter(n -> n.kind() == Note.Kind.FALLBACK).toList();
  }

  private static String all(MaskedReport m) {
    return new String(ReportJson.write(m, true), UTF_8);
  }

  private static void assertAtLimit(MaskedReport m, String evidence) {
    assertThat(fallbacks(m)).isEmpty();
    assertThat(all(m)).doesNotContain(SECRET).contains(evidence);
  }

  private static void assertPastLimit(MaskedReport m, String reasonPart) {
    assertThat(fallbacks(m)).isNotEmpty()
        .anySatisfy(n -> assertThat(n.reason()).contains(reasonPart));
    assertThat(all(m)).doesNotContain(SECRET);
  }

  @Test
  void maxBodyBytes() {
    String body = "q=EVID&password=" + SECRET;
    int n = body.getBytes(UTF_8).length;
    HttpRequest req = post("application/x-www-form-urlencoded", body).build();
    assertAtLimit(mask(req, MaskingOptions.builder().maxBodyBytes(n).build()), "q=EVID");
    MaskedReport past = mask(req, MaskingOptions.builder().maxBodyBytes(n - 1).build());
    assertPastLimit(past, "maxBodyBytes");
    assertThat(past.report().request().body()).asString(UTF_8).isEqualTo("***");
  }

  @Test
  void maxJsonDepthScansTheRestLenientlyPastIt() {
    String body = "{\"a\":{\"b\":{\"password\":\"" + SECRET + "\",\"q\":\"EVID\"}}}";
    HttpRequest req = post("application/json", body).build();
    assertAtLimit(mask(req, MaskingOptions.builder().maxJsonDepth(3).build()), "EVID");
    MaskedReport past = mask(req, MaskingOptions.builder().maxJsonDepth(2).build());
    assertPastLimit(past, "maxJsonDepth");
    assertThat(all(past)).contains("EVID"); // lenient, not whole: the javadoc says so
  }

  @Test
  void maxXmlDepth() {
    String body = "<a><b><password>" + SECRET + "</password><q>EVID</q></b></a>";
    HttpRequest req = post("application/xml", body).build();
    assertAtLimit(mask(req, MaskingOptions.builder().maxXmlDepth(3).build()), "EVID");
    assertPastLimit(mask(req, MaskingOptions.builder().maxXmlDepth(2).build()), "maxXmlDepth");
  }

  @Test
  void maxFieldsForFormQueryJsonCookiesAndPath() {
    String form = "a=1&b=2&password=" + SECRET;
    HttpRequest f = post("application/x-www-form-urlencoded", form).build();
    assertAtLimit(mask(f, MaskingOptions.builder().maxFields(3).build()), "a=1");
    assertPastLimit(mask(f, MaskingOptions.builder().maxFields(2).build()), "maxFields");

    HttpRequest q = HttpRequest.builder().method("GET").uri("/?a=1&b=2&password=" + SECRET)
        .build();
    assertAtLimit(mask(q, MaskingOptions.builder().maxFields(3).build()), "a=1");
    assertPastLimit(mask(q, MaskingOptions.builder().maxFields(2).build()), "maxFields");

    HttpRequest j = post("application/json", "{\"a\":1,\"b\":2,\"password\":\"" + SECRET + "\"}")
        .build();
    assertAtLimit(mask(j, MaskingOptions.builder().maxFields(3).build()), "\\\"a\\\":1");
    assertPastLimit(mask(j, MaskingOptions.builder().maxFields(2).build()), "maxFields");

    HttpRequest c = HttpRequest.builder().method("GET").uri("/")
        .header("Cookie", "a=1; b=2; password=" + SECRET).build();
    assertAtLimit(mask(c, MaskingOptions.builder().maxFields(3).build()), "a=1");
    assertPastLimit(mask(c, MaskingOptions.builder().maxFields(2).build()), "maxFields");

    HttpRequest p = HttpRequest.builder().method("GET").uri("/a/b/" + SECRET + "/x").build();
    MaskPolicy path2 = fl -> fl.depth() == 1 && "path".equals(fl.last().parser())
        && fl.last().index() == 2 ? new Decision(MaskAction.redact(), "p") : null;
    // Four segments: a, b, the secret and the last one (action_name), which counts too.
    MaskedReport atPath = Rewriter.mask(AttackReport.of(p), path2,
        MaskingOptions.builder().maxFields(4).build());
    assertAtLimit(atPath, "/a/b/");
    MaskedReport pastPath = Rewriter.mask(AttackReport.of(p), path2,
        MaskingOptions.builder().maxFields(3).build());
    assertPastLimit(pastPath, "maxFields");
  }

  @Test
  void maxHeaders() {
    HttpRequest req = HttpRequest.builder().method("GET").uri("/").header("A", "EVID")
        .header("B", "2").header("X-Other", SECRET).build();
    MaskPolicy none = fl -> null;
    MaskedReport at = Rewriter.mask(AttackReport.of(req), none,
        MaskingOptions.builder().maxHeaders(3).build());
    assertThat(fallbacks(at)).isEmpty();
    assertThat(at.report()).isSameAs(AttackReport.of(req).request() == req ? at.report()
        : at.report());
    assertThat(at.report().request().headers().first("X-Other")).isEqualTo(SECRET);
    MaskedReport past = Rewriter.mask(AttackReport.of(req), none,
        MaskingOptions.builder().maxHeaders(2).build());
    assertPastLimit(past, "maxHeaders");
    assertThat(past.report().request().headers().first("A")).isEqualTo("EVID");
  }

  @Test
  void maxMultipartPartsAndPartHeaderBytes() {
    String part = "--b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nEVID\r\n";
    String body = part + part + "--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n"
        + SECRET + "\r\n--b--\r\n";
    HttpRequest req = post("multipart/form-data; boundary=b", body).build();
    assertAtLimit(mask(req, MaskingOptions.builder().maxMultipartParts(3).build()), "EVID");
    assertPastLimit(mask(req, MaskingOptions.builder().maxMultipartParts(2).build()),
        "maxMultipartParts");
    int header = "Content-Disposition: form-data; name=\"password\"\r\n".length();
    assertAtLimit(mask(req, MaskingOptions.builder().maxPartHeaderBytes(header + 2).build()),
        "EVID");
    assertPastLimit(mask(req, MaskingOptions.builder().maxPartHeaderBytes(header - 8).build()),
        "maxPartHeaderBytes");
  }

  @Test
  void maxWorkBytesMasksWhatComesAfterTheBudgetIsSpent() {
    String body = "q=EVID&password=" + SECRET;
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x?a=1")
        .header("Content-Type", "application/x-www-form-urlencoded").body(body).build();
    long scanning = "/x?a=1".length() + ("Content-Type".length()
        + "application/x-www-form-urlencoded".length() + 4) + body.length();
    // The residual sweep draws on the budget too: find the smallest budget that needs no fallback.
    long limit = scanning;
    while (!fallbacks(mask(req, MaskingOptions.builder().maxWorkBytes(limit).build())).isEmpty()) {
      limit++;
    }
    assertThat(limit).isBetween(scanning, scanning + 200);
    assertAtLimit(mask(req, MaskingOptions.builder().maxWorkBytes(limit).build()), "q=EVID");
    assertPastLimit(mask(req, MaskingOptions.builder().maxWorkBytes(limit - 1).build()),
        "maxWorkBytes");
    MaskedReport bodyPast = mask(req, MaskingOptions.builder().maxWorkBytes(scanning - 1).build());
    assertPastLimit(bodyPast, "maxWorkBytes");
    assertThat(bodyPast.report().request().body()).asString(UTF_8).isEqualTo("***");
  }

  @Test
  void maxWorkBytesBoundsTheResidualSweepOverLargePayloads() {
    String uri = "/?password=secretValue7";
    String payload = "x".repeat(400_000) + " secretValue7 ";
    HttpRequest req = HttpRequest.builder().method("GET").uri(uri).build();
    AttackReport r = new AttackReport("r", null, req,
        List.of(Attack.of("t", Point.of(Step.named("header", "X")), payload)), java.util.Map.of());
    MaskedReport roomy = Rewriter.mask(r, PASSWORD, MaskingOptions.defaults());
    assertThat(roomy.report().attacks().get(0).payload()).endsWith(" *** ");
    MaskedReport spent = Rewriter.mask(r, PASSWORD,
        MaskingOptions.builder().maxWorkBytes(uri.length() + 100_000).build());
    assertThat(spent.report().attacks().get(0).payload()).isEqualTo("***");
    assertThat(spent.notes()).anySatisfy(n -> assertThat(n.reason()).contains("maxWorkBytes"));
  }

  @Test
  void maxWorkBytesCountsEveryDecodedLayer() {
    String inner = java.util.Base64.getEncoder().encodeToString(
        ("{\"password\":\"" + SECRET + "\",\"q\":\"EVID\"}").getBytes(UTF_8));
    String body = "data=" + inner;
    HttpRequest req = post("application/x-www-form-urlencoded", body).build();
    long outer = "Content-Type".length() + "application/x-www-form-urlencoded".length() + 4 + 1
        + body.length();
    MaskedReport roomy = mask(req, MaskingOptions.builder().maxWorkBytes(outer + 4096).build());
    assertThat(all(roomy)).doesNotContain(SECRET);
    assertThat(fallbacks(roomy)).isEmpty();
    MaskedReport spent = mask(req, MaskingOptions.builder().maxWorkBytes(outer + 8).build());
    assertPastLimit(spent, "maxWorkBytes");
    assertThat(all(spent)).doesNotContain(inner);
  }

  @Test
  void maxNotes() {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pairs.add("password=" + SECRET + i);
    }
    HttpRequest req = HttpRequest.builder().method("GET").uri("/?" + String.join("&", pairs))
        .build();
    MaskedReport at = mask(req, MaskingOptions.builder().maxNotes(4).build());
    assertThat(at.notes()).hasSize(4).noneMatch(n -> n.kind() == Note.Kind.INFO);
    MaskedReport past = mask(req, MaskingOptions.builder().maxNotes(3).build());
    assertThat(past.notes()).hasSize(4).last()
        .satisfies(n -> assertThat(n.reason()).contains("1 more notes"));
    assertThat(all(past)).doesNotContain(SECRET);
  }

  @Test
  void limitsAreValidatedAtBuildTime() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> MaskingOptions.builder().maxHeaders(0));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> MaskingOptions.builder().maxWorkBytes(0));
    assertThat(MaskingOptions.defaults().maxHeaders()).isEqualTo(1_000);
    assertThat(MaskingOptions.defaults().maxWorkBytes()).isEqualTo(64L << 20);
  }
}
