package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.NamePrefixes;
import dev.masking.core.Step;
import java.lang.ref.WeakReference;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Masks the fields of a JSON body on its bytes: the hot path of the library.
 *
 * <p>One forward pass with an explicit stack of open containers (no tree, no recursion, no
 * re-serialisation): every object member is presented to the policy as {@code json_doc > ... > hash
 * NAME} and every array element as {@code ... > array N}, outermost first; a selected value is
 * masked whole whatever its type and written as a JSON string. Bytes no rule selects are copied
 * through unchanged, in bulk.
 *
 * <p>Input that is not valid JSON, or deeper than {@code maxJsonDepth}, or with more fields than
 * {@code maxFields}, is never passed through unexamined: from the last byte already written, the
 * rest is scanned leniently for {@code NAME :} pairs (double- or single-quoted or bare names) and
 * the value after each selected name is masked, to the end of the input if it cannot be delimited
 * (fail closed); the other string values it can pair are inspected (nested layers, detectors) at
 * {@code json_doc}, since the real path is unknown there. One fallback note says why.
 *
 * <p>A UTF-16 or UTF-32 body (by its byte order mark or the pattern of zero bytes at its start) is
 * transcoded to UTF-8, scanned, and re-encoded: see {@link WideJson}.
 *
 * <p>Stateless: each call owns its scratch state; thread-safe as long as each thread uses its own
 * {@link MaskRun}.
 */
public final class JsonScanner {

  static final String NOTE_INVALID = "Not valid JSON; scanned leniently for sensitive names";
  static final String NOTE_DEPTH = "JSON nesting deeper than maxJsonDepth; rest scanned leniently";
  static final String NOTE_FIELDS = "JSON has more fields than maxFields; rest scanned leniently";

  private static final Step JSON_DOC = Step.of("json_doc");

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  /** Shared steps for the first array indexes (steps are immutable). */
  private static final Step[] ELEMENT_STEPS = new Step[1024];

  static {
    for (int i = 0; i < ELEMENT_STEPS.length; i++) {
      ELEMENT_STEPS[i] = Step.indexed("array", i);
    }
  }

  /** Slots of the name cache (a power of two). */
  private static final int NAME_CACHE_SIZE = 64;
  private static final int MAX_CACHED_NAME = 64;

  private static final int[] NO_INTS = {};

  private static final byte OBJ = 1;
  private static final byte ARR = 2;

  private static final int OK = 0;
  private static final int INVALID = 1;
  private static final int TOO_DEEP = 2;
  private static final int TOO_MANY = 3;

  private static final int VALUE = 0;
  private static final int MEMBER = 1;
  private static final int ELEMENT = 2;
  private static final int AFTER = 3;

  private final byte[] src;
  private final int from;
  private final int to;
  private final MaskRun run;
  private final int base;
  private final int maxDepth;
  private final int maxFields;

  /** First byte after a UTF-8 byte order mark: names are never read before it. */
  private int lo;
  /**
   * Output so far, once the lenient scan runs; null before. The strict scan records its output as
   * {@link #pieces} instead, assembled once at exact size at the end (no growing buffer, no final
   * copy of it).
   */
  private ByteSink out;
  /**
   * The strict scan's output, 3 ints per piece: the start and end of a range of {@link #src}
   * copied through, and the start in {@link #ins} of the bytes written after it, which end where
   * the next piece's written bytes start (or at the end of {@link #ins}); {@link #REDACTED} stands
   * for {@link #QUOTED_REDACT}, which is not copied into {@link #ins}, and {@link #REMOVED} for
   * nothing written.
   */
  private int[] pieces = NO_INTS;
  private int npieces;
  /** The bytes the strict scan wrote in place of input (masks, rewrites); null until needed. */
  private ByteSink ins;
  /** Whether {@link #copyTo} has been called since the output was last reset. */
  private boolean written;
  /** {@code src[from, copied)} has been handled: written to {@link #out}, masked or dropped. */
  private int copied;
  /**
   * End (after the closing quote) of the last string the strict scan rewrote only part of: there
   * {@link #copied} stops inside the string, so the lenient scan starts here instead, or it would
   * pair that string's closing quote as an opening one.
   */
  private int rewrittenTo;
  private int fields;
  /**
   * The run's {@code residualMinLength} (no container shorter is hunted by the sweep; the sweep is
   * off when it is past any text), or past any text when {@link #scannerMembers} is off.
   */
  private final int sweepMin;

  /**
   * Whether a masked container's members are read as its end is found ({@link
   * #selectedEndAndMembers}); off only in tests that compare with the sweep reading them itself.
   */
  static volatile boolean scannerMembers = true;

  // Member-name cache (see memberName and NameCache), taken at the first member.
  private Step[] nameSteps;
  /** Per cache slot: the name's key words (see memberName), two longs. */
  private long[] nameWords;
  /**
   * Per cache slot: the name's length plus one (0: empty slot), its start and the stamp of the
   * scan that put it there, three ints.
   */
  private int[] nameMeta;
  /** The step {@link #memberName} found: null for a name the policy cannot select. */
  private Step memberStep;
  /** Whether some write changed the text (a mask unlike the bytes it replaced, a removal). */
  private boolean differs;

  // The stack of open containers, innermost at sp - 1.
  private byte[] kind;
  /**
   * Whether a leading member of the innermost object was removed, so the comma after it is
   * dropped with it: set by the removal, cleared at that comma or when the object closes (the
   * removed value is skipped whole, so no other container opens in between).
   */
  private boolean dropComma;
  private int[] count;
  /**
   * End of the value of the last kept member of an object that a comma followed, -1 while there
   * is none (every member so far was removed, or this is the first): a removal drops its own
   * preceding comma only after a kept member (set where the comma is read; no per-member flag).
   */
  private int[] prevEnd;
  private int sp;

  /**
   * The value ranges of removed members, in order (2 ints each): with {@link #pieces}, what {@link
   * #replayStrictEdits} needs if the strict scan stops after removing a member.
   */
  private int[] removed = NO_INTS;
  private int removals;
  /** Values the strict scan rewrote on an inspector's word (see maskUtf8). */
  private int rewrites;
  /** Whether the scan fell back to the lenient scan. */
  private boolean fellBack;
  /** Whether unselected strings and numbers go to the run's inspectors. */
  private final boolean inspecting;
  /**
   * Whether string values are classified for the nested layers' pre-check as their end is found
   * ({@link #classifiedStringEnd}), rather than read again by it.
   */
  private final boolean fused;
  /** Whether inspectors other than the nested layers are active. */
  private final boolean others;
  /** {@link MaskRun#othersQuietBelow} of the run, read once: see {@link #quietString}. */
  private final int othersQuiet;
  /**
   * Whether the last {@link #mayInspectScalar} that answered true took the nested layers' and the
   * other inspectors' pre-checks apart ({@link #checkedLayers}, {@link #checkedOthers}), for
   * {@link #inspectScalar} right after it ({@link MaskRun#inspectPrechecked}).
   */
  private boolean prechecked;
  private boolean checkedLayers;
  private boolean checkedOthers;

  private JsonScanner(byte[] src, int from, int to, MaskRun run) {
    this.src = src;
    this.from = from;
    this.to = to;
    this.run = run;
    this.base = run.depth();
    this.maxDepth = run.options().maxJsonDepth();
    this.maxFields = run.options().maxFields();
    this.sweepMin = scannerMembers ? run.options().residualMinLength() : Integer.MAX_VALUE;
    this.inspecting = run.inspectsValues();
    this.fused = inspecting && run.inspectsLayers() && MaskRun.precheck;
    this.others = run.inspectsBeyondLayers();
    this.othersQuiet = others && MaskRun.precheck ? run.othersQuietBelow() : 0;
    this.prefixes = run.namePrefixBits("hash");
    this.elementsSelectable = run.maySelectIndexed("array");
    this.digitsInert = fused && !run.maySelectIndexed("base64");
    this.namesDecide = run.decidesByName("hash");
    int cap = Math.min(maxDepth, 8); // grows by doubling in open()
    kind = new byte[cap];
    count = new int[cap];
    prevEnd = new int[cap];
  }

  /**
   * Masks the JSON text {@code src[from, to)}. The run's point already ends at the parent step
   * (e.g. {@code post}); this pushes {@code json_doc} and the member and element steps below it, and
   * leaves the run at its entry depth on return. Never throws on any content: invalid JSON is
   * scanned leniently and noted.
   *
   * @param src the bytes holding the body
   * @param from start of the JSON text in {@code src}
   * @param to end of the JSON text in {@code src} (exclusive)
   * @param run the state of this masking call
   * @return the rewritten bytes of {@code src[from, to)}, or {@code null} when nothing changed
   * @throws IndexOutOfBoundsException if {@code [from, to)} is not a range of {@code src}
   */
  public static byte[] mask(byte[] src, int from, int to, MaskRun run) {
    Objects.checkFromToIndex(from, to, src.length);
    int base = run.depth();
    try {
      Charset wide = WideJson.detect(src, from, to);
      if (wide != null) {
        return WideJson.mask(src, from, to, wide, run);
      }
      return maskUtf8(src, from, to, run);
    } finally {
      run.popTo(base);
    }
  }

  /** {@link #mask} for text known to be UTF-8 (or at least not UTF-16 or UTF-32). */
  static byte[] maskUtf8(byte[] src, int from, int to, MaskRun run) {
    JsonScanner s = new JsonScanner(src, from, to, run);
    byte[] result;
    try {
      result = s.scan();
    } finally {
      s.releaseNameCache();
      run.popTo(s.base);
    }
    // The lenient scan starts where the strict scan last wrote, and an inspector rewrite (a nested
    // layer) moves that point, while a second pass over the output, where the rewrite is already
    // done, would start earlier. So when both happened, the output is scanned once more (at most
    // twice: the rewritten values no longer change), which keeps mask(mask(x)) == mask(x).
    for (int pass = 0; pass < 2 && result != null && s.rewrites > 0 && s.fellBack; pass++) {
      s = new JsonScanner(result, 0, result.length, run);
      int mark = run.noteCount();
      byte[] again;
      try {
        again = s.scan();
      } finally {
        s.releaseNameCache();
        run.popTo(s.base);
        run.dropRepeatedNotesSince(mark);
      }
      if (again == null) {
        break;
      }
      result = again;
    }
    return result;
  }

