package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskedReport;
import dev.masking.core.io.ReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sample attack reports and what masking them must give: {@code golden/<case>.input.json} masked
 * with the {@code default} preset (or {@code <case>.rules.json} when present) equals {@code
 * <case>.expected.json} byte for byte, explain notes included.
 */
final class GoldenFixturesTest {

  /** How many cases there are: a fixture that silently goes missing fails this count. */
  private static final int EXPECTED_CASES = 16;

  static Path dir() {
    try {
      return Path.of(GoldenFixturesTest.class.getResource("/golden").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".input.json"))
          .map(n -> n.substring(0, n.length() - ".input.json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void everyCaseIsThere() throws IOException {
    assertThat(cases().count()).isEqualTo(EXPECTED_CASES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void maskedOutputMatchesExpected(String name) throws IOException {
    byte[] input = Files.readAllBytes(dir().resolve(name + ".input.json"));
    Path rulesFile = dir().resolve(name + ".rules.json");
    RuleSet rules = Files.exists(rulesFile) ? RuleSet.load(rulesFile) : RuleSet.preset("default");
    MaskedReport out = Masker.of(rules).mask(ReportJson.read(input));
    String actual = new String(ReportJson.write(out, true), StandardCharsets.UTF_8) + "\n";
    Path expectedFile = dir().resolve(name + ".expected.json");
    if (Boolean.getBoolean("masking.golden.update")) {
      writeUpdate(name, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
  }

  /** With -Dmasking.golden.update=true, writes the actual output to target/ for review. */
  private static void writeUpdate(String name, String actual) {
    try {
      Path out = Path.of("target", "golden-actual", name + ".expected.json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> caseList() throws IOException {
    return cases().toList();
  }
}
