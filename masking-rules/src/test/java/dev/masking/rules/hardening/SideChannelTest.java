package dev.masking.rules.hardening;

import dev.masking.core.internal.Leaks;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import dev.masking.core.io.RawHttp;
import dev.masking.core.io.ReportJson;
import dev.masking.core.io.ReportLines;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import dev.masking.rules.cli.MaskCliAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Planted secrets never reach a side channel: exception messages (and their causes), SLF4J log
 * lines (captured by a test-only binding), notes, {@code toString()} of the model types, or the
 * command-line tool's stderr. Parser exception text (Jackson quotes the token it failed on) never
 * reaches a report, a message or a log line.
 */
final class SideChannelTest {
  private static final String TOKEN = "hunter2secretTok";

  @Test
  void logCaptureWorksAndNoLogLineEverHoldsAPlantedSecret() {
    LoggerFactory.getLogger("probe").warn("probe {}", 42);
    assertThat(CapturingSlf4jProvider.LINES).anyMatch(l -> l.contains("probe 42"));

    List<String> secrets = new ArrayList<>();
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    Masker masker = Masker.of(RuleSet.preset("default"));
    for (HostileInputs.Row row : HostileInputs.rows()) {
      if (row.item().matches(".*(000|MB).*")) {
        continue; // the large rows are covered by HostileReportsCliTest
      }
      AttackReport r = row.report().get();
      masker.mask(r);
      jsonl.writeBytes(ReportJson.write(r));
      jsonl.write('\n');
      secrets.addAll(row.secrets());
    }
    jsonl.writeBytes(("{\"request\": " + TOKEN + "}\n").getBytes(UTF_8));
    MaskCliAccess.Result cli = MaskCliAccess.run(jsonl.toByteArray(), "--format", "jsonl",
        "--explain");
    assertThat(cli.status()).isZero();
    secrets.add(TOKEN);
    byte[] logs = String.join("\n", CapturingSlf4jProvider.LINES).getBytes(UTF_8);
    byte[] err = cli.stderr().getBytes(UTF_8);
    for (String s : secrets) {
      assertThat(Leaks.found(logs, s)).as("log lines hold %s", s).isNull();
      assertThat(Leaks.found(err, s)).as("stderr holds %s", s).isNull();
    }
    assertThat(cli.stdout()).doesNotContain(TOKEN).doesNotContain("Unrecognized token");
  }

  @Test
  void jacksonFailuresOnASecretBearingTokenNeverReachAMessage() {
    List<String> inputs = List.of("{\"request\": " + TOKEN + "}", "{\"id\":\"" + TOKEN,
        "{\"request\":{\"uri\":\"/\",\"headers\":[[\"A\"," + TOKEN + "]]}}",
        "{\"" + TOKEN + "\" 1}", "[" + TOKEN + "]", "{\"request\":{\"body\":\"x\",\"body_base64\":\""
            + TOKEN + "!\"}}");
    for (String in : inputs) {
      Throwable t = catchThrowable(() -> ReportJson.read(in));
      assertThat(t).as(in).isNotNull();
      assertThat(chain(t)).as(in).doesNotContain(TOKEN).doesNotContain("Unrecognized token");
      ReportLines lines = ReportLines.read(new ByteArrayInputStream((in + "\n").getBytes(UTF_8)));
      ReportLines.Line line = lines.next();
      assertThat(line).isInstanceOf(ReportLines.Bad.class);
      assertThat(line.toString() + ((ReportLines.Bad) line).reason()).doesNotContain(TOKEN);
    }
    Throwable raw = catchThrowable(() -> RawHttp.parse(("GET /?password=" + TOKEN
        + " HTTP/1.1\r\nBad Header " + TOKEN + "\r\n\r\n").getBytes(UTF_8)));
    if (raw != null) {
      assertThat(chain(raw)).doesNotContain(TOKEN);
    }
  }

  @Test
  void ruleFileParseErrorsDoNotCopyJacksonText(@TempDir Path tmp) throws Exception {
    for (String bad : List.of("{\"rules\":[" + TOKEN + "]}", "{\"rules\":[{\"id\":\"x\",\"names\":[\""
        + TOKEN + "\"],\"action\":" + TOKEN + "}]}", "{\"rules\":[{\"id\":\"" + TOKEN)) {
      Throwable t = catchThrowable(() -> RuleSet.parse(bad, "rules.json"));
      assertThat(t).as(bad).isNotNull();
      assertThat(chain(t)).as(bad).doesNotContain("Unrecognized token")
          .doesNotContain("Unexpected character").doesNotContain("JsonParseException");
      Path f = tmp.resolve("r.json");
      Files.writeString(f, bad);
      MaskCliAccess.Result cli = MaskCliAccess.run(new byte[0], "--rules", f.toString());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.stdout()).isEmpty();
      assertThat(cli.stderr()).doesNotContain("Unrecognized token").doesNotContain("JsonParse");
    }
  }

  @Test
  void aPolicyThatThrowsWithTheValueInItsMessageLeavesNoTrace() {
    String secret = "polEx7secret";
    MaskPolicy throwing = f -> {
      if ("password".equals(f.name())) {
        throw new IllegalStateException("cannot decide on " + secret);
      }
      return null;
    };
    AttackReport r = AttackReport.of(HttpRequest.builder().method("GET")
        .uri("/?password=" + secret).build());
    MaskedReport out = Rewriter.mask(r, throwing, MaskingOptions.defaults());
    assertThat(ReportJson.write(out, true)).asString(UTF_8).doesNotContain(secret);
    assertThat(out.notes().toString() + out).doesNotContain(secret).doesNotContain("cannot decide");
  }

  @Test
  void toStringOfEveryModelTypeHidesValues() {
    String s = "tsSecret9";
    Attack attack = Attack.of("sqli", Point.of(Step.named("get", "password")), "x " + s);
    HttpRequest req = HttpRequest.builder().method("POST").uri("/" + s + "?password=" + s)
        .header("Authorization", "Bearer " + s).header("Cookie", "session=" + s).body("{\"p\":\""
            + s + "\"}").build();
    AttackReport report = new AttackReport("r1", "i1", req, List.of(attack), Map.of());
    MaskedReport masked = Masker.of(RuleSet.preset("default")).mask(report);
    MaskingOptions options = MaskingOptions.builder().hmacKey("k1", (s + s).getBytes(UTF_8))
        .build();
    List<Object> all = List.of(attack, req, req.headers(), new Header("Authorization", s), report,
        masked, masked.report(), options, Masker.of(RuleSet.preset("default"), options),
        new Decision(MaskAction.redact(), "r"));
    for (Object o : all) {
      assertThat(o.toString()).as(o.getClass().getSimpleName()).doesNotContain(s);
    }
    assertThat(masked.notes().toString()).doesNotContain(s);
  }

  private static String chain(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append(" | ");
      for (Throwable sup : c.getSuppressed()) {
        sb.append(sup).append(" | ");
      }
    }
    return sb.toString();
  }
}
