package dev.masking.core.internal;

import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.Point;
import dev.masking.core.Step;

/**
 * Builds model objects from arrays the library owns, without the defensive copies the public
 * factories make: the masked body a scanner just wrote, and the steps of a masked point, are
 * handed over as they are.
 *
 * <p>The one implementation lives in {@code dev.masking.core} (package-private) and installs
 * itself when {@link HttpRequest} is initialised. Only this package can reach it ({@link #get()}
 * and the factory methods are not public), so no model object becomes mutable through it.
 * Thread-safe: the implementation is stateless.
 */
public abstract class ModelAccess {

  private static volatile ModelAccess instance;

  /** For the library's implementation only (see {@link #install}). */
  protected ModelAccess() {}

  /**
   * {@code base} with another URI, headers and body; every other part (method, protocol, body
   * transport) kept.
   *
   * @param ownedBody the new body, or null to keep {@code base}'s; never modified by anyone after
   *     this call (the request keeps it without copying)
   * @return the request
   */
  protected abstract HttpRequest request(HttpRequest base, String uri, Headers headers,
      byte[] ownedBody);

  /**
   * A point of {@code owned}'s steps, kept without copying.
   *
   * @param owned a fresh array of non-null steps, never modified by anyone after this call
   * @return the point
   * @throws NullPointerException if a step is null
   */
  protected abstract Point point(Step[] owned);

  /**
   * An unmodifiable list of {@code owned}'s notes, kept without copying; {@link
   * dev.masking.core.MaskedReport} keeps it as it is.
   *
   * @param owned a fresh array of non-null notes, never modified by anyone after this call
   * @return the list
   * @throws NullPointerException if a note is null
   */
  protected abstract java.util.List<dev.masking.core.Note> notes(dev.masking.core.Note[] owned);

  /**
   * The headers {@code owned[0, n)}, kept without copying.
   *
   * @param owned a fresh array whose first {@code n} entries are non-null headers, never modified
   *     by anyone after this call
   * @param n how many of its entries are headers
   * @return the headers
   * @throws NullPointerException if one of those entries is null
   */
  protected abstract dev.masking.core.Headers headers(dev.masking.core.Header[] owned, int n);

  /**
   * The library's implementation (installs it first if {@link HttpRequest} was not initialised
   * yet).
   */
  static ModelAccess get() {
    ModelAccess a = instance;
    if (a == null) {
      try {
        Class.forName(HttpRequest.class.getName(), true, ModelAccess.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("model classes missing", e);
      }
      a = instance;
    }
    return a;
  }

  /**
   * Installs the library's implementation; called once from {@code dev.masking.core}. Any other
   * implementation, and any call after the first, is ignored.
   *
   * @param access the implementation
   */
  public static void install(ModelAccess access) {
    if (instance == null && access != null
        && access.getClass().getName().equals("dev.masking.core.Trusted")) {
      instance = access;
    }
  }
}
