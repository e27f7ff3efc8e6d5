package dev.masking.rules.review;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Header;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random generators, one per format scanner (multipart, XML, headers and cookies, query,
 * form and path, the body on the wire), each planting a secret under a name the {@code default}
 * preset selects, spelled as hostile clients spell it (RFC 2231 continuations and RFC 2047 words
 * in part names, transfer encodings, nested multipart, namespaces, CDATA, DOCTYPE quoting tricks,
 * folded and duplicated headers, quoted cookies, percent and double encoding, {@code ;}
 * separators, chunked and gzip bodies). Each output is checked: no exception, the secret in no
 * form (raw, base64 at every alignment, standard and url alphabets) in any part of the output,
 * inside a compressed or chunked body too, and a second masking changes nothing. Only readings a
 * server gives the name are generated ({@code name+} in a path or cookie is not {@code name}).
 * {@code -Dreview.rounds} (per area) and {@code -Dreview.seed} for longer runs.
 */
final class HostileScannersReviewTest {

  private static final int ROUNDS = Integer.getInteger("review.rounds", 400);
  private static final long SEED = Long.getLong("review.seed", 20261122L);
  private static final Masker DEFAULT = Masker.of(RuleSet.preset("default"));

  @ParameterizedTest
  @ValueSource(strings = {"multipart", "xml", "headers", "form", "wire"})
  void noPlantedSecretSurvivesAndMaskingTwiceChangesNothing(String area) {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      long seed = SEED * 31 + i;
      Gen g = new Gen(seed);
      HttpRequest req = switch (area) {
        case "multipart" -> g.multipart();
        case "xml" -> g.xml();
        case "headers" -> g.headers();
        case "form" -> g.form();
        default -> g.wire();
      };
      String failure = check(req, g.secret);
      if (failure != null && failures.size() < 5) {
        failures.add("seed " + seed + ": " + failure);
      }
    }
    assertThat(failures).as(area).isEmpty();
  }

  private static String check(HttpRequest req, String secret) {
    MaskedReport m;
    try {
      m = DEFAULT.mask(new AttackReport("r-1", null, req, List.of(), Map.of()));
    } catch (RuntimeException e) {
      return "exception " + e.getClass().getSimpleName();
    }
    String all = everything(m);
    for (String f : forms(secret)) {
      if (all.contains(f)) {
        return "leak";
      }
    }
    MaskedReport again = DEFAULT.mask(m.report());
    if (!again.report().request().equals(m.report().request())) {
      return "a second masking changed the request";
    }
    return null;
  }

  /** The secret raw and in base64 (both alphabets) at each alignment, its inner 12 chars. */
  static List<String> forms(String s) {
    List<String> out = new ArrayList<>();
    out.add(s);
    byte[] b = s.getBytes(UTF_8);
    for (int pad = 0; pad < 3; pad++) {
      byte[] p = new byte[pad + b.length];
      System.arraycopy(b, 0, p, pad, b.length);
      String e = Base64.getEncoder().encodeToString(p);
      int from = pad == 0 ? 0 : pad == 1 ? 2 : 3;
      String mid = e.substring(from, Math.min(e.length(), from + 12));
      out.add(mid);
      out.add(mid.replace('+', '-').replace('/', '_'));
    }
    return out;
  }

  private static String everything(MaskedReport m) {
    AttackReport r = m.report();
    StringBuilder sb = new StringBuilder();
    sb.append(r.request().uri()).append('\n');
    for (Header h : r.request().headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    sb.append(new String(r.request().body(), UTF_8)).append('\n');
    sb.append(new String(r.request().body(), ISO_8859_1)).append('\n');
    sb.append(new String(decoded(r.request()), ISO_8859_1)).append('\n');
    for (Attack a : r.attacks()) {
      sb.append(a.payload()).append('\n');
    }
    for (Note n : m.notes()) {
      sb.append(n).append('\n');
    }
    return sb.toString();
  }

  /** The body with chunked framing taken off and a gzip or deflate coding inflated, leniently. */
  static byte[] decoded(HttpRequest q) {
    byte[] b = q.body();
    String ce = null;
    boolean chunked = false;
    for (Header h : q.headers()) {
      if (h.name().equalsIgnoreCase("transfer-encoding")
          && h.value().toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
        chunked = true;
      }
      if (h.name().equalsIgnoreCase("content-encoding")) {
        ce = h.value().trim().toLowerCase(java.util.Locale.ROOT);
      }
    }
    if (chunked) {
      ByteArrayOutputStream bo = new ByteArrayOutputStream();
      try {
        int i = 0;
        while (i < b.length) {
          int nl = i;
          while (nl < b.length && b[nl] != '\n') {
            nl++;
          }
          String line = new String(b, i, nl - i, ISO_8859_1).trim();
          int semi = line.indexOf(';');
          int len = Integer.parseInt(semi >= 0 ? line.substring(0, semi).trim() : line, 16);
          if (len == 0) {
            break;
          }
          bo.write(b, nl + 1, Math.min(len, b.length - nl - 1));
          i = nl + 1 + len;
          while (i < b.length && (b[i] == '\r' || b[i] == '\n')) {
            i++;
          }
        }
        b = bo.toByteArray();
      } catch (RuntimeException e) {
        // not chunked as declared: read as sent
      }
    }
    try {
      if ("gzip".equals(ce) || "x-gzip".equals(ce)) {
        return new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes();
      }
      if ("deflate".equals(ce)) {
        try {
          return new InflaterInputStream(new ByteArrayInputStream(b)).readAllBytes();
        } catch (IOException e) {
          return new InflaterInputStream(new ByteArrayInputStream(b), new Inflater(true))
              .readAllBytes();
        }
      }
    } catch (IOException e) {
      return b; // masked whole, or not compressed after all
    }
    return b;
  }

  /** One round's generator: a request with {@link #secret} planted under a selected name. */
  static final class Gen {
    final Random r;
    String secret;

    Gen(long seed) {
      r = new Random(seed);
      String al = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
      StringBuilder sb = new StringBuilder("Q");
      for (int i = 0; i < 14; i++) {
        sb.append(al.charAt(r.nextInt(al.length())));
      }
      secret = sb.append('Z').toString();
    }

    String pick(String... a) {
      return a[r.nextInt(a.length)];
    }

    boolean coin() {
      return r.nextBoolean();
    }

    String pctSome(String s) {
      StringBuilder sb = new StringBuilder();
      for (char c : s.toCharArray()) {
        sb.append(coin() ? String.format("%%%02X", (int) c) : String.valueOf(c));
      }
      return sb.toString();
    }

    String selName() {
      return pick("password", "token", "api_key", "Password", "PASSWD", "secret", "access_token",
          "apiKey");
    }

    // ---------------------------------------------------------------- multipart

    String nameParam(String name) {
      int k = r.nextInt(16);
      if (k >= 9 && name.length() > 1) {
        int cut = 1 + r.nextInt(name.length() - 1);
        String b64 = Base64.getEncoder().encodeToString(name.getBytes(UTF_8));
        return switch (k) {
          case 9 -> "name*0=\"" + name.substring(0, cut) + "\"; name*1=\"" + name.substring(cut)
              + "\"";
          case 10 -> "name*0*=UTF-8''" + pctSome(name.substring(0, cut)) + "; name*1*="
              + pctSome(name.substring(cut));
          case 11 -> "name=\"=?" + pick("UTF-8", "utf-8", "ISO-8859-1") + "?" + pick("Q", "q")
              + "?" + pctSome(name).replace('%', '=') + "?=\"";
          case 12 -> "name=\"=?utf-8?b?" + b64 + "?=\"";
          case 13 -> "name=\"" + name.substring(0, cut) + "\\" + name.substring(cut) + "\"";
          case 14 -> "name=\"" + name + "\";";
          default -> "filename=\"x\"; name=" + name + "; x=y";
        };
      }
      return switch (k) {
        case 0 -> "name=\"" + name + "\"";
        case 1 -> "name=" + name;
        case 2 -> "name='" + name + "'";
        case 3 -> "name*=UTF-8''" + pctSome(name);
        case 4 -> "name=\"=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(UTF_8))
            + "?=\"";
        case 5 -> "NAME=\"" + name + "\"";
        case 6 -> "name = \"" + name + "\"";
        case 7 -> "name=\"other\"; name=\"" + name + "\"";
        default -> "name*=utf-8'en'" + pctSome(name) + "; name=\"x\"";
      };
    }

    String mpBody(String boundary, String nl, int depth) {
      StringBuilder sb = new StringBuilder();
      if (r.nextInt(5) == 0) {
        sb.append("preamble text").append(nl);
      }
      int n = 1 + r.nextInt(4);
      int secretAt = r.nextInt(n);
      for (int i = 0; i < n; i++) {
        sb.append("--").append(boundary).append(i == 0 && r.nextInt(6) == 0 ? "  " : "")
            .append(nl);
        boolean sec = i == secretAt;
        String name = sec ? selName() : pick("user", "q", "comment", "file");
        String cd = "Content-Disposition: " + pick("form-data", "form-data", "FORM-DATA",
            "attachment") + "; " + nameParam(name);
        if (r.nextInt(4) == 0) {
          cd += pick("; filename=\"a.txt\"", "; filename*=UTF-8''a%20b.txt", "; filename=\"\"");
        }
        if (r.nextInt(8) == 0) {
          cd = cd.replace("; ", ";" + nl + " ");
        }
        String value = sec ? secret : "v" + r.nextInt(1000);
        int kind = r.nextInt(8);
        if (sec && kind == 4) {
          // a typed part, its name not selected, the secret under a selected name inside
          sb.append("Content-Disposition: form-data; name=\"data\"").append(nl);
          String sel = selName();
          switch (pick("json", "form", "xml")) {
            case "json" -> sb.append("Content-Type: application/json").append(nl).append(nl)
                .append("{\"a\":1,\"").append(sel).append("\":\"").append(value).append("\"}");
            case "form" -> sb.append("Content-Type: application/x-www-form-urlencoded").append(nl)
                .append(nl).append("a=1&").append(sel).append('=').append(value);
            default -> sb.append("Content-Type: text/xml").append(nl).append(nl).append("<r><")
                .append(sel).append('>').append(value).append("</").append(sel).append("></r>");
          }
          sb.append(nl);
          continue;
        }
        sb.append(cd).append(nl);
        if (sec && depth < 2 && kind == 0) {
          String b2 = "inner" + r.nextInt(100);
          sb.append("Content-Type: multipart/mixed; boundary=").append(b2).append(nl).append(nl);
          sb.append(mpBody(b2, nl, depth + 1));
        } else if (kind == 1) {
          sb.append("Content-Transfer-Encoding: ").append(pick("base64", "BASE64", "Base64"))
              .append(nl).append(nl);
          String e = Base64.getEncoder().encodeToString(value.getBytes(UTF_8));
          if (coin() && e.length() > 8) {
            e = e.substring(0, 8) + nl + e.substring(8);
          }
          sb.append(e);
        } else if (kind == 2) {
          sb.append("Content-Transfer-Encoding: quoted-printable").append(nl).append(nl);
          if (value.length() > 9) {
            sb.append(value, 0, 4).append('=').append(nl).append(value, 4, 8).append('=')
                .append(String.format("%02X", (int) value.charAt(8))).append(value.substring(9));
          } else {
            sb.append(value);
          }
        } else if (kind == 3) {
          sb.append("Content-Type: text/plain; charset=").append(pick("utf-8", "iso-8859-1",
              "\"UTF-8\"", "us-ascii", "windows-1252")).append(nl).append(nl).append(value);
        } else {
          if (r.nextInt(6) == 0) {
            sb.append("X-Fold: a").append(nl).append("\tb").append(nl);
          }
          sb.append(nl).append(value);
        }
        sb.append(nl);
      }
      if (r.nextInt(6) != 0) {
        sb.append("--").append(boundary).append("--");
        if (coin()) {
          sb.append(nl);
        }
        if (r.nextInt(5) == 0) {
          sb.append("epilogue");
        }
      }
      return sb.toString();
    }

    HttpRequest multipart() {
      String boundary = pick("b", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "x".repeat(70),
          "a'b()+_,-./:=?", "bnd with space", "--x--");
      String nl = pick("\r\n", "\r\n", "\n");
      String body = mpBody(boundary, nl, 0);
      String ct = "multipart/form-data; boundary=" + (boundary.contains(" ")
          || boundary.contains("(") || coin() ? "\"" + boundary + "\"" : boundary);
      if (r.nextInt(6) == 0) {
        ct = "multipart/form-data; boundary=zzz; boundary=" + boundary;
      }
      if (r.nextInt(6) == 0) {
        ct += "; charset=utf-8";
      }
      return HttpRequest.builder().method("POST").uri("/up").header("Host", "h")
          .header("Content-Type", ct).body(body.getBytes(ISO_8859_1)).build();
    }

    // ---------------------------------------------------------------- XML

    HttpRequest xml() {
      String name = pick("password", "Password", "token", "api_key", "secret", "passwd",
          "BinarySecurityToken", "nonce");
      String pfx = pick("", "", "wsse:", "a:", "ns0:");
      String nsdecl = pfx.isEmpty() ? (coin() ? " xmlns=\"urn:x\"" : "")
          : " xmlns:" + pfx.substring(0, pfx.length() - 1) + "=\"urn:y\"";
      String s = secret;
      String v = switch (r.nextInt(7)) {
        case 1 -> "<![CDATA[" + s + "]]>";
        case 2 -> s.substring(0, 5) + "<!--c-->" + s.substring(5);
        case 3 -> s.substring(0, 5) + "<![CDATA[" + s.substring(5, 9) + "]]>" + s.substring(9);
        case 4 -> " \n " + s + " ";
        case 5 -> "<inner>" + s + "</inner>";
        case 6 -> s.substring(0, 6) + "<?pi x?>" + s.substring(6);
        default -> s;
      };
      String el = switch (r.nextInt(5)) {
        case 0 -> "<" + pfx + name + nsdecl + ">" + v + "</" + pfx + name + ">";
        case 1 -> "<item " + pfx + name + "=\"" + s + "\"" + nsdecl + "/>";
        case 2 -> "<item " + name + "='" + s + "' other=\"1\"/>";
        case 3 -> "<" + pfx + name + nsdecl + " Type=\"PasswordText\">" + v + "</" + pfx + name
            + ">";
        default -> "<" + pfx + name + nsdecl + "\n>" + v + "</" + pfx + name + "\n>";
      };
      String doc = "<root><a>x</a>" + el + "<b>y</b></root>";
      doc = switch (r.nextInt(7)) {
        case 1 -> "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soapenv:Header><wsse:Security xmlns:wsse=\"urn:wsse\"><wsse:UsernameToken>" + el
            + "</wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body/>"
            + "</soapenv:Envelope>";
        case 2 -> "<!DOCTYPE root [<!ENTITY e \"ent\"><!ELEMENT root ANY>]>" + doc;
        case 3 -> doc + "garbage<after/>";
        case 4 -> "<root><unclosed>" + el;
        case 5 -> "<root><a attr=\"&amp;&e;\">&e;</a>" + el + "</root>";
        case 6 -> "<root>" + el + "<" + pfx + name + nsdecl + ">second" + s + "</" + pfx + name
            + "></root>";
        default -> doc;
      };
      // markup a byte scanner could misread: quotes and delimiters inside DOCTYPE parts,
      // comments, PIs, CDATA and attribute values
      doc = switch (r.nextInt(14)) {
        case 1 -> "<!DOCTYPE root [<!ENTITY x '\"'>]>" + doc;
        case 2 -> "<!DOCTYPE root [<!ENTITY x \"'\">]>" + doc;
        case 3 -> "<!DOCTYPE root SYSTEM \"a>b\">" + doc;
        case 4 -> "<!DOCTYPE root PUBLIC 'x\"' \"y'\">" + doc;
        case 5 -> "<!DOCTYPE root [<!-- ]> ' \" -->]>" + doc;
        case 6 -> "<!DOCTYPE root [<?pi ]> ' ?>]>" + doc;
        case 7 -> "<!-- ' \" <![CDATA[ -->" + doc;
        case 8 -> doc.replace("<a>x</a>", "<a t=\">\" u='<'>x</a>");
        case 9 -> doc.replace("<a>x</a>", "<a><![CDATA[ <!-- ]]>x</a>");
        case 10 -> doc.replace("<a>x</a>", "<a>x<?pi <!-- ?></a>");
        case 11 -> "<!DOCTYPE root [<!ATTLIST root a CDATA \"]>\">]>" + doc;
        case 12 -> doc.replace("<a>x</a>", "<a><!--->x--></a>");
        case 13 -> "<!DOCTYPE root [<!ENTITY % p \"<!ENTITY q '>'>\"> %p;]>" + doc;
        default -> doc;
      };
      String decl = pick("", "<?xml version=\"1.0\"?>",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
          "<?xml version='1.0' encoding='windows-1252'?>", "\uFEFF<?xml version=\"1.0\"?>",
          "<?xml version=\"1.0\" encoding=\"UTF-16\"?>");
      String full = decl + (coin() ? "\n" : "") + doc;
      byte[] body = full.getBytes(UTF_8);
      if (r.nextInt(8) == 0) {
        body = full.getBytes(StandardCharsets.UTF_16LE);
      } else if (r.nextInt(8) == 0) {
        body = full.getBytes(StandardCharsets.UTF_16);
      }
      String ct = pick("application/xml", "text/xml", "application/soap+xml",
          "text/xml; charset=utf-8", "application/xml; charset=iso-8859-1", "text/plain",
          "application/atom+xml", "application/xml; charset=utf-16");
      return HttpRequest.builder().method("POST").uri("/x").header("Host", "h")
          .header("Content-Type", ct).body(body).build();
    }

    // ---------------------------------------------------------------- headers and cookies

    HttpRequest headers() {
      HttpRequest.Builder b = HttpRequest.builder().method("GET").uri("/h").header("Host", "h");
      String s = secret;
      switch (r.nextInt(20)) {
        case 0 -> b.header(pick("Authorization", "authorization", "Proxy-Authorization"),
            pick("Bearer ", "bearer  ", "Token ", "", "Basic ", "Digest response=\"",
                "MAC id=\"", "Bearer\t") + s);
        case 1 -> b.header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(("user:" + s).getBytes(UTF_8)));
        case 2 -> b.header("Cookie", pick("a=1; ", "", "$Version=1; ", "a=1, ", "a=\"x;y\"; ")
            + pick("session", "PHPSESSID", "token", "sessionid", "JSESSIONID")
            + pick("=", " = ", "=\"") + s + pick("", "\"", "; b=2", ",c=3"));
        case 3 -> b.header(pick("X-Api-Key", "X-Auth-Token", "x-csrf-token", "Api-Key", "token",
            "X-Amz-Security-Token"), pick("", " ", "\t") + s + pick("", " ", ",other"));
        case 4 -> b.header("Authorization", "Bearer other1234")
            .header("Authorization", pick("Bearer ", "") + s);
        case 5 -> b.header("Cookie", "a=1").header("cookie", "session=" + s);
        case 6 -> b.header("X-Api-Key", "first\r\n " + s);
        case 7 -> b.header("Authorization", pick("Bearer", "Basic", "Negotiate") + "\r\n " + s);
        case 8 -> b.header("Cookie", "x=" + pick("%22", "\"", "") + "; token=" + pctSome(s));
        case 10 -> b.header("Cookie", pick("a=1; ", "") + nameVariant(pick("password", "token",
            "session", "PHPSESSID", "api_key"), false) + "=" + s);
        case 11 -> b.header("Cookie", "token=\"a\\\"b" + s + "\"");
        case 12 -> b.header("Authorization", "Basic " + pick("", " ", "\t")
            + Base64.getEncoder().withoutPadding().encodeToString(("u:" + s + "xx")
                .getBytes(UTF_8)).replace('+', '-') + pick("", " ", "=="));
        case 13 -> b.header(pick("X_API_KEY", "X-API-KEY", "x-api_key", "api.key", "Api Key"), s);
        case 14 -> b.header("Cookie", "token=a=b" + s + pick("", ";", "; x"));
        case 15 -> {
          b.header("Cookie", pick("session", "token") + "=" + s.substring(0, 6)
              + pick("%20", "+", "%2B") + s.substring(6));
          secret = s.substring(6); // the part after the split is a hunted value on its own
        }
        case 16 -> b.header("Cookie2", "$Version=1; token=" + s);
        case 17 -> b.header("Authorization", pick("Bearer", "Basic", "Digest", "Token")
            + pick(" ", "  ", "\t", ",") + s + pick(", ", " ", "=") + "x");
        case 18 -> b.header("Referer", "https://a.example/cb?" + pick("token", "access_token",
            "password") + "=" + s + pick("", "&x=1", "#a"));
        case 19 -> b.header("Referer", "https://a.example/cb#" + pick("access_token", "id_token")
            + "=" + s + "&state=1");
        default -> b.header("Authorization", pick("Digest username=\"u\", response=\"",
            "OAuth oauth_token=\"", "AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=", "Bearer ")
            + s + pick("\"", "", "\", nonce=\"n\""));
      }
      return b.build();
    }

    // ---------------------------------------------------------------- query, form, path

    /**
     * A spelling of {@code n} a server reads as {@code n}; with {@code formLike} also those only
     * form decoding gives ({@code +} for a space, brackets).
     */
    String nameVariant(String n, boolean formLike) {
      int k = r.nextInt(formLike ? 12 : 9);
      return switch (k) {
        case 1 -> pctSome(n);
        case 2 -> n.replace("o", "%256F").replace("a", "%2561");
        case 3 -> n.toUpperCase(java.util.Locale.ROOT);
        case 4 -> "%00" + n;
        case 5 -> n + "%00x";
        case 6 -> pctSome(n).toLowerCase(java.util.Locale.ROOT);
        case 7 -> " " + n;
        case 8 -> n.replace("a", "%u0061");
        case 9 -> n + "[]";
        case 10 -> "user[" + n + "]";
        case 11 -> n + "+";
        default -> n;
      };
    }

    String valueVariant(String s, boolean formLike) {
      return switch (r.nextInt(formLike ? 6 : 5)) {
        case 1 -> pctSome(s);
        case 2 -> pctSome(s).replace("%", "%25");
        case 3 -> s + "%";
        case 4 -> s + "%zz";
        case 5 -> s.substring(0, 5) + "+" + s.substring(5);
        default -> s;
      };
    }

    HttpRequest form() {
      int where = r.nextInt(4);
      boolean formLike = where != 2;
      String n = nameVariant(pick("password", "token", "api_key", "secret", "access_token",
          "passwd"), formLike);
      String v = valueVariant(secret, formLike);
      if (v.indexOf('+') >= 0) {
        secret = secret.substring(5); // read as two words: the longer one must go
      }
      String sep = pick("&", "&", ";", "&amp;", "&&");
      String pair = n + pick("=", "=", "==") + v;
      String q = pick("a=1" + sep, "", "a" + sep, "a=1" + sep + "b=" + sep) + pair
          + pick("", sep + "c=3", sep, "#frag");
      HttpRequest.Builder b = HttpRequest.builder().header("Host", "h");
      switch (where) {
        case 0 -> b.method("GET").uri("/p?" + q);
        case 1 -> b.method("POST").uri("/p").header("Content-Type",
            pick("application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded; charset=utf-8",
                "application/x-www-form-urlencoded; charset=iso-8859-1",
                "application/x-www-form-urlencoded, text/plain")).body(q);
        case 2 -> b.method("GET").uri("/p/" + pick("seg;", "seg;a=1;", ";") + n + "=" + v
            + pick("", "/next", ";x=1/y", "?z=1"));
        default -> b.method("GET").uri("/p?" + pick("a=1;", "") + n + "=" + v + ";b=2");
      }
      return b.build();
    }

    // ---------------------------------------------------------------- the body on the wire

    HttpRequest wire() {
      String n = pick("password", "token", "api_key");
      String ct;
      String body;
      switch (pick("form", "json", "xml", "mp")) {
        case "form" -> {
          ct = "application/x-www-form-urlencoded";
          body = "a=1&" + n + "=" + secret;
        }
        case "json" -> {
          ct = "application/json";
          body = "{\"a\":1,\"" + n + "\":\"" + secret + "\"}";
        }
        case "xml" -> {
          ct = "application/xml";
          body = "<r><" + n + ">" + secret + "</" + n + "></r>";
        }
        default -> {
          ct = "multipart/form-data; boundary=BB";
          body = "--BB\r\nContent-Disposition: form-data; name=\"" + n + "\"\r\n\r\n" + secret
              + "\r\n--BB--\r\n";
        }
      }
      ct += pick("", "; charset=utf-8", "; charset=iso-8859-1", "; charset=utf-16",
          "; charset=\"utf-8\"", "; charset=latin1", "; charset=us-ascii", "; charset=utf-16le");
      byte[] enc = body.getBytes(UTF_8);
      String ce = pick("gzip", "x-gzip", "deflate", "deflate-raw", "GZIP", "gzip ", "identity",
          "", "gzip, identity", "identity, gzip");
      String lower = ce.trim().toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("deflate")) {
        enc = compress(enc, lower.equals("deflate-raw"), false);
      } else if (lower.contains("gzip")) {
        enc = compress(enc, false, true);
        if (coin()) { // two members, each the whole body
          byte[] two = Arrays.copyOf(enc, enc.length * 2);
          System.arraycopy(enc, 0, two, enc.length, enc.length);
          enc = two;
        }
      }
      HttpRequest.Builder b = HttpRequest.builder().method("POST").uri("/w").header("Host", "h")
          .header("Content-Type", ct);
      if (!ce.isEmpty()) {
        b.header(pick("Content-Encoding", "content-encoding", "CONTENT-ENCODING"),
            ce.equals("deflate-raw") ? "deflate" : ce);
      }
      if (r.nextInt(3) == 0) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        int i = 0;
        while (i < enc.length) {
          int len = Math.min(enc.length - i, 1 + r.nextInt(12));
          bo.writeBytes((Integer.toHexString(len) + pick("", "", ";ext=1", " ", ";a=\"b\"")
              + pick("\r\n", "\r\n", "\n")).getBytes(ISO_8859_1));
          bo.write(enc, i, len);
          bo.writeBytes("\r\n".getBytes(ISO_8859_1));
          i += len;
        }
        bo.writeBytes(("0" + pick("\r\n\r\n", "\r\nX-T: 1\r\n\r\n", "\n\n", "\r\n"))
            .getBytes(ISO_8859_1));
        enc = bo.toByteArray();
        b.header("Transfer-Encoding", pick("chunked", "Chunked", "gzip, chunked", " chunked"));
        if (coin()) {
          b.header("Content-Length", String.valueOf(enc.length - 3));
        }
      } else if (coin()) {
        b.header("Content-Length", String.valueOf(enc.length - r.nextInt(4)));
      }
      return b.body(enc).build();
    }

    private static byte[] compress(byte[] b, boolean raw, boolean gzip) {
      ByteArrayOutputStream bo = new ByteArrayOutputStream();
      try (java.io.OutputStream o = gzip ? new GZIPOutputStream(bo)
          : new DeflaterOutputStream(bo, new Deflater(6, raw))) {
        o.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bo.toByteArray();
    }
  }
}
