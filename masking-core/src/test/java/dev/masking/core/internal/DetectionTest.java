package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.detect.Detector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value detectors' table of true and false positives: each row is a value and the spans (as
 * {@code detector=text}) that all detectors together find in it; an empty list means the value is
 * a look-alike that must stay.
 */
final class DetectionTest {

  private static final String JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
  private static final String JWT_REST =
      "eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  private static final String GHP = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  private static final String GOOGLE = "AIzaSyA-1234567890abcdefghijklmnopqrstu";

  /** How many rows the table has: a row that silently goes missing fails this count. */
  private static final int ROWS = 70;

  static Stream<Arguments> table() {
    return rows().stream();
  }

  static List<Arguments> rows() {
    List<Arguments> r = new ArrayList<>();
    // ---- cards: true positives
    r.add(row("4111111111111111", "card=4111111111111111"));
    r.add(row("card 4111 1111 1111 1111 exp", "card=4111 1111 1111 1111"));
    r.add(row("5500-0000-0000-0004", "card=5500-0000-0000-0004"));
    r.add(row("amex:340000000000009;", "card=340000000000009"));
    r.add(row("6011000990139424", "card=6011000990139424"));
    r.add(row("jcb=3530111333300000", "card=3530111333300000"));
    r.add(row("visa13 4222222222222.", "card=4222222222222"));
    r.add(row("{\"n\":\"2221000000000009\"}", "card=2221000000000009"));
    // more digits after a separator: a CVV or an expiry date written after the card
    r.add(row("4111111111111111 123", "card=4111111111111111"));
    r.add(row("4111 1111 1111 1111 123", "card=4111 1111 1111 1111"));
    r.add(row("4111111111111111-12-25", "card=4111111111111111"));
    r.add(row("5500 0000 0000 0004 1234 5678", "card=5500 0000 0000 0004"));
    r.add(row("4111111111111111 1763704800123", "card=4111111111111111"));
    // ---- cards: look-alikes that stay
    r.add(row("4111111111111112")); // Luhn fails
    r.add(row("order 1234567890123452")); // no issuer starts with 1
    r.add(row("ts=1700000000000")); // millisecond timestamp
    r.add(row("41111111111111111111")); // 20 digits: longer than any card
    r.add(row("41111111111111111111 123")); // and more digits after it
    r.add(row("4111111111111112 123")); // Luhn fails, and with the digits after it too
    r.add(row("40000 12345 67810 11112 4")); // a list of numbers (40000 12345 67810 passes Luhn)
    r.add(row("x4111111111111111")); // inside a word
    r.add(row("4111111111111111abc")); // inside a word
    r.add(row("4111 1111-1111 1111")); // mixed separators: the first group alone is too short
    r.add(row("5500000000000004123")); // Mastercard prefix, wrong length
    r.add(row("id 123e4567-e89b-12d3-a456-426614174000"));
    r.add(row("md5 d41d8cd98f00b204e9800998ecf8427e"));
    r.add(row("sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709"));
    r.add(row("2024-01-15T10:00:00.123Z"));
    // ---- JWT
    r.add(row("Bearer " + JWT_HEADER + "." + JWT_REST, "jwt=" + JWT_REST));
    r.add(row(JWT_HEADER + ".eyJ4IjoxfQ.", "jwt=eyJ4IjoxfQ.")); // alg none: empty signature
    r.add(row("eyJub3QiOiJqd3QifQ.eyJ4IjoxfQ.c2lnbmF0dXJl")); // header without alg
    r.add(row("eyJhbGciOiJIUzI1NiJ9")); // header alone
    r.add(row(JWT_HEADER + ".eyJ4IjoxfQ", "jwt=eyJ4IjoxfQ")); // no signature, no last dot
    r.add(row("s=" + JWT_HEADER + ".eyJ4IjoxfQ&n=1", "jwt=eyJ4IjoxfQ"));
    r.add(row("eyJub3QiOiJqd3QifQ.eyJ4IjoxfQ")); // header without alg, two segments
    // ---- PEM private keys
    r.add(row("k=-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n"
        + "-----END RSA PRIVATE KEY-----", "private_key=\nMIIBOgIBAAJBAKj34GkxFhD9\n"));
    r.add(row("-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
        "private_key=MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")); // cut short: to the end
    r.add(row("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----"));
    r.add(row("-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEB\n-----END PUBLIC KEY-----"));
    r.add(row("-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0k\n-----END PGP PRIVATE KEY BLOCK-----",
        "private_key=\nlQOYBF0k\n"));
    r.add(row("-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBF0k\n-----END PGP PUBLIC KEY BLOCK-----"));
    // ---- URL passwords
    r.add(row("dsn=postgres://app:s3cr3t@db.example:5432/x", "url_password=s3cr3t"));
    r.add(row("redis://:p%40ss@cache:6379", "url_password=p%40ss"));
    r.add(row("https://user@host.example/"));
    r.add(row("https://example.com/a:b@c"));
    r.add(row("see http://host:8080/path"));
    // ---- token formats
    r.add(row("key=AKIAIOSFODNN7EXAMPLE", "aws_access_key=AKIAIOSFODNN7EXAMPLE"));
    r.add(row("ASIAY34FZKBOKMUTVV7A,", "aws_access_key=ASIAY34FZKBOKMUTVV7A"));
    r.add(row("AKIAIOSFODNN7EXAMPL")); // one short
    r.add(row("AKIAIOSFODNN7EXAMPLEX")); // one long
    r.add(row("token " + GHP, "github_token=" + GHP));
    r.add(row("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
        "github_token=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"));
    r.add(row("ghp_short"));
    r.add(row("xoxb-123456789012-abcdefghij", "slack_token=xoxb-123456789012-abcdefghij"));
    r.add(row("xoxz-123456789012-abcdefghij"));
    r.add(row("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
    r.add(row("sk_test_4eC39HqLyjWDarjtT1zdp7dc"));
    r.add(row("k=" + GOOGLE + "&x", "google_api_key=" + GOOGLE));
    // ---- pii
    r.add(row("to: bob.smith+tag@mail.example.com.", "email=bob.smith+tag@mail.example.com"));
    r.add(row("user@localhost"));
    r.add(row("@handle and a@b.c1"));
    r.add(row("iban DE89370400440532013000", "iban=DE89370400440532013000"));
    r.add(row("GB82 WEST 1234 5698 7654 32", "iban=GB82 WEST 1234 5698 7654 32"));
    r.add(row("DE89370400440532013001")); // mod 97 fails
    r.add(row("ZZ89370400440532013000")); // no such country
    r.add(row("ssn 123-45-6789", "us_ssn=123-45-6789"));
    r.add(row("000-12-3456 666-12-3456 900-12-3456"));
    r.add(row("123-00-4567 123-45-0000"));
    r.add(row("555-123-4567 and 2024-01-15"));
    r.add(row("123456789")); // bare nine digits are not taken
    return r;
  }

  private static Arguments row(String value, String... spans) {
    return Arguments.of(value, List.of(spans));
  }

  @Test
  void tableHasEveryRow() {
    assertThat(rows()).hasSize(ROWS);
  }

  @ParameterizedTest
  @MethodSource("table")
  void detectorsFindExactlyTheSecrets(String value, List<String> expected) {
    assertThat(find(value, EnumSet.allOf(Detector.class))).isEqualTo(expected);
  }

  @Test
  void onlyActiveDetectorsRun() {
    String v = "4111111111111111 bob@mail.example.com AKIAIOSFODNN7EXAMPLE";
    assertThat(find(v, EnumSet.of(Detector.EMAIL))).containsExactly("email=bob@mail.example.com");
    assertThat(find(v, EnumSet.of(Detector.CARD))).containsExactly("card=4111111111111111");
    assertThat(find(v, EnumSet.noneOf(Detector.class))).isEmpty();
  }

  @Test
  void hostileValuesCostLinearTime() {
    // Shapes that make naive detectors rescan: every check must skip past what it read.
    String[] hostile = {
      "-----BEGIN RSA PRIVATE KEY-----".repeat(20_000),
      "a://b@".repeat(50_000),
      "a@".repeat(100_000),
      "eyJ.".repeat(50_000),
      "4".repeat(200_000),
      "4111 ".repeat(40_000),
      "DE89 ".repeat(40_000),
    };
    for (String h : hostile) {
      long t0 = System.nanoTime();
      find(h, EnumSet.allOf(Detector.class));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ms).as("%s...", h.substring(0, 12)).isLessThan(2_000);
    }
  }

  static List<String> find(String value, EnumSet<Detector> on) {
    Detection d = new Detection(on);
    Detection.Spans spans = new Detection.Spans();
    d.find(value, spans);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      out.add(spans.detector(i).id() + "=" + value.substring(spans.start(i), spans.end(i)));
    }
    return out;
  }
}
