package dev.masking.core;

/**
 * How a selected value is masked. Each action turns the decoded value into a decoded mask; the
 * scanner then writes it in the encoding of its context (percent-encoding in a query, JSON escaping
 * in JSON). A JSON number, boolean, null, object or array at a masked point becomes a JSON string.
 *
 * <p>When several rules select one value the strictest action wins: see {@link #strictness()}.
 * Every action is idempotent: masking a mask gives the same mask. Immutable and thread-safe.
 */
public sealed interface MaskAction {

  /** The action's name as rule files write it: {@code redact}, {@code keep_last}, ... */
  String name();

  /**
   * Rank used when several rules select one value: higher is stricter and wins. Order, strictest
   * first: {@code remove}, {@code redact}, {@code hmac}, {@code stars}, then {@code keep_first} /
   * {@code keep_last} with fewer kept characters first ({@code keep_last} before {@code keep_first}
   * at the same count).
   */
  int strictness();

  /** Display form: {@code redact}, {@code keep_last(4)}. Never holds a value. */
  String describe();

  /** The default action: the fixed token {@code ***}, so the length does not leak. */
  static MaskAction redact() {
    return Redact.DEFAULT;
  }

  /** Replaces the value with a fixed token. */
  record Redact(String token) implements MaskAction {
    static final Redact DEFAULT = new Redact("***");

    /** Validates the token. */
    public Redact {
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("redact token must not be empty");
      }
    }

    @Override
    public String name() {
      return "redact";
    }

    @Override
    public int strictness() {
      return 1000;
    }

    @Override
    public String describe() {
      return "redact";
    }
  }

  /** Replaces every character with {@code *}: the length stays. */
  record Stars() implements MaskAction {
    @Override
    public String name() {
      return "stars";
    }

    @Override
    public int strictness() {
      return 800;
    }

    @Override
    public String describe() {
      return "stars";
    }
  }

  /**
   * Keeps the first {@code count} characters and stars the rest. A value shorter than twice the
   * count is starred whole, so that a short value is never shown entire.
   *
   * @param count characters kept
   */
  record KeepFirst(int count) implements MaskAction {
    /** Validates the count. */
    public KeepFirst {
      if (count < 1 || count > 64) {
        throw new IllegalArgumentException("keep_first count must be 1..64, got " + count);
      }
    }

    @Override
    public String name() {
      return "keep_first";
    }

    @Override
    public int strictness() {
      return 500 - 2 * count;
    }

    /** The text for every count, made once (a concatenation per note costs on the sweep). */
    private static final String[] DESCRIBED = new String[65];

    static {
      for (int n = 1; n < DESCRIBED.length; n++) {
        DESCRIBED[n] = "keep_first(" + n + ")";
      }
    }

    @Override
    public String describe() {
      return DESCRIBED[count];
    }
  }

  /**
   * Keeps the last {@code count} characters and stars the rest (a card as {@code
   * ************1111}). A value shorter than twice the count is starred whole.
   *
   * @param count characters kept
   */
  record KeepLast(int count) implements MaskAction {
    /** Validates the count. */
    public KeepLast {
      if (count < 1 || count > 64) {
        throw new IllegalArgumentException("keep_last count must be 1..64, got " + count);
      }
    }

    @Override
    public String name() {
      return "keep_last";
    }

    @Override
    public int strictness() {
      return 501 - 2 * count;
    }

    /** The text for every count, made once (a concatenation per note costs on the sweep). */
    private static final String[] DESCRIBED = new String[65];

    static {
      for (int n = 1; n < DESCRIBED.length; n++) {
        DESCRIBED[n] = "keep_last(" + n + ")";
      }
    }

    @Override
    public String describe() {
      return DESCRIBED[count];
    }
  }

  /**
   * Replaces the value with {@code hmac:<key id>:<12 hex digits>}, a truncated HMAC-SHA256 under the
   * key given in {@link MaskingOptions}, so that one value can be correlated across reports without
   * being revealed. A value already in that form under the same key id is left as is.
   */
  record Hmac() implements MaskAction {
    @Override
    public String name() {
      return "hmac";
    }

    @Override
    public int strictness() {
      return 900;
    }

    @Override
    public String describe() {
      return "hmac";
    }
  }

  /**
   * Drops the parameter, header, cookie or JSON member with its separators, keeping the syntax
   * valid. Where there is nothing to drop (a JSON array element, a path segment, a whole body) it
   * writes the redact token instead.
   */
  record Remove() implements MaskAction {
    @Override
    public String name() {
      return "remove";
    }

    @Override
    public int strictness() {
      return 1100;
    }

    @Override
    public String describe() {
      return "remove";
    }
  }
}
