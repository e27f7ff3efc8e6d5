package dev.masking.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scratch a masking call borrows from its thread (the step stack, the lazy steps, the byte
 * scratch, see {@code MaskRun.pooled}) carries nothing from one report into the next: reports
 * masked alternately on one thread give the same output every time, and none holds another's
 * secret; a policy that masks from inside a masking call gets its own scratch.
 */
final class PooledRunTest {
  private static final MaskPolicy POLICY = f -> {
    String n = f.name();
    return n != null && (n.equals("password") || n.equals("sessionid") || n.equals("token")
        || n.equals("Authorization")) ? new Decision(MaskAction.redact(), "t") : null;
  };

  private static AttackReport report(String tag, int depth, int valueLength) {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      json.append("{\"k").append(i).append("\":");
    }
    json.append("{\"password\":\"jsonSecret").append(tag).append("\",\"note\":\"")
        .append(("plain" + tag + " ").repeat(valueLength / 7 + 1), 0, valueLength)
        .append("\",\"token\":\"tok").append(tag).append("\"}");
    json.append("}".repeat(depth));
    HttpRequest req = HttpRequest.builder().method("POST")
        .uri("/a/b" + tag + "/c?password=querySecret" + tag + "&x=" + tag)
        .header("Authorization", "Bearer authSecret" + tag)
        .header("Cookie", "lang=en; token=tok" + tag + "; sessionid=cookieSecret" + tag + "; theme="
            + tag)
        .header("X-Note", "hdr" + tag)
        .header("Content-Type", "application/json")
        .body(json.toString())
        .build();
    return AttackReport.of(req);
  }

  private static String text(MaskedReport m) {
    HttpRequest r = m.report().request();
    StringBuilder sb = new StringBuilder(r.uri()).append('\n');
    for (Header h : r.headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    return sb.append(new String(r.body(), UTF_8)).toString();
  }

  private static String mask(AttackReport r) {
    return text(Rewriter.mask(r, POLICY, MaskingOptions.defaults()));
  }

  @Test
  void reportsMaskedAlternatelyOnOneThreadKeepTheirOwnOutputAndNoOtherSecret() {
    List<AttackReport> reports = List.of(report("AA", 0, 20), report("BB", 40, 6000),
        report("CC", 3, 200), report("DD", 300, 10));
    String[] first = new String[reports.size()];
    for (int round = 0; round < 6; round++) {
      for (int i = 0; i < reports.size(); i++) {
        String out = mask(reports.get(i));
        if (round == 0) {
          first[i] = out;
        } else {
          assertThat(out).isEqualTo(first[i]);
        }
        for (String tag : List.of("AA", "BB", "CC", "DD")) {
          for (String s : List.of("jsonSecret", "querySecret", "authSecret", "cookieSecret",
              "tok")) {
            assertThat(out).doesNotContain(s + tag);
          }
        }
        String own = List.of("AA", "BB", "CC", "DD").get(i);
        assertThat(out).contains("hdr" + own).contains("theme=" + own);
        for (String tag : List.of("AA", "BB", "CC", "DD")) {
          if (!tag.equals(own)) {
            assertThat(out).doesNotContain(tag);
          }
        }
      }
    }
  }

  @Test
  void aReportsNotesStayItsOwnWhileLaterReportsReuseTheThreadsLists() {
    List<AttackReport> reports = List.of(report("AA", 0, 20), report("BB", 40, 6000),
        report("CC", 3, 200));
    MaskedReport kept = Rewriter.mask(reports.get(0), POLICY, MaskingOptions.defaults());
    List<String> keptNotes = kept.notes().stream().map(Note::toString).toList();
    assertThat(keptNotes).isNotEmpty();
    int[] counts = new int[reports.size()];
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < reports.size(); i++) {
        MaskedReport m = Rewriter.mask(reports.get(i), POLICY, MaskingOptions.defaults());
        if (round == 0) {
          counts[i] = m.notes().size();
        } else {
          assertThat(m.notes()).hasSize(counts[i]);
        }
        assertThat(kept.notes().stream().map(Note::toString).toList()).isEqualTo(keptNotes);
      }
    }
  }

  @Test
  void aPolicyThatMasksInsideAMaskingCallGetsScratchOfItsOwn() {
    AttackReport inner = report("II", 2, 30);
    String expectedInner = mask(inner);
    String[] seen = new String[1];
    MaskPolicy nesting = f -> {
      if ("password".equals(f.name()) || "sessionid".equals(f.name())) {
        // A masking call on the same thread, mid-scan (for the cookie: while the header's
        // rewrite holds the run's text builder, after the token cookie was masked).
        seen[0] = mask(inner);
      }
      return POLICY.decide(f);
    };
    AttackReport outer = report("OO", 5, 40);
    String expectedOuter = mask(outer);
    String out = text(Rewriter.mask(outer, nesting, MaskingOptions.defaults()));
    assertThat(out).isEqualTo(expectedOuter);
    assertThat(seen[0]).isEqualTo(expectedInner);
    assertThat(mask(outer)).isEqualTo(expectedOuter);
  }
}
