package dev.masking.rules;

import dev.masking.rules.internal.NameForms;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a Wallarm URI-constructor pattern (<code>example.com/api/&#42;&#42;/&#42;.php?q=1</code>) into the
 * conditions it stands for, as the Wallarm console does: {@code header HOST}, {@code path N},
 * {@code action_name}, {@code action_ext} and {@code get} conditions.
 *
 * <p>Segments: a literal is {@code equal} (percent-escapes decoded); {@code *} is any non-empty
 * value; {@code {{regex}}} is a regex condition; {@code **} is any number of segments, zero
 * included, and may be followed only by the last segment. Without {@code **} the segment count is
 * fixed (the first unused {@code path} index must be absent). The last segment splits at its first
 * dot into action name and extension; with no dot the extension must be absent. A scheme is
 * ignored; one trailing {@code /} is ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class UrlPattern {
  private UrlPattern() {}

  /** A regex matching any non-empty value: what {@code *} means. */
  static final String NON_EMPTY = "(?s).";

  /**
   * The conditions for {@code pattern}.
   *
   * @throws IllegalArgumentException if the pattern is malformed; the message quotes it
   */
  static List<Condition> compile(String pattern) {
    List<Condition> out = new ArrayList<>();
    String p = pattern;
    int scheme = p.indexOf("://");
    if (scheme > 0 && p.indexOf('/') > scheme) {
      p = p.substring(scheme + 3);
    }
    int q = indexOutsideRegex(p, '?', 0);
    String query = q < 0 ? null : p.substring(q + 1);
    String rest = q < 0 ? p : p.substring(0, q);
    if (!rest.startsWith("/")) {
      int slash = indexOutsideRegex(rest, '/', 0);
      String host = slash < 0 ? rest : rest.substring(0, slash);
      rest = slash < 0 ? "" : rest.substring(slash);
      if (!host.isEmpty() && !"*".equals(host) && !"**".equals(host)) {
        out.add(term(Condition.header("HOST"), host, true));
      }
    }
    if (!rest.isEmpty()) {
      path(rest, pattern, out);
    }
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        if (eq < 0) {
          out.add(Condition.get(name).regex(""));
        } else {
          out.add(term(Condition.get(name), pair.substring(eq + 1), false));
        }
      }
    }
    return out;
  }

  private static void path(String rest, String pattern, List<Condition> out) {
    String body = rest.substring(1);
    if (body.endsWith("/")) {
      body = body.substring(0, body.length() - 1);
    }
    List<String> segments = splitOutsideRegex(body);
    String last = segments.remove(segments.size() - 1);
    boolean any = false;
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      if ("**".equals(s)) {
        if (any) {
          throw new IllegalArgumentException("'**' twice in URL pattern " + quote(pattern));
        }
        any = true;
        continue;
      }
      if (any) {
        throw new IllegalArgumentException("in URL pattern " + quote(pattern)
            + " only the last segment may follow '**'");
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty segment in URL pattern " + quote(pattern));
      }
      out.add(term(Condition.path(i), s, false));
    }
    if ("**".equals(last)) {
      return;
    }
    if (!any) {
      out.add(Condition.path(segments.size()).absent());
    }
    if (isRegex(last)) {
      out.add(Condition.actionName().regex(inner(last)));
      out.add(Condition.actionExt().absent());
      return;
    }
    int dot = indexOutsideRegex(last, '.', 0);
    String name = dot < 0 ? last : last.substring(0, dot);
    String ext = dot < 0 ? null : last.substring(dot + 1);
    out.add(term(Condition.actionName(), name, false));
    out.add(ext == null ? Condition.actionExt().absent() : term(Condition.actionExt(), ext, false));
  }

  /** A literal, {@code *} or {@code {{regex}}} term on {@code target}. */
  private static Condition term(Condition.Target target, String text, boolean host) {
    if ("*".equals(text)) {
      return target.regex(NON_EMPTY);
    }
    if (isRegex(text)) {
      return target.regex(inner(text));
    }
    if (text.contains("*")) {
      throw new IllegalArgumentException("'*' stands for a whole component; use {{regex}} for "
          + "part of one, in " + quote(text));
    }
    String literal = host ? text : decode(text);
    return host ? target.iequal(literal) : target.equal(literal);
  }

  static boolean isRegex(String s) {
    return s.length() > 4 && s.startsWith("{{") && s.endsWith("}}");
  }

  static String inner(String s) {
    return s.substring(2, s.length() - 2);
  }

  private static int indexOutsideRegex(String s, char c, int from) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      if (s.startsWith("{{", i)) {
        depth++;
        i++;
      } else if (depth > 0 && s.startsWith("}}", i)) {
        depth--;
        i++;
      } else if (depth == 0 && s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitOutsideRegex(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int at;
    while ((at = indexOutsideRegex(s, '/', start)) >= 0) {
      out.add(s.substring(start, at));
      start = at + 1;
    }
    out.add(s.substring(start));
    return out;
  }

  private static String quote(String s) {
    return RuleFileReader.quote(s);
  }

  /** Percent-decoding shared with the request side, so literals compare as requests decode. */
  private static String decode(String s) {
    return s.indexOf('%') < 0 ? s : NameForms.decodePercent(s);
  }
}
