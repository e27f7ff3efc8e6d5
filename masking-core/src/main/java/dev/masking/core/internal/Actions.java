package dev.masking.core.internal;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskingOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies mask actions to decoded values. One instance per masking call (it holds a {@link Mac});
 * not thread-safe.
 */
public final class Actions {
  /** Hex digits of the truncated HMAC. */
  static final int HMAC_HEX = 12;

  /** The token written where a value is masked but cannot be removed. */
  public static final String REDACT_TOKEN = "***";

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final MaskingOptions options;
  private Mac mac;

  /** Actions under the given options (the HMAC key, if any). */
  public Actions(MaskingOptions options) {
    this.options = options;
  }

  /**
   * The mask for {@code value} under {@code action}. {@link MaskAction.Remove} returns the redact
   * token: callers that can drop the whole member do so before asking.
   */
  public String apply(MaskAction action, String value) {
    if (action instanceof MaskAction.Redact r) {
      return r.token();
    }
    if (action instanceof MaskAction.Stars) {
      return stars(value.codePointCount(0, value.length()));
    }
    if (action instanceof MaskAction.KeepFirst k) {
      return keep(value, k.count(), true);
    }
    if (action instanceof MaskAction.KeepLast k) {
      return keep(value, k.count(), false);
    }
    if (action instanceof MaskAction.Hmac) {
      return hmac(value);
    }
    return REDACT_TOKEN;
  }

  private static String stars(int n) {
    return "*".repeat(n);
  }

  private static String keep(String value, int count, boolean first) {
    int cps = value.codePointCount(0, value.length());
    if (cps < 2 * count) {
      return stars(cps);
    }
    // One presized builder, not a concatenation of a substring and a repeat: by JFR the
    // concatenation's bootstrap stayed in slow code on busy runs (sweep8's finding).
    StringBuilder b = new StringBuilder(value.length());
    if (first) {
      b.append(value, 0, value.offsetByCodePoints(0, count));
      appendStars(b, cps - count);
    } else {
      appendStars(b, cps - count);
      b.append(value, value.offsetByCodePoints(0, cps - count), value.length());
    }
    return b.toString();
  }

  private static void appendStars(StringBuilder b, int n) {
    for (int i = 0; i < n; i++) {
      b.append('*');
    }
  }

  private String hmac(String value) {
    String keyId = options.hmacKeyId();
    if (keyId == null) {
      // Rules refuse hmac without a key at build time; this is the fail-closed backstop.
      return "***";
    }
    String prefix = "hmac:" + keyId + ":";
    if (isHmacOutput(value, prefix)) {
      return value; // idempotent: mask(mask(x)) == mask(x)
    }
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(options.hmacKey(), "HmacSHA256"));
      }
      byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[HMAC_HEX];
      for (int i = 0; i < HMAC_HEX / 2; i++) {
        out[2 * i] = HEX[(d[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[d[i] & 0xf];
      }
      return prefix + new String(out);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every JRE; if it is missing, fail closed.
      return "***";
    }
  }

  private static boolean isHmacOutput(String value, String prefix) {
    if (value.length() != prefix.length() + HMAC_HEX || !value.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
