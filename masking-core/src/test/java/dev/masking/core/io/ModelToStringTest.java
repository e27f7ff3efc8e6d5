package dev.masking.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model's toString, fed by the readers in this package, never shows request values. */
final class ModelToStringTest {

  private static final String CANARY = "hunter2canary";

  private static final String REPORT = "{\"id\":\"r1\",\"request\":{\"method\":\"POST\","
      + "\"uri\":\"/login?password=" + CANARY + "u\",\"protocol\":\"HTTP/1.1\","
      + "\"headers\":[[\"Authorization\",\"Bearer " + CANARY + "h\"],[\"Cookie\",\"s=" + CANARY
      + "c\"]],\"body\":\"password=" + CANARY + "b\",\"note\":\"" + CANARY + "rx\"},"
      + "\"attacks\":[{\"type\":\"sqli\",\"point\":[\"get\",\"password\"],\"payload\":\"" + CANARY
      + "p\",\"x\":\"" + CANARY + "ax\"}],\"extra\":\"" + CANARY + "x\"}";

  @Test
  void toStringOfReadModelNeverShowsValues() {
    AttackReport r = ReportJson.read(REPORT);
    Attack a = r.attacks().get(0);
    Header h = r.request().headers().get(0);
    MaskedReport m = new MaskedReport(r, List.of(new Note(Note.Kind.INFO, null, null, null, "")));

    assertThat(List.of(r.toString(), r.request().toString(), r.request().headers().toString(),
        a.toString(), h.toString(), m.toString()))
        .allSatisfy(s -> assertThat(s).doesNotContain(CANARY));
    assertThat(r.toString()).contains("r1"); // shape is shown
    assertThat(h.toString()).contains("Authorization");
  }

  @Test
  void toStringOfRawHttpAndLinesResultsNeverShowsValues() {
    byte[] raw = ("POST /login?password=" + CANARY + " HTTP/1.1\r\nAuthorization: Basic "
        + CANARY + "\r\nNoColon" + CANARY + "\r\n\r\npassword=" + CANARY)
        .getBytes(StandardCharsets.ISO_8859_1);
    RawHttp.Parsed p = RawHttp.parseWithStyle(raw);
    ReportLines lines = ReportLines.read(new ByteArrayInputStream(
        (REPORT + "\n{\"request\":" + CANARY + "}\n").getBytes(StandardCharsets.UTF_8)));

    assertThat(p.toString()).doesNotContain(CANARY).contains("CRLF");
    assertThat(p.request().headers().toString()).doesNotContain(CANARY);
    assertThat(lines.next().toString()).doesNotContain(CANARY);
    assertThat(lines.next().toString()).doesNotContain(CANARY).contains("Bad");
    assertThat(lines.hasNext()).isFalse();
  }
}
