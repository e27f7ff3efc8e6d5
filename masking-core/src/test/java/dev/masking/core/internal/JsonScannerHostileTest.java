package dev.masking.core.internal;

import static dev.masking.core.internal.JsonTesting.mask;
import static dev.masking.core.internal.JsonTesting.names;
import static dev.masking.core.internal.JsonTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON lines of hostile-inputs.md: no crash, no hang, no leak, evidence kept. */
final class JsonScannerHostileTest {

  private static final MaskPolicy PASSWORD = names("password");

  @Test
  void millionKeysAreBoundedByMaxFieldsAndTheLastSecretIsMasked() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 1_000_000; i++) {
      sb.append("\"k").append(i).append("\":").append(i).append(',');
    }
    sb.append("\"password\":\"s3cret-after-a-million\"}");
    JsonTesting.Result r = scan(sb.toString(), PASSWORD);
    assertThat(r.text()).doesNotContain("s3cret").endsWith("\"password\":\"***\"}");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n.reason()).isEqualTo(JsonScanner.NOTE_FIELDS));
  }

  @Test
  void fiftyMegabyteStringIsMaskedOrPassedWhole() {
    String big = "A".repeat(50 * 1024 * 1024);
    byte[] in = ("{\"password\":\"" + big + "\",\"note\":\"" + big + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
    JsonTesting.Result r = JsonTesting.scan(in, PASSWORD, MaskingOptions.defaults());
    assertThat(r.bytes()).hasSize(in.length - big.length() + 3);
    assertThat(new String(r.bytes(), 0, 40, StandardCharsets.US_ASCII))
        .startsWith("{\"password\":\"***\",\"note\":\"AAAA");
    assertThat(JsonTesting.scan(in, names("other"), MaskingOptions.defaults()).bytes()).isNull();
  }

  @Test
  void hundredThousandDigitNumberIsMaskedAndCopied() {
    String digits = "9".repeat(100_000);
    assertThat(mask("{\"password\":" + digits + ",\"n\":-" + digits + "e-1}", PASSWORD))
        .isEqualTo("{\"password\":\"***\",\"n\":-" + digits + "e-1}");
  }

  @Test
  void nulAndLoneSurrogatesInKeysAreNamesLikeAnyOther() {
    List<String> names = new ArrayList<>();
    MaskPolicy spy = f -> {
      names.add(f.name());
      return null;
    };
    mask("{\"pass\\u0000word\":1,\"a\u0000b\":2,\"password\\ud800\":3}", spy);
    assertThat(names).containsExactly(null, "pass\u0000word", "a\u0000b", "password\uFFFD");
    assertThat(mask("{\"pass\\u0000word\":1}", names("pass\u0000word")))
        .isEqualTo("{\"pass\\u0000word\":\"***\"}");
  }

  @Test
  void invalidUtf8IsCopiedByteForByte() {
    byte[] in = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAE, (byte) 0xFF, '"', ',',
        '"', 'p', 'a', 's', 's', 'w', 'o', 'r', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0,
        (byte) 0x80, '"', '}'};
    JsonTesting.Result r = JsonTesting.scan(in, PASSWORD, MaskingOptions.defaults());
    byte[] out = r.bytes();
    assertThat(out).startsWith(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAE,
        (byte) 0xFF, '"', ','});
    assertThat(new String(out, 11, out.length - 11, StandardCharsets.UTF_8))
        .isEqualTo("\"password\":\"***\"}");
  }

  @Test
  void topLevelScalarsAndEmptyBodiesChangeNothing() {
    for (String in : List.of("1", "-0", "\"password\"", "null", "", " ", "\"a\":1")) {
      JsonTesting.Result r = scan(in, PASSWORD);
      assertThat(r.text()).as(in).isNull();
    }
    assertThat(scan("\"password\":\"x\"", PASSWORD).text()).isEqualTo("\"password\":\"***\"");
  }

  @Test
  void deepNestingInsideASelectedValueIsMaskedWhole() {
    int n = 200_000;
    String in = "{\"password\":" + "[".repeat(n) + "]".repeat(n) + ",\"a\":1}";
    JsonTesting.Result r = scan(in, PASSWORD);
    assertThat(r.text()).isEqualTo("{\"password\":\"***\",\"a\":1}");
    assertThat(r.notes()).noneMatch(x -> x.kind() == Note.Kind.FALLBACK);
  }

  @Test
  void unbalancedQuotesAndBracketsDoNotHideLaterNames() {
    for (String in : List.of(
        "{\"a\": \"x, 'b': [1, {\"password\": \"s3cret\"}",
        "[[[[[[\"\"\"\"\"{\"password\":\"s3cret\"}",
        "{'a: \"b', \"password\": \"s3cret\"}",
        "{\"a\": '\"', \"password\": \"s3cret\"}",
        "{\"a\": \"\\\", \"password\": \"s3cret\"}")) {
      assertThat(mask(in, PASSWORD)).as(in).doesNotContain("s3cret");
    }
  }
}
