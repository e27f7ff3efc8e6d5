package dev.masking.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Done-when of issue 4: a Wallarm export with conditioned {@code sensitive_data} rules, and rules
 * of other types mixed in, masks exactly what its conditions select on held-out reports, through
 * the command-line tool. Every value planted as {@code cnry-<report>-<what>} is selected by exactly
 * one rule's conditions and must come out as {@code ***}; every {@code keep-...} value sits where
 * a rule would select it but its conditions fail, and must come out unchanged, as must every other
 * byte.
 */
final class WallarmExportCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(WallarmExportCliTest.class.getResource("/wallarm/" + name).toURI());
  }

  @Test
  void exportMasksExactlyWhatItsConditionsSelectOnHeldOutReports() throws Exception {
    Path export = resource("export.json");
    Path reports = resource("held-out-reports.jsonl");
    JsonNode expected = JSON.readTree(Files.readString(resource("held-out-expected.json")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = MaskCli.run(new String[] {"--rules", export.toString(), "--explain",
        reports.toString()}, new ByteArrayInputStream(new byte[0]), out,
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();

    // Other rule types are skipped with one note each, on stderr.
    assertThat(stderr.lines().toList()).containsExactly(
        "masking: " + export + ": skipped Wallarm rule wallarm-3006 of type 'vpatch':"
            + " only sensitive_data rules mask",
        "masking: " + export + ": skipped Wallarm rule wallarm-3007 of type 'wallarm_mode':"
            + " only sensitive_data rules mask",
        "masking: " + export + ": skipped Wallarm rule wallarm-3009 of type"
            + " 'disable_attack_type': only sensitive_data rules mask");

    List<String> inputs = Files.readAllLines(reports);
    List<String> outputs = stdout.lines().toList();
    assertThat(outputs).hasSize(inputs.size()).hasSize(12);
    assertThat(stdout).doesNotContain("cnry-");
    int masked = 0;
    for (int i = 0; i < inputs.size(); i++) {
      String in = inputs.get(i);
      ObjectNode got = (ObjectNode) JSON.readTree(outputs.get(i));
      JsonNode notes = got.remove("masking").get("notes");
      String id = got.get("id").asText();
      // Exactly the planted values replaced, everything else as it came in.
      ObjectNode want = (ObjectNode) JSON.readTree(in.replaceAll("cnry-r[0-9]+-[a-z]+", "***"));

      assertThat(got).as(id).isEqualTo(want);
      for (String keep : in.split("\"")) {
        if (keep.contains("keep-")) {
          assertThat(outputs.get(i)).as(id).contains(keep.replaceAll(".*(keep-r[0-9]+-[a-z]+).*",
              "$1"));
        }
      }
      // The notes name the rule that masked and, for it, each condition that matched.
      Set<String> maskedBy = new TreeSet<>();
      List<String> lines = new ArrayList<>();
      for (JsonNode n : notes) {
        lines.add(n.asText());
        if (n.asText().startsWith("MASKED")) {
          maskedBy.add(n.asText().replaceAll(".* by (wallarm-[0-9]+) .*", "$1"));
        }
      }
      Set<String> wantRules = new TreeSet<>();
      expected.get(id).get("rules").forEach(r -> wantRules.add(r.asText()));
      assertThat(maskedBy).as(id).isEqualTo(wantRules);
      for (String rule : wantRules) {
        if (!"wallarm-3004".equals(rule)) { // 3004 has no conditions
          assertThat(lines).as(id).anySatisfy(l -> assertThat(l)
              .startsWith("INFO: rule " + rule + ": ").contains(" matched"));
        }
      }
      masked += wantRules.size();
    }
    assertThat(masked).isEqualTo(6);
  }

  @Test
  void explainSaysWhichConditionFailedForARuleMetButNotApplied() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String report = "{\"id\":\"g\",\"request\":{\"method\":\"POST\",\"uri\":\"/account/login.php\","
        + "\"headers\":[[\"Host\",\"shop.example\"]],\"body\":\"pass=keep\"},\"attacks\":[]}";
    int status = MaskCli.run(new String[] {"--rules", resource("export.json").toString(),
        "--explain"}, new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)), out,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("INFO: rule wallarm-3001: not applied: action_ext absent did not match")
        .contains("pass=keep");
  }
}
