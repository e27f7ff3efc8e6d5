package dev.masking.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import dev.masking.core.detect.DetectorRule;
import dev.masking.core.io.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policy's name pre-filter ({@link MaskPolicy#maySelectName}) never hides a name the policy
 * selects: over every string of the presets and rule fixtures in many spellings, {@code decide}
 * selecting a field implies the filter says yes; and masking the golden fixtures and JSON bodies
 * from JSONTestSuite gives the same output with the filter as through a policy without it.
 */
final class NameFilterTest {

  private static final List<String> PARSERS = List.of("hash", "get", "header", "cookie",
      "form_urlencoded", "multipart", "content_disp", "xml_tag", "xml_attr", "path", "json_doc");

  /** A policy that forwards everything except the pre-filter (so the default, true, applies). */
  private static MaskPolicy unfiltered(MaskPolicy p) {
    return new MaskPolicy() {
      @Override
      public Decision decide(Field field) {
        return p.decide(field);
      }

      @Override
      public boolean selectsAnything() {
        return p.selectsAnything();
      }

      @Override
      public List<DetectorRule> detectors() {
        return p.detectors();
      }

      @Override
      public MaskPolicy bind(AttackReport report) {
        MaskPolicy bound = p.bind(report);
        return bound == p ? this : unfiltered(bound);
      }

      @Override
      public List<String> explain() {
        return p.explain();
      }
    };
  }

  private static List<RuleSet> ruleSets() throws IOException {
    List<RuleSet> out = new ArrayList<>();
    for (String n : RuleSet.presetNames()) {
      out.add(RuleSet.preset(n));
    }
    try (Stream<Path> s = Files.list(GoldenFixturesTest.dir())) {
      for (Path p : s.filter(x -> x.toString().endsWith(".rules.json")).sorted().toList()) {
        out.add(RuleSet.load(p));
      }
    }
    return out;
  }

