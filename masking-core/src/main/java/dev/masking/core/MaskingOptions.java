package dev.masking.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Limits and secrets for masking, in one place. Past a limit the affected part is masked whole with
 * a note: never passed through, never an exception.
 *
 * <pre>{@code
 * MaskingOptions o = MaskingOptions.builder()
 *     .hmacKey("k1", keyBytes)
 *     .maxJsonDepth(256)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the HMAC key.
 */
public final class MaskingOptions {
  private static final MaskingOptions DEFAULTS = builder().build();

  private final int maxBodyBytes;
  private final int maxJsonDepth;
  private final int maxXmlDepth;
  private final int maxFields;
  private final int maxNotes;
  private final int maxDecodeLayers;
  private final int maxHeaders;
  private final long maxWorkBytes;
  private final int maxInflatedBytes;
  private final int residualMinLength;
  private final int maxMultipartParts;
  private final int maxPartHeaderBytes;
  private final String hmacKeyId;
  private final byte[] hmacKey;

  private MaskingOptions(Builder b) {
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxJsonDepth = b.maxJsonDepth;
    this.maxXmlDepth = b.maxXmlDepth;
    this.maxFields = b.maxFields;
    this.maxNotes = b.maxNotes;
    this.maxDecodeLayers = b.maxDecodeLayers;
    this.maxHeaders = b.maxHeaders;
    this.maxWorkBytes = b.maxWorkBytes;
    this.maxInflatedBytes = b.maxInflatedBytes;
    this.residualMinLength = b.residualMinLength;
    this.maxMultipartParts = b.maxMultipartParts;
    this.maxPartHeaderBytes = b.maxPartHeaderBytes;
    this.hmacKeyId = b.hmacKeyId;
    this.hmacKey = b.hmacKey == null ? null : b.hmacKey.clone();
  }

  /**
   * The defaults: 16 MiB bodies, JSON and XML depth 512, 100,000 fields per part, 1,000 headers,
   * 1,000 multipart parts with 8 KiB of headers each, 3 decode layers inflating to at most 1 MiB,
   * 64 MiB of scanning per
   * report.
   */
  public static MaskingOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Largest body scanned field by field; a larger body is masked whole. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Deepest JSON nesting scanned member by member. Past it the document is not passed through:
   * from that point on it is scanned leniently, byte by byte, for member names the policy selects
   * (whose values are masked), with a fallback note; what precedes it keeps its exact masking.
   */
  public int maxJsonDepth() {
    return maxJsonDepth;
  }

  /** Deepest XML element nesting scanned; content nested deeper is masked. */
  public int maxXmlDepth() {
    return maxXmlDepth;
  }

  /**
   * Most fields scanned in one part (query or form parameters, cookies in one header, path
   * segments, JSON members); past it the remaining values are masked whole (JSON: scanned
   * leniently), with a fallback note.
   */
  public int maxFields() {
    return maxFields;
  }

  /** Most notes kept per report; the rest are counted in one final note. */
  public int maxNotes() {
    return maxNotes;
  }

  /** Most nested encodings decoded inside one value. */
  public int maxDecodeLayers() {
    return maxDecodeLayers;
  }

  /**
   * Most header lines scanned in one request; the values of the remaining ones are masked whole,
   * with a fallback note.
   */
  public int maxHeaders() {
    return maxHeaders;
  }

  /**
   * The per-report work budget: most bytes scanned for one report, counting the URI, the headers,
   * the body, every decoded layer inside a value, and each pass of the residual sweep over an
   * attack payload. Parts reached after the budget is spent are masked whole, with a fallback
   * note, so that one hostile report cannot take unbounded time however the other limits combine.
   */
  public long maxWorkBytes() {
    return maxWorkBytes;
  }

  /**
   * Largest size a gzip layer inside a value may inflate to (1 MiB by default); a larger one is
   * masked whole, so a zip bomb never fills memory.
   */
  public int maxInflatedBytes() {
    return maxInflatedBytes;
  }

  /** Shortest masked value that is hunted for elsewhere in the report. */
  public int residualMinLength() {
    return residualMinLength;
  }

  /**
   * Most parts scanned in one multipart body (each nested multipart body counts its own); the parts
   * past it are masked whole, with a note.
   */
  public int maxMultipartParts() {
    return maxMultipartParts;
  }

  /** Longest header block of one multipart part; a part with a longer one is masked whole. */
  public int maxPartHeaderBytes() {
    return maxPartHeaderBytes;
  }

  /** The HMAC key id, or null when no key was given. */
  public String hmacKeyId() {
    return hmacKeyId;
  }

  /** A copy of the HMAC key, or null. */
  public byte[] hmacKey() {
    return hmacKey == null ? null : hmacKey.clone();
  }

  /** Whether an HMAC key was given. */
  public boolean hasHmacKey() {
    return hmacKey != null;
  }

  /** Limits only; never the key. */
  @Override
  public String toString() {
    return "MaskingOptions[maxBodyBytes=" + maxBodyBytes + ", maxJsonDepth=" + maxJsonDepth
        + ", maxXmlDepth=" + maxXmlDepth + ", maxFields=" + maxFields + ", maxNotes=" + maxNotes
        + ", maxDecodeLayers=" + maxDecodeLayers + ", maxInflatedBytes=" + maxInflatedBytes
        + ", maxHeaders=" + maxHeaders + ", maxWorkBytes=" + maxWorkBytes
        + ", residualMinLength=" + residualMinLength
        + ", maxMultipartParts=" + maxMultipartParts + ", maxPartHeaderBytes=" + maxPartHeaderBytes
        + ", hmacKeyId="
        + hmacKeyId + "]";
  }

  /** Collects options. Not thread-safe; {@link #build()} validates and copies. */
  public static final class Builder {
    private int maxBodyBytes = 16 * 1024 * 1024;
    private int maxJsonDepth = 512;
    private int maxXmlDepth = 512;
    private int maxFields = 100_000;
    private int maxNotes = 1_000;
    private int maxDecodeLayers = 3;
    private int maxHeaders = 1_000;
    private long maxWorkBytes = 64L * 1024 * 1024;
    private int maxInflatedBytes = 1024 * 1024;
    private int residualMinLength = 4;
    private int maxMultipartParts = 1_000;
    private int maxPartHeaderBytes = 8 * 1024;
    private String hmacKeyId;
    private byte[] hmacKey;

    private Builder() {}

    /**
     * Sets the largest body scanned field by field.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBodyBytes(int n) {
      this.maxBodyBytes = positive("maxBodyBytes", n);
      return this;
    }

    /**
     * Sets the deepest JSON nesting scanned.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxJsonDepth(int n) {
      this.maxJsonDepth = positive("maxJsonDepth", n);
      return this;
    }

    /**
     * Sets the deepest XML element nesting scanned; content nested deeper is masked.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxXmlDepth(int n) {
      this.maxXmlDepth = positive("maxXmlDepth", n);
      return this;
    }

    /**
     * Sets the most fields scanned in one part.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxFields(int n) {
      this.maxFields = positive("maxFields", n);
      return this;
    }

    /**
     * Sets the most notes kept per report.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxNotes(int n) {
      this.maxNotes = positive("maxNotes", n);
      return this;
    }

    /**
     * Sets the most nested encodings decoded inside one value.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxDecodeLayers(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxDecodeLayers must be >= 0, got " + n);
      }
      this.maxDecodeLayers = n;
      return this;
    }

    /**
     * Sets the most header lines scanned in one request.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxHeaders(int n) {
      this.maxHeaders = positive("maxHeaders", n);
      return this;
    }

    /**
     * Sets the per-report work budget, in bytes scanned.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxWorkBytes(long n) {
      if (n <= 0) {
        throw new IllegalArgumentException("maxWorkBytes must be > 0, got " + n);
      }
      this.maxWorkBytes = n;
      return this;
    }

    /**
     * Sets the largest size a gzip layer inside a value may inflate to.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxInflatedBytes(int n) {
      this.maxInflatedBytes = positive("maxInflatedBytes", n);
      return this;
    }

    /**
     * Sets the shortest masked value hunted for elsewhere in the report.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder residualMinLength(int n) {
      this.residualMinLength = positive("residualMinLength", n);
      return this;
    }

    /**
     * Sets the most parts scanned in one multipart body.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxMultipartParts(int n) {
      this.maxMultipartParts = positive("maxMultipartParts", n);
      return this;
    }

    /**
     * Sets the longest header block of one multipart part.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPartHeaderBytes(int n) {
      this.maxPartHeaderBytes = positive("maxPartHeaderBytes", n);
      return this;
    }

    /**
     * Sets the key for the {@code hmac} action.
     *
     * @throws IllegalArgumentException if the id is blank or has characters other than
     *     {@code [A-Za-z0-9_.-]}, or the key is shorter than 16 bytes
     */
    public Builder hmacKey(String keyId, byte[] key) {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(key, "key");
      if (!keyId.matches("[A-Za-z0-9_.-]{1,32}")) {
        throw new IllegalArgumentException(
            "HMAC key id must be 1-32 characters of [A-Za-z0-9_.-], got '" + keyId + "'");
      }
      if (key.length < 16) {
        throw new IllegalArgumentException(
            "HMAC key must be at least 16 bytes, got " + key.length);
      }
      this.hmacKeyId = keyId;
      this.hmacKey = Arrays.copyOf(key, key.length);
      return this;
    }

    /** Builds the immutable options. */
    public MaskingOptions build() {
      return new MaskingOptions(this);
    }

    private static int positive(String name, int n) {
      if (n <= 0) {
        throw new IllegalArgumentException(name + " must be > 0, got " + n);
      }
      return n;
    }
  }
}
