package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Masks the element text and attribute values of an XML body on its bytes.
 *
 * <p>A hand-written, iterative scanner (no parser library, no tree, no recursion, no
 * re-serialisation). It never resolves anything: the DOCTYPE, entity declarations, entity
 * references, comments and processing instructions are copied through byte for byte; only the
 * five predefined entities and character references are decoded, to present a value to the
 * policy. Bytes no rule selects are copied unchanged.
 *
 * <p>Points: below the caller's step it pushes {@code xml}, then per element level {@code xml_tag
 * NAME} (the local name: {@code wsse:Password} is {@code xml_tag Password}, with field name {@code
 * Password}), followed by {@code xml_tag_array N} when the element has siblings of the same local
 * name (N counts those siblings from 0), and {@code xml_attr NAME} (local name) for each attribute.
 * It asks outermost first: {@code xml}, each element, its repetition step, its attributes.
 *
 * <p>A selected element has its content masked and its markup kept: every text node and CDATA
 * section inside it (CDATA keeps its markers), and the attribute values of the elements inside it
 * (namespace declarations excepted: they are markup).
 * Its own attributes are not its content (WS-Security's {@code Type} on {@code Password}) and are
 * asked about on their own. Whitespace-only text is layout and never masked; an empty element stays
 * empty. {@link MaskAction.Remove} empties a selected element's text and drops a selected
 * attribute with the space before it. Masks are written XML-escaped.
 *
 * <p>Malformed XML is scanned leniently and never passed through unexamined: mismatched end tags
 * close the nearest matching open element within 64 levels (one matching none is ignored); unclosed
 * elements end at the end of the input; a tag ends early at a {@code <}; an attribute quote that
 * never closes ends at the next {@code >} or {@code <}; the opener of an unterminated comment,
 * CDATA section, declaration or processing instruction is read as text and what follows it as
 * markup, and so is a declaration holding element markup (an entity value that would expand to
 * elements); content nested deeper than {@code maxXmlDepth}, or past {@code maxFields}, is masked
 * without asking; past a work budget of a few times the input size the rest is masked whole. Each
 * kind of problem adds one fallback note. Masked text that starts with such a stray {@code <}
 * keeps it and becomes the redact token, so that a second pass reads the output the same way
 * ({@code mask(mask(x)) == mask(x)}).
 *
 * <p>Encodings: a body in UTF-16 or UTF-32 (byte order mark or zero bytes) is transcoded to UTF-8,
 * scanned and re-encoded; a declared ASCII-compatible encoding (ISO-8859-*, windows-125*, the
 * common CJK ones) is used to decode values and encode masks, characters it lacks written as
 * references; an unknown label is noted and the body scanned as UTF-8; an encoding that could
 * hide markup from a byte scan (UTF-7, ISO-2022, HZ, EBCDIC, declared or detected) masks the body
 * whole.
 *
 * <p>Two passes, one tokenization: the first walks the bytes, counts same-named siblings (for
 * {@code xml_tag_array}) and records its events as ints; the second replays the record, asking
 * and masking, without reading the markup again.
 *
 * <p>Stateless: each call owns its scratch state (its arrays are kept per thread for the next call,
 * taken while in use, and name steps come from a per-thread {@link XmlNameCache}); thread-safe as
 * long as each thread uses its own {@link MaskRun}.
 */
public final class XmlScanner {

  static final String NOTE_UNCLOSED = "XML ends before every element is closed; scanned leniently";
  static final String NOTE_MISMATCH =
      "XML end tag does not match the open element; scanned leniently";
  static final String NOTE_SYNTAX = "XML has markup errors; scanned leniently";
  static final String NOTE_UNTERMINATED = "XML has an unterminated comment, CDATA section,"
      + " declaration or processing instruction; its content scanned as markup";
  static final String NOTE_OUTSIDE_ROOT = "XML has content outside the root element; scanned"
      + " leniently";
  static final String NOTE_DEPTH = "XML nesting deeper than maxXmlDepth; deeper content masked";
  static final String NOTE_FIELDS = "XML has more fields than maxFields; the rest masked";
  static final String NOTE_BUDGET = "XML too malformed to scan in bounded time; the rest masked"
      + " whole";
  static final String NOTE_ENCODING_UNKNOWN =
      "XML declares an unknown or contradicting encoding; scanned as UTF-8";
  static final String NOTE_ENCODING_UNSAFE =
      "XML declares an encoding that a byte scan cannot read safely; masked whole";
  static final String NOTE_WIDE = "XML body in UTF-16 or UTF-32; scanned as UTF-8";
  static final String NOTE_UNDECODABLE =
      "XML body looks like UTF-16 or UTF-32 but is not valid in it; masked whole";

  private static final int F_UNCLOSED = 1;
  private static final int F_MISMATCH = 2;
  private static final int F_SYNTAX = 4;
  private static final int F_UNTERMINATED = 8;
  private static final int F_OUTSIDE_ROOT = 16;
  private static final int F_DEPTH = 32;
  private static final int F_FIELDS = 64;
  private static final int F_BUDGET = 128;
  private static final int F_ENCODING = 256;
  private static final String[] FLAG_NOTES = {NOTE_UNCLOSED, NOTE_MISMATCH, NOTE_SYNTAX,
      NOTE_UNTERMINATED, NOTE_OUTSIDE_ROOT, NOTE_DEPTH, NOTE_FIELDS, NOTE_BUDGET,
      NOTE_ENCODING_UNKNOWN};

  private static final Step XML = Step.of("xml");
  private static final Step[] ARRAY_STEPS = new Step[256];

  static {
    for (int i = 0; i < ARRAY_STEPS.length; i++) {
      ARRAY_STEPS[i] = Step.indexed("xml_tag_array", i);
    }
  }

  private static final byte[] EMPTY = new byte[0];
  private static final int CACHE = 64;
  private static final int MAX_END_TAG_SEARCH = 64;
  private static final int MAX_CACHED = 64;

  private final byte[] src;
  private final int from;
  private final int to;
  private final MaskRun run;
  private final int base;
  private final int maxDepth;
  private final int maxFields;
  /** Whether a rule could select an {@code xml_tag_array} step ({@link MaskRun#maySelectIndexed}). */
  private final boolean arraySelectable;
  /**
   * Whether pre-check answers may be kept across scans ({@link #attributeMayInspect}): the policy
   * is stable and the run's inspectors are the ones it and the options make.
   */
  private final boolean stableValues;
  /** Charset of values; UTF-8 unless the declaration names another ASCII-compatible one. */
  private Charset cs = StandardCharsets.UTF_8;
  private CharsetEncoder encoder;

  /**
   * True during the first pass, which counts same-named siblings and records what the second pass
   * does (see {@link #replay}) instead of doing it.
   */
  private boolean counting;

  // The first pass's record: tokens of T_* kinds with their operands, replayed by the second pass
  // so that the bytes are tokenized once. Capped; past the cap the second pass walks the bytes.
  private static final int T_TEXT = 1;
  private static final int T_CDATA = 2;
  private static final int T_OPEN = 3;
  private static final int T_ATTR = 4;
  private static final int T_CLOSE = 5;
  private static final int T_EXTRA_END = 6;
  private static final int T_TAIL = 7;
  /** Most ints recorded: beyond it (a flood of tiny attributes) the record is dropped. */
  private static final int MAX_RECORD = 1 << 20;
  /** Largest record buffer kept for the next scan on the same thread (64 KB). */
  private static final int MAX_SPARE = 1 << 14;
  /**
   * Longest element, group or slot array kept for the next scan on the same thread (16 KB; 14 of
   * them): a document of a few thousand elements. With 64K entries each, one 1 MB document left
   * every thread that scanned it holding about 4 MB of scratch for good.
   */
  private static final int MAX_SPARE_ARRAY = 1 << 12;
  /**
   * A thread's spare scratch arrays (the record, the element stack, the sibling counts): taken by a
   * scan (a nested scan finds none and allocates its own) and given back after it.
   */
  private static final class Spare {
    int[] buf;
    int[][] arrays;
  }

  private static final ThreadLocal<Spare> SPARE = ThreadLocal.withInitial(Spare::new);
  private int[] tok;
  private int tokLen;
  /** Whether the record is complete (it was never dropped). */
  private boolean recorded;

  /** The edits so far, or null while nothing changed. */
  private Splices out;
  /** Text seen but not yet handled (-1 when none): adjacent runs are one text node. */
  private int pendingStart = -1;
  private int pendingEnd = -1;
  /** Whether the pending text is whitespace only (every piece of it was). */
  private boolean pendingBlank;
  private int flags;
  private int fields;
  /** Bytes examined by lookaheads that failed; bounded to keep the scan linear. */
  private long wasted;
  /** Where the searches for the ends of comments, PIs and CDATA sections last failed. */
  private int noCommentEnd = Integer.MAX_VALUE;
  private int noPiEnd = Integer.MAX_VALUE;
  private int noCdataEnd = Integer.MAX_VALUE;
  /** Where the searches for a closing double and single quote last failed. */
  private final int[] noQuoteAfter = {Integer.MAX_VALUE, Integer.MAX_VALUE};

  // The stack of open elements, innermost at sp - 1.
  private int sp;
  private int[] qStart;
  private int[] qEnd;
  private int[] ordinal;
  private int[] runDepth;
  /** Elements open beyond maxXmlDepth: counted only, their content masked. */
  private int extra;
  private boolean rootSeen;
  private int nextOrdinal;

  /** Content of elements at stack size >= maskSp is masked with maskDecision. */
  private int maskSp = Integer.MAX_VALUE;
  private Decision maskDecision;
  /** Everything from here on is masked (past maxFields). */
  private boolean maskRest;
  /** Non-blank text and CDATA pieces seen so far directly inside the element at maskSp. */
  private int maskPieces;

  // From the counting pass: per element ordinal, its index among same-named siblings, or -1.
  private int[] occurrence;
  private int[] group;
  private int[] groupCount;
  /** Open-addressing table of groups: slot holds a group's first ordinal + 1, or 0. */
  private int[] slots;
  /** A slot table from an earlier scan, reused (cleared) when it has the size this one needs. */
  private int[] spareSlots;
  private int used;
  private int[] groupParent;
  private int[] groupNameStart;
  private int[] groupNameLen;
  private int[] groupHash;
  /** Per element ordinal, from the first pass: where its local name starts, and its hash. */
  private int[] localOf;
  private int[] nameHashOf;

  /** Steps of UTF-8 names, this thread's, across scans; fetched on first use. */
  private XmlNameCache nameCache;
  /** This scan's stamp in {@link #nameCache}. */
  private long stamp;
  /** Whether the policy could select the name {@link #utf8Step} last returned the step of. */
  private boolean selectable;
  /** Steps of names in another charset, this scan's. */
  private Step[] tagCache;
  private int[] tagStart;
  private int[] tagLen;
  private Step[] attrCache;
  private int[] attrStart;
  private int[] attrLen;

  private XmlScanner(byte[] src, int from, int to, MaskRun run) {
    this.src = src;
    this.from = from;
    this.to = to;
    this.run = run;
    this.base = run.depth();
    this.maxDepth = run.options().maxXmlDepth();
    this.maxFields = run.options().maxFields();
    this.arraySelectable = run.maySelectIndexed("xml_tag_array");
    this.stableValues = run.nameAnswersKey() != null && run.stableInspectors();
  }

  /**
   * Masks the XML text {@code src[from, to)}. The run's point already ends at the parent step
   * (e.g. {@code post}); this pushes {@code xml} and the element and attribute steps below it, and
   * leaves the run at its entry depth on return. Never throws on any content: malformed XML is
   * scanned leniently and noted.
   *
   * @param src the bytes holding the body
   * @param from start of the XML text in {@code src}
   * @param to end of the XML text in {@code src} (exclusive)
   * @param run the state of this masking call
   * @return the rewritten bytes of {@code src[from, to)}, or {@code null} when nothing changed
   * @throws IndexOutOfBoundsException if {@code [from, to)} is not a range of {@code src}
   */
  public static byte[] mask(byte[] src, int from, int to, MaskRun run) {
    Objects.checkFromToIndex(from, to, src.length);
    int base = run.depth();
    try {
      Charset wide = wideCharset(src, from, to);
      if (wide != null) {
        return maskWide(src, from, to, wide, run);
      }
      return new XmlScanner(src, from, to, run).scan(true);
    } finally {
      run.popTo(base);
    }
  }

  /**
   * Like {@link #mask}, for XML that is already text: a value decoded from another encoding (a
   * JSON string, a form field, base64) and written as UTF-8. The bytes are read as UTF-8 whatever
   * the XML declaration says, and no byte order mark or wide encoding is looked for.
   *
   * @param utf8 the bytes holding the text, in UTF-8
   * @param from start of the XML text
   * @param to end of the XML text (exclusive)
   * @param run the state of this masking call, positioned at the value's point
   * @return the rewritten bytes of {@code utf8[from, to)}, or {@code null} when nothing changed
   * @throws IndexOutOfBoundsException if {@code [from, to)} is not a range of {@code utf8}
   */
  public static byte[] maskUtf8Text(byte[] utf8, int from, int to, MaskRun run) {
    Objects.checkFromToIndex(from, to, utf8.length);
    int base = run.depth();
    try {
      return new XmlScanner(utf8, from, to, run).scan(false);
    } finally {
      run.popTo(base);
    }
  }

  // ---- encodings ------------------------------------------------------------------------------

  /** UTF-16 or UTF-32 by byte order mark or by the zero bytes of the first characters. */
  static Charset wideCharset(byte[] b, int from, int to) {
    return WideJson.detect(b, from, to);
  }

  private static byte[] maskWide(byte[] src, int from, int to, Charset cs, MaskRun run) {
    int bom = bomLength(src, from, to, cs);
    byte[] body = Arrays.copyOfRange(src, from + bom, to);
    String text = decodeStrict(body, cs);
    if (text == null || !Arrays.equals(text.getBytes(cs), body)) {
      run.push(XML, null);
      run.fallback(NOTE_UNDECODABLE);
      String masked = run.mask(new Decision(MaskAction.redact(), "(undecodable body)"),
          new String(body, cs));
      run.pop();
      return withBom(src, from, bom, xmlEscape(masked, false).getBytes(cs));
    }
    run.push(XML, null);
    run.note(new Note(Note.Kind.INFO, run.point(), null, null, NOTE_WIDE));
    run.pop();
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] masked = new XmlScanner(utf8, 0, utf8.length, run).scan(false);
    if (masked == null) {
      return null;
    }
    return withBom(src, from, bom, new String(masked, StandardCharsets.UTF_8).getBytes(cs));
  }

  private static int bomLength(byte[] b, int from, int to, Charset cs) {
    int n = to - from;
    String name = cs.name();
    if (name.startsWith("UTF-32")) {
      boolean be = n >= 4 && b[from] == 0 && b[from + 1] == 0 && b[from + 2] == (byte) 0xFE
          && b[from + 3] == (byte) 0xFF;
      boolean le = n >= 4 && b[from] == (byte) 0xFF && b[from + 1] == (byte) 0xFE
          && b[from + 2] == 0 && b[from + 3] == 0;
      return be || le ? 4 : 0;
    }
    boolean be = b[from] == (byte) 0xFE && b[from + 1] == (byte) 0xFF;
    boolean le = b[from] == (byte) 0xFF && b[from + 1] == (byte) 0xFE;
    return be || le ? 2 : 0;
  }

  private static byte[] withBom(byte[] src, int from, int bom, byte[] encoded) {
    byte[] out = new byte[bom + encoded.length];
    System.arraycopy(src, from, out, 0, bom);
    System.arraycopy(encoded, 0, out, bom, encoded.length);
    return out;
  }

  private static String decodeStrict(byte[] body, Charset cs) {
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null; // the exception text is never kept
    }
  }

  /**
   * Whether the text starts with {@code <?xm} in EBCDIC, which XML parsers detect on their own
   * (XML 1.0, appendix F): no byte of its markup is where a byte scan would look for it.
   */
  static boolean isEbcdic(byte[] b, int from, int to) {
    return to - from >= 4 && b[from] == 0x4C && b[from + 1] == 0x6F && b[from + 2] == (byte) 0xA7
        && b[from + 3] == (byte) 0x94;
  }

  /** Outcome of reading the encoding declaration. */
  private enum Declared { UTF8, OTHER_SAFE, UNKNOWN, UNSAFE }

  /**
   * Reads {@code encoding="..."} from an XML declaration at {@code i} and sets {@link #cs}: a
   * charset in which every byte below 0x40 is always the ASCII character (so markup is where a
   * byte scan sees it) is honoured; UTF-7, ISO-2022, HZ and EBCDIC are not safe to byte-scan.
   */
  private Declared readDeclaration(int i) {
    if (!startsWith(i, "<?xml") || i + 5 >= to || !isWs(src[i + 5])) {
      return Declared.UTF8;
    }
    int end = indexOf2('?', '>', i + 5);
    int limit = end < 0 ? Math.min(to, i + 256) : end;
    int k = i + 5;
    while (k < limit - 8) {
      if (src[k] == 'e' && startsWith(k, "encoding")) {
        int j = skipWs(k + 8, limit);
        if (j < limit && src[j] == '=') {
          j = skipWs(j + 1, limit);
          if (j < limit && (src[j] == '"' || src[j] == '\'')) {
            byte q = src[j];
            int e = j + 1;
            while (e < limit && src[e] != q) {
              e++;
            }
            if (e - j - 1 == 5 && (src[j + 1] | 0x20) == 'u' && (src[j + 2] | 0x20) == 't'
                && (src[j + 3] | 0x20) == 'f' && src[j + 4] == '-' && src[j + 5] == '8') {
              return Declared.UTF8; // the usual label, without a String
            }
            return classify(new String(src, j + 1, e - j - 1, StandardCharsets.ISO_8859_1));
          }
        }
        return Declared.UNKNOWN;
      }
      k++;
    }
    return Declared.UTF8;
  }

  private Declared classify(String label) {
    String l = Ascii.lower(label.trim());
    if (l.equals("utf-8") || l.equals("utf8") || l.equals("us-ascii") || l.equals("ascii")) {
      return Declared.UTF8;
    }
    if (l.contains("utf-7") || l.contains("utf7") || l.contains("2022") || l.startsWith("hz")
        || l.contains("ebcdic") || l.startsWith("ibm") || l.startsWith("cp0")
        || l.startsWith("cp1047") || l.startsWith("cp500") || l.startsWith("cp037")) {
      return Declared.UNSAFE;
    }
    if (l.startsWith("utf-16") || l.startsWith("utf-32") || l.startsWith("ucs")
        || l.startsWith("unicode") || l.startsWith("utf16") || l.startsWith("utf32")) {
      return Declared.UNKNOWN; // the bytes are not wide (detected before), so the label is wrong
    }
    Charset c;
    try {
      c = Charset.forName(l);
    } catch (RuntimeException e) {
      return Declared.UNKNOWN;
    }
    String n = c.name();
    if (!MimeText.asciiScannable(c)) {
      return Declared.UNSAFE;
    }
    if (!n.equals("UTF-8") && !n.equals("US-ASCII")) {
      cs = c;
      encoder = c.newEncoder();
      return Declared.OTHER_SAFE;
    }
    return Declared.UTF8;
  }

  // ---- the scan -------------------------------------------------------------------------------

  private byte[] scan(boolean readEncoding) {
    int lo = from;
    if (to - lo >= 3 && src[lo] == (byte) 0xEF && src[lo + 1] == (byte) 0xBB
        && src[lo + 2] == (byte) 0xBF) {
      lo += 3;
    }
    if (skipWs(lo, to) == to) {
      return null;
    }
    run.push(XML, null);
    Decision whole = run.decide();
    if (readEncoding) {
      Declared declared = isEbcdic(src, lo, to) ? Declared.UNSAFE : readDeclaration(lo);
      if (declared == Declared.UNSAFE) {
        run.fallback(NOTE_ENCODING_UNSAFE);
        String masked = run.mask(whole != null ? whole : MaskRun.LIMIT,
            new String(src, from, to - from, StandardCharsets.ISO_8859_1));
        byte[] result = xmlEscape(masked, false).getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(result, 0, result.length, src, from, to) ? null : result;
      }
      if (declared == Declared.UNKNOWN) {
        flags |= F_ENCODING;
      }
    }
    if (whole != null) {
      maskSp = 0;
      maskDecision = whole;
    }
    if (whole == null) {
      // First pass: which elements have same-named siblings (for xml_tag_array). Not needed
      // when the whole document is masked: nothing below it is asked about.
      counting = true;
      recorded = true;
      Spare spare = SPARE.get();
      tok = spare.buf != null ? spare.buf : new int[Math.max(64, Math.min(MAX_RECORD,
          (to - from) / 2))];
      spare.buf = null;
      int[][] arrays = spare.arrays;
      if (arrays != null) {
        takeArrays(arrays);
        spare.arrays = null;
      } else {
        newArrays();
      }
      walk(lo);
      resetWalk();
      counting = false;
      if (recorded) {
        replay();
        if (tok.length <= MAX_SPARE) {
          spare.buf = tok;
        }
        tok = null;
      } else {
        walk(lo);
      }
      spare.arrays = giveArrays(arrays);
    } else {
      newArrays();
      walk(lo);
    }
    flushGroup();
    run.popTo(base + 1);
    for (int f = 0; f < FLAG_NOTES.length; f++) {
      if ((flags & (1 << f)) != 0) {
        run.fallback(FLAG_NOTES[f]);
      }
    }
    if (out == null) {
      return null;
    }
    // A value that already was its mask (a second pass) leaves the text as it was: no copy.
    int changes = out.changes(src);
    if (changes == 0) {
      return null;
    }
    byte[] result = out.apply(src, from, to);
    return changes < 0 && Arrays.equals(result, 0, result.length, src, from, to) ? null : result;
  }

  private void record(int kind, int a, int b) {
    if (!recorded) {
      return;
    }
    if (tokLen + 3 > tok.length && !growRecord(3)) {
      return;
    }
    tok[tokLen] = kind;
    tok[tokLen + 1] = a;
    tok[tokLen + 2] = b;
    tokLen += 3;
  }

  private void record(int kind, int ws, int an, int ae, int vs, int ve, int after, int ls,
      int hash) {
    if (!recorded) {
      return;
    }
    if (tokLen + 9 > tok.length && !growRecord(9)) {
      return;
    }
    tok[tokLen] = kind;
    tok[tokLen + 1] = ws;
    tok[tokLen + 2] = an;
    tok[tokLen + 3] = ae;
    tok[tokLen + 4] = vs;
    tok[tokLen + 5] = ve;
    tok[tokLen + 6] = after;
    tok[tokLen + 7] = ls;
    tok[tokLen + 8] = hash;
    tokLen += 9;
  }

  /** Makes room for {@code n} more ints, or drops the record past {@link #MAX_RECORD}. */
  private boolean growRecord(int n) {
    if (tokLen + n > MAX_RECORD) {
      recorded = false;
      tok = null;
      return false;
    }
    tok = Arrays.copyOf(tok, Math.min(MAX_RECORD, Math.max(tokLen + n, tok.length * 2)));
    return true;
  }

  /**
   * The second pass over the first pass's record: the same calls, with the same operands and in
   * the same order, that a second walk over the bytes would make, without tokenizing them again.
   */
  private void replay() {
    int[] t = tok;
    int n = tokLen;
    boolean masked = false;
    int k = 0;
    while (k < n) {
      switch (t[k]) {
        case T_TEXT -> {
          recordedText(t[k + 1], t[k + 2]);
          k += 3;
        }
        case T_CDATA -> {
          content(t[k + 1], t[k + 2], true);
          k += 3;
        }
        case T_OPEN -> {
          masked = openElement(t[k + 1], t[k + 2], 0, 0);
          k += 3;
        }
        case T_ATTR -> {
          attribute(masked, t[k + 1], t[k + 2], t[k + 3], t[k + 4], t[k + 5], t[k + 6], t[k + 7],
              t[k + 8]);
          k += 9;
        }
        case T_CLOSE -> {
          closeTop();
          k += 3;
        }
        case T_EXTRA_END -> {
          extra--;
          k += 3;
        }
        default -> { // T_TAIL: the walk stops there
          maskTail(t[k + 1]);
          return;
        }
      }
    }
  }

  /** Fresh scratch arrays (the stack and the sibling counts; the rest grow on first use). */
  private void newArrays() {
    qStart = new int[16];
    qEnd = new int[16];
    ordinal = new int[16];
    runDepth = new int[16];
    occurrence = new int[16];
    group = new int[16];
    groupCount = new int[16];
  }

  private void takeArrays(int[][] a) {
    qStart = a[0];
    qEnd = a[1];
    ordinal = a[2];
    runDepth = a[3];
    occurrence = a[4];
    group = a[5];
    groupCount = a[6];
    groupParent = a[7];
    groupNameStart = a[8];
    groupNameLen = a[9];
    groupHash = a[10];
    spareSlots = a[11];
    localOf = a[12];
    nameHashOf = a[13];
  }

  /**
   * This scan's scratch arrays for the next one, in {@code holder} (the array they came in, or
   * null), or null when they grew too large to keep.
   */
  private int[][] giveArrays(int[][] holder) {
    int[][] a = holder != null ? holder : new int[14][];
    a[0] = qStart;
    a[1] = qEnd;
    a[2] = ordinal;
    a[3] = runDepth;
    a[4] = occurrence;
    a[5] = group;
    a[6] = groupCount;
    a[7] = groupParent;
    a[8] = groupNameStart;
    a[9] = groupNameLen;
    a[10] = groupHash;
    a[11] = slots != null ? slots : spareSlots;
    a[12] = localOf;
    a[13] = nameHashOf;
    for (int[] x : a) {
      if (x != null && x.length > MAX_SPARE_ARRAY) {
        return null;
      }
    }
    return a;
  }

  /** The ints this thread's spare scratch holds (tests: bounded after any scan). */
  static long spareInts() {
    Spare s = SPARE.get();
    long n = s.buf != null ? s.buf.length : 0;
    if (s.arrays != null) {
      for (int[] x : s.arrays) {
        n += x != null ? x.length : 0;
      }
    }
    return n;
  }

  private void resetWalk() {
    sp = 0;
    extra = 0;
    rootSeen = false;
    nextOrdinal = 0;
    fields = 0;
    wasted = 0;
    noCommentEnd = noPiEnd = noCdataEnd = Integer.MAX_VALUE;
    noQuoteAfter[0] = noQuoteAfter[1] = Integer.MAX_VALUE;
    if (maskSp != 0) {
      maskSp = Integer.MAX_VALUE;
      maskDecision = null;
    }
    maskRest = false;
    spareSlots = slots; // kept for the next scan
    slots = null;
    used = 0;
  }

  private void walk(int start) {
    int i = start;
    long budget = 4L * (to - from) + 4096;
    while (i < to) {
      byte c = src[i];
      if (c != '<') {
        // Layout between tags is measured once here: flushText need not look at it again.
        int j = skipWs(i, to);
        boolean blank = j >= to || src[j] == '<';
        if (blank && pendingStart < 0 && j + 1 < to
            && (src[j + 1] == '/' || isNameStart(src[j + 1]))) {
          // Layout before a tag, with no text pending: the tag flushes it at once, and blank text
          // is never content, so it is not even held (the usual case between two tags).
          i = j;
          continue;
        }
        int e = blank ? j : indexOf('<', j);
        text(i, e, blank);
        i = e;
        continue;
      }
      if (i + 1 >= to) {
        flags |= F_UNCLOSED;
        text(i, to, false);
        break;
      }
      byte n = src[i + 1];
      int next;
      // Markup that may turn out unterminated is measured first (no side effects), so that if
      // it is read as text, that text joins the text before it: one node, as a second pass
      // over the output will see it.
      if (n == '!') {
        if (startsWith(i, "<!--")) {
          next = comment(i);
        } else if (startsWith(i, "<![CDATA[")) {
          next = cdataEnd(i);
          if (next >= 0) {
            flushText();
            if (counting) {
              record(T_CDATA, i + 9, next - 3);
            } else {
              content(i + 9, next - 3, true);
            }
          }
        } else {
          next = declaration(i);
        }
      } else if (n == '?') {
        next = pi(i);
      } else if (n == '/') {
        flushText();
        next = endTag(i);
      } else if (isNameStart(n)) {
        flushText();
        next = startTag(i);
      } else {
        flags |= F_SYNTAX;
        int e = indexOf('<', i + 1);
        text(i, e, false); // joins the text around it
        i = e;
        continue;
      }
      if (next < 0) {
        // Unterminated: the opener is read as text and what follows it as markup, so that an
        // element hidden behind a broken comment or DOCTYPE is still found.
        flags |= F_UNTERMINATED;
        if (wasted > budget) {
          flags |= F_BUDGET;
          flushText();
          maskTail(i);
          return;
        }
        int e = indexOf('<', i + 1);
        text(i, e, false);
        next = e;
      } else {
        flushText();
      }
      i = next;
    }
    flushText();
    if (sp > 0 || extra > 0) {
      flags |= F_UNCLOSED;
    }
  }

  // ---- markup that is copied as it is ---------------------------------------------------------

  private int comment(int i) {
    int e = commentClose(i + 4);
    return e < 0 ? -1 : e + 3;
  }

  /** Index of the {@code -->} at or after {@code k}, or -1; a failed search is remembered. */
  private int commentClose(int k) {
    if (k >= noCommentEnd) {
      return -1;
    }
    int e = indexOf3('-', '-', '>', k);
    if (e < 0) {
      noCommentEnd = k;
      wasted += to - k;
    }
    return e;
  }

  private int pi(int i) {
    int e = piClose(i + 2);
    return e < 0 ? -1 : e + 2;
  }

  /** Index of the {@code ?>} at or after {@code k}, or -1; a failed search is remembered. */
  private int piClose(int k) {
    if (k >= noPiEnd) {
      return -1;
    }
    int e = indexOf2('?', '>', k);
    if (e < 0) {
      noPiEnd = k;
      wasted += to - k;
    }
    return e;
  }

  /** Index of quote {@code q} at or after {@code k}, or {@code to}; failed searches remembered. */
  private int quoteClose(byte q, int k) {
    int slot = q == '"' ? 0 : 1;
    if (k >= noQuoteAfter[slot]) {
      return to;
    }
    int e = indexOf(q, k);
    if (e >= to) {
      noQuoteAfter[slot] = k;
    }
    return e;
  }

  /**
   * A {@code <!...>} declaration: DOCTYPE with its internal subset, or a stray {@code <!ELEMENT}.
   * Quoted strings, comments and PIs inside are skipped so that a {@code >} or {@code ]} in them
   * does not end it. Returns -1 if it never ends, or if it holds element markup ({@code <name} or
   * {@code </}) outside a comment, even in a quoted entity value: such a value becomes elements
   * when the entity is referenced, so it is scanned as markup (fail closed). Stopping at the first
   * element markup also keeps the decision independent of anything masking can change, which
   * keeps masking idempotent.
   */
  private int declaration(int i) {
    int k = i + 2;
    boolean subset = false;
    while (k < to) {
      byte c = src[k];
      if (c == '"' || c == '\'') {
        int e = k + 1;
        while (e < to && src[e] != c && !elementMarkup(e)) {
          e++;
        }
        if (e >= to || src[e] != c) {
          k = e;
          break;
        }
        k = e + 1;
        continue;
      }
      if (elementMarkup(k)) {
        break;
      }
      if (subset && c == '<' && startsWith(k, "<!--")) {
        int e = commentClose(k + 4);
        if (e < 0) {
          break;
        }
        k = e + 3;
        continue;
      }
      if (subset && c == '<' && k + 1 < to && src[k + 1] == '?') {
        int e = piClose(k + 2);
        if (e < 0) {
          break;
        }
        k = e + 2;
        continue;
      }
      if (c == '[' && !subset) {
        subset = true;
      } else if (c == ']' && subset) {
        subset = false;
      } else if (c == '>' && !subset) {
        return k + 1;
      }
      k++;
    }
    wasted += k - i;
    return -1;
  }

  /** Whether {@code src[k]} starts a start or end tag. */
  private boolean elementMarkup(int k) {
    return src[k] == '<' && k + 1 < to && (src[k + 1] == '/' || isNameStart(src[k + 1]));
  }

  /** End of the CDATA section at {@code i} (after its {@code ]]>}), or -1. */
  private int cdataEnd(int i) {
    if (i >= noCdataEnd) {
      return -1;
    }
    int e = indexOf3(']', ']', '>', i + 9);
    if (e < 0) {
      noCdataEnd = i;
      wasted += to - i;
      return -1;
    }
    return e + 3;
  }

  // ---- elements -------------------------------------------------------------------------------

  /** Where the local part of the name {@link #scanName} last read starts, and its hash. */
  private int nameLocal;
  private int nameHash;

  /**
   * The end of the name starting at {@code k}; leaves where its local part starts (after the last
   * colon that is not its last byte) in {@link #nameLocal} and that part's {@link
   * XmlNameCache#hash} in {@link #nameHash}. Eight bytes at a time to the next byte below 0x40:
   * every byte that ends a name is one, and of the name's own bytes only digits, {@code - . :}
   * and control bytes are, so most names are read in one or two words.
   */
  private int scanName(int k) {
    int ns = k;
    int ls = k;
    while (k < to) {
      if (k + 8 <= to) {
        long low = below40((long) LONGS.get(src, k));
        if (low == 0) {
          k += 8;
          continue;
        }
        k += Long.numberOfTrailingZeros(low) >>> 3;
      } else if ((src[k] & 0xFF) >= 0x40) {
        k++;
        continue;
      }
      byte b = src[k];
      if (b == ':') {
        ls = k + 1;
      } else if (!isNameByte(b)) {
        break;
      }
      k++;
    }
    if (ls == k && k > ns) { // ends with a colon, which belongs to the local part
      ls = localStart(ns, k);
    }
    nameLocal = ls;
    nameHash = XmlNameCache.hash(src, ls, k);
    return k;
  }

  /** The high bit of each byte of {@code x} below 0x40, exactly. */
  static long below40(long x) {
    return ~((x & LOW7) + 0x4040404040404040L | x) & HIGH;
  }

  private int startTag(int i) {
    int ns = i + 1;
    int ne = scanName(ns);
    if (sp == 0 && extra == 0) {
      if (rootSeen) {
        flags |= F_OUTSIDE_ROOT;
      }
      rootSeen = true;
    }
    boolean masked = openElement(ns, ne, nameLocal, nameHash);
    // Attributes, up to '>' or '/>'. A '<' or the end of input ends a broken tag.
    int k = ne;
    boolean selfClosing = false;
    while (true) {
      int ws = k;
      k = skipWs(k, to);
      if (k >= to) {
        flags |= F_UNCLOSED;
        break;
      }
      byte c = src[k];
      if (c == '>') {
        k++;
        break;
      }
      if (c == '/' && k + 1 < to && src[k + 1] == '>') {
        k += 2;
        selfClosing = true;
        break;
      }
      if (c == '<') {
        flags |= F_SYNTAX;
        break;
      }
      if (!isNameByte(c)) {
        flags |= F_SYNTAX;
        k++;
        continue;
      }
      int an = k;
      k = scanName(k);
      int ae = k;
      int ls = nameLocal;
      int lh = nameHash;
      int j = skipWs(k, to);
      if (j >= to || src[j] != '=') {
        continue; // an attribute without value (HTML style): nothing to mask
      }
      j = skipWs(j + 1, to);
      if (j >= to) {
        flags |= F_UNCLOSED;
        k = j;
        break;
      }
      int vs;
      int ve;
      int after;
      byte q = src[j];
      if (q == '"' || q == '\'') {
        vs = j + 1;
        int close = quoteClose(q, vs);
        if (close >= to) {
          // No closing quote: the value ends before the next '>' or '<' (fail closed: to the end).
          flags |= F_SYNTAX;
          close = vs;
          while (close < to && src[close] != '>' && src[close] != '<') {
            close++;
          }
          ve = close;
          after = close;
        } else {
          ve = close;
          after = close + 1;
        }
      } else {
        flags |= F_SYNTAX;
        vs = j;
        ve = j;
        while (ve < to && !isWs(src[ve]) && src[ve] != '>' && src[ve] != '<'
            && !(src[ve] == '/' && ve + 1 < to && src[ve + 1] == '>')) {
          ve++;
        }
        after = ve;
      }
      if (counting) {
        record(T_ATTR, ws, an, ae, vs, ve, after, ls, lh);
      } else {
        attribute(masked, ws, an, ae, vs, ve, after, ls, lh);
      }
      k = after;
    }
    if (selfClosing) {
      closeTop();
    }
    return k;
  }

  /**
   * Opens the element named {@code src[ns, ne)}: pushes it, asks about it, and returns whether its
   * own attributes are masked without asking (it lies inside a masked region). In the first pass
   * {@code ls} and {@code nh} are where its local name starts and that name's hash (later passes
   * read them from the first pass).
   */
  private boolean openElement(int ns, int ne, int ls, int nh) {
    flushGroup();
    if (counting) {
      record(T_OPEN, ns, ne);
    }
    if (extra > 0 || sp == maxDepth) {
      extra++;
      flags |= F_DEPTH;
      return true;
    }
    if (sp == qStart.length) {
      int n = Math.min(sp * 2, maxDepth);
      qStart = Arrays.copyOf(qStart, n);
      qEnd = Arrays.copyOf(qEnd, n);
      ordinal = Arrays.copyOf(ordinal, n);
      runDepth = Arrays.copyOf(runDepth, n);
    }
    int ord = nextOrdinal++;
    qStart[sp] = ns;
    qEnd[sp] = ne;
    ordinal[sp] = ord;
    runDepth[sp] = run.depth();
    int parent = sp == 0 ? -1 : ordinal[sp - 1];
    sp++;
    if (counting) {
      countSibling(ord, parent, ls, ne, nh);
      return false;
    }
    if (maskRest || sp > maskSp) {
      return true; // inside a masked element: content masked, nothing asked
    }
    if (++fields > maxFields) {
      flags |= F_FIELDS;
      maskRest = true;
      maskDecision = MaskRun.LIMIT;
      maskSp = 0;
      return true;
    }
    // Asked only after a first pass (a document masked whole asks nothing below xml), which
    // left the local name's start and hash of every element.
    int local = localOf[ord];
    Step tag;
    if (encoder == null) {
      tag = utf8Step("xml_tag", false, local, ne, nameHashOf[ord]);
    } else {
      tag = tagStep(local, ne);
      selectable = true;
    }
    run.push(tag, tag.key());
    // A name no rule can select is not asked about.
    Decision d = selectable ? run.decide() : null;
    if (d == null && groupCount[group[ord]] > 1) {
      int occ = occurrence[ord];
      run.push(occ < ARRAY_STEPS.length ? ARRAY_STEPS[occ] : Step.indexed("xml_tag_array", occ),
          null);
      // Asked only when a rule could select an xml_tag_array step (pushed whatever the answer:
      // it is part of the points below).
      d = arraySelectable ? run.decide() : null;
    }
    if (d != null) {
      maskSp = sp;
      maskDecision = d;
      maskPieces = 0;
    }
    return maskRest;
  }

  /**
   * Records element {@code ord}, local name {@code src[ls, ne)} of hash {@code nh}, under {@code
   * parent}: its group (the first sibling of the same local name) and its index in that group. An
   * open-addressing table of ints keyed by parent and name bytes: no allocation per element.
   */
  private void countSibling(int ord, int parent, int ls, int ne, int nh) {
    if (ord >= occurrence.length) {
      int n = occurrence.length * 2;
      occurrence = Arrays.copyOf(occurrence, n);
      group = Arrays.copyOf(group, n);
      groupCount = Arrays.copyOf(groupCount, n);
    }
    if (localOf == null || localOf.length < occurrence.length) {
      int n = occurrence.length;
      localOf = localOf == null ? new int[n] : Arrays.copyOf(localOf, n);
      nameHashOf = nameHashOf == null ? new int[n] : Arrays.copyOf(nameHashOf, n);
    }
    if (groupParent == null || groupParent.length < occurrence.length) {
      int n = occurrence.length;
      groupParent = groupParent == null ? new int[n] : Arrays.copyOf(groupParent, n);
      groupNameStart = groupNameStart == null ? new int[n] : Arrays.copyOf(groupNameStart, n);
      groupNameLen = groupNameLen == null ? new int[n] : Arrays.copyOf(groupNameLen, n);
      groupHash = groupHash == null ? new int[n] : Arrays.copyOf(groupHash, n);
    }
    if (slots == null || 2 * (used + 1) > slots.length) {
      growSlots();
    }
    int len = ne - ls;
    localOf[ord] = ls;
    nameHashOf[ord] = nh;
    int h = nh + parent * 0x9E3779B1;
    int mask = slots.length - 1;
    int at = (h ^ h >>> 16) & mask;
    while (true) {
      int g = slots[at] - 1;
      if (g < 0) {
        slots[at] = ord + 1;
        used++;
        groupParent[ord] = parent;
        groupNameStart[ord] = ls;
        groupNameLen[ord] = len;
        groupHash[ord] = h;
        group[ord] = ord;
        groupCount[ord] = 1;
        occurrence[ord] = 0;
        return;
      }
      if (groupHash[g] == h && groupParent[g] == parent && groupNameLen[g] == len
          && sameBytes(groupNameStart[g], ls, len)) {
        group[ord] = g;
        occurrence[ord] = groupCount[g]++;
        return;
      }
      at = (at + 1) & mask;
    }
  }

  private void growSlots() {
    int[] old = slots;
    // Sized from the input on first use: about one element per 32 bytes in typical SOAP.
    int n = old != null ? old.length * 2
        : Integer.highestOneBit(Math.max(64, Math.min(1 << 20, (to - from) / 8))) * 2;
    if (old == null && spareSlots != null && spareSlots.length == n) {
      Arrays.fill(spareSlots, 0);
      slots = spareSlots;
    } else {
      slots = new int[n];
    }
    spareSlots = null;
    if (old != null) {
      int mask = slots.length - 1;
      for (int v : old) {
        if (v != 0) {
          int g = v - 1;
          int h = groupHash[g];
          int at = (h ^ h >>> 16) & mask;
          while (slots[at] != 0) {
            at = (at + 1) & mask;
          }
          slots[at] = v;
        }
      }
    }
  }

  private int endTag(int i) {
    int ns = i + 2;
    int ne = closesTop(ns);
    while (ne < to && isNameByte(src[ne])) {
      ne++;
    }
    int k = ne;
    while (k < to && src[k] != '>' && src[k] != '<') {
      if (!isWs(src[k])) {
        flags |= F_SYNTAX;
      }
      k++;
    }
    int next;
    if (k < to && src[k] == '>') {
      next = k + 1;
    } else {
      flags |= F_SYNTAX;
      next = k;
    }
    if (extra > 0) {
      if (counting) {
        record(T_EXTRA_END, 0, 0);
      }
      extra--;
      return next;
    }
    if (sp == 0) {
      flags |= F_OUTSIDE_ROOT;
      return next;
    }
    // The search for the element it closes is bounded, so that a flood of stray end tags
    // under deep nesting stays linear; one that matches nothing near is ignored.
    int at = sp - 1;
    int floor = Math.max(0, sp - MAX_END_TAG_SEARCH);
    while (at >= floor && !sameName(at, ns, ne)) {
      at--;
    }
    if (at < floor) {
      at = -1;
    }
    if (at < 0) {
      flags |= F_MISMATCH; // closes nothing open: ignored
      return next;
    }
    if (at != sp - 1) {
      flags |= F_MISMATCH;
    }
    while (sp > at) {
      closeTop();
    }
    return next;
  }

  /**
   * Where the name at {@code ns} ends if it is the innermost open element's name (the usual end
   * tag: one compare instead of a scan and a compare), else {@code ns}.
   */
  private int closesTop(int ns) {
    if (sp == 0 || extra > 0) {
      return ns;
    }
    int qs = qStart[sp - 1];
    int len = qEnd[sp - 1] - qs;
    int ne = ns + len;
    if (ne > to || ne < to && isNameByte(src[ne]) || !sameBytes(qs, ns, len)) {
      return ns;
    }
    return ne;
  }

  private boolean sameName(int at, int ns, int ne) {
    int len = ne - ns;
    return qEnd[at] - qStart[at] == len && sameBytes(qStart[at], ns, len);
  }

  private void closeTop() {
    flushGroup();
    if (counting) {
      record(T_CLOSE, 0, 0);
    }
    if (extra > 0) {
      extra--;
      return;
    }
    if (sp == 0) {
      return;
    }
    sp--;
    if (!counting) {
      if (sp < maskSp && maskSp != 0) {
        maskSp = Integer.MAX_VALUE;
        maskDecision = null;
      }
      run.popTo(runDepth[sp]);
    }
  }

  // ---- values ---------------------------------------------------------------------------------

  /** Whether content at the current level is masked, and with which decision. */
  private Decision maskingContent() {
    if (extra > 0) {
      return maskDecision != null ? maskDecision : MaskRun.LIMIT;
    }
    if (sp > maskSp && maskDecision != null && keeps(maskDecision.action())) {
      // Inside a child of the masked element, whose names nobody asked about: a stricter rule may
      // select it (<creditcard><cvv>), and keep_last would show the end of its value.
      return new Decision(STARS, maskDecision.ruleId());
    }
    return sp >= maskSp ? maskDecision : null;
  }

  private static final MaskAction STARS = new MaskAction.Stars();

  private static boolean keeps(MaskAction a) {
    return a instanceof MaskAction.KeepFirst || a instanceof MaskAction.KeepLast;
  }

  /** Text {@code src[s, e)}: joined to the pending text if adjacent, handled when flushed. */
  private void text(int s, int e, boolean blank) {
    if (s >= e) {
      return;
    }
    if (pendingEnd == s && pendingStart >= 0) {
      pendingEnd = e;
      pendingBlank &= blank;
      return;
    }
    flushText();
    pendingStart = s;
    pendingEnd = e;
    pendingBlank = blank;
  }

  private void flushText() {
    if (pendingStart < 0) {
      return;
    }
    int s = pendingStart;
    int e = pendingEnd;
    pendingStart = -1;
    pendingEnd = -1;
    boolean blank = pendingBlank;
    if (sp == 0 && extra == 0 && !blank) {
      flags |= F_OUTSIDE_ROOT;
    }
    if (counting) {
      if (!blank) {
        record(T_TEXT, s, e); // blank text is never content: nothing to replay
      }
      return;
    }
    content(s, e, false);
  }

  /** Text or CDATA content {@code src[s, e)} of the current element. */
  private void content(int s, int e, boolean cdata) {
    if (s >= e || isBlank(s, e)) {
      return;
    }
    nonBlank(s, e, cdata);
  }

  /** Text {@code src[s, e)} the first pass recorded: content known not to be blank. */
  private void recordedText(int s, int e) {
    nonBlank(s, e, false);
  }

  /** {@link #content} of text or CDATA {@code src[s, e)} that is not blank. */
  private void nonBlank(int s, int e, boolean cdata) {
    Decision d = maskingContent();
    if (d != null && !cdata && src[s] == '<') {
      // Text that starts with a '<' (a stray one, or an opener that never ended) may be what
      // ended a broken tag before it. The '<' is kept, and the rest becomes the redact token
      // whatever the action (a kept character could read as markup), so that a second pass
      // tokenizes the output as this pass did.
      String original = decode(s + 1, e, false);
      if (d.action() instanceof MaskAction.Remove) {
        run.removed(d, original);
        replace(s + 1, e, "", false);
      } else {
        run.mask(d, original);
        replace(s + 1, e, Actions.REDACT_TOKEN, false);
      }
      return;
    }
    if (d != null && keeps(d.action())
        && (sp != maskSp || maskPieces++ > 0 || !endTagFollows(cdata ? e + 3 : e))) {
      // keep_first / keep_last show the ends of the element's value: of its one text. Text split
      // by comments, CDATA sections or child elements is starred, or every piece would show its
      // own ends (41111111<!---->11111111 showed 1111 twice).
      d = new Decision(STARS, d.ruleId());
    }
    if (d != null) {
      String original = decode(s, e, cdata);
      if (d.action() instanceof MaskAction.Remove) {
        run.removed(d, original);
        replace(s, e, "", cdata);
      } else {
        replace(s, e, run.mask(d, original), cdata);
      }
      return;
    }
    if (sp > 0 && run.inspectsValues()) {
      if (groupN > 0 && (groupSp != sp || groupNext != nextOrdinal)) {
        flushGroup();
      }
      if (groupN == gStart.length) {
        gStart = Arrays.copyOf(gStart, groupN * 2);
        gEnd = Arrays.copyOf(gEnd, groupN * 2);
        gCdata = Arrays.copyOf(gCdata, groupN * 2);
      }
      gStart[groupN] = s;
      gEnd[groupN] = e;
      gCdata[groupN] = cdata;
      groupN++;
      groupSp = sp;
      groupNext = nextOrdinal;
    }
  }

  // Unselected text and CDATA pieces of one element, separated only by comments, processing
  // instructions and CDATA boundaries: every XML reader joins them into one text, so the
  // inspectors read them joined (a secret split by an empty comment is still one secret).
  private int groupN;
  private int[] gStart = new int[4];
  private int[] gEnd = new int[4];
  private boolean[] gCdata = new boolean[4];
  private int groupSp;
  private int groupNext;

  /**
   * Inspects the pending group of text pieces (see {@link #content}), with the element's point
   * still pushed. One piece is inspected as it is; several are inspected joined, and what the
   * inspector changed (the span between the common prefix and suffix of the joined text and its
   * result) is written in the first piece it touches and removed from the others.
   */
  private void flushGroup() {
    int n = groupN;
    if (n == 0) {
      return;
    }
    groupN = 0;
    if (n == 1) {
      int s = gStart[0];
      int e = gEnd[0];
      if (mayInspect(s, e, gCdata[0])) {
        String r = run.inspect(decode(s, e, gCdata[0]));
        if (r != null) {
          replaceInspected(s, e, r, gCdata[0], false);
        }
      }
      return;
    }
    String[] parts = new String[n];
    StringBuilder joined = new StringBuilder();
    for (int k = 0; k < n; k++) {
      parts[k] = decode(gStart[k], gEnd[k], gCdata[k]);
      joined.append(parts[k]);
    }
    String all = joined.toString();
    String r = run.inspect(all);
    if (r == null || r.equals(all)) {
      return;
    }
    if (writeChanges(n, gStart, gEnd, gCdata, parts, all, r, false)) {
      return;
    }
    int max = Math.min(all.length(), r.length());
    int p = 0;
    while (p < max && all.charAt(p) == r.charAt(p)) {
      p++;
    }
    int q = 0;
    while (q < max - p && all.charAt(all.length() - 1 - q) == r.charAt(r.length() - 1 - q)) {
      q++;
    }
    int ws = p;
    int we = all.length() - q;
    String middle = r.substring(p, r.length() - q);
    boolean written = false;
    int a = 0;
    for (int k = 0; k < n; k++) {
      String part = parts[k];
      int b = a + part.length();
      boolean touches = ws < b && we > a || !written && ws <= b && (ws >= a || k == n - 1);
      if (touches) {
        int cs0 = Math.max(ws, a) - a;
        int ce0 = Math.min(we, b) - a;
        String head = part.substring(0, cs0);
        String tail = part.substring(Math.max(cs0, ce0));
        String value = written ? head + tail : head + middle + tail;
        written = true;
        replace(gStart[k], gEnd[k], value, gCdata[k]);
      }
      a = b;
    }
  }

  /**
   * Whether an inspector could change the unselected value {@code src[s, e)} ({@link
   * MaskRun#mayInspect}): asked on the bytes when they are the value's UTF-8 encoding (a UTF-8
   * document, CDATA or text without references), else true.
   */
  private boolean mayInspect(int s, int e, boolean cdata) {
    if (encoder != null) {
      return true;
    }
    int amp;
    if (cdata || (amp = indexOf('&', s, e)) >= e) {
      return run.mayInspect(src, s, e);
    }
    int n = decodeBytes(s, amp, e);
    return run.mayInspect(decoded, 0, n);
  }

  /** Scratch for {@link #decodeBytes}, grown as needed. */
  private byte[] decoded;

  /**
   * {@link #decode} of UTF-8 text {@code src[s, e)} whose first {@code &} is at {@code amp}, as
   * UTF-8 bytes into {@link #decoded}: the same references decoded, the others kept as written.
   * The runs between references are copied whole. Returns the length.
   */
  private int decodeBytes(int s, int amp, int e) {
    if (decoded == null || decoded.length < e - s) {
      decoded = new byte[Math.max(64, e - s)];
    }
    byte[] d = decoded;
    int n = 0;
    int i = s;
    while (i < e) {
      if (src[i] != '&') {
        int next = i < amp ? amp : indexOf('&', i, e);
        System.arraycopy(src, i, d, n, next - i);
        n += next - i;
        i = next;
        continue;
      }
      int semi = referenceEnd(src, i, e);
      int cp = semi < e ? referenceCodePoint(src, i + 1, semi) : -1;
      if (cp < 0) {
        d[n++] = '&';
        i++;
        continue;
      }
      // A reference is never shorter than the UTF-8 of what it stands for: the scratch fits.
      if (cp < 0x80) {
        d[n++] = (byte) cp;
      } else if (cp < 0x800) {
        d[n++] = (byte) (0xC0 | cp >> 6);
        d[n++] = (byte) (0x80 | cp & 0x3F);
      } else if (cp < 0x10000) {
        d[n++] = (byte) (0xE0 | cp >> 12);
        d[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
        d[n++] = (byte) (0x80 | cp & 0x3F);
      } else {
        d[n++] = (byte) (0xF0 | cp >> 18);
        d[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
        d[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
        d[n++] = (byte) (0x80 | cp & 0x3F);
      }
      i = semi + 1;
    }
    return n;
  }

  /**
   * One attribute: {@code ws} is where the space before its name starts, {@code src[an, ae)} its
   * name, {@code src[vs, ve)} its value (inside the quotes), {@code after} the end of the whole
   * attribute.
   */
  private void attribute(boolean masked, int ws, int an, int ae, int vs, int ve, int after,
      int ls, int lh) {
    Decision region = masked ? maskingRegionForAttributes() : null;
    if (region != null) {
      if (vs == ve || isNamespaceDeclaration(an, ae)) {
        // An empty value hides nothing, like an empty element; a namespace declaration is
        // markup (it says what the names mean), kept so that the masked XML reads the same.
        return;
      }
      String original = decode(vs, ve, false);
      if (region.action() instanceof MaskAction.Remove) {
        run.removed(region, original);
        replaceAttr(vs, ve, "");
      } else {
        replaceAttr(vs, ve, run.mask(region, original));
      }
      return;
    }
    if (++fields > maxFields) {
      flags |= F_FIELDS;
      maskRest = true;
      maskDecision = MaskRun.LIMIT;
      maskSp = 0;
      replaceAttr(vs, ve, run.mask(MaskRun.LIMIT, decode(vs, ve, false)));
      return;
    }
    Step step;
    if (encoder == null) {
      step = utf8Step("xml_attr", true, ls, ae, lh);
    } else {
      step = attrStep(ls, ae);
      selectable = true;
    }
    boolean selectable = this.selectable;
    if (!selectable && !(run.inspectsValues() && attributeMayInspect(an, ae, vs, ve))) {
      return; // nothing can select it, and nothing would change its value
    }
    run.push(step, step.key());
    try {
      Decision d = selectable ? run.decide() : null;
      if (d != null) {
        String original = decode(vs, ve, false);
        if (d.action() instanceof MaskAction.Remove) {
          run.removed(d, original);
          splice(ws, after, EMPTY);
        } else if (vs < ve) {
          replaceAttr(vs, ve, run.mask(d, original));
        }
      } else if (!selectable || run.inspectsValues() && attributeMayInspect(an, ae, vs, ve)) {
        // (not selectable: it was pushed only because the pre-check said it may be inspected)
        String r = run.inspect(decode(vs, ve, false));
        if (r != null) {
          replaceInspected(vs, ve, r, false, true);
        }
      }
    } finally {
      run.pop();
    }
  }

  /**
   * {@link #mayInspect} of the value {@code src[vs, ve)} of the attribute named {@code src[an,
   * ae)}. A namespace declaration's value (a vocabulary's URI, the same in every request of a
   * service) that the pre-check ruled out is remembered in the thread's {@link XmlNameCache} for
   * later scans under the same stable policy and options ({@link MaskRun#stableInspectors}), whose
   * inspectors are the same: its pre-check is not run again (it reads the whole URI, and is the
   * dearest of a typical SOAP envelope's).
   */
  private boolean attributeMayInspect(int an, int ae, int vs, int ve) {
    if (!stableValues || encoder != null || !isNamespaceDeclaration(an, ae)) {
      return mayInspect(vs, ve, false);
    }
    XmlNameCache c = names();
    if (c.ruledOut(stamp, src, vs, ve)) {
      return false;
    }
    boolean may = mayInspect(vs, ve, false);
    if (!may) {
      c.ruleOut(stamp, src, vs, ve);
    }
    return may;
  }

  private Decision maskingRegionForAttributes() {
    if (maskRest) {
      return MaskRun.LIMIT;
    }
    Decision d = maskingContent();
    return d != null ? d : MaskRun.LIMIT;
  }

  private boolean isNamespaceDeclaration(int an, int ae) {
    int len = ae - an;
    return (len == 5 || len > 6 && src[an + 5] == ':') && startsWith(an, "xmlns");
  }

  /** Masks everything from {@code i} to the end of the input as one value. */
  private void maskTail(int i) {
    flushGroup();
    if (counting) {
      record(T_TAIL, i, 0);
      return;
    }
    run.popTo(base + 1);
    String original = decode(i, to, false);
    Decision d = maskDecision == null ? MaskRun.LIMIT
        : keeps(maskDecision.action()) ? new Decision(STARS, maskDecision.ruleId()) : maskDecision;
    splice(i, to, xmlEscape(run.mask(d, original), false)
        .getBytes(StandardCharsets.UTF_8));
  }

  // ---- output ---------------------------------------------------------------------------------

  /** Replaces {@code src[s, e)}, at or after the previous edit, with {@code bytes}. */
  private void splice(int s, int e, byte[] bytes) {
    if (groupN > 0) {
      flushGroup(); // edits are made in order: the pending text comes first
    }
    if (out == null) {
      out = new Splices();
    }
    out.add(s, e, bytes);
  }

  private void replace(int s, int e, String value, boolean cdata) {
    if (cdata) {
      splice(s, e, encoded(value.replace("]]>", "]]]]><![CDATA[>"), true));
    } else {
      splice(s, e, encoded(xmlEscape(value, false), false));
    }
  }

  /**
   * Writes {@code r}, an inspector's rewrite of the value read from {@code src[s, e)}. When those
   * bytes are the value itself (a UTF-8 or ASCII document, ASCII bytes, no reference, no line
   * break or tab that reading normalises), only the changed middle is written, so the evidence
   * around a detector's span keeps its bytes (a raw {@code '} or {@code >} stays as it was
   * written); else the whole value, escaped.
   */
  private void replaceInspected(int s, int e, String r, boolean cdata, boolean attribute) {
    String read = decode(s, e, cdata);
    if (writeChanges(1, new int[] {s}, new int[] {e}, new boolean[] {cdata}, new String[] {read},
        read, r, attribute)) {
      return;
    }
    boolean plain = !cdata && encoder == null;
    for (int k = s; plain && k < e; k++) {
      byte b = src[k];
      plain = b >= 0 && b != '&' && b != '\r' && (!attribute || b != '\n' && b != '\t');
    }
    if (!plain) {
      if (attribute) {
        replaceAttr(s, e, r);
      } else {
        replace(s, e, r, cdata);
      }
      return;
    }
    int n = e - s;
    int max = Math.min(n, r.length());
    int p = 0;
    while (p < max && src[s + p] == r.charAt(p)) {
      p++;
    }
    int q = 0;
    while (q < max - p && src[e - 1 - q] == r.charAt(r.length() - 1 - q)) {
      q++;
    }
    splice(s + p, e - q, encoded(xmlEscape(r.substring(p, r.length() - q), attribute), false));
  }

  /**
   * Writes {@code r}, an inspector's rewrite of the text read joined from the pieces {@code
   * src[starts[k], ends[k])} (CDATA where {@code cdata[k]}; {@code parts[k]} their decoded texts,
   * {@code all} those joined), changed range by changed range ({@link TextDiff}): each range is
   * written into the first piece it touches and removed from the others, so that the bytes around
   * and between masked spans (references, CDATA markers, raw {@code >}) stay as they were written.
   * A piece whose new text holds {@code ]]>} is written whole, escaped. Returns false, having
   * written nothing, when the ranges cannot be mapped to bytes (a document in another charset,
   * bytes that are not UTF-8, more edits than {@link TextDiff} looks for).
   */
  private boolean writeChanges(int n, int[] starts, int[] ends, boolean[] cdata, String[] parts,
      String all, String r, boolean attribute) {
    if (encoder != null) {
      return false;
    }
    int[] h = TextDiff.hunks(all, r);
    if (h == null) {
      return false;
    }
    int[][] maps = new int[n][];
    for (int k = 0; k < n; k++) {
      maps[k] = offsets(starts[k], ends[k], cdata[k], parts[k].length());
      if (maps[k] == null) {
        return false;
      }
    }
    // Per piece: its edits as {local start, local end, index of the replacement}.
    java.util.List<String> reps = new java.util.ArrayList<>();
    int[][] edits = new int[n][];
    int[] counts = new int[n];
    int k = 0;
    int a = 0; // where piece k starts in all
    for (int x = 0; x < h.length; x += 4) {
      int i1 = h[x];
      int i2 = h[x + 1];
      // The first piece the range touches; an insertion between two pieces goes to the first.
      while (k < n - 1 && (i1 > a + parts[k].length() || i1 == a + parts[k].length()
          && i2 > i1)) {
        a += parts[k].length();
        k++;
      }
      String rep = r.substring(h[x + 2], h[x + 3]);
      int kk = k;
      int aa = a;
      boolean first = true;
      while (kk < n && (first || aa < i2)) {
        int len = parts[kk].length();
        int ls = Math.max(i1, aa) - aa;
        int le = Math.min(i2, aa + len) - aa;
        if (first || le > ls) {
          addEdit(edits, counts, kk, ls, le, reps.size());
          reps.add(first ? rep : "");
        }
        first = false;
        aa += len;
        kk++;
      }
    }
    for (k = 0; k < n; k++) {
      if (counts[k] == 0) {
        continue;
      }
      int[] ed = edits[k];
      String part = parts[k];
      StringBuilder text = new StringBuilder(part.length() + 16);
      int done = 0;
      for (int x = 0; x < counts[k]; x += 3) {
        text.append(part, done, ed[x]).append(reps.get(ed[x + 2]));
        done = ed[x + 1];
      }
      text.append(part, done, part.length());
      if (text.indexOf("]]>") >= 0) {
        if (attribute) {
          replaceAttr(starts[k], ends[k], text.toString());
        } else {
          replace(starts[k], ends[k], text.toString(), cdata[k]);
        }
        continue;
      }
      int[] map = maps[k];
      for (int x = 0; x < counts[k]; x += 3) {
        String rep = reps.get(ed[x + 2]);
        splice(map[ed[x]], map[ed[x + 1]],
            encoded(cdata[k] ? rep : xmlEscape(rep, attribute), cdata[k]));
      }
    }
    return true;
  }

  private static void addEdit(int[][] edits, int[] counts, int k, int ls, int le, int rep) {
    int[] e = edits[k];
    if (e == null) {
      e = edits[k] = new int[6];
    } else if (counts[k] + 3 > e.length) {
      e = edits[k] = Arrays.copyOf(e, e.length * 2);
    }
    e[counts[k]++] = ls;
    e[counts[k]++] = le;
    e[counts[k]++] = rep;
  }

  /**
   * Where each character of {@link #decode}{@code (s, e, cdata)} starts in {@code src} (the
   * second char of a surrogate pair where the pair does), and {@code e} at index {@code len}; null
   * when the bytes are not well-formed UTF-8 or the count differs from {@code len}.
   */
  private int[] offsets(int s, int e, boolean cdata, int len) {
    int[] map = new int[len + 1];
    int c = 0;
    int i = s;
    while (i < e) {
      int b = src[i] & 0xFF;
      int from = i;
      int chars;
      if (b == '&' && !cdata) {
        int semi = referenceEnd(src, i, e);
        int cp = semi < e ? referenceCodePoint(src, i + 1, semi) : -1;
        chars = cp < 0 ? 1 : Character.charCount(cp);
        i = cp < 0 ? i + 1 : semi + 1;
      } else if (b < 0x80) {
        chars = 1;
        i++;
      } else {
        int n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF
            ? 2 : -1;
        if (n < 0 || i + n > e) {
          return null;
        }
        int cp = b & (0xFF >> (n + 1));
        for (int j = 1; j < n; j++) {
          int t = src[i + j] & 0xFF;
          if ((t & 0xC0) != 0x80) {
            return null;
          }
          cp = cp << 6 | t & 0x3F;
        }
        if (n == 3 && (cp < 0x800 || cp >= 0xD800 && cp <= 0xDFFF)
            || n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) {
          return null;
        }
        chars = n == 4 ? 2 : 1;
        i += n;
      }
      if (c + chars > len) {
        return null;
      }
      for (int j = 0; j < chars; j++) {
        map[c++] = from;
      }
    }
    if (c != len) {
      return null;
    }
    map[len] = e;
    return map;
  }

  private void replaceAttr(int vs, int ve, String value) {
    splice(vs, ve, encoded(xmlEscape(value, true), false));
  }

  /** Escaped text in the document's charset; a character it lacks as a reference. */
  private byte[] encoded(String s, boolean cdata) {
    if (encoder == null) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      if (encoder.canEncode(ch)) {
        sb.append(ch);
      } else if (cdata) {
        sb.append("]]>&#").append(cp).append(";<![CDATA[");
      } else {
        sb.append("&#").append(cp).append(';');
      }
      i += Character.charCount(cp);
    }
    return sb.toString().getBytes(cs);
  }

  /** XML-escapes {@code s}: markup characters, and in attributes quotes and line breaks. */
  static String xmlEscape(String s, boolean attribute) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> attribute ? "&quot;" : null;
        case '\'' -> attribute ? "&apos;" : null;
        case '\n' -> attribute ? "&#10;" : null;
        case '\r' -> "&#13;";
        case '\t' -> attribute ? "&#9;" : null;
        default -> null;
      };
      if (r != null) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        sb.append(r);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  // ---- decoding -------------------------------------------------------------------------------

  /**
   * The value of {@code src[s, e)}: the five predefined entities and character references
   * decoded, any other reference kept as written (never expanded).
   */
  String decode(int s, int e, boolean cdata) {
    if (cdata || indexOf('&', s, e) >= e) {
      return new String(src, s, e - s, cs);
    }
    return decodeReferences(src, s, e, cs);
  }

  /**
   * The text {@code src[s, e)} in {@code cs} with the five predefined entities and character
   * references decoded, any other reference kept as written (never expanded): as this scanner
   * reads XML text and attribute values. Linear in {@code e - s}.
   */
  static String decodeReferences(byte[] src, int s, int e, Charset cs) {
    StringBuilder sb = new StringBuilder(e - s);
    int i = s;
    while (i < e) {
      int amp = indexOf(src, '&', i, e);
      if (amp > i) {
        sb.append(new String(src, i, amp - i, cs));
      }
      if (amp >= e) {
        break;
      }
      int semi = referenceEnd(src, amp, e);
      String ref = semi < e ? reference(src, amp + 1, semi) : null;
      if (ref == null) {
        sb.append('&');
        i = amp + 1;
      } else {
        sb.append(ref);
        i = semi + 1;
      }
    }
    return sb.toString();
  }

  /**
   * Where the reference starting at the {@code &} {@code src[amp]} ends: the index of its {@code
   * ;} before {@code e}, or {@code e} when there is none nearby. A character reference may have any
   * number of leading zeros ({@code &#x0000000041;} is {@code A} to every XML reader), so they are
   * skipped before the bound; each run of zeros is read once per reference, keeping the scan
   * linear.
   */
  private static int referenceEnd(byte[] src, int amp, int e) {
    int k = amp + 1;
    int limit = amp + 12;
    if (k < e && src[k] == '#') {
      k++;
      if (k < e && (src[k] == 'x' || src[k] == 'X')) {
        k++;
      }
      while (k < e && src[k] == '0') {
        k++;
      }
      limit = k + 8; // seven significant digits at most (1114111), then the ';'
    }
    while (k < e && k <= limit && src[k] != ';') {
      k++;
    }
    return k < e && src[k] == ';' ? k : e;
  }

  private static String reference(byte[] src, int s, int e) {
    int cp = referenceCodePoint(src, s, e);
    return cp < 0 ? null : new String(Character.toChars(cp));
  }

  /**
   * The code point of the reference {@code &src[s, e);}: one of the five predefined entities or
   * a character reference; -1 for any other (kept as written, never expanded).
   */
  private static int referenceCodePoint(byte[] src, int s, int e) {
    int len = e - s;
    if (len <= 0) {
      return -1;
    }
    if (src[s] == '#') {
      int cp = 0;
      boolean hex = s + 1 < e && (src[s + 1] == 'x' || src[s + 1] == 'X');
      int d = hex ? s + 2 : s + 1;
      if (d >= e) {
        return -1;
      }
      for (int k = d; k < e; k++) {
        int v = Character.digit(src[k], hex ? 16 : 10);
        if (v < 0 || cp > 0x10FFFF) {
          return -1;
        }
        cp = cp * (hex ? 16 : 10) + v;
      }
      if (cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
        return -1;
      }
      return cp;
    }
    byte a = src[s];
    if (len == 2 && src[s + 1] == 't') {
      return a == 'l' ? '<' : a == 'g' ? '>' : -1;
    }
    if (len == 3) {
      return a == 'a' && src[s + 1] == 'm' && src[s + 2] == 'p' ? '&' : -1;
    }
    if (len == 4 && a == 'q') {
      return src[s + 1] == 'u' && src[s + 2] == 'o' && src[s + 3] == 't' ? '"' : -1;
    }
    if (len == 4 && a == 'a') {
      return src[s + 1] == 'p' && src[s + 2] == 'o' && src[s + 3] == 's' ? '\'' : -1;
    }
    return -1;
  }

  private String decodeName(int s, int e) {
    return new String(src, s, e - s, cs);
  }

  private int localStart(int ns, int ne) {
    for (int k = ne - 2; k >= ns; k--) {
      if (src[k] == ':') {
        return k + 1;
      }
    }
    return ns;
  }

  private Step tagStep(int s, int e) {
    if (encoder == null) { // UTF-8 names: the per-thread cache across scans
      return names().step("xml_tag", false, src, s, e);
    }
    if (tagCache == null) {
      tagCache = new Step[CACHE];
      tagStart = new int[CACHE];
      tagLen = new int[CACHE];
    }
    return cachedStep("xml_tag", tagCache, tagStart, tagLen, s, e);
  }

  private Step attrStep(int s, int e) {
    if (encoder == null) {
      return names().step("xml_attr", true, src, s, e);
    }
    if (attrCache == null) {
      attrCache = new Step[CACHE];
      attrStart = new int[CACHE];
      attrLen = new int[CACHE];
    }
    return cachedStep("xml_attr", attrCache, attrStart, attrLen, s, e);
  }

  private XmlNameCache names() {
    if (nameCache == null) {
      nameCache = XmlNameCache.get();
      stamp = nameCache.newScan(run.nameAnswersKey(), run.options());
    }
    return nameCache;
  }

  /**
   * The step {@code parser NAME} of the UTF-8 name {@code src[s, e)} (with its {@link
   * XmlNameCache#hash}); sets {@link #selectable} to whether the policy could select it ({@link
   * MaskRun#maySelectName}), asked once per name and scan.
   */
  private Step utf8Step(String parser, boolean attribute, int s, int e, int hash) {
    XmlNameCache c = names();
    int slot = c.slot(parser, attribute, src, s, e, hash);
    if (slot < 0) {
      selectable = run.maySelectName(parser, src, s, e);
      return Step.named(parser, new String(src, s, e - s, StandardCharsets.UTF_8));
    }
    if (!c.asked(slot, stamp)) {
      boolean may = run.maySelectName(parser, src, s, e);
      // Found again: a policy that masks XML from inside this question (on this thread, so
      // through this cache) may have moved the name to another way of its set, or out of it;
      // the slot found before would then give another name's step.
      slot = c.slot(parser, attribute, src, s, e, hash);
      c.answer(slot, stamp, may);
    }
    selectable = c.selectable(slot);
    return c.stepAt(slot);
  }

  private Step cachedStep(String parser, Step[] cache, int[] starts, int[] lens, int s, int e) {
    int len = e - s;
    if (len > MAX_CACHED) {
      return Step.named(parser, decodeName(s, e));
    }
    int h = len;
    for (int k = s; k < e; k++) {
      h = h * 31 + src[k];
    }
    int slot = (h ^ h >>> 7) & CACHE - 1;
    Step cached = cache[slot];
    // The bytes are compared on a hit, so a colliding name is never taken for another.
    if (cached != null && lens[slot] == len && sameBytes(starts[slot], s, len)) {
      return cached;
    }
    Step step = Step.named(parser, decodeName(s, e));
    cache[slot] = step;
    starts[slot] = s;
    lens[slot] = len;
    return step;
  }

  // ---- bytes ----------------------------------------------------------------------------------

  /** Whether {@code src[a, a + len)} equals {@code src[b, b + len)}. */
  private boolean sameBytes(int a, int b, int len) {
    return XmlNameCache.same(src, a, src, b, len);
  }

  private boolean startsWith(int i, String s) {
    if (to - i < s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (src[i + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Index of {@code b} at or after {@code i}, or {@code to}. */
  private int indexOf(int b, int i) {
    return indexOf((byte) b, i, to);
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Index of {@code b} in {@code src[i, end)}, or {@code end}; eight bytes at a time. */
  private int indexOf(int b, int i, int end) {
    return indexOf(src, b, i, end);
  }

  private static int indexOf(byte[] src, int b, int i, int end) {
    long pattern = (b & 0xFFL) * 0x0101010101010101L;
    while (i + 8 <= end) {
      long x = (long) LONGS.get(src, i) ^ pattern;
      // A zero byte of x is a b; the lowest flag marks the first (borrows only run upwards).
      long z = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (z != 0) {
        return i + (Long.numberOfTrailingZeros(z) >>> 3);
      }
      i += 8;
    }
    while (i < end && src[i] != b) {
      i++;
    }
    return i;
  }

  private int indexOf2(char a, char b, int i) {
    while (i + 1 < to) {
      if (src[i] == a && src[i + 1] == b) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private int indexOf3(char a, char b, char c, int i) {
    while (i + 2 < to) {
      if (src[i + 2] == c && src[i] == a && src[i + 1] == b) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static final long SPACES = 0x2020202020202020L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGH = 0x8080808080808080L;

  /**
   * The first byte at or after {@code i} that is not white space, or {@code end}. Most calls stop
   * at their first byte; layout between tags is a line break and a run of indentation, whose
   * spaces are skipped eight at a time (the first byte that is not a space, found in a word, is
   * judged on its own: a line feed, tab or carriage return is stepped over).
   */
  private int skipWs(int i, int end) {
    while (i < end) {
      byte b = src[i];
      if (b != ' ') {
        if (!isWs(b)) {
          return i;
        }
        i++;
        continue;
      }
      if (i + 8 > end) {
        i++;
        continue;
      }
      long x = (long) LONGS.get(src, i) ^ SPACES;
      // The lowest byte of x that is not zero is the first that is not a space.
      i += x == 0 ? 8 : Long.numberOfTrailingZeros(x) >>> 3;
    }
    return i;
  }

  /** Whether an end tag ({@code </}) comes at {@code k}, after blanks. */
  private boolean endTagFollows(int k) {
    int i = skipWs(Math.min(k, to), to);
    return i + 1 < to && src[i] == '<' && src[i + 1] == '/';
  }

  private boolean isBlank(int s, int e) {
    return skipWs(s, e) == e;
  }

  /** Byte classes, indexed by {@code b & 0xFF}: one load instead of a chain of compares. */
  private static final byte C_WS = 1;
  private static final byte C_NAME = 2;
  private static final byte C_NAME_START = 4;
  private static final byte[] CLASS = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      byte b = (byte) i;
      boolean ws = b == ' ' || b == '\n' || b == '\r' || b == '\t';
      boolean name = !ws && b != '>' && b != '<' && b != '/' && b != '=' && b != '"' && b != '\''
          && b != '?' && b != '!';
      boolean nameStart = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':'
          || b < 0;
      CLASS[i] = (byte) ((ws ? C_WS : 0) | (name ? C_NAME : 0) | (nameStart ? C_NAME_START : 0));
    }
  }

  private static boolean isWs(byte b) {
    return (CLASS[b & 0xFF] & C_WS) != 0;
  }

  private static boolean isNameStart(byte b) {
    return (CLASS[b & 0xFF] & C_NAME_START) != 0;
  }

  /** Lenient name bytes: anything but space, markup delimiters and quotes. */
  private static boolean isNameByte(byte b) {
    return (CLASS[b & 0xFF] & C_NAME) != 0;
  }
}
