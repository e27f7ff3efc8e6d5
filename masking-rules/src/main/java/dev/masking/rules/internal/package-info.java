/**
 * Compiled rule structures (name tables, point indexes) behind {@link
 * dev.masking.rules.RuleSet#policy()}. Internal: may change without notice. A bug here can leave a
 * selected value unmasked, so every change comes with a test in the rules module.
 */
package dev.masking.rules.internal;
