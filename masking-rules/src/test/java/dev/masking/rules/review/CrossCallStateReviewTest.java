package dev.masking.rules.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import dev.masking.core.detect.DetectorRule;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * State that outlives one masking call (the pooled scratch, the JSON member-name cache and its
 * by-name answers, the XML name and namespace caches, the sweep's tables, the bound-view and
 * detector caches) never carries a value or a decision from one report into another: every
 * report masked under every masker, after any other report under any other masker on the same
 * thread (including reports that hit a limit, fall back, or are huge), from eight threads at once,
 * or from inside another masking call, gives exactly the output and notes it gives alone on a
 * fresh thread.
 */
final class CrossCallStateReviewTest {

  private static final String CONDITIONED = """
      {"include": ["default"], "rules": [
        {"id": "c-pin", "names": ["pin", "alpha_name_17bytes"],
         "when": {"path": "/login"}},
        {"id": "c-code", "names": ["code"], "action": {"type": "keep_last", "count": 2},
         "when": {"method": "PUT"}},
        {"id": "c-ns", "names": ["Hidden"], "exact": true, "when": {"header": {"X-Mode": "a"}}}
      ]}
      """;

  /** Same rule ids as CONDITIONED, other names: equal by id, different by rules. */
  private static final String SAME_IDS = """
      {"rules": [
        {"id": "c-pin", "names": ["note", "alpha_name_17bytez"]},
        {"id": "c-code", "names": ["user"], "action": "stars"},
        {"id": "c-ns", "point": [["post"], ["xml"], ["xml_tag", "a"], ["xml_tag", "Hidden"]]}
      ]}
      """;

  /** Exact names that share length, first and last eight bytes with unselected ones. */
  private static final String LONG_NAMES = """
      {"rules": [
        {"id": "n-long", "names": ["secret_kAey_value", "aaaaaaaaMIDDLE_Abbbbbbbb",
          "x:Password"], "exact": true},
        {"id": "n-point", "point": [["post"], ["json_doc"], ["hash", "outer"], ["hash", "id"]]}
      ]}
      """;

  private static List<Function<AttackReport, MaskedReport>> maskers() {
    MaskingOptions tight = MaskingOptions.builder().maxNotes(3).maxJsonDepth(6).maxXmlDepth(6)
        .maxFields(40).build();
    Masker def = Masker.of(RuleSet.preset("default"));
    Masker tightDef = Masker.of(RuleSet.preset("default"), tight);
    Masker cond = Masker.of(RuleSet.parse(CONDITIONED, "conditioned"));
    Masker same = Masker.of(RuleSet.parse(SAME_IDS, "same-ids"));
    Masker longNames = Masker.of(RuleSet.parse(LONG_NAMES, "long-names"));
    MaskPolicy byHeader = new MaskPolicy() {
      // A code policy whose answer depends on the report (a header), bound per report.
      @Override
      public Decision decide(Field f) {
        return null;
      }

      @Override
      public MaskPolicy bind(AttackReport r) {
        String mode = r.request().headers().first("X-Mode");
        String pick = "a".equals(mode) ? "user" : "note";
        return f -> pick.equals(f.name()) ? new Decision(new dev.masking.core.MaskAction.Stars(),
            "code-" + pick) : null;
      }
    };
    return List.of(def::mask, tightDef::mask, cond::mask, same::mask, longNames::mask,
        r -> Rewriter.mask(r, byHeader, MaskingOptions.defaults()));
  }

  private static AttackReport json(String method, String uri, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.builder().method(method).uri(uri)
        .header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return AttackReport.of(b.body(body).build());
  }

  private static AttackReport xml(String uri, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.builder().method("POST").uri(uri)
        .header("Content-Type", "text/xml");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return AttackReport.of(b.body(body).build());
  }

