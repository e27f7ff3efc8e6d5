package dev.masking.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

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
   * Inflates the gzip members {@code gz} starts with, as {@code GZIPInputStream} reads them:
   * member after member while the bytes after one start with a whole gzip header, each member's
   * CRC and size checked. Bytes after the last member that start with no gzip header (a carried
   * request, trailing junk) are no part of the inflated data; their offset goes to {@code end[0]}
   * when {@code end} is given, so that a caller writing the data back can keep them.
   *
   * @return the inflated bytes, {@link #TOO_LARGE} or {@link #CORRUPT} (compare by identity)
   */
  static byte[] inflate(byte[] gz, int max, int[] end) {
    int pos = header(gz, 0);
    if (pos < 0) {
      return CORRUPT;
    }
    Inflater inf = new Inflater(true);
    CRC32 crc = new CRC32();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, gz.length * 4 + 64));
      byte[] buf = new byte[8192];
      long total = 0;
      while (true) {
        inf.reset();
        crc.reset();
        inf.setInput(gz, pos, gz.length - pos);
        long size = 0;
        while (!inf.finished()) {
          int k = inf.inflate(buf);
          if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
            return CORRUPT; // truncated
          }
          total += k;
          if (total > max) {
            return TOO_LARGE;
          }
          size += k;
          crc.update(buf, 0, k);
          out.write(buf, 0, k);
        }
        pos = gz.length - inf.getRemaining();
        if (gz.length - pos < TRAILER || le32(gz, pos) != (int) crc.getValue()
            || le32(gz, pos + 4) != (int) size) {
          return CORRUPT;
        }
        pos += TRAILER;
        // A whole header after a member starts another (a cut one then makes the data corrupt:
        // GZIPInputStream reads it too, at least when 19 bytes or more follow the trailer).
        int next = header(gz, pos);
        if (next < 0) {
          if (end != null) {
            end[0] = pos;
          }
          return out.toByteArray();
        }
        pos = next;
      }
    } catch (DataFormatException | RuntimeException e) {
      // Corrupt data; the exception text is never kept.
      return CORRUPT;
    } finally {
      inf.end();
    }
  }

  private static final int TRAILER = 8;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  /** The offset after the gzip header at {@code p}, or -1 when there is no whole, valid one. */
  private static int header(byte[] b, int p) {
    int n = b.length;
    if (n - p < 10 || (b[p] & 0xff) != 0x1f || (b[p + 1] & 0xff) != 0x8b || b[p + 2] != 8) {
      return -1;
    }
    int flg = b[p + 3] & 0xff;
    int q = p + 10;
    if ((flg & FEXTRA) != 0) {
      if (n - q < 2) {
        return -1;
      }
      int xlen = (b[q] & 0xff) | (b[q + 1] & 0xff) << 8;
      q += 2;
      if (n - q < xlen) {
        return -1;
      }
      q += xlen;
    }
    if ((flg & FNAME) != 0) {
      q = afterZero(b, q);
    }
    if ((flg & FCOMMENT) != 0 && q >= 0) {
      q = afterZero(b, q);
    }
    if (q < 0) {
      return -1;
    }
    if ((flg & FHCRC) != 0) {
      if (n - q < 2) {
        return -1;
      }
      CRC32 c = new CRC32();
      c.update(b, p, q - p);
      if (((b[q] & 0xff) | (b[q + 1] & 0xff) << 8) != ((int) c.getValue() & 0xffff)) {
        return -1;
      }
      q += 2;
    }
    return q;
  }

  /** The offset after the zero byte ending the string at {@code q}, or -1 when there is none. */
  private static int afterZero(byte[] b, int q) {
    while (q < b.length && b[q] != 0) {
      q++;
    }
    return q < b.length ? q + 1 : -1;
  }

  private static int le32(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
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
