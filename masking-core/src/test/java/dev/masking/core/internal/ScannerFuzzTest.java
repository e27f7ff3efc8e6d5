package dev.masking.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Jazzer fuzz targets, one per scanner. In a normal build they run in regression mode: each saved
 * input under {@code src/test/resources/dev/masking/core/internal/ScannerFuzzTestInputs/<method>/}
 * is replayed once. To fuzz for real (libFuzzer-driven, coverage-guided):
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl masking-core test -Dtest='ScannerFuzzTest#jsonStructured'
 * </pre>
 *
 * <p>Each target plants a secret {@link #A} at a point the policy selects, in some spelling and
 * encoding, among material drawn from the fuzz data, and builds the same input again with {@link
 * #B} in its place. Oracles: the scanner never throws and leaves the point stack balanced; the
 * output for A and for B are byte-identical (so the secret cannot influence any output byte, and
 * every byte no rule selects is copied alike); no form of A (raw, percent, double percent, JSON
 * escapes, XML references, base64) is in the output; masking the output again changes nothing; a
 * policy that asks but selects nothing changes nothing unless a limit was hit (a fallback note);
 * JSON that was valid stays valid. Bounded time is Jazzer's per-input timeout in fuzzing mode;
 * regression mode does not time.
 */
final class ScannerFuzzTest {
  static final String A = "kQ7vSecretAlpha9";
  static final String B = "kQ7vSecretBravo9";
  /** A numeric secret for JSON number values, and its twin. */
  static final String NA = "739184620571";
  static final String NB = "739184620572";

  private static final Decision REDACT = new Decision(MaskAction.redact(), "fuzz");
  private static final Decision REMOVE = new Decision(new MaskAction.Remove(), "fuzz");
  private static final MaskPolicy ASKS_NOTHING_SELECTED = f -> null;
  private static final MaskingOptions SMALL =
      MaskingOptions.builder().maxFields(4).maxJsonDepth(3).build();

  /** Selects fields whose decoded name is one of {@code names}, ASCII-case-insensitively. */
  static MaskPolicy names(Decision d, String... names) {
    return f -> {
      String n = f.name();
      if (n == null) {
        return null;
      }
      for (String s : names) {
        if (Ascii.equalsIgnoreCase(s, n)) {
          return d;
        }
      }
      return null;
    };
  }

  // ---- query string and form body ------------------------------------------------------------

  private static final String[] FORM_NAMES = {"password", "pass%77ord", "PassWord",
      "p%61ss%77ord", "user[password]", "password[]", "%70assword", "a[b][password]", "pass+word"};

  @FuzzTest(maxDuration = "2m")
  void queryString(FuzzedDataProvider data) {
    form(data, "get");
  }

  @FuzzTest(maxDuration = "2m")
  void formBody(FuzzedDataProvider data) {
    form(data, "form_urlencoded");
  }

  private static void form(FuzzedDataProvider data, String parser) {
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults() : SMALL;
    String name = data.pickValue(FORM_NAMES);
    int encoding = data.consumeInt(0, 2);
    int n = data.consumeInt(0, 6);
    int at = data.consumeInt(0, n);
    List<byte[]> material = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      material.add(data.consumeBytes(48));
    }
    BiFunction<String, Boolean, byte[]> build = (secret, unused) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i <= n; i++) {
        if (i > 0) {
          out.write('&');
        }
        if (i == at) {
          // "pass+word" decodes to "pass word", which is not selected: keep it as a control.
          write(out, name + "=" + encodeValue(secret, encoding));
        }
        if (i < n) {
          if (i == at) {
            out.write('&');
          }
          out.writeBytes(material.get(i));
        }
      }
      return out.toByteArray();
    };
    byte[] inA = build.apply(A, true);
    byte[] inB = build.apply(B, true);
    if (!independent(inA, inB)) {
      return;
    }
    MaskPolicy policy = names(d, "password");
    boolean selected = !name.equals("pass+word");
    MaskRun runA = run(policy, o, parser);
    byte[] outA = formScan(inA, runA, parser);
    byte[] outB = formScan(inB, run(policy, o, parser), parser);
    if (selected) {
      assertIndependent(inA, outA, outB);
    }
    if (!fellBack(runA)) {
      // Past a limit, remove degrades to redact for the pairs not scanned, and a second pass that
      // sees fewer pairs may then drop them: idempotence is promised within the limits.
      assertThat(formScan(outA, run(policy, o, parser), parser)).as("idempotent").isEqualTo(outA);
    }
    MaskRun quiet = run(ASKS_NOTHING_SELECTED, o, parser);
    byte[] none = FormScanner.mask(inA, 0, inA.length, quiet, parser);
    assertThat(none == null || fellBack(quiet)).as("a policy selecting nothing changes nothing")
        .isTrue();
  }

  private static String encodeValue(String secret, int encoding) {
    switch (encoding) {
      case 0:
        return secret;
      case 1:
        return percentAll(secret);
      default:
        return secret.substring(0, 4) + percentAll(secret.substring(4, 8)) + secret.substring(8);
    }
  }

  private static byte[] formScan(byte[] in, MaskRun run, String parser) {
    int depth = run.depth();
    byte[] out = FormScanner.mask(in, 0, in.length, run, parser);
    assertThat(run.depth()).as("point stack balanced").isEqualTo(depth);
    return orSame(out, in);
  }

  private static MaskRun run(MaskPolicy p, MaskingOptions o, String parser) {
    MaskRun run = new MaskRun(p, o);
    if (!"get".equals(parser)) {
      run.push(Step.of("post"));
    }
    return run;
  }

  // ---- headers and cookies -------------------------------------------------------------------

  private static final String[] HEADER_NAMES = {"Host", "Cookie", "Authorization", "X-Api-Key",
      "cookie", "Content-Type", "X-Forwarded-For", "Proxy-Authorization"};

  @FuzzTest(maxDuration = "2m")
  void headersAndCookies(FuzzedDataProvider data) {
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults() : SMALL;
    int kind = data.consumeInt(0, 5);
    int n = data.consumeInt(0, 6);
    int at = data.consumeInt(0, n);
    List<Header> material = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String hn = data.consumeBoolean() ? data.pickValue(HEADER_NAMES) : data.consumeString(12);
      material.add(new Header(hn, data.consumeString(64)));
    }
    String tail = data.consumeString(48);
    java.util.function.Function<String, Headers> build = secret -> {
      List<Header> list = new ArrayList<>(material);
      Header planted = switch (kind) {
        case 0 -> new Header("Authorization", "Bearer " + secret);
        case 1 -> new Header("authorization", "Basic "
            + Base64.getEncoder().encodeToString(("user:" + secret).getBytes(UTF_8)));
        case 2 -> new Header("X-API-KEY", secret);
        case 3 -> new Header("Cookie", "session=" + secret + "; " + tail);
        case 4 -> new Header("Cookie", "session=\"" + secret + "\";" + tail);
        default -> new Header("Cookie", "a=1; session=" + secret);
      };
      list.add(at, planted);
      return Headers.of(list);
    };
    Headers inA = build.apply(A);
    Headers inB = build.apply(B);
    if (!independent(bytes(inA), bytes(inB))) {
      return;
    }
    MaskPolicy policy = names(d, "authorization", "x-api-key", "session");
    MaskRun runA = new MaskRun(policy, o);
    Headers outA = headerScan(inA, runA);
    Headers outB = headerScan(inB, new MaskRun(policy, o));
    assertIndependent(bytes(inA), bytes(outA), bytes(outB));
    if (!fellBack(runA)) {
      assertThat(bytes(headerScan(outA, new MaskRun(policy, o)))).as("idempotent")
          .isEqualTo(bytes(outA));
    }
    MaskRun quiet = new MaskRun(ASKS_NOTHING_SELECTED, o);
    Headers none = HeaderScanner.mask(inA, quiet);
    assertThat(none == inA || fellBack(quiet)).as("a policy selecting nothing changes nothing")
        .isTrue();
  }

  private static Headers headerScan(Headers in, MaskRun run) {
    Headers out = HeaderScanner.mask(in, run);
    assertThat(run.depth()).as("point stack balanced").isZero();
    return out;
  }

  private static byte[] bytes(Headers h) {
    StringBuilder sb = new StringBuilder();
    for (Header x : h) {
      sb.append(x.name()).append(": ").append(x.value()).append("\r\n");
    }
    return sb.toString().getBytes(UTF_8);
  }

  // ---- URI path ------------------------------------------------------------------------------

  @FuzzTest(maxDuration = "2m")
  void uriPath(FuzzedDataProvider data) {
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults() : SMALL;
    boolean matrix = data.consumeBoolean();
    int encoding = data.consumeInt(0, 2);
    int n = data.consumeInt(0, 6);
    int at = data.consumeInt(0, n);
    boolean trailingSlash = data.consumeBoolean();
    List<String> material = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Segments hold no '/', and are not empty (an empty segment is not counted).
      material.add("s" + data.consumeString(24).replace('/', '_'));
    }
    java.util.function.Function<String, String> build = secret -> {
      List<String> segs = new ArrayList<>(material);
      segs.add(at, matrix ? "x;jsessionid=" + encodeValue(secret, encoding)
          : encodeValue(secret, encoding));
      // The last segment is action_name/action_ext, not a counted path N: end with another one.
      return "/" + String.join("/", segs) + (trailingSlash ? "/" : "/end.php");
    };
    String inA = build.apply(A);
    String inB = build.apply(B);
    if (!independent(inA.getBytes(UTF_8), inB.getBytes(UTF_8))) {
      return;
    }
    MaskPolicy policy = f -> {
      Step last = f.last();
      if (!matrix && "path".equals(last.parser()) && last.index() == at && f.depth() == 1) {
        return REDACT;
      }
      return "jsessionid".equals(f.name()) ? REDACT : null;
    };
    String outA = pathScan(inA, policy, o);
    String outB = pathScan(inB, policy, o);
    assertIndependent(inA.getBytes(UTF_8), outA.getBytes(UTF_8), outB.getBytes(UTF_8));
    assertThat(pathScan(outA, policy, o)).as("idempotent").isEqualTo(outA);
    MaskRun quiet = new MaskRun(ASKS_NOTHING_SELECTED, o);
    String none = PathScanner.mask(inA, quiet);
    assertThat(none == inA || fellBack(quiet)).as("a policy selecting nothing changes nothing")
        .isTrue();
  }

  private static String pathScan(String in, MaskPolicy p, MaskingOptions o) {
    MaskRun run = new MaskRun(p, o);
    String out = PathScanner.mask(in, run);
    assertThat(run.depth()).as("point stack balanced").isZero();
    return out;
  }

  // ---- JSON ----------------------------------------------------------------------------------

  private static final String[] JSON_SELECTED = {"password", "pass\\u0077ord",
      "\\u0070\\u0061\\u0073\\u0073\\u0077\\u006f\\u0072\\u0064", "PASSWORD", "token"};
  private static final String[] JSON_OTHER = {"a", "user", "pass", "passwords", "x y", "\\\"",
      "\\u00e9", "", "tokens"};

  /** A valid JSON document built from the fuzz data, with secrets under selected names. */
  @FuzzTest(maxDuration = "2m")
  void jsonStructured(FuzzedDataProvider data) {
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults()
        : MaskingOptions.builder().maxJsonDepth(4).build();
    List<Object> script = new ArrayList<>();
    StringBuilder a = new StringBuilder();
    new JsonGen(data, script).value(a, 0, A, NA);
    StringBuilder b = new StringBuilder();
    new JsonGen(null, script).value(b, 0, B, NB);
    byte[] inA = a.toString().getBytes(UTF_8);
    byte[] inB = b.toString().getBytes(UTF_8);
    if (!independent(inA, inB) || parseOrNull(inA) == null) {
      return;
    }
    MaskPolicy policy = names(d, "password", "token");
    JsonTesting.Result ra = JsonTesting.scan(inA, policy, o);
    JsonTesting.Result rb = JsonTesting.scan(inB, policy, o);
    byte[] outA = orSame(ra.bytes(), inA);
    byte[] outB = orSame(rb.bytes(), inB);
    assertThat(ra.depthAfter()).as("point stack balanced").isEqualTo(1);
    assertIndependent(inA, outA, outB);
    assertThat(Leaks.found(outA, NA)).as("numeric secret").isNull();
    assertThat(parseOrNull(outA)).as("valid JSON stays valid").isNotNull();
    if (o == MaskingOptions.defaults()) {
      assertThat(ra.fellBack()).as("valid JSON within limits needs no fallback").isFalse();
    }
    if (!ra.fellBack()) {
      assertThat(orSame(JsonTesting.scan(outA, policy, o).bytes(), outA)).as("idempotent")
          .isEqualTo(outA);
    }
    JsonTesting.Result quiet = JsonTesting.scan(inA, ASKS_NOTHING_SELECTED, o);
    assertThat(quiet.bytes() == null || quiet.fellBack())
        .as("a policy selecting nothing changes nothing").isTrue();
  }

  /** Any bytes as a JSON body. */
  @FuzzTest(maxDuration = "2m")
  void jsonBytes(FuzzedDataProvider data) {
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults() : SMALL;
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    byte[] in = data.consumeRemainingAsBytes();
    MaskPolicy policy = names(d, "password", "token", "a");
    JsonTesting.Result r = JsonTesting.scan(in, policy, o);
    assertThat(r.depthAfter()).as("point stack balanced").isEqualTo(1);
    byte[] out = orSame(r.bytes(), in);
    if (!r.fellBack() || d == REDACT) {
      assertThat(orSame(JsonTesting.scan(out, policy, o).bytes(), out)).as("idempotent")
          .isEqualTo(out);
    }
    if (parseOrNull(in) != null) {
      assertThat(parseOrNull(out)).as("valid JSON stays valid").isNotNull();
    }
    JsonTesting.Result quiet = JsonTesting.scan(in, ASKS_NOTHING_SELECTED, o);
    assertThat(quiet.bytes() == null || quiet.fellBack())
        .as("a policy selecting nothing changes nothing").isTrue();
  }

  /** Records each choice drawn from the fuzz data, or replays them when built without data. */
  private static class Script {
    private final FuzzedDataProvider data;
    private final List<Object> script;
    private int pos;

    Script(FuzzedDataProvider data, List<Object> script) {
      this.data = data;
      this.script = script;
    }

    int choose(int lo, int hi) {
      if (data == null) {
        return (Integer) script.get(pos++);
      }
      int v = data.consumeInt(lo, hi);
      script.add(v);
      return v;
    }

    String text(int max) {
      if (data == null) {
        return (String) script.get(pos++);
      }
      String s = data.consumeString(max);
      script.add(s);
      return s;
    }
  }

  /**
   * Generates a JSON value from fuzz data, recording each choice in a script so that the same
   * document can be built again with the other secret. Depth is capped at 6.
   */
  private static final class JsonGen {
    private final FuzzedDataProvider data;
    private final List<Object> script;
    private int pos;

    JsonGen(FuzzedDataProvider data, List<Object> script) {
      this.data = data;
      this.script = script;
    }

    private int choose(int lo, int hi) {
      if (data == null) {
        return (Integer) script.get(pos++);
      }
      int v = data.consumeInt(lo, hi);
      script.add(v);
      return v;
    }

    private String text(int max) {
      if (data == null) {
        return (String) script.get(pos++);
      }
      String s = data.consumeString(max);
      script.add(s);
      return s;
    }

    void value(StringBuilder sb, int depth, String secret, String number) {
      int k = choose(0, depth >= 6 ? 0 : 9);
      switch (k) {
        case 0 -> scalar(sb);
        case 1, 2 -> {
          sb.append('{');
          int n = choose(0, 4);
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            ws(sb);
            boolean sensitive = choose(0, 2) == 0;
            if (sensitive) {
              sb.append('"').append(JSON_SELECTED[choose(0, JSON_SELECTED.length - 1)]).append('"');
            } else if (choose(0, 1) == 0) {
              sb.append('"').append(JSON_OTHER[choose(0, JSON_OTHER.length - 1)]).append('"');
            } else {
              string(sb, text(12));
            }
            ws(sb);
            sb.append(':');
            ws(sb);
            if (sensitive) {
              secretValue(sb, depth + 1, secret, number);
            } else {
              value(sb, depth + 1, secret, number);
            }
          }
          ws(sb);
          sb.append('}');
        }
        case 3 -> {
          sb.append('[');
          int n = choose(0, 4);
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            ws(sb);
            value(sb, depth + 1, secret, number);
          }
          sb.append(']');
        }
        default -> scalar(sb);
      }
    }

    private void secretValue(StringBuilder sb, int depth, String secret, String number) {
      switch (choose(0, 6)) {
        case 0 -> sb.append('"').append(secret).append('"');
        case 1 -> sb.append('"').append(unicodeEscaped(secret)).append('"');
        case 2 -> sb.append(number);
        case 3 -> sb.append("{\"x\":\"").append(secret).append("\",\"n\":[").append(number)
            .append("]}");
        case 4 -> sb.append("[\"").append(secret).append("\",").append(number).append(']');
        case 5 -> sb.append("\"pre ").append(secret.substring(0, 8)).append("\\/")
            .append(secret.substring(8)).append('"');
        default -> value(sb, depth, secret, number);
      }
    }

    private void scalar(StringBuilder sb) {
      switch (choose(0, 9)) {
        case 0 -> sb.append("true");
        case 1 -> sb.append("false");
        case 2 -> sb.append("null");
        case 3 -> sb.append("-0");
        case 4 -> sb.append("1E400");
        case 5 -> sb.append(choose(Integer.MIN_VALUE, Integer.MAX_VALUE));
        default -> string(sb, text(24));
      }
    }

    private void ws(StringBuilder sb) {
      int w = choose(0, 4);
      sb.append(w == 1 ? " " : w == 2 ? "\n\t" : "");
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private static String unicodeEscaped(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (i % 3 == 0) {
        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- XML -----------------------------------------------------------------------------------

  private static final String[] XML_NAMES = {"r", "a", "user", "data", "x:item"};
  private static final String[] XML_SELECTED = {"password", "Password", "wsse:Password",
      "PASSWORD"};

  /** A well-formed XML document from the fuzz data, with secrets in selected elements. */
  @FuzzTest(maxDuration = "2m")
  void xmlStructured(FuzzedDataProvider data) throws Exception {
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults()
        : MaskingOptions.builder().maxXmlDepth(3).maxFields(6).build();
    List<Object> script = new ArrayList<>();
    StringBuilder a = new StringBuilder();
    new XmlGen(data, script).element(a, 0, A);
    StringBuilder b = new StringBuilder();
    new XmlGen(null, script).element(b, 0, B);
    byte[] inA = a.toString().getBytes(UTF_8);
    byte[] inB = b.toString().getBytes(UTF_8);
    if (!independent(inA, inB) || !wellFormed(inA)) {
      return;
    }
    MaskPolicy policy = names(d, "password");
    MaskRun runA = run(policy, o, "xml");
    byte[] outA = orSame(XmlScanner.mask(inA, 0, inA.length, runA), inA);
    assertThat(runA.depth()).as("point stack balanced").isEqualTo(1);
    byte[] outB = orSame(XmlScanner.mask(inB, 0, inB.length, run(policy, o, "xml")), inB);
    assertIndependent(inA, outA, outB);
    assertThat(wellFormed(outA)).as("well-formed XML stays well-formed").isTrue();
    if (!fellBack(runA)) {
      assertThat(orSame(XmlScanner.mask(outA, 0, outA.length, run(policy, o, "xml")), outA))
          .as("idempotent").isEqualTo(outA);
    }
    MaskRun quiet = run(ASKS_NOTHING_SELECTED, o, "xml");
    assertThat(XmlScanner.mask(inA, 0, inA.length, quiet) == null || fellBack(quiet))
        .as("a policy selecting nothing changes nothing").isTrue();
  }

  /** Any bytes as an XML body. */
  @FuzzTest(maxDuration = "2m")
  void xmlBytes(FuzzedDataProvider data) {
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults()
        : MaskingOptions.builder().maxXmlDepth(3).maxFields(6).build();
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    byte[] in = data.consumeRemainingAsBytes();
    MaskPolicy policy = names(d, "password", "token", "a");
    MaskRun run = run(policy, o, "xml");
    byte[] out = orSame(XmlScanner.mask(in, 0, in.length, run), in);
    assertThat(run.depth()).as("point stack balanced").isEqualTo(1);
    if (!fellBack(run) && d == REDACT) {
      assertThat(orSame(XmlScanner.mask(out, 0, out.length, run(policy, o, "xml")), out))
          .as("idempotent").isEqualTo(out);
    }
  }

  /** Generates an element from fuzz data, recording choices to rebuild it with the twin secret. */
  private static final class XmlGen extends Script {
    XmlGen(FuzzedDataProvider data, List<Object> script) {
      super(data, script);
    }

    void element(StringBuilder sb, int depth, String secret) {
      boolean sensitive = depth > 0 && choose(0, 3) == 0;
      String name = sensitive ? XML_SELECTED[choose(0, XML_SELECTED.length - 1)]
          : XML_NAMES[choose(0, XML_NAMES.length - 1)];
      sb.append('<').append(name);
      if (name.contains(":")) {
        sb.append(" xmlns:").append(name, 0, name.indexOf(':')).append("=\"urn:x\"");
      }
      int attrs = choose(0, 2);
      for (int i = 0; i < attrs; i++) {
        if (choose(0, 2) == 0) {
          sb.append(" password=\"").append(secret).append(i).append('"');
        } else {
          sb.append(" a").append(i).append("=\"").append(escape(text(12))).append('"');
        }
      }
      sb.append('>');
      if (sensitive) {
        switch (choose(0, 3)) {
          case 0 -> sb.append(secret);
          case 1 -> sb.append("<![CDATA[").append(secret).append("]]>");
          case 2 -> sb.append("&#").append((int) secret.charAt(0)).append(';')
              .append(secret.substring(1));
          default -> sb.append("<v>").append(secret).append("</v>");
        }
      } else {
        int n = depth >= 5 ? 0 : choose(0, 3);
        for (int i = 0; i < n; i++) {
          if (choose(0, 1) == 0) {
            sb.append(escape(text(16)));
          } else {
            element(sb, depth + 1, secret);
          }
        }
      }
      sb.append("</").append(name).append('>');
    }
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '<') {
        sb.append("&lt;");
      } else if (c == '&') {
        sb.append("&amp;");
      } else if (c == '"') {
        sb.append("&quot;");
      } else if (c == '>') {
        sb.append("&gt;");
      } else if (c >= 0x20 && c < 0xD800 || c == '\n' || c == '\t' || c > 0xDFFF && c < 0xFFFE) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Whether the JDK's parser (DTDs refused) reads {@code b} as one well-formed document. */
  static boolean wellFormed(byte[] b) {
    try {
      javax.xml.parsers.DocumentBuilderFactory f =
          javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setNamespaceAware(true);
      javax.xml.parsers.DocumentBuilder db = f.newDocumentBuilder();
      db.setErrorHandler(null);
      db.parse(new java.io.ByteArrayInputStream(b));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  // ---- multipart -----------------------------------------------------------------------------

  private static final String[] PART_NAMES = {"name=\"password\"", "name=password",
      "name=\"PassWord\"", "name*=UTF-8''pass%77ord", "name=\"=?UTF-8?B?cGFzc3dvcmQ=?=\"",
      "name=\"user[password]\""};

  /** A multipart/form-data body from the fuzz data, with a secret in a selected part. */
  @FuzzTest(maxDuration = "2m")
  void multipartStructured(FuzzedDataProvider data) {
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults() : SMALL;
    String boundary = "b" + data.consumeAsciiString(20).replaceAll("[^A-Za-z0-9'()+_,./:=?-]", "x");
    String name = data.pickValue(PART_NAMES);
    boolean base64 = data.consumeBoolean();
    boolean lf = data.consumeBoolean();
    int n = data.consumeInt(0, 4);
    int at = data.consumeInt(0, n);
    List<String> material = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      material.add(data.consumeString(40));
    }
    String eol = lf ? "\n" : "\r\n";
    java.util.function.Function<String, byte[]> build = secret -> {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i <= n; i++) {
        if (i == at) {
          sb.append("--").append(boundary).append(eol)
              .append("Content-Disposition: form-data; ").append(name).append(eol);
          if (base64) {
            sb.append("Content-Transfer-Encoding: base64").append(eol);
          }
          sb.append(eol).append(base64 ? Base64.getEncoder().encodeToString(secret.getBytes(UTF_8))
              : secret).append(eol);
        }
        if (i < n) {
          sb.append("--").append(boundary).append(eol)
              .append("Content-Disposition: form-data; name=\"f").append(i).append('"').append(eol)
              .append(eol).append(material.get(i)).append(eol);
        }
      }
      sb.append("--").append(boundary).append("--").append(eol);
      return sb.toString().getBytes(UTF_8);
    };
    for (String m : material) {
      if (m.contains("--" + boundary.substring(0, Math.min(boundary.length(), 4)))) {
        return; // material that frames parts of its own is multipartBytes' job
      }
    }
    byte[] inA = build.apply(A);
    byte[] inB = build.apply(B);
    if (!independent(inA, inB)) {
      return;
    }
    String ct = "multipart/form-data; boundary=" + boundary;
    MaskPolicy policy = names(d, "password");
    MaskRun runA = run(policy, o, "post");
    byte[] outA = orSame(MultipartScanner.mask(inA, 0, inA.length, ct, runA), inA);
    assertThat(runA.depth()).as("point stack balanced").isEqualTo(1);
    byte[] outB = orSame(MultipartScanner.mask(inB, 0, inB.length, ct, run(policy, o, "post")),
        inB);
    assertIndependent(inA, outA, outB);
    if (!fellBack(runA)) {
      assertThat(orSame(MultipartScanner.mask(outA, 0, outA.length, ct, run(policy, o, "post")),
          outA)).as("idempotent").isEqualTo(outA);
    }
  }

  /** Any bytes as a multipart body, under a Content-Type from the fuzz data. */
  @FuzzTest(maxDuration = "2m")
  void multipartBytes(FuzzedDataProvider data) {
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults() : SMALL;
    String ct = data.consumeBoolean() ? "multipart/form-data; boundary=b"
        : data.consumeString(60);
    byte[] in = data.consumeRemainingAsBytes();
    MaskPolicy policy = names(REDACT, "password", "token", "a");
    MaskRun run = run(policy, o, "post");
    byte[] out = orSame(MultipartScanner.mask(in, 0, in.length, ct, run), in);
    assertThat(run.depth()).as("point stack balanced").isEqualTo(1);
    if (!fellBack(run)) {
      assertThat(orSame(MultipartScanner.mask(out, 0, out.length, ct, run(policy, o, "post")),
          out)).as("idempotent").isEqualTo(out);
    }
  }

  // ---- nested layers -------------------------------------------------------------------------

  /**
   * A form field whose value is a JSON document holding the secret, wrapped in layers chosen by
   * the fuzz data (base64, base64url, percent, gzip+base64, a further form layer), among material
   * fields; every layer is decoded, masked and encoded again.
   */
  @FuzzTest(maxDuration = "2m")
  void nestedLayers(FuzzedDataProvider data) {
    Decision d = data.consumeBoolean() ? REDACT : REMOVE;
    int layers = data.consumeInt(0, 3);
    int[] kinds = new int[layers];
    for (int i = 0; i < layers; i++) {
      kinds[i] = data.consumeInt(0, 4);
    }
    String extra = data.consumeString(24);
    byte[] material = data.consumeBytes(64);
    MaskingOptions o = data.consumeBoolean() ? MaskingOptions.defaults()
        : MaskingOptions.builder().maxDecodeLayers(2).build();
    java.util.function.Function<String, byte[]> build = secret -> {
      StringBuilder json = new StringBuilder("{\"password\":\"").append(secret).append("\",\"n\":");
      string(json, extra);
      String v = json.append('}').toString();
      for (int k : kinds) {
        v = switch (k) {
          case 0 -> Base64.getEncoder().encodeToString(v.getBytes(UTF_8));
          case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(v.getBytes(UTF_8));
          case 2 -> percentAll(v);
          case 3 -> Base64.getEncoder().encodeToString(gzip(v.getBytes(UTF_8)));
          default -> "inner=" + java.net.URLEncoder.encode(v, UTF_8) + "&x=1";
        };
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(material);
      write(out, "&data=" + java.net.URLEncoder.encode(v, UTF_8));
      return out.toByteArray();
    };
    byte[] inA = build.apply(A);
    byte[] inB = build.apply(B);
    if (!independent(inA, inB)) {
      return;
    }
    MaskPolicy policy = names(d, "password");
    MaskRun runA = run(policy, o, "form_urlencoded");
    byte[] outA = formScan(inA, runA, "form_urlencoded");
    byte[] outB = formScan(inB, run(policy, o, "form_urlencoded"), "form_urlencoded");
    assertThat(Leaks.found(outA, A)).as(() -> "secret leaked from " + printable(inA)).isNull();
    for (int layer = 0; layer < 3; layer++) {
      // The secret may sit under several encodings: no decoding of the output may reveal it.
      assertThat(Leaks.found(decodeAll(outA, layer), A)).as(() -> "secret after decoding " + printable(outA)).isNull();
    }
    assertThat(outA).as("output depends on the secret").isEqualTo(outB);
    if (!fellBack(runA)) {
      assertThat(formScan(outA, run(policy, o, "form_urlencoded"), "form_urlencoded"))
          .as("idempotent").isEqualTo(outA);
    }
  }

  /** The output with every base64 and percent run decoded {@code rounds} times (crude). */
  private static byte[] decodeAll(byte[] b, int rounds) {
    String s = new String(b, UTF_8);
    for (int r = 0; r < rounds; r++) {
      StringBuilder sb = new StringBuilder();
      for (String piece : s.split("[&=\"\\s]")) {
        byte[] pb = piece.getBytes(UTF_8);
        sb.append(Percent.decode(pb, 0, pb.length, true)).append(' ');
        try {
          sb.append(new String(Base64.getMimeDecoder().decode(piece), UTF_8)).append(' ');
        } catch (IllegalArgumentException e) {
          // not base64
        }
      }
      s = sb.toString();
    }
    return s.getBytes(UTF_8);
  }

  private static byte[] gzip(byte[] b) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
        z.write(b);
      }
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- shared oracles ------------------------------------------------------------------------

  /** Whether the material around the planted secret holds neither secret in any form. */
  static boolean independent(byte[] inA, byte[] inB) {
    return Leaks.found(inB, A) == null && Leaks.found(inA, B) == null
        && Leaks.found(inB, NA) == null && Leaks.found(inA, NB) == null;
  }

  /** Output independent of the secret, and no form of it in the output. */
  static void assertIndependent(byte[] inA, byte[] outA, byte[] outB) {
    assertThat(Leaks.found(outA, A)).as(() -> "secret leaked from " + printable(inA)).isNull();
    assertThat(outA).as(() -> "output depends on the secret; input " + printable(inA))
        .isEqualTo(outB);
  }

  static boolean fellBack(MaskRun run) {
    return run.notes().stream().anyMatch(n -> n.kind() == Note.Kind.FALLBACK);
  }

  static byte[] orSame(byte[] out, byte[] in) {
    return out == null ? in : out;
  }

  /** Jackson's strict reading of {@code b}, or null when it is not one valid JSON document. */
  static Object parseOrNull(byte[] b) {
    try {
      return JsonTesting.JACKSON.readTree(b);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String printable(byte[] b) {
    return new String(b, UTF_8);
  }

  private static String percentAll(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(UTF_8)) {
      sb.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
    }
    return sb.toString();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(UTF_8));
  }
}
