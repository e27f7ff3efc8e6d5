/**
 * Reading and writing attack reports: JSON report format v1 ({@link dev.masking.core.io.ReportJson}),
 * JSON Lines batches ({@link dev.masking.core.io.ReportLines}), raw HTTP/1.x requests
 * ({@link dev.masking.core.io.RawHttp}) and input format sniffing
 * ({@link dev.masking.core.io.InputFormat}).
 *
 * <p>Nothing here ever puts input text into an exception message or {@code toString()}: a report
 * that cannot be read is described by a fixed sentence and, where known, a line and column.
 */
package dev.masking.core.io;
