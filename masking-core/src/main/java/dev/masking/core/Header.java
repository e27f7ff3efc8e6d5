package dev.masking.core;

import java.util.Objects;

/**
 * One request header as sent: name in its original case, value unchanged.
 *
 * <p>Immutable. {@link #toString()} prints the name only: a header value may be a credential.
 *
 * @param name the header name as sent
 * @param value the header value as sent
 */
public record Header(String name, String value) {

  /** Validates the components. */
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this header's name equals {@code other}, ASCII-case-insensitively. */
  public boolean is(String other) {
    return Ascii.equalsIgnoreCase(name, other);
  }

  /** The name and the value's length, never the value. */
  @Override
  public String toString() {
    return "Header[" + name + ", " + value.length() + " chars]";
  }
}
