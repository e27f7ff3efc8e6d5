package dev.masking.core;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared attack corpora for replay tests: the folder named by the system property
 * {@code masking.corpora}, else the nearest {@code shared/corpora} at or above the working
 * directory (or beside one of its ancestors, for worktrees next to {@code shared}).
 */
public final class Corpora {
  private Corpora() {}

  /** The corpora folder, or null when none is found. */
  public static Path root() {
    String prop = System.getProperty("masking.corpora");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared").resolve("corpora");
      if (Files.isDirectory(c)) {
        return c;
      }
      c = p.resolveSibling("shared").resolve("corpora");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The file or folder {@code relative} inside the corpora folder; when absent, prints a notice
   * and aborts the calling test (skipped, not failed).
   */
  public static Path require(String relative) {
    Path root = root();
    Path p = root == null ? null : root.resolve(relative);
    if (p == null || !Files.exists(p)) {
      System.out.println("NOTICE: corpus " + relative + " not found (set -Dmasking.corpora=DIR); "
          + "test skipped");
      Assumptions.abort("corpus " + relative + " absent");
    }
    return p;
  }
}
