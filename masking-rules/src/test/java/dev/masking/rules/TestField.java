package dev.masking.rules;

import dev.masking.core.Field;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.ArrayList;
import java.util.List;

/** A field for policy tests: a list of steps and a decoded name. */
final class TestField implements Field {
  private final List<Step> steps;
  private final String name;

  TestField(List<Step> steps, String name) {
    this.steps = List.copyOf(steps);
    this.name = name;
  }

  /** A field at {@code steps} whose name is the last step's key. */
  static TestField at(Step... steps) {
    return new TestField(List.of(steps), steps[steps.length - 1].key());
  }

  /** A field at {@code steps}, named {@code name} (as a scanner decodes it). */
  static TestField named(String name, Step... steps) {
    return new TestField(List.of(steps), name);
  }

  /** A query parameter, name as decoded. */
  static TestField query(String name) {
    return at(Step.named("get", name));
  }

  /** A header. */
  static TestField header(String name) {
    return at(Step.named("header", name));
  }

  /** A cookie, under the Cookie header. */
  static TestField cookie(String name) {
    return at(Step.named("header", "COOKIE"), Step.named("cookie", name));
  }

  /** A JSON body member at the given key path. */
  static TestField json(String... keys) {
    List<Step> s = new ArrayList<>(List.of(Step.of("post"), Step.of("json_doc")));
    for (String k : keys) {
      s.add(Step.named("hash", k));
    }
    return new TestField(s, keys[keys.length - 1]);
  }

  @Override
  public int depth() {
    return steps.size();
  }

  @Override
  public Step step(int i) {
    return steps.get(i);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Point point() {
    return Point.of(steps);
  }

  @Override
  public String toString() {
    return Point.of(steps).display() + " (name " + name + ")";
  }
}
