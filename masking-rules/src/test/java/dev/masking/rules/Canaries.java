package dev.masking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Helpers for canary leak tests: every text a report can leak through, in every encoding. */
final class Canaries {
  private Canaries() {}

  /** Every text of a masked report and its notes: URI, header names and values, body, payloads. */
  static String everything(MaskedReport m) {
    AttackReport r = m.report();
    StringBuilder sb = new StringBuilder();
    sb.append(r.request().method()).append('\n').append(r.request().uri()).append('\n');
    for (Header h : r.request().headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    sb.append(new String(r.request().body(), StandardCharsets.UTF_8)).append('\n');
    for (Attack a : r.attacks()) {
      sb.append(a.payload()).append('\n').append(a).append('\n');
    }
    for (Note n : m.notes()) {
      sb.append(n).append('\n');
    }
    sb.append(r).append('\n').append(r.request()).append('\n').append(m).append('\n');
    return sb.toString();
  }

  /** The forms in which a secret could leak: raw, percent-encoded (both cases, +), JSON, base64. */
  static List<String> forms(String secret) {
    List<String> out = new ArrayList<>();
    out.add(secret);
    String pct = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    out.add(pct);
    out.add(pct.replace("+", "%20"));
    out.add(lowerHex(pct));
    out.add(jsonEscape(secret));
    out.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  static void assertNoLeak(MaskedReport m, String... secrets) {
    String all = everything(m);
    for (String s : secrets) {
      for (String f : forms(s)) {
        assertThat(all).as("secret leaked in some encoding").doesNotContain(f);
      }
    }
  }

  private static String lowerHex(String pct) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pct.length(); i++) {
      char c = pct.charAt(i);
      if (c == '%' && i + 2 < pct.length()) {
        sb.append('%').append(Character.toLowerCase(pct.charAt(i + 1)))
            .append(Character.toLowerCase(pct.charAt(i + 2)));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
