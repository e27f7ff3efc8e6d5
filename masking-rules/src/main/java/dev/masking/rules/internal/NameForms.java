package dev.masking.rules.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Point;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The spellings of a field name that a names selector compares, and the point-step vocabulary
 * rules may use. Case folding is ASCII only: a Turkish default locale must not turn {@code I}
 * into a dotless i.
 *
 * <p>Stateless and thread-safe.
 */
public final class NameForms {
  private NameForms() {}

  /** Percent-decoding rounds tried on a name that still holds {@code %} (fail closed). */
  static final int MAX_DECODE_ROUNDS = 2;

  /** Whether {@code c} is ignored by normalised name matching: {@code _ - .} and space. */
  static boolean isSeparator(char c) {
    return c == '_' || c == '-' || c == '.' || c == ' ';
  }

  /**
   * The normalised form of a name: ASCII letters lower-cased, {@code _ - .} and spaces dropped.
   * {@code API_KEY}, {@code apiKey}, {@code Api-Key} all give {@code apikey}.
   */
  public static String normalize(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isSeparator(c)) {
        b.append(Ascii.lower(c));
      }
    }
    return b.toString();
  }

  /**
   * Whether a field whose innermost step has this parser carries a name that names selectors
   * look at: query, header, cookie, form, JSON or XML member, multipart field or
   * Content-Disposition parameter. Array elements, path segments and whole parts do not.
   */
  static boolean carriesName(String parser) {
    switch (parser) {
      case "get":
      case "header":
      case "cookie":
      case "form_urlencoded":
      case "hash":
      case "multipart":
      case "xml_tag":
      case "xml_attr":
      case "content_disp":
        return true;
      default:
        return false;
    }
  }

  /** Whether {@code parser} is a wildcard step over names ({@code hash_name}, ...). */
  public static boolean isNameStep(String parser) {
    return parser.endsWith("_name") && !"action_name".equals(parser);
  }

  /** For a wildcard step over values ({@code hash_all}), the parser it stands for; else null. */
  static String wildcardBase(String parser) {
    return parser.endsWith("_all") ? parser.substring(0, parser.length() - "_all".length()) : null;
  }

  /**
   * Why a step parser cannot appear in a masking point, or null when it can. The message quotes
   * the parser (rule configuration, never request data).
   */
  public static String pointStepProblem(String parser) {
    String canonical = Point.canonicalParser(parser);
    if (canonical == null) {
      String hint = Point.suggest(parser);
      return "unknown point step '" + parser + "'"
          + (hint == null ? "" : "; did you mean '" + hint + "'?");
    }
    if (!canonical.equals(parser)) {
      return "point step '" + parser + "' is an alias; write '" + canonical + "'";
    }
    if (isNameStep(parser)) {
      return "point step '" + parser + "' selects names, but masking selects values;"
          + " use '" + parser.substring(0, parser.length() - "_name".length())
          + "_all' to mask every value";
    }
    return null;
  }

  /**
   * Whether {@code name} needs the slow path of {@link #alternatives}: it holds {@code %} or NUL,
   * or starts or ends with whitespace or control characters.
   */
  static boolean unusual(String name) {
    int n = name.length();
    if (n == 0) {
      return false;
    }
    if (name.charAt(0) <= ' ' || name.charAt(n - 1) <= ' ') {
      return true;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c == '%' || c == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Other spellings an application might read {@code name} as, so that a still-encoded name fails
   * closed: up to {@link #MAX_DECODE_ROUNDS} rounds of percent-decoding, {@code %uXXXX} escapes
   * decoded, and each spelling with NUL characters removed, cut at its first NUL, and surrounding
   * whitespace trimmed. Excludes {@code name} itself.
   */
  static List<String> alternatives(String name) {
    List<String> out = new ArrayList<>(4);
    String current = name;
    addStripped(out, name, current);
    for (int round = 0; round < MAX_DECODE_ROUNDS && current.indexOf('%') >= 0; round++) {
      String decoded = percentDecode(current);
      if (decoded.equals(current)) {
        break;
      }
      current = decoded;
      out.add(current);
      addStripped(out, name, current);
    }
    // IIS and ASP.NET's UrlDecode also read %uXXXX (pass%u0077ord is password).
    String wide = percentUDecode(name);
    if (!wide.equals(name)) {
      out.add(wide);
      addStripped(out, name, wide);
      String decoded = percentDecode(wide);
      if (!decoded.equals(wide)) {
        out.add(decoded);
        addStripped(out, name, decoded);
      }
    }
    return out;
  }

  private static void addStripped(List<String> out, String original, String s) {
    int nul = s.indexOf('\0');
    String stripped = nul >= 0 ? s.replace("\0", "") : s;
    stripped = stripped.trim();
    if (!stripped.equals(s) && !stripped.equals(original) && !stripped.isEmpty()) {
      out.add(stripped);
    }
    if (nul > 0) {
      // PHP registers names as C strings: password%00x is read as password.
      String cut = s.substring(0, nul).trim();
      if (!cut.isEmpty() && !cut.equals(stripped)) {
        out.add(cut);
      }
    }
  }

  /** {@code %uXXXX} escapes decoded as UTF-16 code units; every other character kept. */
  static String percentUDecode(String s) {
    int i = s.indexOf('%');
    if (i < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, i);
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '%' && i + 5 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
          && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0
          && hex(s.charAt(i + 4)) >= 0 && hex(s.charAt(i + 5)) >= 0) {
        out.append((char) (hex(s.charAt(i + 2)) << 12 | hex(s.charAt(i + 3)) << 8
            | hex(s.charAt(i + 4)) << 4 | hex(s.charAt(i + 5))));
        i += 6;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8 (invalid sequences become U+FFFD); for URL patterns in
   * rule conditions, so their literals compare with request segments decoded the same way.
   */
  public static String decodePercent(String s) {
    return percentDecode(s);
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8 (invalid sequences become U+FFFD); a {@code %} not
   * followed by two hex digits stays as it is.
   */
  static String percentDecode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    byte[] run = new byte[s.length() / 3 + 1];
    int i = 0;
    int n = s.length();
    while (i < n) {
      int runLength = 0;
      while (i + 2 < n && s.charAt(i) == '%' && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        run[runLength++] = (byte) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
        i += 3;
      }
      if (runLength > 0) {
        out.append(StandardCharsets.UTF_8.decode(ByteBuffer.wrap(run, 0, runLength)));
      }
      if (i < n) {
        out.append(s.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char f = Ascii.lower(c);
    return f >= 'a' && f <= 'f' ? f - 'a' + 10 : -1;
  }
}
