package dev.masking.core;

import dev.masking.core.internal.ModelAccess;

/**
 * The library-only constructors of model objects that take arrays without copying them (see
 * {@link ModelAccess}). Stateless and thread-safe.
 */
final class Trusted extends ModelAccess {
  Trusted() {}

  @Override
  protected HttpRequest request(HttpRequest base, String uri, Headers headers, byte[] ownedBody) {
    return base.with(uri, headers, ownedBody);
  }

  @Override
  protected Headers headers(Header[] owned, int n) {
    for (int i = 0; i < n; i++) {
      java.util.Objects.requireNonNull(owned[i], "header");
    }
    return Headers.trusted(owned, n);
  }

  @Override
  protected java.util.List<Note> notes(Note[] owned) {
    return new MaskedReport.Owned(owned);
  }

  @Override
  protected Point point(Step[] owned) {
    for (Step s : owned) {
      java.util.Objects.requireNonNull(s, "step");
    }
    return Point.trusted(owned);
  }
}
