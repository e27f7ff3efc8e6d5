package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.Step;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the fields of a query string or an {@code application/x-www-form-urlencoded} body, in
 * place, copying every byte no rule selects unchanged.
 *
 * <pre>{@code
 * run.push(Step.of("post"));
 * byte[] out = FormScanner.mask(body, 0, body.length, run, "form_urlencoded"); // null: unchanged
 * }</pre>
 *
 * <p>Fields. Pairs split on {@code &}; the name is the text before the first {@code =}, percent-
 * and {@code +}-decoded ({@code pass%77ord} is {@code password}); a pair without {@code =} is a
 * name with an empty value. Bracket names are asked level by level, outermost first: {@code
 * user[password]} as {@code <parser> user}, then {@code hash password}; {@code p[]} as {@code
 * <parser> p}, then {@code array N} where N counts the earlier {@code p[]} in the same string;
 * {@code a[b][c]} chains. A name whose brackets do not close ({@code a[b}, {@code a[b]x}) is asked
 * whole, then under the readings of {@link BracketReadings}. The first selected level masks the whole value up to the next {@code &}.
 *
 * <p>Fail closed. Some servers also split on {@code ;}: when a pair is not selected, each {@code
 * ;name2=value2} inside it is asked as {@code <parser> name2} and, if selected, {@code value2} is
 * masked up to the next {@code ;} or {@code &}. A name nested deeper than 64
 * brackets, and every pair past {@code maxFields}, has its value masked whole
 * with a fallback note.
 *
 * <p>Masks. The policy's action gets the decoded value; the mask is written percent-encoded
 * ({@link Percent}). {@link MaskAction.Remove} drops the pair and one adjacent {@code &}. An
 * empty value is not rewritten (there is nothing to hide).
 *
 * <p>Stateless and thread-safe; each call uses only its own {@link MaskRun}. Never throws on any
 * input content.
 */
public final class FormScanner {

  /** Deepest bracket nesting asked level by level; PHP's default {@code max_input_nesting_level}. */
  static final int MAX_BRACKET_DEPTH = 64;

  private static final byte[] REDACTED = Percent.encode(Actions.REDACT_TOKEN);
  private static final byte[] NOTHING = new byte[0];

  private FormScanner() {}

  /**
   * Masks a query string or a form-urlencoded body in {@code src[from, to)}.
   *
   * @param run the run; for {@code form_urlencoded} it already holds {@code post}
   * @param parser {@code get} (fields are {@code get NAME}) or {@code form_urlencoded} (fields are
   *     {@code post > form_urlencoded NAME})
   * @return the rewritten bytes of {@code src[from, to)}, or {@code null} when nothing changed
   */
  public static byte[] mask(byte[] src, int from, int to, MaskRun run, String parser) {
    if (src == null || run == null || parser == null || from < 0 || to > src.length || from >= to) {
      return null;
    }
    return new Scan(src, from, to, run, parser).run();
  }

  /** One scan's state. */
  private static final class Scan {
    private final byte[] src;
    private final int from;
    private final int to;
    private final MaskRun run;
    private final String parser;
    private final int base;

    private ByteSink out;
    private int copied;
    /** Whether a pair before the current one stays in the output (its {@code &} can go). */
    private boolean keptBefore;
    /** Occurrences of each {@code p[]} prefix so far, for {@code array N}. */
    private Map<String, Integer> arrayCounts;
    /** The levels of the name {@link #ask} last asked about, or null for a plain name. */
    private List<Step> lastLevels;

    Scan(byte[] src, int from, int to, MaskRun run, String parser) {
      this.src = src;
      this.from = from;
      this.to = to;
      this.run = run;
      this.parser = parser;
      this.base = run.depth();
      this.copied = from;
    }

    byte[] run() {
      int limit = run.options().maxFields();
      int pairs = 0;
      int p = from;
      while (true) {
        int amp = indexOf(src, (byte) '&', p, to);
        if (amp > p) {
          if (pairs < limit) {
            pair(p, amp);
          } else {
            run.push(Step.of(parser));
            if (pairs == limit) {
              run.maskedWhole("more parameters than maxFields; the remaining values are masked whole");
            }
            redactValue(p, amp);
            run.pop();
            keptBefore = true;
          }
          pairs++;
        } else {
          keptBefore = true; // an empty pair stays, so a later drop may take the & before it
        }
        if (amp >= to) {
          break;
        }
        p = amp + 1;
      }
      if (out == null) {
        return null;
      }
      out.write(src, copied, to);
      byte[] result = out.toByteArray();
      return Arrays.equals(result, 0, result.length, src, from, to) ? null : result;
    }

    private void pair(int ps, int pe) {
      int eq = indexOf(src, (byte) '=', ps, pe);
      // Name pre-filter: a plain name (no escapes, brackets or non-ASCII) that no rule can select
      // is neither decoded nor asked about; its point is pushed only if its value is inspected.
      if (plain(src, ps, eq, true) && !run.maySelectName(parser, src, ps, eq)) {
        lastLevels = null;
        keptBefore = true;
        int readings;
        if (eq + 1 < pe && run.inspectsValues() && (readings = readings(eq + 1, pe)) != 0) {
          inspectValue(Percent.decode(src, ps, eq, true), eq + 1, ps, pe, readings);
          return;
        }
        semicolonReading(ps, pe);
        return;
      }
      String name = Percent.decode(src, ps, eq, true);
      Decision d = ask(name);
      if (d == DEEP) {
        run.push(Step.of(parser));
        run.fallback("parameter name nests brackets too deeply; its value is masked whole");
        redactValue(ps, pe);
        run.pop();
        keptBefore = true;
        return;
      }
      if (d != null) {
        if (d.action() instanceof MaskAction.Remove) {
          run.removed(d, eq < pe ? Percent.decode(src, eq + 1, pe, true) : "");
          run.popTo(base);
          dropPair(ps, pe);
          return;
        }
        maskValue(d, eq + 1, pe);
        run.popTo(base);
        keptBefore = true;
        return;
      }
      keptBefore = true;
      int readings;
      if (eq + 1 < pe && run.inspectsValues() && (readings = readings(eq + 1, pe)) != 0) {
        inspectValue(name, eq + 1, ps, pe, readings);
        return;
      }
      semicolonReading(ps, pe);
    }

    /**
     * Whether {@code src[s, e)} decodes to exactly its own bytes as UTF-8: no {@code %} or {@code
     * +}, only ASCII (a conservative test: invalid UTF-8 would decode differently), and, for a
     * name, no {@code [} (bracket names are asked level by level).
     */
    private static boolean plain(byte[] src, int s, int e, boolean name) {
      for (int i = s; i < e; i++) {
        byte b = src[i];
        if (b == '%' || b == '+' || b < 0 || (name && (b == '[' || b == ']'))) {
          return false;
        }
      }
      return true;
    }

    /**
     * Whether an inspector could change the unselected value {@code src[vs, ve)} once decoded
     * ({@link MaskRun#mayInspect}): a plain value is tested as it is; an escaped one is decoded
     * into the run's scratch, exactly as {@link Percent#decode} decodes it, and tested there when
     * it decodes to ASCII (whose UTF-8 encoding is those bytes). A value decoding to anything else
     * is inspected (true). When false, inspecting it would return null with nothing recorded, so
     * no String is made of it.
     */
    private boolean valueMayChange(int vs, int ve, boolean plusAsSpace) {
      if (plain(src, vs, ve, false)) {
        return run.mayInspect(src, vs, ve);
      }
      byte[] d = run.scratch(ve - vs);
      int n = 0;
      for (int i = vs; i < ve; i++) {
        byte b = src[i];
        if (b == '%') {
          int hi = i + 1 < ve ? PercentStyle.hex(src[i + 1]) : -1;
          int lo = i + 2 < ve ? PercentStyle.hex(src[i + 2]) : -1;
          if (hi >= 0 && lo >= 0) {
            b = (byte) (hi << 4 | lo);
            i += 2;
          }
        } else if (b == '+' && plusAsSpace) {
          b = ' ';
        }
        if (b < 0) {
          return true;
        }
        d[n++] = b;
      }
      return run.mayInspect(d, 0, n);
    }

    /**
     * Passes the unselected value {@code src[vs, pe)} of the pair named {@code name} through the
     * run's inspectors, at the pair's point. When an inspector rewrites a value that also holds a
     * {@code ;name=value} second reading, the whole value is masked: the two rewrites cannot both
     * be applied to the same bytes, and neither may be dropped (fail closed).
     */
    private void inspectValue(String name, int vs, int ps, int pe, int readings) {
      pushLevels(name);
      byte[] replaced = inspected(vs, pe, readings);
      if (replaced == null) {
        run.popTo(base);
        semicolonReading(ps, pe);
        return;
      }
      if (indexOf(src, (byte) ';', vs, pe) < pe) {
        run.fallback("value rewritten by an inspector also has a ';' second reading; masked whole");
        run.popTo(base);
        replace(vs, pe, REDACTED);
        return;
      }
      run.popTo(base);
      replace(vs, pe, replaced);
    }

    /**
     * Which readings of {@code src[vs, ve)} an inspector could change, for {@link #inspected}:
     * {@link #SPACE} when the usual one ({@code +} as a space) could (the other is then tested only
     * if the usual one changes nothing), else {@link #KEPT} when the one with a raw {@code +} kept
     * could, else 0 (nothing to inspect).
     */
    private int readings(int vs, int ve) {
      if (valueMayChange(vs, ve, true)) {
        return SPACE;
      }
      return keptMayChange(vs, ve) ? KEPT : 0;
    }

    /** Whether {@code src[vs, ve)} holds a raw {@code +} and its reading with it kept could change. */
    private boolean keptMayChange(int vs, int ve) {
      return indexOf(src, (byte) '+', vs, ve) < ve && valueMayChange(vs, ve, false);
    }

    /**
     * The rewrite of the unselected value {@code src[vs, ve)} by the inspectors, at the point
     * pushed for it, written in the value's own percent-encoding style (hex case, {@code +} or
     * {@code %20}, raw characters); null when unchanged. The value is read with {@code +} as a
     * space and, when that changes nothing and it holds a raw {@code +}, once more with the
     * {@code +} kept: base64 sent without percent-encoding (a common client bug, which servers
     * repair by putting the plus signs back) reads as text with spaces, which is no layer. {@code
     * readings}, from {@link #readings} (not 0), says which readings are worth inspecting.
     */
    private byte[] inspected(int vs, int ve, int readings) {
      if (readings == SPACE) {
        String replaced = run.inspect(Percent.decode(src, vs, ve, true));
        if (replaced != null) {
          return PercentStyle.rewrite(src, vs, ve, true, replaced);
        }
      }
      if (readings == KEPT || readings == SPACE && keptMayChange(vs, ve)) {
        String replaced = run.inspect(Percent.decode(src, vs, ve, false));
        if (replaced != null) {
          return PercentStyle.rewrite(src, vs, ve, false, replaced);
        }
      }
      return null;
    }

    /** Pushes the point of an unselected pair named {@code name} again, for inspection. */
    private void pushLevels(String name) {
      List<Step> levels = lastLevels;
      if (levels == null) {
        run.push(Step.named(parser, name), name);
        return;
      }
      for (Step s : levels) {
        run.push(s, s.key());
      }
    }

    /**
     * The second reading of a pair that was not selected: {@code ;name=value} sub-pairs. Under that
     * reading the pair's value ends at the first {@code ;}, and each sub-pair is a field of its
     * own: unselected, their values go through the inspectors like any value (a base64 JSON
     * after a {@code ;} is read as it is after a {@code &}). The caller has inspected the whole
     * value and found nothing to change, so these rewrites are the only ones.
     */
    private void semicolonReading(int ps, int pe) {
      int q = indexOf(src, (byte) ';', ps, pe);
      if (q < pe && run.inspectsValues()) {
        int eq = indexOf(src, (byte) '=', ps, q);
        if (eq + 1 < q) {
          pushLevels(Percent.decode(src, ps, eq, true));
          inspectPiece(eq + 1, q);
        }
      }
      while (q < pe) {
        int ss = q + 1;
        int se = indexOf(src, (byte) ';', ss, pe);
        int eq = indexOf(src, (byte) '=', ss, se);
        if (eq < se) {
          Decision d = ask(Percent.decode(src, ss, eq, true));
          if (d == DEEP) {
            run.push(Step.of(parser));
            run.fallback("parameter name nests brackets too deeply; its value is masked whole");
            run.pop();
            if (eq + 1 < se) {
              replace(eq + 1, se, REDACTED);
            }
          } else if (d != null) {
            if (d.action() instanceof MaskAction.Remove) {
              run.removed(d, Percent.decode(src, eq + 1, se, true));
              replace(q, se, NOTHING);
            } else {
              maskValue(d, eq + 1, se);
            }
            run.popTo(base);
          } else if (eq + 1 < se && run.inspectsValues()) {
            pushLevels(Percent.decode(src, ss, eq, true));
            inspectPiece(eq + 1, se);
          }
        }
        q = se;
      }
    }

    /**
     * Inspects the value {@code src[vs, ve)} of the {@code ;} reading at the point pushed for it,
     * writes back a rewrite in the value's own style, and pops to {@link #base}.
     */
    private void inspectPiece(int vs, int ve) {
      int readings = readings(vs, ve);
      byte[] replaced = readings == 0 ? null : inspected(vs, ve, readings);
      run.popTo(base);
      if (replaced != null) {
        replace(vs, ve, replaced);
      }
    }

    /** Masks the value {@code src[vs, ve)} at the current point; empty values stay. */
    private void maskValue(Decision d, int vs, int ve) {
      if (vs >= ve) {
        return;
      }
      String original = Percent.decode(src, vs, ve, true);
      String mask = run.mask(d, original);
      // The usual mask is the redact token, whose encoding is a constant: measured with CpuTime,
      // see the commit.
      replace(vs, ve, Actions.REDACT_TOKEN.equals(mask) ? REDACTED : Percent.encode(mask));
    }

    /**
     * Redacts the value of the pair {@code src[ps, pe)} without asking the policy (past a limit),
     * and records it at the current point so that the residual sweep hunts its echoes elsewhere
     * in the report, as it would had a rule selected it (fail closed).
     */
    private void redactValue(int ps, int pe) {
      int eq = indexOf(src, (byte) '=', ps, pe);
      if (eq + 1 < pe) {
        run.huntPastLimit(MaskRun.LIMIT, Percent.decode(src, eq + 1, pe, true));
        replace(eq + 1, pe, REDACTED);
      }
    }

    private void dropPair(int ps, int pe) {
      if (keptBefore) {
        replace(ps - 1, pe, NOTHING); // the & before it
      } else if (pe < to) {
        replace(ps, pe + 1, NOTHING); // the & after it
      } else {
        replace(ps, pe, NOTHING);
      }
    }

    private void replace(int start, int end, byte[] with) {
      int s = Math.max(start, copied);
      if (out == null) {
        out = new ByteSink(to - from + 16);
      }
      out.write(src, copied, s);
      out.write(with);
      copied = Math.max(s, end);
    }

    /**
     * Asks about {@code name} level by level. Returns the first decision with its levels still
     * pushed (the caller masks, then pops to {@link #base}), {@code null} with nothing pushed, or
     * {@link #DEEP} when the name nests too deeply to ask.
     */
    private Decision ask(String name) {
      List<Step> levels = brackets(name);
      lastLevels = levels;
      if (levels == TOO_DEEP) {
        return DEEP;
      }
      if (levels == null) {
        run.push(Step.named(parser, name), name);
        Decision d = run.decide();
        if (d == null) {
          run.popTo(base);
          if (BracketReadings.hasBracket(name)) {
            d = BracketReadings.ask(run, parser, name, base); // pass[word, user[password]x
          }
        }
        return d;
      }
      for (int k = 0; k < levels.size(); k++) {
        Step s = levels.get(k);
        run.push(s, s.key());
        Decision d = run.decide();
        if (d != null) {
          if (k + 1 < levels.size() && keeps(d.action()) && deeperSelected(levels, k + 1)) {
            // creditcard[cvv]=...: keep_last on creditcard would show the end of a cvv that a
            // stricter rule selects; the value is starred whole under the same rule.
            d = new Decision(STARS, d.ruleId());
          }
          return d;
        }
      }
      run.popTo(base);
      return null;
    }

    /** Whether the policy selects any of {@code levels} from {@code from} on; the point is kept. */
    private boolean deeperSelected(List<Step> levels, int from) {
      int mark = run.depth();
      boolean selected = false;
      for (int k = from; k < levels.size() && !selected; k++) {
        Step s = levels.get(k);
        run.push(s, s.key());
        selected = run.decide() != null;
      }
      run.popTo(mark);
      return selected;
    }

    /**
     * The steps of a bracket name ({@code user[password]}, {@code p[]}, {@code a[b][c]}), or
     * {@code null} for a plain or malformed name (asked whole), or {@link #TOO_DEEP}. Array indexes
     * are counted here, before any level is asked, so that a selected level does not shift them.
     */
    private List<Step> brackets(String name) {
      int lb = name.indexOf('[');
      if (lb <= 0) {
        return null;
      }
      List<Step> levels = new ArrayList<>(4);
      levels.add(Step.named(parser, name.substring(0, lb)));
      int i = lb;
      int n = name.length();
      List<Integer> arrayEnds = null;
      while (i < n) {
        if (name.charAt(i) != '[') {
          return null;
        }
        int rb = name.indexOf(']', i + 1);
        if (rb < 0) {
          return null;
        }
        if (levels.size() > MAX_BRACKET_DEPTH) {
          return TOO_DEEP;
        }
        if (rb == i + 1) {
          if (arrayEnds == null) {
            arrayEnds = new ArrayList<>(2);
          }
          arrayEnds.add(levels.size());
          arrayEnds.add(rb + 1);
          levels.add(null); // filled in below, once the name is known to be well formed
        } else {
          levels.add(Step.named("hash", name.substring(i + 1, rb)));
        }
        i = rb + 1;
      }
      if (arrayEnds != null) {
        if (arrayCounts == null) {
          arrayCounts = new HashMap<>();
        }
        for (int k = 0; k < arrayEnds.size(); k += 2) {
          String prefix = name.substring(0, arrayEnds.get(k + 1));
          int count = arrayCounts.merge(prefix, 1, Integer::sum) - 1;
          levels.set(arrayEnds.get(k), Step.indexed("array", count));
        }
      }
      return levels;
    }
  }

  /** Marker: the name nests deeper than {@link #MAX_BRACKET_DEPTH}. */
  private static final List<Step> TOO_DEEP = Collections.unmodifiableList(new ArrayList<>(0));

  /** Marker decision for {@link #TOO_DEEP}; never handed to {@link MaskRun}. */
  private static final Decision DEEP = new Decision(MaskAction.redact(), "(too deep)");


  private static final MaskAction STARS = new MaskAction.Stars();

  /** {@code Scan.readings}: the value read with {@code +} as a space may change. */
  private static final int SPACE = 1;
  /** {@code Scan.readings}: only the value read with a raw {@code +} kept may change. */
  private static final int KEPT = 2;

  private static boolean keeps(MaskAction a) {
    return a instanceof MaskAction.KeepFirst || a instanceof MaskAction.KeepLast;
  }

  /** Reads eight bytes as one little-endian long. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * First index of {@code b} in {@code src[from, to)}, or {@code to}; eight bytes at a time (the
   * lowest flagged byte of the zero-byte test is always a true match: a false flag only follows a
   * true one).
   */
  static int indexOf(byte[] src, byte b, int from, int to) {
    int i = from;
    if (to - from >= 8) {
      long pattern = (b & 0xffL) * ONES;
      for (; i + 8 <= to; i += 8) {
        long x = (long) LONGS.get(src, i) ^ pattern;
        long z = (x - ONES) & ~x & HIGHS;
        if (z != 0) {
          return i + (Long.numberOfTrailingZeros(z) >>> 3);
        }
      }
    }
    for (; i < to; i++) {
      if (src[i] == b) {
        return i;
      }
    }
    return to;
  }
}
