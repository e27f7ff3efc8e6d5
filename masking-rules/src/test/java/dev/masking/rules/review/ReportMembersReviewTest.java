package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The receiving side may read member names case-insensitively (Go's encoding/json does, with
 * Unicode simple folding; Jackson and .NET can) and take the last of two that match. A member the
 * report carries through under such a spelling of a member we write (and mask) must not be
 * written after ours.
 */
final class ReportMembersReviewTest {

  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  private static String mask(String report) {
    return new String(ReportJson.write(DEFAULT.mask(ReportJson.read(report)), true),
        StandardCharsets.UTF_8);
  }

  @Test
  void carriedMembersSpelledLikeOursInAnotherCaseAreNotWritten() throws Exception {
    String out = mask("{\"request\":{\"method\":\"POST\",\"uri\":\"/login\",\"headers\":[[\"Content-"
        + "Type\",\"application/x-www-form-urlencoded\"]],\"body\":\"password=hunter2secret\","
        + "\"Body\":\"password=s3cretBodyTwo\",\"URI\":\"/login?token=s3cretUriTwo\","
        + "\"Headers\":[[\"Authorization\",\"Bearer s3cretHeaderTwo\"]]},"
        + "\"Request\":{\"body\":\"password=s3cretRequestTwo\"},"
        + "\"reque\\u017ft\":{\"body\":\"password=s3cretLongS\"},"
        + "\"attacks\":[{\"type\":\"sqli\",\"point\":[\"post\",\"form_urlencoded\",\"password\"],"
        + "\"payload\":\"hunter2secret\",\"PAYLOAD\":\"s3cretPayloadTwo\"}],"
        + "\"attac\\u212As\":[],\"Masking\":{\"notes\":[]},\"kept\":\"as is\"}");
    assertThat(out).doesNotContain("s3cret").doesNotContain("hunter2")
        .contains("\"kept\":\"as is\"");
    JsonNode tree = new ObjectMapper().readTree(out);
    assertThat(tree.get("request").get("body").textValue()).isEqualTo("password=***");
  }

  @Test
  void carriedMembersWithOtherNamesStay() {
    String out = mask("{\"request\":{\"method\":\"GET\",\"uri\":\"/\",\"requested\":\"x\"},"
        + "\"attacks\":[],\"requests\":1,\"Ids\":[1]}");
    assertThat(out).contains("\"requested\":\"x\"").contains("\"requests\":1")
        .contains("\"Ids\":[1]");
  }

  @Test
  void foldingDoesNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      String out = mask("{\"request\":{\"method\":\"GET\",\"uri\":\"/\"},\"attacks\":[],"
          + "\"INSTANCE\":\"s3cretInstance\"}");
      assertThat(out).doesNotContain("s3cret");
    } finally {
      Locale.setDefault(before);
    }
  }
}
