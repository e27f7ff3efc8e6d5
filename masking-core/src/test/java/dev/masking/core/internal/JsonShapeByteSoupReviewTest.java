package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Review of the JSON scanner's member hand-over (members14): {@link JsonShape#scalars(byte[], int,
 * int, int, List)} against {@link JsonShape#scalars(String, int)} on token soup, containers built
 * from JSON pieces, stray bytes past 0x7F (broken UTF-8 before a quote, inside a string, outside
 * one), control bytes, DEL, cut and surrogate escapes, bare literals cut short, at lengths that put
 * each at every offset of the eight-byte string reading. Where the bytes end a container, its text
 * must list the same members; where they do not, no prefix of the text that ends in a bracket may
 * be one well-formed value. {@code -Dsoup.seed}, {@code -Dsoup.n} for longer runs.
 */
final class JsonShapeByteSoupReviewTest {
  static final String[] TOK = {"{", "}", "[", "]", ",", ":", "\"", "\"", "\"", "\\", "\\u", "\\ud83d", "\\ude00",
      "\\n", "\\\"", "\\/", "00e9", "ab", "Zq", "12", "-", ".", "e", "E+", "0", "true", "false", "null", " ",
      "\t", "\n", "é", "中", "😀", "\"k\":", "\"v\"", "{\"a\":", "[\"x\",", "tru", "nul"};

  @Test
  void bytesAndTextListTheSameMembersOnSoup() {
    long seed = Long.getLong("soup.seed", 20261122L);
    int n = Integer.getInteger("soup.n", 100_000);
    Random r = new Random(seed);
    int ok = 0;
    for (int i = 0; i < n; i++) {
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.write(r.nextBoolean() ? '{' : '[');
      int len = 1 + r.nextInt(r.nextInt(4) == 0 ? 80 : 14);
      for (int k = 0; k < len; k++) {
        int c = r.nextInt(20);
        if (c == 0) {
          o.write(0x80 + r.nextInt(128)); // stray high byte
        } else if (c == 1) {
          o.write(r.nextInt(0x20)); // control
        } else if (c == 2) {
          o.write(0x7f);
        } else {
          o.writeBytes(TOK[r.nextInt(TOK.length)].getBytes(UTF_8));
        }
      }
      byte[] b = o.toByteArray();
      // a well-formed start often: wrap a valid container with noise inside strings
      if (r.nextInt(3) == 0) {
        String s = "{\"a\":\"" + new String(b, UTF_8).replace("\"", "").replace("\\", "") + "\",\"b\":[1,\"xx\"]}";
        b = s.getBytes(UTF_8);
        if (r.nextBoolean()) {
          int at = 6 + r.nextInt(Math.max(1, b.length - 20));
          if (at < b.length) {
            b[at] = (byte) (0x80 + r.nextInt(128));
          }
        }
      }
      int min = new int[] {0, 1, 2, 4, 9}[r.nextInt(5)];
      if (compare(b, min)) {
        ok++;
      }
    }
    assertThat(ok).isGreaterThan(n / 10); // enough well-formed ones to compare members
  }

  private static boolean compare(byte[] b, int min) {
    List<String> bytes = new ArrayList<>();
    int e = JsonShape.scalars(b, 0, b.length, min, bytes);
    if (e >= 0) {
      String text = new String(b, 0, e, UTF_8);
      assertThat(bytes).as("%s min %d", text, min).isEqualTo(JsonShape.scalars(text, min));
      return true;
    }
    for (int k = 1; k <= b.length; k++) {
      if (b[k - 1] == '}' || b[k - 1] == ']') {
        String text = new String(b, 0, k, UTF_8);
        assertThat(JsonShape.scalars(text, min)).as("%s", text).isNull();
      }
    }
    return false;
  }
}
