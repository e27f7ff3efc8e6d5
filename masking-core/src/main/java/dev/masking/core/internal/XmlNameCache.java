package dev.masking.core.internal;

import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;

/**
 * The {@code xml_tag} and {@code xml_attr} steps of recently seen UTF-8 names, kept across scans on
 * one thread: a SOAP service's element names repeat from request to request, so a scan reuses the
 * step (and its name String, whose hash the policy's name lookup has already computed) instead of
 * decoding the name again. Direct-mapped and bounded (256 entries of names up to 64 bytes); a hit
 * compares the bytes, so a colliding name is never taken for another. A slot also keeps the
 * policy's {@code maySelectName} answer for its name, valid only within the scan that asked (each
 * scan gets its own stamp from {@link #newScan}).
 *
 * <p>Not thread-safe: each thread uses its own instance through {@link #get()}; the steps it hands
 * out are immutable and stay valid after their entry is replaced.
 */
final class XmlNameCache {
  private static final int SIZE = 256;
  private static final int MAX_NAME = 64;
  private static final ThreadLocal<XmlNameCache> CACHE =
      ThreadLocal.withInitial(XmlNameCache::new);

  /** Per slot: the kind byte (0 tag, 1 attribute) followed by the name's bytes. */
  private final byte[][] keys = new byte[SIZE][];
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

  /** The hash of the name {@code src[s, e)} that {@link #step} takes. */
  static int hash(byte[] src, int s, int e) {
    int h = 0;
    for (int k = s; k < e; k++) {
      h = h * 31 + src[k];
    }
    return h;
  }

  /** Like {@link #step(String, boolean, byte[], int, int)}, with the name's {@link #hash}. */
  Step step(String parser, boolean attribute, byte[] src, int s, int e, int nameHash) {
    int slot = slot(parser, attribute, src, s, e, nameHash);
    return slot >= 0 ? steps[slot] : Step.named(parser, new String(src, s, e - s,
        StandardCharsets.UTF_8));
  }

  /**
   * The slot holding the step {@code parser NAME} for the UTF-8 name {@code src[s, e)} (with its
   * {@link #hash}), filled if it held another name; -1 for a name too long to cache.
   */
  int slot(String parser, boolean attribute, byte[] src, int s, int e, int nameHash) {
    int len = e - s;
    if (len > MAX_NAME) {
      return -1;
    }
    byte kind = attribute ? (byte) 1 : (byte) 0;
    int h = nameHash * 0x9E3779B1 + len * 31 + kind;
    int slot = (h ^ h >>> 16) & (SIZE - 1);
    byte[] key = keys[slot];
    if (key != null && key.length == len + 1 && key[0] == kind && same(key, src, s, len)) {
      return slot;
    }
    Step step = Step.named(parser, new String(src, s, len, StandardCharsets.UTF_8));
    byte[] k = new byte[len + 1];
    k[0] = kind;
    System.arraycopy(src, s, k, 1, len);
    keys[slot] = k;
    steps[slot] = step;
    askedIn[slot] = 0;
    return slot;
  }

  /** The step in {@code slot} (from {@link #slot}). */
  Step stepAt(int slot) {
    return steps[slot];
  }

  // The policy's answer to maySelectName for a slot's name, valid in the scan that asked: each
  // scan has its own stamp (a scan's run, and so its policy, is fixed).
  private final long[] askedIn = new long[SIZE];
  private final boolean[] selectable = new boolean[SIZE];
  private long lastStamp;

  /** A stamp for a new scan, never handed out before on this thread. */
  long newScan() {
    return ++lastStamp;
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

  /** A plain loop: names are short, and the vectorised compare costs more to call. */
  private static boolean same(byte[] key, byte[] src, int s, int len) {
    for (int k = 0; k < len; k++) {
      if (key[k + 1] != src[s + k]) {
        return false;
      }
    }
    return true;
  }
}
