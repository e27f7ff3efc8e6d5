package dev.masking.core.internal;

/**
 * Rewrites a string by replacing ranges in increasing order, copying everything between them
 * unchanged. Allocates nothing until the first edit. One per scan; not thread-safe.
 */
final class TextEdits {
  private final String src;
  /** Lends the builder ({@link MaskRun#borrowText}); null: a builder of its own. */
  private final MaskRun run;
  private StringBuilder out;
  private int copied;

  TextEdits(String src) {
    this(src, null);
  }

  /** Edits whose builder is borrowed from {@code run} and given back by the result methods. */
  TextEdits(String src, MaskRun run) {
    this.src = src;
    this.run = run;
  }

  /**
   * Replaces {@code src[start, end)} with {@code replacement}. A start before the end of the last
   * edit is moved up to it (used when two drops touch the same separator).
   */
  void replace(int start, int end, String replacement) {
    int s = Math.max(start, copied);
    if (out == null) {
      out = run != null ? run.borrowText(src.length() + 16) : new StringBuilder(src.length() + 16);
    }
    out.append(src, copied, s).append(replacement);
    copied = Math.max(s, end);
  }

  /**
   * The rewritten text of {@code src[0, end)} (every edit lies below {@code end}), or null when
   * nothing was edited or the edits wrote the text as it was.
   */
  String resultBefore(int end) {
    if (out == null) {
      return null;
    }
    out.append(src, copied, end);
    int n = out.length();
    if (n == end) {
      boolean same = true;
      for (int i = 0; i < n && same; i++) {
        same = out.charAt(i) == src.charAt(i);
      }
      if (same) {
        giveBack();
        return null;
      }
    }
    String r = out.toString();
    giveBack();
    return r;
  }

  private void giveBack() {
    if (run != null) {
      run.giveBackText(out);
    }
    out = null;
  }

  /** The rewritten string, or the source instance itself when nothing was edited. */
  String result() {
    if (out == null) {
      return src;
    }
    out.append(src, copied, src.length());
    String r = out.toString();
    giveBack();
    return r.equals(src) ? src : r;
  }
}
