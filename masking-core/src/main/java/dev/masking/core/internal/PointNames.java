package dev.masking.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.masking.core.Ascii;
import dev.masking.core.Attack;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Masks the echoes of masked values in names that leave with a report: the keys of attack points
 * (as the report carried them and as parsed) and of the points and sentences of notes. A point's
 * names are request data (parameter, header, cookie and member names), so a masked value used as a
 * name elsewhere ({@code {"<session id>": {...}}}) would otherwise be shown there although the
 * residual sweep masked it in the body. Each echo becomes {@code ***}: a name has no action of its
 * own. Notes carry no value, so this adds none.
 *
 * <p>Not charged to the report's work budget: the texts are the notes already made and the points
 * the report carried, so the cost is linear in them, and a spent budget must not blank the notes.
 *
 * <p>Stateless; the run holds all state.
 */
final class PointNames {
  private PointNames() {}

  /**
   * The attacks whose point held an echo, with it masked, by index; null when there were none.
   */
  static Attack[] attacks(List<Attack> attacks, Echoes echoes, MaskRun run,
      List<Echoes.Hit> hits) {
    Attack[] out = null;
    for (int i = 0; i < attacks.size(); i++) {
      Attack a = attacks.get(i);
      JsonNode raw = a.rawPoint();
      Point p = a.point();
      JsonNode newRaw = raw == null ? null : texts(raw, echoes, run, hits);
      Point newPoint;
      if (newRaw != null) {
        newPoint = Point.tryParse(newRaw);
      } else {
        newPoint = p == null ? null : point(p, echoes, run, hits);
      }
      if (newRaw != null || newPoint != p) {
        if (out == null) {
          out = new Attack[attacks.size()];
        }
        out[i] = new Attack(a.type(), newPoint, newRaw != null ? newRaw : raw, a.payload(),
            a.extra());
      }
    }
    return out;
  }

  /**
   * Masks echoes in the points and sentences of the run's notes so far. The notes of a run share
   * most of their steps (a member's parents named in every note below it, in the order the
   * scanners met them): a key that is, by identity, the key at the same place in the last point
   * found to hold no echo is not searched again. An empty sentence (a masked point's) is not
   * searched.
   */
  static void notes(Echoes echoes, MaskRun run, List<Echoes.Hit> hits) {
    int n = run.noteCount();
    Point clean = null; // the last point found to hold no echo
    for (int i = 0; i < n; i++) {
      Note note = run.noteAt(i);
      Point q = note.point();
      Point p = q;
      if (q != null) {
        p = point(q, clean, echoes, run, hits);
        if (p == q) {
          clean = q;
        }
      }
      String r = note.reason();
      String reason = r.isEmpty() ? r : mask(r, echoes, run, hits);
      if (p != q || reason != r) {
        run.setNote(i, new Note(note.kind(), p, note.ruleId(), note.action(), reason));
      }
    }
  }

  /**
   * How a note's sentence names {@code at}, a masked value's point: its display with echoes in its
   * keys masked. The sentence is searched as it stands later ({@link #notes}), but a display shows
   * a header name upper-cased, a form no needle has: a masked value sent as a header name would
   * stay there, its letters folded ({@code header SESS-7F3A...}). {@code echoes} null: nothing is
   * hunted.
   */
  static String shown(Point at, Echoes echoes, MaskRun run) {
    return echoes == null ? at.display() : point(at, echoes, run, new ArrayList<>()).display();
  }

  /** {@code p} with echoes in its keys masked, or the same instance. */
  static Point point(Point p, Echoes echoes, MaskRun run, List<Echoes.Hit> hits) {
    return point(p, null, echoes, run, hits);
  }

  /**
   * As {@link #point(Point, Echoes, MaskRun, List)}; {@code clean} (may be null) is a point found
   * to hold no echo: a key that is its key at the same place (the same string) is clean.
   */
  private static Point point(Point p, Point clean, Echoes echoes, MaskRun run,
      List<Echoes.Hit> hits) {
    List<Step> steps = null;
    int n = p.size();
    int shared = clean == null ? 0 : Math.min(n, clean.size());
    for (int i = 0; i < n; i++) {
      Step s = p.step(i);
      String key = s.key();
      // By identity: the notes of one run share their parents' key strings; an equal but distinct
      // string is searched again.
      if (key == null || i < shared && clean.step(i).key() == key || echoes.tooShort(key)) {
        continue;
      }
      String k = search(key, echoes, run, hits); // not empty, not too short: checked above
      if (s.caseInsensitiveKey()) {
        // A header name is shown upper-cased (the display and the flat form): a name that is a
        // masked value's lower- or mixed-case form (header qz7k... beside a password QZ7K...)
        // is no echo as sent but shows the value itself there. Searched as shown too; the key
        // becomes its shown form with those echoes masked (the same display).
        String up = Ascii.upper(k);
        if (up != k) {
          String m = search(up, echoes, run, hits);
          if (m != up) {
            k = m;
          }
        }
      }
      if (k != key) {
        if (steps == null) {
          steps = new ArrayList<>(p.steps());
        }
        steps.set(i, Step.named(s.parser(), k));
      }
    }
    return steps == null ? p : Point.of(steps);
  }

