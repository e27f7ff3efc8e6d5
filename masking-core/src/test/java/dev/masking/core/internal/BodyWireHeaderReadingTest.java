package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Content-Type readings the body's scan depends on, read in place: the form test of a media
 * type cut at {@code ,} or a blank, and the {@code charset} parameter found in any letter case.
 */
final class BodyWireHeaderReadingTest {

  /** The form test as first written: the cut media type copied out and read as a Content-Type. */
  private static boolean alsoFormReference(List<String> contentTypes, String method) {
    boolean typed = false;
    for (String ct : contentTypes) {
      int s = 0;
      while (s < ct.length() && ct.charAt(s) <= ' ') {
        s++;
      }
      int e = s;
      while (e < ct.length() && ";, \t".indexOf(ct.charAt(e)) < 0) {
        e++;
      }
      if (e > s) {
        typed = true;
      }
      if (BodyFormat.declaredForm(ct) || BodyFormat.declaredForm(ct.substring(s, e))) {
        return true;
      }
    }
    return !typed && method.equalsIgnoreCase("post");
  }

  private static final String[] PIECES = {"application/x-www-form-urlencoded",
      "APPLICATION/X-WWW-FORM-URLENCODED", "Application/X-Www-Form-Urlencoded", "application/json",
      "text/plain", ",", ";", " ", "\t", "\r", "\u000b", "charset=utf-8", "x", "/", "\u212a",
      "\u017f", "\u0131", "multipart/form-data", ""};

