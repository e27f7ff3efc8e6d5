package dev.masking.rules.cli;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.io.InputFormat;
import dev.masking.core.io.RawHttp;
import dev.masking.core.io.ReportFormatException;
import dev.masking.core.io.ReportJson;
import dev.masking.core.io.ReportLines;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command-line tool: masks attack reports from files or standard input and writes them to
 * standard output in the input's format.
 *
 * <pre>
 * java -jar masking-cli.jar [--rules FILE]... [--preset NAME]... [--format auto|json|jsonl|http]
 *                           [--explain] [--hmac-key-file FILE [--hmac-key-id ID]] [FILE|-]...
 * </pre>
 *
 * <p>Exit status: 0 when every report was written (hostile content is masked, not an error; input
 * that is not a report at all gives a placeholder and a warning on stderr), 2 for bad usage or bad
 * rules (message on stderr, nothing on stdout), 1 for an I/O failure. JSON Lines are streamed: one
 * output line per input report line, same order, bounded memory. Nothing on stderr ever holds a
 * request value.
 */
public final class MaskCli {
  static final int OK = 0;
  static final int IO_FAILURE = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = String.join("\n",
      "usage: java -jar masking-cli.jar [options] [FILE ...]   (stdin when no FILE or '-')",
      "  --rules FILE          a rule file: our format or a Wallarm rules export (detected);",
      "                        repeatable; skipped Wallarm rules are listed on stderr",
      "  --preset NAME         a built-in preset (" + String.join(", ", sortedPresets())
          + "); repeatable; 'default' when neither option is given",
      "  --format F            auto (default), json, jsonl or http",
      "  --explain             add what was masked: points, rule ids, actions, fallbacks,",
      "                        and which rule conditions matched",
      "  --hmac-key-file FILE  key for the hmac action (at least 16 bytes)",
      "  --hmac-key-id ID      id written into hmac masks (default k1)",
      "  --help                this text");

