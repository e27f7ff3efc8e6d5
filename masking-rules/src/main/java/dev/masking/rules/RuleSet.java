package dev.masking.rules;

import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.rules.internal.CompiledPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, validated list of masking {@link Rule}s, compiled once into the {@link MaskPolicy}
 * that the scanners ask about every field.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.builder()
 *     .include(RuleSet.preset("default"))
 *     .rule(Rule.builder("token-in-query").point(Point.of(Step.named("get", "token")))
 *         .action(new MaskAction.Hmac()).build())
 *     .build();
 * RuleSet fromFile = RuleSet.load(Path.of("rules.json"));
 * MaskPolicy policy = rules.plus(fromFile).policy();
 * }</pre>
 *
 * <h2>Precedence</h2>
 *
 * When several rules select one field the strictest action wins ({@link MaskAction#strictness()}:
 * remove, redact, hmac, stars, then keep_last / keep_first keeping fewer characters); on a tie the
 * rule with the smallest id (by {@link String#compareTo}) wins. The result never depends on the
 * order of rules or includes.
 *
 * <h2>Rule file format</h2>
 *
 * A rule file is UTF-8 JSON: an object with optional {@code include} (preset names, see {@link
 * #presetNames()}) and {@code rules}, or just the array of rules.
 *
 * <pre>{@code
 * { "include": ["default"],
 *   "rules": [
 *     {"id": "login-password", "names": ["password", "passwd"], "action": "redact"},
 *     {"id": "card", "names": ["cc_number"], "action": {"type": "keep_last", "count": 4}},
 *     {"id": "token-in-query", "point": ["get", "token"], "action": "hmac"},
 *     {"id": "nested", "point": [["post"],["json_doc"],["hash","user"],["hash","password"]]},
 *     {"id": "exact-id", "names": ["ID"], "exact": true, "action": "stars"},
 *     {"id": "cards-anywhere", "detect": "card", "action": {"type": "keep_last", "count": 4}},
 *     {"id": "tokens-anywhere", "detect": ["aws_access_key", "github_token"]}
 *   ] }
 * }</pre>
 *
 * <ul>
 *   <li>{@code id} (required): unique in the set, including included presets; named in notes.
 *   <li>{@code names}: the field names selected anywhere (query, form, header, cookie, JSON, XML,
 *       multipart); ASCII case is ignored, and unless {@code "exact": true} so are {@code _ - .}
 *       and spaces. Percent-encoded names are matched after decoding.
 *   <li>{@code point}: one request point in the Wallarm flat ({@code ["get","token"]}) or nested
 *       ({@code [["get","token"]]}) form; {@code X_all} steps are wildcards; {@code X_name} steps
 *       are rejected.
 *   <li>{@code detect}: a value detector name or an array of them ({@link
 *       dev.masking.core.detect.Detector#ids()}: {@code card}, {@code jwt}, {@code private_key},
 *       {@code url_password}, {@code aws_access_key}, {@code github_token}, {@code slack_token},
 *       {@code stripe_key}, {@code google_api_key}, {@code email}, {@code iban}, {@code us_ssn}):
 *       what the detector finds inside any value no other rule selected is masked, the rest of the
 *       value kept. Exactly one of {@code names}, {@code point} and {@code detect}.
 *   <li>{@code action}: {@code "redact"} (the default, token {@code ***}), {@code "stars"}, {@code
 *       "remove"}, {@code "hmac"}, or an object: {@code {"type": "keep_last", "count": 4}}, {@code
 *       {"type": "keep_first", "count": 2}} (count 1..64), {@code {"type": "redact", "token":
 *       "[hidden]"}} (1..64 characters).
 *   <li>{@code when} (optional): conditions on the request, all of which must hold for the rule
 *       to apply (see {@link Condition}). Either the friendly object {@code {"host":
 *       "shop.example", "path": "/account/login", "method": ["POST", "PUT"], "header":
 *       {"Content-Type": "application/json", "X-Debug": null}, "query": {"v": "2"}, "instance":
 *       12, "scheme": "https", "proto": "1.1", "uri": "{{^/admin/}}"}} or a list of Wallarm
 *       conditions {@code [{"type": "iequal", "point": ["header", "HOST"], "value":
 *       "shop.example"}, ...]}; both give the same conditions. In the object, {@code host} is
 *       case-insensitive, {@code method} takes one method or a list (any case), {@code null}
 *       means absent, and a value written {@code {{regex}}} is a regex; {@code path} is a URL
 *       pattern as {@link Condition#url}: {@code *} one non-empty segment, {@code **} any number
 *       of segments (as in <code>/api/&#42;&#42;/login</code>), {@code {{regex}}} one segment by
 *       regex.
 * </ul>
 *
 * <h2>Wallarm exports</h2>
 *
 * A file holding the JSON Wallarm's API returns for rules (a list of hints, or an object whose
 * {@code body} is that list) is detected and read as is: each {@code sensitive_data} hint becomes
 * a rule {@code wallarm-<id>} with its {@code action} conditions and {@code point}, masked with
 * redact; hints of other types are skipped with one entry each in {@link #notes()}. Aliases found
 * in exports ({@code query}, {@code json_obj}, {@code jwt} {@code payload}) and header names in
 * any case are accepted.
 *
 * <p>Unknown members, unknown action types, steps, detectors or condition
 * kinds, bad counts, bad regexes,
 * duplicate ids and unknown presets are errors: a {@link RuleFileException} reading {@code
 * <problem> at <file>:<line>:<column>}, with a suggestion when a known name is close.
 *
 * <p>Immutable and thread-safe; the compiled policy is built once, with the set, and shared.
 */
public final class RuleSet {
  private static final RuleSet EMPTY = new RuleSet(List.of(), List.of());

  private final List<Rule> rules;
  private final boolean requiresHmacKey;
  private final MaskPolicy policy;
  private final List<String> notes;

  private RuleSet(List<Rule> rules, List<String> notes) {
    this.rules = List.copyOf(rules);
    this.notes = List.copyOf(notes);
    this.requiresHmacKey =
        this.rules.stream().anyMatch(r -> r.action() instanceof MaskAction.Hmac);
    this.policy = CompiledPolicy.compile(this.rules);
  }

  /** A builder for a rule set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The rule set with no rules; its policy selects nothing. */
  public static RuleSet empty() {
    return EMPTY;
  }

  /**
   * A built-in preset.
   *
   * @param name a preset name, one of {@link #presetNames()}
   * @throws IllegalArgumentException if there is no such preset; the message lists the known ones
   */
  public static RuleSet preset(String name) {
    Objects.requireNonNull(name, "name");
    if (!Presets.names().contains(name)) {
      throw new IllegalArgumentException(
          "unknown preset " + RuleFileReader.quote(name) + "; known presets: " + Presets.names());
    }
    return Presets.get(name);
  }

  /**
   * The names of the built-in presets, sorted: {@code default} (names of passwords, tokens,
   * sessions, cards, e-mail and SSN fields, plus the card, JWT, private key, URL password and token
   * detectors) and {@code pii} (the e-mail, IBAN and US SSN detectors).
   */
  public static Set<String> presetNames() {
    return Presets.names();
  }

  /**
   * Loads a rule file (format above). Messages name the file as {@code file.toString()}.
   *
   * @throws RuleFileException if the file is not valid UTF-8 or not a valid rule file
   * @throws UncheckedIOException if the file cannot be read
   */
  public static RuleSet load(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + file, e);
    }
    return RuleFileReader.read(utf8(bytes, file.toString()), file.toString());
  }

  /**
   * Parses rule file text (format above).
   *
   * @param json the rule file text
   * @param sourceName names the text in error messages, such as a file name
   * @throws RuleFileException if the text is not a valid rule file
   */
  public static RuleSet parse(String json, String sourceName) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(sourceName, "sourceName");
    String text = !json.isEmpty() && json.charAt(0) == '\uFEFF' ? json.substring(1) : json;
    return RuleFileReader.read(text, sourceName);
  }

  /** Strict UTF-8 decoding; a byte order mark is dropped. */
  private static String utf8(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    out.flip();
    if (result.isError()) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.length(); i++) {
        if (out.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      throw new RuleFileException("rule file is not valid UTF-8", source, line, column, null);
    }
    String text = out.toString();
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  /** The rules, unmodifiable, in the order they were added (included sets first where included). */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * What loading noticed without failing, one sentence each, such as a Wallarm rule of another
   * type skipped ({@code rules.json: skipped Wallarm rule wallarm-12 of type 'vpatch': only
   * sensitive_data rules mask}). Configuration only; empty for sets built in code. Unmodifiable.
   */
  public List<String> notes() {
    return notes;
  }

  /** Whether any rule masks with {@link MaskAction.Hmac}, so masking needs an HMAC key. */
  public boolean requiresHmacKey() {
    return requiresHmacKey;
  }

  /**
   * The compiled policy: built once with this set, immutable and thread-safe. Its {@code
   * selectsAnything()} is false only for an empty set. Rule conditions are evaluated by {@link
   * MaskPolicy#bind} (the {@code Rewriter} binds once per report); asked without binding, the
   * policy cannot evaluate conditions and treats every rule as applying (fail closed).
   */
  public MaskPolicy policy() {
    return policy;
  }

  /**
   * This set's rules followed by {@code other}'s.
   *
   * @throws IllegalArgumentException if the two sets hold different rules with the same id
   */
  public RuleSet plus(RuleSet other) {
    return builder().include(this).include(other).build();
  }

  /** The rule count and ids: configuration only. */
  @Override
  public String toString() {
    List<String> ids = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      ids.add(r.id());
    }
    return "RuleSet" + ids;
  }

  /**
   * Collects rules and included sets. Not thread-safe; {@link #build()} validates and copies, so
   * the builder can be reused.
   */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Builder() {}

    /** Adds a load note (see {@link RuleSet#notes()}). */
    Builder note(String note) {
      notes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    /** Adds a rule. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds every rule of {@code set} (a preset or a loaded file). */
    public Builder include(RuleSet set) {
      rules.addAll(Objects.requireNonNull(set, "set").rules);
      notes.addAll(set.notes);
      return this;
    }

    /**
     * Validates and builds the set. A rule added twice (equal id, selector and action, as when a
     * preset is included twice) is kept once.
     *
     * @throws IllegalArgumentException if two different rules share an id; the message quotes it
     */
    public RuleSet build() {
      Map<String, Rule> byId = new LinkedHashMap<>();
      for (Rule r : rules) {
        Rule previous = byId.putIfAbsent(r.id(), r);
        if (previous != null && !previous.equals(r)) {
          throw new IllegalArgumentException("duplicate rule id " + RuleFileReader.quote(r.id())
              + ": " + previous + " and " + r);
        }
      }
      if (byId.isEmpty() && notes.isEmpty()) {
        return EMPTY;
      }
      return new RuleSet(new ArrayList<>(byId.values()),
          new ArrayList<>(new java.util.LinkedHashSet<>(notes)));
    }
  }
}
