package dev.masking.core.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A value detector: a kind of secret recognised by its shape wherever it appears inside a value,
 * named in rule files by {@link #id()} ({@code "detect": "card"}).
 *
 * <p>Each detector finds spans inside a value; only the span is masked, the rest of the value is
 * kept as evidence. All run in time linear in the value's length and use no regular expression.
 * Enum constants are immutable and thread-safe.
 */
public enum Detector {
  /**
   * Payment card numbers: 13 to 19 digits, optionally grouped by single spaces or dashes (one kind
   * per number), with a known issuer prefix and a valid Luhn check digit, not touching a letter or
   * another digit. The whole number (separators included) is the span.
   */
  CARD("card", false),
  /**
   * JSON Web Tokens: {@code eyJ...} base64url segments separated by dots whose first segment
   * decodes to a JSON object with an {@code alg} member. The span is everything after the header
   * (payload and signature); the header is kept.
   */
  JWT("jwt", false),
  /**
   * PEM private key blocks ({@code -----BEGIN ... PRIVATE KEY-----}): the span is the text between
   * the BEGIN and END lines (to the end of the value when the END line is missing).
   */
  PRIVATE_KEY("private_key", false),
  /** The password in URL userinfo ({@code scheme://user:password@host}): only the password. */
  URL_PASSWORD("url_password", false),
  /** AWS access key ids: {@code AKIA} or {@code ASIA} and 16 upper-case letters or digits. */
  AWS_ACCESS_KEY("aws_access_key", false),
  /**
   * GitHub tokens: {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_} and 36
   * letters or digits, or {@code github_pat_} and at least 22 letters, digits or underscores.
   */
  GITHUB_TOKEN("github_token", false),
  /** Slack tokens: {@code xoxb-}, {@code xoxp-}, {@code xoxa-}, {@code xoxo-}, {@code xoxr-}, {@code xoxs-} and at least 10 more. */
  SLACK_TOKEN("slack_token", false),
  /** Stripe live secret and restricted keys: {@code sk_live_} or {@code rk_live_} and at least 16 letters or digits. */
  STRIPE_KEY("stripe_key", false),
  /** Google API keys: {@code AIza} and 35 letters, digits, {@code _} or {@code -}. */
  GOOGLE_API_KEY("google_api_key", false),
  /** E-mail addresses ({@code local@domain.tld}); the whole address is the span. */
  EMAIL("email", true),
  /**
   * IBANs: a known country code, two check digits and the country's length of letters and digits
   * (upper case, optionally in groups of four separated by single spaces), valid under mod 97.
   */
  IBAN("iban", true),
  /**
   * US social security numbers written {@code AAA-GG-SSSS} (or with spaces), with a valid area
   * (not 000, 666 or 900-999), group (not 00) and serial (not 0000). Nine bare digits are not
   * taken: too many order numbers look like that.
   */
  US_SSN("us_ssn", true);

  private static final List<String> IDS;

  static {
    List<String> ids = new ArrayList<>();
    for (Detector d : values()) {
      ids.add(d.id);
    }
    IDS = Collections.unmodifiableList(ids);
  }

  private final String id;
  private final boolean pii;

  Detector(String id, boolean pii) {
    this.id = id;
    this.pii = pii;
  }

  /** The name rule files use: {@code card}, {@code jwt}, {@code private_key}, ... */
  public String id() {
    return id;
  }

  /** Whether this is one of the personal-data detectors of the {@code pii} preset. */
  public boolean pii() {
    return pii;
  }

  /** The detector named {@code id} (exactly, lower case), or null when there is none. */
  public static Detector byId(String id) {
    for (Detector d : values()) {
      if (d.id.equals(id)) {
        return d;
      }
    }
    return null;
  }

  /** Every detector name, in declaration order. */
  public static List<String> ids() {
    return IDS;
  }
}