  /**
   * A copy of the tree {@code root} with echoes masked in its strings and member names, or null
   * when it held none. Iterative: the tree is attacker-shaped.
   */
  private static JsonNode texts(JsonNode root, Echoes echoes, MaskRun run,
      List<Echoes.Hit> hits) {
    if (root.isTextual()) {
      String t = mask(root.textValue(), echoes, run, hits);
      return t == root.textValue() ? null : TextNode.valueOf(t);
    }
    if (!root.isContainerNode()) {
      return null;
    }
    JsonNode copy = JsonCopy.of(root);
    boolean changed = false;
    ArrayDeque<JsonNode> stack = new ArrayDeque<>();
    stack.push(copy);
    while (!stack.isEmpty()) {
      JsonNode c = stack.pop();
      if (c instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          JsonNode v = a.get(i);
          if (v.isTextual()) {
            String t = mask(v.textValue(), echoes, run, hits);
            if (t != v.textValue()) {
              a.set(i, TextNode.valueOf(t));
              changed = true;
            }
          } else if (v.isContainerNode()) {
            stack.push(v);
          }
        }
      } else if (c instanceof ObjectNode o) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        entries.addAll(o.properties());
        boolean renamed = false;
        List<String> names = new ArrayList<>(entries.size());
        for (Map.Entry<String, JsonNode> e : entries) {
          String k = mask(e.getKey(), echoes, run, hits);
          renamed |= k != e.getKey();
          names.add(k);
          JsonNode v = e.getValue();
          if (v.isTextual()) {
            String t = mask(v.textValue(), echoes, run, hits);
            if (t != v.textValue()) {
              e.setValue(TextNode.valueOf(t));
              changed = true;
            }
          } else if (v.isContainerNode()) {
            stack.push(v);
          }
        }
        if (renamed) {
          o.removeAll();
          for (int i = 0; i < entries.size(); i++) {
            o.set(names.get(i), entries.get(i).getValue());
          }
          changed = true;
        }
      }
    }
    return changed ? copy : null;
  }

  /** {@code s} with every echo masked as {@code ***}; the same instance when it held none. */
  static String mask(String s, Echoes echoes, MaskRun run, List<Echoes.Hit> hits) {
    if (s == null || s.isEmpty() || echoes.tooShort(s)) {
      return s;
    }
    return search(s, echoes, run, hits);
  }

  /** As {@link #mask}, {@code s} known to be neither null nor too short for every needle. */
  private static String search(String s, Echoes echoes, MaskRun run, List<Echoes.Hit> hits) {
    hits.clear();
    if (echoes.matchesChars(s)) {
      echoes.findAscii(s, hits);
      return hits.isEmpty() ? s : replace(s, hits);
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    echoes.find(b, 0, b.length, hits);
    if (hits.isEmpty()) {
      return s;
    }
    // Byte positions: replaced in the bytes seen one char per byte, then read back as UTF-8.
    String latin = new String(b, StandardCharsets.ISO_8859_1);
    return new String(replace(latin, hits).getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8);
  }

  /** {@code s} with the spans of {@code hits} (merged where they overlap) as {@code ***}. */
  private static String replace(String s, List<Echoes.Hit> hits) {
    hits.sort((x, y) -> Integer.compare(x.start(), y.start()));
    StringBuilder out = new StringBuilder(s.length());
    int copied = 0;
    for (Echoes.Hit h : hits) {
      if (h.end() <= copied) {
        continue;
      }
      out.append(s, copied, Math.max(copied, h.start()));
      if (h.start() >= copied) {
        out.append(Actions.REDACT_TOKEN);
      }
      copied = h.end();
    }
    return out.append(s, copied, s.length()).toString();
  }
}
