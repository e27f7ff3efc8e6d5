package dev.masking.core;

import dev.masking.core.internal.ModelAccess;

/**
 * The library-only constructors of model objects that take arrays without copying them (see
 * {@link ModelAccess}). Stateless and thread-safe.
 */
final class Trusted implements ModelAccess {
  Trusted() {}

  @Override
  public HttpRequest request(HttpRequest base, String uri, Headers headers, byte[] ownedBody) {
    return base.with(uri, headers, ownedBody);
  }

  @Override
  public Point point(Step[] owned) {
    for (Step s : owned) {
      java.util.Objects.requireNonNull(s, "step");
    }
    return Point.trusted(owned);
  }
}
