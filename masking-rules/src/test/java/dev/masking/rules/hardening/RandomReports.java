package dev.masking.rules.hardening;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random attack reports of every body format, with secrets under sensitive names. */
final class RandomReports {
  private static final String[] NAMES = {"password", "token", "q", "id", "user", "api_key",
      "session", "x", "pass\\u0077ord", "email", "note"};
  private static final String[] JUNK = {"' OR 1=1--", "<script>alert(1)</script>", "../../etc/passwd",
      "%00", "\u00e9\u20ac", "{\"a\":", "&&", "\\\"", "${jndi:x}", ""};

  private RandomReports() {}

  static AttackReport next(Random r, int n) {
    String secret = "rnd" + n + "S" + Integer.toHexString(r.nextInt());
    StringBuilder query = new StringBuilder();
    int params = r.nextInt(5);
    for (int i = 0; i < params; i++) {
      query.append(i == 0 ? "" : "&").append(pick(r, NAMES).replace("\\u0077", "w")).append('=')
          .append(r.nextBoolean() ? secret + i : pick(r, JUNK).replace("&", "%26"));
    }
    HttpRequest.Builder b = HttpRequest.builder().method(r.nextBoolean() ? "GET" : "POST")
        .uri("/api/v" + r.nextInt(3) + "/x.php" + (params > 0 ? "?" + query : ""))
        .header("Host", "h" + r.nextInt(4) + ".example");
    if (r.nextBoolean()) {
      b.header("Authorization", "Bearer " + secret + "A");
    }
    if (r.nextBoolean()) {
      b.header("Cookie", "theme=x; session=" + secret + "C; other=" + pick(r, JUNK));
    }
    switch (r.nextInt(5)) {
      case 0 -> b.header("Content-Type", "application/json").body(json(r, secret, 0));
      case 1 -> b.header("Content-Type", "application/x-www-form-urlencoded")
          .body("a=1&password=" + secret + "F&q=" + pick(r, JUNK).replace("&", "%26"));
      case 2 -> b.header("Content-Type", "application/xml")
          .body("<r><password>" + secret + "X</password></r>");
      case 3 -> b.header("Content-Type", "application/json").body("{\"password\":\"" + secret
          + "J\", broken " + pick(r, JUNK));
      default -> { }
    }
    List<Attack> attacks = new ArrayList<>();
    attacks.add(Attack.of("sqli", Point.of(Step.named("get", "q")), pick(r, JUNK)));
    if (r.nextBoolean()) {
      attacks.add(Attack.of("echo", null, "saw " + secret + "A"));
    }
    return new AttackReport("r" + n, null, b.build(), attacks, Map.of());
  }

  private static String json(Random r, String secret, int depth) {
    if (depth > 3 || r.nextInt(3) == 0) {
      return r.nextBoolean() ? "\"" + pick(r, JUNK).replace("\\", "\\\\").replace("\"", "\\\"")
          + "\"" : String.valueOf(r.nextInt(1000));
    }
    StringBuilder sb = new StringBuilder("{");
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      String name = pick(r, NAMES);
      sb.append(i == 0 ? "" : ",").append('"').append(name).append("\":");
      if (name.startsWith("pass") || name.equals("token")) {
        sb.append(r.nextBoolean() ? "\"" + secret + "j" + depth + i + "\""
            : "[\"" + secret + "k\"," + depth + "]");
      } else {
        sb.append(json(r, secret, depth + 1));
      }
    }
    return sb.append('}').toString();
  }

  private static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }
}
