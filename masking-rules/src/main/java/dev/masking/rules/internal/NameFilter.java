package dev.masking.rules.internal;

import dev.masking.core.Ascii;
import dev.masking.core.NamePrefixes;
import java.util.Collection;

/**
 * A bit set of name hashes for {@link CompiledPolicy#maySelectName}: a name whose hash bit is not
 * set is certainly none of the names the set was built from, under any of the {@link NameTable}
 * modes. The hash folds ASCII letters and skips the separators {@code _ - .} and space (the
 * loosest comparison, {@link NameTable.Mode#NORMALIZE}), so a name equal to a key exactly or
 * folded hashes like it too.
 *
 * <p>A second bit set holds the hashes of the names' first {@value #PREFIX} normalised characters,
 * so that most names that are none of the keys are answered after hashing three characters, not
 * the whole name: in a JSON body most member names are asked about once per scan, and hashing
 * them whole was a fifth of the scan's CPU time (JFR, CpuTime json:1kb).
 *
 * <p>Stateless; the bit sets are immutable once built and thread-safe.
 */
final class NameFilter {
  private NameFilter() {}

  /** The hash of a name that must be asked about whatever the bits say. */
  static final int UNUSUAL = -1;

  /** The answer of {@link #hash(byte[], int, int, long[])} for a name that is certainly absent. */
  static final int ABSENT = -2;

  /** Normalised characters in a prefix of the prefix bit set. */
  static final int PREFIX = 3;

  private static final int BITS = NamePrefixes.BITS;
  private static final int WORDS = BITS / 64;

  /** The bits of {@code names}: their hashes, then the hashes of their prefixes. */
  static long[] bits(Collection<String> names) {
    long[] bits = new long[2 * WORDS];
    for (String n : names) {
      int h = hash(n);
      bits[h >>> 6] |= 1L << h;
      int p = prefixHash(n);
      if (p >= 0) {
        bits[WORDS + (p >>> 6)] |= 1L << p;
      }
    }
    return bits;
  }

  /** The union of two bit sets made by {@link #bits}; either may be null (not both). */
  static long[] union(long[] a, long[] b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    long[] out = new long[a.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = a[i] | b[i];
    }
    return out;
  }

  /** Whether bit {@code h} (a {@link #hash} other than {@link #UNUSUAL}) is set. */
  static boolean has(long[] bits, int h) {
    return (bits[h >>> 6] & 1L << h) != 0;
  }

  /** Non-zero for the bytes {@code a-z} and {@code 0-9}. */
  private static final byte[] PLAIN = new byte[256];

  static {
    for (int c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = 1;
    }
    for (int c = '0'; c <= '9'; c++) {
      PLAIN[c] = 1;
    }
  }

  /** The bit of hash {@code h}: the one scanners probe inline (see {@link NamePrefixes}). */
  private static int mix(int h) {
    return NamePrefixes.index(h);
  }

  /**
   * The prefix bits of a bit set made by {@link #bits} (or {@link #union}), as {@link
   * NamePrefixes#namePrefixBits} hands them to scanners: the hashes of the names' first {@link
   * #PREFIX} normalised characters, the same hash as {@link #hash(byte[], int, int, long[])}
   * probes.
   */
  static long[] prefixBits(long[] bits) {
    return java.util.Arrays.copyOfRange(bits, WORDS, 2 * WORDS);
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

  /** The hash of the first {@link #PREFIX} normalised characters of a key; -1 if it is shorter. */
  private static int prefixHash(String s) {
    int h = 0;
    int k = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!NameForms.isSeparator(c)) {
        h = 31 * h + Ascii.lower(c);
        if (++k == PREFIX) {
          return mix(h);
        }
      }
    }
    return -1;
  }

  /**
   * The hash of the name whose UTF-8 bytes are {@code b[from, to)}, or {@link #UNUSUAL} when it
   * holds a byte that {@code decide} would read another spelling of or compare otherwise:
   * non-ASCII, {@code %}, NUL, a backslash, or a control or blank byte first or last; or {@link
   * #ABSENT} as soon as the name's first {@link #PREFIX} normalised characters are no prefix in
   * {@code bits}. Stopping there is safe for the bytes not read: every other spelling {@code decide} reads (percent-decoded, NUL removed,
   * trimmed) changes a name only from its first unusual byte on, or at its ends, which are checked
   * first; so it keeps those characters, and no key starts with them.
   */
  static int hash(byte[] b, int from, int to, long[] bits) {
    if (to - from >= PREFIX && (PLAIN[b[from] & 0xFF] & PLAIN[b[from + 1] & 0xFF]
        & PLAIN[b[from + 2] & 0xFF]) != 0) {
      // The common case, a name starting with three lower-case letters or digits: its first
      // normalised characters are those bytes, whatever follows (every other spelling decide
      // reads changes a name only from an unusual byte on or at its blank ends, and a letter or
      // digit is neither), so one probe of the prefix bits answers most absent names. Measured
      // with CpuTime json:1kb, see the commit.
      int p = mix((b[from] * 31 + b[from + 1]) * 31 + b[from + 2]);
      if ((bits[WORDS + (p >>> 6)] & 1L << p) == 0) {
        return ABSENT;
      }
    }
    if (to > from && (b[from] <= ' ' || b[to - 1] <= ' ')) {
      return UNUSUAL; // also catches non-ASCII (negative) bytes at either end
    }
    int h = 0;
    int k = 0;
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
      if (++k == PREFIX) {
        int p = mix(h);
        if ((bits[WORDS + (p >>> 6)] & 1L << p) == 0) {
          return ABSENT;
        }
      }
    }
    return mix(h);
  }
}
