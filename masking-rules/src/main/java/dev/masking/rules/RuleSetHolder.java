package dev.masking.rules;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Holds the rule set in force and swaps in a new one atomically (hot reload). Each {@link #mask}
 * call takes the masker current when it starts and finishes under it, so a report in flight during
 * a reload is masked entirely under the old rules or entirely under the new, never a mix. A reload
 * that fails (a rule file with an error, an unreadable file, a rule needing an HMAC key the options
 * lack) leaves the old set in force and says why.
 *
 * <pre>{@code
 * RuleSetHolder holder = RuleSetHolder.load(Path.of("rules.json"), MaskingOptions.defaults());
 * MaskedReport out = holder.mask(report);           // any thread
 * RuleSetHolder.Reload r = holder.reload();         // e.g. when the file changes
 * if (!r.ok()) log.warn("rules not reloaded: {}", r.problem());  // file:line:column
 * }</pre>
 *
 * <p>Thread-safe: {@link #mask} is lock-free; reloads are serialised.
 */
public final class RuleSetHolder {

  /**
   * The outcome of a reload.
   *
   * @param ok whether the new set is now in force
   * @param problem why not (the rule file error with file:line:column), or null when ok
   * @param rules the set in force after the reload
   */
  public record Reload(boolean ok, String problem, RuleSet rules) {}

  private final Supplier<RuleSet> source;
  private final MaskingOptions options;
  private final AtomicReference<Masker> current;
  private final Object reloading = new Object();

  private RuleSetHolder(Supplier<RuleSet> source, MaskingOptions options, Masker first) {
    this.source = source;
    this.options = options;
    this.current = new AtomicReference<>(first);
  }

  /**
   * A holder whose rules come from {@code source}, called now and on each {@link #reload()}.
   *
   * @throws IllegalArgumentException if the first load fails (as {@link Masker#of(RuleSet,
   *     MaskingOptions)} or a {@link RuleFileException})
   * @throws UncheckedIOException if the first load cannot read its file
   */
  public static RuleSetHolder of(Supplier<RuleSet> source, MaskingOptions options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    return new RuleSetHolder(source, options, Masker.of(source.get(), options));
  }

  /**
   * A holder reading {@code files} (our format or Wallarm exports), in order, on creation and on
   * each {@link #reload()}.
   *
   * @throws RuleFileException if a file is not valid at creation
   * @throws UncheckedIOException if a file cannot be read at creation
   */
  public static RuleSetHolder load(List<Path> files, MaskingOptions options) {
    List<Path> copy = List.copyOf(files);
    return of(() -> {
      RuleSet set = RuleSet.empty();
      for (Path f : copy) {
        set = set.plus(RuleSet.load(f));
      }
      return set;
    }, options);
  }

  /**
   * A holder reading one rule file.
   *
   * @throws RuleFileException if the file is not valid at creation
   * @throws UncheckedIOException if the file cannot be read at creation
   */
  public static RuleSetHolder load(Path file, MaskingOptions options) {
    return load(List.of(file), options);
  }

  /**
   * Masks {@code report} under the rules in force when the call starts.
   *
   * @throws NullPointerException if {@code report} is null
   */
  public MaskedReport mask(AttackReport report) {
    return current.get().mask(report);
  }

  /** The masker in force: callers masking a batch under one rule set keep it for the batch. */
  public Masker masker() {
    return current.get();
  }

  /** The rules in force. */
  public RuleSet rules() {
    return current.get().rules();
  }

  /**
   * Loads the source again and, if it loads and compiles, swaps it in. Never throws for a bad
   * rule file or an I/O failure: the old set stays in force and the result says why.
   */
  public Reload reload() {
    synchronized (reloading) {
      Masker next;
      try {
        next = Masker.of(source.get(), options);
      } catch (UncheckedIOException e) {
        return new Reload(false, "cannot read rules: " + e.getCause().getClass().getSimpleName()
            + (e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage()),
            rules());
      } catch (IllegalArgumentException e) {
        // RuleFileException messages quote configuration with file:line:column, never requests.
        return new Reload(false, e.getMessage(), rules());
      }
      current.set(next);
      return new Reload(true, null, next.rules());
    }
  }

  /**
   * Swaps in {@code rules} directly.
   *
   * @throws IllegalArgumentException if the rules need an HMAC key the options lack; the old set
   *     stays in force
   */
  public void swap(RuleSet rules) {
    Masker next = Masker.of(Objects.requireNonNull(rules, "rules"), options);
    synchronized (reloading) {
      current.set(next);
    }
  }

  /** The rule count in force; configuration only. */
  @Override
  public String toString() {
    return "RuleSetHolder[" + rules().rules().size() + " rules]";
  }
}
