package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class FormScannerTest {

  private static String query(String q, MaskRun run) {
    byte[] src = q.getBytes(UTF_8);
    byte[] out = FormScanner.mask(src, 0, src.length, run, "get");
    return out == null ? q : new String(out, UTF_8);
  }

  private static String query(String q, MaskPolicy p) {
    return query(q, new MaskRun(p, MaskingOptions.defaults()));
  }

  @Test
  void masksSelectedParameterAndCopiesEverythingElseUnchanged() {
    String out = query("a=1&password=hunter2&b=%20x+y&&c", RecordingPolicy.names("password"));
    assertThat(out).isEqualTo("a=1&password=***&b=%20x+y&&c");
  }

  @Test
  void returnsNullWhenNothingIsSelected() {
    byte[] src = "a=1&b=%zz&c[d]=2;e=3".getBytes(UTF_8);
    RecordingPolicy p = RecordingPolicy.nothing();
    assertThat(FormScanner.mask(src, 0, src.length, p.run(), "get")).isNull();
    assertThat(p.asked()).containsExactly("get a", "get b", "get c", "get c > hash d", "get e");
  }

  @Test
  void returnsNullWhenTheValueIsAlreadyItsMask() {
    byte[] src = "password=***".getBytes(UTF_8);
    MaskRun run = RecordingPolicy.names("password").run();
    assertThat(FormScanner.mask(src, 0, src.length, run, "get")).isNull();
  }

  @Test
  void scansOnlyTheGivenWindowOfTheArray() {
    byte[] src = "GET /x?password=abc&b=1 HTTP/1.1".getBytes(UTF_8);
    int from = 7;
    int to = src.length - 9;
    byte[] out = FormScanner.mask(src, from, to, RecordingPolicy.names("password").run(), "get");
    assertThat(new String(out, UTF_8)).isEqualTo("password=***&b=1");
  }

  @Test
  void formFieldsArePostFormUrlencodedPoints() {
    RecordingPolicy p = RecordingPolicy.names("password");
    MaskRun run = p.run();
    run.push(Step.of("post"));
    byte[] src = "user=bob&password=hunter2".getBytes(UTF_8);
    byte[] out = FormScanner.mask(src, 0, src.length, run, "form_urlencoded");
    assertThat(new String(out, UTF_8)).isEqualTo("user=bob&password=***");
    assertThat(p.asked())
        .containsExactly("post > form_urlencoded user", "post > form_urlencoded password");
    assertThat(run.notes()).extracting(Note::toString)
        .containsExactly("MASKED post > form_urlencoded password by t (redact)");
    assertThat(run.depth()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pass%77ord", "PASSWORD", "PassWord", "pass%57ORD", "%70assword"})
  void decodedNameSpellingsAreCaught(String name) {
    assertThat(query("a=1&" + name + "=hunter2", RecordingPolicy.names("password")))
        .isEqualTo("a=1&" + name + "=***");
  }

  @Test
  void namesArePercentAndPlusDecodedOnceBeforeAsking() {
    RecordingPolicy p = RecordingPolicy.nothing();
    query("pass%2577ord=1&api+key=2&api%20key=3&pass%77ord=4", p);
    assertThat(p.names).containsExactly("pass%77ord", "api key", "api key", "password");
  }

  @Test
  void bracketNameIsAskedOuterLevelFirstThenHash() {
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(query("user[name]=bob&user[password]=hunter2", p))
        .isEqualTo("user[name]=bob&user[password]=***");
    assertThat(p.asked())
        .containsExactly("get user", "get user > hash name", "get user", "get user > hash password");
    assertThat(p.names).containsExactly("user", "name", "user", "password");
  }

  @Test
  void percentEncodedBracketsAreDecodedBeforeSplitting() {
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(query("user%5Bpassword%5D=hunter2", p)).isEqualTo("user%5Bpassword%5D=***");
    assertThat(p.asked()).containsExactly("get user", "get user > hash password");
  }

  @Test
  void emptyBracketsAreArrayStepsCountedPerName() {
    RecordingPolicy p = RecordingPolicy.nothing();
    query("p[]=a&q[]=b&p[]=c&p[x][]=d&p[x][]=e", p);
    assertThat(p.asked())
        .containsExactly(
            "get p", "get p > array 0",
            "get q", "get q > array 0",
            "get p", "get p > array 1",
            "get p", "get p > hash x", "get p > hash x > array 0",
            "get p", "get p > hash x", "get p > hash x > array 1");
    assertThat(p.names.get(1)).isNull();
  }

  @Test
  void arrayIndexesDoNotShiftWhenAnOuterLevelIsSelected() {
    RecordingPolicy p = new RecordingPolicy(
        f -> f.last().equals(Step.indexed("array", 1)), MaskAction.redact());
    assertThat(query("p[]=a&p[]=b&p[]=c", p)).isEqualTo("p[]=a&p[]=***&p[]=c");
  }

  @Test
  void passwordArrayIsMaskedAtTheOuterLevelWithoutAskingInside() {
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(query("password[]=a&password[]=b&x=1", p))
        .isEqualTo("password[]=***&password[]=***&x=1");
    assertThat(p.asked()).containsExactly("get password", "get password", "get x");
  }

  @Test
  void chainedBracketsGiveOneStepPerLevel() {
    RecordingPolicy p = RecordingPolicy.names("c");
    assertThat(query("a[b][c]=secret", p)).isEqualTo("a[b][c]=***");
    assertThat(p.asked()).containsExactly("get a", "get a > hash b", "get a > hash b > hash c");
  }

  @Test
  void outerSelectedLevelMasksTheWholeValueAndStopsAsking() {
    RecordingPolicy p = RecordingPolicy.names("user");
    assertThat(query("user[password]=x&user[name]=y", p))
        .isEqualTo("user[password]=***&user[name]=***");
    assertThat(p.asked()).containsExactly("get user", "get user");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"a[b|a[b", "a[b]x|a[b]x", "[password]|[password]",
      "a]b[|a]b[", "a[b][|a[b]["})
  void malformedBracketNameIsAskedWholeFirst(String name, String asked) {
    RecordingPolicy p = RecordingPolicy.nothing();
    query(name + "=1", p);
    assertThat(p.names.get(0)).isEqualTo(asked); // then under BracketReadings
    assertThat(p.names).contains(name.replace('[', '_').replace(']', '_'));
    assertThat(p.points.get(0).steps()).containsExactly(Step.named("get", asked));
  }

  @Test
  void repeatedParametersAreEachMasked() {
    MaskRun run = RecordingPolicy.names("password").run();
    assertThat(query("password=a&password=b&x=1&password=c", run))
        .isEqualTo("password=***&password=***&x=1&password=***");
    assertThat(run.maskedPoints()).hasSize(3);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "password=x&a=1&b=2|a=1&b=2",
      "a=1&password=x&b=2|a=1&b=2",
      "a=1&b=2&password=x|a=1&b=2",
      "password=x|''",
      "password=x&password=y|''",
      "password=x&password=y&a=1|a=1",
      "a=1&password=x&password=y|a=1",
      "password=x&a=1&password=y|a=1",
      "a=1&password=x;y=2&b=2|a=1&b=2",
      "a=1&user[password]=x|a=1",
      "password|''",
      "&password=x|''",
      "password=x&|''"})
  void removeDropsThePairAndOneAdjacentAmpersand(String in, String expected) {
    RecordingPolicy p = RecordingPolicy.names(new MaskAction.Remove(), "password");
    MaskRun run = p.run();
    assertThat(query(in, run)).isEqualTo(expected);
    assertThat(run.maskedPoints()).isNotEmpty()
        .allSatisfy(m -> assertThat(m.decision().action()).isEqualTo(new MaskAction.Remove()));
  }

  @Test
  void semicolonSubPairsAreAskedWhenTheirPairIsNotSelected() {
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(query("a=1;password=secret;b=2&c=3", p)).isEqualTo("a=1;password=***;b=2&c=3");
    assertThat(p.asked()).containsExactly("get a", "get password", "get b", "get c");
  }

  @Test
  void semicolonInsideTheNameIsReadBothWays() {
    RecordingPolicy p = RecordingPolicy.names("password");
    assertThat(query("amp;password=secret&x;password=s2", p))
        .isEqualTo("amp;password=***&x;password=***");
    assertThat(p.names).containsExactly("amp;password", "password", "x;password", "password");
  }

  @Test
  void selectedPairMasksThroughSemicolonsUpToTheNextAmpersand() {
    assertThat(query("password=x;y=2;z&b=1", RecordingPolicy.names("password")))
        .isEqualTo("password=***&b=1");
  }

  @Test
  void removeOfASemicolonSubPairDropsItWithItsSemicolon() {
    assertThat(query("a=1;password=s;b=2&c", RecordingPolicy.names(new MaskAction.Remove(), "password")))
        .isEqualTo("a=1;b=2&c");
  }

  @Test
  void invalidEscapesStayLiteralAndDoNotCrash() {
    RecordingPolicy p = RecordingPolicy.names(new MaskAction.Stars(), "pass%zzword", "b");
    assertThat(query("a=%zz&pass%zzword=%zz%&b=%4&c=%", p)).isEqualTo("a=%zz&pass%zzword=****&b=**&c=%");
    assertThat(p.names).containsExactly("a", "pass%zzword", "b", "c");
  }

  @Test
  void nulBeforeTheNameReachesThePolicyDecoded() {
    RecordingPolicy p = new RecordingPolicy(
        f -> "password".equals(f.name().replace("\0", "")), MaskAction.redact());
    assertThat(query("%00password=secret&x=1", p)).isEqualTo("%00password=***&x=1");
    assertThat(p.names.get(0)).isEqualTo("\0password");
  }

  @Test
  void overlongUtf8DecodesToReplacementCharacters() {
    RecordingPolicy p = RecordingPolicy.names(new MaskAction.Stars(), "pass\uFFFD\uFFFDword");
    assertThat(query("pass%C0%AEword=%C0%AE", p)).isEqualTo("pass%C0%AEword=**");
    assertThat(p.names).containsExactly("pass\uFFFD\uFFFDword");
  }

  @Test
  void starsAndKeepLastCountDecodedCharacters() {
    assertThat(query("card=4111%201111+2222", RecordingPolicy.names(new MaskAction.KeepLast(4), "card")))
        .isEqualTo("card=**********2222");
    assertThat(query("p=%E2%82%AC%E2%82%AC", RecordingPolicy.names(new MaskAction.Stars(), "p")))
        .isEqualTo("p=**");
  }

  @Test
  void masksArePercentEncoded() {
    assertThat(query("x=a%26b+cdefgh", RecordingPolicy.names(new MaskAction.KeepFirst(4), "x")))
        .isEqualTo("x=a%26b%20******");
  }

  @Test
  void emptyValuesAndBareNamesAreAskedButLeftAsTheyAre() {
    RecordingPolicy p = RecordingPolicy.names("password");
    byte[] src = "password=&password&a=1".getBytes(UTF_8);
    assertThat(FormScanner.mask(src, 0, src.length, p.run(), "get")).isNull();
    assertThat(p.names).containsExactly("password", "password", "a");
  }

  @Test
  void parametersPastMaxFieldsAreMaskedWholeWithOneNote() {
    MaskRun run = RecordingPolicy.nothing().run(MaskingOptions.builder().maxFields(3).build());
    assertThat(query("a=1&b=2&c=3&d=4&e&f=%41", run)).isEqualTo("a=1&b=2&c=3&d=***&e&f=***");
    assertThat(run.notes()).extracting(Note::kind).containsExactly(Note.Kind.FALLBACK);
  }

  @Test
  void tooDeeplyNestedNameHasItsValueMaskedWithANote() {
    String name = "a" + "[x]".repeat(FormScanner.MAX_BRACKET_DEPTH + 1);
    RecordingPolicy p = RecordingPolicy.nothing();
    MaskRun run = p.run();
    assertThat(query(name + "=secret&b=1", run)).isEqualTo(name + "=***&b=1");
    assertThat(run.notes()).extracting(Note::kind).containsExactly(Note.Kind.FALLBACK);
    assertThat(p.asked()).containsExactly("get b");
  }

  @Test
  void maxDepthNameIsStillAskedLevelByLevel() {
    String name = "a" + "[x]".repeat(FormScanner.MAX_BRACKET_DEPTH);
    RecordingPolicy p = RecordingPolicy.nothing();
    query(name + "=secret", p);
    assertThat(p.points).hasSize(FormScanner.MAX_BRACKET_DEPTH + 1);
  }

  @Test
  void policyThatThrowsFailsClosed() {
    MaskPolicy p = f -> {
      throw new IllegalStateException("boom");
    };
    assertThat(query("a=secret", p)).isEqualTo("a=***");
  }

  @Test
  void hundredThousandParametersFinishQuickly() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append(i == 0 ? "" : "&").append("p").append(i).append("=v").append(i);
    }
    sb.append("&password=s;x=1");
    byte[] src = sb.toString().getBytes(UTF_8);
    MaskPolicy p = f -> "password".equals(f.name()) ? new Decision(MaskAction.redact(), "t") : null;
    MaskingOptions o = MaskingOptions.builder().maxFields(200_000).build();
    byte[] out = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> FormScanner.mask(src, 0, src.length, new MaskRun(p, o), "get"));
    String s = new String(out, UTF_8);
    assertThat(s).endsWith("&p99999=v99999&password=***").hasSize(src.length - 2);
  }

  @Test
  void oneMegabyteNamesFinishQuickly() {
    String plain = "n".repeat(1 << 20);
    String brackets = "a" + "[]".repeat(1 << 19);
    String open = "a" + "[".repeat(1 << 20);
    String semis = "x=" + ";".repeat(1 << 20);
    String in = plain + "=1&" + brackets + "=2&" + open + "=3&" + semis + "&password=s";
    byte[] src = in.getBytes(UTF_8);
    MaskPolicy p = f -> f.name() != null && Ascii.lower(f.name()).equals("password")
        ? new Decision(MaskAction.redact(), "t") : null;
    MaskRun run = new MaskRun(p, MaskingOptions.defaults());
    byte[] out = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> FormScanner.mask(src, 0, src.length, run, "get"));
    String s = new String(out, UTF_8);
    assertThat(s).startsWith(plain + "=1&" + brackets + "=***&").endsWith("&password=***");
  }

  @Test
  void randomInputNeverThrowsAndKeepsMasksIdempotent() {
    Random r = new Random(42);
    String alphabet = "ap=&;[]%+0Fsword\0é";
    MaskPolicy p = f -> f.name() != null && Ascii.lower(f.name()).contains("pa")
        ? new Decision(MaskAction.redact(), "t") : null;
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(40) + 1;
      for (int k = 0; k < n; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String once = query(sb.toString(), p);
      assertThat(query(once, p)).as("input #%d", i).isEqualTo(once);
    }
  }

  @Test
  void invalidArgumentsReturnNull() {
    MaskRun run = RecordingPolicy.nothing().run();
    assertThat(FormScanner.mask(null, 0, 0, run, "get")).isNull();
    assertThat(FormScanner.mask(new byte[3], 2, 1, run, "get")).isNull();
    assertThat(FormScanner.mask(new byte[3], 0, 4, run, "get")).isNull();
    assertThat(FormScanner.mask(new byte[0], 0, 0, run, "get")).isNull();
    assertThat(List.of(run.notes().size(), run.depth())).containsExactly(0, 0);
  }
}
