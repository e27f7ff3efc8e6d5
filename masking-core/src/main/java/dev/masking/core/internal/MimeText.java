package dev.masking.core.internal;

import dev.masking.core.Ascii;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The MIME text codecs a multipart scan needs, on bytes and with positions: header parameters
 * ({@code ; key=value} with quoted strings), RFC 2231/5987 extended values ({@code
 * name*=UTF-8''pass%77ord}, continuations {@code name*0*=}), RFC 2047 encoded words ({@code
 * =?UTF-8?B?cGFzc3dvcmQ=?=}), and the base64 and quoted-printable transfer encodings, decoded and
 * re-encoded in the layout they arrived in.
 *
 * <p>Stateless and thread-safe. Never throws on content: what cannot be decoded is kept literally.
 */
final class MimeText {
  private MimeText() {}

  /** Most RFC 2231 continuation sections joined. */
  static final int MAX_SECTIONS = 64;

  /** One {@code key=value} parameter of a header value, with its value's span. */
  static final class Param {
    /** The key as sent, trimmed (may end in {@code *} or {@code *N*}). */
    final String key;
    /** The key lower-cased (ASCII) without any {@code *} or {@code *N} suffix. */
    final String base;
    /** The continuation section, or -1. */
    final int section;
    /** Whether the value is an RFC 2231 extended value ({@code key*=}). */
    final boolean extended;
    /** The value, unquoted and unescaped, not yet 2231/2047-decoded; null when there is no '='. */
    final String value;
    /** Whether the value was in double quotes. */
    final boolean quoted;
    /** Span of the value in the parsed bytes, quotes included. */
    final int start;
    final int end;

    Param(String key, String value, boolean quoted, int start, int end) {
      this.key = key;
      this.value = value;
      this.quoted = quoted;
      this.start = start;
      this.end = end;
      String k = Ascii.lower(key);
      boolean ext = k.endsWith("*");
      if (ext) {
        k = k.substring(0, k.length() - 1);
      }
      int sec = -1;
      int star = k.lastIndexOf('*');
      if (star > 0 && star < k.length() - 1 && k.length() - star <= 4) {
        int n = 0;
        boolean digits = true;
        for (int i = star + 1; i < k.length(); i++) {
          char c = k.charAt(i);
          if (c < '0' || c > '9') {
            digits = false;
            break;
          }
          n = n * 10 + (c - '0');
        }
        if (digits) {
          sec = n;
          k = k.substring(0, star);
        }
      }
      this.base = k;
      this.section = sec;
      this.extended = ext;
    }
  }

