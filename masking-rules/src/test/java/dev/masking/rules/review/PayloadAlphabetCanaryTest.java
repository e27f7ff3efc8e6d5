package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskedReport;
import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.rules.Masker;
import dev.masking.rules.Rule;
import dev.masking.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the payload pieces' pre-check alphabet, which is taken from the hunted values'
 * bytes (the members of a masked container as decoded), not from the masked texts: a piece made
 * of chars that only a member's decoded text holds, or only another container's text holds, is
 * still masked.
 */
final class PayloadAlphabetCanaryTest {

  private static final Masker MASKER = Masker.of(RuleSet.builder()
      .rule(Rule.builder("t/session").names("session").exact(true)
          .action(MaskAction.redact()).build())
      .rule(Rule.builder("t/auth").names("auth").exact(true)
          .action(MaskAction.redact()).build())
      .build());

  private static MaskedReport mask(String body, String... payloads) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/api")
        .header("Content-Type", "application/json").body(body).build();
    List<Attack> attacks = new java.util.ArrayList<>();
    for (String p : payloads) {
      attacks.add(new Attack("sqli", Point.of(Step.of("post")), null, p, Map.of()));
    }
    return MASKER.mask(new AttackReport("r", null, req, attacks, Map.of()));
  }

  @Test
  void pieceOfAContainerMemberWrittenWithEscapesIsMasked() {
    // The member decodes to "GHIJ-kx9-GHIJ": G, H, I and J appear in no masked text (the
    // container's text holds their escapes) nor among the escape chars.
    String g = "\\u0047\\u0048\\u0049\\u004a";
    MaskedReport m = mask("{\"session\":{\"tok\":\"" + g + "-kx9-" + g + "\"},\"z\":1}",
        "GHIJ<script>", "<img src=x>GHIJ-k", "<b>kx9-</b>");
    List<Attack> out = m.report().attacks();
    assertThat(out.get(0).payload()).isEqualTo("***<script>");
    assertThat(out.get(1).payload()).isEqualTo("<img src=x>***");
    // No piece: kept exactly.
    assertThat(out.get(2).payload()).isEqualTo("<b>kx9-</b>");
  }

  @Test
  void pieceOfAMemberEqualToAnotherContainersTextIsMasked() {
    // auth's member is session's whole text: the pieces hunt it (with its colon and braces),
    // the sweep hunts session's members instead.
    String body = "{\"session\":{\"k\":\"abcd1234\"},"
        + "\"auth\":{\"copy\":\"{\\\"k\\\":\\\"abcd1234\\\"}\"}}";
    MaskedReport m = mask(body, "<x>{\"k\":\"ab");
    String p = m.report().attacks().get(0).payload();
    assertThat(p).startsWith("<x>").doesNotContain("\"k\":").doesNotContain("{\"k");
  }
}
