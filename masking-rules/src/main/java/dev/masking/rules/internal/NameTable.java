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

  private int hash(String s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (mode == Mode.NORMALIZE && NameForms.isSeparator(c)) {
        continue;
      }
      h = 31 * h + (mode == Mode.EXACT ? c : Ascii.lower(c));
    }
    return h ^ (h >>> 16);
  }

  private boolean matches(String name, String key) {
    int j = 0;
    int keyLength = key.length();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (mode == Mode.NORMALIZE && NameForms.isSeparator(c)) {
        continue;
      }
      if (j == keyLength) {
        return false;
      }
      char folded = mode == Mode.EXACT ? c : Ascii.lower(c);
      if (folded != key.charAt(j++)) {
        return false;
      }
    }
    return j == keyLength;
  }
}
