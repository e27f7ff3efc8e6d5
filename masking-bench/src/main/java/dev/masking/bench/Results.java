package dev.masking.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file into the dated Markdown results file: per benchmark class a table of
 * ops/s, MB/s (input bytes times ops/s), {@code gc.alloc.rate.norm} (B/op) and, for every row that
 * is not ours, how many times faster ours is on the same input.
 *
 * <pre>
 * java -cp masking-bench/target/benchmarks.jar dev.masking.bench.Results RESULT.json OUT.md "how it ran"
 * </pre>
 */
public final class Results {
  private Results() {}

  private record Row(String bench, String method, String param, double ops, double err,
      String unit, double bytesPerOp) {}

  /**
   * Writes the Markdown file.
   *
   * @param args the JMH JSON file, the Markdown file to write, and a line saying how it ran
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Results RESULT.json OUT.md [how it ran]");
      System.exit(2);
    }
    JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    String how = args.length > 2 ? args[2] : "";
    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    String jdk = "";
    for (JsonNode r : root) {
      String full = r.path("benchmark").asText();
      int dot = full.lastIndexOf('.');
      String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
      String method = full.substring(dot + 1);
      StringBuilder param = new StringBuilder();
      r.path("params").fields().forEachRemaining(e -> {
        if (param.length() > 0) {
          param.append(' ');
        }
        param.append(e.getValue().asText());
      });
      double norm = Double.NaN;
      var sec = r.path("secondaryMetrics").fields();
      while (sec.hasNext()) {
        var e = sec.next();
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          norm = e.getValue().path("score").asDouble();
        }
      }
      JsonNode pm = r.path("primaryMetric");
      byClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(new Row(cls, method,
          param.toString(), pm.path("score").asDouble(), pm.path("scoreError").asDouble(),
          pm.path("scoreUnit").asText(), norm));
      jdk = r.path("vmName").asText() + " " + r.path("jdkVersion").asText() + " ("
          + r.path("vmVersion").asText() + ")";
    }

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
    md.append("- JDK: ").append(jdk).append('\n');
    md.append("- Machine: ").append(machine()).append('\n');
    md.append("- Run: ").append(how).append('\n');
    md.append("- Raw JMH output: `").append(Path.of(args[0]).getFileName()).append("`\n\n");
    md.append("MB/s is input bytes x ops/s (1 MB = 10^6 B). \"ours x\" is ours' (`masking`) ops/s "
        + "divided by the row's on the same input: above 1 means ours is faster. `maskingScanner` "
        + "is ours without the report around the body. Read ratios, not absolutes: the machine is "
        + "shared (1-minute load average when the run ended: "
        + String.format(java.util.Locale.ROOT, "%.1f",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage())
        + ", on " + Runtime.getRuntime().availableProcessors() + " cores).\n");
    Map<String, Integer> sizes = new HashMap<>();
    for (var e : byClass.entrySet()) {
      md.append("\n## ").append(e.getKey()).append("\n\n");
      md.append("| method | input | score | ± | unit | MB/s | B/op | ours x |\n");
      md.append("|---|---|---:|---:|---|---:|---:|---:|\n");
      Map<String, Double> ours = new HashMap<>();
      for (Row row : e.getValue()) {
        if ("masking".equals(row.method())) {
          ours.put(row.param(), row.ops());
        }
      }
      List<Row> rows = new ArrayList<>(e.getValue());
      rows.sort(java.util.Comparator.comparing((Row x) -> !x.method().startsWith("masking")));
      for (Row row : rows) {
        int size = sizes.computeIfAbsent(row.bench() + "/" + row.param(),
            k -> inputBytes(row.bench(), row.param()));
        Double o = ours.get(row.param());
        boolean throughput = "ops/s".equals(row.unit());
        String ratio = row.method().startsWith("masking") || o == null || !throughput ? ""
            : String.format(Locale.ROOT, "%.2f", o / row.ops());
        md.append("| ").append(row.method()).append(" | ").append(row.param().isEmpty() ? "-"
                : row.param())
            .append(" | ").append(String.format(Locale.ROOT, "%,.0f", row.ops()))
            .append(" | ").append(Double.isNaN(row.err()) ? ""
                : String.format(Locale.ROOT, "%,.0f", row.err()))
            .append(" | ").append(row.unit())
            .append(" | ").append(size <= 0 || !throughput ? "" : String.format(Locale.ROOT, "%,.0f",
                row.ops() * size / 1e6))
            .append(" | ").append(Double.isNaN(row.bytesPerOp()) ? ""
                : String.format(Locale.ROOT, "%,.0f", row.bytesPerOp()))
            .append(" | ").append(ratio).append(" |\n");
      }
    }
    Files.writeString(Path.of(args[1]), md.toString(), StandardCharsets.UTF_8);
    System.out.println("wrote " + args[1]);
  }

  /** The input size in bytes of one benchmark and parameter, or -1 when unknown. */
  static int inputBytes(String bench, String param) {
    switch (bench) {
      case "JsonBodyBenchmark":
        return Inputs.JSON_SIZES.contains(param) ? Inputs.json(param).length : -1;
      case "FormBenchmark":
        return Inputs.formBody().length;
      case "XmlBenchmark":
        return Inputs.soap().length;
      case "MultipartBenchmark":
        return Inputs.multipart().length;
      case "ReportBenchmark":
        return reportBytes("form-login".equals(param) ? Inputs.formLogin() : Inputs.fullReport());
      default:
        return -1;
    }
  }

  /** Request line, headers and body as they would be sent. */
  static int reportBytes(AttackReport r) {
    int n = r.request().method().length() + r.request().uri().length() + 12;
    for (Header h : r.request().headers()) {
      n += h.name().getBytes(StandardCharsets.UTF_8).length
          + h.value().getBytes(StandardCharsets.UTF_8).length + 4;
    }
    return n + 2 + r.request().bodyLength();
  }

  private static String machine() {
    String cpu = "";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      cpu = "unknown CPU";
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    return cpu + ", " + os.getAvailableProcessors() + " cores visible, " + os.getName() + " "
        + os.getVersion() + " " + os.getArch();
  }
}