  private byte[] scan() {
    int i = from;
    if (to - i >= 3 && src[i] == (byte) 0xEF && src[i + 1] == (byte) 0xBB
        && src[i + 2] == (byte) 0xBF) {
      i += 3; // a UTF-8 BOM is copied through and otherwise ignored
    }
    lo = i;
    copied = from;
    int start = skipWs(i);
    if (start == to) {
      return null; // nothing but whitespace: nothing to mask
    }
    run.push(JSON_DOC, null);
    Decision d = run.decide();
    if (d != null) {
      maskWholeDocument(d, start);
    } else {
      int status = strict(start);
      if (status != OK) {
        lenient(status == TOO_DEEP ? NOTE_DEPTH : status == TOO_MANY ? NOTE_FIELDS : NOTE_INVALID);
      }
    }
    if (out == null && !written) {
      return null;
    }
    if (!differs && !fellBack) {
      // Every value already was its mask (a second pass): the text is as it was, no copy.
      return null;
    }
    byte[] result;
    if (out == null) {
      result = assemble();
    } else {
      out.write(src, copied, to);
      result = out.toByteArray();
    }
    // The lenient scan writes in several ways; compare its output whole.
    return fellBack && Arrays.equals(result, 0, result.length, src, from, to) ? null : result;
  }

  private void maskWholeDocument(Decision d, int start) {
    int end = to;
    while (end > start && isWs(src[end - 1])) {
      end--;
    }
    String original;
    if (src[start] == '"' && stringEnd(start) == end) {
      original = JsonEscapes.decode(src, start + 1, end - 1);
    } else {
      original = raw(start, end);
    }
    writeMask(start, end, run.mask(d, original));
  }

  // ---- strict scan ------------------------------------------------------------------------------

  /**
   * Walks the document from {@code i} (its first value byte), masking selected values. Returns OK
   * or why it stopped; on a stop, every byte before {@link #copied} is final and nothing after it
   * has been written.
   */
  private int strict(int i) {
    int state = VALUE;
    while (true) {
      switch (state) {
        case VALUE -> {
          if (i >= to) {
            return INVALID;
          }
          byte c = src[i];
          if (c == '{' || c == '[') {
            if (sp == maxDepth) {
              return TOO_DEEP;
            }
            open(c == '{' ? OBJ : ARR);
            i = skipWs(i + 1);
            if (i < to && src[i] == (c == '{' ? '}' : ']')) {
              i = close(i + 1);
              state = AFTER;
            } else {
              state = c == '{' ? MEMBER : ELEMENT;
            }
          } else {
            int e = unselectedScalar(i);
            if (e < 0) {
              return INVALID;
            }
            if (sp > 0) {
              run.pop(); // the member or element step of this scalar
            }
            i = e;
            state = AFTER;
          }
        }
        case MEMBER -> {
          if (i >= to || src[i] != '"') {
            return INVALID;
          }
          int keyStart = i;
          int keyEnd = memberName(i);
          if (keyEnd < 0) {
            return INVALID;
          }
          int colon = keyEnd < to && src[keyEnd] == ':' ? keyEnd : skipWs(keyEnd);
          if (colon >= to || src[colon] != ':') {
            return INVALID;
          }
          int vs = colon + 1 < to && src[colon + 1] > ' ' ? colon + 1 : skipWs(colon + 1);
          if (++fields > maxFields) {
            return TOO_MANY;
          }
          Step step = memberStep;
          if (step == null) {
            // A name no rule can select (the policy's pre-filter says so) is not asked about, and
            // its step is pushed (lazily: built only if asked for) only when something below it
            // needs the point: a container's members, or a scalar an inspector must see.
            if (vs < to && src[vs] != '{' && src[vs] != '[') {
              int e = scalarEnd(vs);
              if (e < 0) {
                return INVALID;
              }
              if (inspecting && mayInspectScalar(vs, e)) {
                run.pushLazy(lazyNames, keyStart + 1, keyEnd - 1);
                inspectScalar(vs, e);
                run.pop();
              }
              int q = nextMember(e);
              if (q >= 0) {
                i = q; // the next member at once, not through the AFTER state
                continue;
              }
              i = e;
              state = AFTER;
            } else {
              run.pushLazy(lazyNames, keyStart + 1, keyEnd - 1);
              i = vs;
              state = VALUE;
            }
            continue;
          }
          run.push(step, step.key());
          Decision d = decideMember();
          if (d == null) {
            i = vs;
            state = VALUE;
            if (i < to && src[i] != '{' && src[i] != '[') {
              // A scalar, the common case: handled here rather than by another turn of the loop.
              int e = unselectedScalar(i);
              if (e < 0) {
                return INVALID;
              }
              run.pop();
              int q = nextMember(e);
              if (q >= 0) {
                i = q;
                state = MEMBER;
                continue;
              }
              i = e;
              state = AFTER;
            }
          } else {
            int ve = selectedEndAndMembers(vs);
            if (ve < 0) {
              return INVALID;
            }
            List<String> members = selectedMembers;
            selectedMembers = null;
            if (d.action() instanceof MaskAction.Remove) {
              removeMember(d, keyStart, vs, ve, members);
            } else {
              writeMask(vs, ve, run.mask(d, original(vs, ve), members));
            }
            run.pop();
            i = ve;
            state = AFTER;
          }
        }
        case ELEMENT -> {
          if (++fields > maxFields) {
            return TOO_MANY;
          }
          run.push(elementStep(count[sp - 1]++), null);
          Decision d = elementsSelectable ? run.decide() : null;
          if (d == null) {
            state = VALUE;
            if (i < to && src[i] != '{' && src[i] != '[') {
              int e = unselectedScalar(i);
              if (e < 0) {
                return INVALID;
              }
              run.pop();
              int q = nextElement(e);
              if (q >= 0) {
                i = q; // the next element at once, not through the AFTER state
                state = ELEMENT;
                continue;
              }
              i = e;
              state = AFTER;
            }
          } else {
            int ve = selectedEndAndMembers(i);
            if (ve < 0) {
              return INVALID;
            }
            List<String> members = selectedMembers;
            selectedMembers = null;
            // Array elements are never dropped: Remove writes the redact token (via Actions).
            writeMask(i, ve, run.mask(d, original(i, ve), members));
            run.pop();
            i = ve;
            state = AFTER;
          }
        }
        default -> { // AFTER a value
          int valueEnd = i;
          i = skipWs(i);
          if (sp == 0) {
            return i == to ? OK : INVALID;
          }
          if (i >= to) {
            return INVALID;
          }
          byte c = src[i];
          int top = sp - 1;
          if (c == ',') {
            i = skipWs(i + 1);
            if (kind[top] == OBJ) {
              if (dropComma) {
                dropComma = false;
                copied = i; // drop the comma after a removed leading member
              } else {
                prevEnd[top] = valueEnd;
              }
              state = MEMBER;
            } else {
              state = ELEMENT;
            }
          } else if (c == (kind[top] == OBJ ? '}' : ']')) {
            i = close(i + 1);
          } else {
            return INVALID;
          }
        }
      }
    }
  }

  /**
   * Where the next member of the innermost object starts, when the kept member whose value ends
   * at {@code e} is followed by a comma and another member's opening quote (the common case), with
   * the comma's bookkeeping done as the AFTER state does it; -1 for anything else, which the
   * AFTER state handles. Spares a member a turn of the state loop (measured with CpuTime
   * json:1kb, see the commit).
   */
  private int nextMember(int e) {
    int k = e < to && src[e] == ',' ? e : skipWs(e);
    int top = sp - 1;
    if (k >= to || src[k] != ',' || dropComma) {
      return -1;
    }
    int q = k + 1 < to && src[k + 1] == '"' ? k + 1 : skipWs(k + 1);
    if (q >= to || src[q] != '"') {
      return -1;
    }
    prevEnd[top] = e;
    return q;
  }

  /**
   * Where the next element of the innermost array starts, when the element ending at {@code e} is
   * followed by a comma (as the AFTER state finds it); -1 for anything else.
   */
  private int nextElement(int e) {
    int k = e < to && src[e] == ',' ? e : skipWs(e);
    if (k >= to || src[k] != ',') {
      return -1;
    }
    return skipWs(k + 1);
  }

  private void open(byte k) {
    if (sp == kind.length) {
      int n = Math.min(Math.max(sp * 2, 8), maxDepth);
      kind = Arrays.copyOf(kind, n);
      count = Arrays.copyOf(count, n);
      prevEnd = Arrays.copyOf(prevEnd, n);
    }
    kind[sp] = k;
    count[sp] = 0;
    prevEnd[sp] = -1;
    sp++;
  }

  /** Closes the innermost container whose closing bracket ends before {@code i}. */
  private int close(int i) {
    sp--;
    dropComma = false;
    if (sp > 0) {
      run.pop(); // the member or element step of the closed container
    }
    return i;
  }

  /**
   * Drops the member {@code src[keyStart, ve)} with exactly one adjacent comma: with the preceding
   * one (and the whitespace around it) when an earlier member is kept, else with the following one
   * (dropped when reached).
   */
  private void removeMember(Decision d, int keyStart, int vs, int ve, List<String> members) {
    run.removed(d, original(vs, ve), members);
    if (removed.length == removals * 2) {
      removed = Arrays.copyOf(removed, Math.max(8, removals * 4));
    }
    removed[removals * 2] = vs;
    removed[removals * 2 + 1] = ve;
    removals++;
    differs = true;
    int top = sp - 1;
    if (prevEnd[top] >= 0) { // an earlier member was kept
      removeTo(prevEnd[top]);
    } else {
      removeTo(keyStart);
      dropComma = true;
    }
    copied = ve;
  }

  /**
   * End of the unselected scalar starting at {@code i}, after passing it to the inspectors; -1
   * when it is not a well-formed scalar.
   */
  private int unselectedScalar(int i) {
    int e = scalarEnd(i);
    if (e >= 0 && inspecting && mayInspectScalar(i, e)) {
      inspectScalar(i, e);
    }
    return e;
  }

  /**
   * Whether an inspector could change the unselected scalar {@code src[vs, ve)}: false for
   * literals, the empty string and values the inspectors' pre-checks rule out, which are then not
   * even decoded (nor their member's step pushed).
   */
  private boolean mayInspectScalar(int vs, int ve) {
    if (fused && lastString == vs && plainWords(src, vs, ve, lastClass)) {
      boolean o = others && !quietString(src, vs + 1, ve - 1, lastClass, othersQuiet)
          && othersMayInspectString(vs, ve, lastClass);
      checkedLayers = false;
      checkedOthers = o;
      prechecked = true;
      return o;
    }
    prechecked = false;
    return scalarMayBeInspected(vs, ve);
  }

