package dev.masking.core.internal;

import dev.masking.core.Attack;
import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Note;
import dev.masking.core.Point;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Masks attack payloads: a payload whose point is a masked point or lies inside one is masked with
 * the same action; any other payload has the masked values it repeats (raw, percent-encoded or
 * JSON-escaped, when at least {@code residualMinLength} long) replaced by their masks.
 *
 * <p>This is the payload part of the residual sweep; the sweep over the whole report is a later
 * step. Stateless.
 */
public final class Residuals {
  private Residuals() {}

  /** The attacks with payloads masked; the same list when nothing changed. */
  public static List<Attack> maskAttacks(List<Attack> attacks, MaskRun run) {
    if (attacks.isEmpty()) {
      return attacks;
    }
    List<Attack> out = null;
    List<Echo> echoes = null;
    for (int i = 0; i < attacks.size(); i++) {
      Attack a = attacks.get(i);
      String payload = a.payload();
      if (payload == null || payload.isEmpty()) {
        continue;
      }
      String masked = null;
      MaskRun.Masked at = a.point() == null ? null : strictestContaining(a.point(), run);
      if (run.inWholePart(a.point())) {
        masked = Actions.REDACT_TOKEN;
        run.note(new Note(Note.Kind.PAYLOAD, a.point(), null, null, a.point() == null
            ? "payload has no point and a part was masked whole; masked whole"
            : "payload lies inside a part masked whole"));
      } else if (at != null) {
        masked = run.applyAction(at.decision().action(), payload);
        run.note(new Note(Note.Kind.PAYLOAD, a.point(), at.decision().ruleId(),
            at.decision().action().describe(), "payload lies inside a masked point"));
      } else {
        if (echoes == null) {
          echoes = echoes(run);
        }
        String inspected = inspectNested(payload, a.point(), run);
        masked = sweep(inspected == null ? payload : inspected, echoes, run, a.point());
      }
      if (masked != null && !masked.equals(payload)) {
        if (out == null) {
          out = new ArrayList<>(attacks);
        }
        out.set(i, a.withPayload(masked));
      }
    }
    return out == null ? attacks : List.copyOf(out);
  }

  /**
   * A payload at a point that holds masked points further down (a base64 or percent-encoded
   * document with a masked member) repeats the encoded value, which no echo of the member's value
   * matches: it goes through the run's inspectors at its point, as the request value did, so the
   * same members are masked inside it. Returns the rewritten payload, or null.
   */
  private static String inspectNested(String payload, Point p, MaskRun run) {
    if (p == null || p.size() == 0 || !run.inspectsValues() || !holdsMaskedPoint(p, run)) {
      return null;
    }
    int depth = run.depth();
    int mark = run.noteCount();
    try {
      for (dev.masking.core.Step s : p.steps()) {
        run.push(s);
      }
      return run.inspect(payload);
    } finally {
      run.popTo(depth);
      run.dropRepeatedNotesSince(mark);
    }
  }

