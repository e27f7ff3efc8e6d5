package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.NamePrefixes;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the JSON scanner's member-name cache, which a thread keeps from one scan to the
 * next under one immutable policy: another policy on the same thread, a long name that shares its
 * length and first and last eight bytes with one the last scan cached at the same offset, a
 * nested JSON layer scanned while the outer scan holds the cache, and a policy whose rules change
 * between scans (no {@link NamePrefixes}: never cached across scans) must each mask their own
 * names; planted secrets never survive, in any form, and the rest stays byte-identical.
 */
final class JsonNameCacheCanaryTest {

  /** Selects members named in {@code names}, and says so through its pre-filter. */
  private static final class Named implements MaskPolicy, NamePrefixes {
    private final Set<String> names;
    private final Decision d;

    Named(String rule, String... names) {
      this.names = Set.of(names);
      this.d = new Decision(MaskAction.redact(), rule);
    }

    @Override
    public Decision decide(Field f) {
      return "hash".equals(f.last().parser()) && names.contains(f.name()) ? d : null;
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      return names.contains(new String(name, from, to - from, UTF_8));
    }

    @Override
    public long[] namePrefixBits(String parser) {
      return null; // every name reaches the cache
    }

    @Override
    public boolean maySelectIndexed(String parser) {
      return false;
    }
  }

  private static void assertMasked(String doc, MaskPolicy policy, String expected,
      String... secrets) {
    JsonTesting.Result r = JsonTesting.scan(doc, policy);
    assertThat(r.textOr(doc)).as(doc).isEqualTo(expected);
    for (String s : secrets) {
      assertThat(Leaks.found(r.textOr(doc).getBytes(UTF_8), s)).as(doc).isNull();
    }
  }

  @Test
  void anotherPolicyOnTheSameThreadAsksAfresh() {
    MaskPolicy a = new Named("a", "password");
    MaskPolicy b = new Named("b", "token");
    String doc = "{\"password\":\"CANARY-PW-1\",\"token\":\"CANARY-TK-1\",\"note\":\"x\"}";
    for (int round = 0; round < 3; round++) {
      assertMasked(doc, a, "{\"password\":\"***\",\"token\":\"CANARY-TK-1\",\"note\":\"x\"}",
          "CANARY-PW-1");
      assertMasked(doc, b, "{\"password\":\"CANARY-PW-1\",\"token\":\"***\",\"note\":\"x\"}",
          "CANARY-TK-1");
    }
  }

  @Test
  void aLongNameCachedByTheLastScanIsNotTakenForAnotherAtTheSameOffset() {
    // Same length, same first and last eight bytes: the cache keys them alike and compares the
    // bytes, which for the last scan's entry would be this input's own bytes at that offset.
    String kept = "aaaaaaaa_public_field_zzzzzzzz";
    String secret = "aaaaaaaa_secret_field_zzzzzzzz";
    assertThat(kept.length()).isEqualTo(secret.length());
    MaskPolicy p = new Named("long", secret);
    for (int round = 0; round < 3; round++) {
      String first = "{\"" + kept + "\":\"CANARY-KEPT\"}";
      assertMasked(first, p, first);
      String second = "{\"" + secret + "\":\"CANARY-LONG-1\"}";
      assertMasked(second, p, "{\"" + secret + "\":\"***\"}", "CANARY-LONG-1");
    }
  }

  @Test
  void aNestedLayerScannedWhileTheOuterScanHoldsTheCacheMasksItsOwnNames() {
    MaskPolicy p = new Named("n", "password");
    String inner = "{\"password\":\"CANARY-IN-1\",\"user\":\"bob\"}";
    String b64 = Base64.getEncoder().encodeToString(inner.getBytes(UTF_8));
    String doc = "{\"user\":\"alice\",\"blob\":\"" + b64 + "\",\"escaped\":\""
        + inner.replace("\"", "\\\"").replace("CANARY-IN-1", "CANARY-IN-2")
        + "\",\"password\":\"CANARY-OUT\"}";
    for (int round = 0; round < 3; round++) {
      JsonTesting.Result r = JsonTesting.scan(doc, p);
      byte[] out = r.bytes();
      assertThat(out).isNotNull();
      for (String s : new String[] {"CANARY-IN-1", "CANARY-IN-2", "CANARY-OUT"}) {
        assertThat(Leaks.found(out, s)).as(s).isNull();
        // Also not inside the re-encoded base64 layer.
        String text = new String(out, UTF_8);
        int at = text.indexOf("\"blob\":\"") + 8;
        String layer = new String(Base64.getDecoder().decode(text.substring(at,
            text.indexOf('"', at))), UTF_8);
        assertThat(layer).doesNotContain(s);
      }
      assertThat(new String(out, UTF_8)).startsWith("{\"user\":\"alice\",\"blob\":\"")
          .endsWith("\"password\":\"***\"}");
    }
  }

  @Test
  void aPolicyWhoseRulesChangeIsAskedAfreshInEveryScan() {
    AtomicReference<Set<String>> rules = new AtomicReference<>(Set.of());
    Decision d = new Decision(MaskAction.redact(), "live");
    MaskPolicy live = new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return f.name() != null && rules.get().contains(f.name()) ? d : null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        return rules.get().contains(new String(name, from, to - from, UTF_8));
      }
    };
    String doc = "{\"password\":\"CANARY-LIVE-1\",\"n\":1}";
    assertMasked(doc, live, doc);
    rules.set(Set.of("password"));
    assertMasked(doc, live, "{\"password\":\"***\",\"n\":1}", "CANARY-LIVE-1");
    rules.set(Set.of());
    assertMasked(doc, live, doc);
  }

  @Test
  void manyNamesAcrossScansStayRight() {
    // More distinct names than cache slots, in bodies that alternate, with the selected ones
    // among them: every selected value goes, every other stays.
    MaskPolicy p = new Named("m", "k7", "k31", "k64", "key_with_a_long_name_number_0099");
    for (int round = 0; round < 4; round++) {
      StringBuilder in = new StringBuilder("{");
      StringBuilder want = new StringBuilder("{");
      for (int k = 0; k < 130; k++) {
        String name = k % 2 == round % 2 ? "k" + k
            : String.format(java.util.Locale.ROOT, "key_with_a_long_name_number_%04d", k);
        boolean sel = Arrays.asList("k7", "k31", "k64", "key_with_a_long_name_number_0099")
            .contains(name);
        String sep = k == 0 ? "" : ",";
        in.append(sep).append('"').append(name).append("\":\"CANARY-").append(k).append('"');
        want.append(sep).append('"').append(name).append("\":")
            .append(sel ? "\"***\"" : "\"CANARY-" + k + "\"");
      }
      String doc = in.append('}').toString();
      JsonTesting.Result r = JsonTesting.scan(doc, p);
      assertThat(r.textOr(doc)).isEqualTo(want.append('}').toString());
    }
  }
}
