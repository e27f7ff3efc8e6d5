package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.detect.Detector;
import dev.masking.core.detect.DetectorRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The header and cookie scanner gives the same headers and notes with the name pre-filter
 * ({@link MaskRun#maySelectName}, asked for header and cookie names held as text) and the value
 * pre-check ({@link MaskRun#mayInspect}) on and off, and no secret
 * planted in a selected header or cookie, or found by a value detector, survives in any form.
 */
final class HeaderPrecheckTest {

  private static final String[] HEADER_NAMES = {
    "Authorization", "authorization", "AUTHORIZATION", "X-Api-Key", "x-api-key", "X_API_KEY",
    "Host", "Cookie", "cookie", "COOKIE", "Referer", "X-Forwarded-For", "\u00dcber-Key",
    "x-api-key\u00e9", "X-" + "a".repeat(200), "Sec-Ch-Ua", "",
  };

  private static final String[] COOKIE_NAMES = {
    "sessionid", "SessionId", "token", "theme", "lang", "sess\u00efd", " sessionid ", "\tsessionid",
    "", "_ga", "t" + "o".repeat(150),
  };

  private static final String[] VALUES = {
    "dark", "en", "4111111111111111", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl",
    "AKIAIOSFODNN7EXAMPLE", "a@b.co", "https://u:p4ss@host/x", "\"quoted\"", "x,sessionid=inner",
    "a, token=t", "caf\u00e9", "", "cGFzc3dvcmQ9c2VjcmV0", "%41%42",
  };

  /**
   * Selects header {@code authorization} and {@code x-api-key} (any case), cookie {@code
   * sessionid} (only under a {@code Cookie} header: it reads the outer step), and removes cookie
   * {@code token}. Its name filter answers by the folded name, as the rule engine's does.
   */
  private static MaskPolicy policy() {
    List<DetectorRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      rules.add(new DetectorRule(d, new Decision(MaskAction.redact(), "det-" + d.id())));
    }
    List<DetectorRule> detectors = List.copyOf(rules);
    Decision auth = new Decision(MaskAction.redact(), "auth");
    Decision sess = new Decision(new MaskAction.KeepLast(2), "sess");
    Decision tok = new Decision(new MaskAction.Remove(), "tok");
    return new MaskPolicy() {
      @Override
      public Decision decide(Field f) {
        String parser = f.last().parser();
        String name = f.name();
        if (name == null) {
          return null;
        }
        String folded = Ascii.lower(name);
        if (parser.equals("header")) {
          return folded.equals("authorization") || folded.equals("x-api-key") ? auth : null;
        }
        if (parser.equals("cookie")) {
          if (folded.equals("token")) {
            return tok;
          }
          return folded.equals("sessionid") && f.depth() >= 2
              && Ascii.equalsIgnoreCase(f.step(f.depth() - 2).key(), "cookie") ? sess : null;
        }
        return null;
      }

      @Override
      public boolean maySelectName(String parser, byte[] name, int from, int to) {
        String n = Ascii.lower(new String(name, from, to - from, UTF_8));
        return n.equals("authorization") || n.equals("x-api-key") || n.equals("token")
            || n.equals("sessionid");
      }

      @Override
      public List<DetectorRule> detectors() {
        return detectors;
      }
    };
  }

  private record Out(Headers headers, List<Note> notes) {}

  private static Out scan(Headers in, MaskPolicy policy) {
    MaskRun run = new MaskRun(policy, MaskingOptions.defaults());
    Headers out = HeaderScanner.mask(in, run);
    return new Out(out == in ? null : out, run.notes());
  }

  private static Out compare(Headers in, MaskPolicy policy) {
    Out on = scan(in, policy);
    Out off;
    MaskRun.nameFilter = false;
    MaskRun.precheck = false;
    try {
      off = scan(in, policy);
    } finally {
      MaskRun.nameFilter = true;
      MaskRun.precheck = true;
    }
    assertThat(on.headers()).as(in.asList().toString()).isEqualTo(off.headers());
    assertThat(on.notes()).as(in.asList().toString()).isEqualTo(off.notes());
    return on;
  }

  private static String cookieLine(Random r, List<String> secrets) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(r.nextBoolean() ? "; " : ";");
      }
      String name = COOKIE_NAMES[r.nextInt(COOKIE_NAMES.length)];
      String value = VALUES[r.nextInt(VALUES.length)];
      if (Ascii.lower(name.trim()).equals("sessionid")) {
        value = "Sx" + secrets.size() + "q" + r.nextInt(1_000_000) + "Zk";
        secrets.add(value);
      }
      b.append(name).append('=').append(value);
    }
    return b.toString();
  }

  @Test
  void headerScanGivesTheSameHeadersAndNotesWithAndWithoutThePrechecks() {
    MaskPolicy policy = policy();
    Random r = new Random(17);
    int changed = 0;
    for (int i = 0; i < 3000; i++) {
      List<Header> hs = new ArrayList<>();
      List<String> secrets = new ArrayList<>();
      int n = 1 + r.nextInt(8);
      for (int k = 0; k < n; k++) {
        String name = HEADER_NAMES[r.nextInt(HEADER_NAMES.length)];
        String value;
        if (Ascii.lower(name).equals("cookie")) {
          value = cookieLine(r, secrets);
        } else if (Ascii.lower(name).equals("authorization")
            || Ascii.lower(name).equals("x-api-key")) {
          value = "Bearer Hx" + secrets.size() + "w" + r.nextInt(1_000_000) + "Qv";
          secrets.add(value.substring(7));
        } else {
          value = VALUES[r.nextInt(VALUES.length)];
        }
        hs.add(new Header(name, value));
      }
      Out out = compare(Headers.of(hs), policy);
      if (out.headers() != null) {
        changed++;
        StringBuilder all = new StringBuilder();
        for (Header h : out.headers()) {
          all.append(h.name()).append(": ").append(h.value()).append('\n');
        }
        byte[] text = all.toString().getBytes(UTF_8);
        for (String s : secrets) {
          assertThat(Leaks.found(text, s)).as(hs.toString()).isNull();
        }
      } else {
        assertThat(secrets).isEmpty();
      }
    }
    assertThat(changed).isGreaterThan(1000);
  }

  @Test
  void valuesUnderUnselectedNamesStillReachTheDetectors() {
    Headers in = Headers.of("X-Card", "4111111111111111", "Cookie",
        "theme=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl; lang=en",
        "Referer", "https://u:p4ssw0rd@host/x", "Accept", "text/plain");
    Out out = compare(in, policy());
    StringBuilder all = new StringBuilder();
    for (Header h : out.headers()) {
      all.append(h.value()).append('\n');
    }
    byte[] text = all.toString().getBytes(UTF_8);
    for (String s : List.of("4111111111111111", "eyJzdWIiOiJib2IifQ", "p4ssw0rd")) {
      assertThat(Leaks.found(text, s)).isNull();
    }
    assertThat(out.headers().asList()).contains(new Header("Accept", "text/plain"));
  }

  @Test
  void cookieNamesUnderTheNameFilterMatchUnderTurkishLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      Headers in = Headers.of("COOKIE", "SESSIONID=Sxq1Zk; theme=dark",
          "AUTHORIZATION", "Bearer Hxw2Qv", "X-API-KEY", "k-3iI");
      Out out = compare(in, policy());
      assertThat(out.headers().asList()).containsExactly(
          new Header("COOKIE", "SESSIONID=****Zk; theme=dark"),
          new Header("AUTHORIZATION", "Bearer ***"), new Header("X-API-KEY", "***"));
    } finally {
      Locale.setDefault(saved);
    }
  }
}
