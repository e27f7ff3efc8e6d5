package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON bodies in UTF-16 or UTF-32. A byte-level scan for UTF-8 would find no names in them (every
 * other byte is zero), so such a body is transcoded to UTF-8, scanned, and the result encoded back
 * in the body's own encoding, byte order mark included. A body that does not survive the round
 * trip (an unpaired surrogate, a truncated code unit) is masked whole, with a note: fail closed.
 *
 * <p>Stateless and thread-safe.
 */
final class WideJson {
  static final String NOTE_TRANSCODED = "JSON body in UTF-16 or UTF-32; scanned as UTF-8";
  static final String NOTE_UNDECODABLE =
      "JSON body looks like UTF-16 or UTF-32 but is not valid in it; masked whole";

  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  private WideJson() {}

  /**
   * The wide encoding of {@code src[from, to)}, or null for UTF-8: by byte order mark, else by the
   * zero bytes of the first two characters, which in JSON text are ASCII (RFC 4627, section 3).
   */
  static Charset detect(byte[] b, int from, int to) {
    int n = to - from;
    if (n < 2) {
      return null;
    }
    int b0 = b[from] & 0xFF;
    int b1 = b[from + 1] & 0xFF;
    int b2 = n >= 4 ? b[from + 2] & 0xFF : -1;
    int b3 = n >= 4 ? b[from + 3] & 0xFF : -1;
    if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      return UTF_32BE;
    }
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      return UTF_32LE;
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    if (n < 4) {
      return null;
    }
    if (b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
      return UTF_32BE;
    }
    if (b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
      return UTF_32LE;
    }
    if (b0 == 0 && b1 != 0 && b2 == 0 && b3 != 0) {
      return StandardCharsets.UTF_16BE;
    }
    if (b0 != 0 && b1 == 0 && b2 != 0 && b3 == 0) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /** {@link JsonScanner#mask} for a body in {@code cs}. */
  static byte[] mask(byte[] src, int from, int to, Charset cs, MaskRun run) {
    int bom = bomLength(src, from, to, cs);
    byte[] body = Arrays.copyOfRange(src, from + bom, to);
    String text = decode(body, cs);
    if (text == null || !Arrays.equals(text.getBytes(cs), body)) {
      return maskWhole(src, from, to, bom, cs, run);
    }
    run.note(new Note(Note.Kind.INFO, run.point(), null, null, NOTE_TRANSCODED));
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] masked = JsonScanner.maskUtf8(utf8, 0, utf8.length, run);
    if (masked == null) {
      return null;
    }
    byte[] encoded = new String(masked, StandardCharsets.UTF_8).getBytes(cs);
    return withBom(src, from, bom, encoded);
  }

  private static byte[] withBom(byte[] src, int from, int bom, byte[] encoded) {
    byte[] out = new byte[bom + encoded.length];
    System.arraycopy(src, from, out, 0, bom);
    System.arraycopy(encoded, 0, out, bom, encoded.length);
    return out;
  }

  private static int bomLength(byte[] b, int from, int to, Charset cs) {
    int n = to - from;
    boolean four = cs == UTF_32BE || cs == UTF_32LE;
    if (four) {
      boolean be = n >= 4 && b[from] == 0 && b[from + 1] == 0 && b[from + 2] == (byte) 0xFE
          && b[from + 3] == (byte) 0xFF;
      boolean le = n >= 4 && b[from] == (byte) 0xFF && b[from + 1] == (byte) 0xFE
          && b[from + 2] == 0 && b[from + 3] == 0;
      return be || le ? 4 : 0;
    }
    boolean be = b[from] == (byte) 0xFE && b[from + 1] == (byte) 0xFF;
    boolean le = b[from] == (byte) 0xFF && b[from + 1] == (byte) 0xFE;
    return be || le ? 2 : 0;
  }

  private static String decode(byte[] body, Charset cs) {
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null; // the exception text is never kept
    }
  }

  /** The whole body as one redact mask, as a JSON string in {@code cs} after the BOM. */
  private static byte[] maskWhole(byte[] src, int from, int to, int bom, Charset cs, MaskRun run) {
    run.push(Step.of("json_doc"), null);
    run.fallback(NOTE_UNDECODABLE);
    Decision d = new Decision(MaskAction.redact(), "(undecodable body)");
    String original = new String(src, from + bom, to - from - bom, cs);
    ByteSink sink = new ByteSink(16);
    JsonEscapes.writeQuoted(sink, run.mask(d, original));
    byte[] encoded = new String(sink.toByteArray(), StandardCharsets.UTF_8).getBytes(cs);
    run.pop();
    return withBom(src, from, bom, encoded);
  }
}
