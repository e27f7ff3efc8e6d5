package dev.masking.core.internal;

import dev.masking.core.detect.Detector;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The value detectors' engine: one pass over a value's characters, where a small table sends the
 * first character of each word (a digit, an upper-case letter, {@code e}, {@code g}, {@code x},
 * {@code s}, {@code r}) and the separators {@code @}, {@code :} and {@code -} to the check for the
 * shapes that start there. Every check reads a bounded window or skips past what it read, so a value costs time
 * linear in its length; there is no regular expression.
 *
 * <p>Immutable (which detectors are on) and thread-safe; found spans go to a caller-owned {@link
 * Spans}.
 */
public final class Detection {

  /** Spans found in one value: parallel arrays of start, end (exclusive) and detector. */
  public static final class Spans {
    int[] start = new int[4];
    int[] end = new int[4];
    Detector[] detector = new Detector[4];
    int size;

    void add(int s, int e, Detector d) {
      if (size == start.length) {
        start = Arrays.copyOf(start, size * 2);
        end = Arrays.copyOf(end, size * 2);
        detector = Arrays.copyOf(detector, size * 2);
      }
      start[size] = s;
      end[size] = e;
      detector[size] = d;
      size++;
    }

    /** Number of spans. */
    public int size() {
      return size;
    }

    /** Start of span {@code i}. */
    public int start(int i) {
      return start[i];
    }

    /** End (exclusive) of span {@code i}. */
    public int end(int i) {
      return end[i];
    }

    /** Detector of span {@code i}. */
    public Detector detector(int i) {
      return detector[i];
    }

    /** Forgets all spans. */
    public void clear() {
      size = 0;
    }
  }

