package dev.masking.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for rewritten output. Not thread-safe; one per scan. */
public final class ByteSink {
  private byte[] buf;
  private int len;

  /** A sink with room for {@code capacity} bytes before it grows. */
  public ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int extra) {
    int need = len + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  /** Appends {@code src[from, to)}. */
  public void write(byte[] src, int from, int to) {
    int n = to - from;
    ensure(n);
    System.arraycopy(src, from, buf, len, n);
    len += n;
  }

  /** Appends all of {@code src}. */
  public void write(byte[] src) {
    write(src, 0, src.length);
  }

  /** Appends one byte. */
  public void write(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  /** Appends a string as UTF-8. */
  public void writeUtf8(String s) {
    write(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes written so far. */
  public int length() {
    return len;
  }

  /** Drops everything after the first {@code n} bytes. */
  public void truncate(int n) {
    len = Math.min(len, n);
  }

  /** Byte at {@code i}. */
  public byte at(int i) {
    return buf[i];
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
