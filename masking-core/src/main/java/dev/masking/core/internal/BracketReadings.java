package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.Step;

/**
 * The other readings servers give a parameter or cookie name holding brackets that are not one
 * well-formed {@code base[key]...} chain, asked so that a name any of them reads as selected is
 * masked (fail closed).
 *
 * <ul>
 *   <li>Flat: PHP turns an unclosed {@code [} into {@code _} ({@code pass[word} is {@code
 *       pass_word}, {@code user[password} is {@code user_password}); here every bracket becomes
 *       {@code _}.
 *   <li>Levels: the name split at every run of brackets, empty pieces dropped, asked as {@code
 *       <parser> first > hash second > ...}: PHP ignores what follows the last {@code ]} ({@code
 *       user[password]x} is {@code user > password}), Rack 2 skips leading brackets and reads an
 *       unclosed one as a level ({@code [password]} is {@code password}, {@code user[password} is
 *       {@code user > password}), and PHP parses bracket names in cookies too.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class BracketReadings {
  private BracketReadings() {}

  /** Whether {@code name} holds a bracket. */
  static boolean hasBracket(String name) {
    return name.indexOf('[') >= 0 || name.indexOf(']') >= 0;
  }

  /**
   * Asks about the readings of {@code name} (which holds a bracket) under {@code parser}. Returns
   * the first decision with its steps still pushed, or null with the run popped to {@code base}.
   */
  static Decision ask(MaskRun run, String parser, String name, int base) {
    String flat = name.replace('[', '_').replace(']', '_');
    run.push(Step.named(parser, flat), flat);
    Decision d = run.decide();
    if (d != null) {
      return d;
    }
    run.popTo(base);
    int n = name.length();
    int i = 0;
    boolean first = true;
    while (i < n) {
      while (i < n && isBracket(name.charAt(i))) {
        i++;
      }
      int s = i;
      while (i < n && !isBracket(name.charAt(i))) {
        i++;
      }
      if (s < i) {
        String key = name.substring(s, i);
        run.push(Step.named(first ? parser : "hash", key), key);
        first = false;
        d = run.decide();
        if (d != null) {
          return d;
        }
      }
    }
    run.popTo(base);
    return null;
  }

  private static boolean isBracket(char c) {
    return c == '[' || c == ']';
  }
}
