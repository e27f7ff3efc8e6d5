package dev.masking.bench;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.Point;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;

/** The benchmark inputs: realistic attack reports, built once per trial. */
final class Inputs {
  private Inputs() {}

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

  private static Point point(String... flat) {
    var arr = JsonNodeFactory.instance.arrayNode();
    for (String s : flat) {
      arr.add(s);
    }
    return Point.parse(arr);
  }
}
