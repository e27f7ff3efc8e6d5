package dev.masking.rules.internal;

import dev.masking.core.Ascii;
import java.util.Map;

/**
 * An immutable open-addressing hash table from names to values, looked up without allocating:
 * the query name is folded (and, in {@link Mode#NORMALIZE}, stripped of separators) on the fly
 * while hashing and comparing, so no lower-cased copy of a field name is ever made.
 *
 * <p>Immutable after construction and thread-safe.
 *
 * @param <V> value type
 */
final class NameTable<V> {

  /** How names compare. */
  enum Mode {
    /** Exactly, char by char. */
    EXACT,
    /** ASCII letters folded. */
    FOLD,
    /** ASCII letters folded, separators ({@code _ - .} and space) ignored. */
    NORMALIZE
  }

  private final Mode mode;
  private final String[] keys;
  private final Object[] values;
  private final int mask;
  private final int size;

  /**
   * A table of {@code entries}, whose keys must already be in the mode's canonical form (lower
   * case for FOLD, {@link NameForms#normalize} for NORMALIZE).
   */
  NameTable(Mode mode, Map<String, V> entries) {
    this.mode = mode;
    int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1)) << 1;
    this.keys = new String[capacity];
    this.values = new Object[capacity];
    this.mask = capacity - 1;
    this.size = entries.size();
    for (Map.Entry<String, V> e : entries.entrySet()) {
      int slot = hash(e.getKey()) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = e.getKey();
      values[slot] = e.getValue();
    }
  }

  /** The value for {@code name} compared under this table's mode, or null. */
  @SuppressWarnings("unchecked")
  V get(String name) {
    if (size == 0) {
      return null; // e.g. no exact-names rule: no hash to compute (measured: see commit)
    }
    int slot = hash(name) & mask;
    String k;
    while ((k = keys[slot]) != null) {
      if (matches(name, k)) {
        return (V) values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return null;
  }

  // One loop per mode rather than a mode test per character: a lookup is made for every named
  // field of a request, and the per-character tests were the largest cost of a JSON member.

  private int hash(String s) {
    int h = 0;
    int n = s.length();
    switch (mode) {
      case EXACT -> {
        for (int i = 0; i < n; i++) {
          h = 31 * h + s.charAt(i);
        }
      }
      case FOLD -> {
        // The length and at most four characters: every lookup compares the whole name with the
        // key it finds anyway, and a field name is looked up on every decide (measured with
        // CpuTime jsonwalk:dense1kb, see the commit).
        if (n > 0) {
          h = ((n * 31 + Ascii.lower(s.charAt(0))) * 31 + Ascii.lower(s.charAt(n >>> 1))) * 31
              + Ascii.lower(s.charAt(n - 1));
          h = h * 31 + Ascii.lower(s.charAt(n - 1 - (n >>> 2)));
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          char c = s.charAt(i);
          if (!NameForms.isSeparator(c)) {
            h = 31 * h + Ascii.lower(c);
          }
        }
      }
    }
    return h ^ (h >>> 16);
  }

  private boolean matches(String name, String key) {
    switch (mode) {
      case EXACT -> {
        return name.equals(key);
      }
      case FOLD -> {
        int n = name.length();
        if (n != key.length()) {
          return false;
        }
        if (name.equals(key)) {
          // Most names that match are written as the canonical key already: one intrinsic
          // comparison instead of a charAt and a fold per character (measured with CpuTime
          // json:1kb, see the commit).
          return true;
        }
        for (int i = 0; i < n; i++) {
          if (Ascii.lower(name.charAt(i)) != key.charAt(i)) {
            return false;
          }
        }
        return true;
      }
      default -> {
        if (name.equals(key)) {
          return true; // as for FOLD: a name already in the canonical form
        }
        int j = 0;
        int keyLength = key.length();
        for (int i = 0; i < name.length(); i++) {
          char c = name.charAt(i);
          if (NameForms.isSeparator(c)) {
            continue;
          }
          if (j == keyLength || Ascii.lower(c) != key.charAt(j++)) {
            return false;
          }
        }
        return j == keyLength;
      }
    }
  }
}
