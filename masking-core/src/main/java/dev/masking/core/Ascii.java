package dev.masking.core;

/**
 * ASCII-only case folding. Never depends on the default locale: under a Turkish locale
 * {@code "I".toLowerCase()} is a dotless i, and a rule for {@code AUTHORIZATION} would miss.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ascii {
  private Ascii() {}

  /** Folds one char: A-Z to a-z, everything else unchanged. */
  public static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** Folds one byte: A-Z to a-z, everything else unchanged. */
  public static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  /** Lower-cases the ASCII letters of {@code s}; returns {@code s} itself when nothing changes. */
  public static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] out = s.toCharArray();
        for (int j = i; j < out.length; j++) {
          out[j] = lower(out[j]);
        }
        return new String(out);
      }
    }
    return s;
  }

  /** Upper-cases the ASCII letters of {@code s}; returns {@code s} itself when nothing changes. */
  public static String upper(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        char[] out = s.toCharArray();
        for (int j = i; j < out.length; j++) {
          char d = out[j];
          out[j] = d >= 'a' && d <= 'z' ? (char) (d - 32) : d;
        }
        return new String(out);
      }
    }
    return s;
  }

  /** Compares two strings with ASCII letters folded. */
  public static boolean equalsIgnoreCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (lower(a.charAt(i)) != lower(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