  /** Every JSON string in the presets and rule fixtures, the names they select among them. */
  private static Set<String> ruleStrings() throws IOException {
    Set<String> out = new LinkedHashSet<>();
    List<String> texts = new ArrayList<>();
    for (String n : RuleSet.presetNames()) {
      try (InputStream in = RuleSet.class.getResourceAsStream("presets/" + n + ".json")) {
        if (in != null) {
          texts.add(new String(in.readAllBytes(), UTF_8));
        }
      }
    }
    try (Stream<Path> s = Files.list(GoldenFixturesTest.dir())) {
      for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
        texts.add(Files.readString(p, UTF_8));
      }
    }
    for (String t : texts) {
      int i = 0;
      while ((i = t.indexOf('"', i)) >= 0) {
        int e = i + 1;
        while (e < t.length() && t.charAt(e) != '"') {
          e += t.charAt(e) == '\\' ? 2 : 1;
        }
        if (e >= t.length()) {
          break;
        }
        out.add(t.substring(i + 1, e));
        i = e + 1;
      }
    }
    assertThat(out).contains("password");
    return out;
  }

  private static List<String> spellings(String s) {
    List<String> out = new ArrayList<>();
    out.add(s);
    out.add(s.toUpperCase(Locale.ROOT));
    out.add(s.replace('_', '-'));
    out.add(s.replace("_", ""));
    out.add(s.replace('_', '.'));
    out.add(s.replace('_', ' '));
    out.add("_" + s + "_");
    out.add(" " + s);
    out.add(s + "\t");
    out.add(s + "\u0000");
    out.add("ns:" + s);
    out.add(s + "é");
    out.add(s + "x");
    if (!s.isEmpty()) {
      out.add("%" + String.format(Locale.ROOT, "%02X", (int) s.charAt(0)) + s.substring(1));
      out.add(Character.toUpperCase(s.charAt(0)) + s.substring(1));
      for (int at = 1; at < Math.min(s.length(), 6); at++) { // past the filter's prefix too
        out.add(s.substring(0, at) + "%" + String.format(Locale.ROOT, "%02x", (int) s.charAt(at))
            + s.substring(at + 1));
        out.add(s.substring(0, at) + "\u0000" + s.substring(at));
      }
    }
    return out;
  }

  @Test
  void theFilterSaysYesForEveryNameTheRulesSelect() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (String s : ruleStrings()) {
      names.addAll(spellings(s));
    }
    int selected = 0;
    int filteredOut = 0;
    for (RuleSet rules : ruleSets()) {
      MaskPolicy p = rules.policy();
      for (String name : names) {
        byte[] b = name.getBytes(UTF_8);
        for (String parser : PARSERS) {
          List<List<Step>> points = List.of(
              List.of(Step.named(parser, name)),
              List.of(Step.of("post"), Step.of("json_doc"), Step.named(parser, name)),
              List.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "user"),
                  Step.named(parser, name)),
              List.of(Step.of("post"), Step.of("xml"), Step.named(parser, name)),
              List.of(Step.of("post"), Step.of("form_urlencoded"), Step.named(parser, name)));
          boolean may = p.maySelectName(parser, b, 0, b.length);
          if (!may) {
            filteredOut++;
          }
          for (List<Step> steps : points) {
            if (p.decide(new TestField(steps, name)) != null) {
              selected++;
              assertThat(may).as("parser %s name %s", parser, name).isTrue();
            }
          }
        }
      }
    }
    assertThat(selected).isGreaterThan(100);
    assertThat(filteredOut).isGreaterThan(100);
  }

  @Test
  void maskingGivesTheSameOutputWithAndWithoutTheFilter() throws IOException {
    List<AttackReport> reports = new ArrayList<>();
    try (Stream<Path> s = Files.list(GoldenFixturesTest.dir())) {
      for (Path p : s.filter(x -> x.toString().endsWith(".input.json")).sorted().toList()) {
        reports.add(ReportJson.read(Files.readAllBytes(p)));
      }
    }
    Path suite = corpora() == null ? null
        : corpora().resolve("jsontestsuite").resolve("test_parsing");
    if (suite != null && Files.isDirectory(suite)) {
      try (Stream<Path> s = Files.list(suite)) {
        for (Path p : s.sorted().toList()) {
          reports.add(json(Files.readAllBytes(p)));
        }
      }
    }
    Set<String> names = ruleStrings();
    StringBuilder b = new StringBuilder("{");
    int k = 0;
    for (String n : names) {
      for (String sp : spellings(n)) {
        String esc = sp.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")
            .replace("\u0000", "\\u0000");
        b.append(k++ == 0 ? "" : ",").append('"').append(esc).append("\":{\"")
            .append(esc).append("\":\"v").append(k).append("\",\"x\":[").append(k).append("]}");
      }
    }
    reports.add(json(b.append('}').toString().getBytes(UTF_8)));
    int changed = 0;
    for (RuleSet rules : ruleSets()) {
      MaskPolicy p = rules.policy();
      for (AttackReport r : reports) {
        String on = new String(ReportJson.write(
            Rewriter.mask(r, p, MaskingOptions.defaults()), true), UTF_8);
        String off = new String(ReportJson.write(
            Rewriter.mask(r, unfiltered(p), MaskingOptions.defaults()), true), UTF_8);
        assertThat(on).isEqualTo(off);
        if (!on.equals(new String(ReportJson.write(
            Rewriter.mask(r, MaskPolicy.NONE, MaskingOptions.defaults()), true), UTF_8))) {
          changed++;
        }
      }
    }
    assertThat(changed).isGreaterThan(20);
  }

  private static AttackReport json(byte[] body) {
    return AttackReport.of(HttpRequest.builder().method("POST").uri("/").protocol("HTTP/1.1")
        .header("Content-Type", "application/json").body(body).build());
  }

  private static Path corpora() {
    String prop = System.getProperty("masking.corpora");
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared").resolve("corpora");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }
}
