/**
 * The rule engine's policy side: {@link dev.masking.rules.Rule rules} made of a
 * {@link dev.masking.rules.Selector selector} and a {@link dev.masking.core.MaskAction mask action},
 * collected into an immutable {@link dev.masking.rules.RuleSet} that is built in code, loaded from a
 * JSON rule file, or taken from a preset, and compiled once into a {@link
 * dev.masking.core.MaskPolicy}.
 */
package dev.masking.rules;
