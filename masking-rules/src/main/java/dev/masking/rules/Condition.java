package dev.masking.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.masking.core.Ascii;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One condition on the request a {@link Rule} applies to, in the Wallarm model ("if request
 * is"): a request fact ({@link Part}), a comparison ({@link Type}) and the values compared with.
 * A rule applies to a report only when all its conditions hold.
 *
 * <pre>{@code
 * Rule r = Rule.builder("login-pass").names("pass")
 *     .when(Condition.header("Host").iequal("example.com"),
 *           Condition.actionName().equal("login"),
 *           Condition.actionExt().absent(),
 *           Condition.method().iequal("POST"))
 *     .build();
 * }</pre>
 *
 * <h2>Facts</h2>
 *
 * <ul>
 *   <li>{@code instance}: the report's application id ({@code AttackReport.instance()}).
 *   <li>{@code proto}: the HTTP version, {@code 1.0}, {@code 1.1}, {@code 2.0} ({@code HTTP/2}
 *       counts as {@code 2.0}); absent when the report has no protocol.
 *   <li>{@code scheme}: {@code http} or {@code https}, from a {@code scheme} member of the
 *       report's request object, else from an absolute-form URI; absent otherwise (the report
 *       model has no scheme of its own).
 *   <li>{@code uri}: path and query as sent, without scheme and host.
 *   <li>{@code path N}: URL segment N, all but the last, read as servers read it: percent-decoded,
 *       {@code ;parameters} dropped, empty segments ({@code //}) skipped, dot segments resolved, and
 *       a path ending in a slash read both as sent and without it ({@code /login/} also meets
 *       the conditions of {@code /login}, as many servers route it);
 *       {@code action_name} / {@code action_ext}: the last segment before / after its first dot
 *       ({@code action_ext} is absent when there is no dot; {@code action_name} is always present).
 *   <li>{@code get NAME}: a query parameter, percent- and {@code +}-decoded; the name is exact.
 *   <li>{@code header NAME}: a header value, the name in any case. A {@code HOST} condition is
 *       always case-insensitive: {@code equal} becomes {@code iequal}; the host is compared as
 *       sent and also without a port and trailing dot, and is also met by an HTTP/2 {@code
 *       :authority} and by the host of an absolute-form URI, which servers route by first.
 *   <li>{@code method}: the request method.
 * </ul>
 *
 * <p>Every fact comes from the request, which an attacker writes: normalising spellings that
 * servers read alike makes a rule apply more widely (more masking), never less. Secrets that must
 * never leave whatever the request looks like belong in rules without conditions.
 *
 * <p>{@code equal} compares exactly, {@code iequal} with ASCII case folded, {@code regex}
 * searches (unanchored, as Wallarm does; anchor with {@code ^...$}) with re2j in linear time,
 * {@code absent} holds when the request has no such fact. Where a fact has several values
 * (repeated headers or parameters) a condition holds when any value satisfies it. Several values
 * in one {@code equal}/{@code iequal} condition mean any of them.
 *
 * <p>Immutable and thread-safe. Holds configuration only, never request data.
 */
public final class Condition {

  /** How a fact is compared. */
  public enum Type {
    /** Exactly equal to one of the values. */
    EQUAL("equal"),
    /** Equal to one of the values with ASCII case folded. */
    IEQUAL("iequal"),
    /** The regular expression (re2j syntax) is found in the value. */
    REGEX("regex"),
    /** The request has no such fact. */
    ABSENT("absent");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    /** The name in rule files: {@code equal}, {@code iequal}, {@code regex}, {@code absent}. */
    public String wireName() {
      return wire;
    }
  }

  /** Which request fact a condition looks at. */
  public enum Part {
    /** The application id. */
    INSTANCE("instance"),
    /** The HTTP version. */
    PROTO("proto"),
    /** {@code http} or {@code https}. */
    SCHEME("scheme"),
    /** Path and query, without host. */
    URI("uri"),
    /** URL segment N (all but the last). */
    PATH("path"),
    /** The last URL segment before its first dot. */
    ACTION_NAME("action_name"),
    /** The last URL segment after its first dot. */
    ACTION_EXT("action_ext"),
    /** A query parameter by name. */
    GET("get"),
    /** A header by name. */
    HEADER("header"),
    /** The request method. */
    METHOD("method");

    private final String wire;

    Part(String wire) {
      this.wire = wire;
    }

    /** The name in rule files ({@code path}, {@code action_name}, ...). */
    public String wireName() {
      return wire;
    }
  }

  /** Longest value or pattern accepted. */
  static final int MAX_VALUE_LENGTH = 4096;
  /** Largest path index accepted. */
  static final int MAX_PATH_INDEX = 255;

  private final Type type;
  private final Part part;
  private final String name;
  private final int index;
  private final List<String> values;

  private Condition(Type type, Part part, String name, int index, List<String> values) {
    this.type = type;
    this.part = part;
    this.name = name;
    this.index = index;
    this.values = values;
  }

  /** The application id. */
  public static Target instance() {
    return new Target(Part.INSTANCE, null, -1);
  }

  /** The HTTP version ({@code 1.1}, {@code 2.0}). */
  public static Target proto() {
    return new Target(Part.PROTO, null, -1);
  }

  /** The scheme ({@code http}, {@code https}). */
  public static Target scheme() {
    return new Target(Part.SCHEME, null, -1);
  }

  /** Path and query, without host. */
  public static Target uri() {
    return new Target(Part.URI, null, -1);
  }

  /**
   * URL segment {@code index} (0-based, all but the last segment).
   *
   * @throws IllegalArgumentException if the index is negative or above 255
   */
  public static Target path(int index) {
    if (index < 0 || index > MAX_PATH_INDEX) {
      throw new IllegalArgumentException(
          "a path index is 0 to " + MAX_PATH_INDEX + ", got " + index);
    }
    return new Target(Part.PATH, null, index);
  }

  /** The last URL segment before its first dot. */
  public static Target actionName() {
    return new Target(Part.ACTION_NAME, null, -1);
  }

  /** The last URL segment after its first dot. */
  public static Target actionExt() {
    return new Target(Part.ACTION_EXT, null, -1);
  }

  /**
   * The query parameter {@code name} (exact).
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public static Target get(String name) {
    return new Target(Part.GET, nonEmpty(name, "query parameter"), -1);
  }

  /**
   * The header {@code name} (any case; kept upper-cased, as Wallarm displays it).
   *
   * @throws IllegalArgumentException if the name is empty or not an HTTP field name (a token,
   *     or {@code :} and a token for an HTTP/2 pseudo-header): a name no header can have, such
   *     as {@code "Host "}, would make the rule silently never apply
   */
  public static Target header(String name) {
    String n = nonEmpty(name, "header");
    for (int i = 0; i < n.length(); i++) {
      if (!isTokenChar(n.charAt(i)) && !(i == 0 && n.charAt(i) == ':' && n.length() > 1)) {
        throw new IllegalArgumentException("header name " + RuleFileReader.quote(n)
            + " is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
      }
    }
    return new Target(Part.HEADER, Ascii.upper(n), -1);
  }

  private static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** The request method. */
  public static Target method() {
    return new Target(Part.METHOD, null, -1);
  }

  /**
   * The conditions a Wallarm URI-constructor pattern stands for: <code>
   * example.com/api/&#42;&#42;/&#42;.php</code> gives {@code header HOST iequal example.com}, {@code path 0
   * equal api}, {@code action_name} any non-empty, {@code action_ext equal php}. A pattern
   * starting with {@code /} has no host condition. Segments: a literal, {@code *} (one non-empty
   * segment), {@code **} (any number of segments, zero included; only the last segment may follow
   * it), {@code {{regex}}} (one segment by regex). Without {@code **} the number of segments is
   * fixed. The last segment splits at its first dot into action name and extension; with no dot
   * the extension must be absent. {@code ?name=value} adds {@code get} conditions.
   *
   * @param pattern the pattern
   * @return the conditions, in the order above
   * @throws IllegalArgumentException if the pattern is malformed; the message quotes it
   */
  public static List<Condition> url(String pattern) {
    return UrlPattern.compile(Objects.requireNonNull(pattern, "pattern"));
  }

  private static String nonEmpty(String name, String what) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a " + what + " condition needs a name");
    }
    return name;
  }

  /**
   * A request fact to compare: finish it with {@link #equal}, {@link #iequal}, {@link #regex} or
   * {@link #absent}. Immutable.
   */
  public static final class Target {
    private final Part part;
    private final String name;
    private final int index;

    private Target(Part part, String name, int index) {
      this.part = part;
      this.name = name;
      this.index = index;
    }

    /**
     * Holds when the fact equals one of {@code values} exactly (for {@code HOST}: in any case).
     *
     * @throws IllegalArgumentException if no value is given or a value is longer than 4096
     */
    public Condition equal(String... values) {
      return make(Type.EQUAL, List.of(values));
    }

    /**
     * Holds when the fact equals one of {@code values} with ASCII case folded.
     *
     * @throws IllegalArgumentException if no value is given or a value is longer than 4096
     */
    public Condition iequal(String... values) {
      return make(Type.IEQUAL, List.of(values));
    }

    /**
     * Holds when {@code pattern} (re2j syntax) is found in the fact.
     *
     * @throws IllegalArgumentException if the pattern is not valid; the message quotes it
     */
    public Condition regex(String pattern) {
      return make(Type.REGEX, List.of(pattern));
    }

    /** Holds when the request has no such fact. */
    public Condition absent() {
      return make(Type.ABSENT, List.of());
    }

    /**
     * A condition of {@code type} with {@code values} (none for absent, one for regex).
     *
     * @throws IllegalArgumentException if the values do not fit the type
     */
    public Condition of(Type type, List<String> values) {
      return make(Objects.requireNonNull(type, "type"), List.copyOf(values));
    }

    private boolean isHostName() {
      return part == Part.HEADER && "HOST".equals(name);
    }

    private Condition make(Type type, List<String> values) {
      Type t = type;
      if (t == Type.EQUAL && part == Part.HEADER && "HOST".equals(name)) {
        t = Type.IEQUAL; // Wallarm: HOST conditions are always case-insensitive
      }
      if (t == Type.ABSENT) {
        if (!values.isEmpty()) {
          throw new IllegalArgumentException("an absent condition takes no value");
        }
      } else if (values.isEmpty()) {
        throw new IllegalArgumentException("a " + t.wire + " condition needs a value");
      }
      if (t == Type.REGEX && values.size() != 1) {
        throw new IllegalArgumentException("a regex condition takes one pattern");
      }
      List<String> vs = new ArrayList<>(values.size());
      for (String v : values) {
        Objects.requireNonNull(v, "value");
        if (v.length() > MAX_VALUE_LENGTH) {
          throw new IllegalArgumentException(
              "a condition value is at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (t != Type.REGEX && (part == Part.METHOD || isHostName())) {
          // A method or host that no request can carry ("POST ", "shop.example ") would make
          // the rule silently never apply.
          for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == 0x7f || part == Part.METHOD && !isTokenChar(c)) {
              throw new IllegalArgumentException("a " + (part == Part.METHOD ? "method" : "host")
                  + " condition value " + RuleFileReader.quote(v)
                  + (part == Part.METHOD ? " is not an HTTP method" : " holds whitespace"));
            }
          }
          if (v.isEmpty()) {
            throw new IllegalArgumentException("a " + (part == Part.METHOD ? "method" : "host")
                + " condition value must not be empty");
          }
        }
        vs.add(t == Type.IEQUAL ? Ascii.lower(v) : v);
      }
      if (t == Type.REGEX) {
        compile(vs.get(0), part == Part.HEADER && "HOST".equals(name));
      }
      return new Condition(t, part, name, index, List.copyOf(vs));
    }
  }

  /**
   * Compiles a condition pattern with re2j; a HOST pattern ignores case.
   *
   * @throws IllegalArgumentException if the pattern is invalid
   */
  static Pattern compile(String pattern, boolean ignoreCase) {
    try {
      return Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      // re2j's description names the problem; the pattern is configuration, safe to quote.
      throw new IllegalArgumentException("bad regex " + RuleFileReader.quote(pattern) + ": "
          + e.getDescription(), e);
    }
  }

  /** The comparison. */
  public Type type() {
    return type;
  }

  /** The request fact. */
  public Part part() {
    return part;
  }

  /** The parameter or header name ({@code get}, {@code header}; headers upper-cased); else null. */
  public String name() {
    return name;
  }

  /** The segment index for {@code path}; else -1. */
  public int index() {
    return index;
  }

  /**
   * The values compared with: any of them for equal / iequal (iequal values lower-cased), the
   * pattern for regex, none for absent.
   */
  public List<String> values() {
    return values;
  }

  /** Whether this is a condition on the {@code HOST} header. */
  public boolean isHost() {
    return part == Part.HEADER && "HOST".equals(name);
  }

  /**
   * The fact and comparison without the values: {@code header HOST iequal}, {@code path 0
   * equal}, {@code action_ext absent}. Used in explanations, which never echo values.
   */
  public String describe() {
    StringBuilder b = new StringBuilder(part.wire);
    if (name != null) {
      b.append(' ').append(name);
    }
    if (index >= 0) {
      b.append(' ').append(index);
    }
    return b.append(' ').append(type.wire).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Condition c
        && c.type == type
        && c.part == part
        && Objects.equals(c.name, name)
        && c.index == index
        && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, part, name, index, values);
  }

  /** The fact, comparison and configured values (configuration only, never request data). */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(describe());
    for (String v : values) {
      b.append(' ').append(RuleFileReader.quote(v));
    }
    return b.toString();
  }
}
