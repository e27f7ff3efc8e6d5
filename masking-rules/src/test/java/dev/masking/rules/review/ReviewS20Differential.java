package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.MaskingOptions;
import dev.masking.core.io.ReportJson;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.PrintStream;
import java.util.Base64;
import java.util.Random;

/**
 * review-s20 differential (a tool, no test): {@code java -cp TEST_CLASSES:JAR
 * dev.masking.rules.review.ReviewS20Differential defaults|min1|budget SEED ROUNDS [pii]} prints
 * one line per report: seed, whether the output holds the secret raw (R), a base64 head (B) or
 * case-folded (U), and the masked report with its notes. Odd seeds add a detector shape near 8 or
 * 64 chars (non-ASCII, escapes) to a header, cookie or path, a URL password, or the secret as a
 * header name. Run against two jars and compare the lines.
 */
public final class ReviewS20Differential {
  static final String[] NONASCII = {"\u00e9", "\u0131", "\u0431", "\u2019", "\ud83d\ude00",
      "\u0134", "\u0140", "\u00b1", "\u0231", "\u0100"};
  static final String[] SHAPES = {"4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU", "AKIAIOSFODNN7EXAMPLE",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "john.doe@example.com",
      "https://u:pw12345@h.example/x",
      "sk_live_abcdefghijklmnop1234", "123-45-6789"};

  static AttackReport extend(AttackReport rep, long seed) {
    Random r = new Random(seed * 31 + 7);
    HostileScannersReviewTest.Gen g = new HostileScannersReviewTest.Gen(seed);
    String secret = g.secret;
    HttpRequest req = rep.request();
    HttpRequest.Builder b = req.toBuilder();
    int k = r.nextInt(8);
    String sh = SHAPES[r.nextInt(SHAPES.length)];
    String na = NONASCII[r.nextInt(NONASCII.length)];
    // a detector shape padded to a length near 8 or 64 with non-ASCII or percent escapes
    int target = r.nextBoolean() ? 7 + r.nextInt(3) : 62 + r.nextInt(5);
    StringBuilder v = new StringBuilder(sh);
    while (v.length() < target) {
      v.append(r.nextInt(4) == 0 ? na : r.nextInt(3) == 0 ? "%41" : "a");
    }
    if (r.nextBoolean()) {
      v.insert(r.nextInt(v.length() + 1), na);
    }
    String val = v.length() > target && r.nextBoolean() ? v.substring(0, target) : v.toString();
    switch (k) {
      case 0 -> b.header("X-Data", val);
      case 1 -> b.header("Cookie", "c=" + val);
      case 2 -> b.uri("/a/" + val.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
          + "/b");
      case 3 -> b.uri("https://user:" + secret + "@h.example/p?x=" + (r.nextBoolean() ? "@" : "a"));
      case 4 -> b.header("X-" + secret, "v");
      case 5 -> b.header(Base64.getEncoder().encodeToString(secret.getBytes(UTF_8)), "v");
      case 6 -> b.header("X-T" + na, secret);
      default -> { }
    }
    return new AttackReport(rep.id(), null, b.build(), rep.attacks(), rep.extra());
  }

  public static void main(String[] a) throws Exception {
    MaskingOptions o = switch (a[0]) {
      case "min1" -> MaskingOptions.builder().residualMinLength(1).build();
      case "budget" -> MaskingOptions.builder().maxWorkBytes(3000).build();
      default -> MaskingOptions.defaults();
    };
    boolean pii = a.length > 3;
    RuleSet rs = pii ? RuleSet.builder().include(RuleSet.preset("default"))
        .include(RuleSet.preset("pii")).build() : RuleSet.preset("default");
    Masker m = Masker.of(rs, o);
    long seed = Long.parseLong(a[1]);
    int rounds = Integer.parseInt(a[2]);
    PrintStream out = new PrintStream(System.out, false, UTF_8);
    for (int i = 0; i < rounds; i++) {
      long s = seed + i;
      AttackReport rep = RandomReportIdempotenceTest.report(s);
      if (i % 2 == 1) {
        rep = extend(rep, s);
      }
      String secret = new HostileScannersReviewTest.Gen(s).secret;
      String text;
      try {
        MaskedReport once = m.mask(rep);
        text = new String(ReportJson.write(once, true), UTF_8);
      } catch (RuntimeException e) {
        text = "EXC " + e.getClass().getName();
      }
      String b64 = Base64.getEncoder().encodeToString(secret.getBytes(UTF_8));
      String flags = (text.contains(secret) ? "R" : "-")
          + (text.contains(b64.substring(0, 16)) ? "B" : "-")
          + (text.toUpperCase().contains(secret.toUpperCase()) ? "U" : "-");
      out.println(s + "\t" + flags + "\t" + text.replace("\n", "\\n"));
    }
    out.flush();
  }
}
