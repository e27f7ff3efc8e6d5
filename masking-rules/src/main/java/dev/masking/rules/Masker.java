package dev.masking.rules;

import dev.masking.core.AttackReport;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import java.util.Objects;

/**
 * Masks attack reports under a rule set: the one entry point a filtering node needs.
 *
 * <pre>{@code
 * Masker masker = Masker.of(RuleSet.preset("default"));
 * MaskedReport out = masker.mask(report);
 * send(out.report());
 * }</pre>
 *
 * <p>Rules are compiled once, when the masker is made. A masker is immutable and thread-safe: share
 * one across all threads. {@link #mask} never throws on report content and cannot fail for
 * configuration reasons.
 */
public final class Masker {
  private final RuleSet rules;
  private final MaskPolicy policy;
  private final MaskingOptions options;

  private Masker(RuleSet rules, MaskingOptions options) {
    this.rules = rules;
    this.policy = rules.policy();
    this.options = options;
  }

  /**
   * A masker for {@code rules} with the default options.
   *
   * @throws IllegalArgumentException if a rule uses {@code hmac} (which needs a key in the options)
   */
  public static Masker of(RuleSet rules) {
    return of(rules, MaskingOptions.defaults());
  }

  /**
   * A masker for {@code rules} with the given options.
   *
   * @throws IllegalArgumentException if a rule uses {@code hmac} and the options hold no key
   */
  public static Masker of(RuleSet rules, MaskingOptions options) {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(options, "options");
    if (rules.requiresHmacKey() && !options.hasHmacKey()) {
      throw new IllegalArgumentException(
          "a rule uses the hmac action but no HMAC key was given: set one with "
              + "MaskingOptions.builder().hmacKey(id, key) (command line: --hmac-key-file)");
    }
    return new Masker(rules, options);
  }

  /**
   * Masks one report.
   *
   * @return the masked report and notes (points, rule ids, actions, fallbacks; never values)
   * @throws NullPointerException if {@code report} is null
   */
  public MaskedReport mask(AttackReport report) {
    return Rewriter.mask(report, policy, options);
  }

  /** The rules this masker applies. */
  public RuleSet rules() {
    return rules;
  }

  /** The options in force. */
  public MaskingOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "Masker[" + rules.rules().size() + " rules, " + options + "]";
  }
}
