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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The residual sweep's matcher: the hash matcher and the automaton agree, and both are bounded. */
final class EchoesTest {

  private static Echoes echoes(String... values) {
    return echoes(false, values);
  }

  /** As {@link #echoes(String...)}; with {@code chars}, the values' byte sets collected too. */
  private static Echoes echoes(boolean chars, String... values) {
    MaskRun run = new MaskRun(MaskPolicy.NONE, MaskingOptions.defaults());
    run.push(Step.of("post"));
    for (String v : values) {
      run.huntPastLimit(new Decision(MaskAction.redact(), "t"), v); // this value only, as given
    }
    return Echoes.of(run, chars);
  }

  /** The needles of {@code e} as form name and bytes. */
  private static List<String> forms(Echoes e) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < e.size(); k++) {
      Echoes.Needle n = e.needle(k);
      out.add(n.form + ":" + new String(n.bytes(), UTF_8));
    }
    return out;
  }

  private static List<String> sorted(List<Echoes.Hit> hits) {
    List<String> out = new ArrayList<>();
    hits.stream().sorted(Comparator.comparingInt(Echoes.Hit::start)
            .thenComparingInt(Echoes.Hit::end))
        .forEach(h -> out.add(h.start() + "-" + h.end() + ":" + h.needle().form));
    return out;
  }

  @Test
  void hashMatcherAndAutomatonFindTheSameEchoes() {
    Random r = new Random(42);
    String alphabet = "ab%2F= +/";
    for (int round = 0; round < 600; round++) {
      // Short values use the plain hash matcher, values of 6 and more the skipping one.
      int shortest = round % 2 == 0 ? 4 : 6;
      List<String> values = new ArrayList<>();
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        values.add(random(r, alphabet, shortest + r.nextInt(6)));
      }
      Echoes e = echoes(values.toArray(new String[0]));
      StringBuilder text = new StringBuilder();
      while (text.length() < 300) {
        text.append(r.nextInt(3) == 0 ? values.get(r.nextInt(values.size()))
            : random(r, alphabet, 1 + r.nextInt(5)));
      }
      byte[] b = text.toString().getBytes(UTF_8);
      List<Echoes.Hit> viaFind = new ArrayList<>();
      List<Echoes.Hit> viaAutomaton = new ArrayList<>();
      List<Echoes.Hit> viaAscii = new ArrayList<>();
      e.find(b, 0, b.length, viaFind);
      e.findAutomaton(b, 0, b.length, viaAutomaton);
      e.findAscii(text.toString(), viaAscii);
      assertThat(sorted(viaFind)).isEqualTo(sorted(viaAutomaton)).isEqualTo(sorted(viaAscii));
    }
  }

  @Test
  void aStringWhoseVerificationBudgetRunsOutIsSearchedByTheAutomatonAtCharPositions() {
    // Needles sharing a long prefix with a long run of 'a': every window is verified far, so the
    // budget runs out and the string falls back to the automaton; the non-ASCII char before the
    // echo shifts byte positions but must not shift the hit's char position.
    Echoes e = echoes("aaaaaaaaaaaaaaaaaaaaaaab", "aaaaaaaaaaaaaaaaaaaaaaac");
    String text = "\u00e9" + "a".repeat(400) + "b" + "a".repeat(30) + "c";
    List<Echoes.Hit> hits = new ArrayList<>();
    e.findAscii(text, hits);
    int b = text.indexOf('b') + 1;
    int c = text.length();
    assertThat(sorted(hits))
        .containsExactly((b - 24) + "-" + b + ":raw", (c - 24) + "-" + c + ":raw");
  }

  @Test
  void echoesAcrossTheBordersOfTheFourSkipRangesAreFound() {
    // A long text is searched as four ranges of window starts at once: plant echoes at and
    // around each border and compare with the automaton.
    Random r = new Random(8);
    String alphabet = "abcdefgh0123%2F= +/\":,}"; // no '{' or '[': not a masked container
    for (int round = 0; round < 200; round++) {
      List<String> values = new ArrayList<>();
      for (int k = 0; k < 1 + r.nextInt(3); k++) {
        values.add(random(r, alphabet, 4 + r.nextInt(14)));
      }
      Echoes e = echoes(values.toArray(new String[0]));
      int n = 256 + r.nextInt(4000);
      StringBuilder text = new StringBuilder(random(r, alphabet, n));
      for (int border = 1; border <= 3; border++) {
        String v = values.get(r.nextInt(values.size()));
        int at = Math.max(0, Math.min(n - v.length(), border * (n / 4) - r.nextInt(20)));
        text.replace(at, at + v.length(), v);
      }
      byte[] b = text.toString().getBytes(UTF_8);
      List<Echoes.Hit> viaFind = new ArrayList<>();
      List<Echoes.Hit> viaAutomaton = new ArrayList<>();
      e.find(b, 0, b.length, viaFind);
      e.findAutomaton(b, 0, b.length, viaAutomaton);
      assertThat(sorted(viaFind)).isEqualTo(sorted(viaAutomaton));
      assertThat(viaFind).isNotEmpty();
    }
  }

  /** Every occurrence of every needle in {@code a[from, to)}, by brute force. */
  private static List<String> naive(Echoes e, byte[] a, int from, int to) {
    List<Echoes.Hit> hits = new ArrayList<>();
    for (int k = 0; k < e.size(); k++) {
      Echoes.Needle n = e.needle(k);
      byte[] b = n.bytes();
      for (int i = from; i + b.length <= to; i++) {
        if (Arrays.equals(a, i, i + b.length, b, 0, b.length)) {
          hits.add(new Echoes.Hit(i, i + b.length, n));
        }
      }
    }
    return sorted(hits);
  }

  /**
   * Random text over {@code alphabet} (or random bytes when null) of {@code n} bytes, with forms
   * of the values planted at random offsets, at its two ends and at {@code from} and {@code to}.
   */
  private static byte[] planted(Random r, Echoes e, String alphabet, int n, int from, int to) {
    byte[] a = new byte[n];
    if (alphabet == null) {
      r.nextBytes(a);
    } else {
      for (int i = 0; i < n; i++) {
        a[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
      }
    }
    int plants = 1 + r.nextInt(2 + n / 200);
    for (int k = 0; k < plants + 4; k++) {
      byte[] b = e.needle(r.nextInt(e.size())).bytes();
      if (b.length > n) {
        continue;
      }
      int at = switch (k) {
        case 0 -> 0;
        case 1 -> n - b.length;
        case 2 -> Math.min(from, n - b.length);
        case 3 -> Math.max(0, to - b.length);
        default -> r.nextInt(n - b.length + 1);
      };
      System.arraycopy(b, 0, a, at, b.length);
    }
    return a;
  }

  private static String[] randomValues(Random r, String alphabet, int count, int shortest,
      int spread) {
    String[] values = new String[count];
    for (int k = 0; k < count; k++) {
      String v;
      do {
        v = random(r, alphabet, shortest + r.nextInt(spread));
      } while (v.charAt(0) == '{' || v.charAt(0) == '[' || !Echoes.hunted(v, 4));
      values[k] = v;
    }
    return values;
  }

  @Test
  void sampledSearchOfLongTextsFindsWhatTheAutomatonAndBruteForceFind() {
    // Texts past Echoes.LONG_TEXT are sampled every stride bytes through the pair table: short
    // needles (stride 3 to 7), long ones (stride 8), binary and ASCII text, echoes at every
    // alignment to the samples, at both ends of the text and of the searched range.
    Random r = new Random(11);
    String valueChars = "abcXYZ019-._ %+/=&\"\u00e9";
    String textChars = "abcXYZ019-._ %+/=&\":,";
    for (int round = 0; round < 300; round++) {
      int shortest = 4 + r.nextInt(round % 3 == 0 ? 20 : 5);
      Echoes e = echoes(randomValues(r, valueChars, 1 + r.nextInt(5), shortest, 6));
      int n = Echoes.LONG_TEXT + r.nextInt(6000);
      int from = r.nextInt(4) == 0 ? 0 : r.nextInt(50);
      int to = r.nextInt(4) == 0 ? n : n - r.nextInt(50);
      byte[] a = planted(r, e, round % 2 == 0 ? null : textChars, n, from, to);
      if (round % 5 == 0) {
        from = 0;
        to = n;
      }
      List<Echoes.Hit> viaFind = new ArrayList<>();
      List<Echoes.Hit> viaAutomaton = new ArrayList<>();
      e.find(a, from, to, viaFind);
      e.findAutomaton(a, from, to, viaAutomaton);
      assertThat(sorted(viaFind)).as("round %d", round).isEqualTo(sorted(viaAutomaton))
          .isEqualTo(naive(e, a, from, to)).isNotEmpty();
      e.release();
    }
    assertThat(Echoes.threadTableEntries()).isZero();
  }

  @Test
  void shortTextsThroughTheHashedPairTableFindWhatBruteForceFindsEvenWhenItIsCrowded() {
    // Texts under LONG_TEXT go through the thread's small hashed pair table, whose entries are
    // shared by colliding pairs: up to 60 values (hundreds of needles, most entries set), each
    // planted whole at every offset mod 3 to the samples, at both ends, as bytes and as a string,
    // with non-ASCII chars in the string (never a match for an ASCII needle).
    Random r = new Random(13);
    String valueChars = "abcXYZ019-._ %+/=&\"~?>";
    for (int round = 0; round < 200; round++) {
      Echoes e = echoes(randomValues(r, valueChars, 1 + r.nextInt(round % 4 == 0 ? 60 : 6),
          4 + r.nextInt(3), 12));
      int n = 8 + r.nextInt(Echoes.LONG_TEXT - 8);
      byte[] a = planted(r, e, r.nextBoolean() ? null : valueChars, n, 0, n);
      for (int k = 0; k < Math.min(e.size(), 12); k++) {
        byte[] b = e.needle(r.nextInt(e.size())).bytes();
        int at = r.nextInt(3) == 0 ? n - b.length : r.nextInt(Math.max(1, n - b.length));
        if (at >= 0 && at + b.length <= n) {
          System.arraycopy(b, 0, a, at, b.length);
        }
      }
      List<Echoes.Hit> viaFind = new ArrayList<>();
      e.find(a, 0, n, viaFind);
      List<String> expected = naive(e, a, 0, n);
      assertThat(sorted(viaFind)).as("round %d", round).isEqualTo(expected).isNotEmpty();
      StringBuilder chars =
          new StringBuilder(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1));
      for (int i = 0; i < chars.length(); i++) {
        if (chars.charAt(i) >= 0x80) {
          chars.setCharAt(i, (char) (0x2600 + chars.charAt(i))); // never an ASCII byte's match
        }
      }
      List<Echoes.Hit> viaAscii = new ArrayList<>();
      if (e.matchesChars(chars.toString())) {
        e.findAscii(chars.toString(), viaAscii);
        assertThat(sorted(viaAscii)).as("round %d", round).isEqualTo(expected);
      }
      e.release();
      assertThat(Echoes.threadTableEntries()).isZero();
    }
  }

  @Test
  void shortTextsUnderManyNeedlesVerifiedAtEveryPositionFindWhatBruteForceFinds() {
    // Under many needles, short texts are verified at every position without the small table
    // until their lengths add up to the needle count, then sampled through it: a run of short
    // texts crosses that switch. Texts shorter than the shortest needle are not searched at all.
    // A matcher an earlier test left unreleased may still hold the thread's tables: claimed and
    // released once here, so that what this test's matchers leave is all that is counted.
    Echoes first = echoes("warm-up");
    first.find(new byte[600], 0, 600, new ArrayList<>());
    first.find(new byte[2000], 0, 2000, new ArrayList<>());
    first.release();
    Random r = new Random(31);
    String valueChars = "abcXYZ019-._ %+/=&\"~?>";
    for (int round = 0; round < 150; round++) {
      Echoes e = echoes(randomValues(r, valueChars, 20 + r.nextInt(120), 4 + r.nextInt(6), 14));
      for (int text = 0; text < 12; text++) {
        int n = 1 + r.nextInt(text % 3 == 0 ? 400 : 40);
        boolean binary = r.nextInt(4) == 0;
        byte[] a = planted(r, e, binary ? null : valueChars, n, 0, n);
        List<Echoes.Hit> viaFind = new ArrayList<>();
        e.find(a, 0, n, viaFind);
        List<String> expected = naive(e, a, 0, n);
        assertThat(sorted(viaFind)).as("round %d text %d", round, text).isEqualTo(expected);
        if (!binary) {
          List<Echoes.Hit> viaAscii = new ArrayList<>();
          e.findAscii(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1), viaAscii);
          assertThat(sorted(viaAscii)).as("round %d text %d", round, text).isEqualTo(expected);
        }
      }
      e.release();
      assertThat(Echoes.threadTableEntries()).isZero();
    }
  }

  @Test
  void longTextsUnderThousandsOfNeedlesFindWhatBruteForceFindsAndLeaveNoEntry() {
    // Past WHOLE_CLEAR entries the 64 KB table is filled with no list of the entries set and
    // cleared whole: long texts (bytes and strings) under hundreds of values, each form planted,
    // are searched exactly, and the thread's tables are empty after release.
    Random r = new Random(77);
    String valueChars = "abcXYZ019-._ %+/=&\"~?>";
    for (int round = 0; round < 4; round++) {
      Echoes e = echoes(randomValues(r, valueChars, 250 + r.nextInt(200), 8 + r.nextInt(4), 16));
      assertThat(e.size() * 7).isGreaterThan(Echoes.WHOLE_CLEAR);
      for (int text = 0; text < 3; text++) {
        int n = Echoes.LONG_TEXT + r.nextInt(3000);
        boolean binary = text == 0;
        byte[] a = planted(r, e, binary ? null : valueChars, n, 0, n);
        for (int k = 0; k < 40; k++) {
          byte[] b = e.needle(r.nextInt(e.size())).bytes();
          System.arraycopy(b, 0, a, r.nextInt(n - b.length + 1), b.length);
        }
        List<Echoes.Hit> viaFind = new ArrayList<>();
        e.find(a, 0, n, viaFind);
        List<String> expected = naive(e, a, 0, n);
        assertThat(sorted(viaFind)).as("round %d text %d", round, text).isEqualTo(expected)
            .isNotEmpty();
        if (!binary) {
          List<Echoes.Hit> viaAscii = new ArrayList<>();
          e.findAscii(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1), viaAscii);
          assertThat(sorted(viaAscii)).as("round %d text %d", round, text).isEqualTo(expected);
        }
      }
      e.release();
      assertThat(Echoes.threadTableEntries()).isZero();
    }
  }

  @Test
  void echoesInShortHeadersUnderHundredsOfMaskedValuesAreMasked() {
    // Canary for the short texts verified at every position: 300 masked body members, some of
    // them echoed in short headers (raw, percent-encoded, JSON-escaped, base64 at each alignment)
    // and in the URI; none survives, and the near misses and other headers are byte-identical.
    Random r = new Random(5);
    List<String> secrets = new ArrayList<>();
    StringBuilder body = new StringBuilder("{");
    for (int k = 0; k < 300; k++) {
      String s = "s" + k + "-" + Long.toHexString(r.nextLong()) + (k % 7 == 0 ? " /&x" : "");
      secrets.add(s);
      body.append(k == 0 ? "" : ",").append("\"password\":\"").append(JsonEscapes.escape(s))
          .append('"');
    }
    body.append('}');
    HttpRequest.Builder b = HttpRequest.builder().method("POST").protocol("HTTP/1.1")
        .header("Content-Type", "application/json");
    List<String> planted = new ArrayList<>();
    for (int k = 0; k < 300; k += 7) {
      String s = secrets.get(k);
      byte[] raw = s.getBytes(UTF_8);
      planted.add(s);
      planted.add(Echoes.percent(s, true, false, false));
      planted.add(Echoes.percent(s, false, true, false));
      planted.add(JsonEscapes.escape(s));
      planted.add(Echoes.base64Core(raw, k % 3, k % 2 == 0));
    }
    for (int k = 0; k < planted.size(); k++) {
      b.header("X-E" + k, (k % 2 == 0 ? "v=" : "") + planted.get(k));
    }
    b.header("X-Keep", "ordinary header value").uri("/x?q=" + planted.get(1));
    HttpRequest req = b.body(body.toString()).build();
    AttackReport report = new AttackReport("r", null, req, List.of(), Map.of());
    MaskPolicy p = f -> "password".equals(f.name()) ? new Decision(MaskAction.redact(), "t")
        : null;
    MaskedReport m = Rewriter.mask(report, p, MaskingOptions.defaults());
    StringBuilder out = new StringBuilder(m.report().request().uri()).append('\n');
    for (int k = 0; k < planted.size(); k++) {
      String h = m.report().request().headers().first("X-E" + k);
      assertThat(h).isEqualTo(k % 2 == 0 ? "v=***" : "***");
      out.append(h).append('\n');
    }
    out.append(new String(m.report().request().body(), UTF_8));
    for (String s : planted) {
      assertThat(out.toString()).doesNotContain(s);
    }
    for (String s : secrets) {
      assertThat(out.toString()).doesNotContain(s).doesNotContain(JsonEscapes.escape(s));
    }
    assertThat(m.report().request().headers().first("X-Keep")).isEqualTo("ordinary header value");
    assertThat(m.report().request().uri()).isEqualTo("/x?q=***");
  }

  @Test
  void textsOfMixedLengthsOnOneMatcherFindWhatBruteForceFinds() {
    // Short texts are sampled at a stride of at most three (no needle prefix computed), a long
    // one refills the thread's table at the longest stride, and later short texts keep it; two
    // matchers used in turn on the thread refill it for each other. Binary and ASCII text, bytes
    // and strings.
    Random r = new Random(12);
    String valueChars = "abcXYZ019-._ %+/=&\"";
    for (int round = 0; round < 300; round++) {
      Echoes[] two = {
          echoes(randomValues(r, valueChars, 1 + r.nextInt(4), 4 + r.nextInt(14), 10)),
          echoes(randomValues(r, valueChars, 1 + r.nextInt(4), 4 + r.nextInt(14), 10))};
      for (int text = 0; text < 8; text++) {
        Echoes e = two[r.nextInt(2)];
        int n = 4 + (r.nextInt(3) == 0 ? Echoes.LONG_TEXT + r.nextInt(3000) : r.nextInt(300));
        boolean binary = r.nextBoolean();
        byte[] a = planted(r, e, binary ? null : valueChars, n, 0, n);
        List<Echoes.Hit> viaFind = new ArrayList<>();
        e.find(a, 0, n, viaFind);
        assertThat(sorted(viaFind)).as("round %d", round).isEqualTo(naive(e, a, 0, n));
        if (!binary) {
          List<Echoes.Hit> viaAscii = new ArrayList<>();
          e.findAscii(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1), viaAscii);
          assertThat(sorted(viaAscii)).isEqualTo(sorted(viaFind));
        }
      }
      two[0].release();
      two[1].release();
      assertThat(Echoes.threadTableEntries()).isZero();
    }
  }

  @Test
  void longStringsAreSampledCharByCharAndFindWhatBruteForceFinds() {
    // findAscii on strings past LONG_TEXT: non-ASCII chars in the text never match an ASCII
    // needle, and positions are char positions.
    Random r = new Random(13);
    String chars = "abcXYZ019-._ %+/=&";
    for (int round = 0; round < 150; round++) {
      Echoes e = echoes(randomValues(r, chars, 1 + r.nextInt(4), 4 + r.nextInt(12), 8));
      int n = Echoes.LONG_TEXT + r.nextInt(5000);
      byte[] a = planted(r, e, chars, n, 0, n);
      char[] c = new String(a, java.nio.charset.StandardCharsets.ISO_8859_1).toCharArray();
      for (int k = 0; k < n / 100; k++) {
        c[r.nextInt(n)] = '\u20ac';
      }
      String s = new String(c);
      byte[] mapped = new byte[n];
      for (int i = 0; i < n; i++) {
        mapped[i] = (byte) (c[i] < 0x80 ? c[i] : 0x80);
      }
      List<Echoes.Hit> viaAscii = new ArrayList<>();
      e.findAscii(s, viaAscii);
      assertThat(sorted(viaAscii)).as("round %d", round).isEqualTo(naive(e, mapped, 0, n));
      e.release();
    }
    assertThat(Echoes.threadTableEntries()).isZero();
  }

  @Test
  void secretsPlantedInALongBinaryBodyAreMaskedInEveryForm() {
    // The 1 MB multipart case in small: a long body of random bytes (sampled search) with the
    // password's raw, percent-encoded, JSON-escaped and base64 forms planted at random offsets.
    Random r = new Random(14);
    for (int round = 0; round < 20; round++) {
      String secret = round % 2 == 0 ? "hunter" + r.nextInt(10) : "p@ss w/rd \"" + r.nextInt(1000);
      byte[] raw = secret.getBytes(UTF_8);
      List<String> forms = new ArrayList<>(List.of(secret, Echoes.percent(secret, true, false, false),
          Echoes.percent(secret, false, true, false), JsonEscapes.escape(secret),
          Base64.getEncoder().encodeToString(raw)));
      for (int align = 0; align < 3; align++) {
        forms.add(Echoes.base64Core(raw, align, false));
      }
      byte[] body = new byte[20_000 + r.nextInt(20_000)];
      r.nextBytes(body);
      for (int i = 0; i < body.length; i++) {
        if (body[i] == '{' || body[i] == '<') {
          body[i] = 0;
        } // no JSON or XML body
      }
      for (String f : forms) {
        byte[] b = f.getBytes(UTF_8);
        for (int k = 0; k < 3; k++) {
          System.arraycopy(b, 0, body, k == 0 ? body.length - b.length
              : r.nextInt(body.length - b.length), b.length);
        }
      }
      HttpRequest req = HttpRequest.builder().method("POST")
          .uri("/x?password=" + Echoes.percent(secret, true, false, false)).protocol("HTTP/1.1")
          .header("Content-Type", "application/octet-stream").body(body).build();
      AttackReport report = new AttackReport("r", null, req, List.of(), Map.of());
      MaskPolicy p = f -> "password".equals(f.name()) ? new Decision(MaskAction.redact(), "t")
          : null;
      MaskedReport m = Rewriter.mask(report, p, MaskingOptions.defaults());
      byte[] out = m.report().request().body();
      for (String f : forms) {
        assertThat(indexOf(out, f.getBytes(UTF_8))).as("%s in round %d", f, round).isEqualTo(-1);
      }
      assertThat(Echoes.threadTableEntries()).isZero();
    }
  }

  private static int indexOf(byte[] a, byte[] b) {
    for (int i = 0; i + b.length <= a.length; i++) {
      if (Arrays.equals(a, i, i + b.length, b, 0, b.length)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void repetitiveTextFallsBackToTheAutomatonAndStaysLinear() {
    Echoes e = echoes("a".repeat(64));
    byte[] text = "a".repeat(1_000_000).getBytes(UTF_8);
    List<Echoes.Hit> hits = new ArrayList<>();
    long t0 = System.nanoTime();
    e.find(text, 0, text.length, hits);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(hits).hasSize(1_000_000 - 63);
    assertThat(ms).isLessThan(5_000);
  }

  @Test
  void base64CoresCoverEveryAlignment() {
    // "secret!" after 0, 1 and 2 other bytes: only characters fixed by the value's bytes.
    assertThat(Echoes.base64Core("secret!".getBytes(UTF_8), 0, false)).isEqualTo("c2VjcmV0I");
    assertThat(Echoes.base64Core("secret!".getBytes(UTF_8), 1, false)).isEqualTo("NlY3JldC");
    assertThat(Echoes.base64Core("secret!".getBytes(UTF_8), 2, false)).isEqualTo("zZWNyZXQh");
  }

  @Test
  void base64CoreBytesAgreeWithTheEncoder() {
    Random r = new Random(7);
    byte[] std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(UTF_8);
    for (int round = 0; round < 500; round++) {
      byte[] raw = new byte[1 + r.nextInt(40)];
      r.nextBytes(raw);
      for (int align = 0; align < 3; align++) {
        assertThat(new String(Echoes.base64CoreBytes(raw, align, std), UTF_8))
            .isEqualTo(Echoes.base64Core(raw, align, false));
      }
    }
  }

  /** The forms of {@code v}, built whole and eagerly (as before needles were built lazily). */
  private static List<String> referenceForms(String v) {
    List<byte[]> forms = new ArrayList<>();
    List<String> names = new ArrayList<>();
    java.util.function.BiConsumer<String, byte[]> add = (name, b) -> {
      for (byte[] f : forms) {
        if (Arrays.equals(f, b)) {
          return;
        }
      }
      forms.add(b);
      names.add(name);
    };
    add.accept("raw", v.getBytes(UTF_8));
    boolean encoded = false;
    for (char c : v.toCharArray()) {
      encoded |= !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~');
    }
    if (encoded) {
      String once = Echoes.percent(v, true, false, false);
      for (String f : List.of(once, Echoes.percent(v, false, false, false),
          Echoes.percent(v, true, true, false), Echoes.percent(v, false, true, false),
          Echoes.percent(v, true, false, true), Percent.encodeToString(v))) {
        add.accept("percent-encoded", f.getBytes(UTF_8));
      }
      add.accept("percent-encoded twice", Echoes.percent(once, true, false, false)
          .getBytes(UTF_8));
      if (Echoes.writerSpecials(v) != 0) {
        for (int w = 0; w < Echoes.PCT_WRITER_COUNT; w++) {
          add.accept("percent-encoded", percentAs(v.getBytes(UTF_8), w));
        }
      }
      String json = JsonEscapes.escape(v);
      for (String f : List.of(json, Echoes.jsonAscii(v), json.replace("/", "\\/"))) {
        add.accept("JSON-escaped", f.getBytes(UTF_8));
      }
      add.accept("XML-escaped", Echoes.xml(v, false).getBytes(UTF_8));
      add.accept("XML-escaped", Echoes.xml(v, true).getBytes(UTF_8));
      add.accept("XML-escaped", v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .getBytes(UTF_8));
      add.accept("XML-escaped", v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("\"", "&#34;").replace("'", "&#39;").getBytes(UTF_8));
      for (int w = 0; w < 3; w++) {
        String f = Echoes.jsonAs(v, w);
        if (f != null) {
          add.accept("JSON-escaped", f.getBytes(UTF_8));
        }
      }
    } else if (Echoes.writerSpecials(v) != 0) {
      // A '~' the value's only character outside A-Za-z0-9-._: the encoders that escape it.
      for (int w = 0; w < Echoes.PCT_WRITER_COUNT; w++) {
        add.accept("percent-encoded", percentAs(v.getBytes(UTF_8), w));
      }
    }
    byte[] raw = v.getBytes(UTF_8);
    for (int align = 0; align < 3; align++) {
      for (boolean url : new boolean[] {false, true}) {
        String core = Echoes.base64Core(raw, align, url);
        if (core.length() >= 4) {
          add.accept("base64", core.getBytes(UTF_8));
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < forms.size(); k++) {
      out.add(names.get(k) + ":" + new String(forms.get(k), UTF_8));
    }
    return out;
  }

  /**
   * The reference: {@code raw} percent-encoded as encoder {@code w} of {@link
   * Echoes#PCT_WRITERS} writes it, read from the encoder's spec alone (independent of the sweep's
   * tables and of the lazily built forms).
   */
  private static byte[] percentAs(byte[] raw, int w) {
    String keeps = Echoes.PCT_WRITERS[w];
    boolean plus = Echoes.PCT_WRITER_PLUS[w];
    String hex = Echoes.PCT_WRITER_LOWER[w] ? "0123456789abcdef" : "0123456789ABCDEF";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte x : raw) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '_' || c == '.' || c < 0x80 && keeps.indexOf(c) >= 0) {
        out.write(c);
      } else if (c == ' ' && plus) {
        out.write('+');
      } else {
        out.write('%');
        out.write(hex.charAt(c >> 4));
        out.write(hex.charAt(c & 0xf));
      }
    }
    return out.toByteArray();
  }

  @Test
  void jsonWriterFormsAreWrittenAsEachWriterWritesThem() {
    // Go: < > & in lower-case hex, non-ASCII raw; Jackson ESCAPE_NON_ASCII: non-ASCII in upper
    // case; .NET: both, and ' " + ` too. Standard escapes stay as JsonEscapes writes them.
    assertThat(Echoes.jsonAs("a<b&\"c\u00e9", 0)).isEqualTo("a\\u003cb\\u0026\\\"c\u00e9");
    assertThat(Echoes.jsonAs("a<b\u00e9\n", 1)).isEqualTo("a<b\\u00E9\\n");
    assertThat(Echoes.jsonAs("x'+\u20ac\"", 2)).isEqualTo("x\\u0027\\u002B\\u20AC\\u0022");
    assertThat(Echoes.jsonAs("plain text", 2)).isNull();
    // A pair outside the BMP stays whole in Go's form (valid UTF-8 once encoded).
    assertThat(Echoes.jsonAs("<\ud83d\ude00", 0)).isEqualTo("\\u003c\ud83d\ude00");
  }

  @Test
  void encoderFormsAreBuiltWhenTheyDifferFromTheStandardOnes() {
    // encodeURIComponent keeps ' raw; the others escape it as the standard forms do.
    Echoes e = echoes("it's ok!");
    List<String> forms = new ArrayList<>();
    for (int k = 0; k < e.size(); k++) {
      forms.add(new String(e.needle(k).bytes(), UTF_8));
    }
    assertThat(forms).contains("it's%20ok!", "it%27s+ok!", "it%27s%20ok%21");
    assertThat(Echoes.writerSpecials("no specials here")).isZero();
    assertThat(Echoes.writerSpecials("a~b*")).isNotZero();
  }

  @Test
  void lazilyBuiltFormsAreTheFormsBuiltWhole() {
    Random r = new Random(3);
    String alphabet = "aZ09-._~ %+/&<>'\"\\:@=?#*;,!$()\u00e9\u20ac\n";
    // Mostly unreserved characters and one or two others: the forms that coincide (the URI form
    // and the raw one, Percent's own and the upper-case one, ...) are told apart by counts.
    String plain = "abcXYZ0189-._~";
    String special = " %+/&<>'\"\\:@=?#*;,!$()\u00e9\n";
    for (int round = 0; round < 4000; round++) {
      String v;
      if (round % 2 == 0) {
        v = random(r, alphabet, 4 + r.nextInt(30));
      } else {
        StringBuilder sb = new StringBuilder(random(r, plain, 4 + r.nextInt(20)));
        for (int k = r.nextInt(3); k >= 0; k--) {
          sb.insert(r.nextInt(sb.length() + 1), special.charAt(r.nextInt(special.length())));
        }
        v = sb.toString();
      }
      if (!Echoes.hunted(v, 4) || v.charAt(0) == '{' || v.charAt(0) == '[') {
        continue;
      }
      Echoes e = echoes(v);
      List<String> lazy = new ArrayList<>();
      for (int k = 0; k < e.size(); k++) {
        Echoes.Needle n = e.needle(k);
        // The first bytes computed when the form was collected (before it is built whole) are
        // its first bytes, at least as far as the hash key reads.
        byte[] head = e.collectedPrefix(k);
        assertThat(head.length).isGreaterThanOrEqualTo(Math.min(n.length, Echoes.HEAD));
        assertThat(n.bytes()).hasSize(n.length);
        assertThat(head).as(v).isEqualTo(Arrays.copyOf(n.bytes(), head.length));
        lazy.add(n.form + ":" + new String(n.bytes(), UTF_8));
      }
      // The reference adds every form; the matcher only those the value's characters can change,
      // and the rest coincide with one added: the same set, in the same order.
      assertThat(lazy).as(v).containsExactlyElementsOf(referenceForms(v));
      // With the byte sets collected (for the payload pieces), some forms are told equal from
      // them: still the same forms.
      assertThat(forms(echoes(true, v))).as(v).containsExactlyElementsOf(lazy);
    }
  }

  @Test
  void plainValuesWrittenInOneGoHaveTheFormsBuiltWhole() {
    // Letters, digits and - . _ only: the raw form and three base64 cores, added in one go.
    Random r = new Random(11);
    String plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
    for (int round = 0; round < 4000; round++) {
      String v = random(r, plain, round < 1000 ? 4 : 4 + r.nextInt(40));
      if (!Echoes.hunted(v, 4)) {
        continue;
      }
      Echoes e = echoes(v);
      List<String> lazy = new ArrayList<>();
      for (int k = 0; k < e.size(); k++) {
        Echoes.Needle n = e.needle(k);
        byte[] head = e.collectedPrefix(k);
        assertThat(head).as(v).isEqualTo(Arrays.copyOf(n.bytes(), head.length));
        lazy.add(n.form + ":" + new String(n.bytes(), UTF_8));
      }
      assertThat(lazy).as(v).containsExactlyElementsOf(referenceForms(v));
      assertThat(forms(echoes(true, v))).as(v).containsExactlyElementsOf(lazy);
      String planted = "x" + Base64.getEncoder().encodeToString(("q" + v).getBytes(UTF_8)) + "y";
      List<Echoes.Hit> hits = new ArrayList<>();
      e.findAscii(planted + " " + v + " ", hits);
      e.release();
      assertThat(hits).as(v).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void flagsReadFromTheBytesAreTheFlagsOfTheCharacters() {
    // ASCII values are read byte by byte; a lone surrogate is encoded as '?' (as many bytes as
    // characters), so a '?' sends the value to the character loop.
    Random r = new Random(11);
    String alphabet = "aZ09-._~ %+/&<>'\"\\:@=?#*;,!$()\n\t\u007f\u00e9\u20ac\ud800\udc00";
    Decision d = new Decision(MaskAction.redact(), "t");
    for (int round = 0; round < 20_000; round++) {
      String v = random(r, alphabet, 1 + r.nextInt(12));
      assertThat(Echoes.flags(v, d)).as(v).isEqualTo(Echoes.charFlags(v));
      assertThat(Echoes.flags(v, d, true)).as(v).isEqualTo(Echoes.charFlags(v));
    }
    // With the byte set collected, the flags are read from the set: every ASCII character, alone
    // and among others.
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      all.append(c);
      String one = "ab" + c + "cd";
      assertThat(Echoes.flags(one, d, true)).as("char %d", (int) c)
          .isEqualTo(Echoes.flags(one, d, false)).isEqualTo(Echoes.charFlags(one));
    }
    for (int round = 0; round < 20_000; round++) {
      String v = random(r, all.toString(), 1 + r.nextInt(12));
      assertThat(Echoes.flags(v, d, true)).as(v).isEqualTo(Echoes.charFlags(v));
    }
    assertThat(Echoes.flags("ab\ud800cd", d)).isEqualTo(Echoes.charFlags("ab\ud800cd"))
        .isNotEqualTo(Echoes.charFlags("ab?cd"));
  }

  @Test
  void plusOrSlashIsFoundInTheCoreOfEachAlignment() {
    Random r = new Random(9);
    for (int round = 0; round < 3000; round++) {
      byte[] raw = new byte[1 + r.nextInt(20)];
      r.nextBytes(raw);
      int expected = 0;
      for (int align = 0; align < 3; align++) {
        String core = Echoes.base64Core(raw, align, false);
        if (core.indexOf('+') >= 0 || core.indexOf('/') >= 0) {
          expected |= 1 << align;
        }
      }
      assertThat(Echoes.base64PlusOrSlash(raw)).as(Arrays.toString(raw)).isEqualTo(expected);
    }
  }

  @Test
  void plusOrSlashIsFoundInTheCoreOfEachAlignmentOfAsciiValues() {
    // ASCII values take the one-test-per-byte path; '>', '?', '~' and DEL are the bytes that can
    // put a '+' or '/' in a core.
    Random r = new Random(10);
    String alphabet = "abcXYZ019-._ +/=>?~\u007f_|}{o";
    for (int round = 0; round < 20_000; round++) {
      byte[] raw = random(r, alphabet, 1 + r.nextInt(12)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      int expected = 0;
      for (int align = 0; align < 3; align++) {
        String core = Echoes.base64Core(raw, align, false);
        if (core.indexOf('+') >= 0 || core.indexOf('/') >= 0) {
          expected |= 1 << align;
        }
      }
      assertThat(Echoes.base64PlusOrSlash(raw)).as(Arrays.toString(raw)).isEqualTo(expected);
    }
  }

  @Test
  void anEchoThatMatchesPastTheWindowOnlyIsFoundAndANearMissIsNot() {
    String v = "pass word/with&reserved=chars";
    Echoes e = echoes(v);
    String twice = Echoes.percent(Echoes.percent(v, true, false, false), true, false, false);
    String url = Echoes.base64Core(v.getBytes(UTF_8), 2, true);
    assertThat(twice.length()).isGreaterThan(Echoes.WINDOW + 4);
    String nearTwice = twice.substring(0, twice.length() - 1) + "0";
    String nearUrl = url.substring(0, url.length() - 2) + "xx";
    String text = "a=" + nearTwice + "&b=" + twice + "&c=" + nearUrl + ".." + url + "..";
    byte[] b = text.getBytes(UTF_8);
    List<Echoes.Hit> hits = new ArrayList<>();
    e.find(b, 0, b.length, hits);
    List<Echoes.Hit> viaAutomaton = new ArrayList<>();
    e.findAutomaton(b, 0, b.length, viaAutomaton);
    List<Echoes.Hit> viaAscii = new ArrayList<>();
    e.findAscii(text, viaAscii);
    int at = text.indexOf("&b=") + 3;
    int urlAt = text.lastIndexOf(url);
    assertThat(sorted(hits)).containsExactly(
        at + "-" + (at + twice.length()) + ":percent-encoded twice",
        urlAt + "-" + (urlAt + url.length()) + ":base64");
    assertThat(sorted(viaAutomaton)).isEqualTo(sorted(hits)).isEqualTo(sorted(viaAscii));
  }

  @Test
  void twoMatchersUsedInTurnOnOneThreadEachFindTheirOwnEchoes() {
    Echoes a = echoes("alpha-secret-1");
    Echoes b = echoes("bravo-secret-22", "x y");
    byte[] text = "..alpha-secret-1..bravo-secret-22..".getBytes(UTF_8);
    for (int round = 0; round < 3; round++) {
      for (Echoes e : List.of(a, b)) {
        List<Echoes.Hit> hits = new ArrayList<>();
        e.find(text, 0, text.length, hits);
        List<Echoes.Hit> viaAutomaton = new ArrayList<>();
        e.findAutomaton(text, 0, text.length, viaAutomaton);
        assertThat(hits).hasSize(1);
        assertThat(sorted(hits)).isEqualTo(sorted(viaAutomaton));
      }
    }
  }

  @Test
  void theThreadsSkipTableHoldsNothingOfARunOnceItsMaskingCallReturns() {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x?token=Tok3n-value-9")
        .protocol("HTTP/1.1").header("Content-Type", "application/json")
        .header("Referer", "https://a.example/?t=Tok3n-value-9")
        .body("{\"password\":\"hunter2-secret\",\"note\":\"hunter2-secret again\"}").build();
    AttackReport report = new AttackReport("r", null, req, List.of(), Map.of());
    MaskPolicy policy = f -> "password".equals(f.name()) || "token".equals(f.name())
        ? new Decision(MaskAction.redact(), "t") : null;
    MaskedReport out = Rewriter.mask(report, policy, MaskingOptions.defaults());
    String body = new String(out.report().request().bodyUnsafe(), UTF_8);
    assertThat(body).doesNotContain("hunter2-secret");
    assertThat(out.report().request().headers().first("Referer")).doesNotContain("Tok3n");
    // The sweep ran (the echoes are masked) and used the table; none of its entries are left.
    assertThat(Echoes.threadTableEntries()).isZero();
  }

  @Test
  void echoesThatOnlyTheLazyVerificationSeesAreMaskedInTheReport() {
    // Forms longer than the matcher's window, planted next to near-misses that share the window.
    String secret = "Corr3ct horse/battery&staple=42!";
    byte[] raw = secret.getBytes(UTF_8);
    String once = Echoes.percent(secret, true, false, false);
    List<String> echoes = List.of(secret, once, Echoes.percent(secret, false, true, false),
        Echoes.percent(once, true, false, false), JsonEscapes.escape(secret).replace("/", "\\/"),
        Echoes.base64Core(raw, 0, false), Echoes.base64Core(raw, 1, true),
        Echoes.base64Core(raw, 2, false));
    StringBuilder body = new StringBuilder("{\"password\":\"")
        .append(JsonEscapes.escape(secret)).append("\",\"echoes\":[");
    List<String> nearMisses = new ArrayList<>();
    for (String e : echoes) {
      String near = e.substring(0, e.length() - 1) + (e.endsWith("Q") ? "R" : "Q");
      nearMisses.add(near);
      // Planted as they are: each is valid inside a JSON string (the JSON form's \/ included).
      body.append('"').append(e).append("\",\"").append(near).append("\",");
    }
    body.append("\"end\"]}");
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").protocol("HTTP/1.1")
        .header("Content-Type", "application/json").header("X-Echo", once)
        .header("X-Near", nearMisses.get(1)).body(body.toString()).build();
    AttackReport report = new AttackReport("r", null, req, List.of(), Map.of());
    MaskPolicy p = f -> "password".equals(f.name()) ? new Decision(MaskAction.redact(), "t")
        : null;
    MaskedReport m = Rewriter.mask(report, p, MaskingOptions.defaults());
    String out = new String(m.report().request().body(), UTF_8) + "\n"
        + m.report().request().headers().first("X-Echo") + "\n"
        + m.report().request().headers().first("X-Near");
    for (String e : echoes) {
      assertThat(out).as(e).doesNotContain(e).doesNotContain(JsonEscapes.escape(e));
    }
    assertThat(out).doesNotContain(Echoes.percent(secret, true, false, false))
        .doesNotContain(secret);
    for (String near : nearMisses) {
      assertThat(out).as(near).contains(near);
    }
    assertThat(m.report().request().headers().first("X-Echo")).isEqualTo("***");
    assertThat(m.report().request().headers().first("X-Near")).isEqualTo(nearMisses.get(1));
  }

  @Test
  void jsonScalarsAreTheSameWithTheEscapeFreeShortcut() {
    Random r = new Random(17);
    String alphabet = "{}[],:\"' \\nu0041abc12";
    for (int round = 0; round < 20_000; round++) {
      String json = random(r, alphabet, r.nextInt(40));
      assertThat(Residuals.jsonScalars(json)).as(json).isEqualTo(referenceScalars(json));
    }
  }

  @Test
  void jsonScalarsWithAMinimumLengthKeepEveryScalarThatLong() {
    Random r = new Random(18);
    String alphabet = "{}[],:\"' \\nu0041abc12";
    for (int round = 0; round < 20_000; round++) {
      String json = random(r, alphabet, r.nextInt(40));
      int min = r.nextInt(6);
      assertThat(Residuals.jsonScalars(json, min).stream().filter(x -> x.length() >= min))
          .as(json).containsExactlyElementsOf(referenceScalars(json).stream()
              .filter(x -> x.length() >= min).toList());
    }
  }

  @Test
  void jsonScalarsAreTheSameWithEveryKindOfWhitespaceAndBackslashesFarApart() {
    // The ASCII whitespace test and the backslash looked for once per stretch of text: control
    // characters around the whitespace ones, non-ASCII spaces (U+2003 and U+3000 are whitespace,
    // U+00A0 is not), escapes far from the strings before them.
    Random r = new Random(19);
    String alphabet = "{}[],:\"'\\nu0041abc12 \t\u000b\f\r\u001b\u001c\u001f\u0020"
        + "\u2003\u00a0\u3000\u0008";
    for (int round = 0; round < 20_000; round++) {
      String json = random(r, alphabet, r.nextInt(80));
      if (r.nextInt(4) == 0) {
        json = "{\"k\":\"" + random(r, "ab1 ", r.nextInt(200)) + "\"," + json;
      }
      assertThat(Residuals.jsonScalars(json)).as(json).isEqualTo(referenceScalars(json));
      int min = r.nextInt(6);
      assertThat(Residuals.jsonScalars(json, min).stream().filter(x -> x.length() >= min))
          .as(json).containsExactlyElementsOf(referenceScalars(json).stream()
              .filter(x -> x.length() >= min).toList());
    }
  }

  /** jsonScalars as it was before its escape-free shortcut. */
  private static List<String> referenceScalars(String json) {
    List<String> out = new ArrayList<>();
    int n = json.length();
    int i = 0;
    while (i < n) {
      char c = json.charAt(i);
      if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (j < n && json.charAt(j) != c) {
          char d = json.charAt(j);
          if (d == '\\' && j + 1 < n) {
            char e = json.charAt(j + 1);
            if (e == 'u' && j + 5 < n) {
              try {
                sb.append((char) Integer.parseInt(json.substring(j + 2, j + 6), 16));
                j += 6;
                continue;
              } catch (NumberFormatException ex) {
                sb.append(e);
              }
            } else {
              sb.append(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> e;
              });
            }
            j += 2;
            continue;
          }
          sb.append(d);
          j++;
        }
        i = j + 1;
        int k = i;
        while (k < n && Character.isWhitespace(json.charAt(k))) {
          k++;
        }
        if (k >= n || json.charAt(k) != ':') {
          out.add(sb.toString()); // a member name is not a value
        }
      } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':'
          || Character.isWhitespace(c)) {
        i++;
      } else {
        int j = i;
        while (j < n && "{}[],:\"' \t\r\n".indexOf(json.charAt(j)) < 0) {
          j++;
        }
        int k = j;
        while (k < n && Character.isWhitespace(json.charAt(k))) {
          k++;
        }
        if (k >= n || json.charAt(k) != ':') {
          out.add(json.substring(i, j));
        }
        i = j;
      }
    }
    return out;
  }

  private static String random(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
