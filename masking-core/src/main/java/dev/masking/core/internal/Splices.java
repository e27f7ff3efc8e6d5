package dev.masking.core.internal;

import java.util.Arrays;

/**
 * The edits of one scan, in increasing order, applied once into an array of the output's exact
 * size: the bytes between edits are copied straight from the input, instead of through a growing
 * buffer and a final trimming copy.
 *
 * <p>Not thread-safe: one per scan.
 */
final class Splices {
  private int count;
  private int[] start = new int[8];
  private int[] end = new int[8];
  private byte[][] with = new byte[8][];
  /** What the edits add to the input's length (negative when they shorten it). */
  private long delta;

  /**
   * Replaces {@code [s, e)} of the input with {@code bytes}; {@code s} is at or after the end of
   * the previous edit.
   */
  void add(int s, int e, byte[] bytes) {
    if (count == start.length) {
      start = Arrays.copyOf(start, count * 2);
      end = Arrays.copyOf(end, count * 2);
      with = Arrays.copyOf(with, count * 2);
    }
    start[count] = s;
    end[count] = e;
    with[count] = bytes;
    count++;
    delta += bytes.length - (e - s);
  }

  /** Whether no edit was made. */
  boolean isEmpty() {
    return count == 0;
  }

  /**
   * Whether applying the edits to {@code src} changes it: 1 certainly (the length changes, or an
   * edit of the same length as what it replaces differs from it), 0 certainly not (every edit
   * writes the bytes it replaces), -1 unknown (edits that change the length cancel out: compare).
   */
  int changes(byte[] src) {
    if (delta != 0) {
      return 1;
    }
    boolean unknown = false;
    for (int k = 0; k < count; k++) {
      byte[] w = with[k];
      int s = start[k];
      if (w.length != end[k] - s) {
        unknown = true;
      } else if (!Arrays.equals(w, 0, w.length, src, s, end[k])) {
        return 1;
      }
    }
    return unknown ? -1 : 0;
  }

  /**
   * The input {@code src[from, to)} with the edits applied.
   *
   * @throws IllegalStateException if the output would not fit in an array
   */
  byte[] apply(byte[] src, int from, int to) {
    long length = to - from + delta;
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("output too large"); // callers mask the body whole
    }
    byte[] out = new byte[(int) length];
    int at = 0;
    int c = from;
    for (int k = 0; k < count; k++) {
      int n = start[k] - c;
      System.arraycopy(src, c, out, at, n);
      at += n;
      byte[] w = with[k];
      System.arraycopy(w, 0, out, at, w.length);
      at += w.length;
      c = end[k];
    }
    System.arraycopy(src, c, out, at, to - c);
    return out;
  }
}
