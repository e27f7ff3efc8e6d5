package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the JSON scanner's fast paths: members whose name the policy's pre-filter rules
 * out ({@link MaskPolicy#maySelectName} false: not pushed, not asked about) and string values
 * classified for the nested layers' pre-check while their end is found (eight bytes at a time,
 * through escapes, and byte by byte near the end of the input). Secrets sit inside nested
 * encodings under such members, at every alignment; none may survive in any encoding, and the
 * output must equal, byte for byte and note for note, that of the same policy without the
 * pre-filter and with the pre-checks off (the slow paths).
 */
final class JsonScannerFastPathCanaryTest {

  private static final Decision PW = new Decision(MaskAction.redact(), "pw");

  /**
   * Selects fields named {@code password} (JSON members, form fields); its pre-filter rules out
   * every other name.
   */
  private static final MaskPolicy FILTERED = new MaskPolicy() {
    @Override
    public Decision decide(Field f) {
      return "password".equals(f.name()) ? PW : null;
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      return Arrays.equals(name, from, to, "password".getBytes(UTF_8), 0, 8);
    }
  };

  /** The same selection without a pre-filter. */
  private static final MaskPolicy UNFILTERED = FILTERED::decide;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  /** Encoded values (as JSON text) each holding one secret, and the secrets. */
  private static List<String[]> cases(int n) {
    String s = "CANARY-" + n + "-";
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"\"{\\\"password\\\":\\\"" + s + "a\\\"}\"", s + "a"});
    out.add(new String[] {"\"" + b64("{\"password\":\"" + s + "b\"}") + "\"", s + "b"});
    out.add(new String[] {"\"x=1&password=" + s + "c\"", s + "c"});
    out.add(new String[] {"\"%7B%22password%22%3A%22" + s + "d%22%7D\"", s + "d"});
    out.add(new String[] {"\"{\\\"u\\\":\\\"http:\\/\\/h\\/p\\\",\\\"password\\\":\\\"" + s
        + "e\\\"}\\n\"", s + "e"});
    out.add(new String[] {"\"\\u007b\\\"password\\\":\\\"" + s + "f\\\"}\"", s + "f"});
    out.add(new String[] {"\"\\t\\r\\n [{\\\"password\\\":\\\"" + s + "g\\\"}]\"", s + "g"});
    out.add(new String[] {"\"" + b64("a=1&password=" + s + "h") + "\"", s + "h"});
    return out;
  }

  @Test
  void secretsInNestedLayersUnderFilteredOutNamesNeverSurviveAtAnyAlignment() throws Exception {
    int checked = 0;
    for (int pad = 0; pad < 17; pad++) {
      List<String[]> cases = cases(pad);
      StringBuilder doc = new StringBuilder("{\"pad\":\"" + "p".repeat(pad) + "\"");
      List<String> secrets = new ArrayList<>();
      for (int k = 0; k < cases.size(); k++) {
        String[] c = cases.get(k);
        doc.append(",\"v").append(k).append("\":").append(c[0]);
        doc.append(",\"l").append(k).append("\":[1,").append(c[0]).append(",\"plain words\"]");
        secrets.add(c[1]);
      }
      // The last string value ends within eight bytes of the input's end (the byte-wise tail).
      String[] last = cases.get(pad % cases.size());
      doc.append(",\"end\":").append(last[0]).append('}');
      byte[] json = doc.toString().getBytes(UTF_8);
      JsonTesting.parse(doc.toString()); // the body is valid JSON: the strict scan handles it

      JsonTesting.Result fast = JsonTesting.scan(json, FILTERED, MaskingOptions.defaults());
      assertThat(fast.fellBack()).isFalse();
      assertThat(fast.bytes()).isNotNull();
      for (String secret : secrets) {
        assertThat(Leaks.found(fast.bytes(), secret)).as("pad %d, %s", pad, secret).isNull();
        checked++;
      }
      JsonTesting.Result slow;
      MaskRun.precheck = false;
      try {
        slow = JsonTesting.scan(json, UNFILTERED, MaskingOptions.defaults());
      } finally {
        MaskRun.precheck = true;
      }
      assertThat(fast.text()).isEqualTo(slow.text());
      assertThat(fast.notes()).isEqualTo(slow.notes());
      assertThat(fast.depthAfter()).isEqualTo(slow.depthAfter());
    }
    assertThat(checked).isEqualTo(17 * 8);
  }

  /** {@link #FILTERED}, also promising that no array element is ever selected. */
  private static final class NoElements implements MaskPolicy, dev.masking.core.NamePrefixes {
    @Override
    public Decision decide(Field f) {
      return FILTERED.decide(f);
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      return FILTERED.maySelectName(parser, name, from, to);
    }

    @Override
    public long[] namePrefixBits(String parser) {
      return null;
    }

    @Override
    public boolean maySelectIndexed(String parser) {
      return false;
    }
  }

  @Test
  void secretsInScalarElementsOfArraysNoRuleSelectsNeverSurvive() throws Exception {
    // Elements no rule can select are not asked about: the nested layers still find the secrets
    // inside them, at the same points (the notes say where).
    MaskPolicy noElements = new NoElements();
    int checked = 0;
    for (int pad = 0; pad < 17; pad++) {
      List<String[]> cases = cases(pad);
      StringBuilder doc = new StringBuilder("[\"" + "p".repeat(pad) + "\"");
      List<String> secrets = new ArrayList<>();
      for (String[] c : cases) {
        doc.append(",").append(c[0]).append(",[1,true,").append(c[0]).append(",\"plain words\"]");
        doc.append(",{\"password\":[").append(c[0]).append("],\"x\":[null,").append(c[0])
            .append("]}");
        secrets.add(c[1]);
      }
      doc.append(",").append(cases.get(pad % cases.size())[0]).append(']');
      byte[] json = doc.toString().getBytes(UTF_8);
      JsonTesting.parse(doc.toString());
      JsonTesting.Result fast = JsonTesting.scan(json, noElements, MaskingOptions.defaults());
      assertThat(fast.fellBack()).isFalse();
      assertThat(fast.bytes()).isNotNull();
      for (String secret : secrets) {
        assertThat(Leaks.found(fast.bytes(), secret)).as("pad %d, %s", pad, secret).isNull();
        checked++;
      }
      JsonTesting.Result slow;
      MaskRun.precheck = false;
      try {
        slow = JsonTesting.scan(json, UNFILTERED, MaskingOptions.defaults());
      } finally {
        MaskRun.precheck = true;
      }
      assertThat(fast.text()).isEqualTo(slow.text());
      assertThat(fast.notes()).isEqualTo(slow.notes());
      assertThat(fast.depthAfter()).isEqualTo(slow.depthAfter());
    }
    assertThat(checked).isEqualTo(17 * 8);
  }

  @Test
  void removedMembersAfterFilteredOutMembersTakeExactlyOneComma() throws Exception {
    Decision rm = new Decision(new MaskAction.Remove(), "rm");
    MaskPolicy filtered = new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return "password".equals(f.name()) ? rm : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        return Arrays.equals(name, from, to, "password".getBytes(UTF_8), 0, 8);
      }
    };
    MaskPolicy unfiltered = filtered::decide;
    // Members the pre-filter skips (scalars, containers, at the start, between and after
    // removed ones), so that only the skipped members' path says whether one was kept.
    List<String> members = List.of("\"a\":1", "\"b\":\"x y\"", "\"c\":{\"d\":[1,2]}", "\"e\":[]",
        "\"password\":\"CANARY-R\"", "\"password\":{\"p\":\"CANARY-R\"}",
        "\"password\":[\"CANARY-R\"]");
    int checked = 0;
    for (int a = 0; a < members.size(); a++) {
      for (int b = 0; b < members.size(); b++) {
        for (int c = 0; c < members.size(); c++) {
          for (String sep : List.of(",", " , ")) {
            String doc = "{" + members.get(a) + sep + members.get(b) + sep + members.get(c) + "}";
            String nested = "[" + doc + ",{\"o\":" + doc + "}]";
            for (String in : List.of(doc, nested)) {
              JsonTesting.Result fast = JsonTesting.scan(in, filtered);
              JsonTesting.Result slow = JsonTesting.scan(in, unfiltered);
              assertThat(fast.fellBack()).isFalse();
              String out = fast.textOr(in);
              assertThat(out).as(in).doesNotContain("CANARY").doesNotContain("password");
              JsonTesting.parse(out);
              assertThat(out).isEqualTo(slow.textOr(in));
              assertThat(fast.notes()).isEqualTo(slow.notes());
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isEqualTo(7 * 7 * 7 * 4);
  }

  @Test
  void plainValuesUnderFilteredOutNamesStayByteIdentical() {
    String json = "{\"a\":\"plain text, nothing here\",\"b\":[\"x y\",12.5,-3,true,null],"
        + "\"c\":{\"d\":\"caf\\u00e9 \\\"q\\\" \\\\ \\/\",\"e\":\"\u2603 snow\"},\"f\":\"alpha\"}";
    JsonTesting.Result r = JsonTesting.scan(json, FILTERED);
    assertThat(r.bytes()).isNull(); // nothing selected, nothing inspected changed: no copy
    assertThat(r.notes()).isEmpty();
  }
}
