package dev.masking.rules.internal;

import dev.masking.core.Ascii;
import java.util.Collection;

/**
 * A bit set of name hashes for {@link CompiledPolicy#maySelectName}: a name whose hash bit is not
 * set is certainly none of the names the set was built from, under any of the {@link NameTable}
 * modes. The hash folds ASCII letters and skips the separators {@code _ - .} and space (the
 * loosest comparison, {@link NameTable.Mode#NORMALIZE}), so a name equal to a key exactly or
 * folded hashes like it too.
 *
 * <p>Stateless; the bit sets are immutable once built and thread-safe.
 */
final class NameFilter {
  private NameFilter() {}

  /** The hash of a name that must be asked about whatever the bits say. */
  static final int UNUSUAL = -1;

  private static final int BITS = 1 << 12;

  /** The bits of {@code names}. */
  static long[] bits(Collection<String> names) {
    long[] bits = new long[BITS / 64];
    for (String n : names) {
      int h = hash(n);
      bits[h >>> 6] |= 1L << h;
    }
    return bits;
  }

  /** Whether bit {@code h} (a {@link #hash} other than {@link #UNUSUAL}) is set. */
  static boolean has(long[] bits, int h) {
    return (bits[h >>> 6] & 1L << h) != 0;
  }

  private static int mix(int h) {
    return (h ^ h >>> 12 ^ h >>> 24) & BITS - 1;
  }

  /** The hash of a key (only ASCII characters count; a name with others is {@link #UNUSUAL}). */
  static int hash(String s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!NameForms.isSeparator(c)) {
        h = 31 * h + Ascii.lower(c);
      }
    }
    return mix(h);
  }

  /**
   * The hash of the name whose UTF-8 bytes are {@code b[from, to)}, or {@link #UNUSUAL} when it
   * holds a byte that {@code decide} would read another spelling of or compare otherwise:
   * non-ASCII, {@code %}, NUL, a backslash, or a control or blank byte first or last.
   */
  static int hash(byte[] b, int from, int to) {
    if (to > from && (b[from] <= ' ' || b[to - 1] <= ' ')) {
      return UNUSUAL; // also catches non-ASCII (negative) bytes at either end
    }
    int h = 0;
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c <= 0 || c == '%' || c == '\\') {
        return UNUSUAL;
      }
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      } else if (c == '_' || c == '-' || c == '.' || c == ' ') {
        continue;
      }
      h = 31 * h + c;
    }
    return mix(h);
  }
}
