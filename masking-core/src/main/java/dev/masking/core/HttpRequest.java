package dev.masking.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The request of an attack report: method, raw URI (path and query as sent), protocol, headers and
 * body bytes.
 *
 * <pre>{@code
 * HttpRequest r = HttpRequest.builder().method("POST").uri("/login?next=%2F")
 *     .header("Content-Type", "application/x-www-form-urlencoded")
 *     .body("user=bob&password=hunter2").build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the body is copied in and out. {@link #toString()} prints the
 * method and sizes, never the URI, header values or body.
 */
public final class HttpRequest {

  /** How a report carried the body, so that output uses the same member. */
  public enum BodyTransport {
    /** UTF-8 text in {@code body}. */
    TEXT,
    /** Base64 in {@code body_base64}. */
    BASE64,
    /**
     * No body member at all; written back without one while the body stays empty (a body set
     * later is written as text).
     */
    NONE
  }

  private static final byte[] NO_BODY = new byte[0];

  static {
    dev.masking.core.internal.ModelAccess.install(new Trusted());
  }

  private final String method;
  private final String uri;
  private final String protocol;
  private final Headers headers;
  private final byte[] body;
  private final BodyTransport bodyTransport;

  private HttpRequest(Builder b) {
    this.method = b.method;
    this.uri = b.uri;
    this.protocol = b.protocol;
    this.headers = Headers.of(b.headers);
    this.body = b.body;
    this.bodyTransport = b.bodyTransport;
  }

  /** This request with another URI, headers and (unless null) body, which it keeps uncopied. */
  HttpRequest with(String newUri, Headers newHeaders, byte[] ownedBody) {
    return new HttpRequest(method, Objects.requireNonNull(newUri, "uri"),
        protocol, Objects.requireNonNull(newHeaders, "headers"),
        ownedBody == null ? body : ownedBody.length == 0 ? NO_BODY : ownedBody, bodyTransport);
  }

  private HttpRequest(String method, String uri, String protocol, Headers headers, byte[] body,
      BodyTransport bodyTransport) {
    this.method = method;
    this.uri = uri;
    this.protocol = protocol;
    this.headers = headers;
    this.body = body;
    this.bodyTransport = bodyTransport;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's parts, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.method = method;
    b.uri = uri;
    b.protocol = protocol;
    b.headers.addAll(headers.asList());
    b.body = body;
    b.bodyTransport = bodyTransport;
    return b;
  }

  /** The method as sent, for example {@code POST}; never null (may be empty). */
  public String method() {
    return method;
  }

  /** The URI as sent (path and query, no decoding); never null (may be empty). */
  public String uri() {
    return uri;
  }

  /** The protocol, for example {@code HTTP/1.1}, or {@code null} when the report had none. */
  public String protocol() {
    return protocol;
  }

  /** The headers in order. */
  public Headers headers() {
    return headers;
  }

  /** A copy of the body bytes (empty when there is no body). */
  public byte[] body() {
    return body.length == 0 ? NO_BODY : body.clone();
  }

  /** The body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** How the report carried the body. */
  public BodyTransport bodyTransport() {
    return bodyTransport;
  }

  /**
   * The body bytes without copying. Callers must not modify the array; this exists for the
   * scanners' hot path.
   */
  public byte[] bodyUnsafe() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpRequest r
        && method.equals(r.method)
        && uri.equals(r.uri)
        && Objects.equals(protocol, r.protocol)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, protocol, headers, Arrays.hashCode(body));
  }

  /** Method, header names and sizes; never the URI, header values or body. */
  @Override
  public String toString() {
    return "HttpRequest[" + method + ", uri " + uri.length() + " chars, " + headers
        + ", body " + body.length + " bytes]";
  }

  /** Collects the parts of a request. Not thread-safe; {@link #build()} copies. */
  public static final class Builder {
    private String method = "";
    private String uri = "";
    private String protocol;
    private final java.util.List<Header> headers = new java.util.ArrayList<>();
    private byte[] body = NO_BODY;
    private BodyTransport bodyTransport = BodyTransport.TEXT;

    private Builder() {}

    /** Sets the method. */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /** Sets the raw URI. */
    public Builder uri(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** Sets the protocol, or null for none. */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Appends a header. */
    public Builder header(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    /** Replaces all headers. */
    public Builder headers(Headers h) {
      headers.clear();
      headers.addAll(h.asList());
      return this;
    }

    /** Sets the body bytes (copied). */
    public Builder body(byte[] body) {
      this.body = body.length == 0 ? NO_BODY : body.clone();
      return this;
    }

    /** Sets the body from text, encoded as UTF-8. */
    public Builder body(String body) {
      this.body = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return this;
    }

    /** Sets how the report carried the body. */
    public Builder bodyTransport(BodyTransport t) {
      this.bodyTransport = Objects.requireNonNull(t, "bodyTransport");
      return this;
    }

    /** Builds the immutable request. */
    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
