package dev.masking.rules;

import dev.masking.core.Point;
import dev.masking.core.Step;
import dev.masking.core.detect.Detector;
import dev.masking.rules.internal.NameForms;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Rule} selects: fields with given names anywhere in a request, the value at one
 * request point, or the secrets value detectors find inside any value.
 *
 * <pre>{@code
 * Selector s = Selector.names("password", "passwd");          // any query, form, JSON, XML ... field
 * Selector t = Selector.point(Point.of(Step.named("get", "token")));
 * Selector u = Selector.detect(Detector.CARD);                // card numbers inside any value
 * }</pre>
 *
 * <p>Instances are immutable values and thread-safe. They hold rule configuration (names and
 * points), never request data.
 */
public sealed interface Selector {

  /**
   * Selects every field that has one of these names, wherever it sits: a query or form parameter,
   * a header, a cookie, a JSON member, a multipart field, an XML element or attribute, a
   * Content-Disposition parameter. Names compare with ASCII letters folded; unless {@code exact},
   * the separators {@code _ - .} and space are ignored too, so {@code api_key} also selects {@code
   * apiKey}, {@code Api-Key} and {@code API_KEY}. To fail closed on names a scanner could not
   * fully decode, a name still holding {@code %} is also tried after up to two rounds of
   * percent-decoding, one holding NUL or surrounding whitespace also without them, and an XML name
   * with a namespace prefix ({@code wsse:Password}) also by its local name.
   *
   * @param names the names, at least one; copied
   * @param exact whether separators are significant (case is always folded)
   */
  record Names(List<String> names, boolean exact) implements Selector {
    /**
     * Validates and copies the names.
     *
     * @throws IllegalArgumentException if the list is empty, or a name is empty or (unless exact)
     *     made of separators only
     */
    public Names {
      Objects.requireNonNull(names, "names");
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("a names selector needs at least one name");
      }
      for (String n : names) {
        if (n.isEmpty()) {
          throw new IllegalArgumentException("a selector name must not be empty");
        }
        if (!exact && NameForms.normalize(n).isEmpty()) {
          throw new IllegalArgumentException(
              "selector name '" + n + "' is only separators; it would match nothing");
        }
      }
    }
  }

  /**
   * Selects the value at one request point, compared step by step: header names in any case,
   * other keys exactly, and a wildcard step {@code X_all} ({@code get_all}, {@code hash_all},
   * {@code array_all}, ...) matching any step of parser {@code X}.
   *
   * @param point the point; at least one step, no {@code _name} steps
   */
  record AtPoint(Point point) implements Selector {
    /**
     * Validates the point.
     *
     * @throws IllegalArgumentException if the point is empty, has an unknown or alias step, or
     *     uses a {@code _name} step (those select names; masking selects values)
     */
    public AtPoint {
      Objects.requireNonNull(point, "point");
      if (point.size() == 0) {
        throw new IllegalArgumentException("a point selector needs at least one step");
      }
      for (Step s : point.steps()) {
        String problem = NameForms.pointStepProblem(s.parser());
        if (problem != null) {
          throw new IllegalArgumentException(problem + " in point '" + point.display() + "'");
        }
      }
    }
  }

  /**
   * Selects what value detectors find inside any value that no point or names rule selected: in
   * path segments, query and form values, header and cookie values, body fields at any depth,
   * plain-text bodies, attack payloads and carried-through string members. Only the span found is
   * masked (a JWT's payload and signature, a URL's password), the rest of the value is kept.
   *
   * @param detectors the detectors, at least one; copied; duplicates dropped
   */
  record Detect(List<Detector> detectors) implements Selector {
    /**
     * Validates and copies the detectors.
     *
     * @throws IllegalArgumentException if the list is empty
     * @throws NullPointerException if the list or an element is null
     */
    public Detect {
      Objects.requireNonNull(detectors, "detectors");
      detectors = List.copyOf(new java.util.LinkedHashSet<>(detectors));
      if (detectors.isEmpty()) {
        throw new IllegalArgumentException("a detect selector needs at least one detector");
      }
    }
  }

  /**
   * A selector of what these value detectors find.
   *
   * @throws IllegalArgumentException as {@link Detect#Detect}
   */
  static Selector detect(Detector... detectors) {
    return new Detect(List.of(detectors));
  }

  /**
   * A selector of fields named any of {@code names}, separators and case ignored.
   *
   * @throws IllegalArgumentException as {@link Names#Names}
   */
  static Selector names(String... names) {
    return new Names(List.of(names), false);
  }

  /**
   * A selector of the value at {@code point}.
   *
   * @throws IllegalArgumentException as {@link AtPoint#AtPoint}
   */
  static Selector point(Point point) {
    return new AtPoint(point);
  }
}
