package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.NamePrefixes;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Canaries for the steps of member names pushed lazily (names no rule can select), which the JSON
 * scanner keeps in its thread's name cache (its lazy steps, kept across scans and policies) once
 * built for a masked value's point: across scans on one thread, under two policies taking turns,
 * with names of every length around the cache's 8- and 16-byte keys and many names per cache slot,
 * every planted secret is masked, the output is byte-identical to a scan without the name
 * pre-filter (every step pushed at once) and so are the masked values' points in the notes. Fails
 * when a lazy step's cache hit skips the key compare (written by json9, kept for json10's cache).
 */
final class JsonLazyStepCacheCanaryTest {

  /** Selects members named in {@code names}; an immutable policy with a prefix set. */
  private static final class Named implements MaskPolicy, NamePrefixes {
    private final Set<String> names;
    private final Decision d;
    private final long[] prefixes = new long[NamePrefixes.BITS / 64];

    Named(String rule, String... names) {
      this.names = Set.of(names);
      this.d = new Decision(MaskAction.redact(), rule);
      for (String n : names) {
        int bit = NamePrefixes.index((n.charAt(0) * 31 + n.charAt(1)) * 31 + n.charAt(2));
        prefixes[bit >>> 6] |= 1L << bit;
      }
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
      return prefixes;
    }

    @Override
    public boolean maySelectIndexed(String parser) {
      return false;
    }
  }

  /** Parent names: lengths 0 to 20, shared first and last words, one a selected name's prefix. */
  private static final String[] PARENTS = {"", "a", "it", "pas", "items", "passwor", "score_ab",
      "score_abc", "score_abcdefghij", "score_abcdefghik", "xcore_abcdefghij", "score_abcdefghijk",
      "status", "statuz", "état", "tokenish", "data_0123456789_end", "id_7", "ref_9", "x-y"};

  private static final String[] SECRET_NAMES = {"password", "token"};

  @Test
  void lazilyNamedParentsGiveTheSamePointsAndOutputAsEagerOnes() {
    Random r = new Random(9);
    MaskPolicy a = new Named("a", "password", "token");
    MaskPolicy b = new Named("b", "token", "status");
    for (int doc = 0; doc < 600; doc++) {
      List<String> secrets = new ArrayList<>();
      StringBuilder sb = new StringBuilder();
      body(r, sb, secrets, 0);
      String json = sb.toString();
      MaskPolicy p = doc % 3 == 2 ? b : a;
      JsonTesting.Result lazy = JsonTesting.scan(json, p);
      JsonTesting.Result eager;
      MaskRun.nameFilter = false;
      try {
        eager = JsonTesting.scan(json, p);
      } finally {
        MaskRun.nameFilter = true;
      }
      String out = lazy.textOr(json);
      assertThat(out).as(json).isEqualTo(eager.textOr(json));
      assertThat(points(lazy.notes())).as(json).isEqualTo(points(eager.notes()));
      for (String s : secrets) {
        if (s.startsWith("T") || p == a && s.startsWith("P")) {
          assertThat(Leaks.found(out.getBytes(UTF_8), s)).as(json).isNull();
        }
      }
    }
  }

  @Test
  void aMaskedValuesPointNamesEachLazyParent() {
    MaskPolicy a = new Named("a", "password");
    for (int round = 0; round < 3; round++) {
      JsonTesting.Result r = JsonTesting.scan("{\"items\":[{\"score_abcdefghij\":{\"password\":"
          + "\"CANARY-LAZY-1\"}},{\"score_abcdefghik\":{\"password\":\"CANARY-LAZY-2\"}}]}", a);
      assertThat(r.text()).isEqualTo("{\"items\":[{\"score_abcdefghij\":{\"password\":\"***\"}},"
          + "{\"score_abcdefghik\":{\"password\":\"***\"}}]}");
      assertThat(points(r.notes())).containsExactly(
          "MASKED post > json_doc > hash items > array 0 > hash score_abcdefghij > hash password a",
          "MASKED post > json_doc > hash items > array 1 > hash score_abcdefghik > hash password a");
    }
  }

