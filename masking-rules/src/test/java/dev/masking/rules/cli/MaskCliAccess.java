package dev.masking.rules.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command-line tool in-process for tests in other packages. */
public final class MaskCliAccess {
  private MaskCliAccess() {}

  /** What one run wrote. */
  public record Result(int status, String stdout, String stderr) {}

  /** Runs {@code MaskCli} with {@code args} on {@code stdin}. */
  public static Result run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = MaskCli.run(args, new ByteArrayInputStream(stdin), out,
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Result(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
