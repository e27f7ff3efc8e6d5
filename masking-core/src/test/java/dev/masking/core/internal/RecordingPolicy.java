package dev.masking.core.internal;

import dev.masking.core.Ascii;
import dev.masking.core.Decision;
import dev.masking.core.Field;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** A test policy that records every point and name it is asked about. */
final class RecordingPolicy implements MaskPolicy {
  final List<Point> points = new ArrayList<>();
  final List<String> names = new ArrayList<>();
  private final Predicate<Field> select;
  private final MaskAction action;

  RecordingPolicy(Predicate<Field> select, MaskAction action) {
    this.select = select;
    this.action = action;
  }

  /** Selects fields whose decoded name equals one of {@code names}, ASCII case folded. */
  static RecordingPolicy names(MaskAction action, String... names) {
    Set<String> lower = new java.util.HashSet<>();
    for (String n : names) {
      lower.add(Ascii.lower(n));
    }
    return new RecordingPolicy(f -> f.name() != null && lower.contains(Ascii.lower(f.name())), action);
  }

  /** Selects fields whose decoded name is one of {@code names} (any case), with redact. */
  static RecordingPolicy names(String... names) {
    return names(MaskAction.redact(), names);
  }

  /** Selects fields whose point equals {@code p}. */
  static RecordingPolicy point(MaskAction action, Point p) {
    return new RecordingPolicy(f -> f.point().equals(p), action);
  }

  /** Selects nothing, but records. */
  static RecordingPolicy nothing() {
    return new RecordingPolicy(f -> false, MaskAction.redact());
  }

  MaskRun run() {
    return new MaskRun(this, MaskingOptions.defaults());
  }

  MaskRun run(MaskingOptions options) {
    return new MaskRun(this, options);
  }

  /** Display forms of the points asked about, in order. */
  List<String> asked() {
    List<String> out = new ArrayList<>();
    for (Point p : points) {
      out.add(p.display());
    }
    return out;
  }

  @Override
  public Decision decide(Field field) {
    points.add(field.point());
    names.add(field.name());
    return select.test(field) ? new Decision(action, "t") : null;
  }
}