  private static boolean holdsMaskedPoint(Point p, MaskRun run) {
    for (MaskRun.Masked m : run.maskedPoints()) {
      if (m.point().size() > p.size() && m.point().startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static MaskRun.Masked strictestContaining(Point p, MaskRun run) {
    MaskRun.Masked best = null;
    for (MaskRun.Masked m : run.maskedPoints()) {
      if (p.startsWith(m.point())
          && (best == null || stricter(m.decision(), best.decision()))) {
        best = m;
      }
    }
    return best;
  }

  private static boolean stricter(Decision a, Decision b) {
    int c = Integer.compare(a.action().strictness(), b.action().strictness());
    return c > 0 || c == 0 && a.ruleId().compareTo(b.ruleId()) < 0;
  }

  /** One form in which a masked value may be repeated, and what replaces it. */
  private record Echo(String needle, String replacement, Decision decision) {}

  private static List<Echo> echoes(MaskRun run) {
    List<String> values = run.maskedValues();
    List<Decision> decisions = run.maskedValueDecisions();
    int min = run.options().residualMinLength();
    List<Echo> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v.length() < min) {
        continue;
      }
      Decision d = decisions.get(i);
      addEchoes(out, v, d, run);
      char c0 = v.charAt(0);
      if (c0 == '{' || c0 == '[') {
        // A masked JSON object or array: its scalar members are masked values too.
        for (String inner : jsonScalars(v)) {
          if (inner.length() >= min) {
            addEchoes(out, inner, d, run);
          }
        }
      }
    }
    // Longest first, so that a value is replaced before any shorter value inside it.
    out.sort(Comparator.comparingInt((Echo e) -> e.needle().length()).reversed());
    return out;
  }

  private static void addEchoes(List<Echo> out, String v, Decision d, MaskRun run) {
    String mask = run.applyAction(remove(d.action()), v);
    for (String form : forms(v)) {
      out.add(new Echo(form, mask, d));
    }
  }

  /**
   * The string contents (decoded) and bare scalars of a JSON text, by a lenient linear scan: good
   * enough to find what a masked container held, whatever its validity.
   */
  static List<String> jsonScalars(String json) {
    List<String> out = new ArrayList<>();
    int n = json.length();
    int i = 0;
    while (i < n) {
      char c = json.charAt(i);
      if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (j < n && json.charAt(j) != c) {
          char d = json.charAt(j);
          if (d == '\\' && j + 1 < n) {
            char e = json.charAt(j + 1);
            if (e == 'u' && j + 5 < n) {
              try {
                sb.append((char) Integer.parseInt(json.substring(j + 2, j + 6), 16));
                j += 6;
                continue;
              } catch (NumberFormatException ex) {
                sb.append(e);
              }
            } else {
              sb.append(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> e;
              });
            }
            j += 2;
            continue;
          }
          sb.append(d);
          j++;
        }
        i = j + 1;
        int k = i;
        while (k < n && Character.isWhitespace(json.charAt(k))) {
          k++;
        }
        if (k >= n || json.charAt(k) != ':') {
          out.add(sb.toString()); // a member name is not a value
        }
      } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':'
          || Character.isWhitespace(c)) {
        i++;
      } else {
        int j = i;
        while (j < n && "{}[],:\"' \t\r\n".indexOf(json.charAt(j)) < 0) {
          j++;
        }
        int k = j;
        while (k < n && Character.isWhitespace(json.charAt(k))) {
          k++;
        }
        if (k >= n || json.charAt(k) != ':') {
          out.add(json.substring(i, j));
        }
        i = j;
      }
    }
    return out;
  }

  private static MaskAction remove(MaskAction a) {
    return a instanceof MaskAction.Remove ? MaskAction.redact() : a;
  }

  private static List<String> forms(String v) {
    List<String> forms = new ArrayList<>(4);
    forms.add(v);
    addIfNew(forms, percent(v, true, false));
    addIfNew(forms, percent(v, false, false));
    addIfNew(forms, percent(v, true, true));
    addIfNew(forms, jsonEscaped(v));
    return forms;
  }

  private static void addIfNew(List<String> forms, String f) {
    if (!forms.contains(f)) {
      forms.add(f);
    }
  }

  private static String sweep(String payload, List<Echo> echoes, MaskRun run, Point where) {
    String s = payload;
    for (Echo e : echoes) {
      // Each pass costs the payload's length: many masked values times a large payload is
      // quadratic, so the passes draw on the report's work budget (fail closed past it).
      if (!run.charge(s.length())) {
        run.note(new Note(Note.Kind.FALLBACK, where, null, null,
            "report work budget (maxWorkBytes) spent; attack payload masked whole"));
        return Actions.REDACT_TOKEN;
      }
      if (s.contains(e.needle())) {
        s = s.replace(e.needle(), e.replacement());
        run.note(new Note(Note.Kind.RESIDUAL, where, e.decision().ruleId(),
            e.decision().action().describe(), "attack payload repeated a masked value"));
      }
    }
    return s;
  }

  static String percent(String v, boolean upper, boolean plusForSpace) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(b.length * 3);
    String hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (byte x : b) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else if (c == ' ' && plusForSpace) {
        sb.append('+');
      } else {
        sb.append('%').append(hex.charAt(c >> 4)).append(hex.charAt(c & 0xf));
      }
    }
    return sb.toString();
  }

  static String jsonEscaped(String v) {
    StringBuilder sb = new StringBuilder(v.length() + 8);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '/' -> sb.append('/');
        default -> {
          if (c < 0x20) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
