package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.masking.core.AttackReport;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Seeded random JSON and XML bodies mixing selected names, detector shapes (cards, e-mail
 * addresses, JWTs, tokens, IBANs, URL passwords), references, escapes, CDATA and comments, masked
 * with {@code default} and {@code pii}: a valid body stays valid (P3) and masking the output again
 * changes no byte (P6). Words are separated by spaces: text glued to a shape is a documented limit
 * of the detectors (a mask gives its neighbour a word boundary). {@code -Dreview.rounds} for
 * longer runs.
 */
final class EvidencePropertyTest {

  private static final Masker MASKER = Masker.of(RuleSet.builder()
      .include(RuleSet.preset("default")).include(RuleSet.preset("pii")).build());
  private static final int ROUNDS = Integer.getInteger("review.rounds", 600);
  private static final String[] SHAPES = {"4111111111111111", "5500 0000 0000 0004",
      "john@example.com", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
          + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "AKIAIOSFODNN7EXAMPLE",
      "DE89370400440532013000", "https://bob:hunter22@x.example/", "1234", "' OR 1=1--", "a",
      "\u00e9", "\ud83d\ude00", "****", "***", "%27", "+"};
  private static final String[] JSON_ONLY = {"<script>", "\\u003c", "\\u0027", "\\\"", "\\\\",
      "\\/", "\\ud83d\\ude00", "\\n", "eyJwYXNzd29yZCI6Imh1bnRlcjIifQ==", "password=x&y=1"};
  private static final String[] XML_ONLY = {"&lt;script&gt;", "&#60;", "&#x27;", "&amp;",
      "&#x1F600;", "]]", "&gt;", "'", "&quot;", "\r\n", "\t"};
  private static final String[] NAMES = {"password", "note", "cc_number", "token", "q", "data",
      "pan", "email", "x"};

  private static MaskedReport mask(String contentType, String body) {
    HttpRequest req = HttpRequest.builder().method("POST").uri("/x").header("Host", "h")
        .header("Content-Type", contentType).body(body).build();
    return MASKER.mask(new AttackReport("r", null, req, List.of(), Map.of()));
  }

  private static String words(Random rnd, String[] extra) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      int k = rnd.nextInt(SHAPES.length + extra.length);
      sb.append(k < SHAPES.length ? SHAPES[k] : extra[k - SHAPES.length]).append(' ');
    }
    return sb.toString();
  }

  static String json(Random rnd, int depth) {
    int k = rnd.nextInt(depth > 2 ? 3 : 6);
    switch (k) {
      case 0:
        return "\"" + words(rnd, JSON_ONLY) + "\"";
      case 1:
        return new String[] {"1234", "4111111111111111", "-0", "1.0e2", "true", "null",
            "12345678"}[rnd.nextInt(7)];
      case 2:
        return "\"" + SHAPES[rnd.nextInt(SHAPES.length)] + "\"";
      case 3:
      case 4: {
        StringBuilder sb = new StringBuilder("{");
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i == 0 ? "" : rnd.nextBoolean() ? "," : " ,\n ").append('"')
              .append(NAMES[rnd.nextInt(NAMES.length)]).append("\":").append(json(rnd, depth + 1));
        }
        return sb.append('}').toString();
      }
      default: {
        StringBuilder sb = new StringBuilder("[");
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i == 0 ? "" : ",").append(json(rnd, depth + 1));
        }
        return sb.append(']').toString();
      }
    }
  }

  static String xml(Random rnd) {
    StringBuilder sb = new StringBuilder("<r>");
    int els = 1 + rnd.nextInt(3);
    for (int e = 0; e < els; e++) {
      String name = new String[] {"note", "password", "x", "cc_number"}[rnd.nextInt(4)];
      sb.append('<').append(name);
      if (rnd.nextBoolean()) {
        sb.append(" t=\"").append(words(rnd, XML_ONLY).replace("\r\n", " ")).append('"');
      }
      sb.append('>');
      int pieces = 1 + rnd.nextInt(4);
      for (int p = 0; p < pieces; p++) {
        int k = rnd.nextInt(4);
        if (k == 0) {
          sb.append("<![CDATA[").append(words(rnd, new String[] {"<b>", "] ]", ">"}))
              .append("]]>");
        } else if (k == 1) {
          sb.append("<!--c-->");
        } else {
          sb.append(words(rnd, XML_ONLY));
        }
      }
      sb.append("</").append(name).append('>');
    }
    return sb.append("</r>").toString();
  }

  private static boolean validJson(ObjectMapper om, byte[] b) {
    try {
      om.readTree(b);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static boolean validXml(byte[] b) {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.newSAXParser().parse(new ByteArrayInputStream(b), new DefaultHandler());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void randomJsonBodiesStayValidAndMaskIdempotently() {
    ObjectMapper om = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    Random rnd = new Random(20261122L);
    int checked = 0;
    for (int r = 0; r < ROUNDS; r++) {
      String body = json(rnd, 0);
      if (!validJson(om, body.getBytes(UTF_8))) {
        continue;
      }
      checked++;
      MaskedReport once = mask("application/json", body);
      byte[] out = once.report().request().body();
      assertThat(validJson(om, out)).as(() -> body + " -> " + new String(out, UTF_8)).isTrue();
      byte[] again = MASKER.mask(once.report()).report().request().body();
      assertThat(new String(again, UTF_8)).as(body).isEqualTo(new String(out, UTF_8));
    }
    assertThat(checked).isGreaterThan(ROUNDS / 2);
  }

  @Test
  void randomXmlBodiesStayValidAndMaskIdempotently() {
    Random rnd = new Random(20261123L);
    for (int r = 0; r < ROUNDS; r++) {
      String body = xml(rnd);
      boolean valid = validXml(body.getBytes(UTF_8));
      MaskedReport once = mask("text/xml", body);
      byte[] out = once.report().request().body();
      if (valid) {
        assertThat(validXml(out)).as(() -> body + " -> " + new String(out, UTF_8)).isTrue();
      }
      byte[] again = MASKER.mask(once.report()).report().request().body();
      assertThat(new String(again, UTF_8)).as(body).isEqualTo(new String(out, UTF_8));
    }
  }
}
