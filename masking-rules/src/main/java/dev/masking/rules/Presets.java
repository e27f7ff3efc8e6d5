package dev.masking.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in presets: rule files shipped as resources under {@code dev/masking/rules/presets/},
 * each loaded once on first use and then shared.
 *
 * <p>Thread-safe: loading is synchronised; the loaded rule sets are immutable.
 */
final class Presets {
  private Presets() {}

  private static final Set<String> NAMES =
      Collections.unmodifiableSet(new TreeSet<>(Set.of("default", "pii")));

  private static final Map<String, RuleSet> LOADED = new HashMap<>();
  private static final Set<String> LOADING = new HashSet<>();

  /** The known preset names, sorted. */
  static Set<String> names() {
    return NAMES;
  }

  /** Whether {@code name} is being loaded on this thread (an include cycle). */
  static synchronized boolean isLoading(String name) {
    return LOADING.contains(name);
  }

  /**
   * The preset {@code name}, which must be one of {@link #names()}.
   *
   * @throws RuleFileException if the shipped resource is not a valid rule file (a build defect)
   */
  static synchronized RuleSet get(String name) {
    RuleSet loaded = LOADED.get(name);
    if (loaded != null) {
      return loaded;
    }
    String resource = "presets/" + name + ".json";
    LOADING.add(name);
    try (InputStream in = Presets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing from the jar: " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      loaded = RuleFileReader.read(text, "preset:" + name);
    } catch (IOException e) {
      throw new UncheckedIOException("reading preset " + name, e);
    } finally {
      LOADING.remove(name);
    }
    LOADED.put(name, loaded);
    return loaded;
  }
}
