package dev.masking.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The forms in which a planted secret could leak, for fuzz and hostile-input oracles: raw,
 * percent-encoded (every byte, upper and lower hex), double-percent-encoded, JSON u-escaped,
 * XML character references, and base64 (standard and URL alphabets, at all three alignments).
 */
public final class Leaks {
  private Leaks() {}

  public static List<byte[]> forms(String secret) {
    byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    out.add(secret);
    StringBuilder pct = new StringBuilder();
    StringBuilder pct2 = new StringBuilder();
    StringBuilder uni = new StringBuilder();
    StringBuilder xml = new StringBuilder();
    for (byte b : raw) {
      pct.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
      pct2.append(String.format(Locale.ROOT, "%%25%02X", b & 0xff));
    }
    for (int i = 0; i < secret.length(); i++) {
      uni.append(String.format(Locale.ROOT, "\\u%04x", (int) secret.charAt(i)));
      xml.append("&#").append((int) secret.charAt(i)).append(';');
    }
    out.add(pct.toString());
    out.add(pct.toString().toLowerCase(Locale.ROOT));
    out.add(pct2.toString());
    out.add(uni.toString());
    out.add(uni.toString().toUpperCase(Locale.ROOT).replace("\\U", "\\u"));
    out.add(xml.toString());
    // base64 of the secret inside a longer text: the stable middle at each alignment.
    for (int shift = 0; shift < 3; shift++) {
      byte[] padded = new byte[shift + raw.length];
      System.arraycopy(raw, 0, padded, shift, raw.length);
      String b64 = Base64.getEncoder().withoutPadding().encodeToString(padded);
      int g0 = (shift + 2) / 3;
      int g1 = (shift + raw.length) / 3;
      if (g1 - g0 >= 2) {
        String mid = b64.substring(4 * g0, 4 * g1);
        out.add(mid);
        out.add(mid.replace('+', '-').replace('/', '_'));
      }
    }
    List<byte[]> bytes = new ArrayList<>();
    for (String s : out) {
      bytes.add(s.getBytes(StandardCharsets.UTF_8));
    }
    return bytes;
  }

  /** The first form of {@code secret} found in {@code haystack}, or null. */
  public static String found(byte[] haystack, String secret) {
    for (byte[] f : forms(secret)) {
      if (indexOf(haystack, f) >= 0) {
        return new String(f, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  public static boolean contains(byte[] haystack, String text) {
    return indexOf(haystack, text.getBytes(StandardCharsets.UTF_8)) >= 0;
  }

  public static int indexOf(byte[] h, byte[] n) {
    outer:
    for (int i = 0; i + n.length <= h.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (h[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
