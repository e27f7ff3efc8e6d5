package dev.masking.core.internal;

import dev.masking.core.Step;
import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code xml_tag} and {@code xml_attr} steps of recently seen UTF-8 names, kept across scans on
 * one thread: a SOAP service's element names repeat from request to request, so a scan reuses the
 * step (and its name String, whose hash the policy's name lookup has already computed) instead of
 * decoding the name again. Four-way set-associative and bounded (256 entries of names up to 64
 * bytes); a hit compares the bytes, so a colliding name is never taken for another. A slot also
 * keeps the policy's {@code maySelectName} answer for its name, valid only under the stamp of the
 * scan that asked ({@link #newScan}: one per scan, or one per stable policy).
 *
 * <p>Not thread-safe: each thread uses its own instance through {@link #get()}; the steps it hands
 * out are immutable and stay valid after their entry is replaced.
 */
final class XmlNameCache {
  private static final int SIZE = 256;
  /** Entries per set (a power of two). */
  private static final int WAYS = 4;
  private static final int MAX_NAME = 64;
  private static final ThreadLocal<XmlNameCache> CACHE =
      ThreadLocal.withInitial(XmlNameCache::new);

  /** Per slot: the name's length and kind ({@code (len << 1 | attribute) + 1}), 0 when empty. */
  private final int[] meta = new int[SIZE];
  /** Per slot: the name's first and last words (see {@link #hash}). */
  private final long[] wordA = new long[SIZE];
  private final long[] wordB = new long[SIZE];
  /** Per slot: the bytes of a name longer than 16 bytes, else null. */
  private final byte[][] longKeys = new byte[SIZE][];
  private final Step[] steps = new Step[SIZE];

  private XmlNameCache() {}

  /** This thread's cache. */
  static XmlNameCache get() {
    return CACHE.get();
  }

  /**
   * The step {@code parser NAME} for the UTF-8 name {@code src[s, e)}; {@code attribute} says
   * whether {@code parser} is {@code xml_attr} (true) or {@code xml_tag} (false).
   */
  Step step(String parser, boolean attribute, byte[] src, int s, int e) {
    return step(parser, attribute, src, s, e, hash(src, s, e));
  }

  /**
   * The hash of the name {@code src[s, e)} that {@link #step} takes: of its length and its first
   * and last eight bytes (two loads; a longer name's middle is left out, its bytes are compared on
   * a hit anyway).
   */
  static int hash(byte[] src, int s, int e) {
    int len = e - s;
    long h = firstWord(src, s, e) * 0x9E3779B97F4A7C15L
        + Long.rotateLeft(lastWord(src, s, e) * 0xC2B2AE3D27D4EB4FL, 29) + len;
    return (int) (h ^ h >>> 32);
  }

  /** The first eight bytes of {@code src[s, e)} as a little-endian long, zeros past its end. */
  private static long firstWord(byte[] src, int s, int e) {
    int len = e - s;
    if (len >= 8) {
      return (long) LONGS.get(src, s);
    }
    if (s + 8 <= src.length) {
      return len == 0 ? 0 : (long) LONGS.get(src, s) & -1L >>> (64 - (len << 3));
    }
    long a = 0;
    for (int k = e - 1; k >= s; k--) {
      a = a << 8 | (src[k] & 0xFF);
    }
    return a;
  }

  /** The last eight bytes of {@code src[s, e)} when it has eight or more, else 0. */
  private static long lastWord(byte[] src, int s, int e) {
    return e - s >= 8 ? (long) LONGS.get(src, e - 8) : 0;
  }

  /** Like {@link #step(String, boolean, byte[], int, int)}, with the name's {@link #hash}. */
  Step step(String parser, boolean attribute, byte[] src, int s, int e, int nameHash) {
    int slot = slot(parser, attribute, src, s, e, nameHash);
    return slot >= 0 ? steps[slot] : Step.named(parser, new String(src, s, e - s,
        StandardCharsets.UTF_8));
  }

  /**
   * The slot holding the step {@code parser NAME} for the UTF-8 name {@code src[s, e)} (with its
   * {@link #hash}), filled if it held another name; -1 for a name too long to cache. A name of up
   * to 16 bytes is its length and its first and last words exactly, compared in registers; a
   * longer one is also compared byte for byte.
   */
  int slot(String parser, boolean attribute, byte[] src, int s, int e, int nameHash) {
    int len = e - s;
    if (len > MAX_NAME) {
      return -1;
    }
    int m = (len << 1 | (attribute ? 1 : 0)) + 1;
    long a = firstWord(src, s, e);
    long b = lastWord(src, s, e);
    int h = nameHash * 0x9E3779B1 + m;
    // Four ways per set: the names of a document that meet in one set do not evict each other on
    // every scan (with two ways, three of the bench envelope's 23 names shared a set and two of
    // them were made again in every scan). A new name goes first, and the oldest is dropped.
    int slot = (h ^ h >>> 16) & (SIZE - WAYS);
    for (int o = slot; o < slot + WAYS; o++) {
      if (meta[o] == m && wordA[o] == a && wordB[o] == b
          && (len <= 16 || same(longKeys[o], 0, src, s, len))) {
        return o;
      }
    }
    for (int o = slot + WAYS - 1; o > slot; o--) {
      meta[o] = meta[o - 1];
      wordA[o] = wordA[o - 1];
      wordB[o] = wordB[o - 1];
      longKeys[o] = longKeys[o - 1];
      steps[o] = steps[o - 1];
      askedIn[o] = askedIn[o - 1];
      selectable[o] = selectable[o - 1];
    }
    meta[slot] = m;
    wordA[slot] = a;
    wordB[slot] = b;
    longKeys[slot] = len <= 16 ? null : Arrays.copyOfRange(src, s, e);
    steps[slot] = Step.named(parser, new String(src, s, len, StandardCharsets.UTF_8));
    askedIn[slot] = 0;
    return slot;
  }

  /** The step in {@code slot} (from {@link #slot}). */
  Step stepAt(int slot) {
    return steps[slot];
  }

  // The policy's answer to maySelectName for a slot's name, valid under the stamp that asked: a
  // scan whose policy may change its answers gets a stamp of its own (a scan's run, and so its
  // policy, is fixed); scans with the same stable policy share one, so that a document's names are
  // asked about once per thread and policy, not once per scan.
  private final long[] askedIn = new long[SIZE];
  private final boolean[] selectable = new boolean[SIZE];
  private long lastStamp;
  /** The stable policy and options {@link #stableStamp} belongs to (weakly held), or null. */
  private WeakReference<Object> stablePolicy;
  private WeakReference<Object> stableOptions;
  private long stableStamp;

  /**
   * A stamp for a new scan whose run has the stable policy {@code policy} ({@link
   * MaskRun#nameAnswersKey}) and the options {@code options}: the same as the last scan's with
   * those same two, else never handed out before on this thread; for a null {@code policy}, always
   * a new one.
   */
  long newScan(Object policy, Object options) {
    if (policy == null) {
      return ++lastStamp;
    }
    WeakReference<Object> p = stablePolicy;
    WeakReference<Object> o = stableOptions;
    if (p != null && p.get() == policy && o.get() == options) {
      return stableStamp;
    }
    stablePolicy = new WeakReference<>(policy);
    stableOptions = new WeakReference<>(options);
    stableStamp = ++lastStamp;
    return stableStamp;
  }

  // Namespace declaration values (the URIs of a document's vocabularies, which repeat from request
  // to request like its names) that the inspectors' pre-check ruled out, each valid under the stamp
  // of the scan that recorded it: a later scan under the same stable policy and options (so the
  // same inspectors, see MaskRun#stableInspectors) skips that pre-check. Only values the pre-check
  // said nothing could change are kept: direct-mapped, bounded, compared byte for byte.
  private static final int VALUES = 16;
  private static final int MAX_VALUE = 128;
  private final byte[][] values = new byte[VALUES][];
  private final long[] valueStamps = new long[VALUES];

  /** Whether {@code src[s, e)} was recorded by {@link #ruleOut} under {@code stamp}. */
  boolean ruledOut(long stamp, byte[] src, int s, int e) {
    int len = e - s;
    if (len > MAX_VALUE) {
      return false;
    }
    int slot = hash(src, s, e) & (VALUES - 1);
    byte[] v = values[slot];
    return v != null && valueStamps[slot] == stamp && v.length == len && same(v, 0, src, s, len);
  }

  /** Records that the inspectors' pre-check ruled out the value {@code src[s, e)}. */
  void ruleOut(long stamp, byte[] src, int s, int e) {
    if (e - s > MAX_VALUE) {
      return;
    }
    int slot = hash(src, s, e) & (VALUES - 1);
    values[slot] = Arrays.copyOfRange(src, s, e);
    valueStamps[slot] = stamp;
  }

  /** Whether the scan stamped {@code stamp} has recorded an answer for {@code slot}. */
  boolean asked(int slot, long stamp) {
    return askedIn[slot] == stamp;
  }

  /** The answer recorded for {@code slot} (valid when {@link #asked}). */
  boolean selectable(int slot) {
    return selectable[slot];
  }

  /** Records the answer of the scan stamped {@code stamp} for {@code slot}. */
  void answer(int slot, long stamp, boolean may) {
    askedIn[slot] = stamp;
    selectable[slot] = may;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Whether {@code a[ai, ai + len)} equals {@code b[bi, bi + len)}, eight bytes at a time: names
   * are short, and a call into the vectorised {@code Arrays.equals} costs more than the compare.
   */
  static boolean same(byte[] a, int ai, byte[] b, int bi, int len) {
    if (len < 8) {
      if (ai + 8 <= a.length && bi + 8 <= b.length) {
        long x = (long) LONGS.get(a, ai) ^ (long) LONGS.get(b, bi);
        return len == 0 || x << (64 - (len << 3)) == 0; // the low len bytes (little-endian)
      }
      for (int k = 0; k < len; k++) {
        if (a[ai + k] != b[bi + k]) {
          return false;
        }
      }
      return true;
    }
    int k = 0;
    for (; k + 8 <= len; k += 8) {
      if ((long) LONGS.get(a, ai + k) != (long) LONGS.get(b, bi + k)) {
        return false;
      }
    }
    // The last word overlaps the one before it.
    return k == len
        || (long) LONGS.get(a, ai + len - 8) == (long) LONGS.get(b, bi + len - 8);
  }
}
