package dev.masking.bench;

import dev.masking.core.AttackReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A quick A/B aid for a shared, loaded machine: ns of this thread's CPU time per operation (not
 * wall time, which other processes' load inflates), median of several rounds. Not a substitute for
 * JMH figures; used to compare two builds of ours.
 *
 * <pre>
 * java -cp masking-bench/target/benchmarks.jar dev.masking.bench.CpuTime json:1kb json:100kb report
 * </pre>
 */
public final class CpuTime {
  private CpuTime() {}

  /**
   * Runs each named case.
   *
   * @param args cases: {@code json:SIZE} (scanner alone), {@code jsonapi:SIZE} (Masker on a
   *     body-only report), {@code form} (the login form, as FormBenchmark), {@code report} (the full report, default
   *     preset), {@code xml} / {@code xmlapi} / {@code woodstox} (XmlBenchmark's maskingScanner,
   *     masking, woodstoxCopy), {@code multipart} / {@code multipartapi} (MultipartBenchmark's
   *     maskingScanner, masking), {@code login} (the form-login report, default preset), {@code
   *     scale} (the RuleScaleBenchmark report with 10 conditioned rules),
   *     {@code detectors:INPUT:MODE} (as DetectorsBenchmark), {@code headers} / {@code uri} (the
   *     full report's headers alone, its URI alone), {@code header:NAME} (one header of it alone;
   *     {@code header:none}: none)
   */
  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String c : args) {
      Supplier<Object> op;
      if (c.startsWith("json:")) {
        byte[] body = Inputs.json(c.substring(5));
        JsonEngines e = new JsonEngines(Inputs.JSON_KEYS);
        op = () -> e.maskingScanner(body);
      } else if (c.startsWith("jsonmasker:")) {
        byte[] body = Inputs.json(c.substring(11));
        JsonEngines e = new JsonEngines(Inputs.JSON_KEYS);
        op = () -> e.jsonMasker(body);
      } else if (c.startsWith("jsonapi:")) {
        AttackReport r = Inputs.bodyOnly("application/json", Inputs.json(c.substring(8)));
        JsonEngines e = new JsonEngines(Inputs.JSON_KEYS);
        op = () -> e.maskingReport(r);
      } else if (c.equals("form")) {
        AttackReport r = Inputs.bodyOnly(FormBenchmark.CONTENT_TYPE, Inputs.formBody());
        Masker m = Masker.of(Inputs.formRules());
        op = () -> m.mask(r);
      } else if (c.startsWith("xml") || c.equals("woodstox")) {
        XmlBenchmark x = new XmlBenchmark();
        x.setup();
        op = c.equals("xml") ? x::maskingScanner : c.equals("xmlapi") ? x::masking : () -> {
          try {
            return x.woodstoxCopy();
          } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException(e);
          }
        };
      } else if (c.startsWith("multipart")) {
        MultipartBenchmark x = new MultipartBenchmark();
        x.setup();
        op = c.equals("multipart") ? x::maskingScanner : x::masking;
      } else if (c.equals("login")) {
        // ReportBenchmark's form-login report under the default preset.
        AttackReport r = Inputs.formLogin();
        Masker m = Masker.of(RuleSet.preset("default"));
        op = () -> m.mask(r);
      } else if (c.equals("scale")) {
        // RuleScaleBenchmark's report under the default preset plus 10 conditioned rules.
        AttackReport r = RuleScaleBenchmark.report();
        Masker m = Masker.of(RuleScaleBenchmark.ruleSet(10));
        op = () -> m.mask(r);
      } else if (c.startsWith("detectors:")) {
        // detectors:INPUT:MODE, as DetectorsBenchmark (e.g. detectors:json-api:detectors+sweep)
        String[] p = c.split(":");
        DetectorsBenchmark b = new DetectorsBenchmark();
        b.input = p[1];
        b.mode = p[2];
        b.setup();
        op = b::masking;
      } else if (c.equals("headers") || c.equals("uri")) {
        // The full report's headers alone (uri "/", no body), or its URI alone (no headers).
        dev.masking.core.HttpRequest q = Inputs.fullReport().request();
        dev.masking.core.HttpRequest.Builder b = q.toBuilder().body(new byte[0]);
        AttackReport r = AttackReport.of(c.equals("headers") ? b.uri("/").build()
            : b.headers(dev.masking.core.Headers.empty()).build());
        Masker m = Masker.of(RuleSet.preset("default"));
        op = () -> m.mask(r);
      } else if (c.startsWith("jsonwalk:") || c.startsWith("jsonnone:")) {
        // The scanner alone without inspectors (jsonwalk: the bench rules; jsonnone: a rule no
        // member name matches): what the walk and the policy cost without the nested layers.
        byte[] body = Inputs.json(c.substring(9));
        dev.masking.core.MaskPolicy policy = c.startsWith("jsonwalk:")
            ? Masker.of(Inputs.jsonRules()).rules().policy()
            : Masker.of(RuleSet.builder().rule(dev.masking.rules.Rule.builder("bench/none")
                .names("zz-not-a-member").exact(true)
                .action(dev.masking.core.MaskAction.redact()).build()).build()).rules().policy();
        dev.masking.core.MaskingOptions o =
            dev.masking.core.MaskingOptions.builder().maxDecodeLayers(0).build();
        op = () -> {
          dev.masking.core.internal.MaskRun run = new dev.masking.core.internal.MaskRun(policy, o);
          run.push(dev.masking.core.Step.of("post"), null);
          byte[] out = dev.masking.core.internal.JsonScanner.mask(body, 0, body.length, run);
          return out == null ? body : out;
        };
      } else if (c.startsWith("header:")) {
        // header:NAME: the full report's header NAME alone (uri "/", no body); header:none: no
        // header at all (the report's fixed cost, to subtract).
        dev.masking.core.HttpRequest q = Inputs.fullReport().request();
        java.util.List<dev.masking.core.Header> hs = new java.util.ArrayList<>();
        for (dev.masking.core.Header h : q.headers().asList()) {
          if (h.is(c.substring(7))) {
            hs.add(h);
          }
        }
        AttackReport r = AttackReport.of(q.toBuilder().body(new byte[0]).uri("/")
            .headers(dev.masking.core.Headers.of(hs)).build());
        Masker m = Masker.of(RuleSet.preset("default"));
        op = () -> m.mask(r);
      } else {
        AttackReport r = Inputs.fullReport();
        Masker m = Masker.of(RuleSet.preset("default"));
        op = () -> m.mask(r);
      }
      Object sink = null;
      // Warm up until the JIT is done: at least 4 s of wall time and 2 s of this thread's CPU
      // time, then until the compilers' total time has not grown over 1 s of this thread's CPU
      // time (at most 120 s). Under load the C2 queue for the report path takes 15 to 30 s of
      // wall time; a fixed wall-clock warm-up measured partly C1 code (rounds up to 2x the min).
      java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
      boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
      long wallStart = System.nanoTime();
      long cpuStart = mx.getCurrentThreadCpuTime();
      long quietSince = cpuStart;
      long jitSeen = jitTimed ? jit.getTotalCompilationTime() : 0;
      while (true) {
        for (int i = 0; i < 100; i++) {
          sink = op.get();
        }
        long now = System.nanoTime();
        long cpu = mx.getCurrentThreadCpuTime();
        if (jitTimed) {
          long j = jit.getTotalCompilationTime();
          if (j != jitSeen) {
            jitSeen = j;
            quietSince = cpu;
          }
        }
        boolean minimum = now - wallStart >= 4_000_000_000L && cpu - cpuStart >= 2_000_000_000L;
        if (now - wallStart >= 120_000_000_000L
            || (minimum && (!jitTimed || cpu - quietSince >= 1_000_000_000L))) {
          break;
        }
      }
      double[] rounds = new double[9];
      for (int r = 0; r < rounds.length; r++) {
        long n = 0;
        long t0 = mx.getCurrentThreadCpuTime();
        long end = t0 + 300_000_000L;
        long t;
        do {
          for (int i = 0; i < 50; i++) {
            sink = op.get();
          }
          n += 50;
        } while ((t = mx.getCurrentThreadCpuTime()) < end);
        rounds[r] = (t - t0) / (double) n;
      }
      java.util.Arrays.sort(rounds);
      System.out.printf(Locale.ROOT, "%-16s %10.0f ns/op (cpu, median of 9; min %.0f)%s%n", c,
          rounds[4], rounds[0], sink == null ? "?" : "");
    }
  }
}
