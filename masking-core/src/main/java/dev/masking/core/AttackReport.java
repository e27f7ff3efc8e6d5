package dev.masking.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An attack report as a filtering node builds it: an id, the request, the detected attacks, the
 * optional application id ({@code instance}) and any other members, carried through unchanged.
 *
 * <pre>{@code
 * AttackReport r = new AttackReport("r-1", null, request, List.of(attack), Map.of());
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints request values.
 */
public final class AttackReport {
  private final String id;
  private final String instance;
  private final HttpRequest request;
  private final List<Attack> attacks;
  private final Map<String, JsonNode> extra;
  private final Map<String, JsonNode> requestExtra;

  /**
   * Creates a report.
   *
   * @param id report id, or null
   * @param instance application id, or null
   * @param request the request; not null
   * @param attacks detected attacks, in order
   * @param extra other top-level members, in order (deep-copied)
   */
  public AttackReport(String id, String instance, HttpRequest request, List<Attack> attacks,
      Map<String, JsonNode> extra) {
    this(id, instance, request, attacks, extra, Map.of());
  }

  /**
   * Creates a report that also carries unknown members of its {@code request} object.
   *
   * @param id report id, or null
   * @param instance application id, or null
   * @param request the request; not null
   * @param attacks detected attacks, in order
   * @param extra other top-level members, in order (deep-copied)
   * @param requestExtra other members of the request object, in order (deep-copied)
   */
  public AttackReport(String id, String instance, HttpRequest request, List<Attack> attacks,
      Map<String, JsonNode> extra, Map<String, JsonNode> requestExtra) {
    this.id = id;
    this.instance = instance;
    this.request = Objects.requireNonNull(request, "request");
    this.attacks = List.copyOf(attacks);
    this.extra = Members.copy(extra);
    this.requestExtra = Members.copy(requestExtra);
  }

  /** A report holding just a request. */
  public static AttackReport of(HttpRequest request) {
    return new AttackReport(null, null, request, List.of(), Map.of());
  }

  /** The report id, or null. */
  public String id() {
    return id;
  }

  /** The application id, or null. */
  public String instance() {
    return instance;
  }

  /** The request. */
  public HttpRequest request() {
    return request;
  }

  /** The attacks, unmodifiable. */
  public List<Attack> attacks() {
    return attacks;
  }

  /** Other top-level members in order (deep copies). */
  public Map<String, JsonNode> extra() {
    return Members.copy(extra);
  }

  /** Other members of the request object in order (deep copies). */
  public Map<String, JsonNode> requestExtra() {
    return Members.copy(requestExtra);
  }

  /** This report with another request and attacks; everything else kept. */
  public AttackReport with(HttpRequest newRequest, List<Attack> newAttacks) {
    return new AttackReport(id, instance, newRequest, newAttacks, extra, requestExtra);
  }

  /** This report with other carried-through members. */
  public AttackReport withExtra(Map<String, JsonNode> newExtra,
      Map<String, JsonNode> newRequestExtra) {
    return new AttackReport(id, instance, request, attacks, newExtra, newRequestExtra);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttackReport r
        && Objects.equals(id, r.id)
        && Objects.equals(instance, r.instance)
        && request.equals(r.request)
        && attacks.equals(r.attacks)
        && JsonTrees.equal(extra, r.extra)
        && JsonTrees.equal(requestExtra, r.requestExtra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, request, attacks);
  }

  /** Id and shape; never request values. */
  @Override
  public String toString() {
    return "AttackReport[" + id + ", " + request + ", " + attacks.size() + " attacks]";
  }
}
