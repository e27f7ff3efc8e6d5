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
}
