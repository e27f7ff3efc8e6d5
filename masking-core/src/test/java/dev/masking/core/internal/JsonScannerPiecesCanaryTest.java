package dev.masking.core.internal;

import static dev.masking.core.internal.JsonTesting.escapedForms;
import static dev.masking.core.internal.JsonTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary tests for the strict scan's output assembled from pieces: redact tokens written from the
 * shared constant, other masks, removed members with their commas, and a strict scan that stops
 * after all of these and hands its output to the lenient scan.
 */
final class JsonScannerPiecesCanaryTest {

  private static final Decision REDACT = new Decision(MaskAction.redact(), "r");
  private static final Decision STARS = new Decision(new MaskAction.Stars(), "s");
  private static final Decision LAST = new Decision(new MaskAction.KeepLast(2), "k");
  private static final Decision REMOVE = new Decision(new MaskAction.Remove(), "x");

  private static final MaskPolicy POLICY = f -> {
    if (!"hash".equals(f.last().parser())) {
      return null;
    }
    String n = f.name();
    return switch (n == null ? "" : n) {
      case "password", "token" -> REDACT;
      case "pin" -> STARS;
      case "card" -> LAST;
      case "drop" -> REMOVE;
      default -> null;
    };
  };

  private static final List<String> SECRETS = List.of(
      "CANARY-pw-1", "CANARY-tok-\u00e9", "CANARY-drop-1", "CANARY-drop-2", "CANARY-nested",
      "CANARY-pw-2");

  private static final String DOC = "{\"drop\":\"CANARY-drop-1\", \"a\": 1,"
      + " \"password\": \"CANARY-pw-1\", \"pin\": \"12\\u00e94\","
      + " \"list\": [{\"token\": \"CANARY-tok-\\u00e9\", \"drop\": {\"x\": \"CANARY-nested\"}},"
      + " {\"card\": \"4111111111111111\"}], \"password\": 42, \"b\": \"keep me\","
      + " \"drop\": \"CANARY-drop-2\", \"token\": \"CANARY-pw-2\"}";

  private static void assertNoSecret(String out) throws Exception {
    for (String secret : SECRETS) {
      for (String form : escapedForms(secret)) {
        assertThat(out).doesNotContain(form);
      }
    }
    assertThat(out).doesNotContain("CANARY").doesNotContain("4111111111111111");
  }

  @Test
  void everyKindOfEditIsAssembledExactly() throws Exception {
    JsonTesting.Result r = scan(DOC, POLICY);
    assertThat(r.fellBack()).isFalse();
    assertThat(r.text()).isEqualTo("{\"a\": 1,"
        + " \"password\": \"***\", \"pin\": \"****\","
        + " \"list\": [{\"token\": \"***\"},"
        + " {\"card\": \"**************11\"}], \"password\": \"***\", \"b\": \"keep me\","
        + " \"token\": \"***\"}");
    assertNoSecret(r.text());
    assertThat(scan(r.text(), POLICY).text()).isNull();
  }

  @Test
  void aStrictScanThatStopsHandsEveryEditToTheLenientScan() throws Exception {
    for (String tail : List.of("", " ", "x", "}", ",", "\"password\": \"CANARY-pw-1\"")) {
      String broken = DOC.substring(0, DOC.length() - 1) + ", " + tail;
      JsonTesting.Result r = scan(broken, POLICY);
      assertThat(r.fellBack()).as(tail).isTrue();
      assertNoSecret(r.text());
      assertThat(r.text()).contains("\"b\": \"keep me\"", "\"a\": 1", "\"pin\": \"****\"");
      String again = scan(r.text(), POLICY).text();
      assertThat(again == null ? r.text() : again).as(tail).isEqualTo(r.text());
    }
  }

  @Test
  void removedMembersBecomeTheRedactTokenWithTheirCommasWhenTheStrictScanStops() {
    String broken = DOC.substring(0, DOC.length() - 1) + ", x";
    assertThat(scan(broken, POLICY).text()).isEqualTo("{\"drop\":\"***\", \"a\": 1,"
        + " \"password\": \"***\", \"pin\": \"****\","
        + " \"list\": [{\"token\": \"***\", \"drop\": \"***\"},"
        + " {\"card\": \"**************11\"}], \"password\": \"***\", \"b\": \"keep me\","
        + " \"drop\": \"***\", \"token\": \"***\", x");
    String lastRemoved = "{\"drop\": \"CANARY-drop-1\", \"a\": 1, \"drop\": \"CANARY-drop-2\" , x";
    assertThat(scan(lastRemoved, POLICY).text())
        .isEqualTo("{\"drop\": \"***\", \"a\": 1, \"drop\": \"***\" , x");
  }

  @Test
  void valuesThatAlreadyAreTheirMaskGiveNoCopy() {
    String masked = "{\"password\": \"***\", \"a\": [1, 2], \"token\": \"***\"}";
    assertThat(scan(masked, POLICY).text()).isNull();
  }

  @Test
  void aWholeDocumentSelectedIsTheRedactToken() {
    MaskPolicy all = f -> "json_doc".equals(f.last().parser()) ? REDACT : null;
    assertThat(scan("  {\"password\": \"CANARY-pw-1\"} \n", all).text()).isEqualTo("  \"***\" \n");
  }
}
