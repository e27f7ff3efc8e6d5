package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Ascii;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyFormat#declared}, which reads the media type in place, answers as the reading by
 * copies it replaced (trim, ASCII lower case, cut at the first {@code ;}, trim).
 */
final class BodyFormatDeclaredTest {

  /** The former reading, kept here as the reference. */
  private static BodyFormat reference(String contentType) {
    if (contentType == null) {
      return BodyFormat.OTHER;
    }
    String ct = Ascii.lower(contentType.trim());
    int semi = ct.indexOf(';');
    String media = (semi < 0 ? ct : ct.substring(0, semi)).trim();
    if (media.equals("application/x-www-form-urlencoded")) {
      return BodyFormat.FORM;
    }
    if (media.startsWith("multipart/")) {
      return BodyFormat.MULTIPART;
    }
    if (media.endsWith("/json") || media.endsWith("+json") || media.endsWith("/x-json")
        || media.equals("application/jsonl") || media.equals("application/x-ndjson")) {
      return BodyFormat.JSON;
    }
    if (media.endsWith("/xml") || media.endsWith("+xml")) {
      return BodyFormat.XML;
    }
    return BodyFormat.OTHER;
  }

  private static final List<String> SAMPLES = List.of("application/json",
      "Application/JSON; charset=utf-8", " \tapplication/x-www-form-urlencoded ;charset=x",
      "APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencodedx",
      "multipart/form-data; boundary=x", "MULTIPART/", "multipart", "text/xml", "application/soap+xml",
      "application/vnd.api+json", "text/x-json", "application/jsonl", "application/x-ndjson ",
      "application/jsonlx", ";application/json", "", " ", ";", "/json", "+xml", "json",
      "application/j\u0130son", "applicatIon/json", "application/\u212Ason", "text/plain",
      "application/json\u0000", "\u0000application/json", "application/json ; x", "xml",
      "application/x-www-form-urlencoded\r\n", "text/html; a=application/json");

  @Test
  void readsEveryContentTypeAsTheCopyingReadingDid() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      List<String> all = new ArrayList<>(SAMPLES);
      all.add(null);
      for (String s : all) {
        assertThat(BodyFormat.declared(s)).as("%s", s).isEqualTo(reference(s));
      }
      Random rnd = new Random(7);
      String alphabet = " \t;/+Aajsonxmlultipr-wfdeJSONXML\u0130\u212A";
      for (int round = 0; round < 20000; round++) {
        StringBuilder sb = new StringBuilder(SAMPLES.get(rnd.nextInt(SAMPLES.size())));
        int edits = rnd.nextInt(4);
        for (int k = 0; k < edits; k++) {
          int at = rnd.nextInt(sb.length() + 1);
          sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        String s = sb.toString();
        assertThat(BodyFormat.declared(s)).as("%s", s).isEqualTo(reference(s));
      }
    } finally {
      Locale.setDefault(saved);
    }
  }
}
