package dev.masking.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * A compact JSON writer into a growable byte array: one document on one line, UTF-8.
 *
 * <p>Written by hand rather than with a Jackson generator for three reasons: a lone surrogate in a
 * string (legal in a JSON {@code \ud800} escape, so it can come from a report) is escaped instead
 * of failing; a valid UTF-8 body is copied byte for byte without decoding; and carried-through
 * trees are written with an explicit stack, never by recursion. Not thread-safe: one per call.
 */
final class JsonOut {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;
  /** For the containers opened with {@link #open}: whether the next member is the first. */
  private boolean[] firsts = new boolean[8];
  private int depth;

  JsonOut(int initialCapacity) {
    buf = new byte[Math.max(64, initialCapacity)];
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    int need = len + extra;
    if (need < 0) {
      throw new OutOfMemoryError("report larger than 2 GiB");
    }
    if (need > buf.length) {
      int cap = Math.max(need, buf.length + (buf.length >> 1));
      if (cap < 0) {
        cap = Integer.MAX_VALUE - 8;
      }
      buf = Arrays.copyOf(buf, cap);
    }
  }

  JsonOut raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  JsonOut raw(String ascii) {
    ensure(ascii.length());
    for (int i = 0; i < ascii.length(); i++) {
      buf[len++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  JsonOut raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  /** Opens an object or array ({@code c} is '{' or '[') whose members are written with {@link #member}
   * or {@link #element}. */
  JsonOut open(char c) {
    raw(c);
    if (depth == firsts.length) {
      firsts = Arrays.copyOf(firsts, depth * 2);
    }
    firsts[depth++] = true;
    return this;
  }

  /** Closes what {@link #open} opened ({@code c} is '}' or ']'). */
  JsonOut close(char c) {
    depth--;
    return raw(c);
  }

  /** Starts a member of the innermost open object: a comma if needed, then the name. */
  JsonOut member(String name) {
    comma();
    return name(name);
  }

  /** Starts an element of the innermost open array: a comma if needed. */
  JsonOut element() {
    comma();
    return this;
  }

  private void comma() {
    if (firsts[depth - 1]) {
      firsts[depth - 1] = false;
    } else {
      raw(',');
    }
  }

  /** Writes {@code "name":}. */
  JsonOut name(String name) {
    string(name);
    return raw(':');
  }

  /** Writes a JSON string: UTF-8, lone surrogates escaped as {@code \\uXXXX}. */
  JsonOut string(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') {
          escape(c);
        } else {
          ensure(1);
          buf[len++] = (byte) c;
        }
      } else if (c < 0x800) {
        ensure(2);
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(c);
      } else {
        ensure(3);
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return raw('"');
  }

  /**
   * Writes bytes that {@link Utf8#isValid} accepted as a JSON string: multi-byte sequences are
   * copied as they are, ASCII specials escaped.
   */
  JsonOut utf8String(byte[] b) {
    ensure(b.length + 2);
    buf[len++] = '"';
    for (byte x : b) {
      if (x >= 0 && (x < 0x20 || x == '"' || x == '\\')) {
        escape((char) x);
      } else {
        ensure(1);
        buf[len++] = x;
      }
    }
    return raw('"');
  }

  /** Writes the bytes as a base64 JSON string (standard alphabet, padded). */
  JsonOut base64String(byte[] b) {
    raw('"');
    raw(Base64.getEncoder().encode(b));
    return raw('"');
  }

  private void escape(char c) {
    switch (c) {
      case '"' -> raw("\\\"");
      case '\\' -> raw("\\\\");
      case '\n' -> raw("\\n");
      case '\r' -> raw("\\r");
      case '\t' -> raw("\\t");
      case '\b' -> raw("\\b");
      case '\f' -> raw("\\f");
      default -> unicodeEscape(c);
    }
  }

  private void unicodeEscape(char c) {
    ensure(6);
    buf[len++] = '\\';
    buf[len++] = 'u';
    buf[len++] = HEX[(c >> 12) & 0xF];
    buf[len++] = HEX[(c >> 8) & 0xF];
    buf[len++] = HEX[(c >> 4) & 0xF];
    buf[len++] = HEX[c & 0xF];
  }

  /** One open container on the explicit stack of {@link #tree}. */
  private static final class Frame {
    final Iterator<?> it;
    final boolean object;
    boolean first = true;

    Frame(Iterator<?> it, boolean object) {
      this.it = it;
      this.object = object;
    }
  }

  /**
   * Writes a JSON tree iteratively. Numbers are written in their Java text form (a
   * {@code BigDecimal} keeps its scale); NaN and infinities, which JSON cannot hold, as strings;
   * binary as base64; a missing node as {@code null}.
   *
   * @throws IllegalArgumentException if the tree holds a POJO node that Jackson cannot convert
   */
  JsonOut tree(JsonNode root) {
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    value(root, stack);
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (!f.it.hasNext()) {
        raw(f.object ? '}' : ']');
        stack.pop();
        continue;
      }
      if (!f.first) {
        raw(',');
      }
      f.first = false;
      JsonNode v;
      if (f.object) {
        @SuppressWarnings("unchecked")
        Map.Entry<String, JsonNode> e = (Map.Entry<String, JsonNode>) f.it.next();
        name(e.getKey());
        v = e.getValue();
      } else {
        v = (JsonNode) f.it.next();
      }
      value(v, stack);
    }
    return this;
  }

  private void value(JsonNode n, ArrayDeque<Frame> stack) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        raw('{');
        stack.push(new Frame(n.properties().iterator(), true));
      }
      case ARRAY -> {
        raw('[');
        stack.push(new Frame(n.iterator(), false));
      }
      case STRING -> string(n.textValue());
      case BOOLEAN -> raw(n.booleanValue() ? "true" : "false");
      case NUMBER -> number(n.numberValue());
      case BINARY -> base64String(binary(n));
      case POJO -> value(ReportJson.pojoToTree((POJONode) n), stack);
      default -> raw("null"); // NULL and MISSING
    }
  }

  private static byte[] binary(JsonNode n) {
    try {
      return n.binaryValue();
    } catch (java.io.IOException e) {
      // BinaryNode never throws here; other node types do not reach this method.
      throw new IllegalArgumentException("binary node could not be read");
    }
  }

  private void number(Number v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      string(d.toString());
    } else if (v instanceof Float f && !Float.isFinite(f)) {
      string(f.toString());
    } else {
      raw(v.toString());
    }
  }
}