  @Test
  void theCutMediaTypeIsReadAsItsCopyWas() {
    Random r = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int parts = r.nextInt(4);
      for (int k = 0; k < parts; k++) {
        b.append(PIECES[r.nextInt(PIECES.length)]);
      }
      List<String> cts = r.nextInt(5) == 0 ? List.of() : List.of(b.toString());
      String method = r.nextBoolean() ? "POST" : "PUT";
      assertThat(BodyWire.alsoForm(cts, method)).as("%s", cts)
          .isEqualTo(alsoFormReference(cts, method));
    }
  }

  @Test
  void aFormCutAtACommaOrBlankInAnyCaseIsReadAsAForm() {
    assertThat(BodyWire.alsoForm(List.of("APPLICATION/X-WWW-FORM-URLENCODED,text/plain"), "PUT"))
        .isTrue();
    assertThat(BodyWire.alsoForm(List.of("application/x-www-form-urlencoded foo"), "PUT")).isTrue();
    assertThat(BodyWire.alsoForm(List.of("application/x-www-form-urlencodedX"), "PUT")).isFalse();
    // A dotless i matches i only under Unicode case rules, never here.
    assertThat(BodyWire.alsoForm(List.of("application/x-www-form-urlencoded".replace('i', '\u0131')
        + ",x"), "PUT")).isFalse();
  }

  @Test
  void aCharsetParameterInAnyLetterCaseIsRead() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(new Locale("tr", "TR"));
    try {
      for (String ct : List.of("application/json; CHARSET=utf-7", "application/json; Charset=UTF-7",
          "application/json; Cookie=1; cHaRsEt=utf-7", "application/json;charset*=utf-8''utf-7",
          "text/xml; XCHARSET=utf-7")) {
        assertThat(BodyWire.unreadableCharset(List.of(ct), BodyFormat.JSON, false)).as(ct).isTrue();
      }
      for (String ct : List.of("application/json; CHARSET=utf-8", "application/json; Cookie=c",
          "application/json; charset", "application/json; chars=utf-7", "c")) {
        assertThat(BodyWire.unreadableCharset(List.of(ct), BodyFormat.JSON, false)).as(ct)
            .isFalse();
      }
      assertThat(BodyWire.unreadableCharset(List.of("text/plain; CHARSET=utf-16"), BodyFormat.FORM,
          false)).isTrue();
      assertThat(BodyWire.unreadableCharset(List.of("text/plain; CHARSET=utf-16"), BodyFormat.JSON,
          false)).isFalse();
    } finally {
      Locale.setDefault(saved);
    }
  }

  /** The charset test as first written: each label copied out, trimmed, unquoted, classified. */
  private static boolean unreadableReference(String ct, boolean form) {
    int from = 0;
    String lower = dev.masking.core.Ascii.lower(ct);
    while (true) {
      int at = lower.indexOf("charset", from);
      if (at < 0) {
        return false;
      }
      from = at + 7;
      int i = from;
      boolean extended = i < ct.length() && ct.charAt(i) == '*';
      if (extended) {
        i++;
      }
      while (i < ct.length() && ct.charAt(i) <= ' ') {
        i++;
      }
      if (i >= ct.length() || ct.charAt(i) != '=') {
        continue;
      }
      int e = ct.indexOf(';', i + 1);
      String label = ct.substring(i + 1, e < 0 ? ct.length() : e).trim();
      if (label.length() >= 2 && label.charAt(0) == '"'
          && label.charAt(label.length() - 1) == '"') {
        label = label.substring(1, label.length() - 1).trim();
      }
      if (extended && label.lastIndexOf('\'') >= 0) {
        label = label.substring(label.lastIndexOf('\'') + 1);
        if (label.indexOf('%') >= 0) {
          return true;
        }
      }
      int c = BodyWire.classify(label);
      if (c == BodyWire.UNSAFE || c == BodyWire.WIDE && form) {
        return true;
      }
    }
  }

  private static final String[] LABEL_PIECES = {"utf-8", "UTF-8", "Utf8", "us-ascii", "US-ASCII",
      "ascii", "iso-8859-1", "ISO-8859-1", "latin1", "LATIN1", "utf-16", "utf-7", "shift_jis",
      "us-a\u017fcii", "\u212aoi8-r", "lat\u0131n1", " ", "\t", "\"", "'", "*", "=", ";", "charset",
      "CHARSET", "x", ""};

  @Test
  void commonCharsetLabelsReadInPlaceAreClassifiedAsTheirCopiesWere() {
    Random r = new Random(11);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder("application/json");
      int parts = 1 + r.nextInt(6);
      for (int k = 0; k < parts; k++) {
        b.append(LABEL_PIECES[r.nextInt(LABEL_PIECES.length)]);
        if (r.nextInt(3) == 0) {
          b.append("; charset=");
        }
      }
      String ct = b.toString();
      for (BodyFormat f : new BodyFormat[] {BodyFormat.JSON, BodyFormat.FORM}) {
        boolean form = f == BodyFormat.FORM;
        boolean expected = unreadableReference(ct, form);
        assertThat(BodyWire.unreadableCharset(List.of(ct), f, false)).as("%s %s", f, ct)
            .isEqualTo(expected);
      }
    }
  }

  /** The Content-Length reading as first written: split at ',', each part trimmed and parsed. */
  private static long contentLengthReference(List<String> values) {
    long min = -1;
    for (String v : values) {
      for (String part : v.split(",", -1)) {
        String t = part.trim();
        if (t.isEmpty() || t.length() > 18) {
          continue;
        }
        long n = 0;
        boolean ok = true;
        for (int i = t.charAt(0) == '+' ? 1 : 0; i < t.length(); i++) {
          char ch = t.charAt(i);
          if (ch < '0' || ch > '9') {
            ok = false;
            break;
          }
          n = n * 10 + (ch - '0');
        }
        if (ok && t.length() > (t.charAt(0) == '+' ? 1 : 0) && (min < 0 || n < min)) {
          min = n;
        }
      }
    }
    return min;
  }

  private static final String[] LENGTH_PIECES = {"0", "1", "7", "12", "999999999999999999",
      "1234567890123456789", "+", "-", ",", " ", "\t", "\u000b", "\u0000", "x", "\u0661", ", ", ""};

  @Test
  void contentLengthsReadInPlaceAreReadAsTheirSplitCopiesWere() {
    Random r = new Random(13);
    for (int n = 0; n < 20_000; n++) {
      dev.masking.core.HttpRequest.Builder req = dev.masking.core.HttpRequest.builder()
          .method("POST").uri("/");
      List<String> values = new java.util.ArrayList<>();
      int headers = r.nextInt(3);
      for (int h = 0; h < headers; h++) {
        StringBuilder b = new StringBuilder();
        int parts = r.nextInt(6);
        for (int k = 0; k < parts; k++) {
          b.append(LENGTH_PIECES[r.nextInt(LENGTH_PIECES.length)]);
        }
        values.add(b.toString());
        req.header(r.nextBoolean() ? "Content-Length" : "content-length ", b.toString());
      }
      BodyWire.Wire wire = BodyWire.wire(req.build().headers(), true);
      assertThat(BodyWire.contentLength(wire)).as("%s", values)
          .isEqualTo(contentLengthReference(values));
    }
  }
}
