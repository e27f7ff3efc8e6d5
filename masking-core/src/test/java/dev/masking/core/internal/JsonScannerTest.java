package dev.masking.core.internal;

import static dev.masking.core.internal.JsonTesting.mask;
import static dev.masking.core.internal.JsonTesting.names;
import static dev.masking.core.internal.JsonTesting.parse;
import static dev.masking.core.internal.JsonTesting.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class JsonScannerTest {

  private static final MaskPolicy PASSWORD = names("password");

  @Test
  void masksTopLevelKey() {
    assertThat(mask("{\"user\":\"bob\",\"password\":\"hunter2\"}", PASSWORD))
        .isEqualTo("{\"user\":\"bob\",\"password\":\"***\"}");
  }

  @Test
  void masksNestedKeysInObjectsAndArrays() {
    assertThat(mask("{\"a\":{\"b\":[1,{\"password\":\"x\"}],\"password\":2}}", PASSWORD))
        .isEqualTo("{\"a\":{\"b\":[1,{\"password\":\"***\"}],\"password\":\"***\"}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"s3cret\"", "12345", "-0.5e-3", "true", "false", "null",
      "{\"x\":{\"y\":[1,2]}}", "[1,\"two\",{\"three\":3}]", "{}", "[]", "\"\""})
  void everyValueTypeBecomesTheRedactToken(String value) throws Exception {
    String out = mask("{\"password\": " + value + ", \"k\": [1]}", PASSWORD);
    assertThat(out).isEqualTo("{\"password\": \"***\", \"k\": [1]}");
    parse(out);
  }

  @Test
  void escapedKeyIsDecodedBeforeAsking() {
    assertThat(mask("{\"pass\\u0077ord\":\"x\"}", PASSWORD))
        .isEqualTo("{\"pass\\u0077ord\":\"***\"}");
    assertThat(mask("{\"\\u0070\\u0061\\u0073\\u0073\\u0077\\u006F\\u0072\\u0064\":1}", PASSWORD))
        .isEqualTo("{\"\\u0070\\u0061\\u0073\\u0073\\u0077\\u006F\\u0072\\u0064\":\"***\"}");
    assertThat(mask("{\"pass\\/word\":1,\"p\\u0061ss\\u0077ord\":2}", names("pass/word", "password")))
        .isEqualTo("{\"pass\\/word\":\"***\",\"p\\u0061ss\\u0077ord\":\"***\"}");
  }

  @Test
  void policySeesDecodedNamesAndFullPoints() {
    List<Point> asked = new ArrayList<>();
    List<String> names = new ArrayList<>();
    MaskPolicy spy = f -> {
      asked.add(f.point());
      names.add(f.name());
      return null;
    };
    assertThat(mask("{\"a\\u00e9\":[{\"b\":1}],\"c\":2}", spy)).isNull();
    Step post = Step.of("post");
    Step doc = Step.of("json_doc");
    assertThat(asked).containsExactly(
        Point.of(post, doc),
        Point.of(post, doc, Step.named("hash", "a\u00e9")),
        Point.of(post, doc, Step.named("hash", "a\u00e9"), Step.indexed("array", 0)),
        Point.of(post, doc, Step.named("hash", "a\u00e9"), Step.indexed("array", 0),
            Step.named("hash", "b")),
        Point.of(post, doc, Step.named("hash", "c")));
    assertThat(names).containsExactly(null, "a\u00e9", null, "b", "c");
  }

  @Test
  void invalidEscapesAndLoneSurrogatesInKeysDecodeToReplacementChars() {
    List<String> names = new ArrayList<>();
    MaskPolicy spy = f -> {
      names.add(f.name());
      return null;
    };
    mask("{\"password\\ud800\":1,\"a\\qb\":2,\"c\\u12\":3,\"\\udc00x\":4}", spy);
    assertThat(names).containsExactly(null, "password\uFFFD", "a\uFFFDb", "c\uFFFD12", "\uFFFDx");
  }

  @Test
  void namesDifferingInAnyOneByteAreNeverConfused() {
    // The name cache has 64 slots and compares raw bytes in words. For every length up to 24 and
    // several positions, all printable bytes at that position (more names than slots, so some
    // share a slot), in random order: each name must still reach the policy as itself. The last
    // name ends at the very end of the buffer.
    java.util.Random r = new java.util.Random(11);
    List<String> keys = new ArrayList<>();
    for (int len = 1; len <= 24; len++) {
      String base = "k".repeat(len);
      for (int pos : new int[] {0, len / 2, len - 1}) {
        for (char c = '!'; c <= '~'; c++) {
          if (c != '"' && c != '\\') {
            keys.add(base.substring(0, pos) + c + base.substring(pos + 1));
          }
        }
      }
    }
    List<String> order = new ArrayList<>(keys);
    order.addAll(keys);
    java.util.Collections.shuffle(order, r);
    StringBuilder sb = new StringBuilder("[");
    for (String k : order) {
      sb.append("{\"").append(k).append("\":1},");
    }
    sb.append("{\"kkkkkkkkx\":1,\"kkkkkkkkk\":2}]");
    List<String> seen = new ArrayList<>();
    MaskPolicy spy = f -> {
      if (f.name() != null) {
        seen.add(f.name());
      }
      return null;
    };
    MaskingOptions many = MaskingOptions.builder().maxFields(1_000_000).build();
    JsonTesting.scan(sb.toString(), spy, many);
    List<String> expected = new ArrayList<>(order);
    expected.add("kkkkkkkkx");
    expected.add("kkkkkkkkk");
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void everyDuplicateKeyIsMasked() {
    assertThat(mask("{\"password\":\"a\",\"x\":1,\"password\":\"b\",\"password\":{\"c\":3}}",
        PASSWORD))
        .isEqualTo("{\"password\":\"***\",\"x\":1,\"password\":\"***\",\"password\":\"***\"}");
  }

  @Test
  void removeDropsTheMemberWithOneComma() throws Exception {
    MaskPolicy remove = names(new MaskAction.Remove(), "password");
    assertThat(mask("{\"password\":\"x\",\"a\":1,\"b\":2}", remove)).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(mask("{\"a\":1,\"password\":\"x\",\"b\":2}", remove)).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(mask("{\"a\":1,\"b\":2,\"password\":\"x\"}", remove)).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(mask("{\"password\":\"x\"}", remove)).isEqualTo("{}");
    assertThat(mask("{\"password\":1,\"password\":2,\"a\":3,\"password\":4}", remove))
        .isEqualTo("{\"a\":3}");
    assertThat(mask("{\"password\":1,\"password\":2}", remove)).isEqualTo("{}");
    assertThat(mask("{ \"password\" : [1,2] ,\n  \"a\" : 1 ,\n  \"password\" : {} }", remove))
        .isEqualTo("{ \"a\" : 1 }");
    assertThat(mask("{\n  \"a\": 1,\n  \"password\": \"x\"\n}", remove))
        .isEqualTo("{\n  \"a\": 1\n}");
    assertThat(mask("[{\"a\":{\"password\":1},\"password\":2},{\"password\":3}]", remove))
        .isEqualTo("[{\"a\":{}},{}]");
    for (String doc : List.of("{\"a\":1,\"password\":\"x\",\"b\":2,\"password\":3}",
        "{\"password\":{},\"password\":[],\"a\":null}")) {
      parse(mask(doc, remove));
    }
  }

  @Test
  void removeIsRecordedWithoutAMaskToken() {
    JsonTesting.Result r = scan("{\"a\":1,\"password\":\"x\"}", names(new MaskAction.Remove(),
        "password"));
    assertThat(r.text()).isEqualTo("{\"a\":1}");
    assertThat(r.notes()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Note.Kind.MASKED);
      assertThat(n.action()).isEqualTo("remove");
      assertThat(n.point().display()).isEqualTo("post > json_doc > hash password");
    });
  }

  @Test
  void removalBeforeInvalidSyntaxBecomesTheRedactToken() {
    MaskPolicy remove = names(new MaskAction.Remove(), "password", "pin");
    String once = mask("{\"a\":1,\"password\":\"x\",\"b\":[2], pin: 12}", remove);
    assertThat(once).isEqualTo("{\"a\":1,\"password\":\"***\",\"b\":[2], pin: \"***\"}");
    assertThat(mask(once, remove)).as("second pass changes nothing").isNull();
  }

  @Test
  void pointRuleSelectsOneArrayElement() {
    Point target = Point.of(Step.of("post"), Step.of("json_doc"), Step.named("hash", "items"),
        Step.indexed("array", 1));
    MaskPolicy p = f -> f.point().equals(target) ? new Decision(MaskAction.redact(), "t") : null;
    assertThat(mask("{\"items\":[\"a\",{\"b\":\"c\"},\"d\"],\"x\":[\"a\",\"b\"]}", p))
        .isEqualTo("{\"items\":[\"a\",\"***\",\"d\"],\"x\":[\"a\",\"b\"]}");
  }

  @Test
  void removeOnAnArrayElementWritesTheRedactToken() {
    MaskPolicy p = f -> f.last().equals(Step.indexed("array", 0))
        ? new Decision(new MaskAction.Remove(), "t") : null;
    assertThat(mask("[\"a\",\"b\"]", p)).isEqualTo("[\"***\",\"b\"]");
  }

  @Test
  void starsKeepTheDecodedLength() {
    MaskPolicy stars = names(new MaskAction.Stars(), "password", "pin");
    assertThat(mask("{\"password\":\"hunter22\",\"pin\":12345}", stars))
        .isEqualTo("{\"password\":\"********\",\"pin\":\"*****\"}");
    assertThat(mask("{\"password\":\"a\\u00e9\\n\\ud83d\\ude00\"}", stars))
        .isEqualTo("{\"password\":\"****\"}");
  }

  @Test
  void keepLastKeepsTheTailOfTheDecodedValue() throws Exception {
    MaskPolicy keep = names(new MaskAction.KeepLast(4), "card");
    assertThat(mask("{\"card\":\"4111111111111111\"}", keep))
        .isEqualTo("{\"card\":\"************1111\"}");
    assertThat(mask("{\"card\":4111111111111111}", keep))
        .isEqualTo("{\"card\":\"************1111\"}");
    assertThat(mask("{\"card\":\"123\"}", keep)).isEqualTo("{\"card\":\"***\"}");
    String out = mask("{\"card\":\"xxxxxxxx\\\"\\\\\\n\\u0001\"}", keep);
    assertThat(out).isEqualTo("{\"card\":\"********\\\"\\\\\\n\\u0001\"}");
    assertThat(parse(out).get("card").asText()).isEqualTo("********\"\\\n\u0001");
  }

  @Test
  void noMatchReturnsNull() {
    assertThat(mask("{\"a\":{\"b\":[1,2,{\"c\":\"d\"}]}}", PASSWORD)).isNull();
    assertThat(mask("[]", PASSWORD)).isNull();
    assertThat(mask("\"password\"", PASSWORD)).isNull();
    assertThat(mask("  \n ", PASSWORD)).isNull();
    assertThat(mask("", PASSWORD)).isNull();
  }

  @Test
  void untouchedBytesAreCopiedExactly() {
    String in = "{ \"a\" : 1E400 ,\n\t\"b\":-0, \"c\":\"\\u00e9\\n\\\"\u00e9\\/\", \"d\" : [ 1.0e+2 ,"
        + " -0.0E-0 , 100000000000000000000000000000 ],\r\n\"password\"\t:\t\"x\" ,\"e\":{} }  \n";
    assertThat(mask(in, PASSWORD)).isEqualTo(in.replace("\"x\"", "\"***\""));
  }

  @Test
  void byteOrderMarkIsCopiedAndSkipped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "{\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] in = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, in, 0, 3);
    System.arraycopy(body, 0, in, 3, body.length);
    JsonTesting.Result r = JsonTesting.scan(in, PASSWORD, MaskingOptions.defaults());
    assertThat(r.fellBack()).isFalse();
    assertThat(r.text()).isEqualTo("\uFEFF{\"password\":\"***\"}");
  }

  @Test
  void masksOnlyTheGivenRangeOfTheBuffer() {
    byte[] buf = "xx{\"password\":\"s\"}yy".getBytes(StandardCharsets.UTF_8);
    MaskRun run = new MaskRun(PASSWORD, MaskingOptions.defaults());
    run.push(Step.of("post"));
    byte[] out = JsonScanner.mask(buf, 2, buf.length - 2, run);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"password\":\"***\"}");
    assertThat(run.depth()).isEqualTo(1);
  }

  @Test
  void runIsLeftAtItsEntryDepth() {
    assertThat(scan("{\"a\":[{\"b\":{\"password\":1}}]}", PASSWORD).depthAfter()).isEqualTo(1);
    assertThat(scan("{\"a\":[{\"b\":{\"password\":1}", PASSWORD).depthAfter()).isEqualTo(1);
    assertThat(scan("[[[[", PASSWORD).depthAfter()).isEqualTo(1);
  }

  @Test
  void selectedDocumentIsMaskedWhole() {
    MaskPolicy doc = f -> "json_doc".equals(f.last().parser())
        ? new Decision(MaskAction.redact(), "t") : null;
    assertThat(mask(" {\"a\":[1,2]} \n", doc)).isEqualTo(" \"***\" \n");
    assertThat(mask("{\"a\":1} junk", doc)).isEqualTo("\"***\"");
    MaskPolicy stars = f -> "json_doc".equals(f.last().parser())
        ? new Decision(new MaskAction.Stars(), "t") : null;
    assertThat(mask("\"a\\u00e9c\"", stars)).isEqualTo("\"***\"");
    assertThat(mask("1234", stars)).isEqualTo("\"****\"");
  }

  @Test
  void notesNameThePointAndNeverTheValue() {
    JsonTesting.Result r = scan("{\"a\":{\"password\":\"hunter2-secret\"}}", PASSWORD);
    assertThat(r.notes()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Note.Kind.MASKED);
      assertThat(n.point().display()).isEqualTo("post > json_doc > hash a > hash password");
      assertThat(n.toString()).doesNotContain("hunter2");
    });
  }

  @Test
  void policyThatThrowsMasksTheField() {
    MaskPolicy broken = f -> {
      if ("b".equals(f.name())) {
        throw new IllegalStateException("boom");
      }
      return null;
    };
    assertThat(mask("{\"a\":1,\"b\":{\"c\":2}}", broken)).isEqualTo("{\"a\":1,\"b\":\"***\"}");
  }

  @Test
  void deepNestingIsScannedWithoutRecursionAndSecretsAfterItAreMasked() {
    int n = 100_000;
    String closed = "[".repeat(n) + "{\"password\":\"s3cret-after-depth\"}" + "]".repeat(n);
    JsonTesting.Result r = scan(closed, PASSWORD);
    assertThat(r.text()).doesNotContain("s3cret").contains("\"password\":\"***\"");
    assertThat(r.notes()).anySatisfy(note -> {
      assertThat(note.kind()).isEqualTo(Note.Kind.FALLBACK);
      assertThat(note.reason()).isEqualTo(JsonScanner.NOTE_DEPTH);
    });
    assertThat(r.text()).hasSize(closed.length() - "s3cret-after-depth".length() + 3);

    String open = "{\"a\":" + "[{\"b\":".repeat(n) + "{\"password\":\"s3cret-open\"";
    assertThat(scan(open, PASSWORD).text()).doesNotContain("s3cret");
    assertThatCode(() -> scan("[".repeat(n), PASSWORD)).doesNotThrowAnyException();
  }

  @Test
  void nestingUpToMaxJsonDepthIsScannedStrictly() throws Exception {
    MaskingOptions o = MaskingOptions.builder().maxJsonDepth(3).build();
    JsonTesting.Result ok = scan("[[{\"password\":[1]}]]", PASSWORD, o);
    assertThat(ok.fellBack()).isFalse();
    assertThat(ok.text()).isEqualTo("[[{\"password\":\"***\"}]]");
    JsonTesting.Result deep = scan("[[[{\"password\":1}]]]", PASSWORD, o);
    assertThat(deep.fellBack()).isTrue();
    assertThat(deep.text()).isEqualTo("[[[{\"password\":\"***\"}]]]");
    parse(deep.text());
  }

  @Test
  void fieldsPastMaxFieldsAreScannedLeniently() {
    MaskingOptions o = MaskingOptions.builder().maxFields(3).build();
    JsonTesting.Result r = scan("{\"password\":1,\"a\":2,\"b\":3,\"c\":4,\"password\":5}", PASSWORD, o);
    assertThat(r.text()).isEqualTo("{\"password\":\"***\",\"a\":2,\"b\":3,\"c\":4,\"password\":\"***\"}");
    assertThat(r.notes()).filteredOn(n -> n.kind() == Note.Kind.FALLBACK).singleElement()
        .satisfies(n -> assertThat(n.reason()).isEqualTo(JsonScanner.NOTE_FIELDS));
  }

  @Test
  void validJsonInGivesValidJsonOut() throws Exception {
    MaskPolicy p = names(new MaskAction.KeepLast(2), "password", "token", "x");
    for (String doc : List.of(
        "{\"password\":\"a\\\"b\\\\c\\u0000d\\ud83d\\ude00\"}",
        "[{\"token\":[{\"token\":1}]},{\"x\":{\"password\":2}},\"password\"]",
        "{\"a\":{},\"b\":[],\"x\":-1.5E+10,\"token\":true}",
        "{\"password\":\"\\ud800\\u2028\"}")) {
      String out = mask(doc, p);
      assertThat(out).as(doc).isNotNull();
      parse(out);
      assertThat(mask(out, p)).as("idempotent, no copy").isNull();
    }
  }

  @Test
  void maskingTwiceChangesNothingMore() {
    for (MaskAction a : List.of(MaskAction.redact(), new MaskAction.Stars(),
        new MaskAction.KeepLast(3), new MaskAction.KeepFirst(2), new MaskAction.Remove())) {
      MaskPolicy p = names(a, "password", "pin");
      for (String doc : List.of("{\"password\":\"hunter2-long-secret\",\"pin\":123456}",
          "{\"a\":[{\"password\":{\"x\":[1,2,3]}}],\"pin\":\"\\u00e91234567\"}",
          "{\"password\":'x', pin: 12}")) {
        String once = mask(doc, p);
        assertThat(once).as(a + " " + doc).isNotNull();
        String twice = mask(once, p);
        assertThat(twice == null ? once : twice).as(a + " " + doc).isEqualTo(once);
      }
    }
  }
}
