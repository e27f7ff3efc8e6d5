package dev.masking.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.masking.core.internal.JsonCopy;
import java.util.Map;
import java.util.Objects;

/**
 * One detected attack: its type, the request point it was found in, and the payload sample.
 *
 * <p>Immutable and thread-safe; carried-through JSON members are deep-copied in and out.
 * {@link #toString()} never prints the payload.
 */
public final class Attack {
  private final String type;
  private final Point point;
  private final JsonNode rawPoint;
  private final String payload;
  private final Map<String, JsonNode> extra;

  /**
   * Creates an attack.
   *
   * @param type attack type such as {@code sqli}, or null
   * @param point the parsed point, or null when the report had none or it was not understood
   * @param rawPoint the point as the report carried it, or null (written back unchanged)
   * @param payload the payload sample, or null
   * @param extra other members, in order (deep-copied)
   */
  public Attack(String type, Point point, JsonNode rawPoint, String payload,
      Map<String, JsonNode> extra) {
    this.type = type;
    this.point = point;
    this.rawPoint = rawPoint == null ? null : JsonCopy.of(rawPoint);
    this.payload = payload;
    this.extra = Members.copy(extra);
  }

  /** An attack with a type, point and payload and nothing else. */
  public static Attack of(String type, Point point, String payload) {
    return new Attack(type, point, null, payload, Map.of());
  }

  /** The attack type, or null. */
  public String type() {
    return type;
  }

  /** The parsed point, or null. */
  public Point point() {
    return point;
  }

  /** A copy of the point as the report carried it, or null. */
  public JsonNode rawPoint() {
    return rawPoint == null ? null : JsonCopy.of(rawPoint);
  }

  /** The payload sample, or null. */
  public String payload() {
    return payload;
  }

  /** Other members in their original order (deep copies). */
  public Map<String, JsonNode> extra() {
    return Members.copy(extra);
  }

  /** This attack with another payload. */
  public Attack withPayload(String newPayload) {
    return new Attack(type, point, rawPoint, newPayload, extra);
  }

  /** This attack with other carried-through members. */
  public Attack withExtra(Map<String, JsonNode> newExtra) {
    return new Attack(type, point, rawPoint, payload, newExtra);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attack a
        && Objects.equals(type, a.type)
        && Objects.equals(point, a.point)
        && JsonTrees.equal(rawPoint, a.rawPoint)
        && Objects.equals(payload, a.payload)
        && JsonTrees.equal(extra, a.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, point, payload);
  }

  /** Type and point; never the payload. */
  @Override
  public String toString() {
    return "Attack[" + type + " at " + (point == null ? "?" : point.display())
        + (payload == null ? "" : ", payload " + payload.length() + " chars") + "]";
  }
}