  /**
   * Many parents of one length that share their first 8-byte word (or, up to 8 bytes, all but the
   * last byte), so that many fall into one lazy-step slot with equal lengths and first words:
   * each masked value's point must still name its own parent (fails when a hit compares the
   * length and the first word only).
   */
  @Test
  void parentsSharingTheirFirstWordInOneSlotKeepTheirOwnNames() {
    MaskPolicy a = new Named("a", "password");
    Random r = new Random(16);
    for (int round = 0; round < 4; round++) {
      StringBuilder sb = new StringBuilder("{");
      List<String> secrets = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String parent = switch (i % 3) {
          case 0 -> "score_ab" + letters(r, 8); // 16 bytes
          case 1 -> "score_ab" + letters(r, 4); // 12 bytes
          default -> "scor" + letters(r, 1); // 5 bytes
        };
        String secret = "CANARY-WORD-" + round + "-" + i + "-" + Long.toHexString(r.nextLong());
        secrets.add(secret);
        if (i > 0) {
          sb.append(',');
        }
        sb.append('"').append(parent).append("\":{\"password\":\"").append(secret).append("\"}");
      }
      String json = sb.append('}').toString();
      JsonTesting.Result lazy = JsonTesting.scan(json, a);
      JsonTesting.Result eager;
      MaskRun.nameFilter = false;
      try {
        eager = JsonTesting.scan(json, a);
      } finally {
        MaskRun.nameFilter = true;
      }
      assertThat(points(lazy.notes())).isEqualTo(points(eager.notes()));
      String out = lazy.textOr(json);
      for (String secret : secrets) {
        assertThat(Leaks.found(out.getBytes(UTF_8), secret)).isNull();
      }
    }
  }

  private static String letters(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private static List<String> points(List<Note> notes) {
    List<String> out = new ArrayList<>();
    for (Note n : notes) {
      StringBuilder sb = new StringBuilder();
      if (n.point() != null) {
        for (Step s : n.point().steps()) {
          if (sb.length() > 0) {
            sb.append(" > ");
          }
          sb.append(s.parser());
          if (s.key() != null) {
            sb.append(' ').append(s.key());
          } else if (s.index() >= 0) {
            sb.append(' ').append(s.index());
          }
        }
      }
      out.add(n.kind() + " " + sb + " " + n.ruleId());
    }
    return out;
  }

  private static void body(Random r, StringBuilder sb, List<String> secrets, int depth) {
    sb.append('{');
    int members = 1 + r.nextInt(4);
    for (int m = 0; m < members; m++) {
      if (m > 0) {
        sb.append(',');
      }
      int kind = depth >= 4 ? 0 : r.nextInt(4);
      if (kind == 0) {
        String name = r.nextInt(8) == 0 ? "id_" + r.nextInt(100_000) + "_x"
            : SECRET_NAMES[r.nextInt(SECRET_NAMES.length)];
        String secret = (name.equals("token") ? "T" : name.equals("password") ? "P" : "U")
            + "CANARY-" + secrets.size() + "-" + Long.toHexString(r.nextLong());
        secrets.add(secret);
        sb.append('"').append(name).append("\":\"").append(secret).append('"');
      } else {
        // Now and then a unique name (as in a body of id_1, id_2, ...), which must neither evict
        // the selected names from the cache nor be taken for one.
        String parent = r.nextInt(4) == 0 ? "id_" + r.nextInt(100_000)
            : PARENTS[r.nextInt(PARENTS.length)];
        sb.append('"').append(parent).append("\":");
        if (kind == 1) {
          sb.append('[');
          body(r, sb, secrets, depth + 1);
          sb.append(']');
        } else if (kind == 2) {
          body(r, sb, secrets, depth + 1);
        } else {
          sb.append("\"plain words ").append(r.nextInt(100)).append('"');
        }
      }
    }
    sb.append('}');
  }
}
