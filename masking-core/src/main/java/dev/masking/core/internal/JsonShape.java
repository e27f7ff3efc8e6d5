package dev.masking.core.internal;

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
    int n = v.length();
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