  // Character classes: the separators that can start a secret, then (from DIGIT_OR_LETTER up)
  // the word characters, with the letters that start a token format told apart.
  private static final byte AT = 1;
  private static final byte COLON = 2;
  private static final byte DASH = 3;
  private static final byte DIGIT_OR_LETTER = 4;
  private static final byte LOWER = 4;
  private static final byte DIGIT = 5;
  private static final byte UPPER = 6;
  private static final byte LOWER_E = 7;
  private static final byte LOWER_G = 8;
  private static final byte LOWER_X = 9;
  private static final byte LOWER_SR = 10;
  private static final byte[] KIND = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      KIND[c] = LOWER;
    }
    for (char c = '0'; c <= '9'; c++) {
      KIND[c] = DIGIT;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      KIND[c] = UPPER;
    }
    KIND['@'] = AT;
    KIND[':'] = COLON;
    KIND['-'] = DASH;
    KIND['e'] = LOWER_E;
    KIND['g'] = LOWER_G;
    KIND['x'] = LOWER_X;
    KIND['s'] = LOWER_SR;
    KIND['r'] = LOWER_SR;
  }

  /** Shortest value any detector can match (an e-mail {@code a@b.co}). */
  static final int MIN_VALUE_LENGTH = 6;

  private final boolean[] on = new boolean[Detector.values().length];
  private final boolean digits;
  private final boolean upper;
  private final boolean lowerTokens;
  private final boolean iban;

  /** Shortest value the active detectors can find something in. */
  private final int minLength;

  /**
   * A text of fewer characters than this can hold only an e-mail address or URL userinfo (the
   * shortest text every other active detector matches is longer; see {@link #shortest}), both of
   * which hold an {@code @}; 0 when neither is on. Measured (see the commit): most values of the
   * json-api report past {@link #minLength} are words and names of 8 to 12 bytes ({@code
   * Springfield}, {@code newsletter}), which the default preset's detectors could find nothing
   * in but a URL password, and which took the whole table test.
   */
  private final int atOnlyBelow;

  /** Engines by the bit set of their detectors' ordinals, built on first use. */
  private static final java.util.concurrent.atomic.AtomicReferenceArray<Detection> SHARED =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(1 << Detector.values().length);

  /**
   * The engine running {@code detectors}, shared: an engine is immutable, so one per set of
   * detectors serves every masking call (a run used to build its own, tables included).
   */
  static Detection of(Iterable<Detector> detectors) {
    int bits = 0;
    for (Detector d : detectors) {
      bits |= 1 << d.ordinal();
    }
    Detection e = SHARED.get(bits);
    if (e == null) {
      e = new Detection(detectors);
      SHARED.set(bits, e); // a race builds an equal engine twice: harmless
    }
    return e;
  }

  /** An engine running the given detectors. */
  public Detection(Iterable<Detector> detectors) {
    int min = Integer.MAX_VALUE;
    for (Detector d : detectors) {
      on[d.ordinal()] = true;
      min = Math.min(min, shortest(d));
    }
    this.minLength = Math.max(min, MIN_VALUE_LENGTH);
    int other = Integer.MAX_VALUE;
    for (Detector d : detectors) {
      if (d != Detector.EMAIL && d != Detector.URL_PASSWORD) {
        other = Math.min(other, shortest(d));
      }
    }
    this.atOnlyBelow = is(Detector.EMAIL) || is(Detector.URL_PASSWORD) ? other : 0;
    digits = is(Detector.CARD) || is(Detector.US_SSN);
    upper = is(Detector.IBAN) || is(Detector.AWS_ACCESS_KEY) || is(Detector.GOOGLE_API_KEY);
    iban = is(Detector.IBAN);
    lowerTokens = is(Detector.JWT) || is(Detector.GITHUB_TOKEN) || is(Detector.SLACK_TOKEN)
        || is(Detector.STRIPE_KEY);
    digitsNeeded = initTriggers();
    initNeeded();
    initQuick();
  }

  /** The shortest text {@code d} can match (a lower bound). */
  private static int shortest(Detector d) {
    switch (d) {
      case CARD:
      case IBAN:
        return 13;
      case US_SSN:
        return 11;
      case JWT:
        return 16;
      case PRIVATE_KEY:
        return 30;
      case URL_PASSWORD:
        return 8; // a://:p@h
      case AWS_ACCESS_KEY:
        return 20;
      case SLACK_TOKEN:
        return 15;
      case STRIPE_KEY:
        return 24;
      case GITHUB_TOKEN:
      case GOOGLE_API_KEY:
        return 33;
      default:
        return MIN_VALUE_LENGTH;
    }
  }

  // Pre-check triggers: what a byte must be (with what follows it) for an active detector to be
  // able to start a span there.
  /** A bit of its own: masked off where no digit run can be long enough. */
  private static final byte T_DIGIT = 16;
  private static final byte T_UPPER = 2;
  private static final byte T_AT = 3;
  private static final byte T_COLON = 4;
  private static final byte T_DASH = 5;
  private static final byte T_E = 6;
  private static final byte T_G = 7;
  private static final byte T_X = 8;
  private static final byte T_SR = 9;
  /** The triggers but {@link #T_DIGIT}. */
  private static final int NOT_DIGIT = 15;

  /** Per ASCII byte: the trigger it may start for the active detectors, or 0. */
  private final byte[] trigger = new byte[128];

  /** Digits a value needs in all for the active digit detectors (cards 13, SSNs 9). */
  private final int digitsNeeded;

  /**
   * Per byte: whether some active detector's shapes all hold it (see {@link #lacksEveryShape});
   * only bytes 0x40..0x5f and {@code x} may be set.
   */
  private final boolean[] needed = new boolean[256];

  /**
   * Bit of {@link #QUICK}: an ASCII digit (counted; against {@link #digitsNeeded}, which no count
   * reaches when no digit detector is on).
   */
  private static final int Q_DIGIT = 1;
  // The other bits of QUICK: bytes a shape holds, each shape needing all the bits of its group.
  private static final int Q_AT = 1 << 1; // e-mail, URL userinfo
  private static final int Q_UNDERSCORE = 1 << 2; // gh?_, github_pat_, sk_live_, rk_live_
  private static final int Q_J = 1 << 3; // eyJ
  private static final int Q_Y = 1 << 4; // eyJ
  private static final int Q_B = 1 << 5; // -----BEGIN
  private static final int Q_DASH = 1 << 6; // -----BEGIN, xox?-
  private static final int Q_X = 1 << 7; // xox?-
  private static final int Q_A = 1 << 8; // AKIA, ASIA, AIza
  private static final int Q_KSI = 1 << 9; // AKIA, ASIA, AIza
  private static final int Q_UPPER = 1 << 10; // an IBAN's country code
  private static final int Q_BITS = 11;

  /**
   * Per byte: {@link #Q_DIGIT} for an ASCII digit and the bits of the bytes the shapes hold, for
   * {@link #quickLacks}: one table read per byte; the shapes a value may hold are then read from
   * {@link #quickShapes} by the bits seen. The same for every engine (the active detectors are
   * told by {@link #quickShapes} and {@link #digitsNeeded}), so a static final table of 256
   * entries: read by a byte's value ({@code & 0xff}), it needs no bounds check in the loops.
   * Measured (see the commit): a per-engine table was bounds-checked at every byte.
   */
  private static final char[] QUICK = new char[256];

  static {
    quickBit('@', Q_AT);
    quickBit('_', Q_UNDERSCORE);
    quickBit('J', Q_J);
    quickBit('y', Q_Y);
    quickBit('B', Q_B);
    quickBit('-', Q_DASH);
    quickBit('x', Q_X);
    quickBit('A', Q_A);
    quickBit('K', Q_KSI);
    quickBit('S', Q_KSI);
    quickBit('I', Q_KSI);
    for (char c = 'A'; c <= 'Z'; c++) {
      quickBit(c, Q_UPPER);
    }
    for (char c = '0'; c <= '9'; c++) {
      quickBit(c, Q_DIGIT);
    }
  }

  private static void quickBit(char c, int bit) {
    QUICK[c] |= (char) bit;
  }

  /**
   * By the bits of {@link #QUICK} seen in a value (without {@link #Q_DIGIT}, shifted down by one):
   * whether every byte of some active shape's group is among them (the bits of inactive groups
   * are read but answer nothing). A shape holds each byte of its
   * group: {@code @} (e-mail, URL userinfo), {@code _} (the GitHub and Stripe prefixes), {@code J}
   * and {@code y} ({@code eyJ}), {@code B} and {@code -} ({@code -----BEGIN }), {@code x} and
   * {@code -} ({@code xox?-}), {@code A} and one of {@code K S I} ({@code AKIA}, {@code ASIA},
   * {@code AIza}), an upper-case letter (an IBAN's country code).
   */
  private final boolean[] quickShapes = new boolean[1 << (Q_BITS - 1)];

  private void initQuick() {
    int[] groups = new int[Detector.values().length];
    int g = 0;
    if (is(Detector.EMAIL) || is(Detector.URL_PASSWORD)) {
      groups[g++] = Q_AT;
    }
    if (is(Detector.GITHUB_TOKEN) || is(Detector.STRIPE_KEY)) {
      groups[g++] = Q_UNDERSCORE;
    }
    if (is(Detector.JWT)) {
      groups[g++] = Q_J | Q_Y;
    }
    if (is(Detector.PRIVATE_KEY)) {
      groups[g++] = Q_B | Q_DASH;
    }
    if (is(Detector.SLACK_TOKEN)) {
      groups[g++] = Q_X | Q_DASH;
    }
    if (is(Detector.AWS_ACCESS_KEY) || is(Detector.GOOGLE_API_KEY)) {
      groups[g++] = Q_A | Q_KSI;
    }
    if (iban) {
      groups[g++] = Q_UPPER;
    }
    for (int bits = 0; bits < quickShapes.length; bits++) {
      int seen = bits << 1;
      for (int k = 0; k < g; k++) {
        if ((seen & groups[k]) == groups[k]) {
          quickShapes[bits] = true;
        }
      }
    }
  }

  private void initNeeded() {
    if (is(Detector.EMAIL) || is(Detector.URL_PASSWORD)) {
      needed['@'] = true;
    }
    if (is(Detector.PRIVATE_KEY)) {
      needed['B'] = true;
    }
    if (is(Detector.JWT)) {
      needed['J'] = true;
    }
    if (is(Detector.GITHUB_TOKEN) || is(Detector.STRIPE_KEY)) {
      needed['_'] = true;
    }
    if (is(Detector.SLACK_TOKEN)) {
      needed['x'] = true;
    }
    if (is(Detector.AWS_ACCESS_KEY) || is(Detector.GOOGLE_API_KEY)) {
      needed['A'] = true;
    }
    if (iban) {
      for (char c = 'A'; c <= 'Z'; c++) {
        needed[c] = true;
      }
    }
  }

  private int initTriggers() {
    int need = Integer.MAX_VALUE;
    if (is(Detector.CARD)) {
      need = 13;
    }
    if (is(Detector.US_SSN)) {
      need = 9;
    }
    if (need != Integer.MAX_VALUE) {
      for (char c = '0'; c <= '9'; c++) {
        trigger[c] = T_DIGIT;
      }
    }
    if (upper) {
      for (char c = 'A'; c <= 'Z'; c++) {
        trigger[c] = T_UPPER;
      }
    }
    if (is(Detector.EMAIL)) {
      trigger['@'] = T_AT;
    }
    if (is(Detector.URL_PASSWORD)) {
      trigger[':'] = T_COLON;
    }
    if (is(Detector.PRIVATE_KEY)) {
      trigger['-'] = T_DASH;
    }
    if (is(Detector.JWT)) {
      trigger['e'] = T_E;
    }
    if (is(Detector.GITHUB_TOKEN)) {
      trigger['g'] = T_G;
    }
    if (is(Detector.SLACK_TOKEN)) {
      trigger['x'] = T_X;
    }
    if (is(Detector.STRIPE_KEY)) {
      trigger['s'] = T_SR;
      trigger['r'] = T_SR;
    }
    // The pair table: what byte x followed by byte y may start. A digit run counts only after a
    // byte that is no ASCII letter or digit (a word start); the others by their second byte.
    for (int x = 0; x < 256; x++) {
      for (int y = 0; y < 256; y++) {
        byte t = 0;
        if (x < 128) {
          switch (trigger[x]) {
            case T_UPPER -> t = y >= 'A' && y <= 'Z'
                && (iban || x == 'A' && (y == 'K' || y == 'S' || y == 'I')) ? T_UPPER : 0;
            case T_AT -> t = T_AT;
            case T_COLON -> t = y == '/' ? T_COLON : 0;
            case T_DASH -> t = y == '-' ? T_DASH : 0;
            case T_E -> t = y == 'y' ? T_E : 0;
            case T_G -> t = y == 'h' || y == 'i' ? T_G : 0; // gh..., github_pat_
            case T_X -> t = y == 'o' ? T_X : 0;
            case T_SR -> t = y == 'k' ? T_SR : 0;
            default -> t = 0;
          }
        }
        if (t == 0 && need != Integer.MAX_VALUE && y >= '0' && y <= '9'
            && !isAsciiAlnum((byte) x)) {
          t = T_DIGIT;
        }
        pairs[y << 8 | x] = t; // as a little-endian 16-bit read of x, y
      }
    }
    return need;
  }

  /** Reads bytes {@code b[i]} and {@code b[i + 1]} as {@code b[i + 1] << 8 | b[i]}. */
  private static final VarHandle PAIR =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** Per byte pair x, y (as {@code y << 8 | x}): the trigger it may start, or 0. */
  private final byte[] pairs = new byte[1 << 16];

  /**
   * Whether {@link #find} could find a span in the text whose UTF-8 encoding is exactly {@code
   * b[from, to)}, decided on the bytes: false only when it certainly finds none. Every shape
   * starts with an ASCII sequence this looks for ({@code @}; {@code ://} with an {@code @} before
   * the authority ends; {@code -----BEGIN }; {@code eyJ}; {@code gh[pousr]_} or {@code
   * github_pat_}; {@code xox[abposr]-}; {@code sk_live_}/{@code rk_live_}; {@code AK}/{@code
   * AS}/{@code AI}; two upper-case letters and two digits when IBANs are on), or is a card or
   * SSN: 9 or 13 digits in one run of digits, spaces
   * and dashes that starts at a word start (a digit run that follows a letter starts no word, and
   * {@link #find} only tries numbers at word starts). UTF-8 keeps ASCII characters and their
   * order, and a non-ASCII character (bytes of 0x80 and up) is no letter or digit there either.
   *
   * <p>Measured (json-100k of DetectorsBenchmark): UUIDs (many digits in all, none in a card-shaped
   * run) and URLs without userinfo were most of the values handed to {@link #find}.
   */
  boolean mayFind(byte[] b, int from, int to) {
    if (to - from < minLength) {
      return false; // at least as many bytes as characters
    }
    int n = to - from;
    if (n < atOnlyBelow && asciiWithoutAt(b, from, to)) {
      // As many characters as bytes, too few for any shape without an '@', and no '@'. Only for
      // ASCII text, so that the string and JSON tests, which read a text's characters one byte
      // each, answer as this one on its UTF-8 (DetectionPrecheckTest).
      return false;
    }
    return mayFindPastLength(b, from, to);
  }

  /** {@link #mayFind(byte[], int, int)} past its length tests. */
  private boolean mayFindPastLength(byte[] b, int from, int to) {
    int n = to - from;
    if (n <= QUICK_MAX && quickLacks(b, from, to)) {
      return false;
    }
    return mayFindPast(b, from, to);
  }

  private static final long ATS = 0x4040404040404040L;

  /**
   * Whether {@code b[from, to)} is ASCII without an {@code @}, eight bytes at a time where it has
   * eight (the last eight overlap the ones before: no byte is missed).
   */
  private static boolean asciiWithoutAt(byte[] b, int from, int to) {
    if (to - from < 8) {
      for (int i = from; i < to; i++) {
        if (b[i] == '@' || b[i] < 0) {
          return false;
        }
      }
      return true;
    }
    long zeros = 0;
    long high = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) EIGHT.get(b, i);
      long x = w ^ ATS;
      zeros |= (x - LOW) & ~x;
      high |= w;
    }
    if (i < to) {
      long w = (long) EIGHT.get(b, to - 8);
      long x = w ^ ATS;
      zeros |= (x - LOW) & ~x;
      high |= w;
    }
    // A zero byte (an '@') always sets its own high bit in zeros; a false one can only follow a
    // true one (a borrow), so zeros has a high bit exactly when some byte is an '@'.
    return ((zeros | high) & HIGH) == 0;
  }

  /** Values of at most this many bytes are tried with {@link #quickLacks} first. */
  private static final int QUICK_MAX = 64;

  /**
   * Whether {@code b[from, to)} holds fewer digits than the active digit detectors need and not
   * every byte of any active shape's group ({@link #quickShapes}): then no active shape is in it,
   * and the tests after this one would answer false as well (each of their yes answers needs the
   * digits or a group's bytes). One table read per byte and no branch but the loop's; its answer
   * is the same for a string's UTF-8 bytes and for its ISO-8859-1 bytes ({@link
   * #mayFind(String, byte[][])}), as no byte of 0x80 and up is in a group. Measured (see the
   * commit): about 40% less than the eight-byte test on the values of the json-api report alone,
   * which read upper-case letters one by one ({@code B}, {@code A}: most words of a name or a
   * place); most values stop here.
   */
  private boolean quickLacks(byte[] b, int from, int to) {
    char[] q = QUICK;
    int digits = 0;
    int any = 0;
    for (int i = from; i < to; i++) {
      int t = q[b[i] & 0xff];
      digits += t & Q_DIGIT;
      any |= t;
    }
    return digits < digitsNeeded && !quickShapes[any >>> 1];
  }

  /**
   * Copies the characters {@code s[from, to)} to {@code dst} as bytes (each one's low eight bits,
   * from index 0) and gathers {@link #quickLacks}' counts on the way: -1 when a character is not
   * ASCII, else the digits times 2^16 plus the bits seen, for {@link #quickLacks(long)}. For an
   * ASCII text the bytes written are its UTF-8 encoding, and the counts are those {@link
   * #quickLacks(byte[], int, int)} gathers on them (each byte reads its own table entry): the copy
   * a text's byte pre-checks need anyway and this engine's table test in one pass. Measured (an
   * isolated harness on the json-api report's header values, see the commit): the copy and the
   * table loop after it cost about a third more than this.
   */
  static long copyQuick(String s, int from, int to, byte[] dst) {
    char[] q = QUICK;
    int n = to - from;
    int seen = 0;
    int digits = 0;
    int any = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(from + i);
      seen |= c;
      dst[i] = (byte) c;
      int t = q[c & 0xff];
      digits += t & Q_DIGIT;
      any |= t;
    }
    return seen >= 0x80 ? -1 : (long) digits << 16 | any;
  }

  /**
   * {@link #quickLacks(byte[], int, int)}'s answer from the counts {@link #copyQuick} gathered
   * (not -1): when true and the text has at most {@link #QUICK_MAX} bytes, {@link
   * #mayFind(byte[], int, int)} answers false for it.
   */
  boolean quickLacks(long gathered) {
    return (int) (gathered >>> 16) < digitsNeeded && !quickShapes[((int) gathered & 0xffff) >>> 1];
  }

  /** The longest text {@link #quickLacks(long)} may rule out. */
  static int quickMax() {
    return QUICK_MAX;
  }

  /** {@link #mayFind(byte[], int, int)} past its length test and {@link #quickLacks}. */
  private boolean mayFindPast(byte[] b, int from, int to) {
    if (to - from >= 8 && lacksEveryShape(b, from, to)) {
      return false;
    }
    byte[] p = pairs;
    int i = from;
    if (digitsNeeded != Integer.MAX_VALUE && b[from] >= '0' && b[from] <= '9'
        && from + digitsNeeded <= to && digitOrSeparator(b[from + digitsNeeded - 1])) {
      i = digitRun(b, from, to);
      if (i < 0) {
        return true;
      }
    }
    int last = to - 1;
    // A digit run from i + 1 needs digitsNeeded bytes, so digit triggers count only before this
    // (measured: most numbers in values stand near their end, and stopped the loop).
    int digitsEnd = Math.min(last, to - digitsNeeded);
    int nextAt = -1; // the first '@' at or after where it was last looked for, or to
    while (true) {
      int t = 0;
      // Most byte pairs start nothing: one table read each, no branch taken (measured: a table
      // of single bytes stopped at every digit and at every e, g, r, s and x).
      // One 16-bit read per pair (measured: 41 -> 33 us for the pair loop alone over the values
      // of json-100k, against two byte reads).
      while (i < digitsEnd && (t = p[(short) PAIR.get(b, i) & 0xffff]) == 0) {
        i++;
      }
      if (i >= digitsEnd) {
        while (i < last && (t = p[(short) PAIR.get(b, i) & 0xffff] & NOT_DIGIT) == 0) {
          i++;
        }
        if (i >= last) {
          return false;
        }
      }
      switch (t) {
        case T_DIGIT: {
          // The run needs digitsNeeded bytes of digits and separators from i + 1: most numbers
          // are shorter, and cost one byte's test.
          int far = i + digitsNeeded;
          if (far >= to || !digitOrSeparator(b[far])) {
            break;
          }
          i = digitRun(b, i + 1, to);
          if (i < 0) {
            return true;
          }
          continue;
        }
        case T_UPPER:
          if (b[i] == 'A' && (b[i + 1] == 'K' || b[i + 1] == 'S' || b[i + 1] == 'I')
              || iban && i + 3 < to && b[i + 2] >= '0' && b[i + 2] <= '9' && b[i + 3] >= '0'
              && b[i + 3] <= '9') {
            return true; // AKIA, ASIA, AIza; an IBAN's country code and check digits
          }
          break;
        case T_AT:
          return true;
        case T_COLON:
          if (i + 2 < to && b[i + 2] == '/') {
            // URL userinfo needs an '@' before the authority ends (as urlAt reads it): the next
            // '@' is looked for first (most URLs have none after them), then whether the
            // authority reaches it. Linear: the '@' is looked for from further on each time,
            // and the authorities after two "://" are disjoint, as '/' ends one.
            if (nextAt < i + 3) {
              nextAt = i + 3;
              while (nextAt < to && b[nextAt] != '@') {
                nextAt++;
              }
            }
            if (nextAt < to && authorityReaches(b, i + 3, nextAt)) {
              return true;
            }
          }
          break;
        case T_DASH:
          if (startsWith(b, i, to, "-----BEGIN ")) {
            return true;
          }
          break;
        case T_E:
          if (i + 2 < to && b[i + 2] == 'J') {
            return true; // eyJ
          }
          break;
        case T_G:
          if (b[i + 1] == 'h' && i + 3 < to && isGithubKind(b[i + 2]) && b[i + 3] == '_'
              || startsWith(b, i, to, "github_pat_")) {
            return true; // gh[pousr]_, github_pat_
          }
          break;
        case T_X:
          if (i + 4 < to && b[i + 2] == 'x' && isSlackKind(b[i + 3]) && b[i + 4] == '-') {
            return true; // xox[abposr]-
          }
          break;
        default: // T_SR
          if (startsWith(b, i + 1, to, "k_live_")) {
            return true;
          }
          break;
      }
      i++;
    }
  }

  /**
   * Whether the byte at {@code j} is one some active shape needs: a byte of {@link #needed}, and
   * for {@code x}, {@code A} and {@code B} (unless IBANs are on) only where {@code xox}, {@code
   * A[KSI]} and {@code BEGIN } start (measured: the x of "example" sent every URL to the pair
   * loop), for {@code J} and {@code _} only where {@code eyJ} and a GitHub or Stripe prefix
   * ({@code gh[pousr]_}, {@code github_}, {@code sk_}, {@code rk_}) within the text {@code
   * b[from, to)} end, which is where {@link #mayFindPast}'s triggers read them.
   */
  private boolean neededAt(byte[] b, int from, int j, int to) {
    int c = b[j] & 0xff;
    if (!needed[c]) {
      return false;
    }
    if (iban) {
      return true;
    }
    switch (c) {
      case 'x':
        return j + 2 < to && b[j + 1] == 'o' && b[j + 2] == 'x';
      case 'A':
        return j + 1 < to && (b[j + 1] == 'K' || b[j + 1] == 'S' || b[j + 1] == 'I');
      case 'B':
        return startsWith(b, j, to, "BEGIN ");
      case 'J':
        return j - from >= 2 && b[j - 2] == 'e' && b[j - 1] == 'y'; // eyJ
      case '_':
        // Where mayFindPast's GitHub and Stripe triggers would read it: gh[pousr]_, github_pat_,
        // sk_live_, rk_live_ (measured: the '_' of "Not_A Brand" in a Sec-CH-UA header sent it
        // to the pair loop).
        return j - from >= 3 && b[j - 3] == 'g' && b[j - 2] == 'h' && isGithubKind(b[j - 1])
            || j - from >= 6 && startsWith(b, j - 6, j, "github")
            || j - from >= 2 && (b[j - 2] == 's' || b[j - 2] == 'r') && b[j - 1] == 'k';
      default:
        return true;
    }
  }

  private static final long HIGH = 0x8080808080808080L;
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

  /** Reads eight bytes of a byte array as a little-endian long. */
  private static final VarHandle EIGHT =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Whether the text {@code b[from, to)} (at least 8 bytes) holds none of the bytes every shape of
   * the active detectors needs, eight bytes at a time: fewer digits than a card or SSN has (or, in
   * a value of at most 64 bytes, no run of them long enough from a word start: {@link
   * #lacksEveryShapeUpTo64}), and no
   * byte of {@link #needed} ({@code @} for e-mail and URL userinfo, {@code B} of {@code BEGIN},
   * {@code J} of {@code eyJ}, {@code _} of the GitHub and Stripe prefixes, {@code x} of {@code
   * xox}, {@code A} of {@code AKIA}, {@code ASIA} and {@code AIza}, any upper-case letter for an
   * IBAN's country). Exact per byte, non-ASCII bytes included. Measured on json-100k of
   * DetectorsBenchmark: most values (order ids, timestamps, notes, URLs without userinfo, and
   * UUIDs since the run test) stop here for about a third of the pair loop's cost.
   */
  private boolean lacksEveryShape(byte[] b, int from, int to) {
    int n = to - from;
    if (n <= 64) {
      return lacksEveryShapeUpTo64(b, from, to);
    }
    int digits = 0;
    int i = from;
    long tailMask = -1L;
    while (true) {
      if (i + 8 > to) {
        // The last eight bytes, the ones already read masked off for the digit count.
        tailMask = -1L << ((i - (to - 8)) << 3);
        i = to - 8;
      }
      long w = (long) EIGHT.get(b, i);
      long v = w ^ 0x3030303030303030L; // a digit is 0..9 here
      digits += Long.bitCount(~(((v & LOW7) + 0x7676767676767676L) | v) & HIGH & tailMask);
      if (digits >= digitsNeeded) {
        return false;
      }
      // Bytes 0x40..0x5f ('@', upper case, '_') or 'x': then the exact test, byte by byte.
      long r = (w & 0xe0e0e0e0e0e0e0e0L) ^ 0x4040404040404040L;
      long x = w ^ 0x7878787878787878L;
      long maybe = ~((((r & LOW7) + LOW7) | r) & (((x & LOW7) + LOW7) | x)) & HIGH;
      while (maybe != 0) {
        if (neededAt(b, from, i + (Long.numberOfTrailingZeros(maybe) >>> 3), to)) {
          return false;
        }
        maybe &= maybe - 1;
      }
      i += 8;
      if (i >= to) {
        return true;
      }
    }
  }

  /**
   * {@link #lacksEveryShape} for 8 to 64 bytes (measured: most values), in one loop: the digits
   * are gathered as one bit per byte (a 64-bit mask), counted once at the end and, when there
   * are enough, tested for a run long enough from a word start ({@link #noDigitShape}; measured:
   * UUIDs went on to the pair loop); the bytes some shape needs are flagged with the borrow test
   * (cheaper than an exact one, and a byte it flags wrongly is tested exactly by {@link
   * #neededAt}).
   */
  private boolean lacksEveryShapeUpTo64(byte[] b, int from, int to) {
    int n = to - from;
    long digit = 0;
    for (int k = 0; ; k += 8) {
      int at = Math.min(k, n - 8); // the last eight bytes read again: their bits are the same
      long w = (long) EIGHT.get(b, from + at);
      long v = w ^ 0x3030303030303030L; // a digit is 0..9 here
      long d = ~(((v & LOW7) + 0x7676767676767676L) | v) & HIGH;
      digit |= ((d >>> 7) * 0x0102040810204080L >>> 56) << at; // bit j: byte from + j
      // Bytes 0x40..0x5f ('@', upper case, '_') or 'x', and maybe the byte after an 'x' or a
      // byte 0x40 (a borrow): then the exact test, byte by byte.
      long r = (w & 0xe0e0e0e0e0e0e0e0L) ^ 0x4040404040404040L;
      long x = w ^ 0x7878787878787878L;
      long maybe = ((r - LOW) & ~r | (x - LOW) & ~x) & HIGH;
      while (maybe != 0) {
        if (neededAt(b, from, from + at + (Long.numberOfTrailingZeros(maybe) >>> 3), to)) {
          return false;
        }
        maybe &= maybe - 1;
      }
      if (k + 8 >= n) {
        break;
      }
    }
    return Long.bitCount(digit) < digitsNeeded || noDigitShape(b, from, to, digit);
  }

  private static final long LOW = 0x0101010101010101L;

  /**
   * Whether the text {@code b[from, to)} (8 to 64 bytes) holds no digit run a card or an SSN
   * could take: from no word start (a digit after no ASCII letter or digit, as {@link #mayFind}'s
   * digit trigger and {@link #find} take it) do {@link #digitsNeeded} bytes follow that are all
   * digits or a space or dash between two digits. Such a run holds at least as many bytes as
   * digits, so this never rules out a run {@link #digitRun} would take. The digits come as one
   * bit per byte ({@code digit}, bit j for byte {@code from + j}); the few bytes between two
   * digits and the few run starts after a non-digit are read one by one.
   */
  private boolean noDigitShape(byte[] b, int from, int to, long digit) {
    long run = digit;
    // Bytes between two digits: a space or a dash joins them into one run.
    for (long gaps = ~digit & digit << 1 & digit >>> 1; gaps != 0; gaps &= gaps - 1) {
      byte c = b[from + Long.numberOfTrailingZeros(gaps)];
      if (c == ' ' || c == '-') {
        run |= gaps & -gaps;
      }
    }
    // r: where a run of len bytes starts; two such runs len apart or less cover digitsNeeded.
    long r = run;
    int len = 1;
    while (len * 2 <= digitsNeeded) {
      r &= r >>> len;
      len <<= 1;
    }
    r &= r >>> (digitsNeeded - len);
    // Long enough runs that start at a digit after no digit: a word start unless after a letter.
    for (long starts = r & digit & ~(digit << 1); starts != 0; starts &= starts - 1) {
      int j = from + Long.numberOfTrailingZeros(starts);
      if (j == from || !isAsciiAlnum(b[j - 1])) {
        return false;
      }
    }
    return true;
  }

  /**
   * As {@link #mayFind(byte[], int, int)} for a string, on its ISO-8859-1 bytes: an ASCII
   * character as itself, any other as one byte that is no ASCII letter, digit, trigger or
   * separator to the byte test (0x80 and up for U+0080..U+00FF; {@code ?} for a character beyond,
   * which the byte test reads as it reads a non-ASCII byte, see {@link #authorityReaches}), so the
   * answer is the one for the string's UTF-8 bytes; the length test counts characters, as {@link
   * #find} does. A string with a surrogate pair (which the encoding makes one {@code ?}) is copied
   * to {@code scratch} instead (grown as needed and returned in {@code scratch[0]}), every
   * non-ASCII character as one byte 0x80.
   *
   * <p>Measured (the header, payload and decoded values of DetectorsBenchmark's json-api report
   * that reach this, CPU time): 54 to 22 ns a value on average, the encoding being an array copy
   * for a string held as ISO-8859-1, against copying the characters one by one.
   */
  boolean mayFind(String v, byte[][] scratch) {
    int n = v.length();
    if (n < minLength || n < atOnlyBelow && asciiWithoutAt(v, n)) {
      return false; // see mayFind(byte[], int, int)
    }
    if (n <= QUICK_MAX && quickLacks(v, n)) {
      return false;
    }
    byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length != n) {
      b = scratch[0];
      if (b == null || b.length < n) {
        b = new byte[Math.max(n, 64)];
        scratch[0] = b;
      }
      for (int i = 0; i < n; i++) {
        char c = v.charAt(i);
        b[i] = (byte) (c < 0x80 ? c : 0x80);
      }
    }
    // Not mayFind(b, 0, n): its '@' test is taken above, on the characters (a character above
    // U+00FF is a '?' in b, which would read as ASCII).
    return mayFindPastLength(b, 0, n);
  }

  /** Whether the first {@code n} characters of {@code v} are ASCII without an {@code @}. */
  private static boolean asciiWithoutAt(String v, int n) {
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c == '@' || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #quickLacks(byte[], int, int)} on the characters of {@code v} (its first {@code n}), a
   * character above U+00FF as byte 0xff, which is neither a digit nor in a group (as the '?' of
   * the ISO-8859-1 bytes {@link #mayFind(String, byte[][])} reads), without copying them
   * (measured, see the commit: copying them first, to a new array or by {@code String.getBytes}
   * into a scratch one, cost more than the test on the strings of the json-api report).
   */
  private boolean quickLacks(String v, int n) {
    char[] q = QUICK;
    int digits = 0;
    int any = 0;
    for (int i = 0; i < n; i++) {
      int t = q[Math.min(v.charAt(i), 0xff)];
      digits += t & Q_DIGIT;
      any |= t;
    }
    return digits < digitsNeeded && !quickShapes[any >>> 1];
  }

  /**
   * As {@link #mayFind(byte[], int, int)} for the decoded text of the content {@code b[from, to)}
   * of a JSON string, which may hold escapes: the content is decoded to {@code scratch} (grown as
   * needed and returned in {@code scratch[0]}) one byte per character for an escape ({@code
   * \\uXXXX} of a non-ASCII character as one byte 0x80, as in {@link #mayFind(String,
   * byte[][])}) and raw bytes as they are (the UTF-8 of a non-ASCII character, bytes of 0x80 and
   * up), so the test sees the text's ASCII characters in order and at least as many bytes as it
   * has characters; a malformed escape answers true (the safe side).
   */
  boolean mayFindJson(byte[] b, int from, int to, byte[][] scratch) {
    int len = to - from;
    if (len < minLength) {
      return false; // the decoded text has no more characters than its encoding has bytes
    }
    if (len <= QUICK_MAX && quickLacksJson(b, from, to)) {
      return false;
    }
    return mayFindDecoded(b, from, to, scratch);
  }

  /**
   * {@link #mayFindJson} for JSON string content {@code b[from, to)} whose escapes the caller
   * knows are all two-character ones ({@code \" \\ \/ \b \f \n \r \t}; no backslash-u
   * and no malformed escape): the same answer. For such content {@link #quickLacksJson} is
   * {@link #quickLacks(byte[], int, int)} of the raw bytes (the backslash and the escape letters
   * {@code " \ / b f n r t} are neither digits nor in a group, and neither is the character an
   * escape stands for), so the raw bytes take the tight table loop instead of the one that tests
   * each byte for a backslash. Measured (an isolated harness on the json-api report's escaped
   * name, see the commit): about 14 ns of about 32 for that string. Only that test: the pair
   * tests after it read byte sequences, which a backslash would cut ({@code :\/\/}), so past it
   * the content is decoded as {@link #mayFindJson} decodes it.
   */
  boolean mayFindJsonSimpleEscapes(byte[] b, int from, int to, byte[][] scratch) {
    int len = to - from;
    if (len < minLength) {
      return false;
    }
    if (len <= QUICK_MAX && quickLacks(b, from, to)) {
      return false;
    }
    return mayFindDecoded(b, from, to, scratch);
  }

  /** {@link #mayFindJson} past its length test and {@link #quickLacksJson}. */
  private boolean mayFindDecoded(byte[] b, int from, int to, byte[][] scratch) {
    int len = to - from;
    byte[] d = scratch[0];
    if (d == null || d.length < len) {
      d = new byte[Math.max(len, 64)];
      scratch[0] = d;
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != '\\') {
        d[n++] = c;
        continue;
      }
      if (++i >= to) {
        return true;
      }
      switch (b[i]) {
        case '"' -> d[n++] = '"';
        case '\\' -> d[n++] = '\\';
        case '/' -> d[n++] = '/';
        case 'b' -> d[n++] = '\b';
        case 'f' -> d[n++] = '\f';
        case 'n' -> d[n++] = '\n';
        case 'r' -> d[n++] = '\r';
        case 't' -> d[n++] = '\t';
        case 'u' -> {
          if (i + 4 >= to) {
            return true;
          }
          int cp = 0;
          for (int k = 1; k <= 4; k++) {
            int h = Character.digit(b[i + k], 16);
            if (h < 0) {
              return true;
            }
            cp = cp << 4 | h;
          }
          d[n++] = (byte) (cp < 0x80 ? cp : 0x80);
          i += 4;
        }
        default -> {
          return true;
        }
      }
    }
    return mayFind(d, 0, n);
  }

  /**
   * {@link #quickLacks(byte[], int, int)} for the decoded text of the JSON string content {@code
   * b[from, to)}, read without decoding it: a two-character escape ({@code \" \\ \/ \b \f \n \r
   * \t}) stands for a character that is neither a digit nor a byte some shape needs, a {@code
   * \\uXXXX} escape for one character, read through the table when ASCII and as nothing
   * otherwise (the byte 0x80 the decoding test reads it as is in no group), and every other
   * character of the text is a byte of the content; so this is {@link #quickLacks(byte[], int,
   * int)} of the very bytes {@link #mayFindJson} would decode. False (not known) for a malformed
   * escape, which goes on to the decoding test (measured, see the commits: decoding first cost
   * about twice this on the escaped string of the json-api report; its {@code \\u} string,
   * decoded for this test until the ninth session, cost about 58 ns, 22 ns read in place).
   */
  private boolean quickLacksJson(byte[] b, int from, int to) {
    char[] q = QUICK;
    int digits = 0;
    int any = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '\\') {
        if (++i >= to) {
          return false;
        }
        byte e = b[i];
        if (e == 'u') {
          // One character, read as the decoding test reads it: its own entry when ASCII (it may
          // be a digit or a byte some shape needs), else one byte 0x80, which is in no group.
          if (i + 4 >= to) {
            return false; // malformed: the decoding test answers it
          }
          int cp = hex4(b, i + 1);
          if (cp < 0) {
            return false;
          }
          i += 4;
          if (cp < 0x80) {
            int t = q[cp];
            digits += t & Q_DIGIT;
            any |= t;
          }
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
            && e != 't') {
          return false; // malformed: the decoding test answers it
        }
        continue;
      }
      int t = q[c & 0xff];
      digits += t & Q_DIGIT;
      any |= t;
    }
    return digits < digitsNeeded && !quickShapes[any >>> 1];
  }

  /**
   * The four hexadecimal digits {@code b[at, at + 4)} as a number (the caller has checked they are
   * in bounds), or -1 when one is not a hexadecimal digit: exactly the digits {@link
   * #mayFindJson} accepts ({@link Character#digit(int, int)} of a byte's value).
   */
  private static int hex4(byte[] b, int at) {
    byte[] h = HEX;
    // A byte that is no digit reads -1 (all bits set), which the OR carries to the result's sign.
    return h[b[at] & 0xff] << 12 | h[b[at + 1] & 0xff] << 8 | h[b[at + 2] & 0xff] << 4
        | h[b[at + 3] & 0xff];
  }

  /** Per byte: its value as a hexadecimal digit, or -1. */
  private static final byte[] HEX = new byte[256];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int c = 0; c < 256; c++) {
      int d = Character.digit(c < 0x80 ? c : c - 256, 16); // as a byte's (signed) value reads
      if (d >= 0) {
        HEX[c] = (byte) d;
      }
    }
  }

  /**
   * Reads the run of digits with single spaces or dashes between them that starts at the digit
   * {@code b[s]} (a word start: {@link #find} tries numbers only there); returns -1 when it holds
   * the digits a card or SSN needs, else where it ends.
   */
  private int digitRun(byte[] b, int s, int to) {
    int count = 0;
    int j = s;
    while (true) {
      int k = j;
      while (j < to && b[j] >= '0' && b[j] <= '9') {
        j++;
      }
      count += j - k;
      if (j + 1 < to && (b[j] == ' ' || b[j] == '-') && b[j + 1] >= '0' && b[j + 1] <= '9') {
        j++;
        continue;
      }
      break;
    }
    return count >= digitsNeeded ? -1 : j;
  }

  private static boolean isGithubKind(byte c) {
    return c == 'p' || c == 'o' || c == 'u' || c == 's' || c == 'r';
  }

  private static boolean isSlackKind(byte c) {
    return c == 'a' || c == 'b' || c == 'p' || c == 'o' || c == 's' || c == 'r';
  }

  private static boolean digitOrSeparator(byte c) {
    return c >= '0' && c <= '9' || c == ' ' || c == '-';
  }

  /**
   * Whether no byte of {@code b[from, at)} ends a URL's authority, a {@code ?} aside: it ends one
   * for {@link #urlAt}, but {@link #mayFind(String, byte[][])} reads a character beyond U+00FF as
   * a {@code ?}, and such a character ends none, so a {@code ?} here never rules out a password
   * (a looser test: a value with a query and a later {@code @} goes on to {@link #find}).
   */
  private static boolean authorityReaches(byte[] b, int from, int at) {
    for (int j = from; j < at; j++) {
      if (b[j] != '?' && endsAuthority(b[j])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlnum(byte c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** As {@link #endsAuthority(char)} for a byte of UTF-8 (a non-ASCII byte never ends it). */
  private static boolean endsAuthority(byte c) {
    return c >= 0 && endsAuthority((char) c);
  }

  private static boolean startsWith(byte[] b, int i, int to, String s) {
    int n = s.length();
    if (i + n > to) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Shortest value worth looking at with the active detectors. */
  int minLength() {
    return minLength;
  }

  /**
   * Below this many characters, an ASCII text without an {@code @} holds nothing the active
   * detectors find ({@link #mayFind} answers false for it): the larger of {@link #minLength} and
   * {@link #atOnlyBelow}.
   */
  int quietBelow() {
    return Math.max(minLength, atOnlyBelow);
  }

  private boolean is(Detector d) {
    return on[d.ordinal()];
  }

  /**
   * Finds the spans of the active detectors in {@code v}, in order of their start; spans may
   * overlap (an e-mail inside URL userinfo).
   */
  public void find(String v, Spans out) {
    int n = v.length();
    if (n < minLength) {
      return;
    }
    // Every shape starts at the start of a word (a run of ASCII letters and digits) or at '@',
    // ':' or '-'. The loop looks at a word's first character only and skips the rest with one
    // table read per character: measured 2.5 ns/char when every trigger letter was examined
    // wherever it stood, against the ~0.5 ns/char of this form on a 100 KB JSON text.
    int i = 0;
    int noEmailAt = -1; // the '@' ending a URL's userinfo without a password
    while (i < n) {
      char c = v.charAt(i);
      if (c >= 128) {
        i++;
        continue;
      }
      int kind = KIND[c];
      if (kind >= DIGIT_OR_LETTER) {
        int next = wordAt(v, i, c, kind, out);
        i = Math.max(next, i + 1);
        while (i < n && (c = v.charAt(i)) < 128 && KIND[c] >= DIGIT_OR_LETTER) {
          i++;
        }
        continue;
      }
      int next = i + 1;
      if (kind == AT) {
        if (is(Detector.EMAIL) && i != noEmailAt) {
          next = emailAt(v, i, out);
        }
      } else if (kind == COLON) {
        if (is(Detector.URL_PASSWORD)) {
          next = urlAt(v, i, out);
          if (next < 0) {
            noEmailAt = -2 - next;
            next = i + 3;
          }
        }
      } else if (kind == DASH) {
        if (is(Detector.PRIVATE_KEY) && v.startsWith("-----BEGIN ", i)) {
          next = pemAt(v, i, out);
        }
      }
      i = Math.max(next, i + 1);
    }
  }

  /** Tries the shapes that start with {@code c}, the first character of a word at {@code i}. */
  private int wordAt(String v, int i, char c, int kind, Spans out) {
    switch (kind) {
      case DIGIT:
        return digits ? digitsAt(v, i, out) : i + 1;
      case UPPER:
        return upper && startsToken(v, i) ? upperAt(v, i, out) : i + 1;
      case LOWER_E:
      case LOWER_G:
      case LOWER_X:
      case LOWER_SR:
        return lowerTokens && startsToken(v, i) ? lowerAt(v, i, kind, out) : i + 1;
      default:
        return i + 1;
    }
  }

  // ---- character classes ----------------------------------------------------------------------

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAlnum(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isB64Url(char c) {
    return isAlnum(c) || c == '-' || c == '_';
  }

  private static boolean alnumAt(String v, int i) {
    return i >= 0 && i < v.length() && isAlnum(v.charAt(i));
  }

  private static boolean startsWord(String v, int i) {
    return i == 0 || !isAlnum(v.charAt(i - 1));
  }

  private static boolean startsToken(String v, int i) {
    return i == 0 || !isB64Url(v.charAt(i - 1));
  }

  // ---- digits: cards and SSNs -----------------------------------------------------------------

  /** Tries a card and an SSN at {@code i}; returns where to continue (past the digit run). */
  private int digitsAt(String v, int i, Spans out) {
    int n = v.length();
    int skip = i + 1;
    int run = i;
    while (run < n && isDigit(v.charAt(run))) {
      run++;
    }
    // A card is 13+ digits in a row, or starts with a group of at least 4 before a separator:
    // most numbers are neither and skip the card scan.
    boolean cardShape = run - i >= 13 || run - i >= 4 && run < n
        && (v.charAt(run) == ' ' || v.charAt(run) == '-');
    if (is(Detector.CARD) && cardShape) {
      int end = cardEnd(v, i);
      if (end > 0) {
        out.add(i, end, Detector.CARD);
        return end;
      }
      if (end < -1 && !is(Detector.US_SSN)) {
        skip = -2 - end; // measured: digit groups were scanned two or three times without this
      }
    }
    if (is(Detector.US_SSN) && run - i == 3) {
      int end = ssnEnd(v, i);
      if (end > 0) {
        out.add(i, end, Detector.US_SSN);
        return end;
      }
    }
    return Math.max(run, skip);
  }

  /**
   * End of a card number starting at {@code i}; else -1, or {@code -2 - stop} when the run of
   * digits and separators from {@code i} to {@code stop} holds fewer than 13 digits (so no card
   * starts anywhere inside it). Reads at most 38 characters. A card may be followed by more
   * digits after a separator (a CVV, an expiry date: {@code 4111111111111111 123}); every end of
   * a digit group with 13 to 19 digits before it is tried, the longest first.
   */
  static int cardEnd(String v, int i) {
    int n = v.length();
    int count = 0;
    char sep = 0;
    int j = i;
    int[] d = new int[19];
    int[] ends = new int[19]; // where each digit group ends
    int[] before = new int[19]; // how many digits there are up to that end
    int groups = 0;
    while (j < n) {
      char c = v.charAt(j);
      if (isDigit(c)) {
        if (count == 19) {
          break; // this group makes a longer number: only the groups before it count
        }
        d[count++] = c - '0';
        j++;
        if (j == n || !isDigit(v.charAt(j))) {
          ends[groups] = j;
          before[groups++] = count;
        }
      } else if ((c == ' ' || c == '-') && (sep == 0 || sep == c) && j + 1 < n
          && isDigit(v.charAt(j + 1)) && j > i && isDigit(v.charAt(j - 1))) {
        sep = c;
        j++;
      } else {
        break;
      }
    }
    if (count < 13) {
      return groups == 0 ? -1 : -2 - j; // too short: no card starts inside this run either
    }
    // A group followed by a letter or digit (the last one, or one cut short by a longer number)
    // ends no card; the others are followed by a separator or the end of the value. Before the
    // end of the run, only a card's own grouping counts (one group, groups of four, 4-6-5 or
    // 4-6-4): a list of numbers split anywhere would often pass Luhn somewhere.
    for (int g = groups - 1; g >= 0 && before[g] >= 13; g--) {
      boolean last = g == groups - 1 && (j == n || !isDigit(v.charAt(j)));
      if (!alnumAt(v, ends[g]) && (last || cardGrouping(before, g)) && issuer(d, before[g])
          && luhn(d, before[g])) {
        return ends[g];
      }
    }
    return -1;
  }

  /** Whether groups 0..g (digits up to each end in {@code before}) are grouped as cards are. */
  private static boolean cardGrouping(int[] before, int g) {
    if (g == 0) {
      return true;
    }
    if (g == 2 && before[0] == 4 && before[1] == 10 && (before[2] == 15 || before[2] == 14)) {
      return true; // American Express, Diners Club
    }
    for (int k = 0; k <= g; k++) {
      if (before[k] != 4 * (k + 1)) {
        return false;
      }
    }
    return true;
  }

  private static int prefix(int[] d, int k) {
    int p = 0;
    for (int i = 0; i < k; i++) {
      p = p * 10 + d[i];
    }
    return p;
  }

  /** Whether the digits start with a known issuer prefix for their length. */
  static boolean issuer(int[] d, int len) {
    int p2 = prefix(d, 2);
    int p3 = prefix(d, 3);
    int p4 = prefix(d, 4);
    int p6 = prefix(d, 6);
    if (d[0] == 4) {
      return true; // Visa: 13, 16 and 19 digits; Visa Electron shares the range
    }
    if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {
      return len == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15; // American Express
    }
    if (p4 >= 2200 && p4 <= 2204) {
      return len == 16; // Mir
    }
    if (p3 >= 300 && p3 <= 305 || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
      return len >= 14; // Diners Club
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len >= 16; // JCB
    }
    if (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p6 >= 622126 && p6 <= 622925
        || p2 == 62) {
      return len >= 16; // Discover, UnionPay
    }
    if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
        || p4 >= 6761 && p4 <= 6763) {
      return true; // Maestro: 12 to 19 digits
    }
    return false;
  }

  /** The Luhn check over {@code d[0, len)}. */
  static boolean luhn(int[] d, int len) {
    int sum = 0;
    boolean dbl = false;
    for (int i = len - 1; i >= 0; i--) {
      int x = d[i];
      if (dbl) {
        x *= 2;
        if (x > 9) {
          x -= 9;
        }
      }
      sum += x;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** End of a US SSN ({@code AAA-GG-SSSS} or with spaces) at {@code i}, or -1. */
  static int ssnEnd(String v, int i) {
    int n = v.length();
    if (i + 11 > n || i > 0 && (v.charAt(i - 1) == '-' || v.charAt(i - 1) == '.')) {
      return -1;
    }
    char sep = v.charAt(i + 3);
    if (sep != '-' && sep != ' ' || v.charAt(i + 6) != sep) {
      return -1;
    }
    for (int k = 0; k < 11; k++) {
      if (k != 3 && k != 6 && !isDigit(v.charAt(i + k))) {
        return -1;
      }
    }
    int end = i + 11;
    if (end < n) {
      char c = v.charAt(end);
      if (isAlnum(c) || c == '-' || c == '.' && end + 1 < n && isDigit(v.charAt(end + 1))) {
        return -1;
      }
    }
    int area = Integer.parseInt(v, i, i + 3, 10);
    int group = Integer.parseInt(v, i + 4, i + 6, 10);
    int serial = Integer.parseInt(v, i + 7, i + 11, 10);
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return -1;
    }
    return end;
  }

  // ---- upper-case starts: IBAN, AWS, Google ----------------------------------------------------

  private int upperAt(String v, int i, Spans out) {
    char second = i + 1 < v.length() ? v.charAt(i + 1) : 0;
    if (v.charAt(i) != 'A' || second != 'K' && second != 'S' && second != 'I') {
      return is(Detector.IBAN) && isUpper(second) ? ibanAt(v, i, out) : i + 1;
    }
    if (is(Detector.AWS_ACCESS_KEY) && (v.startsWith("AKIA", i) || v.startsWith("ASIA", i))) {
      int end = run(v, i + 4, 16, 16, false, false);
      if (end > 0 && !alnumAt(v, end)) {
        out.add(i, end, Detector.AWS_ACCESS_KEY);
        return end;
      }
    }
    if (is(Detector.GOOGLE_API_KEY) && v.startsWith("AIza", i)) {
      int end = run(v, i + 4, 35, 35, true, true);
      if (end > 0 && (end == v.length() || !isB64Url(v.charAt(end)))) {
        out.add(i, end, Detector.GOOGLE_API_KEY);
        return end;
      }
    }
    return is(Detector.IBAN) && isUpper(second) ? ibanAt(v, i, out) : i + 1;
  }

  private static int ibanAt(String v, int i, Spans out) {
    int end = ibanEnd(v, i);
    if (end > 0) {
      out.add(i, end, Detector.IBAN);
      return end;
    }
    return i + 1;
  }

  /**
   * End of a run of {@code min..max} characters from {@code from}: upper-case letters and digits,
   * plus lower-case letters when {@code lower}, plus {@code -} and {@code _} when {@code b64};
   * -1 when shorter than {@code min}. Stops at {@code max}.
   */
  private static int run(String v, int from, int min, int max, boolean lower, boolean b64) {
    int n = v.length();
    int j = from;
    while (j < n && j - from < max) {
      char c = v.charAt(j);
      boolean ok = isUpper(c) || isDigit(c) || lower && c >= 'a' && c <= 'z'
          || b64 && (c == '-' || c == '_');
      if (!ok) {
        break;
      }
      j++;
    }
    return j - from >= min ? j : -1;
  }

  /** IBAN length by country code, for the countries that use IBANs. */
  private static final String IBAN_LENGTHS =
      "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BR29BY28CH21CR22CY28CZ24DE22DK18DO28EE20EG29ES24FI18"
          + "FO18FR27GB22GE22GI23GL18GR27GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21"
          + "LT20LU20LV21MC27MD24ME22MK19MR27MT31MU30NL18NO15PK24PL28PS29PT25QA29RO24RS22SA24SC31"
          + "SE24SI19SK24SM27ST25SV28TL23TN24TR26UA29VA22VG24XK20";

  private static int ibanLength(char a, char b) {
    for (int k = 0; k < IBAN_LENGTHS.length(); k += 4) {
      if (IBAN_LENGTHS.charAt(k) == a && IBAN_LENGTHS.charAt(k + 1) == b) {
        return (IBAN_LENGTHS.charAt(k + 2) - '0') * 10 + IBAN_LENGTHS.charAt(k + 3) - '0';
      }
    }
    return -1;
  }

  /** End of an IBAN at {@code i} (compact or in groups of four), or -1. */
  static int ibanEnd(String v, int i) {
    int n = v.length();
    if (i + 15 > n || !isUpper(v.charAt(i + 1)) || !isDigit(v.charAt(i + 2))
        || !isDigit(v.charAt(i + 3))) {
      return -1;
    }
    int len = ibanLength(v.charAt(i), v.charAt(i + 1));
    if (len < 0) {
      return -1;
    }
    char[] iban = new char[len];
    int count = 0;
    int j = i;
    while (j < n && count < len) {
      char c = v.charAt(j);
      if (isUpper(c) || isDigit(c)) {
        iban[count++] = c;
        j++;
      } else if (c == ' ' && count % 4 == 0 && j + 1 < n && isAlnum(v.charAt(j + 1))) {
        j++;
      } else {
        break;
      }
    }
    if (count != len || alnumAt(v, j)) {
      return -1;
    }
    // mod 97 over the rearranged digits (country and check digits moved to the end).
    int rem = 0;
    for (int k = 0; k < len; k++) {
      char c = iban[(k + 4) % len];
      if (isDigit(c)) {
        rem = (rem * 10 + c - '0') % 97;
      } else {
        rem = (rem * 100 + c - 'A' + 10) % 97;
      }
    }
    return rem == 1 ? j : -1;
  }

  // ---- lower-case starts: JWT and token prefixes ----------------------------------------------

  private int lowerAt(String v, int i, int kind, Spans out) {
    int n = v.length();
    if (kind == LOWER_E) {
      if (is(Detector.JWT) && v.startsWith("eyJ", i)) {
        return jwtAt(v, i, out);
      }
      return i + 1;
    }
    if (kind == LOWER_G && is(Detector.GITHUB_TOKEN)) {
      if (i + 4 <= n && v.charAt(i + 1) == 'h' && "pousr".indexOf(v.charAt(i + 2)) >= 0
          && v.charAt(i + 3) == '_') {
        int end = run(v, i + 4, 36, 36, true, false);
        if (end > 0 && (end == n || !isB64Url(v.charAt(end)))) {
          out.add(i, end, Detector.GITHUB_TOKEN);
          return end;
        }
      } else if (v.startsWith("github_pat_", i)) {
        int j = i + 11;
        while (j < n && (isAlnum(v.charAt(j)) || v.charAt(j) == '_')) {
          j++;
        }
        if (j - (i + 11) >= 22 && (j == n || v.charAt(j) != '-')) {
          out.add(i, j, Detector.GITHUB_TOKEN);
        }
        return j;
      }
      return i + 1;
    }
    if (kind == LOWER_X && is(Detector.SLACK_TOKEN)) {
      if (v.startsWith("xox", i) && i + 5 <= n && "abposr".indexOf(v.charAt(i + 3)) >= 0
          && v.charAt(i + 4) == '-') {
        int j = i + 5;
        while (j < n && (isAlnum(v.charAt(j)) || v.charAt(j) == '-')) {
          j++;
        }
        if (j - (i + 5) >= 10) {
          out.add(i, j, Detector.SLACK_TOKEN);
        }
        return j;
      }
      return i + 1;
    }
    if (kind == LOWER_SR && is(Detector.STRIPE_KEY)) {
      if (v.startsWith("k_live_", i + 1)) {
        int j = i + 8;
        while (j < n && isAlnum(v.charAt(j))) {
          j++;
        }
        if (j - (i + 8) >= 16 && (j == n || !isB64Url(v.charAt(j)))) {
          out.add(i, j, Detector.STRIPE_KEY);
        }
        return j;
      }
    }
    return i + 1;
  }

  /** Longest JWT header segment decoded; real headers are well under 1 KB. */
  private static final int MAX_JWT_HEADER = 4096;

  private static int b64UrlEnd(String v, int from) {
    int j = from;
    int n = v.length();
    while (j < n && isB64Url(v.charAt(j))) {
      j++;
    }
    return j;
  }

  /** {@code j} past up to two {@code =} of base64 padding (a segment some clients pad). */
  private static int padEnd(String v, int j) {
    int n = v.length();
    for (int k = 0; k < 2 && j < n && v.charAt(j) == '='; k++) {
      j++;
    }
    return j;
  }

  private static int jwtAt(String v, int i, Spans out) {
    int n = v.length();
    int hb = b64UrlEnd(v, i);
    int h = padEnd(v, hb);
    if (h >= n || v.charAt(h) != '.') {
      return hb;
    }
    int p = padEnd(v, b64UrlEnd(v, h + 1));
    if (p == h + 1) {
      return hb; // no JWT: what follows the dot is searched (a key there was skipped)
    }
    if (p >= n || v.charAt(p) != '.') {
      // Header and claims without a signature (an unsecured token sent without its last dot,
      // or a token cut short): the claims are masked all the same.
      if (headerHasAlg(v, i, hb)) {
        out.add(h + 1, p, Detector.JWT);
        return p;
      }
      return hb;
    }
    int end = padEnd(v, b64UrlEnd(v, p + 1));
    // A JWE has five segments: everything after the header goes.
    for (int extra = 0; extra < 2 && end + 1 < n && v.charAt(end) == '.'
        && isB64Url(v.charAt(end + 1)); extra++) {
      end = padEnd(v, b64UrlEnd(v, end + 1));
    }
    if (headerHasAlg(v, i, hb)) {
      out.add(h + 1, end, Detector.JWT);
      return end;
    }
    // No JWT: the text after the first dot is searched as any other (a key there was skipped).
    return hb;
  }

  /** Whether the base64url text {@code v[from, to)} decodes to a JSON object with {@code alg}. */
  static boolean headerHasAlg(String v, int from, int to) {
    int len = to - from;
    if (len > MAX_JWT_HEADER || len % 4 == 1) {
      return false;
    }
    byte[] raw = v.substring(from, to).getBytes(StandardCharsets.US_ASCII);
    byte[] json = Base64.getUrlDecoder().decode(raw); // only base64url characters: cannot fail
    int k = 0;
    while (k < json.length && (json[k] == ' ' || json[k] == '\t' || json[k] == '\r'
        || json[k] == '\n')) {
      k++;
    }
    if (k >= json.length || json[k] != '{') {
      return false;
    }
    String text = new String(json, StandardCharsets.ISO_8859_1);
    return text.contains("\"alg\"") && text.lastIndexOf('}') > k;
  }

  // ---- PEM, URL userinfo, e-mail --------------------------------------------------------------

  private static int pemAt(String v, int i, Spans out) {
    int n = v.length();
    int labelStart = i + 11;
    int labelEnd = v.indexOf("-----", labelStart);
    if (labelEnd < 0 || labelEnd - labelStart > 64) {
      return labelStart;
    }
    String label = v.substring(labelStart, labelEnd);
    for (int k = 0; k < label.length(); k++) {
      char c = label.charAt(k);
      if (!isUpper(c) && c != ' ' && !isDigit(c)) {
        return labelStart;
      }
    }
    if (!label.endsWith("PRIVATE KEY") && !label.endsWith("PRIVATE KEY BLOCK")) { // PGP armor
      return labelEnd + 5;
    }
    int contentStart = labelEnd + 5;
    int endMarker = v.indexOf("-----END " + label + "-----", contentStart);
    if (endMarker < 0) {
      // Cut short: everything after the BEGIN line may be key material (fail closed).
      if (contentStart < n) {
        out.add(contentStart, n, Detector.PRIVATE_KEY);
      }
      return n;
    }
    if (endMarker > contentStart) {
      out.add(contentStart, endMarker, Detector.PRIVATE_KEY);
    }
    return endMarker + 14 + label.length();
  }

  private static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || c <= ' ' || c == '"' || c == '\'' || c == '<'
        || c == '>' || c == '\\' || c == '`';
  }

  /**
   * Tries URL userinfo at the {@code :} at {@code i}; returns where to continue: past the
   * authority when a password was found, else where the authority starts (it is searched as any
   * text), or {@code -2 - at} when the userinfo without a password ends at the {@code @} at
   * {@code at} (searched too, but that {@code @} starts no e-mail address).
   */
  private static int urlAt(String v, int i, Spans out) {
    int n = v.length();
    if (i == 0 || i + 3 >= n || v.charAt(i + 1) != '/' || v.charAt(i + 2) != '/') {
      return i + 1;
    }
    char s = v.charAt(i - 1);
    if (!isAlnum(s) && s != '+' && s != '.' && s != '-') {
      return i + 1; // no scheme
    }
    int from = i + 3;
    int end = from;
    int at = -1;
    while (end < n && !endsAuthority(v.charAt(end))) {
      if (v.charAt(end) == '@') {
        at = end;
      }
      end++;
    }
    if (at < 0) {
      return from; // the authority is searched as any text (a key there was skipped)
    }
    int colon = from;
    while (colon < at && v.charAt(colon) != ':') {
      colon++;
    }
    if (colon < at - 1) {
      out.add(colon + 1, at, Detector.URL_PASSWORD);
      return end; // userinfo@host is not an e-mail address
    }
    // No password: the user name is searched as any text (a token used as the user name,
    // https://TOKEN@host/, was skipped), all but the '@' (userinfo@host is no e-mail address).
    return -2 - at;
  }

  private static boolean isLocal(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  /** The character the escape {@code %HH} at {@code v[k]} stands for; {@code '%'} if none. */
  private static char escaped(String v, int k) {
    int h = Character.digit(v.charAt(k + 1), 16);
    int l = Character.digit(v.charAt(k + 2), 16);
    return h < 0 || l < 0 ? '%' : (char) (h << 4 | l);
  }

  private static int emailAt(String v, int i, Spans out) {
    int n = v.length();
    int start = i;
    while (start > 0 && i - start < 64 && isLocal(v.charAt(start - 1))) {
      start--;
    }
    // In percent-encoded text (a form body read as plain text) the address may follow an escape
    // of a character no local part holds (%22 a quote, %20 a space): the address starts after the
    // last such escape; what comes before is evidence around it, and masking an escape would
    // break the text's own syntax.
    for (int k = i - 3; k >= start; k--) {
      if (v.charAt(k) == '%' && !isLocal(escaped(v, k))) {
        start = k + 3;
        break;
      }
    }
    while (start < i && v.charAt(start) == '.') {
      start++;
    }
    if (start == i) {
      return i + 1;
    }
    int j = i + 1;
    int labels = 0;
    int labelStart = j;
    int prevLabelStart = -1;
    while (j < n && j - i < 254) {
      char c = v.charAt(j);
      if (isAlnum(c) || c == '-') {
        j++;
      } else if (c == '.' && j > labelStart) {
        labels++;
        prevLabelStart = labelStart;
        labelStart = j + 1;
        j++;
      } else {
        break;
      }
    }
    int end;
    int lastLabel;
    if (j > labelStart) {
      labels++;
      lastLabel = labelStart;
      end = j;
    } else {
      lastLabel = prevLabelStart;
      end = labelStart - 1; // a trailing dot ends the sentence, not the domain
    }
    int lastGoodEnd = -1;
    if (labels >= 2 && lastLabel > 0 && end - lastLabel >= 2) {
      boolean alpha = true;
      for (int k = lastLabel; k < end; k++) {
        char c = v.charAt(k);
        alpha &= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      }
      if (alpha) {
        lastGoodEnd = end;
      }
    }
    if (lastGoodEnd < 0) {
      return i + 1;
    }
    out.add(start, lastGoodEnd, Detector.EMAIL);
    return lastGoodEnd;
  }
}
