package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Gzip's own member reader against {@link GZIPInputStream}, and where the members end. */
final class GzipTest {

  private static byte[] gz(byte[] data) {
    return Gzip.deflate(data);
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Gzip.inflate, where the data ends does not matter. */
  private static byte[] inflate(byte[] b, int max) {
    return Gzip.inflate(b, max, null);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** What the JDK's reader gives, or null where it throws. */
  private static byte[] jdk(byte[] b) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b), 4096)) {
      return in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A member with every optional header field (FEXTRA, FNAME, FCOMMENT, FHCRC). */
  private static byte[] fullHeaderMember(byte[] data) throws IOException {
    byte[] plain = gz(data);
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 0xff});
    h.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
    h.writeBytes(ascii("name\0"));
    h.writeBytes(ascii("comment\0"));
    CRC32 c = new CRC32();
    c.update(h.toByteArray());
    int v = (int) c.getValue() & 0xffff;
    h.write(v & 0xff);
    h.write(v >>> 8);
    h.writeBytes(Arrays.copyOfRange(plain, 10, plain.length));
    return h.toByteArray();
  }

  @Test
  void oneMemberInflatesAndEndsAtTheInputsEnd() {
    byte[] b = gz(ascii("hello gzip"));
    int[] end = {-1};
    assertThat(Gzip.inflate(b, 1 << 20, end)).isEqualTo(ascii("hello gzip"));
    assertThat(end[0]).isEqualTo(b.length);
  }

  @Test
  void membersAreReadOneAfterTheOtherAndBytesAfterThemAreNotPartOfTheData() {
    byte[] tail = ascii("GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
    byte[] b = cat(gz(ascii("one ")), gz(ascii("two")), tail);
    int[] end = {-1};
    assertThat(Gzip.inflate(b, 1 << 20, end)).isEqualTo(ascii("one two"));
    assertThat(end[0]).isEqualTo(b.length - tail.length);
    assertThat(jdk(b)).isEqualTo(ascii("one two"));
  }

  @Test
  void optionalHeaderFieldsAreSkippedAndAWrongHeaderCrcIsCorrupt() throws IOException {
    byte[] m = fullHeaderMember(ascii("flags"));
    assertThat(inflate(m, 100)).isEqualTo(ascii("flags"));
    assertThat(jdk(m)).isEqualTo(ascii("flags"));
    byte[] bad = m.clone();
    bad[10 + 5 + 5 + 8] ^= 1; // the header CRC's low byte
    assertThat(inflate(bad, 100)).isSameAs(Gzip.CORRUPT);
    assertThat(jdk(bad)).isNull();
  }

  @Test
  void aWrongDataCrcOrSizeOrACutMemberIsCorruptAndTheCapHolds() {
    byte[] b = gz(ascii("checked data"));
    for (int i : new int[] {b.length - 8, b.length - 4, b.length - 1}) {
      byte[] bad = b.clone();
      bad[i] ^= 0x40;
      assertThat(inflate(bad, 100)).as("byte %d", i).isSameAs(Gzip.CORRUPT);
    }
    assertThat(inflate(Arrays.copyOf(b, b.length - 3), 100)).isSameAs(Gzip.CORRUPT);
    assertThat(inflate(b, 5)).isSameAs(Gzip.TOO_LARGE);
    assertThat(inflate(cat(b, b), 20)).isSameAs(Gzip.TOO_LARGE);
    assertThat(inflate(ascii("not gzip at all"), 100)).isSameAs(Gzip.CORRUPT);
  }

  @Test
  void agreesWithTheJdkReaderOnGeneratedMembersTailsAndDamage() throws IOException {
    Random r = new Random(7);
    for (int round = 0; round < 1500; round++) {
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      ByteArrayOutputStream want = new ByteArrayOutputStream();
      int members = 1 + r.nextInt(3);
      for (int m = 0; m < members; m++) {
        byte[] data = new byte[r.nextInt(300)];
        for (int i = 0; i < data.length; i++) {
          data[i] = (byte) ('a' + r.nextInt(r.nextBoolean() ? 3 : 26));
        }
        in.writeBytes(r.nextInt(4) == 0 ? fullHeaderMember(data) : gz(data));
        want.writeBytes(data);
      }
      int membersEnd = in.size();
      int kind = r.nextInt(4);
      if (kind == 1) {
        byte[] tail = new byte[20 + r.nextInt(60)];
        for (int i = 0; i < tail.length; i++) {
          tail[i] = (byte) (' ' + r.nextInt(90)); // never the gzip magic
        }
        in.writeBytes(tail);
      }
      byte[] b = in.toByteArray();
      if (kind == 2) {
        b[10 + r.nextInt(b.length - 10)] ^= (byte) (1 + r.nextInt(255));
      } else if (kind == 3) {
        b = Arrays.copyOf(b, 1 + r.nextInt(b.length - 1));
      }
      int[] end = {-1};
      byte[] ours = Gzip.inflate(b, 1 << 20, end);
      byte[] theirs = jdk(b);
      if (ours == Gzip.CORRUPT) {
        // Damage the JDK reader shrugs off (e.g. in a header field it does not check) may still
        // inflate there; what we read must never be data the JDK reads differently.
        assertThat(kind).as("round %d", round).isGreaterThanOrEqualTo(2);
        continue;
      }
      assertThat(ours).as("round %d", round).isEqualTo(theirs);
      if (kind <= 1) {
        assertThat(ours).isEqualTo(want.toByteArray());
        assertThat(end[0]).as("round %d", round).isEqualTo(membersEnd);
      }
    }
  }

  @Test
  void aReaderThatStopsAtTheFirstMemberIsNotWhatWeFollow() throws IOException {
    // Sanity for the differential above: the JDK reader reads every member too.
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(two)) {
      g.write(ascii("a"));
    }
    byte[] b = cat(two.toByteArray(), gz(ascii("b")));
    assertThat(jdk(b)).isEqualTo(ascii("ab"));
    assertThat(inflate(b, 10)).isEqualTo(ascii("ab"));
  }
}