  private MaskCli() {}

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false,
        StandardCharsets.UTF_8);
    int status = run(args, System.in, out, System.err, System.console() != null);
    out.flush();
    System.exit(status);
  }

  /**
   * Runs the tool.
   *
   * @param args command-line arguments
   * @param stdin standard input
   * @param stdout where masked reports go
   * @param stderr where messages go (never request values)
   * @param progress whether to show a progress line for large batches on stderr
   * @return the exit status
   */
  public static int run(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr,
      boolean progress) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      stderr.println("masking: " + e.getMessage());
      stderr.println(USAGE_TEXT);
      return USAGE;
    }
    if (o.help) {
      stderr.println(USAGE_TEXT);
      return OK;
    }
    Masker masker;
    try {
      masker = o.masker();
    } catch (IllegalArgumentException e) { // RuleFileException too: it quotes file:line:column
      stderr.println("masking: " + e.getMessage());
      return USAGE;
    } catch (UncheckedIOException e) {
      stderr.println("masking: cannot read " + describe(e.getCause()));
      return USAGE;
    }
    for (String note : masker.rules().notes()) {
      stderr.println("masking: " + note); // rule ids and types from the rule file, never requests
    }
    Run r = new Run(masker, o, stdout, stderr, progress);
    List<String> files = o.files.isEmpty() ? List.of("-") : o.files;
    try {
      for (String f : files) {
        if ("-".equals(f)) {
          r.process(stdin, "<stdin>");
        } else {
          try (InputStream in = Files.newInputStream(Path.of(f))) {
            r.process(in, f);
          }
        }
      }
      stdout.flush();
    } catch (IOException | UncheckedIOException e) {
      stderr.println("masking: I/O failure: " + describe(e));
      return IO_FAILURE;
    }
    r.finish();
    return OK;
  }

  private static String describe(Throwable e) {
    Throwable c = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (c instanceof NoSuchFileException n) {
      return n.getFile() + " (no such file)";
    }
    // File-system messages name files, never request content.
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  private static List<String> sortedPresets() {
    List<String> l = new ArrayList<>(RuleSet.presetNames());
    l.sort(null);
    return l;
  }

  /** Parsed command-line options. */
  static final class Options {
    final List<String> ruleFiles = new ArrayList<>();
    final List<String> presets = new ArrayList<>();
    final List<String> files = new ArrayList<>();
    String format = "auto";
    boolean explain;
    boolean help;
    String hmacKeyFile;
    String hmacKeyId = "k1";

    static Options parse(String[] args) {
      Options o = new Options();
      boolean onlyFiles = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (onlyFiles || "-".equals(a) || !a.startsWith("-")) {
          o.files.add(a);
          continue;
        }
        switch (a) {
          case "--" -> onlyFiles = true;
          case "--rules" -> o.ruleFiles.add(value(args, ++i, a));
          case "--preset" -> o.presets.add(value(args, ++i, a));
          case "--format" -> {
            o.format = value(args, ++i, a);
            if (!Arrays.asList("auto", "json", "jsonl", "http").contains(o.format)) {
              throw new IllegalArgumentException(
                  "--format takes auto, json, jsonl or http, got '" + o.format + "'");
            }
          }
          case "--explain" -> o.explain = true;
          case "--hmac-key-file" -> o.hmacKeyFile = value(args, ++i, a);
          case "--hmac-key-id" -> o.hmacKeyId = value(args, ++i, a);
          case "--help", "-h" -> o.help = true;
          default -> throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      return o;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    Masker masker() {
      RuleSet rules = RuleSet.empty();
      List<String> presetNames = presets.isEmpty() && ruleFiles.isEmpty()
          ? List.of("default") : presets;
      for (String p : presetNames) {
        rules = rules.plus(RuleSet.preset(p));
      }
      for (String f : ruleFiles) {
        rules = rules.plus(RuleSet.load(Path.of(f)));
      }
      MaskingOptions.Builder ob = MaskingOptions.builder();
      if (hmacKeyFile != null) {
        try {
          ob.hmacKey(hmacKeyId, Files.readAllBytes(Path.of(hmacKeyFile)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return Masker.of(rules, ob.build());
    }
  }

  /** One run over all inputs: counts and progress. */
  private static final class Run {
    private final Masker masker;
    private final Options o;
    private final OutputStream out;
    private final PrintStream err;
    private final boolean progress;
    private long reports;
    private long notReports;

    Run(Masker masker, Options o, OutputStream out, PrintStream err, boolean progress) {
      this.masker = masker;
      this.o = o;
      this.out = out;
      this.err = err;
      this.progress = progress;
    }

    void process(InputStream raw, String name) throws IOException {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      InputFormat format = switch (o.format) {
        case "json" -> InputFormat.JSON;
        case "jsonl" -> InputFormat.JSONL;
        case "http" -> InputFormat.HTTP;
        default -> sniff(in);
      };
      switch (format) {
        case JSONL -> lines(in, name);
        case HTTP -> http(in.readAllBytes());
        default -> json(in.readAllBytes(), name);
      }
    }

    private static InputFormat sniff(BufferedInputStream in) throws IOException {
      in.mark(1 << 16);
      byte[] start = in.readNBytes(1 << 16);
      in.reset();
      Optional<InputFormat> f = InputFormat.sniff(start);
      return f.orElse(InputFormat.JSON);
    }

    private void json(byte[] bytes, String name) throws IOException {
      if (isBlank(bytes)) {
        return;
      }
      try {
        write(masker.mask(ReportJson.read(bytes)));
      } catch (ReportFormatException e) {
        notReport(name, e.getMessage());
      }
    }

    private void lines(InputStream in, String name) throws IOException {
      try (ReportLines lines = ReportLines.read(in)) {
        while (lines.hasNext()) {
          ReportLines.Line line = lines.next();
          if (line instanceof ReportLines.Ok ok) {
            write(masker.mask(ok.report()));
          } else if (line instanceof ReportLines.Bad bad) {
            notReport(name + ":" + bad.lineNumber(), bad.reason());
          }
        }
      }
    }

    private void http(byte[] bytes) throws IOException {
      RawHttp.Parsed parsed = RawHttp.parseWithStyle(bytes);
      MaskedReport m = masker.mask(AttackReport.of(parsed.request()));
      if (m.report().request() == parsed.request()) {
        out.write(bytes); // nothing masked: the original bytes, exactly
      } else {
        out.write(RawHttp.write(m.report().request(), parsed.lineEnding()));
      }
      if (o.explain) {
        for (Note n : m.notes()) {
          err.println("explain: " + n);
        }
      }
      counted();
    }

    private void write(MaskedReport m) throws IOException {
      out.write(ReportJson.write(m, o.explain));
      out.write('\n');
      counted();
    }

    private void notReport(String where, String reason) throws IOException {
      // The reason is a fixed sentence with a position: never input text.
      notReports++;
      out.write(("{\"masking\":{\"error\":\"input is not an attack report\"}}\n")
          .getBytes(StandardCharsets.UTF_8));
      err.println("masking: " + where + ": not an attack report (" + reason + "); "
          + "a placeholder was written");
    }

    private void counted() {
      reports++;
      if (progress && reports % 10_000 == 0) {
        err.print("\rmasked " + reports + " reports");
      }
    }

    void finish() {
      if (progress && reports >= 10_000) {
        err.println("\rmasked " + reports + " reports");
      }
      if (notReports > 0) {
        err.println("masking: " + notReports + " input(s) were not attack reports");
      }
    }

    private static boolean isBlank(byte[] b) {
      for (byte x : b) {
        if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
          return false;
        }
      }
      return true;
    }
  }
}
