package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Rewriter;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Adversarial property tests of the residual sweep's matcher: every form of every masked value,
 * built independently of the matcher's lazy set-up, planted at random offsets, at the text's ends
 * and around the stride switch, is found wherever a brute-force search finds it.
 */
final class EchoesLeakPropertyTest {

  /** Values over the full char range: specials, non-ASCII, non-BMP and lone surrogates. */
  private static final String SPECIALS = " +%&<>'\"\\/:@=?#*;,!$()~-._\n\t\u007f";

  private static Echoes echoes(String... values) {
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
    run.push(Step.of("post"));
    for (String v : values) {
      run.mask(new Decision(MaskAction.redact(), "t"), v);
    }
    return Echoes.of(run);
  }

  private static char randomChar(Random r) {
    return switch (r.nextInt(10)) {
      case 0, 1, 2, 3 -> "abcXYZ0189".charAt(r.nextInt(10));
      case 4, 5, 6 -> SPECIALS.charAt(r.nextInt(SPECIALS.length()));
      case 7 -> (char) (0x80 + r.nextInt(0x780));
      case 8 -> (char) (0x800 + r.nextInt(0xD000));
      default -> (char) (0xD800 + r.nextInt(0x800)); // a surrogate, mostly lone
    };
  }

  private static String randomValue(Random r, int min, int spread) {
    while (true) {
      StringBuilder sb = new StringBuilder();
      int n = min + r.nextInt(spread);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(12) == 0) {
          sb.appendCodePoint(0x10000 + r.nextInt(0xFFFFF)); // a valid pair
        } else {
          sb.append(randomChar(r));
        }
      }
      String v = sb.toString();
      if (Echoes.hunted(v, 4) && v.charAt(0) != '{' && v.charAt(0) != '[') {
        return v;
      }
    }
  }

  /**
   * Every form of {@code v} as the report's writers produce it, built with the reference
   * encoders (not the matcher's lazy prefix and length arithmetic).
   */
  private static List<byte[]> forms(String v) {
    Set<String> s = new LinkedHashSet<>();
    s.add(v);
    String once = Echoes.percent(v, true, false, false);
    s.add(once);
    s.add(Echoes.percent(v, false, false, false));
    s.add(Echoes.percent(v, true, true, false));
    s.add(Echoes.percent(v, false, true, false));
    s.add(Echoes.percent(v, true, false, true));
    s.add(Percent.encodeToString(v));
    s.add(Echoes.percent(once, true, false, false));
    String json = JsonEscapes.escape(v);
    s.add(json);
    s.add(Echoes.jsonAscii(v));
    s.add(json.replace("/", "\\/"));
    s.add(Echoes.xml(v, false));
    s.add(Echoes.xml(v, true));
    List<byte[]> out = new ArrayList<>();
    for (String f : s) {
      out.add(f.getBytes(UTF_8));
    }
    byte[] raw = v.getBytes(UTF_8);
    for (int align = 0; align < 3; align++) {
      for (boolean url : new boolean[] {false, true}) {
        String core = Echoes.base64Core(raw, align, url);
        if (core.length() >= 4) {
          out.add(core.getBytes(UTF_8));
        }
      }
    }
    return out;
  }

  /** {@code v} inside a longer base64 string, after {@code align} bytes (mod 3). */
  private static byte[] inBase64(Random r, String v, int align, boolean url) {
    byte[] raw = v.getBytes(UTF_8);
    int at = align + 3 * r.nextInt(3);
    byte[] all = new byte[at + raw.length + r.nextInt(5)];
    r.nextBytes(all);
    System.arraycopy(raw, 0, all, at, raw.length);
    return (url ? Base64.getUrlEncoder() : Base64.getEncoder()).encode(all);
  }

  /** Text of {@code n} bytes with forms of the values planted at random and at both ends. */
  private static byte[] planted(Random r, String[] values, int n) {
    byte[] a = new byte[n];
    boolean binary = r.nextBoolean();
    String filler = "abcXYZ019-._ %+/=&\":,\\u";
    for (int i = 0; i < n; i++) {
      a[i] = binary ? (byte) r.nextInt(256) : (byte) filler.charAt(r.nextInt(filler.length()));
    }
    int plants = 3 + r.nextInt(3 + n / 100);
    for (int k = 0; k < plants; k++) {
      String v = values[r.nextInt(values.length)];
      byte[] f;
      if (r.nextInt(4) == 0) {
        f = inBase64(r, v, r.nextInt(3), r.nextBoolean());
      } else {
        List<byte[]> fs = forms(v);
        f = fs.get(r.nextInt(fs.size()));
      }
      if (f.length > n) {
        continue;
      }
      int at = switch (k) {
        case 0 -> 0;
        case 1 -> n - f.length;
        default -> r.nextInt(n - f.length + 1);
      };
      System.arraycopy(f, 0, a, at, f.length);
    }
    return a;
  }

  /** Every occurrence of every reference form in {@code a[from, to)} that no hit covers exactly. */
  private static List<String> missed(String[] values, byte[] a, int from, int to,
      List<Echoes.Hit> hits) {
    Set<Long> found = new java.util.HashSet<>();
    for (Echoes.Hit h : hits) {
      found.add((long) h.start() << 32 | h.end());
    }
    List<String> missed = new ArrayList<>();
    for (String v : values) {
      for (byte[] f : forms(v)) {
        for (int i = from; i + f.length <= to; i++) {
          if (Arrays.equals(a, i, i + f.length, f, 0, f.length)
              && !found.contains((long) i << 32 | (i + f.length))) {
            missed.add(i + ":" + esc(new String(f, UTF_8)));
          }
        }
      }
    }
    return missed;
  }

  @Test
  void everyFormOfRandomValuesIsFoundInTextsAroundTheStrideSwitchAndAtTheirEnds() {
    Random r = new Random(2026);
    int[] lengths = {4, 5, 9, 10, 63, 1022, 1023, 1024, 1025, 1026, 2049};
    for (int round = 0; round < 400; round++) {
      // Shortest values of 4 to 10 chars: needles of stride + 1 bytes at every stride.
      String[] values = new String[1 + r.nextInt(4)];
      for (int k = 0; k < values.length; k++) {
        values[k] = randomValue(r, round % 2 == 0 ? 4 + r.nextInt(3) : 9 + r.nextInt(8),
            1 + r.nextInt(8));
      }
      Echoes e = echoes(values);
      // Several texts on one matcher: the table refilled at a longer stride and kept for shorter.
      for (int text = 0; text < 4; text++) {
        int n = r.nextInt(3) == 0 ? 4 + r.nextInt(2000) : lengths[r.nextInt(lengths.length)];
        byte[] a = planted(r, values, n);
        int from = r.nextInt(3) == 0 ? r.nextInt(Math.min(n, 20)) : 0;
        int to = r.nextInt(3) == 0 ? n - r.nextInt(Math.min(n - from, 20) + 1) : n;
        List<Echoes.Hit> hits = new ArrayList<>();
        e.find(a, from, to, hits);
        assertThat(missed(values, a, from, to, hits))
            .as("round %d text %d values %s", round, text, esc(Arrays.toString(values))).isEmpty();
      }
      e.release();
    }
    assertThat(Echoes.threadTableEntries()).isZero();
  }

  @Test
  void valuesSharingLongPrefixesAreFoundWhenTheBudgetRunsOut() {
    Random r = new Random(7);
    for (int round = 0; round < 60; round++) {
      String stem = "a".repeat(8 + r.nextInt(20));
      String[] values = new String[2 + r.nextInt(30)];
      for (int k = 0; k < values.length; k++) {
        values[k] = stem + randomValue(r, 1, 4);
      }
      Echoes e = echoes(values);
      int n = 500 + r.nextInt(3000);
      byte[] a = planted(r, values, n);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(3) != 0 && a[i] != 'a') {
          a[i] = 'a'; // long runs of the shared prefix: verification goes far everywhere
        }
      }
      System.arraycopy(values[0].getBytes(UTF_8), 0, a, n / 2, values[0].getBytes(UTF_8).length);
      List<Echoes.Hit> hits = new ArrayList<>();
      e.find(a, 0, n, hits);
      assertThat(missed(values, a, 0, n, hits)).as("round %d", round).isEmpty();
      e.release();
    }
  }

  /** The hits of a string as the sweep looks for them: char by char, or over its UTF-8 bytes. */
  private static List<String> missedInString(String[] values, Echoes e, String s) {
    List<Echoes.Hit> hits = new ArrayList<>();
    if (e.matchesChars(s)) {
      e.findAscii(s, hits);
      Set<Long> found = new java.util.HashSet<>();
      for (Echoes.Hit h : hits) {
        found.add((long) h.start() << 32 | h.end());
      }
      // The string is written out as UTF-8: a form's bytes there are an echo, wherever they are.
      List<String> missed = new ArrayList<>();
      byte[] b = s.getBytes(UTF_8);
      List<Echoes.Hit> byteHits = new ArrayList<>();
      for (String v : values) {
        for (byte[] f : forms(v)) {
          for (int i = 0; i + f.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + f.length, f, 0, f.length)) {
              // Char positions of the same bytes (the string is ASCII or the needles are).
              String before = new String(b, 0, i, UTF_8);
              String hit = new String(f, UTF_8);
              int start = before.length();
              if (!s.startsWith(hit, start) || !found.contains((long) start << 32
                  | (start + hit.length()))) {
                missed.add(i + ":" + esc(hit));
              }
            }
          }
        }
      }
      return missed;
    }
    byte[] b = s.getBytes(UTF_8);
    e.find(b, 0, b.length, hits);
    return missed(values, b, 0, b.length, hits);
  }

  @Test
  void everyFormInAStringSweptCharByCharIsFound() {
    // Header values are swept as strings; non-ASCII chars (and lone surrogates) before an echo.
    Random r = new Random(99);
    for (int round = 0; round < 400; round++) {
      String[] values = new String[1 + r.nextInt(3)];
      for (int k = 0; k < values.length; k++) {
        values[k] = r.nextBoolean() ? randomValue(r, 4, 10)
            : "ab" + randomValue(r, 2, 6).replaceAll("[^ -~]", "x") + "cd";
      }
      Echoes e = echoes(values);
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(3) == 0 ? 1000 + r.nextInt(60) : 10 + r.nextInt(200);
      while (sb.length() < n) {
        if (r.nextInt(5) == 0) {
          List<byte[]> fs = forms(values[r.nextInt(values.length)]);
          byte[] f = fs.get(r.nextInt(fs.size()));
          sb.append(r.nextBoolean() ? new String(f, UTF_8) : values[r.nextInt(values.length)]);
        } else {
          sb.append(r.nextInt(4) == 0 ? randomChar(r) : (char) ('a' + r.nextInt(26)));
        }
      }
      String s = sb.toString();
      assertThat(missedInString(values, e, s)).as("round %d %s", round, esc(Arrays.toString(values)))
          .isEmpty();
      e.release();
    }
  }

  /** {@code s} with every char outside printable ASCII as a Java escape (readable failures). */
  private static String esc(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  @Test
  void aValueWithALoneSurrogateEchoedJsonEscapedIsFound() {
    String v = "\u00e9t\ud800secret-1234";
    Echoes e = echoes(v);
    byte[] text = ("{\"echo\":\"" + JsonEscapes.escape(v) + "\"}").getBytes(UTF_8);
    List<Echoes.Hit> hits = new ArrayList<>();
    e.find(text, 0, text.length, hits);
    assertThat(missed(new String[] {v}, text, 0, text.length, hits)).isEmpty();
    assertThat(hits).isNotEmpty();
  }

  @Test
  void aValueWithALoneSurrogateEchoedInAStringIsFound() {
    String v = "abc\ud800secret-1234";
    Echoes e = echoes(v);
    String header = "Bearer " + v;
    assertThat(missedInString(new String[] {v}, e, header)).isEmpty();
  }

  @Test
  void aHeaderValueWithALoneSurrogateEchoedInAnotherHeaderIsMaskedInTheReport() {
    // A header value is a string: a lone surrogate survives to the masked value (the UTF-8 of
    // either holds '?' there), and the echo in another header is swept as a string.
    String secret = "k3y\ud800Secret-Value-42";
    MaskPolicy p = f -> f.name() != null && f.name().equalsIgnoreCase("x-api-key")
        ? new Decision(MaskAction.redact(), "t") : null;
    HttpRequest req = HttpRequest.builder().method("GET").uri("/a").protocol("HTTP/1.1")
        .header("X-Api-Key", secret).header("X-Echo", "[\u00e9 " + secret + "]").build();
    MaskedReport m = Rewriter.mask(new AttackReport("r-1", null, req, List.of(), java.util.Map.of()),
        p, MaskingOptions.defaults());
    assertThat(m.report().request().headers().first("X-Api-Key")).isEqualTo("***");
    String echo = m.report().request().headers().first("X-Echo");
    assertThat(echo).doesNotContain("Secret-Value-42");
    assertThat(new String(echo.getBytes(UTF_8), UTF_8)).doesNotContain("Secret-Value-42");
  }

  @Test
  void noTwoFormsOfAValueAreTheSameNeedle() {
    // Forms counted out as equal are left out; the others must differ (a duplicate costs a
    // verification per echo and names the echo's form after the wrong encoding). A value whose
    // only character outside A-Za-z0-9 is '~' (kept by every percent form, but a byte that may
    // put a '+' or '/' in a base64 core) has no percent form of its own.
    Random r = new Random(5);
    for (int round = 0; round < 5000; round++) {
      // Runs of one byte (NUL, 'A' after '\u0000'...) have base64 cores that coincide across
      // alignments: those must stay one needle each.
      String v = round % 3 == 0 ? "ab" + "~".repeat(1 + r.nextInt(3)) + "cd-._9"
          : round % 7 == 1 ? "\u0000".repeat(4 + r.nextInt(9))
          : round % 7 == 2 ? "\u007f".repeat(4 + r.nextInt(9))
          : randomValue(r, 4, 12);
      Echoes e = echoes(v);
      Set<String> seen = new java.util.HashSet<>();
      for (int k = 0; k < e.size(); k++) {
        String b = new String(e.needle(k).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(seen.add(b)).as("%s: %s", esc(v), e.needle(k).form).isTrue();
      }
    }
  }
}
