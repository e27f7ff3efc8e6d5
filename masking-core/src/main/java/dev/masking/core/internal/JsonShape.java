package dev.masking.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
   * The scalars of the JSON container that opens at {@code src[from]} ({@code {} or {@code [}) and
   * is well formed, read from the UTF-8 bytes: appended to {@code out} exactly as {@link
   * #scalars(String, int)} lists them for the text {@code new String(src, from, e, UTF_8)}; returns
   * {@code e}, the index after the container's closing bracket (where the JSON scanner's bracket
   * match ends it), or -1 when no well-formed container opens at {@code from} ({@code out} then
   * holds what was read before the fault). Bytes past the closing bracket are not read. For the
   * JSON scanner, which masks a container whole and hands its members to the residual sweep so
   * that the sweep need not read the text again (see {@link MaskRun#memberScalars}).
   *
   * <p>Why the two agree: outside strings only ASCII is accepted by either; inside a string only
   * the ASCII quote, backslash and control chars matter, and an ASCII byte is never part of a UTF-8
   * sequence (a malformed sequence before a quote is replaced without it). So a string's content
   * decoded with its closing quote, then without that quote, is the text's substring.
   */
  static int scalars(byte[] src, int from, int to, int min, List<String> out) {
    long[] objects = null; // bits for depths 64 and deeper, made when reached
    long top = 0; // bit d: whether the container open at depth d (< 64) is an object
    int depth = 0;
    int i = from;
    while (true) {
      // A value at i.
      if (i >= to) {
        return -1;
      }
      byte c = src[i];
      if (c == '{' || c == '[') {
        boolean object = c == '{';
        if (depth < 64) {
          top = object ? top | 1L << depth : top & ~(1L << depth);
        } else {
          int w = (depth >>> 6) - 1;
          if (objects == null) {
            objects = new long[4];
          } else if (w >= objects.length) {
            objects = java.util.Arrays.copyOf(objects, objects.length * 2);
          }
          objects[w] = object ? objects[w] | 1L << depth : objects[w] & ~(1L << depth);
        }
        depth++;
        i = JsonCheck.ws(src, i + 1, to);
        if (i < to && src[i] == (object ? '}' : ']')) {
          depth--;
          i++;
          // fall through to the part after a value
        } else {
          if (object) {
            i = key(src, i, to);
            if (i < 0) {
              return -1;
            }
          }
          continue;
        }
      } else if (c == '"') {
        long e = string(src, i, to);
        if (e < 0) {
          return -1;
        }
        int s = i + 1;
        int q = (int) (e >>> 1) - 1; // the closing quote
        if ((e & 1) == 0) {
          if (q - s >= min) {
            out.add(new String(src, s, q - s, StandardCharsets.ISO_8859_1)); // ASCII, no escape
          }
        } else {
          String t = new String(src, s, q + 1 - s, StandardCharsets.UTF_8); // with its quote
          int n = t.length() - 1;
          if (t.indexOf('\\') >= 0) {
            out.add(decoded(t, 0, n));
          } else if (n >= min) {
            out.add(t.substring(0, n));
          }
        }
        i = q + 1;
      } else {
        int e = JsonCheck.scalar(src, i, to); // a number or a literal
        if (e < 0) {
          return -1;
        }
        if (e - i >= min) {
          out.add(new String(src, i, e - i, StandardCharsets.ISO_8859_1));
        }
        i = e;
      }
      // After a value, in the container open at depth - 1: a comma and the next, or its close.
      while (true) {
        if (depth == 0) {
          return i;
        }
        i = JsonCheck.ws(src, i, to);
        if (i >= to) {
          return -1;
        }
        int d = depth - 1;
        boolean object = d < 64 ? (top & 1L << d) != 0
            : (objects[(d >>> 6) - 1] & 1L << d) != 0;
        byte b = src[i];
        if (b == ',') {
          i = JsonCheck.ws(src, i + 1, to);
          if (object) {
            i = key(src, i, to);
            if (i < 0) {
              return -1;
            }
          }
          break; // a value next
        }
        if (b != (object ? '}' : ']')) {
          return -1;
        }
        depth--;
        i++;
      }
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long SPACES = 0x2020202020202020L;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** As {@link #key(String, int)} on bytes, up to {@code to}. */
  private static int key(byte[] src, int i, int to) {
    if (i >= to || src[i] != '"') {
      return -1;
    }
    long e = string(src, i, to);
    if (e < 0) {
      return -1;
    }
    int j = JsonCheck.ws(src, (int) (e >>> 1), to);
    return j < to && src[j] == ':' ? JsonCheck.ws(src, j + 1, to) : -1;
  }

  /**
   * As {@link #string(String, int)} on bytes: for the valid string whose opening quote is at
   * {@code i}, the index after its closing quote times two, plus one when its content is not
   * plain ASCII (an escape or a byte past 0x7F); -1 if it is not a valid string.
   */
  private static long string(byte[] src, int i, int to) {
    int j = i + 1;
    int odd = 0;
    while (j < to) {
      // Eight bytes at a time to the next quote, backslash or control byte (the lowest flagged
      // byte of each test is exact), noting a byte past 0x7F before it.
      while (j + 8 <= to) {
        long w = (long) LONGS.get(src, j);
        long q = w ^ QUOTES;
        long b = w ^ BACKSLASHES;
        long m = ((q - ONES) & ~q | (b - ONES) & ~b | (w - SPACES) & ~w) & HIGHS;
        if (m == 0) {
          odd |= (w & HIGHS) != 0 ? 1 : 0;
          j += 8;
          continue;
        }
        int k = Long.numberOfTrailingZeros(m) >>> 3;
        long below = k == 0 ? 0 : w & HIGHS & (-1L >>> (64 - 8 * k));
        odd |= below != 0 ? 1 : 0;
        j += k;
        break;
      }
      if (j >= to) {
        break;
      }
      byte c = src[j];
      if (c == '"') {
        return (long) (j + 1) << 1 | odd;
      }
      if (c < 0) {
        odd = 1;
        j++;
        continue;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c == '\\') {
        odd = 1;
        if (j + 1 >= to) {
          return -1;
        }
        byte e = src[j + 1];
        if (e == 'u') {
          if (j + 5 >= to) {
            return -1;
          }
          for (int k = j + 2; k < j + 6; k++) {
            byte h = src[k];
            if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
              return -1;
            }
          }
          j += 6;
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
            && e != 't') {
          return -1;
        }
        j += 2;
        continue;
      }
      j++;
    }
    return -1;
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
