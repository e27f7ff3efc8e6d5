package dev.masking.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The headers of a request in the order they were sent, keeping the original case of names and
 * every duplicate.
 *
 * <p>Immutable and thread-safe. {@link #toString()} prints names only.
 */
public final class Headers implements Iterable<Header> {
  private static final Headers EMPTY = new Headers(List.of());

  private final List<Header> list;

  private Headers(List<Header> list) {
    this.list = list;
  }

  /** No headers. */
  public static Headers empty() {
    return EMPTY;
  }

  /** The given headers, in order. */
  public static Headers of(List<Header> headers) {
    return headers.isEmpty() ? EMPTY : new Headers(List.copyOf(headers));
  }

  /**
   * The headers {@code owned[0, n)}, kept without copying: for the library's own scanners (see
   * {@link dev.masking.core.internal.ModelAccess}), which hand over a fresh array no one else
   * holds or writes after this call.
   */
  static Headers trusted(Header[] owned, int n) {
    return n == 0 ? EMPTY : new Headers(new HeaderList(owned, n));
  }

  /** An unmodifiable list over the first {@code n} entries of an array no one else holds. */
  private static final class HeaderList extends java.util.AbstractList<Header>
      implements java.util.RandomAccess {
    private final Header[] a;
    private final int n;

    HeaderList(Header[] a, int n) {
      this.a = a;
      this.n = n;
    }

    @Override
    public Header get(int i) {
      java.util.Objects.checkIndex(i, n);
      return a[i];
    }

    @Override
    public int size() {
      return n;
    }
  }

  /** The given name/value pairs, in order: {@code of("Host", "a", "Accept", "*&#47;*")}. */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    List<Header> l = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      l.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
    }
    return of(l);
  }

  /** Number of header lines. */
  public int size() {
    return list.size();
  }

  /** Header {@code i}. */
  public Header get(int i) {
    return list.get(i);
  }

  /** All headers, unmodifiable. */
  public List<Header> asList() {
    return list;
  }

  /** The value of the first header named {@code name} in any case, or {@code null}. */
  public String first(String name) {
    // Indexed: no iterator per call (asked about Content-Type for every body).
    for (int i = 0; i < list.size(); i++) {
      Header h = list.get(i);
      if (h.is(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** How many headers are named {@code name} in any case. */
  public int count(String name) {
    int n = 0;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).is(name)) {
        n++;
      }
    }
    return n;
  }

  /** The values of every header named {@code name} in any case, in order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>(2);
    for (Header h : list) {
      if (h.is(name)) {
        out.add(h.value());
      }
    }
    return out;
  }

  @Override
  public Iterator<Header> iterator() {
    return list.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.list.equals(list);
  }

  @Override
  public int hashCode() {
    return list.hashCode();
  }

  /** Header names only. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Headers[");
    for (int i = 0; i < list.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(list.get(i).name());
    }
    return sb.append(']').toString();
  }
}
