package dev.masking.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.masking.core.Attack;
import dev.masking.core.AttackReport;
import dev.masking.core.Decision;
import dev.masking.core.Header;
import dev.masking.core.Headers;
import dev.masking.core.HttpRequest;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskedReport;
import dev.masking.core.Note;
import dev.masking.core.Point;
import dev.masking.core.Step;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last pass of masking, over the whole output report: attack payloads at or inside a masked
 * point are masked with the same action; value detectors run over the other payloads and over the
 * string members the report carries through; then the residual sweep searches the uri, every
 * header value, the body, every payload and every carried-through string for every masked value
 * at least {@code residualMinLength} long, in each encoding {@link Echoes} lists, in one pass per
 * part for all values together, and masks each occurrence with the action of the rule that masked
 * the value. Notes say where each echo was and which masked point it repeated, never the value.
 *
 * <p>Stateless and thread-safe; all state is in the {@link MaskRun}.
 */
public final class Residuals {
  private Residuals() {}

  private static final Point URI = Point.of(Step.of("uri"));
  private static final Point BODY = Point.of(Step.of("post"));

  /**
   * Finishes masking {@code report}, whose request parts the scanners have already masked into
   * {@code uri}, {@code headers} and {@code body}.
   *
   * @param body the masked body, or null when the scanners left it unchanged
   * @return the masked report (the same report object when nothing changed) and the run's notes
   */
  public static MaskedReport finish(AttackReport report, String uri, Headers headers, byte[] body,
      MaskRun run) {
    HttpRequest req = report.request();
    List<Attack> attacks = report.attacks();
    int na = attacks.size();
    String[] payloads = new String[na];
    boolean[] whole = new boolean[na];
    // Whether a masked point lies strictly inside each attack's point, found in the same pass as
    // the strictest one containing it (measured: the two passes over the masked points were a
    // twelfth of this method on the 1 KB json-api report); valid while no point is masked since.
    boolean[] holds = new boolean[na];
    int maskedBefore = run.maskedPoints().size();
    MaskedPointIndex index = MaskedPointIndex.pays(na, maskedBefore)
        ? new MaskedPointIndex(run.maskedPoints()) : null;
    Set<ValueAt> valuesAt = null; // built once: a loop over the masked values per attack was
    // quadratic (3.6 s for 16,000 keep_last values and as many attacks at their point)
    for (int i = 0; i < na; i++) {
      Attack a = attacks.get(i);
      String payload = a.payload();
      payloads[i] = payload;
      if (payload == null || payload.isEmpty()) {
        whole[i] = true; // nothing to look at
        continue;
      }
      MaskRun.Masked at = null;
      if (a.point() != null && index != null) {
        at = index.containing(a.point());
        holds[i] = index.holdsInside(a.point());
      } else if (a.point() != null) {
        Point p = a.point();
        int size = p.size();
        for (MaskRun.Masked m : run.maskedPoints()) {
          Point mp = m.point();
          if (mp.size() <= size) {
            if (startsWith(p, mp)
                && (at == null || DetectorInspector.stricter(m.decision(), at.decision()))) {
              at = m;
            }
          } else if (!holds[i] && startsWith(mp, p)) {
            holds[i] = true;
          }
        }
      }
      if (run.inWholePart(a.point())) {
        payloads[i] = Actions.REDACT_TOKEN;
        whole[i] = true;
        run.note(new Note(Note.Kind.PAYLOAD, a.point(), null, null, a.point() == null
            ? "payload has no point and a part was masked whole; masked whole"
            : "payload lies inside a part masked whole"));
        continue;
      }
      if (at != null) {
        MaskAction action = at.decision().action();
        if (action instanceof MaskAction.KeepFirst || action instanceof MaskAction.KeepLast) {
          if (valuesAt == null) {
            valuesAt = valuesAt(run);
          }
          action = payloadAction(at, payload, valuesAt);
        }
        payloads[i] = run.applyAction(action, payload);
        whole[i] = true;
        run.note(new Note(Note.Kind.PAYLOAD, a.point(), at.decision().ruleId(),
            action.describe(), "payload lies inside a masked point"));
      }
    }
    // A payload that is the whole body (the usual sample for a 'post' attack) is masked as the
    // body was: same fields, same detector spans, same echoes. It is copied from the masked body
    // at the end instead of being detected and swept again (measured: that halves the cost of
    // detectors and sweep on a 100 KB JSON body).
    boolean[] asBody = new boolean[na];
    byte[] original = req.bodyUnsafe();
    for (int i = 0; i < na; i++) {
      if (!whole[i] && payloads[i].length() == original.length && original.length > 64
          && sameBytes(payloads[i], original)) {
        asBody[i] = true;
        whole[i] = true;
      }
    }
    // Each payload as it was before its nested reading and the detectors rewrote it: the pieces
    // of masked values are looked for in it too (a rewrite can cut a piece's text).
    String[] asSent = new String[na];
    for (int i = 0; i < na; i++) {
      if (!whole[i]) {
        asSent[i] = payloads[i];
      }
    }
    for (int i = 0; i < na; i++) {
      if (!whole[i]) {
        Point p = attacks.get(i).point();
        // Points masked since (by an earlier payload's inspection) may lie inside this one.
        boolean inside = holds[i]
            || run.maskedPoints().size() != maskedBefore && p != null
            && (index != null ? index.holdsInside(p) : holdsMaskedPoint(p, run));
        String inspected = inside ? inspectNested(payloads[i], p, run) : null;
        if (inspected != null) {
          payloads[i] = inspected;
        }
      }
    }
    DetectorInspector detectors = run.detectorInspector();
    if (detectors != null) {
      for (int i = 0; i < na; i++) {
        if (!whole[i]) {
          String r = detectors.mask(payloads[i], run, attacks.get(i).point(), "attack payload");
          if (r != null) {
            payloads[i] = r;
          }
        }
      }
    }
    Members members = null;
    if (detectors != null || !run.maskedValues().isEmpty()) {
      members = Members.collect(report);
      if (members != null && detectors != null) {
        for (Slot slot : members.slots) {
          String r = detectors.mask(slot.value, run, null, "carried-through member");
          if (r != null) {
            slot.value = r;
            slot.changed = true;
          }
        }
      }
    }

    // Payloads cut out of the request (a window, a truncated sample, a coarser point) can show a
    // masked value in part, which the sweep, looking for whole values, does not find. Before the
    // sweep: a piece the sweep masked as an echo of another piece would hide where this one is.
    // The sweep's matcher first: its values give the pieces' alphabet (pieces mask payloads with
    // notes only; they record no masked value, so the matcher is the same built after them).
    boolean piecesToCheck = false;
    for (int i = 0; i < na; i++) {
      piecesToCheck |= !whole[i];
    }
    Echoes echoes = Echoes.of(run, piecesToCheck);
    PayloadPieces pieces = null;
    long[] alphabet = null;
    int pieceMin = Math.max(1, run.options().residualMinLength());
    boolean piecesDone = false;
    try {
      for (int i = 0; i < na; i++) {
        if (!whole[i] && !run.maskedValues().isEmpty()) {
          if (alphabet == null) {
            alphabet = echoes != null ? PayloadPieces.alphabet(echoes.asciiAlphabet())
                : PayloadPieces.alphabet(run);
          }
          // A payload that opens with no bracket (a window cut from inside a JSON body) is read
          // as a form whose first name and last value run over the JSON around them.
          boolean rewritten = asSent[i] != payloads[i] && !asSent[i].isEmpty()
              && asSent[i].charAt(0) != '{' && asSent[i].charAt(0) != '[';
          if (!rewritten && !PayloadPieces.mayHold(payloads[i], alphabet, pieceMin)) {
            continue; // no form of a masked value can begin or end this payload
          }
          if (pieces == null) {
            pieces = PayloadPieces.of(run, echoes);
            if (pieces == null) {
              break;
            }
          }
          if (rewritten) {
            payloads[i] = pieces.maskAsWas(asSent[i], payloads[i], run, attacks.get(i).point());
          }
          payloads[i] = pieces.mask(payloads[i], run, attacks.get(i).point());
        }
      }
      piecesDone = true;
    } finally {
      if (!piecesDone && echoes != null) {
        echoes.release(); // the thread's needle arrays hold nothing of this run's values after it
      }
    }

    byte[] bodyOut = body;
    Attack[] pointed = null; // attacks whose point named a masked value, with it masked
    // Spent before the sweep: a part or a decoded layer was masked whole unread, so the sweep
    // cannot hunt the secrets it held. What the sweep visits comes after the budget is spent and
    // is masked whole (fail closed), also when no value is hunted and the sweep would not run:
    // an echo of an unread body's password in the query or a header stayed (review-s19 harness,
    // maxWorkBytes 3000, seeds 5000644 and 5002569).
    boolean spent = run.workSpent();
    if (spent && echoes == null) {
      uri = spentWhole(uri, URI, run);
      headers = spentWhole(headers, run);
      for (int i = 0; i < na; i++) {
        if (!whole[i]) {
          payloads[i] = spentWhole(payloads[i], attacks.get(i).point(), run);
        }
      }
      if (members == null) {
        members = Members.collect(report);
      }
      if (members != null) {
        for (Slot slot : members.slots) {
          String r = spentWhole(slot.value, null, run);
          if (r != slot.value) {
            slot.value = r;
            slot.changed = true;
          }
        }
      }
    }
    if (spent) {
      bodyOut = spentBody(body, req.bodyUnsafe(), run);
    }
    if (echoes != null) {
      try {
        List<Echoes.Hit> hits = new ArrayList<>();
        uri = sweep(uri, echoes, run, URI, null, hits);
        Headers sent = headers;
        headers = sweep(headers, echoes, run, hits);
        if (headers != sent && framingSwept(sent, headers)) {
          // An echo in Content-Type, Content-Encoding, Transfer-Encoding or Content-Length (or in
          // a header line hidden after a line break): the body was read under the header as
          // sent, and a second masking would read it under the header as written (a charset
          // iso-8859-*** it cannot scan, a boundary or coding it does not know) and mask it
          // otherwise (P6: residualMinLength 1 hunting "1" or "-"). Masked whole now.
          bodyOut = bodyWhole(bodyOut, req.bodyUnsafe(), run, attacks, payloads, whole,
              "a header that frames the body repeated a masked value; body masked whole");
        } else {
          byte[] current = bodyOut != null ? bodyOut : req.bodyUnsafe();
          // A compressed body: its echoes are where a server inflating it reads (not when the
          // body's reading found these headers name no coding: measured, their second reading
          // here was about 1% of the json-api report). The inflated reading comes first and the
          // bytes as sent are swept after it: an echo found as sent (in a stored block) must not
          // stop the inflated reading, or an echo in a compressed block of the same body stays.
          byte[] swept = null;
          if (run.uncodedBodyHeaders != req.headers()) {
            swept = BodyWire.sweepInflated(req.headers(), current,
                run.options().maxInflatedBytes(), b -> sweepBody(b, echoes, run, hits));
          }
          byte[] before = swept != null ? swept : current;
          byte[] raw = sweepBody(before, echoes, run, hits);
          if (raw != null) {
            swept = raw;
          }
          if (swept != null) {
            bodyOut = swept;
          }
          if (raw != null && BodyWire.framingBroken(req.headers(), before, raw,
              run.options().maxInflatedBytes())) {
            // An echo found in the bytes as sent was masked inside a chunk (the chunk's size no
            // longer frames it) or inside compressed bytes (a short value under
            // residualMinLength 1, or one a stored block holds; the coding no longer inflates):
            // a second masking would mask the body whole as broken, so it is masked whole now
            // (P6).
            bodyOut = bodyWhole(bodyOut, req.bodyUnsafe(), run, attacks, payloads, whole,
                "a mask written in the body as sent broke its chunks or coding; body masked whole");
          }
        }
        for (int i = 0; i < na; i++) {
          if (!whole[i]) {
            payloads[i] = sweep(payloads[i], echoes, run, attacks.get(i).point(), "attack payload",
                hits);
          }
        }
        if (members != null) {
          for (Slot slot : members.slots) {
            String r = sweep(slot.value, echoes, run, null, "carried-through member", hits);
            if (r != slot.value) {
              slot.value = r;
              slot.changed = true;
            }
          }
        }
        // Names are request data too: a masked value repeated as a parameter or member name
        // must not be shown by an attack's point, or by a note's point or sentence.
        pointed = PointNames.attacks(attacks, echoes, run, hits);
        PointNames.notes(echoes, run, hits);
        if (members != null) {
          members.maskNames(k -> PointNames.mask(k, echoes, run, hits));
        }
      } finally {
        // The thread's skip table keeps nothing derived from this run's values once it ends.
        echoes.release();
      }
    }

    String bodyText = null;
    for (int i = 0; i < na; i++) {
      if (asBody[i] && bodyOut != null) {
        if (bodyText == null) {
          bodyText = new String(bodyOut, StandardCharsets.UTF_8);
        }
        payloads[i] = bodyText;
        Attack named = pointed == null || pointed[i] == null ? attacks.get(i) : pointed[i];
        run.note(new Note(Note.Kind.PAYLOAD, named.point(), null, null,
            "attack payload is the whole body; masked as the body was"));
      }
    }
    List<Attack> attacksOut = attacks;
    for (int i = 0; i < na; i++) {
      String p = payloads[i];
      Attack named = pointed == null || pointed[i] == null ? attacks.get(i) : pointed[i];
      if (named != attacks.get(i) || p != null && !p.equals(attacks.get(i).payload())) {
        if (attacksOut == attacks) {
          attacksOut = new ArrayList<>(attacks);
        }
        attacksOut.set(i, named.withPayload(p));
      }
    }
    boolean requestChanged = uri != req.uri() || headers != req.headers() || bodyOut != null;
    boolean membersChanged = members != null && members.changed();
    if (!requestChanged && attacksOut == attacks && !membersChanged) {
      return new MaskedReport(report, run.notes());
    }
    // The masked body is a fresh array no one else holds: handed over without a copy.
    HttpRequest outReq =
        requestChanged ? ModelAccess.get().request(req, uri, headers, bodyOut) : req;
    if (membersChanged) {
      attacksOut = members.applyToAttacks(attacksOut);
    }
    AttackReport out = report.with(outReq, List.copyOf(attacksOut));
    if (membersChanged) {
      out = out.withExtra(members.extra, members.requestExtra);
    }
    return new MaskedReport(out, run.notes());
  }

