package dev.masking.rules;

import dev.masking.core.MaskAction;
import dev.masking.core.Point;
import dev.masking.core.detect.Detector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One masking rule: an id (named in notes), a {@link Selector} saying which fields it selects, the
 * {@link MaskAction} applied to them, and optional {@link Condition}s on the request, all of which
 * must hold for the rule to apply.
 *
 * <pre>{@code
 * Rule r = Rule.builder("login-password")
 *     .names("password", "passwd")
 *     .action(MaskAction.redact())      // the default
 *     .when(Condition.header("Host").iequal("shop.example"), Condition.method().equal("POST"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Two rules are equal when id, selector, action and conditions are
 * equal.
 */
public final class Rule {
  /** Longest rule id accepted. */
  static final int MAX_ID_LENGTH = 128;

  private final String id;
  private final Selector selector;
  private final MaskAction action;
  private final List<Condition> conditions;

  private Rule(String id, Selector selector, MaskAction action, List<Condition> conditions) {
    this.id = id;
    this.selector = selector;
    this.action = action;
    this.conditions = conditions;
  }

  /**
   * A builder for a rule with this id.
   *
   * @param id the rule id: 1 to 128 characters, no control characters
   * @throws IllegalArgumentException if the id is empty, too long or holds control characters
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** The rule id. */
  public String id() {
    return id;
  }

  /** What the rule selects. */
  public Selector selector() {
    return selector;
  }

  /** How selected values are masked. */
  public MaskAction action() {
    return action;
  }

  /**
   * The conditions on the request, all of which must hold for the rule to apply; empty for a
   * rule that applies to every request. Unmodifiable.
   */
  public List<Condition> conditions() {
    return conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rule r
        && r.id.equals(id)
        && r.selector.equals(selector)
        && r.action.equals(action)
        && r.conditions.equals(conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, selector, action, conditions);
  }

  /** Id, selector and action: configuration only, never request data. */
  @Override
  public String toString() {
    String what;
    if (selector instanceof Selector.Names n) {
      what = "names=" + n.names() + (n.exact() ? ", exact" : "");
    } else if (selector instanceof Selector.Detect d) {
      List<String> ids = new ArrayList<>();
      for (Detector x : d.detectors()) {
        ids.add(x.id());
      }
      what = "detect=" + ids;
    } else {
      what = "point=" + ((Selector.AtPoint) selector).point().display();
    }
    return "Rule[" + id + ", " + what + ", " + action.describe()
        + (conditions.isEmpty() ? "" : ", when " + conditions) + "]";
  }

  /** Why {@code id} is not a valid rule id, or null when it is. */
  static String idProblem(String id) {
    if (id.isEmpty()) {
      return "a rule id must not be empty";
    }
    if (id.length() > MAX_ID_LENGTH) {
      return "rule id '" + id.substring(0, 40) + "...' is longer than " + MAX_ID_LENGTH
          + " characters";
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        return "rule id must not hold control characters";
      }
    }
    if (id.isBlank()) {
      return "a rule id must not be blank";
    }
    return null;
  }

  /**
   * Collects a rule's parts. Exactly one of {@link #names}, {@link #point}, {@link #detect} and
   * {@link #selector} is required; the
   * action defaults to {@link MaskAction#redact()}. Not thread-safe; {@link #build()} validates.
   */
  public static final class Builder {
    private final String id;
    private String[] names;
    private Boolean exact;
    private Point point;
    private Selector selector;
    private MaskAction action = MaskAction.redact();
    private List<Condition> conditions = List.of();

    private Builder(String id) {
      Objects.requireNonNull(id, "id");
      String problem = idProblem(id);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      this.id = id;
    }

    /** Selects fields with any of these names, anywhere (see {@link Selector.Names}). */
    public Builder names(String... names) {
      this.names = Arrays.copyOf(names, names.length);
      return this;
    }

    /** Whether name separators are significant (default false); only with {@link #names}. */
    public Builder exact(boolean exact) {
      this.exact = exact;
      return this;
    }

    /** Selects the value at this point (see {@link Selector.AtPoint}). */
    public Builder point(Point point) {
      this.point = Objects.requireNonNull(point, "point");
      return this;
    }

    /**
     * Selects what these value detectors find inside any value (see {@link Selector.Detect}).
     *
     * @throws IllegalArgumentException if no detector is given
     */
    public Builder detect(Detector... detectors) {
      this.selector = new Selector.Detect(List.of(detectors));
      return this;
    }

    /** Uses a ready selector instead of {@link #names} or {@link #point}. */
    public Builder selector(Selector selector) {
      this.selector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /** The mask action; default {@link MaskAction#redact()}. */
    public Builder action(MaskAction action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /** The conditions on the request (all must hold); replaces earlier ones. Default: none. */
    public Builder when(Condition... conditions) {
      return when(Arrays.asList(conditions));
    }

    /** The conditions on the request (all must hold); replaces earlier ones. Default: none. */
    public Builder when(List<Condition> conditions) {
      this.conditions = List.copyOf(conditions);
      return this;
    }

    /**
     * Validates and builds the rule.
     *
     * @throws IllegalArgumentException if not exactly one of names, point and selector (or detect)
     *     was given,
     *     if {@code exact} was given without names, or if the selector is invalid
     */
    public Rule build() {
      int given = (names != null ? 1 : 0) + (point != null ? 1 : 0) + (selector != null ? 1 : 0);
      if (given != 1) {
        throw new IllegalArgumentException(
            "rule '" + id + "' needs exactly one of names, point, detect or selector, got "
                + given);
      }
      if (exact != null && names == null) {
        throw new IllegalArgumentException("rule '" + id + "': exact applies only to names");
      }
      Selector s = selector;
      try {
        if (names != null) {
          s = new Selector.Names(Arrays.asList(names), exact != null && exact);
        } else if (point != null) {
          s = new Selector.AtPoint(point);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rule '" + id + "': " + e.getMessage(), e);
      }
      return new Rule(id, s, action, conditions);
    }
  }
}
