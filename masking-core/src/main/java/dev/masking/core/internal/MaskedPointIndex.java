package dev.masking.core.internal;

import dev.masking.core.Point;
import dev.masking.core.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's masked points as a trie of steps, asked for each attack point: the strictest masked
 * point at or containing it, and whether a masked point lies strictly inside it. Each question
 * costs the length of the attack's point, not the number of masked points, so a report with many
 * attacks and many masked values stays linear (a loop over the masked points per attack took
 * 21 s for 48,000 of each). Points masked after it is built are taken in at the next question.
 *
 * <p>Answers the same as that loop: among the masked points an attack point starts with, the
 * {@link DetectorInspector#stricter stricter} decision wins and, between equals, the point masked
 * first. Steps compare as {@link Point#startsWith} compares them.
 *
 * <p>Not thread-safe: one per run.
 */
final class MaskedPointIndex {
  /** Below this many attack-and-masked-point pairs the plain loop is cheaper than the trie. */
  static final int MIN_PAIRS = 1024;

  private static final class Node {
    Map<Step, Node> children;
    MaskRun.Masked best;
    int bestIndex;
  }

  private final List<MaskRun.Masked> masked;
  private final Node root = new Node();
  private int indexed;

  MaskedPointIndex(List<MaskRun.Masked> masked) {
    this.masked = masked;
  }

  /** Whether asking the index for {@code attacks} attack points beats looping over the points. */
  static boolean pays(int attacks, int maskedPoints) {
    return (long) attacks * maskedPoints >= MIN_PAIRS;
  }

  private void catchUp() {
    while (indexed < masked.size()) {
      MaskRun.Masked m = masked.get(indexed);
      Node n = root;
      for (Step s : m.point().steps()) {
        if (n.children == null) {
          n.children = new HashMap<>(4);
        }
        n = n.children.computeIfAbsent(s, k -> new Node());
      }
      if (n.best == null || DetectorInspector.stricter(m.decision(), n.best.decision())) {
        n.best = m;
        n.bestIndex = indexed;
      }
      indexed++;
    }
  }

  /** The strictest masked point that {@code p} starts with (earliest among equals), or null. */
  MaskRun.Masked containing(Point p) {
    catchUp();
    Node n = root;
    MaskRun.Masked at = null;
    int atIndex = 0;
    for (int i = 0; ; i++) {
      MaskRun.Masked b = n.best;
      if (b != null && (at == null || DetectorInspector.stricter(b.decision(), at.decision())
          || !DetectorInspector.stricter(at.decision(), b.decision()) && n.bestIndex < atIndex)) {
        at = b;
        atIndex = n.bestIndex;
      }
      if (i == p.size() || n.children == null) {
        return at;
      }
      n = n.children.get(p.step(i));
      if (n == null) {
        return at;
      }
    }
  }

  /** Whether a masked point lies strictly inside {@code p} (starts with it and is longer). */
  boolean holdsInside(Point p) {
    catchUp();
    Node n = root;
    for (int i = 0; i < p.size(); i++) {
      if (n.children == null) {
        return false;
      }
      n = n.children.get(p.step(i));
      if (n == null) {
        return false;
      }
    }
    return n.children != null && !n.children.isEmpty();
  }
}