  /**
   * The action for a payload at or inside the masked point {@code at}, whose action keeps
   * characters ({@code valuesAt}: {@link #valuesAt}). A keep action shows the
   * edges of what it masks: right for the value at that point, whose kept characters the request
   * shows too, but a payload that is only part of it (a truncated or windowed sample, a member of
   * a masked container) would show characters the request hides. Such a payload is starred.
   */
  private static MaskAction payloadAction(MaskRun.Masked at, String payload,
      Set<ValueAt> valuesAt) {
    return valuesAt.contains(new ValueAt(payload, at.point())) ? at.decision().action()
        : new MaskAction.Stars();
  }

  /** Each masked value with the point it was masked at (null when not at a point). */
  private static Set<ValueAt> valuesAt(MaskRun run) {
    List<String> values = run.maskedValues();
    List<Point> points = run.maskedValuePoints();
    Set<ValueAt> set = new HashSet<>(values.size() * 2);
    for (int k = 0; k < values.size(); k++) {
      set.add(new ValueAt(values.get(k), points.get(k)));
    }
    return set;
  }

  /** A masked value and where it was masked; holds request data, so never printed. */
  private record ValueAt(String value, Point point) {
    @Override
    public String toString() {
      return "ValueAt";
    }
  }


  /**
   * Runs the value detectors over a body no field scanner understood (plain text and the like), as
   * one value at the run's current point. Returns the masked body, or null when nothing was found
   * or the body is not UTF-8 text.
   */
  public static byte[] inspectPlainBody(byte[] body, MaskRun run) {
    DetectorInspector detectors = run.detectorInspector();
    if (detectors == null) {
      return null;
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return null; // binary: the residual sweep still searches its bytes
    }
    String r = detectors.mask(text, run, null, null);
    return r == null ? null : r.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A payload at a point that holds masked points further down (a base64 or percent-encoded
   * document with a masked member) repeats the encoded value, which no echo of the member's value
   * matches: it goes through the run's inspectors at its point, as the request value did, so the
   * same members are masked inside it (the caller has found that masked point). Returns the
   * rewritten payload, or null.
   */
  private static String inspectNested(String payload, Point p, MaskRun run) {
    if (p == null || p.size() == 0 || !run.inspectsValues()) {
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

  /**
   * {@code p.startsWith(prefix)}, the prefix's last step compared first: the masked points of a
   * report mostly share their first steps with an attack's point ({@code post > json_doc > ...})
   * and part from it at the last (measured: {@link Point#startsWith} was 0.6% of the json-api
   * report's samples, comparing the shared steps first). The same answer: every step is compared
   * before true.
   */
  static boolean startsWith(Point p, Point prefix) {
    int n = prefix.size();
    if (n > p.size()) {
      return false;
    }
    return n == 0 || p.step(n - 1).sameAs(prefix.step(n - 1)) && p.startsWith(prefix);
  }

  private static boolean holdsMaskedPoint(Point p, MaskRun run) {
    for (MaskRun.Masked m : run.maskedPoints()) {
      if (m.point().size() > p.size() && startsWith(m.point(), p)) {
        return true;
      }
    }
    return false;
  }

  // ---- the sweep ------------------------------------------------------------------------------

  private static Headers sweep(Headers headers, Echoes echoes, MaskRun run,
      List<Echoes.Hit> hits) {
    List<Header> out = null;
    // The list read here, not through Headers.get: that call site is shared by every caller of
    // Headers.get and sees several list classes, so it dispatches per call; this one sees the
    // report's (measured: URI and header values 15-18 ns less per json-api report, isolated).
    List<Header> list = headers.asList();
    for (int i = 0, n = list.size(); i < n; i++) {
      Header h = list.get(i);
      // The header's point is built only for a note (measured: a point per header per report).
      String v = sweep(h.value(), echoes, run, null, h.name(), null, hits);
      // A name is request data too: a masked value sent as a header's name is masked there, as
      // a query, cookie or member name is where the uri or body is swept (each echo as ***).
      String name = PointNames.mask(h.name(), echoes, run, hits);
      if (v != h.value() || name != h.name()) {
        if (out == null) {
          out = new ArrayList<>(list);
        }
        out.set(i, new Header(name, v));
      }
    }
    return out == null ? headers : Headers.of(out);
  }

  private static final String SPENT = "report work budget (maxWorkBytes) spent; masked whole";

  /** Past the budget: {@code s} masked whole with the sweep's note, unless empty. */
  private static String spentWhole(String s, Point where, MaskRun run) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    run.note(new Note(Note.Kind.FALLBACK, where, null, null, SPENT));
    return Actions.REDACT_TOKEN;
  }

  /** Past the budget: every non-empty header value masked whole, each with a note. */
  private static Headers spentWhole(Headers headers, MaskRun run) {
    List<Header> out = null;
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      String v = spentWhole(h.value(), Point.of(Step.named("header", h.name())), run);
      if (v != h.value()) {
        if (out == null) {
          out = new ArrayList<>(headers.asList());
        }
        out.set(i, new Header(h.name(), v));
      }
    }
    return out == null ? headers : Headers.of(out);
  }

  /**
   * Past the budget: the body ({@code masked}, null when unchanged, else {@code original}) masked
   * whole with a note, unless it is empty or is the redact token already; null when unchanged. A
   * body masked whole inside its framing (chunks, a gzip coding: {@code 3\r\n***\r\n0}) is masked
   * again, framing and all: the headers that frame it are masked whole past the budget, and a
   * second masking would read it unframed and mask it whole then (P6).
   */
  private static byte[] spentBody(byte[] masked, byte[] original, MaskRun run) {
    byte[] b = masked != null ? masked : original;
    if (b.length == 0
        || Arrays.equals(b, Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII))) {
      return masked;
    }
    run.note(new Note(Note.Kind.FALLBACK, BODY, null, null, SPENT));
    return Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Whether the sweep changed ({@code sent} to {@code swept}, the same list with some values
   * replaced) a header value the body's reading depends on: one of {@link BodyWire.Wire}'s four
   * names, or a value holding a line break (header lines hidden in it are read so).
   */
  private static boolean framingSwept(Headers sent, Headers swept) {
    for (int i = 0; i < sent.size(); i++) {
      Header h = sent.get(i);
      if (swept.get(i).value() != h.value()
          && (BodyWire.Wire.framesBody(h.name()) || BodyWire.holdsBreak(h.value()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The body ({@code masked}, null when unchanged, else {@code original}) masked whole after its
   * scan, with a note saying {@code why}, and the attack payloads at or under {@code post} or at
   * no point that are not masked whole yet masked whole too, as those of a body masked whole while
   * scanning are (a second masking finds the body masked whole and masks them so). Unchanged
   * (returned as is) when the body is empty or the redact token already.
   */
  private static byte[] bodyWhole(byte[] masked, byte[] original, MaskRun run,
      List<Attack> attacks, String[] payloads, boolean[] whole, String why) {
    byte[] b = masked != null ? masked : original;
    if (b.length == 0
        || Arrays.equals(b, Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII))) {
      return masked;
    }
    run.note(new Note(Note.Kind.FALLBACK, BODY, null, null, why));
    for (int i = 0; i < payloads.length; i++) {
      Point p = attacks.get(i).point();
      if (!whole[i] && (p == null || startsWith(p, BODY))) {
        payloads[i] = Actions.REDACT_TOKEN;
        whole[i] = true;
        run.note(new Note(Note.Kind.PAYLOAD, p, null, null, p == null
            ? "payload has no point and a part was masked whole; masked whole"
            : "payload lies inside a part masked whole"));
      }
    }
    return Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code s} with echoes masked; the same instance when there were none. */
  private static String sweep(String s, Echoes echoes, MaskRun run, Point where, String context,
      List<Echoes.Hit> hits) {
    return sweep(s, echoes, run, where, null, context, hits);
  }

  /**
   * As {@link #sweep(String, Echoes, MaskRun, Point, String, List)}; with a non-null {@code
   * header}, the point is that header's, built only when a note needs it.
   */
  private static String sweep(String s, Echoes echoes, MaskRun run, Point where, String header,
      String context, List<Echoes.Hit> hits) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    if (!run.charge(s.length())) {
      // The sweep draws on the report's work budget; past it the text is masked whole.
      return spentWhole(s, header == null ? where : Point.of(Step.named("header", header)), run);
    }
    if (!echoes.matchesChars(s)) {
      where = header == null ? where : Point.of(Step.named("header", header));
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      byte[] r = sweep(b, echoes, run, where, context, hits);
      return r == null ? s : new String(r, StandardCharsets.UTF_8);
    }
    // Matched char by char, no byte copy: every needle is ASCII (the usual case) or the text is.
    hits.clear();
    echoes.findAscii(s, hits);
    if (hits.isEmpty()) {
      return s;
    }
    where = header == null ? where : Point.of(Step.named("header", header));
    StringBuilder out = new StringBuilder(s.length() + 16);
    int copied = 0;
    for (Edit e : edits(hits, echoes, run, where, context, s::substring)) {
      out.append(s, copied, e.start).append(e.replacement);
      copied = e.end;
    }
    return out.append(s, copied, s.length()).toString();
  }

  /** Whether {@code s} is exactly the ASCII text {@code b} (same length assumed checked). */
  private static boolean sameBytes(String s, byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (s.charAt(i) != b[i]) { // a non-ASCII byte is negative and never equals a char
        return false;
      }
    }
    return true;
  }

  /** {@code b} with echoes masked, or null when there were none. */
  private static byte[] sweep(byte[] b, Echoes echoes, MaskRun run, Point where, String context,
      List<Echoes.Hit> hits) {
    if (!run.charge(b.length)) {
      run.note(new Note(Note.Kind.FALLBACK, where, null, null, SPENT));
      return Actions.REDACT_TOKEN.getBytes(StandardCharsets.US_ASCII);
    }
    hits.clear();
    echoes.find(b, 0, b.length, hits);
    if (hits.isEmpty()) {
      return null;
    }
    return apply(b, edits(hits, echoes, run, where, context,
        (from, to) -> new String(b, from, to - from, StandardCharsets.UTF_8)));
  }

  /** {@code b} with {@code edits} (in order, not overlapping) applied. */
  private static byte[] apply(byte[] b, List<Edit> edits) {
    ByteSink out = new ByteSink(b.length + 16);
    int copied = 0;
    for (Edit e : edits) {
      out.write(b, copied, e.start);
      out.writeUtf8(e.replacement);
      copied = e.end;
    }
    out.write(b, copied, b.length);
    return out.toByteArray();
  }

  /**
   * The body with echoes masked, or null. A body that is valid JSON stays valid JSON: an echo
   * outside a string (a masked number or literal repeated as a value) takes its whole token and is
   * written as a JSON string mask, as a masked value at a selected point is (P3).
   */
  private static byte[] sweepBody(byte[] b, Echoes echoes, MaskRun run, List<Echoes.Hit> hits) {
    hits.clear();
    echoes.find(b, 0, b.length, hits);
    if (hits.isEmpty()) {
      return null;
    }
    List<Edit> edits = edits(hits, echoes, run, BODY, null,
        (from, to) -> new String(b, from, to - from, StandardCharsets.UTF_8));
    if (JsonCheck.check(b, 0, b.length, run.options().maxJsonDepth()) == JsonCheck.VALID) {
      edits = outsideStringsQuoted(b, edits);
    } else if (startsAsMarkup(b)) {
      edits = XmlDelimiters.kept(b, edits);
    }
    return apply(b, edits);
  }

  /** Whether {@code b}'s first byte past a UTF-8 BOM and blanks is {@code <} (XML, HTML). */
  private static boolean startsAsMarkup(byte[] b) {
    int i = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB
        && (b[2] & 0xff) == 0xBF ? 3 : 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i < b.length && b[i] == '<';
  }

  /**
   * Echo edits of a markup body (XML, HTML) made to keep its delimiters: the {@code <} and {@code
   * >} of tags, the quotes around attribute values, the {@code =}, {@code /} and blanks inside
   * tags, and the opening and closing delimiters of comments, CDATA sections and processing
   * instructions are never written over (a raw echo of a value ending in a quote, such as {@code
   * %27 "}, matched across an attribute's closing quote and the mask ate it, leaving invalid XML);
   * an edit that starts or ends inside an entity or character reference ({@code &quot;}) takes
   * all of it. An edit split so is written with the redact token in each piece, as in JSON.
   * Linear: one walk over the body for all edits.
   */
  private static final class XmlDelimiters {
    private static final int TEXT = 0;
    private static final int TAG = 1;
    private static final int COMMENT = 2;
    private static final int CDATA = 3;
    private static final int PI = 4;

    private final byte[] b;
    private int state = TEXT;
    /** The quote of the attribute value the walk is in (state TAG), or 0. */
    private byte quote;
    /** The walk's position: the state holds at {@code i}, never inside a delimiter. */
    private int i;
    /** How many bytes of a delimiter start at {@code i} (0: none), as {@link #step} found. */
    private int delimiter;

    private XmlDelimiters(byte[] b) {
      this.b = b;
    }

    static List<Edit> kept(byte[] b, List<Edit> edits) {
      XmlDelimiters w = new XmlDelimiters(b);
      List<Edit> out = new ArrayList<>(edits.size());
      int lastEnd = 0;
      int[] pieces = new int[6];
      for (Edit e : edits) {
        int s = Math.max(e.start, lastEnd);
        int end = e.end;
        if (s >= end) {
          continue; // inside a reference a previous edit was widened over
        }
        while (w.i < s) {
          w.step();
        }
        if (w.i > s) {
          s = w.i; // the edit starts inside a delimiter: that part of it is kept
        }
        s = w.referenceStart(s, lastEnd);
        int n = 0;
        // Widened back to a reference's '&': the bytes from there, passed already, are content.
        int runStart = s < w.i ? s : -1;
        while (w.i < end) {
          int at = w.i;
          w.step();
          if (w.delimiter > 0) {
            if (runStart >= 0) {
              pieces = piece(pieces, n++, runStart, at, 0);
              runStart = -1;
            }
          } else if (runStart < 0) {
            runStart = at;
          }
        }
        if (runStart >= 0) {
          int re = w.referenceEnd(runStart, end);
          while (w.i < re) {
            w.step(); // inside a reference: no delimiter
          }
          pieces = piece(pieces, n++, runStart, re, 0);
        }
        lastEnd = Math.max(lastEnd, w.i);
        for (int p = 0; p < n; p++) {
          String r = n == 1 ? e.replacement : Actions.REDACT_TOKEN;
          out.add(new Edit(pieces[3 * p], pieces[3 * p + 1], r));
        }
      }
      return out;
    }

    /**
     * Moves past one byte, or past the whole delimiter that starts at {@link #i}, updating the
     * state; {@link #delimiter} says how many bytes of delimiter were passed (0: one byte of
     * content).
     */
    private void step() {
      int k = i;
      byte c = b[k];
      int d = 0;
      switch (state) {
        case TEXT -> {
          if (c == '<') {
            if (at(k, "<!--")) {
              d = 4;
              state = COMMENT;
            } else if (at(k, "<![CDATA[")) {
              d = 9;
              state = CDATA;
            } else if (at(k, "<?")) {
              d = 2;
              state = PI;
            } else {
              d = 1;
              state = TAG;
            }
          }
        }
        case TAG -> {
          if (quote != 0) {
            if (c == quote) {
              d = 1;
              quote = 0;
            }
          } else if (c == '"' || c == '\'') {
            d = 1;
            quote = c;
          } else if (c == '>') {
            d = 1;
            state = TEXT;
          } else if (c == '<' || c == '/' || c == '=' || c == '?' || c == '!' || c == ' '
              || c == '\t' || c == '\r' || c == '\n') {
            d = 1;
          }
        }
        case COMMENT -> d = end(k, "-->");
        case CDATA -> d = end(k, "]]>");
        default -> d = end(k, "?>");
      }
      delimiter = d;
      i = k + Math.max(1, d);
    }

    /** The length of {@code close} when it starts at {@code k} (then the state is text), or 0. */
    private int end(int k, String close) {
      if (at(k, close)) {
        state = TEXT;
        return close.length();
      }
      return 0;
    }

    private boolean at(int k, String s) {
      if (k + s.length() > b.length) {
        return false;
      }
      for (int j = 0; j < s.length(); j++) {
        if (b[k + j] != s.charAt(j)) {
          return false;
        }
      }
      return true;
    }

    /** Whether references are read where the walk is (text and attribute values). */
    private boolean inContent() {
      return state == TEXT || state == TAG && quote != 0;
    }

    /**
     * {@code s}, or the {@code &} of the reference it is inside (not before {@code floor}):
     * {@code &name;} or {@code &#N;} of at most 10 bytes after the {@code &}.
     */
    private int referenceStart(int s, int floor) {
      if (!inContent()) {
        return s;
      }
      for (int a = s - 1; a >= Math.max(floor, s - 10); a--) {
        byte c = b[a];
        if (c == '&') {
          return closes(a) > s ? a : s;
        }
        if (!referenceByte(c)) {
          return s;
        }
      }
      return s;
    }

    /** {@code end}, or the index after the {@code ;} of the reference it is inside. */
    private int referenceEnd(int from, int end) {
      if (!inContent()) {
        return end;
      }
      for (int a = end - 1; a >= Math.max(from, end - 10); a--) {
        byte c = b[a];
        if (c == '&') {
          int r = closes(a);
          return r > end ? r : end;
        }
        if (!referenceByte(c)) {
          return end;
        }
      }
      return end;
    }

    /** The index after the {@code ;} of a reference whose {@code &} is at {@code a}, or -1. */
    private int closes(int a) {
      for (int k = a + 1; k < b.length && k <= a + 10; k++) {
        byte c = b[k];
        if (c == ';') {
          return k > a + 1 ? k + 1 : -1;
        }
        if (!referenceByte(c)) {
          return -1;
        }
      }
      return -1;
    }

    private static boolean referenceByte(byte c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#';
    }
  }

  /**
   * {@code edits} (in order, not overlapping) of the valid JSON text {@code b}, made to keep its
   * syntax: the part of an edit inside a string is written there, whole escapes included (an edit
   * that starts or ends inside {@code \\"} or {@code \\u0041} takes the whole escape); a scalar
   * token outside strings that an edit touches is widened to the whole token and written as a
   * quoted mask; the string quotes and the structure an edit spans are kept (a raw echo of a value
   * holding a quote, such as {@code "%27}, matched a string's opening quote and the mask ate it).
   * An edit split so is written with the redact token in each piece. Edits swallowed by a
   * widened one are dropped.
   */
  private static List<Edit> outsideStringsQuoted(byte[] b, List<Edit> edits) {
    List<Edit> out = new ArrayList<>(edits.size());
    boolean inString = false;
    int i = 0; // the walk: inString holds at i, which is never inside an escape
    int lastEnd = 0;
    int[] pieces = new int[6];
    for (Edit e : edits) {
      if (e.start < lastEnd) {
        continue; // inside a token already widened and quoted
      }
      int s = e.start;
      while (i < s) {
        byte c = b[i];
        if (inString && c == '\\') {
          int len = escapeLength(b, i);
          if (i + len > s) {
            s = i; // the edit starts inside this escape: it takes all of it
            break;
          }
          i += len;
          continue;
        }
        if (c == '"') {
          inString = !inString;
        }
        i++;
      }
      int end = e.end;
      int n = 0; // pieces: start, end, 1 for a token
      int runStart = s;
      int k = s;
      while (k < end) {
        byte c = b[k];
        if (inString) {
          if (c == '\\') {
            k += escapeLength(b, k);
            end = Math.max(end, k);
          } else if (c == '"') {
            if (k > runStart) {
              pieces = piece(pieces, n++, runStart, k, 0);
            }
            inString = false;
            k++;
          } else {
            k++;
          }
        } else if (c == '"') {
          inString = true;
          runStart = ++k;
        } else if (isScalarByte(c)) {
          int ts = k;
          while (ts > lastEnd && isScalarByte(b[ts - 1])) {
            ts--;
          }
          int te = k;
          while (te < b.length && isScalarByte(b[te])) {
            te++;
          }
          pieces = piece(pieces, n++, ts, te, 1);
          k = te;
          end = Math.max(end, te);
        } else {
          k++; // structure and blanks stay
        }
      }
      if (inString && k > runStart) {
        pieces = piece(pieces, n++, runStart, k, 0);
      }
      i = k;
      lastEnd = k;
      for (int p = 0; p < n; p++) {
        String r = n == 1 ? e.replacement : Actions.REDACT_TOKEN;
        out.add(new Edit(pieces[3 * p], pieces[3 * p + 1],
            pieces[3 * p + 2] == 1 ? JsonEscapes.quote(r) : r));
      }
    }
    return out;
  }

  private static int[] piece(int[] pieces, int n, int start, int end, int token) {
    if (3 * n + 3 > pieces.length) {
      pieces = Arrays.copyOf(pieces, pieces.length * 2);
    }
    pieces[3 * n] = start;
    pieces[3 * n + 1] = end;
    pieces[3 * n + 2] = token;
    return pieces;
  }

  /** The length of the JSON escape at {@code b[i]} (a backslash), within {@code b}. */
  private static int escapeLength(byte[] b, int i) {
    return Math.min(b.length - i, i + 1 < b.length && b[i + 1] == 'u' ? 6 : 2);
  }

  /** Bytes of a JSON number or literal token. */
  private static boolean isScalarByte(byte c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-'
        || c == '+' || c == '.';
  }

  /** A region of a part and its decoded replacement. */
  private record Edit(int start, int end, String replacement) {}

  /** Reads the decoded text of a region, for merged echoes. */
  private interface Region {
    String text(int from, int to);
  }

  /**
   * The replacements for {@code hits}, in order, overlapping hits merged; one note per
   * replacement.
   */
  private static List<Edit> edits(List<Echoes.Hit> hits, Echoes echoes, MaskRun run,
      Point where, String context, Region region) {
    if (hits.size() > 1) {
      hits.sort(HIT_ORDER);
    }
    List<Edit> edits = new ArrayList<>();
    int k = 0;
    int n = hits.size();
    while (k < n) {
      Echoes.Hit first = hits.get(k);
      int start = first.start();
      int end = first.end();
      Echoes.Needle winner = first.needle();
      int group = 1;
      k++;
      while (k < n && hits.get(k).start() < end) { // overlapping echoes are masked as one
        Echoes.Hit h = hits.get(k);
        end = Math.max(end, h.end());
        if (DetectorInspector.stricter(h.needle().decision(), winner.decision())) {
          winner = h.needle();
        }
        group++;
        k++;
      }
      String replacement;
      if (group == 1) {
        replacement = winner.replacement();
      } else {
        MaskAction a = winner.decision().action();
        if (a instanceof MaskAction.KeepFirst || a instanceof MaskAction.KeepLast) {
          a = new MaskAction.Stars(); // a kept edge of a merged span could be part of a value
        } else if (a instanceof MaskAction.Remove) {
          a = MaskAction.redact();
        }
        replacement = run.applyAction(a, region.text(start, end));
      }
      if (replacement.length() <= end - start && replacement.equals(region.text(start, end))) {
        // The echo already reads as its mask (a value that is its own mask, as a report masked
        // before): nothing changes, so there is nothing to write and no note to make (P7).
        continue;
      }
      edits.add(new Edit(start, end, replacement));
      Decision d = winner.decision();
      run.note(new Note(Note.Kind.RESIDUAL, where, d.ruleId(), d.action().describe(),
          (context == null ? "" : context + " ") + "repeated "
              + (winner.maskedAt() == null ? "a masked value"
                  : "the value masked at " + PointNames.shown(winner.maskedAt(), echoes, run))
              + " (" + winner.form + ")"));
    }
    return edits;
  }

  private static final Comparator<Echoes.Hit> HIT_ORDER =
      Comparator.comparingInt(Echoes.Hit::start).thenComparing(
          Comparator.comparingInt(Echoes.Hit::end).reversed());

  // ---- carried-through members ----------------------------------------------------------------

  /** One string member: where it sits and its current text. */
  private static final class Slot {
    final Map<String, JsonNode> map;
    final ObjectNode object;
    final ArrayNode array;
    final String key;
    final int index;
    String value;
    boolean changed;

    Slot(Map<String, JsonNode> map, ObjectNode object, ArrayNode array, String key, int index,
        String value) {
      this.map = map;
      this.object = object;
      this.array = array;
      this.key = key;
      this.index = index;
      this.value = value;
    }

    void write() {
      TextNode t = TextNode.valueOf(value);
      if (map != null) {
        map.put(key, t);
      } else if (object != null) {
        object.set(key, t);
      } else {
        array.set(index, t);
      }
    }
  }

  /** Mutable copies of every carried-through member map, and their string slots. */
  private static final class Members {
    final Map<String, JsonNode> extra;
    final Map<String, JsonNode> requestExtra;
    final List<Map<String, JsonNode>> attackExtra = new ArrayList<>();
    final List<Slot> slots = new ArrayList<>();

    private Members(AttackReport report) {
      extra = new LinkedHashMap<>(report.extra());
      requestExtra = new LinkedHashMap<>(report.requestExtra());
      slots(extra);
      slots(requestExtra);
      for (Attack a : report.attacks()) {
        Map<String, JsonNode> m = a.extra().isEmpty() ? Map.of() : new LinkedHashMap<>(a.extra());
        attackExtra.add(m);
        slots(m);
      }
    }

    /**
     * The members of {@code report}, or null when it carries none (no extra member anywhere), so
     * that a report without them costs no map copies (measured on a 1 KB report).
     */
    static Members collect(AttackReport report) {
      if (report.extra().isEmpty() && report.requestExtra().isEmpty()) {
        boolean none = true;
        for (Attack a : report.attacks()) {
          if (!a.extra().isEmpty()) {
            none = false;
            break;
          }
        }
        if (none) {
          return null;
        }
      }
      return new Members(report);
    }

    /** Collects the string slots under {@code m}, iteratively (no recursion on input depth). */
    private void slots(Map<String, JsonNode> m) {
      ArrayDeque<JsonNode> stack = new ArrayDeque<>();
      for (Map.Entry<String, JsonNode> e : m.entrySet()) {
        JsonNode v = e.getValue();
        if (v.isTextual() || v.isNumber()) {
          slots.add(new Slot(m, null, null, e.getKey(), -1, text(v)));
        } else if (v.isContainerNode()) {
          stack.push(v);
        }
      }
      while (!stack.isEmpty()) {
        JsonNode c = stack.pop();
        if (c instanceof ObjectNode o) {
          for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode v = e.getValue();
            if (v.isTextual() || v.isNumber()) {
              slots.add(new Slot(null, o, null, e.getKey(), -1, text(v)));
            } else if (v.isContainerNode()) {
              stack.push(v);
            }
          }
        } else if (c instanceof ArrayNode a) {
          for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (v.isTextual() || v.isNumber()) {
              slots.add(new Slot(null, null, a, null, i, text(v)));
            } else if (v.isContainerNode()) {
              stack.push(v);
            }
          }
        }
      }
    }

    /**
     * A string's text, or a number's (a card or a masked value carried as a JSON number is
     * detected and swept as text, and written back as a JSON string mask, as in a body).
     */
    private static String text(JsonNode v) {
      return v.isTextual() ? v.textValue() : v.asText();
    }

    boolean changed() {
      boolean any = renamed;
      for (Slot s : slots) {
        if (s.changed) {
          s.write();
          any = true;
        }
      }
      return any;
    }

    /** Whether a member name was masked by {@link #maskNames}. */
    private boolean renamed;

    /**
     * Masks echoes in the names of carried-through members (a map keyed by a masked session id)
     * with {@code mask}. Changed slots are written first, under the names they were found at.
     */
    void maskNames(java.util.function.UnaryOperator<String> mask) {
      for (Slot s : slots) {
        if (s.changed) {
          s.write();
          s.changed = false;
          renamed = true; // written: reported through the same flag
        }
      }
      List<Map<String, JsonNode>> maps = new ArrayList<>(attackExtra);
      maps.add(extra);
      maps.add(requestExtra);
      ArrayDeque<JsonNode> stack = new ArrayDeque<>();
      for (Map<String, JsonNode> m : maps) {
        if (m.isEmpty()) {
          continue;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(m.entrySet());
        List<String> names = maskedKeys(entries, mask, stack);
        if (names != null) {
          m.clear();
          for (int i = 0; i < entries.size(); i++) {
            m.put(names.get(i), entries.get(i).getValue());
          }
          renamed = true;
        }
      }
      while (!stack.isEmpty()) {
        JsonNode c = stack.pop();
        if (c instanceof ArrayNode a) {
          for (JsonNode v : a) {
            if (v.isContainerNode()) {
              stack.push(v);
            }
          }
        } else if (c instanceof ObjectNode o) {
          List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(o.properties());
          List<String> names = maskedKeys(entries, mask, stack);
          if (names != null) {
            o.removeAll();
            for (int i = 0; i < entries.size(); i++) {
              o.set(names.get(i), entries.get(i).getValue());
            }
            renamed = true;
          }
        }
      }
    }

    /**
     * The members' names with {@code mask} applied, or null when none changed; pushes the
     * container values onto {@code stack} for the walk.
     */
    private static List<String> maskedKeys(List<Map.Entry<String, JsonNode>> entries,
        java.util.function.UnaryOperator<String> mask, ArrayDeque<JsonNode> stack) {
      boolean any = false;
      List<String> names = new ArrayList<>(entries.size());
      for (Map.Entry<String, JsonNode> e : entries) {
        String k = mask.apply(e.getKey());
        any |= k != e.getKey();
        names.add(k);
        if (e.getValue().isContainerNode()) {
          stack.push(e.getValue());
        }
      }
      return any ? names : null;
    }

    List<Attack> applyToAttacks(List<Attack> attacks) {
      List<Attack> out = new ArrayList<>(attacks);
      for (int i = 0; i < out.size(); i++) {
        Map<String, JsonNode> m = attackExtra.get(i);
        if (!m.isEmpty()) {
          out.set(i, out.get(i).withExtra(m));
        }
      }
      return out;
    }
  }

  /** Whether the next character from {@code k} on that is not whitespace is a colon. */
  private static boolean followedByColon(String json, int k) {
    int n = json.length();
    while (k < n && whitespace(json.charAt(k))) {
      k++;
    }
    return k < n && json.charAt(k) == ':';
  }

  /**
   * {@link Character#isWhitespace}, without its table look-up for ASCII (measured: a fifth of
   * {@link #jsonScalars} on a masked three-member object).
   */
  private static boolean whitespace(char c) {
    if (c < 0x80) {
      return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F;
    }
    return Character.isWhitespace(c);
  }

  /** Whether {@code c} is one of <code>{}[],:"'</code>, space, tab, CR or LF. */
  private static boolean bareEnd(char c) {
    return switch (c) {
      case '{', '}', '[', ']', ',', ':', '"', '\'', ' ', '\t', '\r', '\n' -> true;
      default -> false;
    };
  }

  /**
   * The string contents (decoded) and bare scalars of a JSON text, by a lenient linear scan: good
   * enough to find what a masked container held, whatever its validity.
   */
  static List<String> jsonScalars(String json) {
    return jsonScalars(json, 0);
  }

  /**
   * As {@link #jsonScalars(String)}, leaving out escape-free strings and bare scalars shorter than
   * {@code min} characters (the sweep hunts none of them: no substring is made for them).
   */
  static List<String> jsonScalars(String json, int min) {
    List<String> out = new ArrayList<>();
    int n = json.length();
    int i = 0;
    // The first backslash past the last string's opening quote (-1: none left; -2: not looked
    // for yet): looked for again only once passed, so that all look-ups together read the text
    // once.
    int slash = -2;
    while (i < n) {
      char c = json.charAt(i);
      if (c == '"' || c == '\'') {
        int close = json.indexOf(c, i + 1);
        if (slash == -2 || slash >= 0 && slash <= i) {
          slash = json.indexOf('\\', i + 1);
        }
        if (close >= 0 && (slash < 0 || slash > close)) {
          // No escape inside: the text as it is (measured: a builder per member was a sixth of
          // the sweep's set-up on a 1 KB report).
          int start = i + 1;
          i = close + 1;
          if (close - start >= min && !followedByColon(json, i)) {
            out.add(json.substring(start, close)); // a member name is not a value
          }
          continue;
        }
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
              sb.append(JsonShape.escaped(e));
            }
            j += 2;
            continue;
          }
          sb.append(d);
          j++;
        }
        i = j + 1;
        if (!followedByColon(json, i)) {
          out.add(sb.toString()); // a member name is not a value
        }
      } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':'
          || whitespace(c)) {
        i++;
      } else {
        int j = i;
        while (j < n && !bareEnd(json.charAt(j))) {
          j++;
        }
        if (j - i < min) {
          i = j;
          continue;
        }
        if (!followedByColon(json, j)) {
          out.add(json.substring(i, j));
        }
        i = j;
      }
    }
    return out;
  }
}
