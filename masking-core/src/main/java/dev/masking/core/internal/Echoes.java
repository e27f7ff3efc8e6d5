package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The residual sweep's matcher: every masked value of a run (at least {@code residualMinLength}
 * characters) in each form it may be repeated in, searched for in each part of the output report
 * all together, in time linear in the part's length plus the hits. A hash matcher on the needles'
 * first four bytes runs first, over a long part sampled every few bytes through a table of the
 * needles' byte pairs, over a short one every three bytes through a small hashed table of the
 * pairs of those four bytes; it hands a part to an Aho-Corasick automaton over the needles' UTF-8
 * bytes only when its verification budget runs out.
 *
 * <p>Needles are kept in flat arrays (kind, length, first four bytes packed in an int), an object
 * only for a needle found. They are built lazily: collecting a form computes its length and first
 * {@value #HEAD} bytes (the hash key) without building it; the pair table of a long text then
 * reads the first bytes up to one past the stride (at most {@value #STRIDE} + 1); a
 * percent-encoded, XML-escaped or base64 form is built whole only when a window of the text must
 * be verified against it past those bytes, when two forms of a value agree that far (to tell
 * whether they coincide), or when the automaton is built; and a form's replacement only when it
 * is found.
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
 * <p>One instance per run; not thread-safe. Its pair tables are borrowed from the calling thread
 * (per thread, one 2 KB table for short parts and one 64 KB table once it swept a long part,
 * refilled when another instance used them last, cleared when the sweep ends).
 */
final class Echoes {

  /** How many leading bytes of each form the matchers may read without building it. */
  static final int WINDOW = 16;

  /** How many leading bytes of each form are computed at least when it is collected (the hash key's). */
  static final int HEAD = 4;

  /** One masked value to hunt: what masked it, and its forms' shared parts. */
  static final class Value {
    // Made new for each matcher: a record pooled per thread lived long, and each reference
    // stored into it paid the collector's write barrier (measured on the json-api report's eight
    // records, in the report's context: about 45 ns more than new records; before that, dropping
    // its run and action fields, about 30 ns). No run and no action here: the matcher's run
    // writes the masks, the action is read from the decision.
    final String v;
    final byte[] raw;
    final boolean plain;
    Decision decision;
    Point point;
    private String mask;
    private String pctMask;

    /**
     * The value's bytes as a set of their low seven bits (see {@link #flags(Value)}), when {@link
     * #chars}.
     */
    long charsLo;
    long charsHi;
    boolean chars;
    /** Whether {@link #flags(Value)} is to collect the byte set too. */
    boolean wantChars;

    Value(String v, byte[] raw, boolean plain, Decision d, Point p) {
      this.v = v;
      this.raw = raw;
      this.plain = plain;
      this.decision = d;
      this.point = p;
    }

    /** The action its echoes are masked with (a removed value's are redacted). */
    MaskAction action() {
      return Echoes.action(decision);
    }

    /** Its mask, as run {@code run} (the matcher's) writes it. */
    String mask(MaskRun run) {
      if (mask == null) {
        mask = run.applyAction(action(), v);
      }
      return mask;
    }

    String pctMask(MaskRun run) {
      if (pctMask == null) {
        pctMask = Percent.encodeToString(mask(run));
      }
      return pctMask;
    }

    /** Bytes kept raw, spaces, and the other bytes the URI and Percent forms keep. */
    private int unreserved = -1;
    private int spaces;
    private int uriKeeps;
    private int ownKeeps;

    /** How many bytes every percent-encoded form keeps raw; counts the others' too. */
    int unreserved() {
      if (unreserved < 0) {
        count();
      }
      return unreserved;
    }

    private void count() {
      int u = 0;
      int sp = 0;
      int uk = 0;
      int ok = 0;
      for (byte x : raw) {
        int c = x & 0xff;
        if (KEEP_UNRESERVED[c]) {
          u++;
        } else {
          sp += c == ' ' ? 1 : 0;
          uk += KEEP_URI[c] ? 1 : 0;
          ok += KEEP_OWN[c] ? 1 : 0;
        }
      }
      unreserved = u;
      spaces = sp;
      uriKeeps = uk;
      ownKeeps = ok;
    }

    /** Length of the percent-encoded form {@code kind}, from counts over the raw bytes. */
    int percentLength(int kind) {
      int n = raw.length;
      int escaped = n - unreserved();
      return switch (kind) {
        case PCT_PLUS_UPPER, PCT_PLUS_LOWER -> n + 2 * (escaped - spaces);
        case PCT_URI -> n + 2 * (escaped - uriKeeps);
        case PCT_OWN -> n + 2 * (escaped - ownKeeps);
        case PCT_TWICE -> n + 4 * escaped;
        default -> n + 2 * escaped;
      };
    }

    void update(Decision d, Point p) {
      decision = d;
      point = p;
      mask = null;
      pctMask = null;
    }
  }

  // Form kinds.
  private static final int RAW = 0;
  private static final int PCT_UPPER = 1;
  private static final int PCT_LOWER = 2;
  private static final int PCT_PLUS_UPPER = 3;
  private static final int PCT_PLUS_LOWER = 4;
  private static final int PCT_URI = 5;
  private static final int PCT_OWN = 6;
  private static final int PCT_TWICE = 7;
  private static final int JSON = 8;
  private static final int XML = 9;
  private static final int XML_NUMERIC = 10;
  /** XML text content as writers escape it: {@code & < >} only, quotes kept. */
  private static final int XML_TEXT = 11;
  /** Percent-encoded as encoder w of {@link #PCT_WRITERS} writes it: {@code PCT_W0 + w}. */
  private static final int PCT_W0 = 24;
  private static final int B64 = 32; // + 2 * align + (url ? 1 : 0)

  /** What a needle stands for: one form of one masked value. */
  static final class Needle {
    final Value owner;
    /** The run whose values are hunted (it writes the masks). */
    private final MaskRun run;
    final int kind;
    final String form;
    final int length;
    private byte[] bytes;
    private String replacement;

    Needle(Value owner, MaskRun run, int kind, String form, int length, byte[] bytes) {
      this.owner = owner;
      this.run = run;
      this.kind = kind;
      this.form = form;
      this.length = length;
      this.bytes = bytes;
    }

    /** The rule's decision (the strictest one that masked the value). */
    Decision decision() {
      return owner.decision;
    }

    /** Where the value was masked, or null. */
    Point maskedAt() {
      return owner.point;
    }

    /** The masked value. */
    String value() {
      return owner.v;
    }

    /** The form's bytes, built on first need. */
    byte[] bytes() {
      byte[] b = bytes;
      if (b == null) {
        b = formBytes(owner.raw, kind, length);
        bytes = b;
      }
      return b;
    }

    /** What an echo of this form is replaced with, built on first need. */
    String replacement() {
      String r = replacement;
      if (r == null) {
        Value o = owner;
        MaskAction a = o.action();
        if (kind == RAW) {
          r = o.mask(run);
        } else if (kind <= PCT_TWICE || isWriter(kind)) {
          r = o.pctMask(run);
        } else if (kind == JSON) {
          r = JsonEscapes.escape(o.mask(run));
        } else if (kind == XML || kind == XML_NUMERIC || kind == XML_TEXT) {
          r = xml(o.mask(run), false);
        } else if (a instanceof MaskAction.Redact red) {
          r = red.token();
        } else {
          int align = (kind - B64) >> 1;
          byte[] core = base64CoreBytes(o.raw, align, STD_ALPHABET);
          r = run.applyAction(a, new String(core, StandardCharsets.ISO_8859_1));
        }
        replacement = r;
      }
      return r;
    }
  }

  /** The bytes of form {@code kind} (not a JSON one) of {@code raw}, {@code length} long. */
  static byte[] formBytes(byte[] raw, int kind, int length) {
    if (kind >= B64) {
      return base64CoreBytes(raw, (kind - B64) >> 1, (kind & 1) != 0 ? URL_ALPHABET : STD_ALPHABET);
    }
    byte[] b = new byte[length];
    if (kind == XML || kind == XML_NUMERIC || kind == XML_TEXT) {
      xmlForm(raw, kind, b, 0, length);
    } else if (kind == RAW) {
      System.arraycopy(raw, 0, b, 0, length);
    } else {
      percentForm(raw, kind, b, 0, length);
    }
    return b;
  }

  /** What the notes call form {@code kind}. */
  static String formName(int kind) {
    if (kind >= B64) {
      return "base64";
    }
    return switch (kind) {
      case RAW -> "raw";
      case PCT_TWICE -> "percent-encoded twice";
      case JSON -> "JSON-escaped";
      case XML, XML_NUMERIC, XML_TEXT -> "XML-escaped";
      default -> "percent-encoded";
    };
  }

  /** A hit: needle {@code needle} at {@code [start, end)}. */
  record Hit(int start, int end, Needle needle) {}

  // The needles, in flat arrays (measured: an object per form was a fifth of the sweep's set-up
  // on a 1 KB report): needle k is form kinds[k] of values[owners[k]], lengths[k] bytes long,
  // its first four bytes packed big-endian in first4[k] (zero-padded when shorter); its bytes are
  // built on first need (given whole for the JSON forms), and its Needle object only for a hit.
  private final int count;
  /**
   * Needle k's value is {@code values[owners[k]]}: an index, not a reference (measured: a
   * reference store into the thread's long-lived pooled arrays pays the collector's write barrier,
   * about 20 ns for the json-api report's 30 needles).
   */
  private final int[] owners;
  private final int[] kinds;
  private final int[] lengths;
  private final int[] first4;
  private final byte[][] bytes;
  private Needle[] objects;
  /**
   * Needle k's first {@code preLen[k]} bytes at {@code k * WINDOW}, computed when the pair table is
   * filled for a long text (one past its stride); null before.
   */
  private byte[] pre;
  private int[] preLen;

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
   * candidate start and verified byte by byte. Cheap to build (a few ints per needle, no
   * per-byte node) and fast on text that holds no echo, which is most text. Its verification work
   * is budgeted per part; past the budget (needles that share long prefixes with the text, on
   * purpose or not) the part is searched again with the Aho-Corasick automaton, built on first
   * need, so that the cost stays linear.
   */
  private final int[] head;
  private final int[] chain;
  private final int slots;
  private final int mask;
  /** The thread's pooled arrays the needles are in, or null; given back cleared on release. */
  private NeedleArrays pool;
  private boolean released;
  private final boolean hashable;
  private boolean built;
  /** Whether every needle is ASCII, so that any string can be matched char by char. */
  private final boolean asciiNeedles;
  /** Length of the shortest needle. */
  private final int minLength;
  /** Whether a value holds a surrogate (a lone one is '?' in its UTF-8 bytes). */
  private final boolean surrogates;

  private Echoes(Collector c) {
    this.count = c.size;
    this.owners = c.owners;
    this.kinds = c.kinds;
    this.lengths = c.lengths;
    this.first4 = c.first4;
    this.bytes = c.bytes;
    this.bytesStored = c.stored;
    this.asciiNeedles = c.ascii;
    this.surrogates = c.surrogates;
    int n = count;
    int slots = 16;
    while (slots < 2 * n) { // load at most 1/2: chains stay short, the table small
      slots <<= 1;
    }
    NeedleArrays p = c.pool;
    this.pool = p;
    // Needle k + 1 heads its chain; 0 is none (a fresh array, or a pooled one cleared when given
    // back: no fill needed).
    head = p != null && p.head.length >= slots ? p.head : new int[slots];
    chain = p != null && p.chain.length >= n ? p.chain : new int[n];
    this.slots = slots;
    mask = slots - 1;
    boolean allLong = true;
    int m = Integer.MAX_VALUE;
    ValuePool home = c.home;
    this.home = home;
    Thread me = Thread.currentThread();
    // Few needles: the thread's small pair table is filled now rather than on the first short
    // text swept (which nearly every sweep has; see FILL_WHEN_MADE), in the same pass as the
    // chains, each head read once (measured on the json-api report: about 15 ns less than a
    // second pass, fillSmall's).
    PairTable s = n <= FILL_WHEN_MADE && home != null && home.thread == me ? home.small : null;
    byte[] t = null;
    if (s != null) {
      s.clear();
      t = s.table;
    }
    for (int k = 0; k < n; k++) {
      int w = first4[k];
      if (t != null) {
        setPairs(t, w);
      }
      int len = lengths[k];
      m = Math.min(m, len);
      if (len < 4) {
        allLong = false;
        continue;
      }
      int h = slot(w);
      chain[k] = head[h] - 1;
      head[h] = k + 1;
    }
    if (s != null) {
      tookSmall(s, me);
    }
    this.hashable = allLong;
    this.minLength = m;
    this.directLeft = n;
  }

  /** Number of needles (for tests). */
  int size() {
    return count;
  }

  /** Needle {@code k}, in the order they were added: made on first need (a hit, or tests). */
  Needle needle(int k) {
    Needle[] o = objects;
    if (o == null) {
      o = objects = new Needle[count];
    }
    Needle n = o[k];
    if (n == null) {
      n = o[k] = new Needle(values[owners[k]], run, kinds[k], formName(kinds[k]), lengths[k],
          bytes(k));
    }
    return n;
  }

  /** Needle {@code k}'s bytes, built on first need (the raw form's are the value's: not stored). */
  private byte[] bytes(int k) {
    byte[] b = bytes[k];
    if (b == null) {
      if (kinds[k] == RAW) {
        return values[owners[k]].raw;
      }
      b = bytes[k] = formBytes(values[owners[k]].raw, kinds[k], lengths[k]);
      bytesStored = true;
    }
    return b;
  }

  /**
   * Whether any entry of {@link #bytes} was set (else release need not clear them: measured,
   * most runs build no form whole).
   */
  private boolean bytesStored;

  /**
   * The bytes of form {@code kind} of {@code raw}: the raw form is {@code raw} itself (not stored
   * when collected: a reference store into the thread's pooled arrays per value, measured), the
   * others built.
   */
  static byte[] built(byte[] raw, int kind, int length) {
    return kind == RAW ? raw : formBytes(raw, kind, length);
  }

  /** The first bytes of needle {@code k} that the matchers read without building it (for tests). */
  byte[] collectedPrefix(int k) {
    int p = Math.min(lengths[k], HEAD);
    if (pre != null && preLen[k] > p) {
      return Arrays.copyOfRange(pre, k * WINDOW, k * WINDOW + preLen[k]);
    }
    byte[] b = new byte[p];
    for (int j = 0; j < p; j++) {
      b[j] = (byte) (first4[k] >>> 24 - 8 * j);
    }
    return b;
  }

  /**
   * Whether {@link #findAscii} may be used on {@code s}: every needle is ASCII (a non-ASCII char
   * then never matches, and positions are char positions), or {@code s} itself is ASCII.
   */
  boolean matchesChars(String s) {
    if (asciiNeedles && !surrogates) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 && (!asciiNeedles || Character.isSurrogate(c))) {
        // A lone surrogate is '?' in the text's UTF-8, as in a value's: matched as bytes (a leak
        // when matched char by char, where it matches no needle byte).
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code s} can hold no needle because it is shorter than the shortest one when matched
   * char by char ({@link #matchesChars}: a char is one byte of the text there, so no needle fits);
   * a text matched as bytes is never ruled out here (its UTF-8 may be longer than its chars).
   */
  boolean tooShort(String s) {
    return s.length() < minLength && matchesChars(s);
  }

  // ---- the pair table, borrowed from the thread -------------------------------------------------

  /** The longest stride of the sampled search: offsets per pair fit the table's bytes. */
  static final int STRIDE = 8;

  /**
   * Where byte pairs start in the needles: entry {@code b0 | b1 << 8} has bit {@code j} set when
   * bytes {@code j} and {@code j + 1} of some needle are {@code b0 b1}, for {@code j} below the
   * stride (every byte value its own entry: no aliasing on binary data). One per thread, allocated
   * on the thread's first long text and reused: a run sets only its needles' entries and clears
   * them when its sweep ends, or the thread's next claim clears them.
   */
  private static final class PairTable {
    final byte[] table;
    int[] dirty = new int[64];
    /** How many entries of {@link #dirty} are set; -1: clear the whole table (the small one). */
    int dirtyCount;
    long owner;
    long nextOwner;

    PairTable(int size) {
      table = new byte[size];
    }

    void clear() {
      byte[] t = table;
      if (dirtyCount < 0) {
        if (t.length == SMALL) {
          // Copied from a zero table (measured on the json-api report: about 38 ns less per
          // report than Arrays.fill's loop over the 2 KB, paired in the report's context).
          System.arraycopy(SMALL_ZEROS, 0, t, 0, SMALL);
        } else {
          Arrays.fill(t, (byte) 0);
        }
      } else {
        for (int k = 0; k < dirtyCount; k++) {
          t[dirty[k]] = 0;
        }
      }
      dirtyCount = 0;
    }
  }

  private static final ThreadLocal<PairTable> PAIRS =
      ThreadLocal.withInitial(() -> new PairTable(1 << 16));

  /**
   * Entries of the hashed pair table of texts shorter than {@link #LONG_TEXT}: pair {@code x} at
   * entry {@link #smallIndex}{@code (x)}, pairs that share an entry sharing its offset bits
   * (more samples verified, none missed). Its few cache lines stay hot where the 64 KB table's
   * fill touched one line per pair, and its fill is straight-line for the three pairs of the four
   * bytes packed when collected (measured on the json-api report's sweep: fill, search and clear
   * 621 -> 591 ns CPU).
   */
  static final int SMALL = 2048;

  /** All zeros, never written: what the small table is cleared from. */
  private static final byte[] SMALL_ZEROS = new byte[SMALL];

  /**
   * The thread's arrays and tables this instance was made with (the arrays lent or not), and so
   * the small pair table of the thread that made it ({@link ValuePool#small}): found without a
   * second thread-local look-up when it sweeps on that thread, as it does.
   */
  private final ValuePool home;

  /**
   * Up to this many needles, the small pair table is filled when the instance is made (in the
   * constructor's pass over the needles) instead of on the first short text swept: measured on
   * the json-api report's 30 needles, of, sweep of the URI, body and headers, and release 106 ns
   * CPU less per report (median of paired rounds); a sweep that searches no text through the
   * table (under {@link #directLeft} bytes in all) pays the fill and the clear for nothing
   * (about 140 ns). Past it, the table is filled on need as before (a few short texts under
   * hundreds of needles are searched directly, without it).
   */
  static final int FILL_WHEN_MADE = 64;

  /** The small table's entry of pair {@code x} (the pair's bytes {@code b0 | b1 << 8}). */
  private static int smallIndex(int x) {
    return x * 0x9E3779B1 >>> 21;
  }

  private PairTable small;
  private long smallOwner;
  private Thread smallThread;

  /**
   * How many more text bytes may be verified at every position instead of filling the small
   * table: filling costs about as much per needle as verifying costs per byte, so short texts
   * under many needles (a header among hundreds of masked values) are searched without it until
   * they add up to the needle count.
   */
  private int directLeft;

  /**
   * Whether a short text of {@code n} bytes is verified at every position (no table; see {@link
   * #directLeft}) rather than sampled through the small table.
   */
  private boolean direct(int n) {
    if (n > directLeft) {
      return false;
    }
    PairTable s = small;
    if (s != null && smallThread == Thread.currentThread() && s.owner == smallOwner) {
      return false; // filled already: sampling is cheaper
    }
    directLeft -= n;
    return true;
  }

  /**
   * This thread's small pair table holding this instance's entries for the stride of short
   * texts, {@link #SHORT_STRIDE}: the pairs of every needle's first four bytes.
   */
  /** The small pair table's bytes when this instance holds the current thread's, else null. */
  private byte[] heldSmall() {
    PairTable s = small;
    return s != null && smallThread == Thread.currentThread() && s.owner == smallOwner
        ? s.table : null;
  }

  private byte[] claimSmall() {
    byte[] held = heldSmall();
    if (held != null) {
      return held;
    }
    PairTable s = small;
    Thread me = Thread.currentThread();
    if (s != null && s.owner == smallOwner) {
      // Another thread's table (filled when this instance was made, or swept there) still holds
      // this instance's entries: cleared now, since release clears only the table it holds last.
      s.clear();
      s.owner = ++s.nextOwner;
    }
    ValuePool h = home;
    return fillSmall(h != null && h.thread == me ? h.small : ValuePool.thread().small, me);
  }

  /**
   * Takes the small pair table {@code s} of thread {@code me} for this instance: cleared whole
   * (when the instance that set it last was never released), then the pairs of every needle's
   * first four bytes set; returns its bytes.
   */
  private byte[] fillSmall(PairTable s, Thread me) {
    s.clear();
    byte[] t = s.table;
    int n = count;
    // No list of the entries set: the table is cleared whole (2 KB, a few vector stores; measured
    // cheaper than recording and clearing each entry).
    // The pairs read from the head with its bytes swapped (one instruction): pair j, bytes j and
    // j + 1 as b0 | b1 << 8, is then the swapped word's 16 bits from 8 * j (measured on the
    // json-api report's 30 needles: about 20 ns less than taking each byte out of the word).
    for (int k = 0; k < n; k++) {
      setPairs(t, first4[k]);
    }
    tookSmall(s, me);
    return t;
  }

  /** Sets in small table {@code t} the pairs at offsets 0 to 2 of the head {@code w}. */
  private static void setPairs(byte[] t, int w) {
    int r = Integer.reverseBytes(w);
    t[smallIndex(r & 0xffff)] |= 1;
    t[smallIndex(r >>> 8 & 0xffff)] |= 2;
    t[smallIndex(r >>> 16)] |= 4;
  }

  /**
   * Records that this instance holds small pair table {@code s} of thread {@code me}, its
   * entries set (to be cleared whole).
   */
  private void tookSmall(PairTable s, Thread me) {
    s.dirtyCount = -1;
    s.owner = ++s.nextOwner;
    small = s;
    smallOwner = s.owner;
    smallThread = me;
  }

  private PairTable pairs;
  private long pairsOwner;
  private Thread pairsThread;

  /** The stride the thread's pair table was filled for (0 before it was). */
  private int stride;

  /**
   * The stride for a text of {@code n} bytes: the shortest needle's pair count, at most
   * {@link #STRIDE} for a long text, and at most {@link #SHORT_STRIDE} otherwise, which needs no
   * needle prefix past the {@value #HEAD} bytes computed when collected (measured: computing
   * nine bytes of each needle's forms cost more than the longer stride saved on a 1 KB report).
   */
  private int strideFor(int n) {
    return Math.min(minLength - 1, n >= LONG_TEXT ? STRIDE : SHORT_STRIDE);
  }

  /** The stride of texts shorter than {@link #LONG_TEXT}. */
  static final int SHORT_STRIDE = HEAD - 1;

  /** Texts at least this long are sampled at the longest stride. */
  static final int LONG_TEXT = 1024;

  /** Whether this thread's pair table holds this instance's entries. */
  private boolean claimed() {
    PairTable s = pairs;
    return s != null && pairsThread == Thread.currentThread() && s.owner == pairsOwner;
  }

  /**
   * This thread's pair table holding this instance's entries for a stride of at least {@code
   * want} (then {@link #stride}).
   */
  private byte[] claimPairs(int want) {
    if (claimed() && stride >= want) {
      return pairs.table; // the usual case: no thread-local lookup per part swept
    }
    PairTable s = PAIRS.get();
    if (s != pairs || s.owner != pairsOwner || stride < want) {
      s.clear();
      byte[] t = s.table;
      int st = want;
      stride = want;
      int n = count;
      if (st * n > WHOLE_CLEAR) {
        fillPairs(t, st);
        s.dirtyCount = -1;
        s.owner = ++s.nextOwner;
        pairs = s;
        pairsOwner = s.owner;
        pairsThread = Thread.currentThread();
        return t;
      }
      if (s.dirty.length < st * n) {
        s.dirty = new int[Math.max(st * n, 2 * s.dirty.length)];
      }
      int[] dirty = s.dirty;
      int count = 0;
      for (int k = 0; k < n; k++) {
        if (st <= 3) {
          // The pairs of the first four bytes, packed when collected: no prefix to compute
          // (measured: a third of the table's fill and clear for a login form).
          int w = first4[k];
          for (int j = 0; j < st; j++) {
            int h = w >>> 24 - 8 * j & 0xff | (w >>> 16 - 8 * j & 0xff) << 8;
            int old = t[h];
            dirty[count] = h;
            count++;
            t[h] = (byte) (old | 1 << j);
          }
          continue;
        }
        prefix(k, st + 1);
        int o = k * WINDOW;
        for (int j = 0; j < st; j++) {
          int h = pre[o + j] & 0xff | (pre[o + j + 1] & 0xff) << 8;
          int old = t[h];
          dirty[count] = h;
          count++;
          t[h] = (byte) (old | 1 << j);
        }
      }
      s.dirtyCount = count;
      s.owner = ++s.nextOwner;
      pairs = s;
      pairsOwner = s.owner;
    }
    pairsThread = Thread.currentThread();
    return s.table;
  }

  /**
   * Past this many entries to set, the 64 KB pair table is cleared whole (a few thousand vector
   * stores) rather than entry by entry from a list of those set (measured on the jsonapi:100kb
   * output's thousand-odd needles at stride 7).
   */
  static final int WHOLE_CLEAR = 4096;

  /** Sets every needle's pairs at offsets below {@code st} in {@code t}, with no list of them. */
  private void fillPairs(byte[] t, int st) {
    for (int k = 0; k < count; k++) {
      if (st <= 3) {
        int w = first4[k];
        for (int j = 0; j < st; j++) {
          int h = w >>> 24 - 8 * j & 0xff | (w >>> 16 - 8 * j & 0xff) << 8;
          t[h] |= (byte) (1 << j);
        }
        continue;
      }
      prefix(k, st + 1);
      int o = k * WINDOW;
      for (int j = 0; j < st; j++) {
        int h = pre[o + j] & 0xff | (pre[o + j + 1] & 0xff) << 8;
        t[h] |= (byte) (1 << j);
      }
    }
  }

  /**
   * Clears this instance's entries from the thread's pair table, if they are still there: the
   * table is reused by the thread's next run, and between runs it holds nothing derived from a
   * masked value (not even which byte pairs began one). Called when the sweep ends.
   */
  void release() {
    values = null; // nothing of the run's values read through this matcher once released
    valueCount = 0;
    NeedleArrays p = pool;
    if (p != null) {
      pool = null;
      p.giveBack(this);
    } else if (!released) {
      NeedleArrays.adopt(this); // grown past the pooled arrays: kept, cleared, for the next run
    }
    released = true;
    PairTable s = small;
    if (s != null && s.owner == smallOwner) {
      s.clear();
      s.owner = ++s.nextOwner;
    }
    small = null;
    s = pairs;
    if (s == null || s.owner != pairsOwner) {
      return; // never claimed, or already cleared by a later claim
    }
    s.clear();
    s.owner = ++s.nextOwner;
    pairs = null;
  }

  /** How many entries of this thread's pair table are set (tests: 0 after every run). */
  static int threadTableEntries() {
    int n = 0;
    for (byte x : PAIRS.get().table) {
      n += x != 0 ? 1 : 0;
    }
    for (byte x : ValuePool.thread().small.table) {
      n += x != 0 ? 1 : 0;
    }
    return n;
  }

  /** Makes needle k's prefix in the arena at least {@code m} bytes (at most its length). */
  private void prefix(int k, int m) {
    m = Math.min(m, lengths[k]);
    if (pre == null) {
      pre = new byte[count * WINDOW];
      preLen = new int[count];
    }
    if (preLen[k] >= m) {
      return;
    }
    int o = k * WINDOW;
    int kind = kinds[k];
    byte[] raw = values[owners[k]].raw;
    if (bytes[k] != null) {
      System.arraycopy(bytes[k], 0, pre, o, m);
    } else if (kind >= B64) {
      base64Core(raw, (kind - B64) >> 1, (kind & 1) != 0 ? URL_ALPHABET : STD_ALPHABET, pre, o,
          m);
    } else if (kind == XML || kind == XML_NUMERIC || kind == XML_TEXT) {
      xmlForm(raw, kind, pre, o, m);
    } else if (kind == RAW) {
      System.arraycopy(raw, 0, pre, o, m);
    } else {
      percentHead(raw, kind, pre, o, m);
    }
    preLen[k] = m;
  }

  /**
   * The hash matcher over {@code a[from, to)}, sampled every {@link #stride} bytes through the
   * thread's pair table; false when its verification budget ran out (hits unspecified then).
   * Short texts too (measured: checking the first pair at every position of a 1 KB report cost
   * more than filling the table).
   */
  private boolean hashFind(byte[] a, int from, int to, List<Hit> hits) {
    long budget = 4L * (to - from) + 256;
    if (to - from < LONG_TEXT) {
      if (to - from < minLength) {
        return true; // no needle fits
      }
      if (direct(to - from)) {
        for (int i = from, end = to - minLength; i <= end && budget >= 0; i++) {
          budget = verifyAt(a, i, to, budget, hits);
        }
        return budget >= 0;
      }
      return smallRange(a, from, to, claimSmall(), budget, hits) >= 0;
    }
    return sampledRange(a, from, to, claimPairs(strideFor(to - from)), budget, hits) >= 0;
  }

  /**
   * As {@link #sampledRange} through the small table, at the stride of short texts ({@link
   * #SHORT_STRIDE}: every needle is at least four bytes long where this matcher runs).
   */
  private long smallRange(byte[] a, int from, int to, byte[] t, long budget, List<Hit> hits) {
    int last = to - minLength + SHORT_STRIDE - 1; // at most to - 2
    int end = to - minLength;
    for (int p = from; p <= last; p += SHORT_STRIDE) {
      int b = t[smallIndex(pairAt(a, p))];
      if (b == 0) {
        continue;
      }
      do {
        int j = Integer.numberOfTrailingZeros(b);
        b &= b - 1;
        int i = p - j;
        if (i >= from && i <= end && smallStart(a, i, t)) {
          budget = verifyAt(a, i, to, budget, hits);
          if (budget < 0) {
            return budget;
          }
        }
      } while (b != 0);
    }
    return budget;
  }

  /**
   * Whether the three byte pairs at {@code i} are some needles' pairs at offsets 0, 1 and 2 (as
   * every needle's are, four bytes or more): one of them is the sample's, known to be; the other
   * two rule out most starts a shared pair let through before a needle's head is looked up
   * (measured: a quarter of the short-text search went to such starts on the json-api body).
   * {@code i + 3} lies in the text: a needle starting at {@code i} fits it.
   */
  private static boolean smallStart(byte[] a, int i, byte[] t) {
    return (t[smallIndex(pairAt(a, i))] & 1) != 0 && (t[smallIndex(pairAt(a, i + 1))] & 2) != 0
        && (t[smallIndex(pairAt(a, i + 2))] & 4) != 0;
  }

  /** As {@link #smallStart} over an ASCII-matchable string. */
  private static boolean smallStart(String a, int i, byte[] t) {
    return (t[smallIndex(charPair(a, i))] & 1) != 0
        && (t[smallIndex(charPair(a, i + 1))] & 2) != 0
        && (t[smallIndex(charPair(a, i + 2))] & 4) != 0;
  }

  /**
   * The chars at {@code a[i, i + 2)} packed as a pair, for the small table's hash only, without
   * {@link #ascii}'s mapping: where they match a needle's bytes (as {@link #findAscii} matches:
   * every needle ASCII, or the text) each char equals its byte, so the pair equals the needle's
   * and hashes to its entry; any other char only lands somewhere (a start looked at and verified
   * by {@link #verifyAtAscii}, which maps, never one missed). Measured: URI and header values of
   * the json-api report 14 ns less (isolated, paired).
   */
  private static int charPair(String a, int i) {
    return a.charAt(i) | a.charAt(i + 1) << 8;
  }

  /**
   * As {@link #smallStart} through the exact table of long texts, whose stride is at least three
   * (every needle has its pairs at offsets 0 to 2 there).
   */
  private static boolean start(byte[] a, int i, byte[] t) {
    return (t[pairAt(a, i)] & 1) != 0 && (t[pairAt(a, i + 1)] & 2) != 0
        && (t[pairAt(a, i + 2)] & 4) != 0;
  }

  /** As {@link #start} over an ASCII-matchable string. */
  private static boolean start(String a, int i, byte[] t) {
    return (t[pairAt(a, i)] & 1) != 0 && (t[pairAt(a, i + 1)] & 2) != 0
        && (t[pairAt(a, i + 2)] & 4) != 0;
  }

  /** As {@link #smallRange} over an ASCII-matchable string, char by char. */
  private long smallRange(String a, int to, byte[] t, long budget, List<Hit> hits) {
    int last = to - minLength + SHORT_STRIDE - 1;
    int end = to - minLength;
    for (int p = 0; p <= last; p += SHORT_STRIDE) {
      int b = t[smallIndex(charPair(a, p))];
      if (b == 0) {
        continue;
      }
      do {
        int j = Integer.numberOfTrailingZeros(b);
        b &= b - 1;
        int i = p - j;
        if (i >= 0 && i <= end && smallStart(a, i, t)) {
          budget = verifyAtAscii(a, i, to, budget, hits);
          if (budget < 0) {
            return budget;
          }
        }
      } while (b != 0);
    }
    return budget;
  }

  /**
   * Sampled search: every occurrence of a needle starting at {@code i} holds the sample {@code p}
   * with {@code p - i} in {@code [0, stride)} (samples {@code from}, {@code from + stride}, ...),
   * and its byte pair at {@code p} is that needle's pair at offset {@code p - i}: a sample whose
   * pair starts no needle's pair at any offset rules out {@code stride} starts with one table
   * read, and the reads do not wait on each other (measured: a Wu-Manber skip loop was bound by
   * the latency of its two dependent loads per step). Returns the budget left, negative when it
   * ran out.
   */
  private long sampledRange(byte[] a, int from, int to, byte[] t, long budget, List<Hit> hits) {
    int s = stride;
    int last = to - minLength + s - 1; // at most to - 2: the pair at p is inside a
    for (int p = nextSample(a, from, last, s, t); p >= 0; p = nextSample(a, p + s, last, s, t)) {
      budget = sampleHit(a, p, t[pairAt(a, p)] & 0xff, from, to, t, budget, hits);
      if (budget < 0) {
        return budget;
      }
    }
    return budget;
  }

  /**
   * The first sample from {@code p} on, {@code s} apart, up to {@code last}, whose pair is in the
   * table; -1 when none is. Each stride its own loop with a constant step, which the compiler
   * unrolls and strips of bounds checks (measured on 1 MB of random bytes at stride 6: 107 -> 70
   * us; a loop stepping by a variable is not unrolled).
   */
  private static int nextSample(byte[] a, int p, int last, int s, byte[] t) {
    return switch (s) {
      case 3 -> samples(a, p, last, 3, t);
      case 4 -> samples(a, p, last, 4, t);
      case 5 -> samples(a, p, last, 5, t);
      case 6 -> samples(a, p, last, 6, t);
      case 7 -> samples(a, p, last, 7, t);
      case 8 -> samples(a, p, last, 8, t);
      default -> samples(a, p, last, s, t);
    };
  }

  /** As {@link #nextSample}; called with a constant {@code s} (inlined, the step is constant). */
  private static int samples(byte[] a, int p, int last, int s, byte[] t) {
    for (; p <= last; p += s) {
      if (t[pairAt(a, p)] != 0) {
        return p;
      }
    }
    return -1;
  }

  /**
   * Verifies the starts that sample {@code p} leaves open: {@code p - j} for each offset bit
   * {@code j} of {@code b}, when the pair there begins a needle.
   */
  private long sampleHit(byte[] a, int p, int b, int from, int to, byte[] t, long budget,
      List<Hit> hits) {
    int last = to - minLength;
    do {
      int j = Integer.numberOfTrailingZeros(b);
      b &= b - 1;
      int i = p - j;
      if (i >= from && i <= last && start(a, i, t)) {
        budget = verifyAt(a, i, to, budget, hits);
        if (budget < 0) {
          return budget;
        }
      }
    } while (b != 0);
    return budget;
  }

  private static final java.lang.invoke.VarHandle PAIR = java.lang.invoke.MethodHandles
      .byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * The pair table's index of the byte pair at {@code a[i, i + 2)}: one little-endian two-byte
   * read, zero-extended (measured: half the instructions of two byte reads or a folded index).
   */
  private static int pairAt(byte[] a, int i) {
    return (char) (short) PAIR.get(a, i);
  }

  /** The pair table's index of the chars at {@code a[i, i + 2)} as the bytes they match. */
  private static int pairAt(String a, int i) {
    return ascii(a.charAt(i)) | ascii(a.charAt(i + 1)) << 8;
  }

  /** As {@link #hashFind} over an ASCII-matchable string, char by char. */
  private boolean hashFindAscii(String a, List<Hit> hits) {
    int to = a.length();
    long budget = 4L * to + 256;
    if (to < LONG_TEXT) {
      if (to < minLength) {
        return true; // no needle fits
      }
      // The small table claimed already (the usual case past a report's first texts): no
      // direct-search accounting ({@link #direct} answers false then) and no second look-up.
      byte[] t = heldSmall();
      if (t == null) {
        if (direct(to)) {
          for (int i = 0, end = to - minLength; i <= end && budget >= 0; i++) {
            budget = verifyAtAscii(a, i, to, budget, hits);
          }
          return budget >= 0;
        }
        t = claimSmall();
      }
      return smallRange(a, to, t, budget, hits) >= 0;
    }
    byte[] t = claimPairs(strideFor(to));
    int s = stride;
    int last = to - minLength + s - 1;
    for (int p = nextSample(a, 0, last, s, t); p >= 0; p = nextSample(a, p + s, last, s, t)) {
      budget = sampleHitAscii(a, p, t[pairAt(a, p)] & 0xff, to, t, budget, hits);
      if (budget < 0) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #nextSample(byte[], int, int, int, byte[])} over a string. */
  private static int nextSample(String a, int p, int last, int s, byte[] t) {
    return switch (s) {
      case 3 -> samples(a, p, last, 3, t);
      case 4 -> samples(a, p, last, 4, t);
      case 5 -> samples(a, p, last, 5, t);
      case 6 -> samples(a, p, last, 6, t);
      case 7 -> samples(a, p, last, 7, t);
      case 8 -> samples(a, p, last, 8, t);
      default -> samples(a, p, last, s, t);
    };
  }

  /** As {@link #samples(byte[], int, int, int, byte[])} over a string. */
  private static int samples(String a, int p, int last, int s, byte[] t) {
    for (; p <= last; p += s) {
      if (t[pairAt(a, p)] != 0) {
        return p;
      }
    }
    return -1;
  }

  /** As {@link #sampleHit} over an ASCII-matchable string. */
  private long sampleHitAscii(String a, int p, int b, int to, byte[] t, long budget,
      List<Hit> hits) {
    int last = to - minLength;
    do {
      int j = Integer.numberOfTrailingZeros(b);
      b &= b - 1;
      int i = p - j;
      if (i >= 0 && i <= last && start(a, i, t)) {
        budget = verifyAtAscii(a, i, to, budget, hits);
        if (budget < 0) {
          return budget;
        }
      }
    } while (b != 0);
    return budget;
  }
  /** A char as the byte it is when ASCII; any other char as 0x80, which no ASCII needle holds. */
  private static int ascii(char c) {
    return c < 0x80 ? c : 0x80;
  }

  private int slot(int w) {
    return (w * 0x9E3779B1) >>> 16 & mask;
  }

  /**
   * Verifies the needles whose first four bytes are {@code a[i, i + 4)} against {@code a[i, to)},
   * appending the hits. Each comparison is charged to {@code budget}; returns what is left, or a
   * negative number when it ran out (hits unspecified then). A needle's bytes past its first
   * {@link #WINDOW} are built only when those match.
   */
  private long verifyAt(byte[] a, int i, int to, long budget, List<Hit> hits) {
    int w = (a[i] & 0xff) << 24 | (a[i + 1] & 0xff) << 16 | (a[i + 2] & 0xff) << 8
        | a[i + 3] & 0xff;
    for (int k = head[slot(w)] - 1; k >= 0; k = chain[k]) {
      if (first4[k] != w) {
        continue;
      }
      int len = lengths[k];
      int end = i + len;
      if (end > to) {
        continue;
      }
      budget -= len;
      if (budget < 0) {
        return budget;
      }
      int j = 4;
      if (len > 4) {
        if (pre != null) {
          int o = k * WINDOW;
          int p = preLen[k];
          while (j < p && a[i + j] == pre[o + j]) {
            j++;
          }
          if (j < p) {
            continue;
          }
        }
        byte[] nb = bytes(k);
        while (j < len && a[i + j] == nb[j]) {
          j++;
        }
      }
      if (j == len) {
        hits.add(new Hit(i, end, needle(k)));
      }
    }
    return budget;
  }

  /** As {@link #verifyAt} over an ASCII-matchable string. */
  private long verifyAtAscii(String a, int i, int to, long budget, List<Hit> hits) {
    int w = ascii(a.charAt(i)) << 24 | ascii(a.charAt(i + 1)) << 16
        | ascii(a.charAt(i + 2)) << 8 | ascii(a.charAt(i + 3));
    for (int k = head[slot(w)] - 1; k >= 0; k = chain[k]) {
      if (first4[k] != w) {
        continue;
      }
      int len = lengths[k];
      int end = i + len;
      if (end > to) {
        continue;
      }
      budget -= len;
      if (budget < 0) {
        return budget;
      }
      int j = 4;
      if (len > 4) {
        if (pre != null) {
          int o = k * WINDOW;
          int p = preLen[k];
          while (j < p && ascii(a.charAt(i + j)) == (pre[o + j] & 0xff)) {
            j++;
          }
          if (j < p) {
            continue;
          }
        }
        byte[] nb = bytes(k);
        while (j < len && ascii(a.charAt(i + j)) == (nb[j] & 0xff)) {
          j++;
        }
      }
      if (j == len) {
        hits.add(new Hit(i, end, needle(k)));
      }
    }
    return budget;
  }

  /** Builds the automaton on first need (every needle whole). */
  private void build() {
    if (built) {
      return;
    }
    built = true;
    rootNext = new int[256];
    int cap = 1;
    for (int k = 0; k < count; k++) {
      cap += lengths[k];
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
    for (int k = 0; k < count; k++) {
      insert(bytes(k), k);
    }
    links();
  }

  /**
   * Whether a masked value is searched for elsewhere: at least {@code min} characters, and not a
   * JSON literal ({@code true}, {@code false}, {@code null}), which holds no secret and whose every
   * repetition would be blanked.
   */
  /**
   * Whether masked value {@code v}, masked as {@code at} says, reads as its own mask (stars, a keep action's
   * output, the redact token or an hmac masked again) or is made of stars only: an echo of it
   * would be rewritten to the same bytes or is no secret, so it is not hunted; hunted, its own place and every run of stars would be found
   * and merged with other echoes into one starred span, so that masking twice starred what
   * masking once kept.
   */
  static boolean isItsOwnMask(MaskRun run, MaskRun.Masked at, String v) {
    MaskAction a = at.decision().action();
    if (a instanceof MaskAction.Redact r) {
      // Its mask is its token (measured: the general test below, with a value's star and hmac
      // look-ups, was about 100 ns of the json-api report's sweep set-up, most values redacted).
      return v.equals(r.token()) || onlyStars(v);
    }
    if (v.indexOf('*') < 0 && !v.startsWith("hmac:") && !v.equals(Actions.REDACT_TOKEN)) {
      return false; // the common case: no mask reads without a star, but these
    }
    if (onlyStars(v)) {
      return true;
    }
    return run.applyAction(a, v).equals(v);
  }

  /**
   * Whether {@code v} is made of stars only (a placeholder password, ********): what masks are
   * written with. Hunted, it would be found inside the masks of other values and rewrite them
   * (************1111 became ***1111, then starred whole on a second masking); it hides nothing a
   * mask does not show.
   */
  private static boolean onlyStars(String v) {
    for (int k = 0; k < v.length(); k++) {
      if (v.charAt(k) != '*') {
        return false;
      }
    }
    return true;
  }

  static boolean hunted(String v, int min) {
    int n = v.length();
    // The literals are four or five chars long: other lengths need no comparison.
    return n >= min && (n > 5 || n < 4
        || !v.equals("true") && !v.equals("false") && !v.equals("null"));
  }

  /**
   * The thread's needle arrays and small pair table, found through one thread-local look-up. (It
   * lent the thread's value records too, until they were found cheaper made new: a reference
   * stored into a long-lived record pays the collector's write barrier; measured on the json-api
   * report's eight records, about 45 ns less per report made new, in the report's context.)
   */
  static final class ValuePool {
    /** The thread's needle arrays. */
    final NeedleArrays arrays = new NeedleArrays();

    /**
     * The thread's pair table for texts shorter than {@link #LONG_TEXT} (see {@link #SMALL}), found
     * through the same look-up (measured: one thread-local look-up less per report).
     */
    final PairTable small = new PairTable(SMALL);

    /** The thread these are (made on it, by the thread-local's initial value). */
    final Thread thread = Thread.currentThread();

    private static final ThreadLocal<ValuePool> POOL = ThreadLocal.withInitial(ValuePool::new);

    /** This thread's needle arrays and small table. */
    static ValuePool thread() {
      return POOL.get();
    }
  }

  /**
   * The needle arrays of one matcher at a time on a thread (measured: about 1.1 KB of the json-api
   * report's allocation, the needle arrays and the chain table of its 30 needles), lent by {@link
   * #borrow} and given back cleared when the matcher is released: between runs they hold nothing
   * of a masked value (no value, form, form head or length). A matcher made while they are lent
   * (two at once on a thread, or one never released) gets arrays of its own.
   */
  static final class NeedleArrays {
    /** The most needles pooled arrays hold (larger runs allocate theirs). */
    static final int MAX = 1024;

    /** All zeros, never written: what the head table is cleared from. */
    private static final int[] ZERO_INTS = new int[2 * MAX];

    int[] owners = new int[0];
    int[] kinds = new int[0];
    int[] lengths = new int[0];
    int[] first4 = new int[0];
    byte[][] bytes = new byte[0][];
    int[] head = new int[0];
    int[] chain = new int[0];
    boolean lent;

    /** This thread's arrays (see {@link ValuePool#arrays}). */
    private static NeedleArrays mine() {
      return ValuePool.thread().arrays;
    }

    /**
     * The thread's arrays {@code p}, at least {@code n} long, lent; null when they are lent
     * already.
     */
    static NeedleArrays borrow(NeedleArrays p, int n) {
      if (p.lent || n > MAX) {
        return null;
      }
      if (p.kinds.length < n) {
        p.owners = new int[n];
        p.kinds = new int[n];
        p.lengths = new int[n];
        p.first4 = new int[n];
        p.bytes = new byte[n][];
      }
      p.lent = true;
      return p;
    }

    /**
     * Clears the first {@code n} needle entries and {@code slots} head entries, and takes them
     * back; the byte arrays' entries only when {@code bytesToo} (else none was set).
     */
    void giveBack(int n, int slots, boolean bytesToo) {
      int[] o = owners;
      int[] ks = kinds;
      int[] ls = lengths;
      int[] f4 = first4;
      int[] ch = chain;
      if (n <= o.length && n <= ks.length && n <= ls.length && n <= f4.length
          && n <= ch.length) {
        // The usual case, in one loop (measured on the json-api report's 30 needles: about 40
        // ns less than a fill per array, each with its own range checks and loop set-up).
        for (int k = 0; k < n; k++) {
          o[k] = 0;
          ks[k] = 0;
          ls[k] = 0;
          f4[k] = 0;
          ch[k] = 0;
        }
      } else {
        Arrays.fill(o, 0, n, 0);
        Arrays.fill(ks, 0, n, 0);
        Arrays.fill(ls, 0, n, 0);
        Arrays.fill(f4, 0, n, 0);
        Arrays.fill(ch, 0, Math.min(n, ch.length), 0);
      }
      if (bytesToo) {
        Arrays.fill(bytes, 0, n, null);
      }
      int hs = Math.min(slots, head.length);
      if (hs <= ZERO_INTS.length) {
        // Copied from zeros, as the small pair table (measured: about 15 ns less than
        // Arrays.fill on the json-api report's 64 slots; per needle array, a copy each cost
        // more than the one loop above).
        System.arraycopy(ZERO_INTS, 0, head, 0, hs);
      } else {
        Arrays.fill(head, 0, hs, 0);
      }
      lent = false;
    }

    /**
     * Takes back what matcher {@code e} used, cleared: the lent arrays, and its own head and chain
     * tables in place of smaller pooled ones.
     */
    void giveBack(Echoes e) {
      int n = e.count;
      if (e.head != head && e.slots <= 2 * MAX && e.head.length > head.length) {
        head = e.head; // cleared below
      }
      if (e.chain != chain && n <= MAX && e.chain.length > chain.length) {
        chain = e.chain;
      }
      giveBack(n, e.slots, e.bytesStored);
    }

    /**
     * Makes the arrays of released matcher {@code e}, which were not lent (its needles outgrew
     * them), the thread's, cleared, when they are larger and no other matcher holds the thread's
     * (measured on the full report: the arrays grown from a too-small first size were about 1.1
     * KB of its allocation).
     */
    static void adopt(Echoes e) {
      int cap = e.kinds.length;
      if (cap > MAX) {
        return;
      }
      NeedleArrays p = mine();
      if (p.lent || cap <= p.kinds.length) {
        return;
      }
      p.owners = e.owners;
      p.kinds = e.kinds;
      p.lengths = e.lengths;
      p.first4 = e.first4;
      p.bytes = e.bytes;
      p.lent = true;
      p.giveBack(e);
    }

    /** Whether the thread's arrays hold nothing (tests: after every released run). */
    static boolean threadArraysClear() {
      NeedleArrays p = mine();
      for (int k = 0; k < p.kinds.length; k++) {
        if (p.owners[k] != 0 || p.kinds[k] != 0 || p.lengths[k] != 0 || p.first4[k] != 0
            || p.bytes[k] != null) {
          return false;
        }
      }
      for (int x : p.head) {
        if (x != 0) {
          return false;
        }
      }
      for (int x : p.chain) {
        if (x != 0) {
          return false;
        }
      }
      return true;
    }

    /** Takes the thread's arrays back from a matcher a test never released (tests only). */
    static void reclaimForTests() {
      NeedleArrays p = mine();
      p.giveBack(p.kinds.length, p.head.length, true);
    }
  }

  /** Needles in flat arrays while they are collected. */
  private static final class Collector {
    int[] owners;
    /** The index of the value whose forms are collected (its needles' {@link #owners} entry). */
    int owner;
    int[] kinds;
    int[] lengths;
    int[] first4;
    byte[][] bytes;
    int size;
    boolean ascii = true;
    boolean surrogates;
    /** Whether an entry of {@link #bytes} was set. */
    boolean stored;
    /** Room for the first bytes of a form computed without building it. */
    final byte[] scratch = new byte[HEAD];

    /** The thread's pooled arrays these are, or null when allocated here. */
    NeedleArrays pool;

    /** The arrays and tables of the thread collecting (its small pair table), or null. */
    ValuePool home;

    /** For {@code values} values, in the thread's arrays {@code thread} unless they are lent. */
    Collector(int values, NeedleArrays thread) {
      int n = Math.max(8, Math.min(4 * values + 4, 1024)); // grown for values with many forms
      NeedleArrays p = NeedleArrays.borrow(thread, n);
      if (p != null) {
        pool = p;
        owners = p.owners;
        kinds = p.kinds;
        lengths = p.lengths;
        first4 = p.first4;
        bytes = p.bytes;
        return;
      }
      owners = new int[n];
      kinds = new int[n];
      lengths = new int[n];
      first4 = new int[n];
      bytes = new byte[n][];
    }

    /** Appends needle ({@code v}, {@code kind}, {@code len}, {@code head}, {@code whole}). */
    void put(Value v, int kind, int len, int head, byte[] whole) {
      int k = size;
      if (k == kinds.length) {
        grow(k + 1);
      }
      owners[k] = owner;
      kinds[k] = kind;
      lengths[k] = len;
      first4[k] = head;
      if (whole != null) {
        bytes[k] = whole;
        stored = true;
      }
      size = k + 1;
    }

    /**
     * Appends the needle unless a form of the same value from needle {@code first} on has the
     * same bytes (forms often coincide): told apart by length and first four bytes, and only when
     * those agree by the whole bytes, built then.
     */
    void add(int first, Value v, int kind, int len, int head, byte[] whole) {
      for (int k = first; k < size; k++) {
        if (lengths[k] == len && first4[k] == head && (len <= HEAD
            || Arrays.equals(built(k, v.raw),
                whole != null ? whole : formBytes(v.raw, kind, len)))) {
          return;
        }
      }
      put(v, kind, len, head, whole);
    }

    /** Needle k's bytes (a form of {@code raw}, its value's), built and kept on first need. */
    private byte[] built(int k, byte[] raw) {
      byte[] b = bytes[k];
      if (b == null) {
        b = bytes[k] = Echoes.built(raw, kinds[k], lengths[k]);
        stored = true;
      }
      return b;
    }

    /** Adds a form given whole. */
    void addWhole(int first, Value v, int kind, byte[] whole) {
      for (byte x : whole) {
        ascii &= x >= 0;
      }
      add(first, v, kind, whole.length, pack(whole), whole);
    }

    /**
     * Adds a percent-encoded form, its first bytes and length computed without building it. The
     * caller has ruled out that it equals a form of the value added before (see {@link
     * #addForms}): it is not compared with them.
     */
    void addPercent(Value v, int kind) {
      byte[] h = scratch;
      percentHead(v.raw, kind, h, 0, HEAD);
      int len = v.percentLength(kind);
      put(v, kind, len, pack(h, Math.min(len, HEAD)), null);
    }

    /**
     * Adds an XML-escaped form ({@code '} as {@code &#39;} when {@code numeric}, else as {@code
     * &apos;}), its first bytes and length computed without building it.
     */
    void addXml(int first, Value v, boolean numeric) {
      addXml(first, v, numeric ? XML_NUMERIC : XML);
    }

    /** Adds the XML-escaped form {@code kind} ({@code XML}, {@code XML_NUMERIC}, {@code XML_TEXT}). */
    void addXml(int first, Value v, int kind) {
      byte[] h = scratch;
      int len = xmlForm(v.raw, kind, h, 0, HEAD);
      add(first, v, kind, len, pack(h, Math.min(len, HEAD)), null);
    }

    /**
     * Adds the forms of a value of at least four bytes, all of them ASCII letters, digits and
     * {@code - . _} (no percent, JSON or XML form of it differs from the raw one, and no base64
     * core of it holds a {@code +} or {@code /}): the raw form and the three standard base64
     * cores, written in one go (measured: the general way, a call per form, was about a quarter
     * of the sweep's set-up on the json-api report). False, with nothing added, when two of the
     * cores have the same length and head (told apart whole by the general way).
     */
    boolean plain(Value v) {
      byte[] raw = v.raw;
      int n = raw.length;
      if (n < 4) {
        return false;
      }
      int r = (raw[0] & 0xff) << 24 | (raw[1] & 0xff) << 16 | (raw[2] & 0xff) << 8 | raw[3] & 0xff;
      int l0 = 8 * n / 6;
      int l1 = 8 * (1 + n) / 6 - 2;
      int l2 = 8 * (2 + n) / 6 - 3;
      int h0 = stdHead(r, 26);
      int h1 = stdHead(r, 22);
      int h2 = stdHead(r, 24);
      if (l0 == l1 && h0 == h1 || l0 == l2 && h0 == h2 || l1 == l2 && h1 == h2) {
        return false;
      }
      // Only the core at alignment 1 of four bytes is as long as the raw form (every other core
      // is longer): four bytes long, its head is all of it.
      boolean core1 = n != 4 || h1 != r;
      int k = size;
      if (k + 4 > kinds.length) {
        grow(k + 4);
      }
      int[] o = owners;
      int[] ks = kinds;
      int[] ls = lengths;
      int[] f4 = first4;
      int at = owner;
      o[k] = at;
      ks[k] = RAW;
      ls[k] = n;
      f4[k] = r;
      // bs[k] left null: the raw form's bytes are the value's (bytes(k) reads them on need).
      o[k + 1] = at;
      ks[k + 1] = B64;
      ls[k + 1] = l0;
      f4[k + 1] = h0;
      k += 2;
      if (core1) {
        o[k] = at;
        ks[k] = B64 + 2;
        ls[k] = l1;
        f4[k] = h1;
        k++;
      }
      o[k] = at;
      ks[k] = B64 + 4;
      ls[k] = l2;
      f4[k] = h2;
      size = k + 1;
      return true;
    }

    private void grow(int min) {
      int n = Math.max(min, 2 * kinds.length);
      int[] o = owners;
      int[] ks = kinds;
      int[] ls = lengths;
      int[] f4 = first4;
      byte[][] bs = bytes;
      owners = Arrays.copyOf(o, n);
      kinds = Arrays.copyOf(ks, n);
      lengths = Arrays.copyOf(ls, n);
      first4 = Arrays.copyOf(f4, n);
      bytes = Arrays.copyOf(bs, n);
      if (pool != null) {
        // The pooled arrays are left behind: given back cleared (the larger ones are offered to
        // the pool when the matcher is released).
        pool.giveBack(size, 0, true);
        pool = null;
      }
    }

    /** Gives back the pooled arrays, cleared, when no matcher is made of them. */
    void discard() {
      if (pool != null) {
        pool.giveBack(size, 0, true);
        pool = null;
      }
    }

    /**
     * Adds the base64 forms at the three alignments, first bytes and lengths computed without
     * building them; the base64url form of an alignment only when bit {@code align} of {@code
     * url} is set (it differs from the standard one there).
     */
    void addBase64(int first, Value v, int url) {
      byte[] raw = v.raw;
      int n = raw.length;
      if (n < 4) {
        // Cores of at most four characters: the general way.
        for (int align = 0; align < 3; align++) {
          int len = 8 * (align + n) / 6 - (8 * align + 5) / 6;
          if (len < 4) {
            continue;
          }
          base64Core(raw, align, STD_ALPHABET, scratch, 0, HEAD);
          add(first, v, B64 + 2 * align, len, pack(scratch, HEAD), null);
          if ((url & 1 << align) != 0) {
            base64Core(raw, align, URL_ALPHABET, scratch, 0, HEAD);
            add(first, v, B64 + 2 * align + 1, len, pack(scratch, HEAD), null);
          }
        }
        return;
      }
      // The first four characters of alignment a start 0, 4 and 2 bits into raw (a = 0, 1, 2) and
      // lie in its first four bytes (measured: a character at a time was a third of the set-up).
      int r = (raw[0] & 0xff) << 24 | (raw[1] & 0xff) << 16 | (raw[2] & 0xff) << 8 | raw[3] & 0xff;
      if (url == 0 && n > 4) {
        // The usual case: standard alphabet only, and no form added before can equal a core (a
        // core holds none of the '%', '\\' and '&' every other encoded form holds, and the raw
        // form is as long as a core only for four bytes): the three are compared among
        // themselves by length and head, and added without the loop over the value's forms.
        int l0 = 8 * n / 6;
        int l1 = 8 * (1 + n) / 6 - 2;
        int l2 = 8 * (2 + n) / 6 - 3;
        int h0 = stdHead(r, 26);
        int h1 = stdHead(r, 22);
        int h2 = stdHead(r, 24);
        if ((l0 != l1 || h0 != h1) && (l0 != l2 || h0 != h2) && (l1 != l2 || h1 != h2)) {
          put(v, B64, l0, h0, null);
          put(v, B64 + 2, l1, h1, null);
          put(v, B64 + 4, l2, h2, null);
          return;
        }
      }
      for (int align = 0; align < 3; align++) {
        int len = 8 * (align + n) / 6 - (8 * align + 5) / 6;
        int sh = 26 - (align == 0 ? 0 : align == 1 ? 4 : 2);
        int c0 = r >>> sh & 0x3f;
        int c1 = r >>> sh - 6 & 0x3f;
        int c2 = r >>> sh - 12 & 0x3f;
        int c3 = r >>> sh - 18 & 0x3f;
        byte[] a = STD_ALPHABET;
        add(first, v, B64 + 2 * align, len,
            (a[c0] & 0xff) << 24 | (a[c1] & 0xff) << 16 | (a[c2] & 0xff) << 8 | a[c3] & 0xff, null);
        if ((url & 1 << align) != 0) {
          a = URL_ALPHABET;
          add(first, v, B64 + 2 * align + 1, len,
              (a[c0] & 0xff) << 24 | (a[c1] & 0xff) << 16 | (a[c2] & 0xff) << 8 | a[c3] & 0xff,
              null);
        }
      }
    }
  }

  /**
   * The four standard-alphabet characters of the six-bit groups of {@code r} starting at bit
   * {@code 31 - sh - 5} (from the high end), packed big-endian.
   */
  private static int stdHead(int r, int sh) {
    byte[] a = STD_ALPHABET;
    return (a[r >>> sh & 0x3f] & 0xff) << 24 | (a[r >>> sh - 6 & 0x3f] & 0xff) << 16
        | (a[r >>> sh - 12 & 0x3f] & 0xff) << 8 | a[r >>> sh - 18 & 0x3f] & 0xff;
  }

  /** The first four bytes of {@code b} packed big-endian (zero-padded when shorter). */
  static int pack(byte[] b) {
    return pack(b, Math.min(b.length, HEAD));
  }

  /** The first {@code p} (at most four) bytes of {@code b} packed big-endian, zero-padded. */
  static int pack(byte[] b, int p) {
    int w = 0;
    for (int j = 0; j < HEAD; j++) {
      w = w << 8 | (j < p ? b[j] & 0xff : 0);
    }
    return w;
  }

  /**
   * The values seen so far by text, in order: found by scanning the list by length and content
   * while it is short (no hashing of every value), by a hash map past {@value #SEEN_LIST} values.
   */
  private static final class Seen {
    static final int SEEN_LIST = 16;
    Value[] list = new Value[8];
    /**
     * The length of each value of {@link #list}, read without going through the value and its
     * string (measured: those dependent loads were most of a look-up).
     */
    int[] lengths = new int[8];
    int size;
    Map<String, Value> map;

    Value get(String v) {
      if (map != null) {
        return map.get(v);
      }
      int n = v.length();
      int[] ls = lengths;
      for (int k = 0; k < size; k++) {
        if (ls[k] == n && list[k].v.equals(v)) {
          return list[k];
        }
      }
      return null;
    }

    void put(Value x) {
      if (size == list.length) {
        list = Arrays.copyOf(list, 2 * size);
        lengths = Arrays.copyOf(lengths, 2 * size);
      }
      lengths[size] = x.v.length();
      list[size++] = x;
      if (map != null) {
        map.put(x.v, x);
      } else if (size > SEEN_LIST) {
        map = new HashMap<>();
        for (int k = 0; k < size; k++) {
          map.put(list[k].v, list[k]);
        }
      }
    }
  }

  static Echoes of(MaskRun run) {
    return of(run, false);
  }

  /**
   * The matcher of the run's masked values, or null when none is hunted; with {@code chars}, the
   * values' byte sets are collected as their forms are ({@link #asciiAlphabet} is asked for).
   */
  static Echoes of(MaskRun run, boolean chars) {
    if (run.maskedValues().isEmpty()) {
      return null;
    }
    return of(run, chars, ValuePool.thread());
  }

  /**
   * As {@link #of(MaskRun, boolean)}, the needles in the thread's arrays ({@code home}'s) unless
   * they are lent, its small pair table filled when few ({@link #FILL_WHEN_MADE}).
   */
  private static Echoes of(MaskRun run, boolean chars, ValuePool home) {
    List<String> values = run.maskedValues();
    int min = run.options().residualMinLength();
    Seen seen = null;
    List<String> loose = null;
    // The values first (duplicates and a container's members resolved), then their forms.
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (!hunted(v, min)) {
        continue;
      }
      MaskRun.Masked at = run.maskedValueEntry(i);
      if (isItsOwnMask(run, at, v)) {
        continue;
      }
      if (seen == null) {
        seen = new Seen();
      }
      Value before = seen.get(v);
      if (before != null) {
        // The same value masked twice: its forms are there already; keep the stricter rule. Only
        // the very value recorded before is updated (a container's members and a value recorded
        // from another instance keep theirs, as when needles were replaced one by one).
        Decision d = at.decision();
        if (before.plain && before.v == v && DetectorInspector.stricter(d, before.decision)) {
          before.update(d, at.point());
        }
        continue;
      }
      Decision d = at.decision();
      Point p = at.point();
      char c0 = v.charAt(0);
      if (c0 == '{' || c0 == '[') {
        // A masked JSON object or array: its scalar members are the values to hunt. The text as
        // a whole is not hunted too: an echo of it is masked member by member, and its every
        // encoding would cost automaton nodes for structure that is no secret. A value that only
        // starts as one (a password [K'3N or {secret}: no members, or not all of its text in
        // them) is hunted whole as well.
        // The check and the members in one pass (JsonShape.scalars); the lenient scan only for a
        // text that is not one well-formed value. A container the JSON scanner masked comes with
        // its members, read as it found the container's end (the same list): not read again.
        List<String> members = run.memberScalars(i);
        if (members == null) {
          members = JsonShape.scalars(v, min);
        }
        seen.put(members != null ? new Value(v, null, false, d, p)
            : new Value(v, v.getBytes(StandardCharsets.UTF_8), true, d, p));
        for (String inner : members != null ? members : Residuals.jsonScalars(v, min)) {
          if (!hunted(inner, min) || onlyStars(inner)) {
            continue;
          }
          Value had = seen.get(inner);
          if (had == null) {
            Value iv = new Value(inner, inner.getBytes(StandardCharsets.UTF_8), false, d, p);
            seen.put(iv);
          } else if (had.raw == null) {
            // A member whose text is another masked container's: not hunted here (that
            // container's members are), but the payload pieces hunt it: its chars are in the
            // alphabet.
            if (loose == null) {
              loose = new ArrayList<>(2);
            }
            loose.add(inner);
          }
        }
      } else {
        Value val = new Value(v, v.getBytes(StandardCharsets.UTF_8), true, d, p);
        seen.put(val);
      }
    }
    if (seen == null) {
      return null;
    }
    Collector c = new Collector(seen.size, home.arrays);
    c.home = home;
    Echoes e = null;
    try {
      for (int k = 0; k < seen.size; k++) {
        Value val = seen.list[k];
        if (val.raw != null) {
          val.wantChars = chars;
          c.owner = k; // its index in e.values (seen.list)
          addForms(c, val);
        }
      }
      if (c.size == 0) {
        return null;
      }
      e = new Echoes(c);
    } finally {
      if (e == null) {
        c.discard(); // no matcher holds the thread's arrays: given back cleared
      }
    }
    e.values = seen.list;
    e.run = run;
    e.valueCount = seen.size;
    e.loose = loose;
    return e;
  }

  /** The values hunted (those with {@link Value#raw}) and the containers, as collected. */
  private Value[] values;
  /** The run whose values these are. */
  private MaskRun run;
  private int valueCount;
  /** Hunted members of masked containers whose text is another container's (rare), or null. */
  private List<String> loose;

  /**
   * The ASCII chars of every hunted value (and of {@link #loose}), as 128 bits (a superset: a
   * non-ASCII byte sets the bit of its low seven bits): for the payload pieces' pre-check, whose
   * pieces are pieces of these values. One pass over the values' bytes (measured: the chars of
   * every masked value, the containers' whole texts among them, read char by char, were about 300
   * ns of the json-api report's sweep).
   */
  long[] asciiAlphabet() {
    long lo = 0;
    long hi = 0;
    for (int k = 0; k < valueCount; k++) {
      Value val = values[k];
      byte[] raw = val.raw;
      if (raw == null) {
        continue;
      }
      if (val.chars) {
        lo |= val.charsLo;
        hi |= val.charsHi;
        continue;
      }
      for (byte x : raw) {
        int c = x & 0x7f;
        lo |= CHAR_LO[c];
        hi |= CHAR_HI[c];
      }
    }
    if (loose != null) {
      for (String s : loose) {
        for (int i = 0; i < s.length(); i++) {
          int c = s.charAt(i) & 0x7f;
          long bit = 1L << c;
          if (c < 64) {
            lo |= bit;
          } else {
            hi |= bit;
          }
        }
      }
    }
    return new long[] {lo, hi};
  }

  private static MaskAction action(Decision d) {
    return d.action() instanceof MaskAction.Remove ? MaskAction.redact() : d.action();
  }

  /**
   * Adds the needles of {@code val}'s forms, each once. The raw and percent-encoded forms that
   * equal another are told from the value's byte counts and left out; the others differ from
   * every form added before them, which is why they are not compared: two of these forms encode
   * each byte the same or differently, and at the first byte they encode differently their bytes
   * differ ({@code c}, {@code +} and {@code %} start no two encodings of the same byte but {@code
   * %XX} and {@code %xx}, which differ in a hex letter), except the form encoded twice, which is
   * longer than all the others.
   */
  private static void addForms(Collector c, Value val) {
    int first = c.size;
    String v = val.v;
    int f = flags(val);
    if ((f & (ENCODED | SUSPECT)) == 0 && c.plain(val)) {
      return; // the usual value: the raw form and three base64 cores, no other
    }
    c.surrogates |= (f & SURROGATE) != 0;
    if ((f & NON_ASCII) == 0) {
      c.put(val, RAW, val.raw.length, pack(val.raw), null); // every char below 0x80: ASCII
    } else {
      c.addWhole(first, val, RAW, val.raw);
    }
    if ((f & ENCODED) != 0) {
      // (Not f != 0: SUSPECT alone, from a '~', changes no standard form but base64's; the
      // encoders' forms of such a value are added below.)
      // Only a value with characters outside A-Za-z0-9-._~ differs in its encoded forms, and
      // only the forms its characters can change are added (measured: half the sweep's set-up
      // cost on a 1 KB report went to forms that came out equal). At least one byte is escaped.
      c.addPercent(val, PCT_UPPER);
      // A byte escaped with a hex letter (never a space) sets the lower-case forms apart.
      boolean hexLetters = (f & HEX_LETTERS) != 0;
      if (hexLetters) {
        c.addPercent(val, PCT_LOWER);
      }
      if ((f & SPACE) != 0) {
        c.addPercent(val, PCT_PLUS_UPPER); // '+' where the others have ' ', '%'
        if (hexLetters) {
          c.addPercent(val, PCT_PLUS_LOWER);
        }
      }
      if ((f & URI_RESERVED) != 0) {
        // Each keeps some reserved bytes the upper-case form escapes: shorter than it. The URI
        // form equals the raw one when it keeps every escaped byte; Percent's own form (which
        // keeps a subset: '*' and ':') equals the upper-case form when it keeps none, the raw
        // form when it keeps all, the URI form when it keeps as many.
        int escaped = val.raw.length - val.unreserved();
        int uriKeeps = val.uriKeeps;
        int ownKeeps = val.ownKeeps;
        if (uriKeeps != escaped) {
          c.addPercent(val, PCT_URI);
        }
        if (ownKeeps != 0 && ownKeeps != escaped && ownKeeps != uriKeeps) {
          c.addPercent(val, PCT_OWN);
        }
      }
      c.addPercent(val, PCT_TWICE);
      addWriterForms(c, first, val, f);
      if ((f & (JSON_SPECIAL | NON_ASCII | SLASH)) != 0) {
        // JsonEscapes' form written as bytes (valid UTF-8: a lone surrogate is escaped), not
        // made a String and encoded again (measured: escape's String and its bytes were a fifth
        // of the forms' set-up on the 1 KB JSON body's report).
        byte[] json = (f & JSON_SPECIAL) != 0 ? jsonBytes(v, val.raw.length) : val.raw;
        if (json != val.raw) { // else its bytes are the raw form's
          c.addWhole(first, val, JSON, json);
        }
        if ((f & NON_ASCII) != 0) {
          c.addWhole(first, val, JSON, jsonAscii(v).getBytes(StandardCharsets.UTF_8));
        }
        if ((f & SLASH) != 0) {
          c.addWhole(first, val, JSON, slashEscaped(json));
        }
      }
      if ((f & XML_SPECIAL) != 0) {
        // Built lazily: its bytes are the raw bytes with entities for the five ASCII specials (a
        // non-ASCII byte is never one of them), so its ASCII-ness is the raw form's.
        c.addXml(first, val, false);
        boolean apos = (f & APOS) != 0;
        if (apos) {
          c.addXml(first, val, true);
        }
        // XML text as writers escape it (quotes kept): differs when the value holds a quote and
        // one of < > &.
        if ((f & MARKUP) != 0 && (f & (APOS | QUOTE)) != 0) {
          c.addXml(first, val, XML_TEXT);
        }
        // Go's encoding/xml (EscapeText) and html/template write both quotes as numeric
        // references (&#34; &#39;): differs from the forms above when the value holds a '"'.
        if ((f & QUOTE) != 0) {
          c.addWhole(first, val, XML, xmlNumericQuotes(v).getBytes(StandardCharsets.UTF_8));
        }
      }
      // JSON as the common writers escape it beyond the forms above: Go's encoding/json (< > &
      // in lower-case hex), Jackson with ESCAPE_NON_ASCII (non-ASCII in upper-case hex), .NET's
      // System.Text.Json (both, and ' " + ` too, in upper-case hex).
      if ((f & (XML_SPECIAL | NON_ASCII | PLUS | BACKTICK)) != 0) {
        for (int w = 0; w < JSON_WRITERS.length; w++) {
          String form = jsonAs(v, w);
          if (form != null) {
            c.addWhole(first, val, JSON, form.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    } else if ((f & SUSPECT) != 0) {
      // Of the unreserved characters only '~' is SUSPECT: a value whose one character outside
      // A-Za-z0-9-._ is '~' has no standard percent form but the raw one, yet Java's URLEncoder,
      // PHP's urlencode and the .NET encoders escape its '~'.
      addWriterForms(c, first, val, f);
    }
    int url = (f & SUSPECT) == 0 ? 0 : base64PlusOrSlash(val.raw);
    c.addBase64(first, val, url);
  }

  /**
   * Adds {@code val}'s forms percent-encoded as the common library encoders write them, which
   * keep or escape some of {@code ! ' ( ) * ~ / $ & + : = @} unlike the standard forms: they
   * differ only for a value holding one of those ({@code f}: its {@link #flags}, whose {@link
   * #WRITER_SHIFT} bits say which). An encoder's form is built only when it keeps or escapes one
   * of them the value holds otherwise than the standard forms (which keep '~' alone): else it
   * equals one of them.
   */
  private static void addWriterForms(Collector c, int first, Value val, int f) {
    int present = f >>> WRITER_SHIFT & WRITER_CHARS >>> WRITER_SHIFT;
    if (present != 0) {
      for (int w = 0; w < PCT_WRITERS.length; w++) {
        if ((present & (PCT_WRITER_SPECIAL_KEEPS[w] ^ TILDE_BIT)) != 0) {
          // Known by its length and first bytes; its bytes built only when a window matches
          // that far (or it must be told apart from an earlier form with the same head).
          if (val.chars && (val.charsLo & ~PCT_WRITER_KEEP_LO[w]) == 0
              && (val.charsHi & ~PCT_WRITER_KEEP_HI[w]) == 0) {
            continue; // it keeps every byte of the value (read from its byte set): the raw form
          }
          byte[] h = c.scratch;
          int len = percentForm(val.raw, PCT_W0 + w, h, 0, HEAD);
          if (sameAsStandard(val, f, w, len)) {
            continue; // c.add would build it only to find it equal
          }
          c.add(first, val, PCT_W0 + w, len, pack(h, Math.min(len, HEAD)), null);
        }
      }
    }
  }

  /**
   * Whether encoder {@code w}'s form of {@code val} ({@code len} bytes long; {@code f}: the
   * value's {@link #flags}) equals the raw form or the upper-case standard one added before it,
   * told from lengths alone (measured: building such a form to compare it, for an e-mail address
   * whose '@' two encoders keep, was a tenth of the sweep's set-up on the json-api report). With no
   * space in the value, a form as long as the raw one escaped no byte: it is the raw form. An
   * encoder that keeps every byte the standard forms keep that the value holds (every one but
   * '~', and '~' too when the value holds none or the encoder keeps it) escapes a subset of the
   * bytes the upper-case standard form escapes, each as that form does ({@code %XX}, a space as
   * {@code %20} or, for an encoder writing {@code +}, as the {@code +} form does): as long, it
   * escapes the same bytes, and in upper-case hex (or with no hex letter to write) it is the same
   * form.
   */
  private static boolean sameAsStandard(Value val, int f, int w, int len) {
    boolean space = (f & SPACE) != 0;
    if (!space && len == val.raw.length) {
      return true;
    }
    if ((f & ENCODED) == 0
        || (f & TILDE_BIT << WRITER_SHIFT) != 0 && (PCT_WRITER_SPECIAL_KEEPS[w] & TILDE_BIT) == 0
        || PCT_WRITER_LOWER[w] && (f & HEX_LETTERS) != 0) {
      return false;
    }
    return len == val.percentLength(space && PCT_WRITER_PLUS[w] ? PCT_PLUS_UPPER : PCT_UPPER);
  }

  /**
   * Writes the first {@code limit} bytes of a percent-encoded form of {@code raw} ({@code kind}
   * one of the {@code PCT_} kinds) to {@code out} at {@code off}, and returns the form's whole
   * length. The same forms as {@link #percent} and {@link Percent#encode}.
   */
  static int percentForm(byte[] raw, int kind, byte[] out, int off, int limit) {
    boolean[] keep = keepOf(kind);
    byte[] hex = hexOf(kind);
    boolean plus = plusOf(kind);
    boolean twice = kind == PCT_TWICE;
    int n = 0;
    int k = 0;
    for (; k < raw.length && n < limit; k++) {
      int c = raw[k] & 0xff;
      if (keep[c]) {
        if (n < limit) {
          out[off + n] = (byte) c;
        }
        n++;
      } else if (plus && c == ' ') {
        if (n < limit) {
          out[off + n] = '+';
        }
        n++;
      } else {
        if (n + 5 <= limit) {
          out[off + n++] = '%';
          if (twice) {
            out[off + n++] = '2';
            out[off + n++] = '5';
          }
          out[off + n++] = hex[c >> 4];
          out[off + n++] = hex[c & 0xf];
        } else {
          n = put(out, off, limit, n, (byte) '%');
          if (twice) {
            n = put(out, off, limit, n, (byte) '2');
            n = put(out, off, limit, n, (byte) '5');
          }
          n = put(out, off, limit, n, hex[c >> 4]);
          n = put(out, off, limit, n, hex[c & 0xf]);
        }
      }
    }
    // The rest is only counted: one byte kept, or three (five when encoded twice).
    int wide = twice ? 5 : 3;
    for (; k < raw.length; k++) {
      int c = raw[k] & 0xff;
      n += keep[c] || plus && c == ' ' ? 1 : wide;
    }
    return n;
  }

  /** Whether form {@code kind} is an encoder's of {@link #PCT_WRITERS}. */
  private static boolean isWriter(int kind) {
    return kind >= PCT_W0 && kind < B64;
  }

  /** The bytes percent-encoded form {@code kind} writes raw. */
  private static boolean[] keepOf(int kind) {
    if (isWriter(kind)) {
      return PCT_WRITER_KEEPS[kind - PCT_W0];
    }
    return kind == PCT_URI ? KEEP_URI : kind == PCT_OWN ? KEEP_OWN : KEEP_UNRESERVED;
  }

  /** The hex digits of percent-encoded form {@code kind}. */
  private static byte[] hexOf(int kind) {
    if (isWriter(kind)) {
      return PCT_WRITER_LOWER[kind - PCT_W0] ? HEX_LOWER : HEX_UPPER;
    }
    return kind == PCT_LOWER || kind == PCT_PLUS_LOWER ? HEX_LOWER : HEX_UPPER;
  }

  /** Whether percent-encoded form {@code kind} writes a space as {@code +}. */
  private static boolean plusOf(int kind) {
    if (isWriter(kind)) {
      return PCT_WRITER_PLUS[kind - PCT_W0];
    }
    return kind == PCT_PLUS_UPPER || kind == PCT_PLUS_LOWER;
  }

  /** Writes the first {@code limit} bytes (fewer when shorter) of the form, as percentForm. */
  static void percentHead(byte[] raw, int kind, byte[] out, int off, int limit) {
    boolean[] keep = keepOf(kind);
    byte[] hex = hexOf(kind);
    boolean plus = plusOf(kind);
    boolean twice = kind == PCT_TWICE;
    int n = 0;
    for (int k = 0; k < raw.length && n < limit; k++) {
      int c = raw[k] & 0xff;
      if (keep[c]) {
        out[off + n++] = (byte) c;
      } else if (plus && c == ' ') {
        out[off + n++] = '+';
      } else if (n + 5 <= limit) {
        out[off + n++] = '%';
        if (twice) {
          out[off + n++] = '2';
          out[off + n++] = '5';
        }
        out[off + n++] = hex[c >> 4];
        out[off + n++] = hex[c & 0xf];
      } else {
        n = put(out, off, limit, n, (byte) '%');
        if (twice) {
          n = put(out, off, limit, n, (byte) '2');
          n = put(out, off, limit, n, (byte) '5');
        }
        n = put(out, off, limit, n, hex[c >> 4]);
        n = put(out, off, limit, n, hex[c & 0xf]);
      }
    }
  }

  private static int put(byte[] out, int off, int limit, int n, byte b) {
    if (n < limit) {
      out[off + n] = b;
    }
    return n + 1;
  }

  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final boolean[] KEEP_UNRESERVED = new boolean[256];
  private static final boolean[] KEEP_URI = new boolean[256];
  private static final boolean[] KEEP_OWN = new boolean[256];

  static {
    for (int c = 0; c < 128; c++) {
      boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~';
      KEEP_UNRESERVED[c] = unreserved;
      KEEP_URI[c] = unreserved || ";,/?:@&=+$!'()*#".indexOf(c) >= 0;
      KEEP_OWN[c] = unreserved || c == '*' || c == ':';
    }
  }

  /**
   * Writes characters {@code [0, limit)} of the base64 core of {@code raw} at {@code align} (see
   * {@link #base64CoreBytes}) in {@code alphabet} to {@code out} at {@code off}.
   */
  static void base64Core(byte[] raw, int align, byte[] alphabet, byte[] out, int off, int limit) {
    // The core's first character starts (6 * from - 8 * align) bits into raw: 0, 4 or 2.
    int skip = 6 * ((8 * align + 5) / 6) - 8 * align;
    if (skip + 6 * limit <= 64) {
      // Up to nine characters (the pair table's prefixes): from the first eight bytes at once,
      // zero-padded past the end (those bits belong to no character of the core).
      long r = 0;
      int n = raw.length;
      for (int q = 0; q < 8; q++) {
        r = r << 8 | (q < n ? raw[q] & 0xff : 0);
      }
      int sh = 58 - skip;
      for (int j = 0; j < limit; j++) {
        out[off + j] = alphabet[(int) (r >>> sh - 6 * j) & 0x3f];
      }
      return;
    }
    int acc = raw[0] & 0xff & 0xff >> skip;
    int bits = 8 - skip;
    int i = 1;
    for (int j = 0; j < limit; j++) {
      if (bits < 6) {
        acc = (acc << 8 | raw[i++] & 0xff) & 0xffff;
        bits += 8;
      }
      bits -= 6;
      out[off + j] = alphabet[acc >> bits & 0x3f];
    }
  }

  /**
   * Which alignments' base64 cores of {@code raw} hold a {@code +} or {@code /} (bit {@code a} for
   * alignment {@code a}), in one pass over the bytes for all three: a character is 62 or 63 when
   * the five high bits of its six are ones, and a character of alignment {@code a} starts at a bit
   * offset {@code o} into {@code raw} with {@code o = -2a (mod 6)}; the core holds the characters
   * with {@code 0 <= o} and {@code o + 6 <= 8 * raw.length}.
   */
  static int base64PlusOrSlash(byte[] raw) {
    int n = raw.length;
    // Of ASCII bytes, only those with bits 5 to 1 set ('>', '?', '~', DEL) hold a run of five ones
    // at an even offset from their high end (the only offsets the mask below looks at); a run that
    // crosses into the next byte needs that byte's high bit. Values of other bytes (the usual
    // case) are told apart with one test per byte (measured: the pair loop below was a tenth of
    // the sweep's set-up on a 1 KB report).
    int suspect = 0;
    for (byte x : raw) {
      suspect |= x & 0x80 | ((x & 0x3E) == 0x3E ? 1 : 0);
    }
    if (suspect == 0) {
      return 0;
    }
    int found = 0;
    for (int i = 0; i < n; i++) {
      int two = (raw[i] & 0xff) << 8 | (i + 1 < n ? raw[i + 1] & 0xff : 0);
      // Bit 11 - k of runs is set when bits k to k + 4 (from the high end) of the pair are ones.
      int runs = two & two >> 1 & two >> 2 & two >> 3 & two >> 4 & 0xAA0;
      while (runs != 0) {
        int low = Integer.numberOfTrailingZeros(runs);
        runs &= runs - 1;
        int o = 8 * i + 11 - low;
        if (o + 6 <= 8 * n) {
          int r = o % 6;
          found |= 1 << (r == 0 ? 0 : r == 4 ? 1 : 2);
        }
      }
    }
    return found;
  }

  private static final byte[] URL_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  // ---- forms ----------------------------------------------------------------------------------

  private static final int ENCODED = 1;
  private static final int HEX_LETTERS = 2;
  private static final int SPACE = 4;
  private static final int URI_RESERVED = 8;
  private static final int JSON_SPECIAL = 16;
  private static final int NON_ASCII = 32;
  private static final int SLASH = 64;
  private static final int XML_SPECIAL = 128;

  /**
   * A value byte that may put a {@code +} or {@code /} in a base64 core (see {@link
   * #base64PlusOrSlash}): a byte with bits 5 to 1 set, or any non-ASCII one.
   */
  private static final int SUSPECT = 256;

  /** A surrogate char (from {@link #charFlags} only). */
  private static final int SURROGATE = 1024;

  /** Set by {@code ?} in {@link #ASCII_FLAGS}, and only there. */
  private static final int QUESTION_MARK = 512;

  /**
   * Bits {@code WRITER_SHIFT + i}: the value holds character {@code i} of {@link
   * #WRITER_SPECIALS} (read from the flags instead of a search of the value per character:
   * measured, those searches were a fifth of the forms' set-up on the json-api report).
   */
  private static final int WRITER_SHIFT = 12;

  /** All the bits of {@link #WRITER_SHIFT} (one per character of {@link #WRITER_SPECIALS}). */
  private static final int WRITER_CHARS =
      (1 << Echoes.WRITER_SPECIALS.length()) - 1 << WRITER_SHIFT;

  /** The value holds a {@code '}. */
  private static final int APOS = 1 << WRITER_SHIFT + Echoes.WRITER_SPECIALS.indexOf('\'');

  /** The first bit past {@link #WRITER_CHARS}. */
  private static final int PAST_WRITERS = WRITER_SHIFT + Echoes.WRITER_SPECIALS.length();

  /** The value holds a {@code +}. */
  private static final int PLUS = 1 << PAST_WRITERS;

  /** The value holds a {@code `}. */
  private static final int BACKTICK = 1 << PAST_WRITERS + 1;

  /** The value holds a {@code "}. */
  private static final int QUOTE = 1 << PAST_WRITERS + 2;

  /** The value holds one of {@code < > &}. */
  private static final int MARKUP = 1 << PAST_WRITERS + 3;

  /**
   * {@link #flags} of each ASCII character, with {@link #SUSPECT}, {@link #QUESTION_MARK} and the
   * bits that name single characters ({@link #WRITER_SHIFT}, {@link #PLUS} ... {@link #MARKUP}).
   */
  private static final int[] ASCII_FLAGS = new int[128];


  static {
    if (MARKUP >= 1 << 30) {
      throw new IllegalStateException("flag bits overflow"); // more writer specials than bits
    }
    for (int c = 0; c < 128; c++) {
      int f = 0;
      boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~';
      if (!unreserved) {
        f |= ENCODED;
        if ((c & 0xf) >= 10) {
          f |= HEX_LETTERS;
        }
        if (c == ' ') {
          f |= SPACE;
        }
        if (KEEP_URI[c]) { // ";,/?:@&=+$!'()*#": '*' and ':' are Percent's own too
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
      if ((c & 0x3E) == 0x3E) {
        f |= SUSPECT;
      }
      if (c == '?') {
        f |= QUESTION_MARK;
      }
      int w = Echoes.WRITER_SPECIALS.indexOf(c); // a constant, declared below
      if (w >= 0) {
        f |= 1 << WRITER_SHIFT + w;
      }
      f |= c == '+' ? PLUS : c == '`' ? BACKTICK : c == '"' ? QUOTE : 0;
      f |= c == '<' || c == '>' || c == '&' ? MARKUP : 0;
      ASCII_FLAGS[c] = f;
    }
  }

  /**
   * Which encodings can change {@code val}'s text ({@code ENCODED} ... {@code XML_SPECIAL}, 0
   * when every character is one of A-Za-z0-9-._~), with {@link #SUSPECT} when a base64 core of it
   * may hold a {@code +} or {@code /}. One pass over the bytes of an ASCII value; over the
   * characters of any other.
   */
  private static int flags(Value val) {
    String v = val.v;
    byte[] raw = val.raw;
    int n = raw.length;
    if (n == v.length() && n < 0x10000) {
      // As many bytes as characters: every character is ASCII, or a lone surrogate encoded as
      // '?'; read the bytes (measured: cheaper than the characters) and tell the surrogates by
      // the '?' they leave (then the characters are read after all).
      // The byte counts of Value#percentLength are counted apart, for a value with an encoded
      // form only (measured: counting them here for every value was half of this loop).
      int f = 0;
      if (val.wantChars) {
        // With the set of the bytes for the payload pieces' alphabet ({@link #asciiAlphabet}),
        // in the same pass (measured: a table read per half beats shifts and masks, and a second
        // pass over the bytes).
        // The flags are read from the set after the pass, from its few characters that have any
        // (measured: a third table read per byte was about a tenth of the sweep's set-up).
        long lo = 0;
        long hi = 0;
        for (byte x : raw) {
          int c = x & 0x7f;
          lo |= CHAR_LO[c];
          hi |= CHAR_HI[c];
        }
        val.charsLo = lo;
        val.charsHi = hi;
        val.chars = true;
        for (long b = lo & FLAGGED_LO; b != 0; b &= b - 1) {
          f |= ASCII_FLAGS[Long.numberOfTrailingZeros(b)];
        }
        for (long b = hi & FLAGGED_HI; b != 0; b &= b - 1) {
          f |= ASCII_FLAGS[64 + Long.numberOfTrailingZeros(b)];
        }
      } else {
        for (byte x : raw) {
          f |= ASCII_FLAGS[x & 0x7f];
        }
      }
      if ((f & QUESTION_MARK) == 0) {
        return f;
      }
    }
    return charFlags(v);
  }

  /** Char {@code c}'s bit in the low and the high half of a 128-bit set. */
  private static final long[] CHAR_LO = new long[128];
  private static final long[] CHAR_HI = new long[128];

  /** The ASCII characters whose {@link #ASCII_FLAGS} are not zero, as 128 bits. */
  private static final long FLAGGED_LO;
  private static final long FLAGGED_HI;

  static {
    long lo = 0;
    long hi = 0;
    for (int c = 0; c < 128; c++) {
      if (c < 64) {
        CHAR_LO[c] = 1L << c;
        lo |= ASCII_FLAGS[c] != 0 ? 1L << c : 0;
      } else {
        CHAR_HI[c] = 1L << c;
        hi |= ASCII_FLAGS[c] != 0 ? 1L << c : 0;
      }
    }
    FLAGGED_LO = lo;
    FLAGGED_HI = hi;
  }

  /** As {@link #flags}, from the characters of {@code v} (any text; no counts). */
  static int charFlags(String v) {
    int f = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      f |= c < 0x80 ? ASCII_FLAGS[c] : ENCODED | NON_ASCII | HEX_LETTERS | SUSPECT;
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < v.length()
            && Character.isLowSurrogate(v.charAt(i + 1))) {
          i++; // a pair: four bytes of UTF-8, none of them special
          continue;
        }
        // A lone surrogate is the byte '?' in the value's UTF-8 (which the URI form keeps) and a
        // backslash-u escape in JsonEscapes' form: those forms differ from the ones counted out.
        f |= URI_RESERVED | JSON_SPECIAL | SURROGATE;
      }
    }
    return f & ~QUESTION_MARK;
  }

  /** {@link #flags} of {@code v} (for tests). */
  static int flags(String v, Decision d) {
    return flags(v, d, false);
  }

  /**
   * {@link #flags} of {@code v}, with the byte set collected in the same pass when {@code chars}
   * (for tests).
   */
  static int flags(String v, Decision d, boolean chars) {
    Value val = new Value(v, v.getBytes(StandardCharsets.UTF_8), true, d, null);
    val.wantChars = chars;
    return flags(val);
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

  /** {@link JsonEscapes#escape}{@code (v)} as UTF-8 bytes ({@code n}: a size hint). */
  static byte[] jsonBytes(String v, int n) {
    ByteSink b = new ByteSink(n + 16);
    JsonEscapes.writeContent(b, v);
    return b.toByteArray();
  }

  /** {@code json} with every {@code /} written {@code \/} (a {@code /} byte is only ever one). */
  static byte[] slashEscaped(byte[] json) {
    int slashes = 0;
    for (byte x : json) {
      slashes += x == '/' ? 1 : 0;
    }
    byte[] out = new byte[json.length + slashes];
    int o = 0;
    for (byte x : json) {
      if (x == '/') {
        out[o++] = '\\';
      }
      out[o++] = x;
    }
    return out;
  }

  /**
   * Per percent-encoder (form kind {@code PCT_W0 + w}), the ASCII characters besides letters, digits,
   * {@code -}, {@code _} and {@code .} it keeps raw; then whether it writes a space as {@code +},
   * and whether its hex is lower case: JavaScript's encodeURIComponent, Java's URLEncoder, PHP's
   * urlencode, .NET's HttpUtility.UrlEncode, .NET's WebUtility.UrlEncode, Python's
   * urllib.parse.quote with its default {@code safe='/'}, Go's url.PathEscape, and JavaScript's
   * escape() (whose form is right for ASCII values only: it writes other characters as their
   * UTF-16 code units, not UTF-8 bytes).
   */
  static final String[] PCT_WRITERS =
      {"!'()*~", "*", "", "!()*", "!()*", "~/", "~$&+:=@", "@*+/"};
  static final boolean[] PCT_WRITER_PLUS =
      {false, true, true, true, true, false, false, false};
  static final boolean[] PCT_WRITER_LOWER =
      {false, false, false, true, false, false, false, false};

  /** How many encoders {@link #PCT_WRITERS} lists. */
  static final int PCT_WRITER_COUNT = PCT_WRITERS.length;

  /**
   * The characters the encoders of {@link #PCT_WRITERS} treat differently, one bit each: every
   * character one of them keeps raw that the upper-case standard form escapes, or escapes that it
   * keeps ('~').
   */
  private static final String WRITER_SPECIALS = "!'()*~/$&+:=@";

  private static final int TILDE_BIT = 1 << WRITER_SPECIALS.indexOf('~');

  /** Per encoder of {@link #PCT_WRITERS}: the bits of {@link #WRITER_SPECIALS} it keeps raw. */
  private static final int[] PCT_WRITER_SPECIAL_KEEPS = new int[PCT_WRITERS.length];

  static {
    if (PCT_W0 + PCT_WRITERS.length > B64) {
      throw new IllegalStateException("encoder form kinds overlap the base64 ones");
    }
    for (int w = 0; w < PCT_WRITERS.length; w++) {
      for (int i = 0; i < WRITER_SPECIALS.length(); i++) {
        if (PCT_WRITERS[w].indexOf(WRITER_SPECIALS.charAt(i)) >= 0) {
          PCT_WRITER_SPECIAL_KEEPS[w] |= 1 << i;
        }
      }
    }
  }

  /** The bits of {@link #WRITER_SPECIALS} that {@code v} holds. */
  static int writerSpecials(String v) {
    int bits = 0;
    for (int i = 0; i < WRITER_SPECIALS.length(); i++) {
      if (v.indexOf(WRITER_SPECIALS.charAt(i)) >= 0) {
        bits |= 1 << i;
      }
    }
    return bits;
  }

  /** Per encoder of {@link #PCT_WRITERS}, byte by byte: whether it writes the byte raw. */
  private static final boolean[][] PCT_WRITER_KEEPS = new boolean[PCT_WRITERS.length][256];

  /** Per encoder of {@link #PCT_WRITERS}: the ASCII bytes it writes raw, as 128 bits. */
  private static final long[] PCT_WRITER_KEEP_LO = new long[PCT_WRITERS.length];
  private static final long[] PCT_WRITER_KEEP_HI = new long[PCT_WRITERS.length];

  static {
    for (int w = 0; w < PCT_WRITERS.length; w++) {
      for (int c = 0; c < 128; c++) {
        PCT_WRITER_KEEPS[w][c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '-' || c == '_' || c == '.' || PCT_WRITERS[w].indexOf(c) >= 0;
        if (PCT_WRITER_KEEPS[w][c]) {
          if (c < 64) {
            PCT_WRITER_KEEP_LO[w] |= 1L << c;
          } else {
            PCT_WRITER_KEEP_HI[w] |= 1L << c;
          }
        }
      }
    }
  }

  /** Per JSON writer of {@link #jsonAs}: the ASCII characters it writes as hex escapes. */
  private static final String[] JSON_WRITERS = {"<>&", "", "<>&'\"+`"};

  /**
   * {@code v} JSON-escaped as writer {@code w} writes it: 0 Go's encoding/json, 1 Jackson with
   * ESCAPE_NON_ASCII, 2 .NET's System.Text.Json; null when that writes no character of {@code v}
   * as a hex escape the other forms do not have.
   */
  static String jsonAs(String v, int w) {
    String set = JSON_WRITERS[w];
    boolean nonAscii = w != 0;
    byte[] hex = w != 0 ? HEX_UPPER : HEX_LOWER;
    StringBuilder sb = null;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x80 ? set.indexOf(c) >= 0 : nonAscii) {
        if (sb == null) {
          sb = new StringBuilder(v.length() + 16).append(JsonEscapes.escape(v.substring(0, i)));
        }
        // Hex by table, not String.format (measured: the format call was most of a login report's
        // sweep set-up when its password held a quote).
        unicodeEscape(sb, c, hex);
      } else if (sb != null) {
        if (c < 0x20 || c == '"' || c == '\\') {
          sb.append(JsonEscapes.escape(String.valueOf(c)));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? null : sb.toString();
  }

  /** Appends {@code c} as a JSON {@code \}{@code uXXXX} escape in the hex digits {@code hex}. */
  private static void unicodeEscape(StringBuilder sb, char c, byte[] hex) {
    sb.append('\\').append('u').append((char) hex[c >> 12]).append((char) hex[(c >> 8) & 0xf])
        .append((char) hex[(c >> 4) & 0xf]).append((char) hex[c & 0xf]);
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
        unicodeEscape(sb, c, HEX_LOWER);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? e : sb.toString();
  }

  /**
   * Writes the first {@code limit} bytes of {@code raw} XML-escaped (as {@link #xml}) to {@code
   * out} at {@code off}, and returns the escaped form's whole length.
   */
  static int xmlForm(byte[] raw, int kind, byte[] out, int off, int limit) {
    int n = 0;
    for (byte x : raw) {
      byte[] e = x < 0 || kind == XML_TEXT && (x == '\'' || x == '"') ? null
          : x == '\'' && kind == XML_NUMERIC ? XML_NUMERIC_APOS : XML_ENTITIES[x];
      if (e == null) {
        if (n < limit) {
          out[off + n] = x;
        }
        n++;
      } else {
        for (byte y : e) {
          if (n < limit) {
            out[off + n] = y;
          }
          n++;
        }
      }
    }
    return n;
  }

  /** The entity of each ASCII byte {@link #xml} escapes ({@code '} as {@code &apos;}), or null. */
  private static final byte[][] XML_ENTITIES = new byte[128][];
  private static final byte[] XML_NUMERIC_APOS = "&#39;".getBytes(StandardCharsets.US_ASCII);

  static {
    XML_ENTITIES['&'] = "&amp;".getBytes(StandardCharsets.US_ASCII);
    XML_ENTITIES['<'] = "&lt;".getBytes(StandardCharsets.US_ASCII);
    XML_ENTITIES['>'] = "&gt;".getBytes(StandardCharsets.US_ASCII);
    XML_ENTITIES['"'] = "&quot;".getBytes(StandardCharsets.US_ASCII);
    XML_ENTITIES['\''] = "&apos;".getBytes(StandardCharsets.US_ASCII);
  }

  /** XML-escaped as Go writes it: {@code & < >} as entities, both quotes as {@code &#34; &#39;}. */
  static String xmlNumericQuotes(String v) {
    return xml(v, true).replace("&quot;", "&#34;");
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
    if (hashable && hashFind(a, from, to, hits)) {
      return;
    }
    hits.subList(before, hits.size()).clear();
    findAutomaton(a, from, to, hits);
  }

  /**
   * The Aho-Corasick search alone (what {@link #find} falls back to); hits by end position. Masked
   * values that end one another ({@code aaaa}, {@code aaaaa}, ... against a run of {@code a}) end
   * at every byte, so the hits could grow with the text times the number of values (a 2 MB report
   * of such values held tens of millions of hits and took seconds, then ran out of memory): past
   * {@link #MAX_HITS_PER_BYTE} hits a byte, one more hit spans the whole range, so that the
   * overlapping echoes are masked as one span, the range whole (fail closed).
   */
  void findAutomaton(byte[] a, int from, int to, List<Hit> hits) {
    build();
    long room = (long) MAX_HITS_PER_BYTE * (to - from) + 1024;
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
          room--;
        }
        for (int d = dict[s]; d > 0; d = dict[d]) {
          emit(out[d], i, hits);
          room--;
        }
        if (room < 0) {
          Hit last = hits.get(hits.size() - 1);
          hits.add(new Hit(from, to, last.needle()));
          return;
        }
      }
      i++;
    }
  }

  /** Hits per byte of text past which {@link #findAutomaton} masks the range whole. */
  static final int MAX_HITS_PER_BYTE = 16;

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
    // The rare fallback: the automaton over the chars as the bytes they match (one per char).
    byte[] bytes = new byte[a.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) ascii(a.charAt(i));
    }
    findAutomaton(bytes, 0, bytes.length, hits);
  }

  private void emit(int id, int last, List<Hit> hits) {
    hits.add(new Hit(last + 1 - lengths[id], last + 1, needle(id)));
  }
}