  /**
   * Whether the other inspectors' pre-check ({@link MaskRun#othersMayInspect}) certainly answers
   * false for the content {@code b[s, e)} of a JSON string of classes {@code k} ({@link
   * #classify}), decided without calling it: 8 to 16 bytes and fewer than {@code quiet} ({@link
   * MaskRun#othersQuietBelow}), all ASCII, no {@code @}, and no backslash-u (or malformed)
   * escape. Such content decodes to fewer than {@code quiet} ASCII characters without an {@code
   * @} (a two-character escape stands for one character that is neither), for which that
   * pre-check says no. Whether a backslash-u escape is present is known from the classes when
   * the string held no byte that starts a layer (after one, {@link #classify} stops looking);
   * else only a string without a backslash qualifies. JsonQuietStringTest holds this to the
   * pre-check on random strings. Measured (see the commit): most unselected values of the
   * json-api report are such short words. Small, so that the compiler inlines it into the scan
   * (sharing the detectors' own longer test made that test a call in the detectors too).
   */
  static boolean quietString(byte[] b, int s, int e, int k, int quiet) {
    int n = e - s;
    if (n < 8 || n > 16 || n >= quiet || (k & C_ESC) != 0 && (k & (C_SPECIAL | C_ODD)) != 0) {
      return false; // shorter ones stop at the pre-check's first length test
    }
    // Two words cover the content (the second may overlap the first). An '@' is a zero byte of
    // w ^ ATS: a borrow can set a false high bit only above a true zero byte of that word, so
    // whether any is set is exact; a non-ASCII byte has its own high bit set.
    long w1 = (long) LONGS.get(b, s);
    long w2 = (long) LONGS.get(b, e - 8);
    long x1 = w1 ^ ATS;
    long x2 = w2 ^ ATS;
    return (((x1 - LOW_BITS) & ~x1 | (x2 - LOW_BITS) & ~x2 | w1 | w2) & HIGH_BITS) == 0;
  }

  private static final long ATS = 0x4040404040404040L;

  /**
   * {@link MaskRun#othersMayInspect} of the content of the string {@code src[vs, ve)} of classes
   * {@code k} ({@link #classify}): when the classes tell that its escapes are all two-character
   * ones (a backslash was seen, no backslash-u or malformed escape, and no byte that starts a
   * layer, after which {@link #classify} stops judging escapes), through {@link
   * MaskRun#othersMayInspectSimpleEscapes}, which reads it with the detectors' plain table loop.
   */
  private boolean othersMayInspectString(int vs, int ve, int k) {
    if ((k & C_ESC) == 0) {
      return run.othersMayInspect(src, vs + 1, ve - 1, false);
    }
    return (k & (C_SPECIAL | C_ODD)) == 0
        ? run.othersMayInspectSimpleEscapes(src, vs + 1, ve - 1)
        : run.othersMayInspect(src, vs + 1, ve - 1, true);
  }

  /** {@link #mayInspectScalar} past its inlined common case. */
  private boolean scalarMayBeInspected(int vs, int ve) {
    byte c = src[vs];
    if (c == '"') {
      if (ve - vs <= 2) {
        return false; // the empty string
      }
      if (fused && lastString == vs) {
        // The nested layers' test, read again only if the classes gathered while finding the
        // string's end cannot rule it out.
        boolean esc = lastStringEscaped;
        boolean layers = lastClass == 0 ? base64Word(src, vs + 1, ve - 1, digitsInert)
            : layersMayInspect(src, vs, ve, lastClass)
            && (esc ? NestedLayers.promisingJson(src, vs + 1, ve - 1)
                : NestedLayers.promising(src, vs + 1, ve - 1)
                    && !(digitsInert && NestedLayers.inertDigits(src, vs + 1, ve - 1)));
        // Both answers, for inspectScalar: an inspector whose pre-check said no is skipped there.
        boolean o = others && !quietString(src, vs + 1, ve - 1, lastClass, othersQuiet)
            && othersMayInspectString(vs, ve, lastClass);
        checkedLayers = layers;
        checkedOthers = o;
        prechecked = true;
        return layers || o;
      }
      boolean esc = lastString == vs ? lastStringEscaped : escaped(vs + 1, ve - 1);
      return esc ? run.mayInspectJson(src, vs + 1, ve - 1) : run.mayInspect(src, vs + 1, ve - 1);
    }
    if (c != '-' && (c < '0' || c > '9')) {
      return false; // true, false, null: nothing to inspect
    }
    if (fused) {
      boolean layers = numberMayHoldLayer(src, vs, ve, digitsInert);
      // A number is ASCII without an '@': below othersQuiet bytes nothing can be found in it.
      boolean o = others && ve - vs >= othersQuiet && run.othersMayInspect(src, vs, ve, false);
      checkedLayers = layers;
      checkedOthers = o;
      prechecked = true;
      return layers || o;
    }
    return run.mayInspect(src, vs, ve);
  }

  /**
   * The nested layers' pre-check ({@link NestedLayers#promising(byte[], int, int)}) of the JSON
   * number {@code b[vs, ve)}, which it answers false for without a call when the number has a
   * fraction or fewer than four bytes or a length of one more than a multiple of four. A number
   * holds no {@code % = { [ <} and at most one dot, so the only reading that test allows it is
   * base64, which these rule out (a dot is no base64 character; base64 text is at least four
   * characters and never one more than a multiple of four); any other number is asked about.
   * Half the numbers of a typical body have a fraction (measured with CpuTime json:1kb, see the
   * commit); the rest go straight to the test's last step (the characters of a number without a
   * fraction are all base64 ones). JsonNumberPrecheckTest holds it to the full test.
   */
  static boolean numberMayHoldLayer(byte[] b, int vs, int ve) {
    return numberMayHoldLayer(b, vs, ve, false);
  }

  /**
   * {@link #numberMayHoldLayer(byte[], int, int)}, and when {@code digitsInert} also false for a
   * number {@link NestedLayers#inertDigits} clears (see {@link #digitsInert}); that test, a loop
   * over at most a few bytes, runs before the base64 prefix decoding, which it spares most
   * numbers without a fraction (measured with CpuTime json:1kb, see the commit).
   */
  static boolean numberMayHoldLayer(byte[] b, int vs, int ve, boolean digitsInert) {
    int n = ve - vs;
    if (n < 4 || n % 4 == 1) {
      return false;
    }
    for (int k = vs; k < ve; k++) {
      if (b[k] == '.') {
        return false;
      }
    }
    if (digitsInert && NestedLayers.inertDigits(b, vs, ve)) {
      return false;
    }
    // What that test does for such a number: its characters (digits, '-', '+', 'e', 'E') are all
    // base64 ones, none a blank or one that starts a layer, so it goes straight to the decoded
    // prefix.
    return NestedLayers.plausiblePrefix(b, vs, ve);
  }

  /**
   * Passes the unselected string or number {@code src[vs, ve)}, which {@link #mayInspectScalar}
   * let through, to the run's inspectors at the current point; a rewrite is written as a JSON
   * string, like a mask.
   */
  private void inspectScalar(int vs, int ve) {
    byte c = src[vs];
    String original = original(vs, ve);
    String replaced = prechecked ? run.inspectPrechecked(original, checkedLayers, checkedOthers)
        : run.inspect(original);
    if (replaced != null) {
      rewrites++;
      int[] span = c == '"' ? JsonStyle.changedSpan(src, vs + 1, ve - 1, original, replaced) : null;
      if (span != null) {
        // Only the changed part is written anew: the rest keeps its escapes as sent.
        writeContent(span[0], span[1], replaced.substring(span[2], span[3]));
        rewrittenTo = ve;
      } else {
        writeMask(vs, ve, replaced);
      }
    }
  }

  /** Writes {@code text} escaped, without quotes, in place of {@code src[s, e)} inside a string. */
  private void writeContent(int s, int e, String text) {
    ByteSink w = copyTo(s);
    int at = w.length();
    JsonEscapes.writeContent(w, text);
    copied = e;
    noteDifference(w, at, s, e);
  }

  /**
   * Rewrites the output of a strict scan that stopped after removing members: the lenient scan
   * cannot drop members, so the removed values become the redact token instead, which keeps
   * {@code mask(mask(x)) == mask(x)} when a second pass would stop at the same place. The output
   * is the input with every strict edit made again ({@link #pieces}), the removed members' values
   * replaced by the token and their commas kept.
   */
  private void replayStrictEdits() {
    byte[] w = ins == null ? null : ins.toByteArray();
    int[] ends = insEnds();
    ByteSink o = new ByteSink(to - from + 64);
    int n = npieces * 3;
    int r = 0;
    int resume = -1; // where the input resumes after a removed value; -1: at the piece's start
    for (int k = 0; k < n; k += 3) {
      int s = resume >= 0 ? resume : pieces[k];
      resume = -1;
      int mark = pieces[k + 2];
      if (mark == REMOVED) {
        int vs = removed[r++];
        o.write(src, s, vs);
        o.write(QUOTED_REDACT);
        resume = removed[r++];
      } else {
        o.write(src, s, pieces[k + 1]);
        if (mark == REDACTED) {
          o.write(QUOTED_REDACT);
        } else {
          o.write(w, mark, ends[k / 3]);
        }
      }
    }
    if (resume >= 0) {
      copied = resume;
    }
    out = o;
    ins = null;
    npieces = 0;
  }

  /**
   * End of the selected value starting at {@code i}, or -1 when it is not one well-delimited JSON
   * value followed by a comma or the closing bracket of its container. Content inside a selected
   * container is not validated beyond matching brackets and strings: it is masked whole.
   */
  private int selectedEnd(int i) {
    if (i >= to) {
      return -1;
    }
    byte c = src[i];
    int e = c == '{' || c == '[' ? containerEnd(i) : c == '"' ? unclassifiedStringEnd(i)
        : scalarEnd(i);
    return e < 0 ? -1 : delimited(e);
  }

  /** {@code e} when a comma or the closing bracket of the current container follows it, else -1. */
  private int delimited(int e) {
    int k = skipWs(e);
    if (k >= to) {
      return -1;
    }
    byte f = src[k];
    return f == ',' || f == (kind[sp - 1] == OBJ ? '}' : ']') ? e : -1;
  }

  /**
   * As {@link #selectedEnd}; for a container the residual sweep will hunt (the run's {@code
   * residualMinLength} within reach: never when the sweep is off), its end is read by {@link
   * JsonShape#scalars(byte[], int, int, int, List)}, which lists its scalar members in the same
   * pass, left in {@link #selectedMembers} for the run: the sweep then need not read the
   * container's text again. A container that is not well formed is ended by {@link
   * #containerEnd} as before, with no members.
   */
  private int selectedEndAndMembers(int i) {
    if (i < to && (src[i] == '{' || src[i] == '[') && to - i >= sweepMin) {
      List<String> m = new ArrayList<>();
      int e = JsonShape.scalars(src, i, to, sweepMin, m);
      if (e >= 0) {
        e = delimited(e);
        if (e >= 0) {
          selectedMembers = m;
        }
        return e;
      }
    }
    return selectedEnd(i);
  }

