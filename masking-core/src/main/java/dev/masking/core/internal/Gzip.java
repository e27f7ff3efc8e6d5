package dev.masking.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gunzips with a hard cap on the inflated size (a zip bomb stops at the cap, never fills memory)
 * and gzips again. Stateless and thread-safe.
 */
final class Gzip {
  /** The result of {@link #inflate} when the data is not complete, valid gzip. */
  static final byte[] CORRUPT = new byte[0];
  /** The result of {@link #inflate} when the inflated data is larger than the cap. */
  static final byte[] TOO_LARGE = new byte[0];

  private Gzip() {}

  /** Whether {@code b} starts with the gzip magic bytes {@code 1f 8b}. */
  static boolean magic(byte[] b) {
    return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  /**
   * Inflates {@code gz}, reading at most {@code max + 1} bytes.
   *
   * @return the inflated bytes, {@link #TOO_LARGE} or {@link #CORRUPT} (compare by identity)
   */
  static byte[] inflate(byte[] gz, int max) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 4096)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, gz.length * 4 + 64));
      byte[] buf = new byte[8192];
      int total = 0;
      while (true) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, (long) max + 1 - total));
        if (n < 0) {
          return out.toByteArray();
        }
        total += n;
        if (total > max) {
          return TOO_LARGE;
        }
        out.write(buf, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      // Truncated or corrupt data; the exception text is never kept.
      return CORRUPT;
    }
  }

  /** Gzips {@code data}. */
  static byte[] deflate(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new IllegalStateException("gzip to memory failed", e);
    }
    return out.toByteArray();
  }
}