  /**
   * The parameters of a header value {@code b[0, n)} after its first token (the media or
   * disposition type): {@code ; key=value}, {@code ; key="quoted \" value"}, {@code ; key}.
   */
  static List<Param> params(byte[] b, int n) {
    List<Param> out = new ArrayList<>(4);
    int i = 0;
    while (i < n && b[i] != ';') {
      i++;
    }
    while (i < n && out.size() < 256) {
      i++; // the ';'
      while (i < n && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      int ks = i;
      while (i < n && b[i] != '=' && b[i] != ';') {
        i++;
      }
      int ke = i;
      while (ke > ks && (b[ke - 1] == ' ' || b[ke - 1] == '\t')) {
        ke--;
      }
      String key = new String(b, ks, ke - ks, StandardCharsets.UTF_8);
      if (i >= n || b[i] == ';') {
        if (ke > ks) {
          out.add(new Param(key, null, false, ke, ke));
        }
        continue;
      }
      i++; // '='
      while (i < n && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      int vs = i;
      if (i < n && b[i] == '"') {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        i++;
        while (i < n && b[i] != '"') {
          if (b[i] == '\\' && i + 1 < n) {
            i++;
          }
          v.write(b[i]);
          i++;
        }
        if (i < n) {
          i++; // closing quote
        }
        out.add(new Param(key, new String(v.toByteArray(), StandardCharsets.UTF_8), true, vs, i));
        while (i < n && b[i] != ';') {
          i++; // junk after the closing quote
        }
      } else {
        while (i < n && b[i] != ';') {
          i++;
        }
        int ve = i;
        while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
          ve--;
        }
        out.add(new Param(key, new String(b, vs, ve - vs, StandardCharsets.UTF_8), false, vs, ve));
      }
    }
    return out;
  }

  /**
   * Whether a byte scan reads text in charset {@code c} as ASCII: every ASCII byte is that
   * character wherever it stands, or the charset is multibyte with trail bytes that never make an
   * ASCII letter appear (Shift_JIS, GBK...). The body's wire reading and the XML scanner share it.
   */
  static boolean asciiScannable(Charset c) {
    String n = c.name();
    return n.startsWith("ISO-8859-") || n.startsWith("windows-125")
        || n.startsWith("KOI8") || n.equals("Shift_JIS") || n.equals("windows-31j")
        || n.equals("EUC-JP") || n.equals("EUC-KR") || n.equals("GBK") || n.equals("GB2312")
        || n.equals("GB18030") || n.equals("Big5") || n.equals("Big5-HKSCS")
        || n.equals("TIS-620") || n.equals("x-windows-874") || n.equals("US-ASCII")
        || n.equals("UTF-8");
  }

  /** The charset named {@code name}, or null when unknown. */
  static Charset charset(String name) {
    String n = name.trim();
    int star = n.indexOf('*'); // RFC 2231 language suffix in encoded words
    if (star >= 0) {
      n = n.substring(0, star);
    }
    if (n.isEmpty()) {
      return null;
    }
    try {
      return Charset.forName(n);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  /**
   * Decodes an RFC 2231 extended value {@code charset'lang'percent-encoded}; without the two quotes
   * the whole value is percent-decoded as UTF-8. Invalid escapes stay literal.
   */
  static String decode2231(String value) {
    int q1 = value.indexOf('\'');
    int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
    Charset cs = StandardCharsets.UTF_8;
    String text = value;
    if (q2 > 0) {
      Charset c = charset(value.substring(0, q1));
      if (c != null) {
        cs = c;
      }
      text = value.substring(q2 + 1);
    }
    return percentDecode(text, cs);
  }

  /** Percent-decodes {@code s} under {@code cs}; invalid escapes stay literal. */
  static String percentDecode(String s, Charset cs) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    for (int i = 0; i < raw.length; i++) {
      int h;
      int l;
      if (raw[i] == '%' && i + 2 < raw.length && (h = hex(raw[i + 1])) >= 0
          && (l = hex(raw[i + 2])) >= 0) {
        out.write(h << 4 | l);
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return new String(out.toByteArray(), cs);
  }

  /**
   * Decodes the RFC 2047 encoded words in {@code s} ({@code =?charset?B|Q?text?=}); whitespace
   * between two encoded words is dropped. Returns {@code s} itself when it holds none.
   */
  static String decode2047(String s) {
    int at = s.indexOf("=?");
    if (at < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int copied = 0;
    int lastWordEnd = -1;
    int words = 0;
    while (at >= 0 && words < 256) {
      int q1 = s.indexOf('?', at + 2);
      int q2 = q1 < 0 ? -1 : s.indexOf('?', q1 + 1);
      int end = q2 < 0 ? -1 : s.indexOf("?=", q2 + 1);
      if (end < 0 || q2 != q1 + 2) {
        break;
      }
      char enc = Ascii.lower(s.charAt(q1 + 1));
      if (enc != 'b' && enc != 'q') {
        at = s.indexOf("=?", at + 2);
        continue;
      }
      Charset cs = charset(s.substring(at + 2, q1));
      String text = s.substring(q2 + 1, end);
      byte[] bytes = enc == 'b' ? base64Lenient(text) : qDecode(text);
      String between = s.substring(copied, at);
      if (!(lastWordEnd == copied && between.isBlank())) {
        out.append(between);
      }
      out.append(new String(bytes, cs == null ? StandardCharsets.UTF_8 : cs));
      copied = end + 2;
      lastWordEnd = copied;
      words++;
      at = s.indexOf("=?", copied);
    }
    out.append(s, copied, s.length());
    return out.toString();
  }

  private static byte[] qDecode(String text) {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    for (int i = 0; i < raw.length; i++) {
      int h;
      int l;
      if (raw[i] == '_') {
        out.write(' ');
      } else if (raw[i] == '=' && i + 2 < raw.length && (h = hex(raw[i + 1])) >= 0
          && (l = hex(raw[i + 2])) >= 0) {
        out.write(h << 4 | l);
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toByteArray();
  }

  /** {@code s} as an RFC 5987 ext-value in UTF-8: {@code UTF-8''} and attr-chars or escapes. */
  static String encode5987(String s) {
    StringBuilder out = new StringBuilder("UTF-8''");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append((char) HEX_UPPER[c >> 4]).append((char) HEX_UPPER[c & 0xf]);
      }
    }
    return out.toString();
  }

  static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  // ---- base64 ---------------------------------------------------------------------------------

  private static final byte[] B64 = new byte[256];

  static {
    java.util.Arrays.fill(B64, (byte) -1);
    String std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; i++) {
      B64[std.charAt(i)] = (byte) i;
    }
    B64['-'] = 62; // base64url
    B64['_'] = 63;
  }

  private static byte[] base64Lenient(String text) {
    byte[] raw = text.getBytes(StandardCharsets.US_ASCII);
    return base64Decode(raw, 0, raw.length);
  }

  /**
   * Decodes base64 or base64url in {@code b[from, to)}, skipping every byte outside both alphabets
   * (line breaks, spaces, junk) and stopping at the first {@code =}.
   */
  static byte[] base64Decode(byte[] b, int from, int to) {
    byte[] out = new byte[(to - from) / 4 * 3 + 3];
    int n = 0;
    int acc = 0;
    int bits = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '=') {
        break;
      }
      int v = B64[b[i] & 0xff];
      if (v < 0) {
        continue;
      }
      acc = acc << 6 | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (acc >> bits);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** How a base64 body was laid out, so that a mask is written the same way. */
  record Base64Layout(int lineLength, byte[] separator, boolean url, boolean padded, byte[] lead,
      byte[] trail) {

    /** The layout of {@code b[from, to)}. */
    static Base64Layout of(byte[] b, int from, int to) {
      int s = from;
      while (s < to && isSpace(b[s])) {
        s++;
      }
      int e = to;
      while (e > s && isSpace(b[e - 1])) {
        e--;
      }
      int lineEnd = s;
      while (lineEnd < e && b[lineEnd] != '\r' && b[lineEnd] != '\n') {
        lineEnd++;
      }
      int lineLength = lineEnd < e ? lineEnd - s : 0;
      byte[] sep = lineEnd < e && b[lineEnd] == '\r' && lineEnd + 1 < e && b[lineEnd + 1] == '\n'
          ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
      boolean url = false;
      boolean slashy = false;
      for (int i = s; i < e; i++) {
        if (b[i] == '-' || b[i] == '_') {
          url = true;
        } else if (b[i] == '+' || b[i] == '/') {
          slashy = true;
        }
      }
      boolean padded = e > s && b[e - 1] == '=' || (countAlphabet(b, s, e) % 4 == 0);
      return new Base64Layout(lineLength, sep, url && !slashy, padded,
          java.util.Arrays.copyOfRange(b, from, s), java.util.Arrays.copyOfRange(b, e, to));
    }

    /** {@code data} encoded in this layout. */
    byte[] encode(byte[] data) {
      Base64.Encoder enc = url ? Base64.getUrlEncoder() : Base64.getEncoder();
      if (!padded) {
        enc = enc.withoutPadding();
      }
      byte[] text = enc.encode(data);
      ByteSink out = new ByteSink(text.length + lead.length + trail.length + 8);
      out.write(lead);
      if (lineLength <= 0) {
        out.write(text);
      } else {
        for (int i = 0; i < text.length; i += lineLength) {
          if (i > 0) {
            out.write(separator);
          }
          out.write(text, i, Math.min(text.length, i + lineLength));
        }
      }
      out.write(trail);
      return out.toByteArray();
    }
  }

  private static int countAlphabet(byte[] b, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (B64[b[i] & 0xff] >= 0) {
        n++;
      }
    }
    return n;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  // ---- quoted-printable -----------------------------------------------------------------------

  /** Decodes quoted-printable {@code b[from, to)}; soft line breaks dropped, bad escapes literal. */
  static byte[] qpDecode(byte[] b, int from, int to) {
    ByteSink out = new ByteSink(to - from);
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '=') {
        int j = i + 1;
        while (j < to && (b[j] == ' ' || b[j] == '\t')) {
          j++; // transport padding before a soft break
        }
        if (j < to && b[j] == '\n') {
          i = j;
          continue;
        }
        if (j + 1 < to && b[j] == '\r' && b[j + 1] == '\n') {
          i = j + 1;
          continue;
        }
        int h;
        int l;
        if (i + 2 < to && (h = hex(b[i + 1])) >= 0 && (l = hex(b[i + 2])) >= 0) {
          out.write(h << 4 | l);
          i += 2;
          continue;
        }
      }
      out.write(c);
    }
    return out.toByteArray();
  }

  /** The line separator a quoted-printable body uses (CRLF unless its first break is a bare LF). */
  static byte[] qpSeparator(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i > from && b[i - 1] == '\r' ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
      }
    }
    return new byte[] {'\r', '\n'};
  }

  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** Encodes {@code data} as quoted-printable, lines at most 76 bytes, soft breaks {@code sep}. */
  static byte[] qpEncode(byte[] data, byte[] sep) {
    ByteSink out = new ByteSink(data.length * 3 / 2 + 8);
    int line = 0;
    for (int i = 0; i < data.length; i++) {
      int c = data[i] & 0xff;
      boolean literal = c >= 33 && c <= 126 && c != '=' || (c == ' ' || c == '\t') && i + 1 < data.length;
      int width = literal ? 1 : 3;
      if (line + width > 75) {
        out.write('=');
        out.write(sep);
        line = 0;
      }
      if (literal) {
        out.write(c);
      } else {
        out.write('=');
        out.write(HEX_UPPER[c >> 4]);
        out.write(HEX_UPPER[c & 0xf]);
      }
      line += width;
    }
    return out.toByteArray();
  }
}
