package dev.masking.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import dev.masking.rules.Rule;
import dev.masking.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark inputs, generated deterministically (fixed seeds), and the key set every engine
 * masks.
 *
 * <p>The JSON inputs are chosen so that every engine can give the same output byte for byte:
 * members only under lower-case names (Logbook compares names case-sensitively), a sensitive name
 * only ever holds a string or number (never {@code null}, which json-masker leaves, nor a
 * container, which json-masker masks leaf by leaf and Logbook not at all, where ours masks it
 * whole) and its value is a random token found nowhere else in the document (ours also masks
 * repeats of a masked value anywhere in the report; the peers do not), compact text, numbers and escapes as Jackson writes them ({@code \" \\ \n \t \r},
 * non-ASCII as raw UTF-8, decimals without trailing zeros) so that the re-serialising Jackson
 * engines round-trip the untouched bytes.
 */
final class Inputs {
  private Inputs() {}

  /** The names every engine masks in JSON bodies. */
  static final Set<String> JSON_KEYS = Set.of("password", "secret", "token", "access_token",
      "refresh_token", "api_key", "card_number", "cvv", "ssn", "pin", "otp", "client_secret");

  /** The names every engine masks in the login form. */
  static final Set<String> FORM_KEYS = Set.of("password", "csrf_token");

  /** The JSON inputs, by {@code @Param size} value. */
  static final List<String> JSON_SIZES = List.of("1kb", "100kb", "nested500", "nomatch1kb",
      "dense1kb");

  private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
      "golf", "hotel", "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
      "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee",
      "zulu", "caf\u00e9", "na\u00efve", "\u2603", "r\u00e9sum\u00e9"};
  /** JSON escapes that every engine, Jackson included, writes back exactly. */
  private static final String[] ESCAPES = {"\\\"", "\\\\", "\\n", "\\t", "\\r"};
  private static final String[] PLAIN_KEYS = {"id", "name", "email_addr", "active", "score",
      "tags", "address", "street", "city", "zip", "created", "updated", "status", "kind", "note",
      "count", "price", "currency", "locale", "ref", "owner", "title", "level", "weight"};
  private static final String[] SECRET_KEYS = JSON_KEYS.stream().sorted().toArray(String[]::new);

  /** The ours rule set for JSON bodies: {@link #JSON_KEYS}, case-insensitive, redact. */
  static RuleSet jsonRules() {
    return RuleSet.builder().rule(Rule.builder("bench/json")
        .names(JSON_KEYS.stream().sorted().toArray(String[]::new)).exact(true)
        .action(MaskAction.redact()).build()).build();
  }

  /** The ours rule set for the form: {@link #FORM_KEYS}, case-insensitive, redact. */
  static RuleSet formRules() {
    return RuleSet.builder().rule(Rule.builder("bench/form")
        .names(FORM_KEYS.stream().sorted().toArray(String[]::new)).exact(true)
        .action(MaskAction.redact()).build()).build();
  }

  /** The JSON body for one {@code @Param size} value. */
  static byte[] json(String size) {
    String text = switch (size) {
      case "1kb" -> new JsonGen(23, 0.07, false).document(1024);
      case "100kb" -> new JsonGen(2, 0.07, true).document(100 * 1024);
      case "nomatch1kb" -> new JsonGen(3, 0.0, false).document(1024);
      case "dense1kb" -> new JsonGen(4, 0.5, false).document(1024);
      case "nested500" -> nested(500);
      default -> throw new IllegalArgumentException("unknown JSON input " + size);
    };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** 500 levels of objects, each with a name, a secret and the next level. */
  private static String nested(int levels) {
    Random r = new Random(5);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      b.append("{\"level\":").append(i).append(",\"name\":\"").append(WORDS[r.nextInt(WORDS.length)])
          .append('"');
      if (i % 5 == 0) {
        b.append(",\"token\":\"t-").append(Long.toHexString(r.nextLong())).append('"');
      }
      b.append(",\"child\":");
    }
    b.append("{\"leaf\":true}");
    b.append("}".repeat(levels));
    return b.toString();
  }

  /** Generates realistic API JSON: an array of records with nested objects and arrays. */
  private static final class JsonGen {
    private final Random r;
    private final double secretRatio;
    private final boolean uniqueKeys;
    private final StringBuilder b = new StringBuilder();
    private int unique;

    JsonGen(long seed, double secretRatio, boolean uniqueKeys) {
      this.r = new Random(seed);
      this.secretRatio = secretRatio;
      this.uniqueKeys = uniqueKeys;
    }

    String document(int target) {
      b.append("{\"request_id\":\"").append(Long.toHexString(r.nextLong())).append("\",\"items\":[");
      String tail = "],\"page\":" + r.nextInt(100) + "}";
      boolean first = true;
      int bytes = utf8Length(0);
      for (int misses = 0; misses < 50; ) {
        int mark = b.length();
        if (!first) {
          b.append(',');
        }
        object(1, 4 + r.nextInt(5));
        int added = utf8Length(mark);
        if (bytes + added + tail.length() > target) {
          b.setLength(mark); // too long: try a smaller record
          misses++;
        } else {
          bytes += added;
          first = false;
        }
      }
      return b.append(tail).toString();
    }

    private int utf8Length(int from) {
      return b.substring(from).getBytes(StandardCharsets.UTF_8).length;
    }

    private void object(int depth, int members) {
      b.append('{');
      // No name twice in one object: the Jackson tree engine cannot keep duplicates.
      Set<String> used = new HashSet<>();
      for (int m = 0; m < members; m++) {
        if (m > 0) {
          b.append(',');
        }
        boolean secret = r.nextDouble() < secretRatio;
        String key;
        do {
          key = secret ? SECRET_KEYS[r.nextInt(SECRET_KEYS.length)] : plainKey();
        } while (!used.add(key));
        b.append('"').append(key).append("\":");
        if (secret) {
          secretValue();
        } else {
          value(depth);
        }
      }
      b.append('}');
    }

    private String plainKey() {
      String k = PLAIN_KEYS[r.nextInt(PLAIN_KEYS.length)];
      return uniqueKeys ? k + "_" + (unique++) : k;
    }

    /**
     * A secret: a random token (sometimes with an escape) or an eight-digit number, unique in the
     * document. Never a word or literal found elsewhere: ours also masks a masked value where the
     * report repeats it (the residual sweep), which the peers do not do.
     */
    private void secretValue() {
      switch (r.nextInt(6)) {
        case 0 -> b.append(10_000_000 + r.nextInt(90_000_000));
        case 1 -> b.append("\"p\\\"w-").append(Long.toHexString(r.nextLong())).append('"');
        default -> b.append("\"s-").append(Long.toHexString(r.nextLong())).append('"');
      }
    }

    private void value(int depth) {
      int k = r.nextInt(depth < 3 ? 10 : 8);
      switch (k) {
        case 0, 1, 2, 3 -> string();
        case 4 -> b.append(r.nextInt(1_000_000));
        case 5 -> b.append(r.nextInt(1000)).append('.').append(1 + r.nextInt(9));
        case 6 -> b.append(r.nextBoolean());
        case 7 -> {
          b.append('[');
          int n = 1 + r.nextInt(4);
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              b.append(',');
            }
            string();
          }
          b.append(']');
        }
        default -> object(depth + 1, 2 + r.nextInt(4));
      }
    }

    private void string() {
      b.append('"');
      int words = 1 + r.nextInt(5);
      for (int i = 0; i < words; i++) {
        if (i > 0) {
          b.append(r.nextInt(8) == 0 ? ESCAPES[r.nextInt(ESCAPES.length)] : " ");
        }
        b.append(WORDS[r.nextInt(WORDS.length)]);
      }
      if (r.nextInt(4) == 0) {
        b.append('-').append(Integer.toHexString(r.nextInt()));
      }
      b.append('"');
    }
  }

  /** A request with only a body, for measuring one body scanner through the public API. */
  static AttackReport bodyOnly(String contentType, byte[] body) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/").protocol("HTTP/1.1")
        .header("Content-Type", contentType).body(body).build();
    return AttackReport.of(req);
  }

  /** A ~100 B login form body. */
  static byte[] formBody() {
    return ("username=bob.smith%40example.com&password=%27+OR+1%3D1--+hunter2&remember_me=1"
        + "&csrf_token=Xk29fj3Lq0pZ8wE7").getBytes(StandardCharsets.UTF_8);
  }

  /** A ~2 KB SOAP request with WS-Security credentials and a card number. */
  static byte[] soap() {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" ")
        .append("xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity")
        .append("-secext-1.0.xsd\" xmlns:pay=\"http://example.com/payments/v2\">\n")
        .append("  <soapenv:Header>\n    <wsse:Security soapenv:mustUnderstand=\"1\">\n")
        .append("      <wsse:UsernameToken>\n        <wsse:Username>merchant-0042</wsse:Username>\n")
        .append("        <wsse:Password Type=\"PasswordText\">s3cr3t&amp;P@ss</wsse:Password>\n")
        .append("        <wsse:Nonce>QmVuY2htYXJrTm9uY2U=</wsse:Nonce>\n")
        .append("      </wsse:UsernameToken>\n    </wsse:Security>\n  </soapenv:Header>\n")
        .append("  <soapenv:Body>\n    <pay:AuthorizeRequest>\n");
    Random r = new Random(6);
    for (int i = 0; b.length() < 1700; i++) {
      b.append("      <pay:Item sku=\"SKU-").append(1000 + r.nextInt(9000)).append("\" qty=\"")
          .append(1 + r.nextInt(5)).append("\">\n        <pay:Description>")
          .append(WORDS[r.nextInt(WORDS.length)]).append(' ').append(WORDS[r.nextInt(WORDS.length)])
          .append(" &lt;").append(i).append("&gt;</pay:Description>\n        <pay:Price>")
          .append(r.nextInt(500)).append('.').append(10 + r.nextInt(90))
          .append("</pay:Price>\n      </pay:Item>\n");
    }
    b.append("      <pay:Card>\n        <pay:card_number>4111111111111111</pay:card_number>\n")
        .append("        <pay:cvv>123</pay:cvv>\n        <pay:Holder>Bob Tables</pay:Holder>\n")
        .append("      </pay:Card>\n    </pay:AuthorizeRequest>\n  </soapenv:Body>\n")
        .append("</soapenv:Envelope>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static final String MULTIPART_BOUNDARY = "----BenchBoundary7MA4YWxkTrZu0gW";

  /** A multipart/form-data body: two small fields, a password, and a 1 MB file part. */
  static byte[] multipart() {
    String d = "--" + MULTIPART_BOUNDARY + "\r\n";
    StringBuilder head = new StringBuilder()
        .append(d).append("Content-Disposition: form-data; name=\"username\"\r\n\r\nbob\r\n")
        .append(d).append("Content-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n")
        .append(d).append("Content-Disposition: form-data; name=\"upload\"; filename=\"a.bin\"\r\n")
        .append("Content-Type: application/octet-stream\r\n\r\n");
    byte[] file = new byte[1024 * 1024];
    new Random(7).nextBytes(file);
    // Keep the boundary from appearing inside the file by chance: no '-' runs.
    for (int i = 0; i < file.length; i++) {
      if (file[i] == '-') {
        file[i] = '+';
      }
    }
    byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] t = ("\r\n--" + MULTIPART_BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + file.length + t.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(file, 0, all, h.length, file.length);
    System.arraycopy(t, 0, all, h.length + file.length, t.length);
    return all;
  }

  /**
   * A full ~2 KB attack report: request line with a query, browser headers, cookies, a JSON body
   * and two attacks, one inside a masked field.
   */
  static AttackReport fullReport() {
    String body = "{\"order\":{\"id\":\"ord-20261121-0042\",\"items\":[{\"sku\":\"A-100\",\"qty\":2,"
        + "\"price\":19.99},{\"sku\":\"B-220\",\"qty\":1,\"price\":5.5}],\"note\":"
        + "\"<script>alert(document.cookie)</script>\",\"gift\":false},\"customer\":{\"name\":"
        + "\"Bob \\\"Bobby\\\" Tables\",\"email\":\"bob@example.com\",\"phone\":\"+1-555-0100\","
        + "\"address\":{\"street\":\"1 Main St\",\"city\":\"Springfield\",\"zip\":\"12345\"}},"
        + "\"payment\":{\"method\":\"card\",\"card_number\":\"4111111111111111\",\"cvv\":\"123\","
        + "\"holder\":\"Bob Tables\"},\"session\":{\"access_token\":\"at-93jfK2lq0ZpXw8e7r6t5y4\","
        + "\"refresh_token\":\"rt-0a9s8d7f6g5h4j3k2l1\",\"expires_in\":3600},\"password\":"
        + "\"' OR 1=1-- hunter2\",\"meta\":{\"client\":\"web/3.14.1\",\"locale\":\"en-US\","
        + "\"tz\":\"Europe/Berlin\",\"ts\":1763700000,\"flags\":[\"a\",\"b\",\"c\"],"
        + "\"ref\":\"https://shop.example/cart?step=2\"},\"shipping\":{\"name\":\"Bob Tables\","
        + "\"street\":\"1 Main St\",\"city\":\"Springfield\",\"zip\":\"12345\",\"country\":\"US\","
        + "\"instructions\":\"Leave at the back door, \\\"beware of the dog\\\"\"},\"history\":["
        + "{\"id\":\"ord-20261001-0007\",\"total\":42.5,\"status\":\"delivered\"},"
        + "{\"id\":\"ord-20260912-0311\",\"total\":7.25,\"status\":\"returned\"},"
        + "{\"id\":\"ord-20260830-0102\",\"total\":129.0,\"status\":\"delivered\"}],"
        + "\"comment\":\"caf\\u00e9 \\n line\"}";
    HttpRequest req = HttpRequest.builder()
        .method("PUT").uri("/api/v1/orders/42?api_key=k-55aa77bb99cc&verbose=1&q=%27+or+1%3D1")
        .protocol("HTTP/1.1")
        .header("Host", "api.example")
        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
        .header("Accept", "application/json, text/plain, */*")
        .header("Accept-Language", "en-US,en;q=0.5")
        .header("Accept-Encoding", "gzip, deflate, br")
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl")
        .header("X-Request-Id", "4bf92f3577b34da6a3ce929d0e0e4736")
        .header("X-Forwarded-For", "203.0.113.7, 198.51.100.2")
        .header("Cookie", "lang=en; sessionid=9f8e7d6c5b4a39281706aa; theme=dark; _ga=GA1.2.3.4")
        .header("Referer", "https://shop.example/cart?step=2")
        .header("Origin", "https://shop.example")
        .header("Sec-Fetch-Mode", "cors")
        .header("Sec-Ch-Ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"")
        .body(body)
        .build();
    return new AttackReport("r-full", "7", req, List.of(
        Attack.of("xss", point("post", "json_doc", "hash", "order", "hash", "note"),
            "<script>alert(document.cookie)</script>"),
        Attack.of("sqli", point("post", "json_doc", "hash", "password"), "' OR 1=1--")),
        Map.of());
  }

  /** A ~100 B form login with SQL injection in the password field, plus a session cookie. */
  static AttackReport formLogin() {
    HttpRequest req = HttpRequest.builder()
        .method("POST").uri("/account/login?next=%2Fhome").protocol("HTTP/1.1")
        .header("Host", "shop.example")
        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", "lang=en; PHPSESSID=9f8e7d6c5b4a39281706; theme=dark")
        .body("user=bob&password=%27+OR+1%3D1--+hunter2&remember=1")
        .build();
    return new AttackReport("r-form", "7", req,
        List.of(Attack.of("sqli", point("post", "form_urlencoded", "password"), "' OR 1=1--")),
        Map.of());
  }

  /** A ~1 KB JSON API request: XSS in one member next to a token, with escapes and nesting. */
  static AttackReport jsonApi() {
    String body = "{\"order\":{\"id\":\"ord-20261121-0042\",\"items\":[{\"sku\":\"A-100\",\"qty\":2,"
        + "\"price\":19.99},{\"sku\":\"B-220\",\"qty\":1,\"price\":5.5}],\"note\":"
        + "\"<script>alert(document.cookie)</script>\",\"gift\":false},\"customer\":{\"name\":"
        + "\"Bob \\\"Bobby\\\" Tables\",\"email\":\"bob@example.com\",\"phone\":\"+1-555-0100\","
        + "\"address\":{\"street\":\"1 Main St\",\"city\":\"Springfield\",\"zip\":\"12345\"}},"
        + "\"payment\":{\"method\":\"card\",\"card_number\":\"4111111111111111\",\"cvv\":\"123\","
        + "\"holder\":\"Bob Tables\"},\"session\":{\"access_token\":\"at-93jfK2lq0ZpXw8e7r6t5y4\","
        + "\"refresh_token\":\"rt-0a9s8d7f6g5h4j3k2l1\",\"expires_in\":3600},\"meta\":{\"client\":"
        + "\"web/3.14.1\",\"locale\":\"en-US\",\"tz\":\"Europe/Berlin\",\"ts\":1763700000,"
        + "\"flags\":[\"a\",\"b\",\"c\"],\"ref\":\"https://shop.example/cart?step=2\","
        + "\"utm\":{\"source\":\"newsletter\",\"medium\":\"email\",\"campaign\":\"black-friday\"}},"
        + "\"comment\":\"caf\\u00e9 \\u2603 \\n second line\",\"tags\":[\"x\",\"y\",\"z\"]}";
    HttpRequest req = HttpRequest.builder()
        .method("PUT").uri("/api/v1/orders/42?api_key=k-55aa77bb99cc&verbose=1")
        .protocol("HTTP/1.1")
        .header("Host", "api.example")
        .header("User-Agent", "okhttp/4.12.0")
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln")
        .header("Accept", "application/json")
        .body(body)
        .build();
    return new AttackReport("r-json", "7", req,
        List.of(Attack.of("xss", point("post", "json_doc", "hash", "order", "hash", "note"),
            "<script>alert(document.cookie)</script>")),
        Map.of());
  }

  static Point point(String... flat) {
    var arr = JsonNodeFactory.instance.arrayNode();
    for (String s : flat) {
      arr.add(s);
    }
    return Point.parse(arr);
  }
}
