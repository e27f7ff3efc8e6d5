package dev.masking.core.internal;

/**
 * A strict, iterative check that bytes are one JSON text (RFC 8259), for deciding whether a value
 * nested inside another is JSON before it is scanned as such. It allocates one small stack and
 * never recurses. Stateless and thread-safe.
 */
final class JsonCheck {
  static final int INVALID = 0;
  static final int VALID = 1;
  /** Well formed as far as read, but nested deeper than the limit. */
  static final int TOO_DEEP = 2;

  private static final byte OBJ = 1;
  private static final byte ARR = 2;

  private JsonCheck() {}

  /** Checks {@code b[from, to)}; leading and trailing JSON whitespace allowed. */
  static int check(byte[] b, int from, int to, int maxDepth) {
    byte[] stack = new byte[Math.max(1, Math.min(maxDepth, 32))];
    int sp = 0;
    int i = ws(b, from, to);
    boolean value = true; // expecting a value (else: after a value)
    while (true) {
      if (value) {
        if (i >= to) {
          return INVALID;
        }
        byte c = b[i];
        if (c == '{' || c == '[') {
          if (sp == maxDepth) {
            return TOO_DEEP;
          }
          if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, Math.min(maxDepth, sp * 2));
          }
          stack[sp++] = c == '{' ? OBJ : ARR;
          i = ws(b, i + 1, to);
          if (i < to && b[i] == (c == '{' ? '}' : ']')) {
            sp--;
            i++;
            value = false;
          } else if (c == '{') {
            i = member(b, i, to);
            if (i < 0) {
              return INVALID;
            }
          }
          continue;
        }
        i = c == '"' ? string(b, i, to) : scalar(b, i, to);
        if (i < 0) {
          return INVALID;
        }
        value = false;
        continue;
      }
      i = ws(b, i, to);
      if (sp == 0) {
        return i == to ? VALID : INVALID;
      }
      if (i >= to) {
        return INVALID;
      }
      byte c = b[i];
      byte top = stack[sp - 1];
      if (c == ',') {
        i = ws(b, i + 1, to);
        if (top == OBJ) {
          i = member(b, i, to);
          if (i < 0) {
            return INVALID;
          }
        }
        value = true;
      } else if (c == (top == OBJ ? '}' : ']')) {
        sp--;
        i++;
      } else {
        return INVALID;
      }
    }
  }

  /** Reads {@code "name" :} at {@code i}; returns the index of the value, or -1. */
  private static int member(byte[] b, int i, int to) {
    if (i >= to || b[i] != '"') {
      return -1;
    }
    i = string(b, i, to);
    if (i < 0) {
      return -1;
    }
    i = ws(b, i, to);
    if (i >= to || b[i] != ':') {
      return -1;
    }
    return ws(b, i + 1, to);
  }

  private static int string(byte[] b, int i, int to) {
    int j = i + 1;
    while (j < to) {
      int c = b[j] & 0xff;
      if (c == '"') {
        return j + 1;
      }
      if (c == '\\') {
        if (j + 1 >= to) {
          return -1;
        }
        byte e = b[j + 1];
        if (e == 'u') {
          if (j + 6 > to) {
            return -1;
          }
          for (int k = j + 2; k < j + 6; k++) {
            if (!hex(b[k])) {
              return -1;
            }
          }
          j += 6;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
            || e == 'r' || e == 't') {
          j += 2;
        } else {
          return -1;
        }
      } else if (c < 0x20) {
        return -1;
      } else {
        j++;
      }
    }
    return -1;
  }

  /**
   * The end of the JSON number or literal ({@code true}, {@code false}, {@code null}) at {@code i}
   * in {@code b}, or -1 when none starts there; up to {@code to}. Shared with {@link JsonShape}'s
   * byte reader.
   */
  static int scalar(byte[] b, int i, int to) {
    byte c = b[i];
    if (c == 't') {
      return literal(b, i, to, "true");
    }
    if (c == 'f') {
      return literal(b, i, to, "false");
    }
    if (c == 'n') {
      return literal(b, i, to, "null");
    }
    return number(b, i, to);
  }

  /** The end of the JSON number at {@code i} in {@code b} (RFC 8259's grammar), or -1. */
  private static int number(byte[] b, int i, int to) {
    int j = i;
    if (b[j] == '-') {
      j++;
    }
    if (j >= to || !digit(b[j])) {
      return -1;
    }
    if (b[j] == '0') {
      j++;
    } else {
      while (j < to && digit(b[j])) {
        j++;
      }
    }
    if (j < to && b[j] == '.') {
      j++;
      if (j >= to || !digit(b[j])) {
        return -1;
      }
      while (j < to && digit(b[j])) {
        j++;
      }
    }
    if (j < to && (b[j] == 'e' || b[j] == 'E')) {
      j++;
      if (j < to && (b[j] == '+' || b[j] == '-')) {
        j++;
      }
      if (j >= to || !digit(b[j])) {
        return -1;
      }
      while (j < to && digit(b[j])) {
        j++;
      }
    }
    return j;
  }

  private static int literal(byte[] b, int i, int to, String word) {
    if (to - i < word.length()) {
      return -1;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        return -1;
      }
    }
    return i + word.length();
  }

  static int ws(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean hex(byte c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