  static List<AttackReport> reports() throws IOException {
    List<AttackReport> out = new ArrayList<>();
    Path golden = Path.of("src/test/resources/golden");
    try (Stream<Path> s = Files.list(golden)) {
      for (Path p : s.sorted().toList()) {
        if (p.getFileName().toString().endsWith(".input.json")) {
          out.add(ReportJson.read(Files.readAllBytes(p)));
        }
      }
    }
    String names = "{\"pin\":\"pin-secret-1\",\"note\":\"note-secret-1\",\"user\":\"u-1\","
        + "\"code\":\"code-123456\",\"alpha_name_17bytes\":\"a17-secret\","
        + "\"alpha_name_17bytez\":\"z17-value\",\"secret_kBey_value\":\"kb-plain\","
        + "\"secret_kAey_value\":\"ka-secret\",\"aaaaaaaaMIDDLE_Bbbbbbbbb\":\"mb-plain\","
        + "\"aaaaaaaaMIDDLE_Abbbbbbbb\":\"ma-secret\",\"outer\":{\"id\":\"outer-id\"},"
        + "\"id\":\"top-id\",\"Pin\":\"cap-pin\"}";
    out.add(json("POST", "/login", names));
    out.add(json("POST", "/other", names));
    out.add(json("PUT", "/login", names, "X-Mode", "a"));
    out.add(json("POST", "/login", "{\"list\":[" + names + "," + names + "]}", "X-Mode", "b"));
    // Names past the caches' sizes, and many distinct names (evictions).
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 300; i++) {
      many.append(i == 0 ? "" : ",").append("\"pin").append(i).append("\":\"v").append(i)
          .append("\",\"n").append(i).append("password\":\"p").append(i).append('"');
    }
    out.add(json("POST", "/login", many.append(",\"pin\":\"last-pin\"}").toString()));
    String longName = "pin" + "x".repeat(140);
    out.add(json("POST", "/login", "{\"" + longName + "A\":\"la\",\"" + longName + "B\":\"lb\","
        + "\"password\":\"lp-secret\"}"));
    // Limits: notes, depth, fields; malformed; huge.
    out.add(json("POST", "/login", "{\"a\":".repeat(20) + "{\"password\":\"deep-secret\"}"
        + "}".repeat(20)));
    out.add(json("POST", "/login", "{\"password\":\"bad-secret\", ,, {{\"pin\":\"bad-pin\""));
    StringBuilder notes = new StringBuilder("[");
    for (int i = 0; i < 80; i++) {
      notes.append(i == 0 ? "" : ",").append("{\"password\":\"np").append(i).append("\"}");
    }
    out.add(json("POST", "/login", notes.append(']').toString()));
    out.add(json("POST", "/login", "{\"blob\":\"" + "q".repeat(100_000)
        + "\",\"password\":\"huge-secret\",\"pin\":\"huge-pin\"}"));
    // XML: the same bytes under other namespace bindings, names read by local part.
    out.add(xml("/login", "<a xmlns:x=\"urn:one\"><x:Password>xp1</x:Password>"
        + "<Hidden>h1</Hidden><y:pin xmlns:y=\"urn:two\">yp1</y:pin></a>", "X-Mode", "a"));
    out.add(xml("/login", "<a xmlns:x=\"urn:two\"><x:Password>xp2</x:Password>"
        + "<x:Hidden>h2</x:Hidden><pin>p2</pin></a>", "X-Mode", "b"));
    StringBuilder x = new StringBuilder("<r xmlns:s=\"urn:three\">");
    for (int i = 0; i < 400; i++) {
      x.append("<e").append(i).append(" k=\"v").append(i).append("\">t</e").append(i).append('>');
    }
    out.add(xml("/login", x.append("<password>xs</password><s:pin>sp</s:pin></r>").toString()));
    out.add(xml("/login", "<a><b>" + "<c>".repeat(30) + "<password>xd</password>"
        + "</c>".repeat(30) + "</b></a>"));
    return out;
  }

  private static String render(MaskedReport m) {
    return new String(ReportJson.write(m, true), StandardCharsets.UTF_8);
  }

  /** Each report under each masker, masked alone on a fresh thread. */
  private static String[][] baseline(List<Function<AttackReport, MaskedReport>> maskers,
      List<AttackReport> reports) throws Exception {
    String[][] out = new String[maskers.size()][reports.size()];
    for (int m = 0; m < maskers.size(); m++) {
      for (int r = 0; r < reports.size(); r++) {
        int mi = m;
        int ri = r;
        Thread t = new Thread(() -> out[mi][ri] = render(maskers.get(mi).apply(reports.get(ri))));
        t.start();
        t.join();
        assertThat(out[m][r]).as("masker %d report %d", m, r).isNotNull();
      }
    }
    return out;
  }

  @Test
  void anyReportAfterAnyOtherUnderAnyMaskerOnOneThreadGivesItsOutputAlone() throws Exception {
    List<Function<AttackReport, MaskedReport>> maskers = maskers();
    List<AttackReport> reports = reports();
    String[][] alone = baseline(maskers, reports);
    // Every report A under every masker, each followed by seven reports B under a masker that
    // changes with A (every ordered pair of reports is covered over the masker rotation).
    int n = reports.size();
    for (int ma = 0; ma < maskers.size(); ma++) {
      for (int ra = 0; ra < n; ra++) {
        int mb = (ma + ra) % maskers.size();
        for (int j = 0; j < 7; j++) {
          int rb = (ra + ma * 7 + j) % n;
          maskers.get(ma).apply(reports.get(ra));
          assertThat(render(maskers.get(mb).apply(reports.get(rb))))
              .as("masker %d report %d after masker %d report %d", mb, rb, ma, ra)
              .isEqualTo(alone[mb][rb]);
        }
      }
    }
  }

  @Test
  void aMaskedReportIsNotChangedByTheCallsMadeAfterIt() throws Exception {
    List<Function<AttackReport, MaskedReport>> maskers = maskers();
    List<AttackReport> reports = reports();
    List<MaskedReport> kept = new ArrayList<>();
    List<String> rendered = new ArrayList<>();
    for (int m = 0; m < maskers.size(); m++) {
      for (AttackReport r : reports) {
        MaskedReport out = maskers.get(m).apply(r);
        kept.add(out);
        rendered.add(render(out));
      }
    }
    for (int i = 0; i < kept.size(); i++) {
      assertThat(render(kept.get(i))).as("output %d", i).isEqualTo(rendered.get(i));
    }
  }

  @Test
  void eightThreadsSharingTheMaskersGiveTheOutputsOfOneThread() throws Exception {
    List<Function<AttackReport, MaskedReport>> maskers = maskers();
    List<AttackReport> reports = reports();
    String[][] alone = baseline(maskers, reports);
    stress(maskers, reports, alone, Executors.newFixedThreadPool(8));
    ExecutorService virtual;
    try {
      // Virtual threads where the JDK has them (21 and up; the library targets 17): each task's
      // thread-local state is its own virtual thread's, whichever carrier runs it.
      virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
          .invoke(null);
    } catch (NoSuchMethodException e) {
      return;
    }
    stress(maskers, reports, alone, virtual);
  }

  private static void stress(List<Function<AttackReport, MaskedReport>> maskers,
      List<AttackReport> reports, String[][] alone, ExecutorService pool) throws Exception {
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = 31L * t + 7;
        done.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          for (int i = 0; i < 400; i++) {
            int m = rnd.nextInt(maskers.size());
            int r = rnd.nextInt(reports.size());
            assertThat(render(maskers.get(m).apply(reports.get(r))))
                .as("masker %d report %d (seed %d, call %d)", m, r, seed, i)
                .isEqualTo(alone[m][r]);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A policy that masks other reports from inside every question it is asked. */
  private static final class Reentrant implements MaskPolicy {
    private final MaskPolicy inner;
    private final Runnable during;

    Reentrant(MaskPolicy inner, Runnable during) {
      this.inner = inner;
      this.during = during;
    }

    @Override
    public Decision decide(Field field) {
      during.run();
      return inner.decide(field);
    }

    @Override
    public boolean maySelectName(String parser, byte[] name, int from, int to) {
      during.run();
      return inner.maySelectName(parser, name, from, to);
    }

    @Override
    public List<DetectorRule> detectors() {
      return inner.detectors();
    }

    @Override
    public MaskPolicy bind(AttackReport report) {
      return new Reentrant(inner.bind(report), during);
    }

    @Override
    public List<String> explain() {
      return inner.explain();
    }
  }

  @Test
  void aPolicyThatMasksFromInsideItsQuestionsChangesNeitherCallsOutput() throws Exception {
    List<Function<AttackReport, MaskedReport>> maskers = maskers();
    List<AttackReport> reports = reports().subList(0, 30);
    String[][] alone = baseline(maskers, reports);
    MaskPolicy policy = RuleSet.parse(CONDITIONED, "conditioned").policy();
    int[] calls = new int[1];
    List<String> mismatches = new ArrayList<>();
    Runnable during = () -> {
      int k = calls[0]++;
      if (k % 7 != 0) {
        return;
      }
      int m = (k / 7) % maskers.size();
      int r = (k / 7) % reports.size();
      if (!render(maskers.get(m).apply(reports.get(r))).equals(alone[m][r])) {
        mismatches.add("inner masker " + m + " report " + r);
      }
    };
    MaskPolicy plain = new Reentrant(policy, () -> { });
    MaskPolicy reentrant = new Reentrant(policy, during);
    for (AttackReport r : reports) {
      String expected = render(Rewriter.mask(r, plain, MaskingOptions.defaults()));
      assertThat(render(Rewriter.mask(r, reentrant, MaskingOptions.defaults())))
          .isEqualTo(expected);
    }
    assertThat(calls[0]).isGreaterThan(100);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void aPolicyThatMasksXmlWhileAskedAboutAnElementNameStillMasksThatElement() {
    Masker inner = Masker.of(RuleSet.preset("default"));
    StringBuilder x = new StringBuilder("<r>");
    for (int i = 0; i < 300; i++) {
      x.append("<n").append(i).append(">t</n").append(i).append('>');
    }
    AttackReport innerReport = xml("/i", x.append("</r>").toString());
    String innerAlone = render(inner.mask(innerReport));
    MaskPolicy base = RuleSet.preset("default").policy();
    List<String> innerOut = new ArrayList<>();
    MaskPolicy outer = new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        return base.decide(f);
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        // Another report masked on this thread, fully inside the question about one name.
        if (innerOut.isEmpty() && "password".equals(new String(name, from, to - from,
            StandardCharsets.UTF_8))) {
          innerOut.add(render(inner.mask(innerReport)));
        }
        return base.maySelectName(parser, name, from, to);
      }
    };
    for (String doc : List.of("<a><password>outer-secret-1</password></a>",
        "<a b=\"1\"><c/><password>outer-secret-2</password><n7>t</n7></a>")) {
      innerOut.clear();
      MaskedReport m = Rewriter.mask(xml("/o", doc), outer, MaskingOptions.defaults());
      String out = new String(m.report().request().body(), StandardCharsets.UTF_8);
      assertThat(out).doesNotContain("outer-secret").contains("<password>***</password>");
      assertThat(innerOut).containsExactly(innerAlone);
    }
  }
}
