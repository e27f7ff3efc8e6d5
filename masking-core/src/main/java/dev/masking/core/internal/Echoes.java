package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The residual sweep's matcher: every masked value of a run (at least {@code residualMinLength}
 * characters) in each form it may be repeated in, compiled into one Aho-Corasick automaton over
 * UTF-8 bytes, so each part of the output report is searched for all of them in one pass, in time
 * linear in its length plus the hits. A cheaper hash matcher on the needles' first four bytes
 * runs first and hands a part to the automaton only when its verification budget runs out.
 *
 * <p>Forms: raw; percent-encoded (every byte but {@code A-Za-z0-9-._~}, upper- and lower-case hex,
 * space as {@code %20} or {@code +}; {@link Percent}'s own form; the {@code encodeURI} form that
 * keeps reserved characters; and the upper-case form encoded twice); JSON-escaped ({@link
 * JsonEscapes}' form, all non-ASCII as {@code \}{@code uXXXX}, and {@code /} as {@code \/});
 * XML-escaped ({@code &amp;} ... {@code &apos;} or {@code &#39;}); base64 and base64url at the
 * three byte alignments: for an alignment, the characters that depend only on the value's bytes
 * (the one or two characters at each edge that mix in neighbouring bytes are not part of the
 * needle, and at most 10 bits of the value stay there).
 *
 * <p>One instance per run; not thread-safe.
 */
final class Echoes {

  /** What a needle stands for. */
  static final class Needle {
    final byte[] bytes;
    final String replacement;
    final Decision decision;
    final Point maskedAt;
    final String form;
    final String value;

    Needle(byte[] bytes, String replacement, Decision decision, Point maskedAt, String form,
        String value) {
      this.bytes = bytes;
      this.replacement = replacement;
      this.decision = decision;
      this.maskedAt = maskedAt;
      this.form = form;
      this.value = value;
    }
  }

  /** A hit: needle {@code needle} at {@code [start, end)}. */
  record Hit(int start, int end, Needle needle) {}


  private final Needle[] needles;

  // The automaton: node 0 is the root; children as linked lists except the root's dense table.
  // Allocated with the automaton: most runs never build it (1 KB less per report).
  private int[] rootNext;
  private int[] firstChild;
  private int[] sibling;
  private byte[] label;
  private int[] fail;
  private int[] out;
  private int[] dict;
  private int size;

  /**
   * The first matcher: needles chained by a hash of their first four bytes, checked at every
   * four-byte window and verified byte by byte. Cheap to build (a few ints per needle, no
   * per-byte node) and fast on text that holds no echo, which is most text. Its verification work
   * is budgeted per part; past the budget (needles that share long prefixes with the text, on
   * purpose or not) the part is searched again with the Aho-Corasick automaton, built on first
   * need, so that the cost stays linear.
   */
  private final int[] head;
  /**
   * One bit per byte pair that starts a needle, the pair folded to the low six bits of each byte
   * (distinct for letters and digits): most windows are rejected by one read of 512 bytes that
   * cost little to clear (a 64 Kbit table was 15% of the sweep's cost on a 1 KB report).
   */
  private final long[] bigrams = new long[64];
  private final int[] chain;
  private final int[] first4;
  private final int mask;
  private final boolean hashable;
  private boolean built;

  private Echoes(List<Needle> list) {
    this.needles = list.toArray(new Needle[0]);
    int slots = 64;
    while (slots < 2 * needles.length) { // load at most 1/2: chains stay short, the table small
      slots <<= 1;
    }
    head = new int[slots];
    Arrays.fill(head, -1);
    chain = new int[needles.length];
    first4 = new int[needles.length];
    mask = slots - 1;
    boolean allLong = true;
    for (int k = 0; k < needles.length; k++) {
      byte[] b = needles[k].bytes;
      if (b.length < 4) {
        allLong = false;
        continue;
      }
      int w = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
      first4[k] = w;
      int pair = fold(w >>> 24, w >>> 16);
      bigrams[pair >>> 6] |= 1L << pair;
      int h = slot(w);
      chain[k] = head[h];
      head[h] = k;
    }
    this.hashable = allLong;
    boolean ascii = true;
    for (Needle n : needles) {
      for (byte x : n.bytes) {
        ascii &= x >= 0;
      }
    }
    this.asciiNeedles = ascii;
    int m = Integer.MAX_VALUE;
    for (Needle n : needles) {
      m = Math.min(m, n.bytes.length);
    }
    this.minLength = m;
    if (allLong && m >= 5) {
      // Wu-Manber: how far the window may move when its last byte pair is this one.
      shift = new byte[4096];
      int most = Math.min(m - 1, 127);
      Arrays.fill(shift, (byte) most);
      for (Needle n : needles) {
        byte[] b = n.bytes;
        for (int q = 2; q <= m; q++) {
          int d = m - q;
          int h = fold(b[q - 2], b[q - 1]);
          if (d < shift[h]) {
            shift[h] = (byte) d;
          }
        }
      }
    } else {
      shift = null;
    }
  }

  /** Whether every needle is ASCII, so that any string can be matched char by char. */
  private final boolean asciiNeedles;

  /**
   * Whether {@link #findAscii} may be used on {@code s}: every needle is ASCII (a non-ASCII char
   * then never matches, and positions are char positions), or {@code s} itself is ASCII.
   */
  boolean matchesChars(String s) {
    if (asciiNeedles) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Length of the shortest needle. */
  private final int minLength;
  /** Skip distances by folded byte pair, when every needle is at least 5 bytes; else null. */
  private final byte[] shift;

  /**
   * Hash matching with Wu-Manber skips over {@code a[from, to)}: the window of the shortest needle's
   * length moves by the distance its last byte pair allows, and windows that may start a needle are
   * verified as in {@link #hashFind}. Returns false when the verification budget ran out.
   */
  private boolean skipFind(byte[] a, int from, int to, List<Hit> hits) {
    long budget = 4L * (to - from) + 256;
    int m = minLength;
    int pos = from + m - 1;
    while (pos < to) {
      int sh = shift[fold(a[pos - 1], a[pos])];
      if (sh > 0) {
        pos += sh;
        continue;
      }
      int i = pos - m + 1;
      int pair = fold(a[i], a[i + 1]);
      if ((bigrams[pair >>> 6] & 1L << pair) != 0) {
        budget = verifyAt(a, i, to, budget, hits);
        if (budget < 0) {
          return false;
        }
      }
      pos++;
    }
    return true;
  }

  /** A char as the byte it is when ASCII; any other char as 0x80, which no ASCII needle holds. */
  private static int ascii(char c) {
    return c < 0x80 ? c : 0x80;
  }

  private static int fold(int b0, int b1) {
    return (b0 & 0x3f) << 6 | b1 & 0x3f;
  }

  private int slot(int w) {
    return (w * 0x9E3779B1) >>> 16 & mask;
  }

  /**
   * Hash matching over {@code a[from, to)}: appends the hits and returns true, or returns false
   * (hits unspecified) when the verification budget ran out.
   */
  private boolean hashFind(byte[] a, int from, int to, List<Hit> hits) {
    long budget = 4L * (to - from) + 256;
    int last = to - 3;
    for (int i = from; i < last; i++) {
      int pair = fold(a[i], a[i + 1]);
      if ((bigrams[pair >>> 6] & 1L << pair) == 0) {
        continue;
      }
      budget = verifyAt(a, i, to, budget, hits);
      if (budget < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Verifies the needles whose first four bytes are {@code a[i, i + 4)} against {@code a[i, to)},
   * appending the hits. Each comparison is charged to {@code budget}; returns what is left, or a
   * negative number when it ran out (hits unspecified then).
   */
  private long verifyAt(byte[] a, int i, int to, long budget, List<Hit> hits) {
    int w = (a[i] & 0xff) << 24 | (a[i + 1] & 0xff) << 16 | (a[i + 2] & 0xff) << 8
        | a[i + 3] & 0xff;
    for (int k = head[slot(w)]; k >= 0; k = chain[k]) {
      if (first4[k] != w) {
        continue;
      }
      byte[] nb = needles[k].bytes;
      int end = i + nb.length;
      if (end > to) {
        continue;
      }
      budget -= nb.length;
      if (budget < 0) {
        return budget;
      }
      int j = 4;
      while (j < nb.length && a[i + j] == nb[j]) {
        j++;
      }
      if (j == nb.length) {
        hits.add(new Hit(i, end, needles[k]));
      }
    }
    return budget;
  }

  /** As {@link #hashFind(byte[], int, int, List)} over ASCII text. */
  private boolean hashFindAscii(String a, List<Hit> hits) {
    int to = a.length();
    long budget = 4L * to + 256;
    int last = to - 3;
    for (int i = 0; i < last; i++) {
      char c0 = a.charAt(i);
      char c1 = a.charAt(i + 1);
      int pair = fold(c0, c1);
      if ((bigrams[pair >>> 6] & 1L << pair) == 0) {
        continue;
      }
      int w = ascii(c0) << 24 | ascii(c1) << 16 | ascii(a.charAt(i + 2)) << 8
          | ascii(a.charAt(i + 3));
      for (int k = head[slot(w)]; k >= 0; k = chain[k]) {
        if (first4[k] != w) {
          continue;
        }
        byte[] nb = needles[k].bytes;
        int end = i + nb.length;
        if (end > to) {
          continue;
        }
        budget -= nb.length;
        if (budget < 0) {
          return false;
        }
        int j = 4;
        while (j < nb.length && ascii(a.charAt(i + j)) == (nb[j] & 0xff)) {
          j++;
        }
        if (j == nb.length) {
          hits.add(new Hit(i, end, needles[k]));
        }
      }
    }
    return true;
  }

  /** Builds the automaton on first need. */
  private void build() {
    if (built) {
      return;
    }
    built = true;
    rootNext = new int[256];
    int cap = 1;
    for (Needle n : needles) {
      cap += n.bytes.length;
    }
    firstChild = new int[cap];
    sibling = new int[cap];
    label = new byte[cap];
    fail = new int[cap];
    out = new int[cap];
    dict = new int[cap];
    Arrays.fill(firstChild, -1);
    Arrays.fill(out, -1);
    size = 1;
    for (int k = 0; k < needles.length; k++) {
      insert(needles[k].bytes, k);
    }
    links();
  }

  /**
   * The matcher for the values {@code run} masked so far, or null when none is long enough to be
   * hunted.
   */
  /**
   * Whether a masked value is searched for elsewhere: at least {@code min} characters, and not a
   * JSON literal ({@code true}, {@code false}, {@code null}), which holds no secret and whose every
   * repetition would be blanked.
   */
  static boolean hunted(String v, int min) {
    return v.length() >= min && !v.equals("true") && !v.equals("false") && !v.equals("null");
  }

  static Echoes of(MaskRun run) {
    List<String> values = run.maskedValues();
    List<Decision> decisions = run.maskedValueDecisions();
    List<Point> points = run.maskedValuePoints();
    int min = run.options().residualMinLength();
    Map<String, Integer> seen = new HashMap<>();
    java.util.ArrayList<Needle> list = new java.util.ArrayList<>(8 * values.size());
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (!hunted(v, min)) {
        continue;
      }
      Integer before = seen.get(v);
      if (before != null) {
        // The same value masked twice: its forms are there already; keep the stricter rule.
        Decision d = decisions.get(i);
        // A masked container records where its members' needles start, which may be the end of
        // the list (no member hunted) or another value's needles: only a value's own needles are
        // replaced (found by the concurrency test's random reports: IndexOutOfBounds).
        if (before < list.size() && list.get(before).value == v
            && DetectorInspector.stricter(d, list.get(before).decision)) {
          MaskAction action =
              d.action() instanceof MaskAction.Remove ? MaskAction.redact() : d.action();
          addForms(list, seen, v, d, points.get(i), run, action, true);
        }
        continue;
      }
      Decision d = decisions.get(i);
      Point p = points.get(i);
      char c0 = v.charAt(0);
      if (c0 == '{' || c0 == '[') {
        // A masked JSON object or array: its scalar members are the values to hunt. The text as
        // a whole is not hunted too: an echo of it is masked member by member, and its every
        // encoding would cost automaton nodes for structure that is no secret.
        seen.put(v, list.size());
        for (String inner : Residuals.jsonScalars(v)) {
          if (hunted(inner, min) && !seen.containsKey(inner)) {
            seen.put(inner, list.size());
            addForms(list, seen, inner, d, p, run, action(d), false);
          }
        }
      } else {
        seen.put(v, list.size());
        addForms(list, seen, v, d, p, run, action(d), false);
      }
    }
    return list.isEmpty() ? null : new Echoes(list);
  }

  private static MaskAction action(Decision d) {
    return d.action() instanceof MaskAction.Remove ? MaskAction.redact() : d.action();
  }

  /**
   * Adds the needles of {@code v}'s forms, deduplicated against the needles added for {@code v}
   * so far (forms often coincide); with {@code replace}, overwrites the needles of an earlier
   * occurrence of {@code v} that a stricter rule masked again.
   */
  private static void addForms(List<Needle> list, Map<String, Integer> seen, String v, Decision d,
      Point p, MaskRun run, MaskAction action, boolean replace) {
    if (replace) {
      int at = seen.get(v);
      List<Needle> updated = new java.util.ArrayList<>();
      int end = at;
      while (end < list.size() && list.get(end).value == v) {
        end++;
      }
      addForms(updated, seen, v, d, p, run, action, false);
      for (int k = at; k < end && k - at < updated.size(); k++) {
        list.set(k, updated.get(k - at));
      }
      return;
    }
    int first = list.size();
    String mask = run.applyAction(action, v);
    add(list, first, v, v, mask, d, p, "raw");
    int f = flags(v);
    if (f != 0) {
      // Only a value with characters outside A-Za-z0-9-._~ differs in its encoded forms, and
      // only the forms its characters can change are built (measured: half the sweep's set-up
      // cost on a 1 KB report went to forms that came out equal).
      String pctMask = Percent.encodeToString(mask);
      String once = percent(v, true, false, false);
      add(list, first, v, once, pctMask, d, p, "percent-encoded");
      boolean hexLetters = (f & HEX_LETTERS) != 0;
      if (hexLetters) {
        add(list, first, v, percent(v, false, false, false), pctMask, d, p, "percent-encoded");
      }
      if ((f & SPACE) != 0) {
        add(list, first, v, percent(v, true, true, false), pctMask, d, p, "percent-encoded");
        if (hexLetters) {
          add(list, first, v, percent(v, false, true, false), pctMask, d, p, "percent-encoded");
        }
      }
      if ((f & URI_RESERVED) != 0) {
        add(list, first, v, percent(v, true, false, true), pctMask, d, p, "percent-encoded");
        add(list, first, v, Percent.encodeToString(v), pctMask, d, p, "percent-encoded");
      }
      add(list, first, v, percent(once, true, false, false), pctMask, d, p,
          "percent-encoded twice");
      if ((f & (JSON_SPECIAL | NON_ASCII | SLASH)) != 0) {
        String jsonMask = JsonEscapes.escape(mask);
        String json = (f & JSON_SPECIAL) != 0 ? JsonEscapes.escape(v) : v;
        add(list, first, v, json, jsonMask, d, p, "JSON-escaped");
        if ((f & NON_ASCII) != 0) {
          add(list, first, v, jsonAscii(v), jsonMask, d, p, "JSON-escaped");
        }
        if ((f & SLASH) != 0) {
          add(list, first, v, json.replace("/", "\\/"), jsonMask, d, p, "JSON-escaped");
        }
      }
      if ((f & XML_SPECIAL) != 0) {
        String xmlMask = xml(mask, false);
        add(list, first, v, xml(v, false), xmlMask, d, p, "XML-escaped");
        if (v.indexOf('\'') >= 0) {
          add(list, first, v, xml(v, true), xmlMask, d, p, "XML-escaped");
        }
      }
    }
    byte[] raw = v.getBytes(StandardCharsets.UTF_8);
    for (int align = 0; align < 3; align++) {
      byte[] core = base64CoreBytes(raw, align, STD_ALPHABET);
      if (core.length >= 4) {
        // Measured: encoding the core straight to bytes (no padded copy, String and substring)
        // cut the sweep's set-up on a 1 KB report by a fifth.
        String coreMask = action instanceof MaskAction.Redact r ? r.token()
            : run.applyAction(action, new String(core, StandardCharsets.ISO_8859_1));
        addBytes(list, first, v, core, coreMask, d, p);
        byte[] url = null;
        for (int k = 0; k < core.length; k++) {
          if (core[k] == '+' || core[k] == '/') {
            if (url == null) {
              url = core.clone();
            }
            url[k] = (byte) (core[k] == '+' ? '-' : '_');
          }
        }
        if (url != null) {
          addBytes(list, first, v, url, coreMask, d, p);
        }
      }
    }
  }

  private static void add(List<Needle> list, int first, String value, String form,
      String replacement, Decision d, Point p, String formName) {
    byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
    for (int k = first; k < list.size(); k++) {
      if (Arrays.equals(list.get(k).bytes, bytes)) {
        return; // this form coincides with another of the same value
      }
    }
    list.add(new Needle(bytes, replacement, d, p, formName, value));
  }

  private static void addBytes(List<Needle> list, int first, String value, byte[] form,
      String replacement, Decision d, Point p) {
    for (int k = first; k < list.size(); k++) {
      if (Arrays.equals(list.get(k).bytes, form)) {
        return;
      }
    }
    list.add(new Needle(form, replacement, d, p, "base64", value));
  }

  // ---- forms ----------------------------------------------------------------------------------

  private static final int ENCODED = 1;
  private static final int HEX_LETTERS = 2;
  private static final int SPACE = 4;
  private static final int URI_RESERVED = 8;
  private static final int JSON_SPECIAL = 16;
  private static final int NON_ASCII = 32;
  private static final int SLASH = 64;
  private static final int XML_SPECIAL = 128;

  /** Which encodings can change {@code v}; 0 when every character is one of A-Za-z0-9-._~. */
  private static int flags(String v) {
    int f = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '.' || c == '_' || c == '~') {
        continue;
      }
      f |= ENCODED;
      if (c >= 0x80) {
        f |= NON_ASCII | HEX_LETTERS;
        continue;
      }
      if ((c & 0xf) >= 10 || c >> 4 >= 10) {
        f |= HEX_LETTERS;
      }
      if (c == ' ') {
        f |= SPACE;
      }
      if (URI_KEEPS.indexOf(c) >= 0 || c == '*' || c == ':') {
        f |= URI_RESERVED;
      }
      if (c == '"' || c == '\\' || c < 0x20) {
        f |= JSON_SPECIAL;
      }
      if (c == '/') {
        f |= SLASH;
      }
      if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
        f |= XML_SPECIAL;
      }
    }
    return f;
  }

  private static final String URI_KEEPS = ";,/?:@&=+$!'()*#";

  /**
   * {@code v} percent-encoded: every UTF-8 byte outside {@code A-Za-z0-9-._~} as {@code %XX}
   * ({@code upper} or lower-case hex); a space as {@code +} when {@code plus}; the reserved
   * characters {@code encodeURI} keeps raw when {@code uri}.
   */
  static String percent(String v, boolean upper, boolean plus, boolean uri) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(b.length * 3);
    String hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (byte x : b) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '.' || c == '_' || c == '~' || uri && URI_KEEPS.indexOf(c) >= 0) {
        sb.append((char) c);
      } else if (c == ' ' && plus) {
        sb.append('+');
      } else {
        sb.append('%').append(hex.charAt(c >> 4)).append(hex.charAt(c & 0xf));
      }
    }
    return sb.toString();
  }

  /** JSON-escaped with every non-ASCII character as a lower-case {@code \}{@code uXXXX}. */
  static String jsonAscii(String v) {
    String e = JsonEscapes.escape(v);
    StringBuilder sb = null;
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c >= 0x80) {
        if (sb == null) {
          sb = new StringBuilder(e.length() + 16).append(e, 0, i);
        }
        sb.append("\\u").append(String.format(java.util.Locale.ROOT, "%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? e : sb.toString();
  }

  /** XML-escaped: {@code & < > "} and {@code '} as {@code &apos;} or, when {@code numeric}, {@code &#39;}. */
  static String xml(String v, boolean numeric) {
    StringBuilder sb = new StringBuilder(v.length() + 8);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append(numeric ? "&#39;" : "&apos;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The base64 characters that encode only bytes of {@code raw} when it follows {@code align}
   * other bytes (mod 3).
   */
  private static final Base64.Encoder STD = Base64.getEncoder().withoutPadding();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private static final byte[] STD_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
          .getBytes(StandardCharsets.US_ASCII);

  /**
   * As {@link #base64Core} in the standard alphabet, as bytes: character {@code j} of the
   * encoding of {@code align} zero bytes then {@code raw} covers bits {@code [6j, 6j + 6)}; the
   * core is the characters whose bits all lie in {@code raw}.
   */
  static byte[] base64CoreBytes(byte[] raw, int align, byte[] alphabet) {
    int from = (8 * align + 5) / 6;
    int to = 8 * (align + raw.length) / 6;
    if (from >= to) {
      return new byte[0];
    }
    byte[] out = new byte[to - from];
    // Group g (characters 4g to 4g + 3) encodes stream bytes 3g to 3g + 2, the stream being
    // {@code align} zero bytes then raw. Groups 1 to full - 1 lie wholly inside raw and inside
    // [from, to) (from is at most 3; 4g + 4 <= 4 * full <= to): three bytes to four characters at
    // once (measured: the char-by-char loop was the sweep set-up's largest cost on a 1 KB report).
    // The first group and the tail go char by char.
    int full = (align + raw.length) / 3;
    int j = from;
    for (; j < Math.min(4, to); j++) {
      out[j - from] = coreChar(raw, align, alphabet, j);
    }
    for (int g = 1; g < full; g++) {
      int i = 3 * g - align;
      int w = (raw[i] & 0xff) << 16 | (raw[i + 1] & 0xff) << 8 | raw[i + 2] & 0xff;
      int o = 4 * g - from;
      out[o] = alphabet[w >>> 18];
      out[o + 1] = alphabet[w >>> 12 & 0x3f];
      out[o + 2] = alphabet[w >>> 6 & 0x3f];
      out[o + 3] = alphabet[w & 0x3f];
    }
    for (j = Math.max(j, 4 * Math.max(full, 1)); j < to; j++) {
      out[j - from] = coreChar(raw, align, alphabet, j);
    }
    return out;
  }

  /** Character {@code j} of the encoding of {@code align} zero bytes then {@code raw}. */
  private static byte coreChar(byte[] raw, int align, byte[] alphabet, int j) {
    int bit = 6 * j - 8 * align; // first bit of this character, counted from raw[0]
    int byteAt = bit >> 3;
    int shift = bit & 7;
    int two = (raw[byteAt] & 0xff) << 8 | (byteAt + 1 < raw.length ? raw[byteAt + 1] & 0xff : 0);
    return alphabet[two >> (10 - shift) & 0x3f];
  }

  static String base64Core(byte[] raw, int align, boolean url) {
    byte[] padded = new byte[raw.length + align];
    System.arraycopy(raw, 0, padded, align, raw.length);
    String all = (url ? URL : STD).encodeToString(padded);
    int from = (8 * align + 5) / 6;
    int to = Math.min(all.length(), 8 * (align + raw.length) / 6);
    return from >= to ? "" : all.substring(from, to);
  }

  // ---- the automaton --------------------------------------------------------------------------

  private int child(int node, int b) {
    if (node == 0) {
      int t = rootNext[b];
      return t == 0 ? -1 : t;
    }
    for (int c = firstChild[node]; c >= 0; c = sibling[c]) {
      if ((label[c] & 0xff) == b) {
        return c;
      }
    }
    return -1;
  }

  private void insert(byte[] word, int id) {
    int node = 0;
    for (byte x : word) {
      int b = x & 0xff;
      int next = child(node, b);
      if (next < 0) {
        next = size++;
        label[next] = x;
        if (node == 0) {
          rootNext[b] = next;
        } else {
          sibling[next] = firstChild[node];
          firstChild[node] = next;
        }
      }
      node = next;
    }
    if (out[node] < 0) {
      out[node] = id;
    }
  }

  private void links() {
    int[] queue = new int[size];
    int head = 0;
    int tail = 0;
    for (int b = 0; b < 256; b++) {
      int c = rootNext[b];
      if (c != 0) {
        fail[c] = 0;
        dict[c] = -1;
        queue[tail++] = c;
      }
    }
    while (head < tail) {
      int u = queue[head++];
      for (int v = firstChild[u]; v >= 0; v = sibling[v]) {
        int b = label[v] & 0xff;
        int f = fail[u];
        int t;
        while ((t = child(f, b)) < 0 && f != 0) {
          f = fail[f];
        }
        fail[v] = t >= 0 ? t : 0;
        int fv = fail[v];
        dict[v] = fv != 0 && out[fv] >= 0 ? fv : fv == 0 ? -1 : dict[fv];
        queue[tail++] = v;
      }
    }
  }

  /** Appends every needle occurrence in {@code a[from, to)} to {@code hits}, in no set order. */
  void find(byte[] a, int from, int to, List<Hit> hits) {
    int before = hits.size();
    if (shift != null ? skipFind(a, from, to, hits) : hashable && hashFind(a, from, to, hits)) {
      return;
    }
    hits.subList(before, hits.size()).clear();
    findAutomaton(a, from, to, hits);
  }

  /** The Aho-Corasick search alone (what {@link #find} falls back to); hits by end position. */
  void findAutomaton(byte[] a, int from, int to, List<Hit> hits) {
    build();
    int s = 0;
    int i = from;
    while (i < to) {
      if (s == 0) {
        // Most bytes start no needle: skip them with one table read each.
        while (i < to && rootNext[a[i] & 0xff] == 0) {
          i++;
        }
        if (i == to) {
          break;
        }
        s = rootNext[a[i] & 0xff];
      } else {
        int b = a[i] & 0xff;
        while (true) {
          int t = child(s, b);
          if (t >= 0) {
            s = t;
            break;
          }
          if (s == 0) {
            break;
          }
          s = fail[s];
        }
      }
      if (s != 0) {
        if (out[s] >= 0) {
          emit(out[s], i, hits);
        }
        for (int d = dict[s]; d > 0; d = dict[d]) {
          emit(out[d], i, hits);
        }
      }
      i++;
    }
  }

  /**
   * As {@link #find(byte[], int, int, List)} over a string, char by char, without encoding it
   * first; only where {@link #matchesChars} holds.
   */
  void findAscii(String a, List<Hit> hits) {
    int before = hits.size();
    if (hashable && hashFindAscii(a, hits)) {
      return;
    }
    hits.subList(before, hits.size()).clear();
    build();
    int s = 0;
    int i = 0;
    int to = a.length();
    while (i < to) {
      if (s == 0) {
        while (i < to && rootNext[ascii(a.charAt(i))] == 0) {
          i++;
        }
        if (i == to) {
          break;
        }
        s = rootNext[ascii(a.charAt(i))];
      } else {
        int b = ascii(a.charAt(i));
        while (true) {
          int t = child(s, b);
          if (t >= 0) {
            s = t;
            break;
          }
          if (s == 0) {
            break;
          }
          s = fail[s];
        }
      }
      if (s != 0) {
        if (out[s] >= 0) {
          emit(out[s], i, hits);
        }
        for (int d = dict[s]; d > 0; d = dict[d]) {
          emit(out[d], i, hits);
        }
      }
      i++;
    }
  }

  private void emit(int id, int last, List<Hit> hits) {
    Needle n = needles[id];
    hits.add(new Hit(last + 1 - n.bytes.length, last + 1, n));
  }
}
