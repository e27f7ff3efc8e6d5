package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON scanner's folded string classification ({@link JsonScanner#classify}, {@link
 * JsonScanner#layersMayInspect}) against the nested layers' full pre-check it stands in front of,
 * and against the classification it replaced: on random strings of base64, blank, special, escaped
 * and non-ASCII pieces, at every alignment around the eight-byte reads and with the input ending
 * right after the string (the byte-wise tail), it finds the same end and may say "maybe" more
 * often than either, never less; the scanner's inlined common case ({@link
 * JsonScanner#plainWords}) says "no" only where both do, and its base64 reading of a string with
 * no class ({@link JsonScanner#base64Word}) answers as the full test.
 */
final class JsonStringClassTest {

  private static final String[] PIECES = {
    "a", "Z", "0", "9", "+", "/", "-", "_", "YWJj", "eyJ", "Q0FO", "zz", "==", "=", "%", "%7B",
    "%2", ".", "..", "{", "[", "<", "&", "?", ":", ",", "*", "~", "!", "#", "$", "@", ";", "^",
    " ", "  ", "\t", "\r", "\n", "\u0001", "\u007f", "\\n", "\\r", "\\t", "\\\"", "\\\\", "\\/",
    "\\b", "\\f", "\\u0041", "\\u007b", "\\u00e9", "\\ufeff", "\\x", "\u00e9", "\u2603",
    "\ufeff", "\ud83d\ude00",
  };

  @Test
  void foldedPrecheckNeverSaysNoWhereTheFullTestOrTheOldFoldSaysMaybe() {
    Random r = new Random(20261121);
    int maybe = 0;
    int words = 0;
    int words64 = 0;
    int notWords64 = 0;
    int checked = 0;
    for (int round = 0; round < 60_000; round++) {
      String content = randomContent(r);
      byte[] body = content.getBytes(UTF_8);
      int pad = r.nextInt(17);
      int tail = r.nextInt(12);
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.write('x');
      for (int k = 0; k < pad; k++) {
        o.write('p');
      }
      int vs = o.size();
      o.write('"');
      o.write(body, 0, body.length);
      o.write('"');
      int ve = o.size();
      for (int k = 0; k < tail; k++) {
        o.write('q');
      }
      byte[] b = o.toByteArray();
      // Ending the input right after the string, or a little later.
      int to = ve + r.nextInt(tail + 1);
      long c = JsonScanner.classify(b, vs, to);
      assertThat(c).as("end of %s", content).isGreaterThanOrEqualTo(0);
      assertThat((int) c).as("end of %s", content).isEqualTo(ve);
      int k = (int) (c >>> 32);
      boolean esc = content.indexOf('\\') >= 0;
      assertThat((k & JsonScanner.C_ESC) != 0).as("escaped %s", content).isEqualTo(esc);
      if (ve - vs <= 2) {
        continue; // the empty string is never inspected
      }
      boolean folded = JsonScanner.layersMayInspect(b, vs, ve, k);
      boolean full = esc ? NestedLayers.promisingJson(b, vs + 1, ve - 1)
          : NestedLayers.promising(b, vs + 1, ve - 1);
      String decoded = JsonEscapes.decode(b, vs + 1, ve - 1);
      boolean truth = NestedLayers.promising(decoded);
      assertThat(full || !truth).as("full pre-check of %s", content).isTrue();
      assertThat(folded || !full).as("folded pre-check of %s", content).isTrue();
      assertThat(folded || !(oldFold(b, vs, ve) && full)).as("old fold of %s", content).isTrue();
      if (JsonScanner.plainWords(b, vs, ve, k)) {
        // The scanner's inlined common case answers no without the folded test: never where the
        // full test or the folded one says maybe.
        assertThat(full).as("common case of %s", content).isFalse();
        assertThat(folded).as("common case of %s", content).isFalse();
        words++;
      }
      if (k == 0) {
        // The scanner's base64 reading of a string of no class answers as the full test.
        boolean unescaped = NestedLayers.promising(b, vs + 1, ve - 1);
        assertThat(JsonScanner.base64Word(b, vs + 1, ve - 1, false)).as("base64 %s", content)
            .isEqualTo(unescaped);
        assertThat(JsonScanner.base64Word(b, vs + 1, ve - 1, true)).as("digits %s", content)
            .isEqualTo(unescaped && !NestedLayers.inertDigits(b, vs + 1, ve - 1));
        if (unescaped) {
          words64++;
        } else {
          notWords64++;
        }
      }
      if (folded) {
        maybe++;
      }
      checked++;
    }
    // The generator reaches both answers, and the common case.
    assertThat(maybe).isGreaterThan(checked / 10);
    assertThat(checked - maybe).isGreaterThan(checked / 10);
    assertThat(words).isGreaterThan(checked / 20);
    assertThat(words64).isGreaterThan(checked / 200);
    assertThat(notWords64).isGreaterThan(checked / 200);
  }

  @Test
  void base64WordRulesOutTheDigitTextsTheNestedLayersFindNothingIn() {
    Random r = new Random(7);
    int inert = 0;
    int read = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder t = new StringBuilder("\"");
      int n = 4 + r.nextInt(13);
      for (int k = 0; k < n; k++) {
        t.append((char) ('0' + r.nextInt(10)));
      }
      String text = t.append('"').toString();
      byte[] b = text.getBytes(UTF_8);
      long c = JsonScanner.classify(b, 0, b.length);
      assertThat((int) (c >>> 32)).isZero();
      boolean full = NestedLayers.promising(b, 1, b.length - 1);
      boolean digits = NestedLayers.inertDigits(b, 1, b.length - 1);
      assertThat(JsonScanner.base64Word(b, 1, b.length - 1, true)).as(text)
          .isEqualTo(full && !digits);
      assertThat(JsonScanner.base64Word(b, 1, b.length - 1, false)).as(text).isEqualTo(full);
      if (full && digits) {
        inert++;
      } else if (full) {
        read++;
      }
    }
    // Both kinds occur: texts the full test reads that inertDigits clears, and ones it does not.
    assertThat(inert).isPositive();
    assertThat(read).isPositive();
  }

  @Test
  void anEscapedBase64ValueWithABlankAtAnEndIsMaybe() {
    // Missed by the fold this replaced: an escaped slash, and a space the full test trims.
    String[] values = {" YWJj\\/ZGVm", "YWJj\\/ZGVm ", "\tYWJj\\/ZGVm", "YWJj\\/ZGVmZ\\n"};
    for (String v : values) {
      byte[] b = ("\"" + v + "\"").getBytes(UTF_8);
      long c = JsonScanner.classify(b, 0, b.length);
      assertThat(NestedLayers.promisingJson(b, 1, b.length - 1)).as(v).isTrue();
      assertThat(JsonScanner.layersMayInspect(b, 0, b.length, (int) (c >>> 32))).as(v).isTrue();
    }
  }

  @Test
  void plainTextWithEscapedBlanksBetweenWordsIsNotReadAgain() {
    String[] values = {"alpha\\nbravo", "caf\u00e9 \\\"q\\\"", "a b\\tc", "x\\r\\ny z"};
    for (String v : values) {
      byte[] b = ("\"" + v + "\"").getBytes(UTF_8);
      long c = JsonScanner.classify(b, 0, b.length);
      assertThat(JsonScanner.layersMayInspect(b, 0, b.length, (int) (c >>> 32))).as(v).isFalse();
    }
  }

  private static String randomContent(Random r) {
    StringBuilder s = new StringBuilder();
    int mode = r.nextInt(4);
    int n = r.nextInt(mode == 0 ? 4 : 14);
    for (int i = 0; i < n; i++) {
      if (mode == 1 && r.nextInt(4) != 0) {
        // Mostly base64 characters: the strings the base64 reading is about.
        s.append(PIECES[r.nextInt(10)]);
      } else {
        s.append(PIECES[r.nextInt(PIECES.length)]);
      }
    }
    return s.toString();
  }

  /**
   * The pre-check this fold replaced, as it was: its classes (a special byte anywhere, including
   * escaped ones, stops classifying; an escaped blank, backslash-u or malformed escape is odd; a
   * byte below {@code +}, a non-ASCII byte or an escaped quote, backslash or control is plain),
   * then its decision.
   */
  private static boolean oldFold(byte[] b, int vs, int ve) {
    boolean special = false;
    boolean plain = false;
    boolean odd = false;
    boolean esc = false;
    for (int i = vs + 1; i < ve - 1; i++) {
      int c = b[i];
      if (c == '\\') {
        esc = true;
        int e = b[i + 1];
        if (!special) {
          if (e == 'n' || e == 'r' || e == 't') {
            odd = true;
          } else if (e == '"' || e == '\\' || e == 'b' || e == 'f') {
            plain = true;
          } else if (e != '/') {
            odd = true;
          }
        }
        i++;
        continue;
      }
      if (c < '+') {
        plain |= !special;
      } else if ("%.=<[{".indexOf(c) >= 0) {
        special = true;
      }
    }
    if (esc) {
      return special || odd || !plain;
    }
    int n = ve - vs - 2;
    return special || !plain && n >= 4 && n % 4 != 1 || b[vs + 1] == ' ' || b[ve - 2] == ' ';
  }
}
