package dev.masking.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a text is exactly one well-formed JSON value (RFC 8259, blanks around it allowed), read
 * without a parser and without recursion. The residual sweep asks it of a masked value that starts
 * with {@code {} or {@code [}: only a well-formed container is hunted by its members alone.
 *
 * <p>Stateless; safe to call from any thread.
 */
final class JsonShape {

  private JsonShape() {}

  /** Whether {@code v} is one well-formed JSON value and nothing else but blanks. */
  static boolean wellFormed(String v) {
    return walk(v, 0, null);
  }

  /**
   * When {@code v} is one well-formed JSON value (as {@link #wellFormed}), its scalars as {@link
   * Residuals#jsonScalars(String, int)} lists them (on such a text the two read the same: the
   * decoded string values and the bare numbers and literals, in order, member names left out,
   * escape-free strings and bare scalars shorter than {@code min} too); else null. One pass for the
   * check and the members (measured: the check, then the lenient scan, were about 180 ns of the
   * json-api report's sweep set-up for its masked {@code session} object).
   */
  static List<String> scalars(String v, int min) {
    List<String> out = new ArrayList<>();
    return walk(v, min, out) ? out : null;
  }

  /** Whether {@code v} is one well-formed JSON value; its scalars appended to {@code out} if not null. */
  private static boolean walk(String v, int min, List<String> out) {
    int n = v.length();
    int slash = -2; // the first backslash at or past the last string looked at (-1: none left)
    // Bit d: whether the container open at depth d is an object (else an array).
    long[] objects = new long[(n >>> 6) + 1];
    int depth = 0;
    int i = blanks(v, 0);
    boolean expectValue = true;
    while (true) {
      if (expectValue) {
        if (i >= n) {
          return false;
        }
        char c = v.charAt(i);
        if (c == '{' || c == '[') {
          boolean object = c == '{';
          if (object) {
            objects[depth >>> 6] |= 1L << depth;
          } else {
            objects[depth >>> 6] &= ~(1L << depth);
          }
          depth++;
          i = blanks(v, i + 1);
          if (i < n && v.charAt(i) == (object ? '}' : ']')) {
            depth--;
            i = blanks(v, i + 1);
            expectValue = false;
          } else if (object) {
            i = key(v, i);
            if (i < 0) {
              return false;
            }
          }
          continue;
        }
        int start = i;
        if (c == '"') {
          i = string(v, i);
        } else if (c == '-' || c >= '0' && c <= '9') {
          i = number(v, i);
        } else if (v.startsWith("true", i)) {
          i += 4;
        } else if (v.startsWith("false", i)) {
          i += 5;
        } else if (v.startsWith("null", i)) {
          i += 4;
        } else {
          return false;
        }
        if (i < 0) {
          return false;
        }
        if (out != null) {
          if (c != '"') {
            if (i - start >= min) {
              out.add(v.substring(start, i));
            }
          } else {
            if (slash == -2 || slash >= 0 && slash <= start) {
              slash = v.indexOf('\\', start + 1);
            }
            if (slash < 0 || slash >= i) {
              if (i - 2 - start >= min) {
                out.add(v.substring(start + 1, i - 1)); // no escape inside: the text as it is
              }
            } else {
              out.add(decoded(v, start + 1, i - 1));
            }
          }
        }
        i = blanks(v, i);
        expectValue = false;
      } else {
        if (depth == 0) {
          return i == n;
        }
        if (i >= n) {
          return false;
        }
        boolean object = (objects[(depth - 1) >>> 6] & 1L << (depth - 1)) != 0;
        char c = v.charAt(i);
        if (c == ',') {
          i = blanks(v, i + 1);
          if (object) {
            i = key(v, i);
            if (i < 0) {
              return false;
            }
          }
          expectValue = true;
        } else if (c == (object ? '}' : ']')) {
          depth--;
          i = blanks(v, i + 1);
        } else {
          return false;
        }
      }
    }
  }

  /**
   * The decoded content {@code v[from, to)} of a valid JSON string holding an escape (decoded as
   * {@link Residuals#jsonScalars(String, int)} does: each {@code \\uXXXX} one char).
   */
  private static String decoded(String v, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    int j = from;
    while (j < to) {
      char d = v.charAt(j);
      if (d != '\\') {
        sb.append(d);
        j++;
        continue;
      }
      char e = v.charAt(j + 1);
      if (e == 'u') {
        sb.append((char) Integer.parseInt(v, j + 2, j + 6, 16));
        j += 6;
        continue;
      }
      sb.append(escaped(e));
      j += 2;
    }
    return sb.toString();
  }

  /** The character a two-character JSON escape {@code \e} stands for ({@code e} itself if none). */
  static char escaped(char e) {
    return switch (e) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'b' -> '\b';
      case 'f' -> '\f';
      default -> e;
    };
  }

  /** Past a member name, its colon and the blanks after it; -1 if none is at {@code i}. */
  private static int key(String v, int i) {
    if (i >= v.length() || v.charAt(i) != '"') {
      return -1;
    }
    int j = string(v, i);
    if (j < 0) {
      return -1;
    }
    j = blanks(v, j);
    return j < v.length() && v.charAt(j) == ':' ? blanks(v, j + 1) : -1;
  }

  /** Past the string whose opening quote is at {@code i}; -1 if it is not a valid string. */
  private static int string(String v, int i) {
    int n = v.length();
    int j = i + 1;
    // The usual string: its closing quote found by the vectorized indexOf, then only a test for a
    // backslash or control char before it (measured on the json-api report's masked session
    // object: the char-by-char loop with its three tests per char was about half of the walk).
    int q = v.indexOf('"', j);
    if (q < 0) {
      return -1;
    }
    int p = j;
    while (p < q && v.charAt(p) >= 0x20 && v.charAt(p) != '\\') {
      p++;
    }
    if (p == q) {
      return q + 1;
    }
    j = p; // a control char (rejected below) or an escape: the general loop from there
    while (j < n) {
      char c = v.charAt(j);
      if (c == '"') {
        return j + 1;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c == '\\') {
        if (j + 1 >= n) {
          return -1;
        }
        char e = v.charAt(j + 1);
        if (e == 'u') {
          if (j + 5 >= n) {
            return -1;
          }
          for (int k = j + 2; k < j + 6; k++) {
            if (Character.digit(v.charAt(k), 16) < 0 || v.charAt(k) > 'f') {
              return -1;
            }
          }
          j += 6;
          continue;
        }
        if ("\"\\/bfnrt".indexOf(e) < 0) {
          return -1;
        }
        j += 2;
        continue;
      }
      j++;
    }
    return -1;
  }

  /** Past the number that starts at {@code i}; -1 if it is not a valid number. */
  private static int number(String v, int i) {
    int n = v.length();
    int j = i;
    if (v.charAt(j) == '-') {
      j++;
    }
    if (j >= n || !digit(v.charAt(j))) {
      return -1;
    }
    if (v.charAt(j) == '0') {
      j++;
    } else {
      while (j < n && digit(v.charAt(j))) {
        j++;
      }
    }
    if (j < n && v.charAt(j) == '.') {
      j++;
      if (j >= n || !digit(v.charAt(j))) {
        return -1;
      }
      while (j < n && digit(v.charAt(j))) {
        j++;
      }
    }
    if (j < n && (v.charAt(j) == 'e' || v.charAt(j) == 'E')) {
      j++;
      if (j < n && (v.charAt(j) == '+' || v.charAt(j) == '-')) {
        j++;
      }
      if (j >= n || !digit(v.charAt(j))) {
        return -1;
      }
      while (j < n && digit(v.charAt(j))) {
        j++;
      }
    }
    return j;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int blanks(String v, int i) {
    int n = v.length();
    while (i < n) {
      char c = v.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        break;
      }
      i++;
    }
    return i;
  }
}
