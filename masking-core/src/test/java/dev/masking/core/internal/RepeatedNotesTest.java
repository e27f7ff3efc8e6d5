package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MaskRun#dropRepeatedNotesSince} drops what a set of the notes before the mark would
 * drop, nested marks and replaced notes included, and keeps that set from call to call: built
 * anew on each call, many calls over many notes (maxNotes raised, one call per inspected attack
 * payload) were quadratic; 60,000 calls over as many notes took minutes, now milliseconds.
 */
final class RepeatedNotesTest {

  private static Note note(String reason) {
    return new Note(Note.Kind.INFO, null, null, null, reason);
  }

  private static MaskRun run() {
    return new MaskRun(MaskPolicy.NONE, MaskingOptions.builder().maxNotes(10_000_000).build());
  }

  /** The old rule: drop the notes since mark that repeat one before it or an earlier kept one. */
  private static void brute(List<Note> notes, int mark) {
    Set<Note> before = new HashSet<>(notes.subList(0, mark));
    List<Note> added = new ArrayList<>(notes.subList(mark, notes.size()));
    notes.subList(mark, notes.size()).clear();
    for (Note n : added) {
      if (before.add(n)) {
        notes.add(n);
      }
    }
  }

  private static List<Note> kept(MaskRun run) {
    List<Note> out = new ArrayList<>();
    for (int i = 0; i < run.noteCount(); i++) {
      out.add(run.noteAt(i));
    }
    return out;
  }

  @Test
  void dropsWhatASetOfTheEarlierNotesWouldDropOnRandomCalls() {
    Random r = new Random(11);
    int calls = 0;
    for (int round = 0; round < 200; round++) {
      MaskRun run = run();
      List<Note> model = new ArrayList<>();
      for (int step = 0; step < 60; step++) {
        int what = r.nextInt(10);
        if (what < 5) {
          Note n = note("n" + r.nextInt(12));
          run.note(n);
          model.add(n);
        } else if (what < 8 && !model.isEmpty()) {
          // an outer mark, an inner pass, then the outer drop
          int outer = r.nextInt(model.size() + 1);
          Note a = note("n" + r.nextInt(12));
          run.note(a);
          model.add(a);
          int inner = r.nextInt(outer, model.size() + 1);
          run.dropRepeatedNotesSince(inner);
          brute(model, inner);
          run.dropRepeatedNotesSince(outer);
          brute(model, outer);
          calls += 2;
        } else if (what == 8 && !model.isEmpty()) {
          int i = r.nextInt(model.size());
          Note n = note("n" + r.nextInt(12));
          run.setNote(i, n);
          model.set(i, n);
        } else if (!model.isEmpty()) {
          int mark = r.nextInt(model.size() + 1);
          run.dropNotesSince(mark);
          model.subList(mark, model.size()).clear();
        }
        assertThat(kept(run)).isEqualTo(model);
      }
    }
    assertThat(calls).isGreaterThan(1000);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void manyCallsOverManyNotesStayLinear() {
    MaskRun run = run();
    int n = 60_000;
    for (int i = 0; i < n; i++) {
      run.note(note("n" + i));
    }
    for (int i = 0; i < n; i++) {
      int mark = run.noteCount();
      run.note(note("m" + i));
      run.note(note("n0")); // repeats a note before the mark: dropped
      run.dropRepeatedNotesSince(mark);
    }
    assertThat(run.noteCount()).isEqualTo(2 * n);
  }
}