  /**
   * The scalar members of the container {@link #selectedEndAndMembers} last ended, or null; taken
   * (and cleared) by the caller at once.
   */
  private List<String> selectedMembers;

  /** End of the container starting at {@code i}, brackets matched by kind; -1 if unmatched. */
  private int containerEnd(int i) {
    long[] bits = new long[1]; // bit set: the open bracket at that depth was '{'
    int depth = 0;
    while (i < to) {
      byte c = src[i];
      if (c == '"') {
        i = unclassifiedStringEnd(i);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (c == '{' || c == '[') {
        int w = depth >>> 6;
        if (w == bits.length) {
          bits = Arrays.copyOf(bits, w * 2);
        }
        if (c == '{') {
          bits[w] |= 1L << depth;
        } else {
          bits[w] &= ~(1L << depth);
        }
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        boolean brace = (bits[depth >>> 6] & 1L << depth) != 0;
        if (brace != (c == '}')) {
          return -1;
        }
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return -1;
  }

  /** End of the string, number or literal starting at {@code i}; -1 if there is none. */
  private int scalarEnd(int i) {
    byte c = src[i];
    if (c == '"') {
      return stringEnd(i);
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return numberEnd(i);
    }
    if (c == 't') {
      return i + 4 <= to && (int) INTS.get(src, i) == TRUE ? i + 4 : -1;
    }
    if (c == 'f') {
      return i + 5 <= to && (int) INTS.get(src, i + 1) == ALSE ? i + 5 : -1;
    }
    if (c == 'n') {
      return i + 4 <= to && (int) INTS.get(src, i) == NULL ? i + 4 : -1;
    }
    return -1;
  }

  /**
   * The literals' bytes read as one little-endian int each. Read so rather than byte by byte at
   * constant offsets from the value's start: C2 merged those byte reads' bounds checks into the
   * check of the byte after a member's colon, widened to the literal's last byte, which failed
   * (an uncommon trap, and the scan recompiled) at a member within four bytes of the input's end.
   */
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int TRUE = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
  private static final int ALSE = 'a' | 'l' << 8 | 's' << 16 | 'e' << 24;
  private static final int NULL = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;

  /** End of the JSON number at {@code i} by the JSON grammar; -1 if malformed. */
  private int numberEnd(int i) {
    if (src[i] == '-') {
      i++;
    }
    if (i >= to) {
      return -1;
    }
    if (src[i] == '0') {
      i++;
    } else if (src[i] >= '1' && src[i] <= '9') {
      i = digits(i + 1);
    } else {
      return -1;
    }
    if (i < to && src[i] == '.') {
      int j = digits(i + 1);
      if (j == i + 1) {
        return -1;
      }
      i = j;
    }
    if (i < to && (src[i] == 'e' || src[i] == 'E')) {
      i++;
      if (i < to && (src[i] == '+' || src[i] == '-')) {
        i++;
      }
      int j = digits(i);
      if (j == i) {
        return -1;
      }
      i = j;
    }
    return i;
  }

  /**
   * The end of the run of ASCII digits from {@code i}: eight bytes at a time while eight remain
   * (measured with CpuTime jsonnone:1kb, see the commit), then byte by byte.
   */
  private int digits(int i) {
    while (i + 8 <= to) {
      long m = nonDigits((long) LONGS.get(src, i));
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    while (i < to && src[i] >= '0' && src[i] <= '9') {
      i++;
    }
    return i;
  }

  private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
  private static final long THREES = 0x3030303030303030L;
  private static final long SIXES = 0x0606060606060606L;

  /**
   * Non-zero bits in each byte of {@code w} (little-endian) that is not an ASCII digit, so that
   * the lowest non-zero byte is the first non-digit. A digit is a byte whose high nibble is 3 both
   * as it is and plus six (0x30-0x39). The addition can carry out of a byte only from one at
   * 0xFA or above, itself a non-digit by the first test, so a carry changes only bytes after the
   * first non-digit, which are not used.
   */
  static long nonDigits(long w) {
    return (w & HIGH_NIBBLES ^ THREES) | ((w + SIXES) & HIGH_NIBBLES ^ THREES);
  }

  /**
   * Index after the closing quote of the string whose opening quote is at {@code i}, or -1 if it
   * is unterminated. String contents are not validated: only quotes and backslashes matter.
   */
  private int stringEnd(int i) {
    if (fused) {
      return classifiedStringEnd(i);
    }
    return unclassifiedStringEnd(i);
  }

  /**
   * {@link #stringEnd} without the classes, for a string no inspector reads: a selected value, or
   * one inside a selected container (measured with CpuTime json:dense1kb, see the commit).
   */
  private int unclassifiedStringEnd(int i) {
    lastString = i;
    lastStringEscaped = false;
    return plainStringEnd(i + 1);
  }

  /**
   * {@link #stringEnd} through {@link #classify}: the string's classes are kept in {@link
   * #lastClass} for {@link #layersMayInspect}.
   */
  private int classifiedStringEnd(int i) {
    long r = classify(src, i, to);
    if (r < 0) {
      return -1;
    }
    int k = (int) (r >>> 32);
    lastString = i;
    lastClass = k;
    lastStringEscaped = (k & C_ESC) != 0;
    return (int) r;
  }

  /** Class: a byte that can start a layer, {@code % = . { [ <}. */
  static final int C_SPECIAL = 1;
  /**
   * Class: a character that is certainly not base64 (a byte below {@code +} or non-ASCII, an
   * escaped quote, backslash or control character, an escaped blank).
   */
  static final int C_PLAIN = 2;
  /** Class: an escape the pre-check cannot judge unread (backslash-u, malformed). */
  static final int C_ODD = 4;
  /** Class: a backslash. */
  static final int C_ESC = 8;

  /**
   * Finds the end of the JSON string whose opening quote is {@code b[i]} and classifies its
   * content for the nested layers' pre-check in the same pass: returns the index after the closing
   * quote in the low 32 bits and the classes ({@link #C_SPECIAL}, {@link #C_PLAIN}, {@link
   * #C_ODD}, {@link #C_ESC}) above them, or -1 if the string is unterminated before {@code to}.
   * Eight bytes at a time, like {@link #plainStringEnd}; once a special byte is seen only the end
   * (and whether there is a backslash) is searched, since the pre-check then reads the string
   * again anyway. {@link #layersMayInspect} turns the classes into an answer. Measured with
   * CpuTime json:1kb and json:100kb, see the commits.
   */
  static long classify(byte[] b, int i, int to) {
    int cls = 0;
    // The not-base64 bytes seen, gathered without a branch per word (only whether any was seen
    // counts, so a borrow's false positive above a true one does no harm).
    long plain = 0;
    int p = i + 1;
    while (true) {
      boolean stopped = false;
      while (p + 8 <= to) {
        long w = (long) LONGS.get(b, p);
        long stop = zeroBytes2(w ^ QUOTES, w ^ BACKSLASHES);
        long special = zeroBytes4(w ^ PERCENTS, w ^ DOTS, (w | LOW_BITS) ^ EQUALS,
            (w | CASE_BITS) ^ BRACES);
        // Bytes below '+' (the lowest base64 character), then non-ASCII bytes. Only the lowest
        // set bit of each of these masks is exact, which is all that is used (a false positive
        // lies above a true one).
        long notBase64 = (w - PLUSES) & ~w & HIGH_BITS | w & HIGH_BITS;
        if (stop != 0) {
          long before = (stop & -stop) - 1; // the bytes before the quote or backslash
          plain |= notBase64 & before;
          p += Long.numberOfTrailingZeros(stop) >>> 3;
          if ((special & before) != 0) {
            return specialStringEnd(b, p, to, cls | C_SPECIAL);
          }
          stopped = true;
          break;
        }
        plain |= notBase64;
        p += 8;
        if (special != 0) {
          return specialStringEnd(b, p, to, cls | C_SPECIAL);
        }
      }
      if (plain != 0) {
        cls |= C_PLAIN;
      }
      if (!stopped) {
        for (; p < to; p++) { // the last few bytes of the input
          int c = b[p];
          if (c == '"' || c == '\\') {
            break;
          }
          if (c == '%' || c == '.' || c == '=' || c == '<' || c == '[' || c == '{') {
            cls |= C_SPECIAL; // tested first: '%' is below '+' too
          }
          if (c < '+') {
            cls |= C_PLAIN; // also every non-ASCII (negative) byte
          }
        }
        if (p >= to) {
          return -1;
        }
      }
      if (b[p] == '"') {
        return p + 1 | (long) cls << 32;
      }
      // A backslash: judge the character it stands for, then go on after the escape.
      cls |= C_ESC;
      if (p + 1 >= to) {
        return -1;
      }
      int e = b[p + 1];
      if (e == 'n' || e == 'r' || e == 't' || e == '"' || e == '\\' || e == 'b' || e == 'f') {
        // A blank, a quote, a backslash or a control character: not base64. A blank at either
        // end is trimmed before decoding: layersMayInspect looks at the ends.
        cls |= C_PLAIN;
      } else if (e != '/') { // a slash is a base64 character, not one that starts a layer
        cls |= C_ODD; // a backslash-u escape (any character) or a malformed one
      }
      p += 2;
    }
  }

  /** {@link #classify} from {@code p} once a special byte was seen: the end, and any backslash. */
  private static long specialStringEnd(byte[] b, int p, int to, int cls) {
    while (true) {
      while (p + 8 <= to) {
        long w = (long) LONGS.get(b, p);
        long m = zeroBytes2(w ^ QUOTES, w ^ BACKSLASHES);
        if (m != 0) {
          p += Long.numberOfTrailingZeros(m) >>> 3;
          break;
        }
        p += 8;
      }
      while (p < to && b[p] != '"' && b[p] != '\\') {
        p++;
      }
      if (p >= to) {
        return -1;
      }
      if (b[p] == '"') {
        return p + 1 | (long) cls << 32;
      }
      cls |= C_ESC;
      p += 2;
    }
  }

  /**
   * Whether the nested layers' full pre-check ({@link NestedLayers#promising(byte[], int, int)},
   * or {@link NestedLayers#promisingJson} for an escaped string) could say yes for the JSON string
   * {@code b[vs, ve)} (quotes included, at least one character) of classes {@code k} ({@link
   * #classify}): false only where it certainly says no. That test is true only for a text with a
   * byte that can start a layer, or with a backslash-u or malformed escape, or whose every
   * character between blanks at its ends is a base64 one (and, unescaped, of a length base64 can
   * have). So a string with none of the first two is judged by its classes: with no plain
   * character it may be base64; with one, only if blanks at an end (which the test trims) could
   * be what made it plain, since a blank between other characters, like any other plain
   * character, rules base64 out. JsonStringClassTest holds this to the full test on random
   * strings.
   */
  static boolean layersMayInspect(byte[] b, int vs, int ve, int k) {
    if ((k & (C_SPECIAL | C_ODD)) != 0) {
      return true;
    }
    if ((k & C_PLAIN) == 0) {
      int n = ve - vs - 2;
      return (k & C_ESC) != 0 || n >= 4 && n % 4 != 1;
    }
    int s = vs + 1;
    int e = ve - 1;
    int f = b[s] & 0xFF;
    int l = b[e - 1] & 0xFF;
    if (f <= ' ' || l <= ' ') {
      return true; // a blank (or another control byte) at an end
    }
    return f == '\\' && blankEscape(b[s + 1]) || e - s >= 2 && b[e - 2] == '\\' && blankEscape(l);
  }

  /**
   * A cheaper part of {@link #layersMayInspect} for the common string, inlined in the scan where
   * that test is not: true for a JSON string {@code b[vs, ve)} of classes {@code k} with a plain
   * character (a space between words, a non-ASCII character), none that can start a layer and
   * no backslash-u or malformed escape, whose first and last characters are neither a blank nor
   * an escape; {@link #layersMayInspect} answers false for every such string (it says yes for a
   * plain one only when a blank, raw or escaped, is at an end). Measured with CpuTime json:1kb,
   * see the commit; JsonStringClassTest holds it to the full pre-check.
   */
  static boolean plainWords(byte[] b, int vs, int ve, int k) {
    return (k & (C_SPECIAL | C_ODD | C_PLAIN)) == C_PLAIN && (b[vs + 1] & 0xFF) > ' '
        && b[vs + 1] != '\\' && (b[ve - 2] & 0xFF) > ' ' && b[ve - 3] != '\\';
  }

  /**
   * The nested layers' pre-check ({@link NestedLayers#promising(byte[], int, int)}, and {@link
   * NestedLayers#inertDigits} when {@code digitsInert}) of the content {@code b[s, e)} of a JSON
   * string of classes 0 ({@link #classify}): ASCII characters from {@code +} up, none that can
   * start a layer, no escape, no blank. That test reads such a text only as base64: true when it
   * is of a length base64 can have, every character is a base64 one and its first decoded bytes
   * are plausible. The decoding of the first eight characters goes first here: it rules out most
   * such strings (hex tokens, words with a dash) before the alphabet is checked character by
   * character (measured with CpuTime json:100kb, see the commit). JsonStringClassTest holds it to
   * the full test.
   */
  static boolean base64Word(byte[] b, int s, int e, boolean digitsInert) {
    int n = e - s;
    if (n < 4 || n % 4 == 1 || !NestedLayers.plausiblePrefix(b, s, e)) {
      return false;
    }
    for (int i = s; i < e; i++) {
      if (!Base64Text.alphabet(b[i])) {
        return false;
      }
    }
    return !(digitsInert && NestedLayers.inertDigits(b, s, e));
  }

  /** Whether {@code c} after a backslash makes a blank the pre-check trims: n, r or t. */
  private static boolean blankEscape(int c) {
    return c == 'n' || c == 'r' || c == 't';
  }

  private static final long PERCENTS = 0x2525252525252525L;
  private static final long DOTS = 0x2E2E2E2E2E2E2E2EL;
  /** Or-ed in, maps '<' (0x3C) to '=' (0x3D). */
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long EQUALS = 0x3D3D3D3D3D3D3D3DL;
  /** Or-ed in, maps '[' (0x5B) to '{' (0x7B). */
  private static final long CASE_BITS = 0x2020202020202020L;
  private static final long BRACES = 0x7B7B7B7B7B7B7B7BL;
  private static final long PLUSES = 0x2B2B2B2B2B2B2B2BL;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** The classes {@link #classify} found in the string at {@link #lastString}. */
  private int lastClass;

  /** {@link #stringEnd} from {@code i}, inside the string. */
  private int plainStringEnd(int i) {
    while (true) {
      // Eight bytes at a time to the next quote or backslash: string contents are most of a
      // typical body.
      while (i + 8 <= to) {
        long w = (long) LONGS.get(src, i);
        long m = zeroBytes2(w ^ QUOTES, w ^ BACKSLASHES);
        if (m != 0) {
          i += Long.numberOfTrailingZeros(m) >>> 3;
          break;
        }
        i += 8;
      }
      if (i >= to) {
        return -1;
      }
      byte c = src[i];
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        lastStringEscaped = true;
        i += 2;
      } else {
        i++;
      }
    }
  }

  /** Where the string {@link #stringEnd} last scanned starts, and whether it held a backslash. */
  private int lastString = -1;

  private boolean lastStringEscaped;

  /**
   * The high bit set in each byte of {@code x} that is zero. Bits above the lowest zero byte may be
   * false positives (borrows), so only the lowest set bit is used.
   */
  private static long zeroBytes(long x) {
    return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
  }

  /**
   * {@code zeroBytes(a) | zeroBytes(b)} with one mask: the lowest set bit is still exact (a false
   * positive of either lies above a true zero byte of that word).
   */
  private static long zeroBytes2(long a, long b) {
    return ((a - 0x0101010101010101L) & ~a | (b - 0x0101010101010101L) & ~b)
        & 0x8080808080808080L;
  }

  /** {@code zeroBytes} of four words or-ed, with one mask, as {@link #zeroBytes2}. */
  private static long zeroBytes4(long a, long b, long c, long d) {
    return ((a - 0x0101010101010101L) & ~a | (b - 0x0101010101010101L) & ~b
        | (c - 0x0101010101010101L) & ~c | (d - 0x0101010101010101L) & ~d) & 0x8080808080808080L;
  }

  /** Member steps built late: their names hold no backslash (escaped names are never lazy). */
  private final MaskRun.StepSource lazyNames = this::lazyStep;

  /**
   * The step of a lazily pushed member named {@code src[s, e)} (no backslash), when something asks
   * for it: a masked value's point asks for its parents ({@code items}, the object above a
   * password), a detector's for the value's own name. A name of up to 16 bytes is looked up in the
   * thread's name cache's lazy steps first, keyed by its length and one or two 8-byte words (the
   * name exactly), so that a parent met in every body is not decoded again: about 80 ns of the 1
   * KB body's 4 masked values were these Strings and Steps (measured with CpuTime json:1kb, see
   * the commit). A step holds only the name, the same for any policy, so the entries are kept
   * across scans and policies; only a scan that holds the thread's cache uses them.
   */
  private Step lazyStep(int s, int e) {
    int len = e - s;
    if (len <= 16 && len > 0) {
      if (nameSteps == null) {
        openNameCache();
      }
      NameCache c = heldCache;
      if (c != null) {
        long a = len <= 8 ? lowBytes(s, len) : (long) LONGS.get(src, s);
        long b = len <= 8 ? 0 : (long) LONGS.get(src, e - 8);
        int slot = (int) (((a ^ Long.rotateLeft(b, 29)) + len) * 0x9E3779B97F4A7C15L >>> 58);
        Step[] steps = c.lazySteps;
        if (steps == null) {
          steps = c.lazySteps = new Step[NAME_CACHE_SIZE];
          c.lazyWords = new long[NAME_CACHE_SIZE * 2];
          c.lazyLens = new int[NAME_CACHE_SIZE];
        }
        long[] words = c.lazyWords;
        int k = slot << 1;
        if (c.lazyLens[slot] == len && words[k] == a && words[k + 1] == b) {
          return steps[slot];
        }
        Step step = Step.named("hash", name(s, e, false));
        steps[slot] = step;
        words[k] = a;
        words[k + 1] = b;
        c.lazyLens[slot] = len;
        return step;
      }
    }
    return Step.named("hash", name(s, e, false));
  }

  /**
   * Finds the end of the member name whose opening quote is at {@code i} and looks its step up:
   * returns the index after the closing quote (or -1 if the name is unterminated) and leaves in
   * {@link #memberStep} the step for the name decoded, or null for a name the policy cannot select
   * ({@link MaskRun#maySelectName}), which the scanner then pushes lazily.
   *
   * <p>Names repeat (arrays of like objects), so they are looked up in a small direct-mapped cache
   * keyed by their raw bytes before decoding: one question, one String and one Step per distinct
   * name instead of per member. A name of up to 16 bytes is its key exactly (its length and one or
   * two 8-byte words, the ones the search for its closing quote read), so a hit compares two longs
   * held in registers with two in the cache and reads the name no second time; a longer name is
   * keyed by its first and last words and compared byte for byte on a hit. Measured with CpuTime
   * json:1kb and json:100kb, see the commit (the name was hashed and compared from the input again
   * after its end was found).
   */
  private int memberName(int i) {
    int start = i + 1;
    if (start + 8 <= to) {
      long w = (long) LONGS.get(src, start);
      long m = zeroBytes2(w ^ QUOTES, w ^ BACKSLASHES);
      int at = Long.numberOfTrailingZeros(m) >>> 3; // 8 when none
      if (m != 0 && (byte) (w >>> (at << 3)) == '"') {
        // The common case: the whole name is in the first word.
        int end = start + at;
        if (at >= 3 && absentByPrefix((byte) w, (byte) (w >>> 8), (byte) (w >>> 16))) {
          memberStep = null;
          return end + 1;
        }
        return cachedStep(start, end, at == 0 ? 0 : w & -1L >>> (64 - (at << 3)), 0, false);
      }
      return longMemberName(start, m != 0 ? start + at : quoteOrBackslash(start + 8));
    }
    return longMemberName(start, quoteOrBackslash(start));
  }

  /**
   * {@link #memberName} past its inlined common case (a name within the first eight bytes):
   * for the name starting at {@code start} whose first quote or backslash is at {@code end}, or
   * -1 if there is none.
   */
  private int longMemberName(int start, int end) {
    boolean escaped = false;
    long a;
    long b = 0;
    if (end < 0) {
      return -1;
    }
    if (src[end] == '\\') {
      escaped = true;
      end = escapedNameEnd(end);
      if (end < 0) {
        return -1;
      }
    }
    int len = end - start;
    // An escaped name is never pushed lazily (lazyNames does not decode), so never judged here.
    if (!escaped && len >= 3 && absentByPrefix(src[start], src[start + 1], src[start + 2])) {
      memberStep = null;
      return end + 1;
    }
    if (len <= 8) {
      a = lowBytes(start, len);
    } else if (start + 8 <= src.length) {
      a = (long) LONGS.get(src, start);
      b = (long) LONGS.get(src, end - 8);
    } else {
      a = 0; // never: a name of more than 8 bytes has 8 bytes from its start within src
    }
    return cachedStep(start, end, a, b, escaped);
  }

  /**
   * Whether a name starting with the bytes {@code c0 c1 c2} is certainly none the policy could
   * select, by its prefix set ({@link NamePrefixes}): one probe, no call, no cache, for most names
   * of most bodies. Only names starting with three lower-case letters or digits are judged: their
   * first normalised characters are those bytes whatever follows. Measured with CpuTime json:1kb, see the commit.
   */
  private boolean absentByPrefix(byte c0, byte c1, byte c2) {
    long[] p = prefixes;
    if (p == null || (PLAIN[c0 & 0xFF] & PLAIN[c1 & 0xFF] & PLAIN[c2 & 0xFF]) == 0) {
      return false;
    }
    int bit = NamePrefixes.index((c0 * 31 + c1) * 31 + c2);
    return (p[bit >>> 6] & 1L << bit) == 0;
  }

  /** Non-zero for the bytes {@code a-z} and {@code 0-9}. */
  private static final byte[] PLAIN = new byte[256];

  static {
    for (int c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = 1;
    }
    for (int c = '0'; c <= '9'; c++) {
      PLAIN[c] = 1;
    }
  }

  /**
   * Whether the policy could select an array element ({@link MaskRun#maySelectIndexed}): when not,
   * elements are pushed but not asked about.
   */
  private final boolean elementsSelectable;

  /**
   * Whether the nested layers' pre-check may pass over digit texts that {@link
   * NestedLayers#inertDigits} clears: true when the scanner runs that pre-check itself and no rule
   * can select a {@code base64} step ({@link MaskRun#maySelectIndexed}), the one thing the nested
   * layers could still do with such a text. Most numbers that pass the pre-check (about one in
   * four without a fraction) were decoded as base64 for nothing.
   */
  private final boolean digitsInert;

  /** The policy's prefix set for member names ({@link MaskRun#namePrefixBits}), or null. */
  private final long[] prefixes;

  /** The first quote or backslash from {@code i}, eight bytes at a time; -1 if none. */
  private int quoteOrBackslash(int i) {
    while (i + 8 <= to) {
      long w = (long) LONGS.get(src, i);
      long m = zeroBytes2(w ^ QUOTES, w ^ BACKSLASHES);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    for (; i < to; i++) {
      if (src[i] == '"' || src[i] == '\\') {
        return i;
      }
    }
    return -1;
  }

  /** The closing quote of a name from its first backslash at {@code i}; -1 if unterminated. */
  private int escapedNameEnd(int i) {
    while (i < to) {
      byte c = src[i];
      if (c == '"') {
        return i;
      }
      i += c == '\\' ? 2 : 1;
    }
    return -1;
  }

  /** The {@code len} (at most 8) bytes from {@code start} as the low bytes of a long. */
  private long lowBytes(int start, int len) {
    if (len == 0) {
      return 0;
    }
    if (start + 8 <= src.length) {
      return (long) LONGS.get(src, start) & -1L >>> (64 - (len << 3));
    }
    long x = 0;
    for (int k = len - 1; k >= 0; k--) {
      x = x << 8 | (src[start + k] & 0xFF);
    }
    return x;
  }

  /**
   * {@link #memberName} for the name {@code src[start, end)} keyed by {@code a} and {@code b}:
   * sets {@link #memberStep} and returns {@code end + 1}.
   */
  private int cachedStep(int start, int end, long a, long b, boolean escaped) {
    int len = end - start;
    if (len > MAX_CACHED_NAME) {
      boolean selectable = escaped || run.maySelectName("hash", src, start, end);
      memberStep = selectable ? Step.named("hash", name(start, end, escaped)) : null;
      memberSlot = -1;
      return end + 1;
    }
    int slot = (int) (((a ^ Long.rotateLeft(b, 29)) + len) * 0x9E3779B97F4A7C15L >>> 58);
    if (nameSteps == null) {
      openNameCache();
    }
    int k = slot << 1;
    int m = slot * 3;
    // The length and words are the name exactly up to 16 bytes; longer names are compared too,
    // when this scan put them there (their start is in this input).
    if (nameMeta[m] == len + 1 && nameWords[k] == a && nameWords[k + 1] == b
        && (len <= 16 || nameMeta[m + 2] == nameStamp && sameBytes(nameMeta[m + 1], start, len))) {
      memberStep = nameSteps[slot];
      memberSlot = slot;
      return end + 1;
    }
    boolean selectable = escaped || run.maySelectName("hash", src, start, end);
    Step step = selectable ? Step.named("hash", name(start, end, escaped)) : null;
    nameSteps[slot] = step;
    nameAnswers[slot] = null;
    memberSlot = slot;
    nameWords[k] = a;
    nameWords[k + 1] = b;
    nameMeta[m] = len + 1;
    nameMeta[m + 1] = start;
    nameMeta[m + 2] = nameStamp;
    memberStep = step;
    return end + 1;
  }

  /**
   * Takes the member-name cache: the thread's, kept from its last scan when the run's policy is
   * the one it was filled under ({@link MaskRun#nameAnswersKey}: an immutable policy, whose
   * answers cannot change) and no other scan on this thread holds it (a nested layer's scan
   * inside this one), else a new one. Its three arrays were allocated and zeroed at the first
   * member of every body (about 1.8 KB; measured with CpuTime json:1kb, see the commit); a kept
   * cache also knows the names of the last body, which repeat in a stream of like reports.
   */
  private void openNameCache() {
    Object key = run.nameAnswersKey();
    NameCache c = key == null ? null : NAME_CACHES.get();
    if (c == null || c.lent) {
      c = new NameCache();
    } else {
      c.lent = true;
      heldCache = c;
      if (c.policy == null || c.policy.get() != key) {
        Arrays.fill(c.meta, 0); // another policy's answers
        c.policy = new WeakReference<>(key);
      }
      if (++c.stamp == 0) {
        Arrays.fill(c.meta, 0); // never mistake a long name of 2^32 scans ago for this scan's
        c.stamp = 1;
      }
    }
    nameSteps = c.steps;
    nameAnswers = c.answers;
    nameWords = c.words;
    nameMeta = c.meta;
    nameStamp = c.stamp;
  }

  /** Gives the thread's name cache back, if this scan took it; called once the scan is over. */
  private void releaseNameCache() {
    if (heldCache != null) {
      heldCache.lent = false;
      heldCache = null;
    }
  }

  /**
   * A member-name cache: per slot a step (null: a name the policy cannot select), two key words,
   * and the name's length plus one (0: empty), its start in the input that put it there and that
   * scan's stamp. Slots hold a policy's answers, which a long name's start does not outlive.
   */
  private static final class NameCache {
    final Step[] steps = new Step[NAME_CACHE_SIZE];
    /** Per slot: the policy's decision for the name, {@link #NO_ANSWER}, or null (not asked). */
    final Object[] answers = new Object[NAME_CACHE_SIZE];
    final long[] words = new long[NAME_CACHE_SIZE * 2];
    final int[] meta = new int[NAME_CACHE_SIZE * 3];
    /** The policy whose answers the slots hold; weak, so that a dropped policy is not kept. */
    WeakReference<Object> policy;
    int stamp;
    /** Whether a scan on this thread holds it. */
    boolean lent;
    /**
     * Steps of lazily pushed names ({@link #lazyStep}), made with the first: per slot a step, the
     * name's two key words and its length (0: empty). They depend on the name alone.
     */
    Step[] lazySteps;
    long[] lazyWords;
    int[] lazyLens;
  }

  private static final ThreadLocal<NameCache> NAME_CACHES =
      ThreadLocal.withInitial(NameCache::new);

  /** A name cache answer: the policy selected nothing. */
  private static final Object NO_ANSWER = new Object();

  /** The cache slot of the name {@link #memberName} last looked up, or -1 for an uncached one. */
  private int memberSlot = -1;
  /** The name cache's decisions (see NameCache). */
  private Object[] nameAnswers;
  /**
   * Whether the policy answers for a member from its name alone ({@link MaskRun#decidesByName}):
   * then each cached name is asked about once per cache life, not once per member.
   */
  private final boolean namesDecide;

  /**
   * The policy's decision for the member whose step was just pushed: the one kept for its name in
   * the name cache when the policy answers by name alone ({@link #namesDecide}), asked and kept
   * on the name's first member (measured with CpuTime json:dense1kb, see the commit).
   */
  private Decision decideMember() {
    int slot = memberSlot;
    if (!namesDecide || slot < 0) {
      return run.decide();
    }
    Object a = nameAnswers[slot];
    if (a == null) {
      Decision d = run.decide();
      nameAnswers[slot] = d == null ? NO_ANSWER : d;
      return d;
    }
    return a == NO_ANSWER ? null : (Decision) a;
  }

  /** The thread's name cache while this scan holds it, else null. */
  private NameCache heldCache;
  /** The stamp of this scan in its name cache. */
  private int nameStamp;

  /** The decoded member name; a name without backslashes is not searched for one again. */
  private String name(int start, int end, boolean escaped) {
    return escaped ? JsonEscapes.decode(src, start, end)
        : new String(src, start, end - start, StandardCharsets.UTF_8);
  }

  /** Whether {@code src[a, a + len)} equals {@code src[b, b + len)}. */
  private boolean sameBytes(int a, int b, int len) {
    return Arrays.equals(src, a, a + len, src, b, b + len);
  }

  private static Step elementStep(int index) {
    return index < ELEMENT_STEPS.length ? ELEMENT_STEPS[index] : Step.indexed("array", index);
  }

  /** What the policy's mask action sees: a string decoded, any other value as raw JSON text. */
  private String original(int vs, int ve) {
    if (src[vs] != '"') {
      return raw(vs, ve);
    }
    // The string's end was just found: whether it holds a backslash is known, so a plain one is
    // not searched for one again.
    return lastString == vs && !lastStringEscaped ? raw(vs + 1, ve - 1)
        : JsonEscapes.decode(src, vs + 1, ve - 1);
  }

  /** Whether the string content {@code src[s, e)} holds an escape. */
  private boolean escaped(int s, int e) {
    for (int i = s; i < e; i++) {
      if (src[i] == '\\') {
        return true;
      }
    }
    return false;
  }

  private String raw(int start, int end) {
    return new String(src, start, end - start, StandardCharsets.UTF_8);
  }

  // ---- lenient scan -----------------------------------------------------------------------------

  /**
   * Scans {@code src[copied, to)} for names followed by a colon, whatever the syntax around them,
   * and masks the value after each selected name. Names are found backwards from every colon, so a
   * stray quote (an apostrophe in a comment, an unterminated string) cannot hide a later name. The
   * double-quote string state is tracked forwards to write a bare value inside a string (the
   * {@code password: x} in {@code "evidence: password: x"}) in a form that keeps the string intact,
   * and to pass every double-quoted string that is not a name to the inspectors (nested layers,
   * detectors), as the strict scan does ({@link #inspectLenientString}).
   */
  private void lenient(String reason) {
    fellBack = true;
    run.markLenient();
    if (removals > 0) {
      replayStrictEdits();
    }
    materialize();
    run.popTo(base);
    run.push(JSON_DOC, null);
    run.fallback(reason);
    boolean inString = false;
    int open = -1; // the quote that opened the current string
    int contentAt = 0; // where that string's content starts in the output
    int i = Math.max(Math.max(copied, rewrittenTo), lo);
    while (i < to) {
      byte c = src[i];
      if (c == '"') {
        if (!inString) {
          open = i;
          contentAt = out.length() + (i + 1 - copied);
        } else if (inspecting) {
          inspectLenientString(open, i, contentAt);
        }
        inString = !inString;
      } else if (c == '\\' && inString) {
        i++;
      } else if (c == '\'' && !inString && inspecting && (backslashesBefore(i) & 1) == 0) {
        int next = inspectSingleQuoted(i);
        if (next > i) {
          i = next;
          continue;
        }
      } else if (c == ':') {
        int ve = maskAfterName(i, inString);
        if (ve > i) {
          // The string state after a masked value is the one before it: the mask holds no
          // unescaped quote, so a second pass over the output tracks the same state here, and
          // masking stays idempotent.
          i = ve;
          continue;
        }
      }
      i++;
    }
  }

  /**
   * Passes the content of the double-quoted string {@code src[open, close]} that the lenient scan
   * paired, unless it is a name (a colon follows), to the run's inspectors at the document's point
   * (the member's real path is unknown here), as the strict scan passes every unselected string: so
   * nested layers (XML, JSON, form, base64, percent-encoded) are decoded in invalid JSON too. A
   * rewrite is written escaped, without a raw quote, so the string pairs the same on a second pass.
   * When a selected {@code name: value} inside the string was already masked, the content as
   * written so far ({@code out} from {@code contentAt}) is what is inspected, and rewritten whole.
   */
  private void inspectLenientString(int open, int close, int contentAt) {
    int after = skipWs(close + 1);
    if (after < to && src[after] == ':') {
      return; // a name
    }
    int s = open + 1;
    if (copied <= open) {
      if (close == s) {
        return;
      }
      boolean esc = escaped(s, close);
      if (!(esc ? run.mayInspectJson(src, s, close) : run.mayInspect(src, s, close))) {
        return;
      }
      String original = JsonEscapes.decode(src, s, close);
      String replaced = run.inspect(original);
      if (replaced == null) {
        return;
      }
      rewrites++;
      int[] span = JsonStyle.changedSpan(src, s, close, original, replaced);
      if (span != null) {
        out.write(src, copied, span[0]);
        JsonEscapes.writeContent(out, replaced.substring(span[2], span[3]));
        copied = span[1];
      } else {
        out.write(src, copied, s);
        JsonEscapes.writeContent(out, replaced);
        copied = close;
      }
      return;
    }
    out.write(src, copied, close);
    copied = close;
    int n = out.length() - contentAt;
    if (n <= 0) {
      return;
    }
    byte[] content = new byte[n];
    boolean escape = false;
    for (int k = 0; k < n; k++) {
      byte b = out.at(contentAt + k);
      if (b == '"' && !escape) {
        return; // a mask written quoted inside: the pairing must not change
      }
      escape = b == '\\' && !escape;
      content[k] = b;
    }
    String replaced = run.inspect(JsonEscapes.decode(content, 0, n));
    if (replaced != null) {
      rewrites++;
      out.truncate(contentAt);
      JsonEscapes.writeContent(out, replaced);
    }
  }

  /**
   * Passes the content of the single-quoted string opened at {@code open} (outside any
   * double-quoted one) to the run's inspectors, as {@link #inspectLenientString} does for a
   * double-quoted one, and returns the index after its closing quote; or -1, leaving the bytes to
   * the lenient scan, when it is unterminated or holds a double quote or a colon (so that skipping
   * it hides no name and no double quote, and an apostrophe in prose pairs with little harm). A
   * name is skipped uninspected. A rewrite holding a quote or a colon, which would pair or read
   * differently on a second pass, is written as the redact token instead (fail closed).
   */
  private int inspectSingleQuoted(int open) {
    int close = closingQuote(open);
    if (close < 0) {
      return -1;
    }
    int s = open + 1;
    for (int k = s; k < close; k++) {
      if (src[k] == '"' || src[k] == ':') {
        return -1;
      }
    }
    int after = skipWs(close + 1);
    if (close == s || after < to && src[after] == ':') {
      return close + 1; // empty, or a name
    }
    boolean esc = escaped(s, close);
    if (!(esc ? run.mayInspectJson(src, s, close) : run.mayInspect(src, s, close))) {
      return close + 1;
    }
    String original = JsonEscapes.decode(src, s, close);
    String replaced = run.inspect(original);
    if (replaced == null) {
      return close + 1;
    }
    rewrites++;
    int[] span = JsonStyle.changedSpan(src, s, close, original, replaced);
    int bs = span == null ? s : span[0];
    int be = span == null ? close : span[1];
    String text = span == null ? replaced : replaced.substring(span[2], span[3]);
    out.write(src, copied, bs);
    int at = out.length();
    JsonEscapes.writeContent(out, text);
    for (int k = at; k < out.length(); k++) {
      byte b = out.at(k);
      if (b == '"' || b == '\'' || b == ':') {
        out.truncate(at - (bs - s));
        out.write(Actions.REDACT_TOKEN.getBytes(StandardCharsets.UTF_8));
        be = close;
        break;
      }
    }
    copied = be;
    return close + 1;
  }

  /**
   * Asks about the name before {@code colon}; if selected, masks the value after it and returns the
   * value's end, else returns -1.
   */
  private int maskAfterName(int colon, boolean inString) {
    String name = nameBefore(colon);
    if (name == null) {
      return -1;
    }
    run.push(Step.named("hash", name), name);
    try {
      Decision d = run.decide();
      int vs = skipWs(colon + 1);
      return d == null || vs >= to ? -1 : maskLenientValue(d, vs, inString);
    } finally {
      run.pop();
    }
  }

  /**
   * The decoded name that ends (before optional whitespace) at {@code colon}: a quoted name back to
   * its opening quote, or a run of bare-name bytes; null if there is none. A name whose quotes are
   * themselves escaped ({@code {\"password\": ...}}, JSON that was escaped into a string one to
   * three times) is found too and decoded once per layer.
   */
  private String nameBefore(int colon) {
    int k = colon - 1;
    while (k >= lo && isWs(src[k])) {
      k--;
    }
    if (k < lo) {
      return null;
    }
    byte q = src[k];
    if (q == '"' || q == '\'') {
      int m = backslashesBefore(k);
      int layers = escapeLayers(m);
      if (layers < 0) {
        return null;
      }
      // The search for the opening quote stops at the nearest quote of the same class (even
      // backslash count, or exactly m): gaps between such quotes are disjoint, so the lenient scan
      // stays linear however many colons follow quotes.
      for (int j = k - 1; j >= lo; j--) {
        if (src[j] == q) {
          int n = backslashesBefore(j);
          if (layers == 0 ? (n & 1) == 0 : n == m) {
            return decodeLayers(j + 1, layers == 0 ? k : k - m, layers);
          }
          j -= n;
        }
      }
      return null;
    }
    if (!isBare(q)) {
      return null;
    }
    int end = k + 1;
    while (k >= lo && isBare(src[k])) {
      k--;
    }
    return raw(k + 1, end);
  }

  /**
   * Layers of escaping shown by {@code m} backslashes before a quote: 0 for an even count (a real
   * quote), 1, 2 or 3 for 1, 3 or 7; -1 for any other odd count.
   */
  private static int escapeLayers(int m) {
    return switch (m) {
      case 1 -> 1;
      case 3 -> 2;
      case 7 -> 3;
      default -> (m & 1) == 0 ? 0 : -1;
    };
  }

  private String decodeLayers(int start, int end, int layers) {
    String s = JsonEscapes.decode(src, start, end);
    for (int l = 0; l < layers && s.indexOf('\\') >= 0; l++) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      s = JsonEscapes.decode(b, 0, b.length);
    }
    return s;
  }

  private int backslashesBefore(int j) {
    int n = 0;
    while (j - 1 - n >= lo && src[j - 1 - n] == '\\') {
      n++;
    }
    return n;
  }

  /**
   * Masks the value starting at {@code vs} after a selected name and returns its end. A quoted
   * value keeps its layer of escaping (a {@code \"x\"} value becomes {@code \"***\"}); a bare or
   * single-quoted value inside a double-quoted string stops at that string's end and is written
   * without quotes; anything else becomes a JSON string.
   */
  private int maskLenientValue(Decision d, int vs, boolean inString) {
    byte c = src[vs];
    int ve;
    int layers = 0;
    boolean quote = !inString;
    String original = null;
    String content = null; // a string's content when junk glued to it is masked with it
    int close = c == '"' || c == '\'' || c == '\\' ? closingQuote(vs) : -2;
    if (close >= 0 || close == -1) {
      if (c == '"' || c == '\\') {
        quote = true;
      }
      if (c == '\\') {
        layers = escapeLayers(close < 0 ? backslashesAt(vs) : backslashesBefore(close));
      }
      if (close == -1) {
        ve = to; // unterminated: mask to the end
      } else {
        ve = close + 1;
        // The value as the inner document holds it (what the sweep must hunt), not its escaped
        // quotes and escapes.
        int m = layers == 0 ? 0 : backslashesAt(vs);
        String decoded = layers == 0 ? JsonEscapes.decode(src, vs + 1, close)
            : decodeLayers(vs + m + 1, close - m, layers);
        if (!cleanEnd(ve)) {
          ve = bareEnd(ve, inString); // junk glued to the string is masked with it
          // The masked text is the quoted string with the junk: the sweep hunts the string's
          // content as well, which a client echoes without the quotes and the junk.
          content = decoded;
        } else {
          original = decoded;
        }
      }
    } else if (c == '{' || c == '[') {
      ve = lenientBracketEnd(vs);
      if (ve < to && !cleanEnd(ve)) {
        ve = bareEnd(ve, inString);
      }
    } else {
      ve = bareEnd(vs, inString);
    }
    if (ve == vs) {
      return vs; // no value here (`"password": ,`)
    }
    if (original == null) {
      original = raw(vs, ve);
    }
    String mask = run.mask(d, original);
    if (content != null) {
      run.huntPastLimit(d, content); // recorded for the sweep only: the note above covers it
    }
    if (c != '"' && c != '\'' && c != '\\' && c != '{' && c != '[' && mask.equals(original)) {
      // A bare value that already is its mask (written bare inside a string by a lenient scan,
      // then read again as a nested layer) stays as written: mask(mask(x)) == mask(x).
      return ve;
    }
    sink();
    out.write(src, copied, vs);
    if (!quote) {
      JsonEscapes.writeContent(out, mask);
    } else if (layers == 0) {
      JsonEscapes.writeQuoted(out, mask);
    } else {
      String q = "\"" + JsonEscapes.escape(mask) + "\"";
      for (int l = 0; l < layers; l++) {
        q = JsonEscapes.escape(q);
      }
      out.write(q.getBytes(StandardCharsets.UTF_8));
    }
    copied = ve;
    return ve;
  }

  private int backslashesAt(int i) {
    int n = 0;
    while (i + n < to && src[i + n] == '\\') {
      n++;
    }
    return n;
  }

  /**
   * Index of the quote closing the string opened at {@code i}. The opening may be a quote or an
   * escaped quote ({@code \"}, one to three layers); the closing quote then has the same number of
   * backslashes before it. Returns -1 if the string is unterminated, -2 if {@code i} opens none.
   */
  private int closingQuote(int i) {
    int m = 0;
    while (i + m < to && src[i + m] == '\\') {
      m++;
    }
    if (i + m >= to || escapeLayers(m) <= 0 && m > 0) {
      return -2;
    }
    byte q = src[i + m];
    if (q != '"' && q != '\'') {
      return -2;
    }
    if (m == 0) {
      for (int j = i + 1; j < to; j++) {
        byte c = src[j];
        if (c == '\\') {
          j++;
        } else if (c == q) {
          return j;
        }
      }
      return -1;
    }
    int run = 0;
    for (int j = i + m + 1; j < to; j++) {
      byte c = src[j];
      if (c == '\\') {
        run++;
      } else {
        if (c == q && run == m) {
          return j;
        }
        run = 0;
      }
    }
    return -1;
  }

  /**
   * End of the bracketed value at {@code i}: brackets of either kind counted, those inside double-
   * or single-quoted strings ignored. The end of the input if they never balance.
   */
  private int lenientBracketEnd(int i) {
    int depth = 0;
    while (i < to) {
      byte c = src[i];
      if (c == '"' || c == '\'') {
        int close = closingQuote(i);
        if (close < 0) {
          return to;
        }
        i = close + 1;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return to;
  }

  /**
   * Whether a value ending at {@code i} is followed (after spaces) by a delimiter, a comment
   * ({@code /*} or {@code //}) or the end. Any other junk glued to the value, a lone {@code /}
   * included, is masked with it, so that a second pass, which may see the mask as a bare value
   * running to the next delimiter, masks the same extent (idempotence; found by fuzzing).
   */
  private boolean cleanEnd(int i) {
    while (i < to && (src[i] == ' ' || src[i] == '\t')) {
      i++;
    }
    if (i >= to) {
      return true;
    }
    byte c = src[i];
    if (c == '/') {
      return i + 1 < to && (src[i + 1] == '*' || src[i + 1] == '/');
    }
    return c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r';
  }

  /**
   * End of a bare value from {@code i}: up to a comma, closing bracket or line end, trimmed; inside
   * a double-quoted string also up to the (unescaped) quote that ends it.
   */
  private int bareEnd(int i, boolean inString) {
    int j = i;
    while (j < to) {
      byte c = src[j];
      if (c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r') {
        break;
      }
      if (inString && c == '"') {
        break;
      }
      j += inString && c == '\\' ? 2 : 1;
    }
    j = Math.min(j, to);
    while (j > i && isWs(src[j - 1])) {
      j--;
    }
    return j;
  }

  private static boolean isBare(byte b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
        || b == '$' || b == '-' || b < 0;
  }

  // ---- output -----------------------------------------------------------------------------------

  private void sink() {
    if (out == null) {
      out = new ByteSink(to - from + 64);
    }
  }

  /**
   * Passes {@code src[copied, s)} to the output and returns the sink for what is written next in
   * place of input: {@link #out} in the lenient scan, {@link #ins} (with a new piece) before it.
   */
  private ByteSink copyTo(int s) {
    if (out != null) {
      out.write(src, copied, s);
      return out;
    }
    piece(s);
    if (ins == null) {
      ins = new ByteSink(64);
    }
    return ins;
  }

  /** Starts a piece of the strict scan's output: {@code src[copied, s)}, nothing written yet. */
  private void piece(int s) {
    written = true;
    int k = npieces * 3;
    if (k == pieces.length) {
      pieces = Arrays.copyOf(pieces, Math.max(24, k * 2));
    }
    pieces[k] = copied;
    pieces[k + 1] = s;
    pieces[k + 2] = ins == null ? 0 : ins.length();
    npieces++;
  }

  /** Passes {@code src[copied, s)} to the output, writing nothing after it. */
  private void removeTo(int s) {
    if (out != null) {
      out.write(src, copied, s);
    } else {
      piece(s);
      pieces[(npieces - 1) * 3 + 2] = REMOVED;
    }
  }

  /** A piece's written-bytes start standing for {@link #QUOTED_REDACT}. */
  private static final int REDACTED = -1;
  /** A piece's written-bytes start marking a removed member: nothing written. */
  private static final int REMOVED = -2;

  /** Per piece, the end in {@link #ins} of its written bytes (for the forward passes). */
  private int[] insEnds() {
    int[] ends = new int[npieces];
    int end = ins == null ? 0 : ins.length();
    for (int p = npieces - 1; p >= 0; p--) {
      int mark = pieces[p * 3 + 2];
      ends[p] = end;
      if (mark >= 0) {
        end = mark;
      }
    }
    return ends;
  }

  /**
   * {@link #writeMask} of the redact token in the strict scan: the piece refers to the shared
   * {@link #QUOTED_REDACT}.
   */
  private void writeRedact(int vs, int ve) {
    piece(vs);
    pieces[(npieces - 1) * 3 + 2] = REDACTED;
    copied = ve;
    if (!differs && !Arrays.equals(QUOTED_REDACT, 0, QUOTED_REDACT.length, src, vs, ve)) {
      differs = true;
    }
  }

  /**
   * The strict scan's output, {@link #pieces} then {@code src[copied, to)}, at exact size; filled
   * from the end, where each piece's written bytes end where the next one's start.
   */
  private byte[] assemble() {
    int n = npieces * 3;
    int wlen = ins == null ? 0 : ins.length();
    int size = to - copied + wlen;
    for (int k = 0; k < n; k += 3) {
      size += pieces[k + 1] - pieces[k] + (pieces[k + 2] == REDACTED ? QUOTED_REDACT.length : 0);
    }
    byte[] r = new byte[size];
    byte[] w = wlen == 0 ? null : ins.toByteArray();
    int at = size - (to - copied);
    System.arraycopy(src, copied, r, at, to - copied);
    int end = wlen;
    for (int k = n - 3; k >= 0; k -= 3) {
      int mark = pieces[k + 2];
      if (mark == REDACTED) {
        at -= QUOTED_REDACT.length;
        System.arraycopy(QUOTED_REDACT, 0, r, at, QUOTED_REDACT.length);
      } else if (mark != REMOVED) {
        if (end > mark) {
          at -= end - mark;
          System.arraycopy(w, mark, r, at, end - mark);
        }
        end = mark;
      }
      int len = pieces[k + 1] - pieces[k];
      at -= len;
      System.arraycopy(src, pieces[k], r, at, len);
    }
    return r;
  }

  /** Moves the strict scan's pieces into {@link #out}, for the lenient scan to write on. */
  private void materialize() {
    sink(); // from here on every write goes to out
    if (npieces == 0) {
      return;
    }
    byte[] w = ins == null ? null : ins.toByteArray();
    int[] ends = insEnds();
    int n = npieces * 3;
    for (int k = 0; k < n; k += 3) {
      out.write(src, pieces[k], pieces[k + 1]);
      if (pieces[k + 2] == REDACTED) {
        out.write(QUOTED_REDACT);
      } else if (pieces[k + 2] != REMOVED) {
        out.write(w, pieces[k + 2], ends[k / 3]);
      }
    }
    ins = null;
    npieces = 0;
  }

  /** The redact token as a quoted JSON string. */
  private static final byte[] QUOTED_REDACT =
      ('"' + Actions.REDACT_TOKEN + '"').getBytes(StandardCharsets.UTF_8);

  /** Replaces {@code src[vs, ve)} with {@code mask} written as a JSON string. */
  private void writeMask(int vs, int ve, String mask) {
    if (out == null && mask.equals(Actions.REDACT_TOKEN)) {
      writeRedact(vs, ve);
      return;
    }
    ByteSink w = copyTo(vs);
    int at = w.length();
    JsonEscapes.writeQuoted(w, mask);
    copied = ve;
    noteDifference(w, at, vs, ve);
  }

  /**
   * Sets {@link #differs} when the bytes written since {@code at} differ from {@code src[s, e)},
   * which they replace; so that a second pass needs no final comparison of the whole output with
   * the input (measured: see the commit that added it).
   */
  private void noteDifference(ByteSink w, int at, int s, int e) {
    if (differs) {
      return;
    }
    int n = w.length() - at;
    if (n != e - s) {
      differs = true;
      return;
    }
    for (int k = 0; k < n; k++) {
      if (w.at(at + k) != src[s + k]) {
        differs = true;
        return;
      }
    }
  }

  private int skipWs(int i) {
    while (i < to && isWs(src[i])) {
      i++;
    }
    return i;
  }

  private static boolean isWs(byte b) {
    // One comparison for the common case of a byte above the space.
    return b <= ' ' && (b == ' ' || b == '\n' || b == '\r' || b == '\t');
  }
}
