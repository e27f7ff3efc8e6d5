package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.NamePrefixes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the JSON scanner's per-name decisions: when the policy says it answers for a
 * member from its name alone ({@link NamePrefixes#decidesByName}), each distinct name is asked
 * about once and the answer reused, also in later scans; when it does not say so, every member is
 * asked. A policy that selects a name only under one parent must keep that name elsewhere (this
 * fails if answers are reused regardless), and under a by-name policy every selected member of
 * many, in repeated and alternating scans, goes, with the output equal to the same policy's
 * without any pre-filter.
 */
final class JsonNameDecisionCanaryTest {

  private static final Decision D = new Decision(MaskAction.redact(), "d");

  /** A policy with pre-filter facts; decides by name alone when {@code byName}. */
  private static final class Facts implements MaskPolicy, NamePrefixes {
    private final MaskPolicy decide;
    private final boolean byName;
    private final Set<String> names;

    Facts(MaskPolicy decide, boolean byName, String... names) {
      this.decide = decide;
      this.byName = byName;
      this.names = Set.of(names);
    }

    @Override
    public Decision decide(Field f) {
      return decide.decide(f);
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      return names.contains(new String(name, from, to - from, UTF_8));
    }

    @Override
    public long[] namePrefixBits(String parser) {
      return null;
    }

    @Override
    public boolean maySelectIndexed(String parser) {
      return false;
    }

    @Override
    public boolean decidesByName(String parser) {
      return byName;
    }
  }

  /** Selects {@code password} only directly under a member named {@code a}. */
  private static final MaskPolicy UNDER_A = f -> f.depth() >= 2 && "password".equals(f.name())
      && "a".equals(f.step(f.depth() - 2).key()) ? D : null;

  @Test
  void aNameSelectedUnderOneParentOnlyIsKeptElsewhere() {
    MaskPolicy p = new Facts(UNDER_A, false, "password");
    String doc = "{\"a\":{\"password\":\"CANARY-A1\"},\"b\":{\"password\":\"keep-b\"},"
        + "\"c\":[{\"password\":\"keep-c\"}],\"a\":{\"x\":1,\"password\":\"CANARY-A2\"}}";
    String want = "{\"a\":{\"password\":\"***\"},\"b\":{\"password\":\"keep-b\"},"
        + "\"c\":[{\"password\":\"keep-c\"}],\"a\":{\"x\":1,\"password\":\"***\"}}";
    for (int round = 0; round < 3; round++) {
      assertThat(JsonTesting.scan(doc, p).textOr(doc)).isEqualTo(want);
      // The same policy in the other order: the first answer for the name is a keep.
      String rev = "{\"b\":{\"password\":\"keep-b\"},\"a\":{\"password\":\"CANARY-A3\"}}";
      assertThat(JsonTesting.scan(rev, p).textOr(rev))
          .isEqualTo("{\"b\":{\"password\":\"keep-b\"},\"a\":{\"password\":\"***\"}}");
    }
  }

  @Test
  void byNameAnswersAreReusedWithoutLosingAMemberAcrossScans() {
    Set<String> one = Set.of("password", "token", "p\\u0061ss");
    Set<String> two = Set.of("token", "k99");
    MaskPolicy byNameOne = new Facts(f -> f.name() != null && one.contains(f.name())
        || "pass".equals(f.name()) ? D : null, true, "password", "token", "pass");
    MaskPolicy byNameTwo = new Facts(f -> f.name() != null && two.contains(f.name()) ? D : null,
        true, "token", "k99");
    for (int round = 0; round < 4; round++) {
      for (MaskPolicy p : List.of(byNameOne, byNameTwo)) {
        List<String> secrets = new ArrayList<>();
        StringBuilder b = new StringBuilder("{\"items\":[");
        for (int k = 0; k < 120; k++) {
          String name = switch (k % 6) {
            case 0 -> "password";
            case 1 -> "token";
            case 2 -> "p\\u0061ss";
            case 3 -> "k" + k;
            case 4 -> "note";
            default -> "passwordx";
          };
          String v = "CANARY-" + round + "-" + k;
          b.append(k == 0 ? "" : ",").append("{\"").append(name).append("\":\"").append(v)
              .append("\"}");
          secrets.add(v);
        }
        String doc = b.append("]}").toString();
        JsonTesting.Result fast = JsonTesting.scan(doc, p);
        MaskPolicy plain = ((Facts) p).decide::decide;
        JsonTesting.Result slow = JsonTesting.scan(doc, plain);
        assertThat(fast.textOr(doc)).isEqualTo(slow.textOr(doc));
        assertThat(fast.notes()).hasSameSizeAs(slow.notes());
        String out = fast.textOr(doc);
        for (int k = 0; k < secrets.size(); k++) {
          boolean selected = p == byNameOne ? k % 6 <= 2 : k % 6 == 1 || k == 99;
          assertThat(out.contains("\"" + secrets.get(k) + "\"")).as(secrets.get(k))
              .isEqualTo(!selected);
        }
      }
    }
  }
}
