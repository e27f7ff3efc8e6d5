/**
 * Value detectors: secrets recognised by their shape rather than by the name of the field that
 * holds them (payment cards, JWTs, private keys, URL passwords, well-known token formats, and the
 * {@code pii} detectors for e-mail addresses, IBANs and US social security numbers).
 *
 * <p>{@link dev.masking.core.detect.Detector} names them; a {@link dev.masking.core.MaskPolicy}
 * activates them through {@link dev.masking.core.MaskPolicy#detectors()} with a list of {@link
 * dev.masking.core.detect.DetectorRule}s. The detectors themselves run in linear time on every
 * value no rule selected by its point, and never use a backtracking regular expression.
 */
package dev.masking.core.detect;
