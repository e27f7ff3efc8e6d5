package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.Step;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A request body sent with {@code Content-Encoding: gzip} (or {@code x-gzip}, {@code deflate}).
 * Some servers inflate such bodies before the application reads them (Express's body-parser by
 * default, Jetty's GzipHandler, Apache's mod_deflate input filter), so the fields inside are read
 * under their names: the body is inflated (at most {@code maxInflatedBytes}), scanned as any body,
 * and, when something inside was masked, compressed again the same way; when nothing was, the bytes
 * stay as sent. A body that inflates past the cap is masked whole; one that does not inflate is
 * scanned as sent. Only a single declared coding is read (a list or an unknown coding is left as
 * sent).
 *
 * <p>Stateless and thread-safe.
 */
public final class EncodedBody {
  private EncodedBody() {}

  /** The body scanner the caller uses for any body: the masked bytes, or null when unchanged. */
  public interface Scan {
    /** Masks {@code body} as the body of {@code req}. */
    byte[] mask(HttpRequest req, byte[] body, MaskRun run);
  }

  private static final int NONE = 0;
  private static final int GZIP = 1;
  private static final int DEFLATE = 2;
  private static final int RAW_DEFLATE = 3;

  /** Sentinel results of {@link #inflate}; compared by identity. */
  private static final byte[] CORRUPT = new byte[0];
  private static final byte[] TOO_LARGE = new byte[0];

  /**
   * Masks the body of {@code req}: through {@code scan} inflated when its Content-Encoding is one
   * this class reads, else as sent.
   *
   * @return the masked body, or null when unchanged
   */
  public static byte[] mask(HttpRequest req, MaskRun run, Scan scan) {
    byte[] body = req.bodyUnsafe();
    int coding = body.length == 0 ? NONE : coding(req.headers());
    if (coding == NONE) {
      return scan.mask(req, body, run);
    }
    int max = run.options().maxInflatedBytes();
    byte[] inflated = inflate(body, coding, max);
    if (coding == DEFLATE && inflated == CORRUPT) {
      inflated = inflateZlib(body, max, true); // a raw deflate stream, as some clients send
      coding = RAW_DEFLATE;
    }
    if (inflated == CORRUPT) {
      return scan.mask(req, body, run); // not what it says: a server rejects it; read as sent
    }
    if (inflated == TOO_LARGE) {
      int depth = run.depth();
      run.push(Step.of("post"));
      run.maskedWhole("compressed body inflates past maxInflatedBytes; masked whole");
      run.popTo(depth);
      return Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII);
    }
    byte[] masked = scan.mask(req, inflated, run);
    if (masked == null) {
      return null;
    }
    return compress(masked, coding);
  }

  private static byte[] compress(byte[] data, int coding) {
    return coding == GZIP ? Gzip.deflate(data) : deflate(data, coding == RAW_DEFLATE);
  }

  /**
   * {@code body} as a receiver that inflates it reads it, with {@code sweep} applied, compressed
   * again; null when the body is not compressed or {@code sweep} changed nothing.
   */
  static byte[] sweepInflated(byte[] body, Headers headers, int max,
      java.util.function.UnaryOperator<byte[]> sweep) {
    int coding = body.length == 0 ? NONE : coding(headers);
    if (coding == NONE) {
      return null;
    }
    byte[] inflated = inflate(body, coding, max);
    if (coding == DEFLATE && inflated == CORRUPT) {
      inflated = inflateZlib(body, max, true);
      coding = RAW_DEFLATE;
    }
    if (inflated == CORRUPT || inflated == TOO_LARGE) {
      return null;
    }
    byte[] swept = sweep.apply(inflated);
    return swept == null ? null : compress(swept, coding);
  }

  /** The single Content-Encoding declared, if this class reads it. */
  private static int coding(Headers headers) {
    if (headers.count("Content-Encoding") == 0) {
      return NONE;
    }
    List<String> all = headers.all("Content-Encoding");
    int found = NONE;
    for (String v : all) {
      String c = Ascii.lower(v.trim());
      int k = c.isEmpty() || c.equals("identity") ? NONE
          : c.equals("gzip") || c.equals("x-gzip") ? GZIP
          : c.equals("deflate") ? DEFLATE : -1;
      if (k == -1 || k != NONE && found != NONE) {
        return NONE; // a coding we do not read, or two codings: left as sent
      }
      if (k != NONE) {
        found = k;
      }
    }
    return found;
  }

  private static byte[] inflate(byte[] body, int coding, int max) {
    if (coding == GZIP) {
      byte[] r = Gzip.inflate(body, max);
      return r == Gzip.CORRUPT ? CORRUPT : r == Gzip.TOO_LARGE ? TOO_LARGE : r;
    }
    return inflateZlib(body, max, false); // "deflate" is zlib (RFC 1950)
  }

  private static byte[] inflateZlib(byte[] body, int max, boolean raw) {
    Inflater inf = new Inflater(raw);
    try {
      inf.setInput(body);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, body.length * 4 + 64));
      byte[] buf = new byte[8192];
      long total = 0;
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          return CORRUPT; // truncated, or a preset dictionary we do not have
        }
        total += n;
        if (total > max) {
          return TOO_LARGE;
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException | RuntimeException e) {
      return CORRUPT; // the exception text is never kept
    } finally {
      inf.end();
    }
  }

  private static byte[] deflate(byte[] data, boolean raw) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!d.finished()) {
        int n = d.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }
}
