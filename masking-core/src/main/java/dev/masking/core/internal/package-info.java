/**
 * Masking mechanics: scanners, the per-call run state and the rewriter. Internal: may change
 * without notice. Classes here are the library's trusted computing base: a bug in them can leak a
 * selected value, so every change comes with a canary leak test.
 */
package dev.masking.core.internal;
