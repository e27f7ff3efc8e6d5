package dev.masking.core.internal;

import java.util.Arrays;

/**
 * Finds where an inspector's rewrite of a text differs from it, as a short list of changed ranges,
 * so that a scanner can write back only those ranges and keep the bytes between two masked spans
 * as they were written. A shortest edit script (Myers' greedy algorithm) bounded to {@link #MAX_D}
 * edits and to a few times the text's length in comparisons; past either there is no
 * answer and the caller writes the changed middle whole. Any answer is safe to write: the ranges
 * and the equal text between them make up the rewrite exactly. Stateless; thread-safe.
 */
final class TextDiff {
  /** The most single-character edits looked for (a card masked by keep_last is 24). */
  static final int MAX_D = 192;

  private TextDiff() {}

  /**
   * The changed ranges of {@code a} against its rewrite {@code b}, as quadruples {@code {i1, i2,
   * j1, j2}} in increasing order ({@code a[i1, i2)} became {@code b[j1, j2)}), never splitting a
   * surrogate pair; null when the texts are equal or differ by more than {@link #MAX_D} edits.
   */
  static int[] hunks(String a, String b) {
    int na = a.length();
    int nb = b.length();
    int p = 0;
    int max0 = Math.min(na, nb);
    while (p < max0 && a.charAt(p) == b.charAt(p)) {
      p++;
    }
    if (p == na && p == nb) {
      return null;
    }
    int q = 0;
    while (q < max0 - p && a.charAt(na - 1 - q) == b.charAt(nb - 1 - q)) {
      q++;
    }
    int n = na - p - q;
    int m = nb - p - q;
    int max = Math.min(MAX_D, n + m);
    int off = max + 1;
    int[] v = new int[2 * max + 3];
    int[][] trace = new int[max + 1][];
    int found = -1;
    // Repetitive text (aaaa...) lets every diagonal run far: the comparisons are capped at a few
    // times the text's length, past which there is no answer (the caller writes the middle whole).
    long budget = 8L * (n + m) + 4096;
    for (int d = 0; d <= max && found < 0; d++) {
      trace[d] = v.clone();
      for (int k = -d; k <= d; k += 2) {
        int x = k == -d || k != d && v[off + k - 1] < v[off + k + 1] ? v[off + k + 1]
            : v[off + k - 1] + 1;
        int y = x - k;
        int x0 = x;
        while (x < n && y < m && a.charAt(p + x) == b.charAt(p + y)) {
          x++;
          y++;
        }
        budget -= x - x0 + 1;
        if (budget < 0) {
          return null;
        }
        v[off + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    if (found < 0) {
      return null;
    }
    // Back from (n, m): the equal runs (snakes), last first.
    int[] runs = new int[4 * (found + 1)];
    int nr = 0;
    int x = n;
    int y = m;
    for (int d = found; d > 0; d--) {
      int[] vp = trace[d];
      int k = x - y;
      int pk = k == -d || k != d && vp[off + k - 1] < vp[off + k + 1] ? k + 1 : k - 1;
      int px = vp[off + pk];
      int py = px - pk;
      int sx = pk == k + 1 ? px : px + 1;
      int sy = sx - k;
      if (x > sx) {
        runs[nr++] = sx;
        runs[nr++] = sy;
        runs[nr++] = x;
        runs[nr++] = y;
      }
      x = px;
      y = py;
    }
    if (x > 0) {
      runs[nr++] = 0;
      runs[nr++] = 0;
      runs[nr++] = x;
      runs[nr++] = y;
    }
    // Hunks are the gaps between the equal runs, in increasing order.
    int[] h = new int[4 * (nr / 4 + 1)];
    int nh = 0;
    int ci = 0;
    int cj = 0;
    for (int r = nr - 4; r >= -4; r -= 4) {
      int ei = r >= 0 ? runs[r] : n;
      int ej = r >= 0 ? runs[r + 1] : m;
      if (ei > ci || ej > cj) {
        h[nh++] = p + ci;
        h[nh++] = p + ei;
        h[nh++] = p + cj;
        h[nh++] = p + ej;
      }
      if (r >= 0) {
        ci = runs[r + 2];
        cj = runs[r + 3];
      }
    }
    return snap(a, b, Arrays.copyOf(h, nh));
  }

  /**
   * Widens hunks that would split a surrogate pair (the text around a hunk is equal on both
   * sides, so both widen alike) and merges hunks that then touch.
   */
  private static int[] snap(String a, String b, int[] h) {
    int nh = 0;
    for (int k = 0; k < h.length; k += 4) {
      int i1 = h[k];
      int i2 = h[k + 1];
      int j1 = h[k + 2];
      int j2 = h[k + 3];
      while (i1 > 0 && j1 > 0
          && (Character.isLowSurrogate(charAt(a, i1)) || Character.isLowSurrogate(charAt(b, j1)))) {
        i1--;
        j1--;
      }
      while (i2 < a.length() && j2 < b.length()
          && (Character.isLowSurrogate(a.charAt(i2)) || Character.isLowSurrogate(b.charAt(j2)))) {
        i2++;
        j2++;
      }
      if (nh > 0 && i1 <= h[nh - 3]) {
        h[nh - 3] = Math.max(h[nh - 3], i2);
        h[nh - 1] = Math.max(h[nh - 1], j2);
      } else {
        h[nh++] = i1;
        h[nh++] = i2;
        h[nh++] = j1;
        h[nh++] = j2;
      }
    }
    return nh == h.length ? h : Arrays.copyOf(h, nh);
  }

  private static char charAt(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }
}
