package dev.masking.core;

import java.util.Objects;

/**
 * One step of a request {@link Point}: a parser name, and the key or index it takes, if any.
 *
 * <p>The parser name is canonical (aliases resolved, lower case). Header keys compare
 * ASCII-case-insensitively and display upper-cased, as in Wallarm's notation; every other key
 * compares exactly. Instances are immutable and thread-safe.
 *
 * @param parser canonical parser name, such as {@code get}, {@code hash} or {@code json_doc}
 * @param key the name argument, or {@code null}
 * @param index the index argument, or {@code -1}
 */
public record Step(String parser, String key, int index) {

  /** Validates the components. */
  public Step {
    Objects.requireNonNull(parser, "parser");
    if (index < -1) {
      throw new IllegalArgumentException("step index must be >= 0, got " + index);
    }
  }

  /** A step without argument, such as {@code post} or {@code json_doc}. */
  public static Step of(String parser) {
    return new Step(parser, null, -1);
  }

  /** A step with a name argument, such as {@code hash password}. */
  public static Step named(String parser, String key) {
    return new Step(parser, Objects.requireNonNull(key, "key"), -1);
  }

  /** A step with an index argument, such as {@code array 0}. */
  public static Step indexed(String parser, int index) {
    return new Step(parser, null, index);
  }

  /** Whether this step's key compares case-insensitively (header names). */
  public boolean caseInsensitiveKey() {
    return "header".equals(parser);
  }

  /** Whether {@code other} is the same step: same parser and argument, header names in any case. */
  public boolean sameAs(Step other) {
    if (!parser.equals(other.parser) || index != other.index) {
      return false;
    }
    if (key == null || other.key == null) {
      return key == other.key;
    }
    return caseInsensitiveKey() ? Ascii.equalsIgnoreCase(key, other.key) : key.equals(other.key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Step s && sameAs(s);
  }

  @Override
  public int hashCode() {
    int h = parser.hashCode() * 31 + index;
    if (key != null) {
      h = h * 31 + (caseInsensitiveKey() ? Ascii.lower(key).hashCode() : key.hashCode());
    }
    return h;
  }

  /** Display form: {@code hash password}, {@code header AUTHORIZATION}, {@code array 0}. */
  @Override
  public String toString() {
    if (key != null) {
      return parser + " " + (caseInsensitiveKey() ? Ascii.upper(key) : key);
    }
    return index >= 0 ? parser + " " + index : parser;
  }
}
