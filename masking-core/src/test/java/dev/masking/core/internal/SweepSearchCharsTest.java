package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * search15's changes to the sweep's short-text search over strings: the small table's samples and
 * start test read chars as they are (no mapping of non-ASCII chars to one byte), and the header
 * values are read from the header list directly. Differential tests against the automaton over
 * the chars as {@code findAscii} maps them, with non-ASCII chars (Latin-1 and past it, and chars
 * whose low byte is a needle's byte) around echoes at every offset modulo the stride; and a
 * canary over whole reports.
 */
final class SweepSearchCharsTest {

  /** ASCII, Latin-1, a char whose low byte is {@code '1'} and one whose low byte is {@code 'k'}. */
  private static final String ALPHABET = "abk1xX9-_=/ \u00e9\u00ff\u0131\u016b\u2603";

  private static String random(Random r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static Set<String> hitSet(List<Echoes.Hit> hits) {
    Set<String> out = new TreeSet<>();
    for (Echoes.Hit h : hits) {
      out.add(h.start() + ":" + h.end() + ":" + h.needle().kind + ":"
          + System.identityHashCode(h.needle()));
    }
    return out;
  }

  /** The reference: the automaton over the chars as the bytes they match (as findAscii falls back). */
  private static List<Echoes.Hit> reference(Echoes e, String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      char c = s.charAt(i);
      b[i] = (byte) (c < 0x80 ? c : 0x80);
    }
    List<Echoes.Hit> want = new ArrayList<>();
    e.findAutomaton(b, 0, b.length, want);
    return want;
  }

  /**
   * Values planted at every offset modulo the stride, at the text's start and end, among
   * non-ASCII chars: the char-by-char search finds exactly what the automaton finds, and a char
   * whose low byte is a needle byte ({@code \u0131} for {@code 1}) matches nothing.
   */
  @Test
  void theCharSearchFindsWhatTheAutomatonFindsAmongNonAsciiChars() {
    Random r = new Random(15);
    int found = 0;
    for (int round = 0; round < 200; round++) {
      MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
      run.push(Step.of("post"));
      List<String> values = new ArrayList<>();
      int nv = 1 + r.nextInt(5);
      for (int v = 0; v < nv; v++) {
        StringBuilder value = new StringBuilder();
        int len = 4 + r.nextInt(9);
        for (int i = 0; i < len; i++) {
          value.append("abk1xX9-_".charAt(r.nextInt(9)));
        }
        values.add(value.toString());
        run.huntPastLimit(new Decision(MaskAction.redact(), "t"), value.toString());
      }
      Echoes e = Echoes.of(run);
      if (e == null) {
        continue;
      }
      try {
        for (int t = 0; t < 60; t++) {
          String v = values.get(r.nextInt(values.size()));
          int pad = t % 6; // every offset modulo the stride, twice
          String before = random(r, pad);
          String after = random(r, r.nextInt(3));
          String s = switch (t % 4) {
            case 0 -> before + v + after; // near both ends
            case 1 -> random(r, r.nextInt(40)) + before + v + after;
            case 2 -> before + v.replace('1', '\u0131') + after; // low byte only: no echo
            default -> random(r, r.nextInt(50));
          };
          if (!e.matchesChars(s)) {
            continue;
          }
          List<Echoes.Hit> got = new ArrayList<>();
          e.findAscii(s, got);
          List<Echoes.Hit> want = reference(e, s);
          assertThat(hitSet(got)).as("text %s", s).isEqualTo(hitSet(want));
          found += want.isEmpty() ? 0 : 1;
          if (t % 4 == 2 && v.indexOf('1') >= 0) {
            for (Echoes.Hit h : got) {
              assertThat(s.substring(h.start(), h.end())).doesNotContain("\u0131");
            }
          }
        }
      } finally {
        e.release();
      }
    }
    assertThat(found).isGreaterThan(3000);
  }

  private static final MaskPolicy POLICY = f -> "tok".equals(f.name())
      ? new Decision(MaskAction.redact(), "t/names") : null;

  /**
   * Canary: the secret echoed in the URI, in header values at every offset modulo the stride and
   * near their ends (some of them holding chars past Latin-1), and in the body: gone from every
   * part; the other headers kept as sent, in order.
   */
  @Test
  void theSecretIsMaskedInEveryHeaderUriAndBodyAtEveryOffset() {
    for (String secret : new String[] {"k1x9", "s3cr-9QzK", "Zq81-k1x9-Zq81-k1x9-77"}) {
      for (int pad = 0; pad < 6; pad++) {
        String p = "ab-=/ ".substring(0, pad);
        String body = "{\"tok\":\"" + secret + "\",\"x\":\"" + p + secret + "\",\"y\":\"" + p
            + secret + "\u00e9\"}";
        HttpRequest.Builder b = HttpRequest.builder().method("POST")
            .uri("/a" + p + "?q=" + p + secret)
            .protocol("HTTP/1.1")
            .header("X-First", secret + p)
            .header("Host", "example.test")
            .header("X-Echo", p + secret)
            .header("X-End", secret + p)
            .header("X-Wide", "\u2603" + p + secret + "\u2603")
            .header("X-Latin", "\u00e9" + p + secret)
            .header("X-Kept", "nothing here " + p)
            .header("X-Low", p + secret.replace('1', '\u0131'))
            .header("Content-Type", "application/json")
            .header("X-Last", p + secret);
        HttpRequest req = b.body(body).build();
        AttackReport report = new AttackReport("r", "7", req,
            List.of(Attack.of("sqli", Point.of(Step.of("post")), p + secret)), Map.of());
        MaskedReport out = Rewriter.mask(report, POLICY, MaskingOptions.defaults());
        AttackReport o = out.report();
        String where = secret + " pad " + pad;
        assertThat(new String(o.request().bodyUnsafe(), UTF_8)).as(where).doesNotContain(secret);
        assertThat(o.request().uri()).as(where).doesNotContain(secret);
        List<Header> in = req.headers().asList();
        List<Header> got = o.request().headers().asList();
        assertThat(got).hasSameSizeAs(in);
        for (int i = 0; i < got.size(); i++) {
          Header h = got.get(i);
          assertThat(h.name()).isEqualTo(in.get(i).name());
          assertThat(h.value()).as(where + " " + h.name()).doesNotContain(secret);
          if (h.name().equals("X-Kept") || h.name().equals("Host")
              || h.name().equals("Content-Type")
              || h.name().equals("X-Low") && secret.indexOf('1') >= 0) {
            assertThat(h.value()).as(where + " " + h.name()).isEqualTo(in.get(i).value());
          } else {
            assertThat(h.value()).as(where + " " + h.name()).contains("***");
          }
        }
        for (Attack a : o.attacks()) {
          assertThat(a.payload()).as(where).doesNotContain(secret);
        }
      }
    }
  }
}
