package dev.masking.core;

import dev.masking.core.detect.DetectorRule;
import java.util.List;

/**
 * Decides, for each field the scanners find, whether and how it is masked. The rule engine
 * implements it; core calls it and never knows why.
 *
 * <p>Scanners ask at every level of a field's point, outermost first: a form field {@code
 * user[password]} is asked about as {@code form_urlencoded user}, then as {@code ... > hash
 * password}; a JSON member is asked about before its value is entered. The first level that is
 * selected is masked whole. Implementations must be thread-safe, must not keep the field view, and
 * must not throw; core fails closed (masks the whole part) if one does.
 */
@FunctionalInterface
public interface MaskPolicy {

  /** A policy that selects nothing. */
  MaskPolicy NONE = field -> null;

  /**
   * Returns how to mask {@code field}, or {@code null} to leave it and look inside it.
   *
   * @param field the field; valid only during this call
   */
  Decision decide(Field field);

  /**
   * Whether {@link #decide} could select a field whose innermost step is a named step of {@code
   * parser} (such as {@code hash} for a JSON member) whose decoded name is the UTF-8 text {@code
   * name[from, to)}, whatever the steps above it. Scanners use it to skip asking about names no
   * rule can select; returning {@code false} promises that {@code decide} would return {@code
   * null} for every such field. The default is the safe answer, {@code true}.
   *
   * @param parser the innermost step's parser
   * @param name bytes holding the decoded name as UTF-8; not modified
   * @param from first byte of the name
   * @param to end of the name (exclusive)
   * @return false only when no such field can be selected
   */
  default boolean maySelectName(String parser, byte[] name, int from, int to) {
    return true;
  }

  /**
   * Whether this policy can select anything at all. Returning {@code false} lets core copy a request
   * through without scanning it.
   */
  default boolean selectsAnything() {
    return this != NONE;
  }

  /**
   * The value detectors this policy activates, each with the decision applied to what it finds.
   * Core runs them over every value no rule selected by its point (and over attack payloads and
   * carried-through string members). The default is none. Called once per masking call, on the
   * bound policy; return a shared immutable list. It must not throw: when it throws, or the list
   * holds null, the masking call throws rather than mask without the detectors.
   */
  default List<DetectorRule> detectors() {
    return List.of();
  }

  /**
   * This policy narrowed to the rules whose conditions hold for {@code report} (host, path,
   * method, headers, application id ...). Core calls it once per report, before any field is
   * asked about, and asks only the returned policy. The default returns {@code this}: a policy
   * without conditions applies to every report.
   *
   * <p>Implementations must be thread-safe and must not throw; the returned policy may hold
   * per-report state and is used by one masking call only. It must not keep request values
   * beyond that call.
   *
   * @param report the report about to be masked
   * @return the policy to ask for this report; never null
   */
  default MaskPolicy bind(AttackReport report) {
    return this;
  }

  /**
   * Why this (bound) policy applies as it does: fixed sentences naming rule ids and condition
   * kinds and points, such as {@code rule login-pass: header HOST iequal matched; path 0 equal
   * matched}. Never request values: a sentence may not echo a host, path or header value, since
   * any of them can be attacker-chosen. Core adds each sentence as an {@link Note.Kind#INFO} note.
   *
   * @return the sentences, possibly empty; never null
   */
  default java.util.List<String> explain() {
    return java.util.List.of();
  }
}
