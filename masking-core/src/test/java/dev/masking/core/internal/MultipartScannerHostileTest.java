package dev.masking.core.internal;

import static dev.masking.core.internal.MultipartTesting.CT;
import static dev.masking.core.internal.MultipartTesting.end;
import static dev.masking.core.internal.MultipartTesting.part;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskingOptions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class MultipartScannerHostileTest {

  @Test
  void oneMegabyteFilePartIsCopiedAndTheFieldAfterItMasked() {
    byte[] file = new byte[1 << 20];
    new Random(7).nextBytes(file);
    for (int i = 0; i < file.length; i++) {
      if (file[i] == '\n') {
        file[i] = 'n'; // no accidental delimiter line inside the file
      }
    }
    byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"big.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(UTF_8);
    byte[] tail = ("\r\n" + part("password", "hunter2") + end()).getBytes(UTF_8);
    byte[] body = concat(head, file, tail);
    byte[] out = MultipartTesting.maskBytes(body, CT, RecordingPolicy.names("password"),
        MaskingOptions.defaults());
    byte[] expectedTail = ("\r\n" + part("password", "***") + end()).getBytes(UTF_8);
    assertThat(out).isEqualTo(concat(head, file, expectedTail));
  }

  @Test
  void oneMegabyteFileUnderASelectedNameIsMasked() {
    byte[] file = new byte[1 << 20];
    Arrays.fill(file, (byte) 'k');
    byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"private_key\"; filename=\"k\"\r\n\r\n")
        .getBytes(UTF_8);
    byte[] tail = ("\r\n" + end()).getBytes(UTF_8);
    byte[] out = MultipartTesting.maskBytes(concat(head, file, tail), CT,
        RecordingPolicy.names("private_key"), MaskingOptions.defaults());
    assertThat(out).isEqualTo(concat(head, "***".getBytes(UTF_8), tail));
  }

  @Test
  void randomMutationsNeverThrowAndLeaveTheRunBalanced() {
    String seed = "pre\r\n" + part("user", "bob") + "--XyZ\r\nContent-Disposition: form-data; "
        + "name*=UTF-8''pass%77ord; filename=\"=?UTF-8?B?eA==?=\"\r\nContent-Transfer-Encoding: base64"
        + "\r\nContent-Type: multipart/mixed; boundary=\"In\"\r\n\r\nLS1Jbg0K\r\n" + part("a", "--In")
        + end();
    byte[] base = seed.getBytes(UTF_8);
    byte[] alphabet = "-\r\n\"';=:*%?\t XyZIn".getBytes(UTF_8);
    Random r = new Random(42);
    for (int round = 0; round < 3_000; round++) {
      byte[] b = base.clone();
      int edits = 1 + r.nextInt(8);
      for (int e = 0; e < edits; e++) {
        int at = r.nextInt(b.length);
        b[at] = r.nextBoolean() ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
      }
      int cut = r.nextInt(b.length + 1);
      byte[] in = Arrays.copyOf(b, cut);
      // maskBytes asserts the run is back at its entry depth.
      byte[] out = MultipartTesting.maskBytes(in, r.nextBoolean() ? CT : null,
          RecordingPolicy.names("password", "a"), MaskingOptions.defaults());
      if (out != null) {
        assertThat(out.length).isLessThanOrEqualTo(in.length + 64);
      }
    }
  }

  @Test
  void delimitersOnlyAndEmptyPartsAreHarmless() {
    for (String body : new String[] {"--XyZ", "--XyZ--", "--XyZ\r\n", "--XyZ\r\n--XyZ\r\n--XyZ--",
        "\r\n\r\n", "--XyZ\r\n\r\n", "--XyZ\r\nContent-Disposition: form-data; name=password\r\n\r\n",
        "--XyZ\r\nContent-Disposition: form-data; name=password\r\n\r\n\r\n--XyZ--"}) {
      assertThat(MultipartTesting.mask(body, CT, RecordingPolicy.names("password"))).as(body).isNull();
    }
  }

  @Test
  void oneScannerServesManyThreadsWithTheSameResult() throws Exception {
    String body = "pre\r\n" + part("user", "bob") + part("password", "hunter2") + end();
    dev.masking.core.MaskPolicy p = f -> "password".equals(f.name())
        ? new dev.masking.core.Decision(dev.masking.core.MaskAction.redact(), "t") : null;
    String expected = "pre\r\n" + part("user", "bob") + part("password", "***") + end();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          boolean ok = true;
          for (int i = 0; i < 500; i++) {
            MaskRun run = new MaskRun(p, MaskingOptions.defaults());
            run.push(dev.masking.core.Step.of("post"));
            byte[] src = body.getBytes(UTF_8);
            byte[] out = MultipartScanner.mask(src, 0, src.length, CT, run);
            ok &= out != null && expected.equals(new String(out, UTF_8));
          }
          return ok;
        }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
