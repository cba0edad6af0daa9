package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.StateSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start -i}: the journal's side of a restore. */
class ImportStateTest {
  @TempDir Path folder;

  private List<String> names() throws IOException {
    return JournalFixture.names(folder);
  }

  @Test
  void aFreshJournalStartsFromTheImportedStateAndKeepsIt() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    List<String> imported = JournalFixture.entries(500);
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      assertEquals(Optional.empty(), journal.importState(ListState.snapshot(imported, 500)));
      ListState state = new ListState();
      journal.recover(state);
      assertEquals(imported, state.entries);
      assertEquals(501, journal.append("entry-501".getBytes(StandardCharsets.UTF_8)),
          "numbering goes on after the imported state");
      journal.awaitDurable(501);
    }
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      ListState state = new ListState();
      journal.recover(state);
      assertEquals(JournalFixture.entries(501), state.entries, "a restart keeps the import and what followed");
      assertEquals(1, state.checkpointsLoaded);
    }
  }

  @Test
  void aJournalWithEntriesIsLeftAsItIs() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    fixture.write(3, 1 << 20);
    List<String> before = names();
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      Optional<String> why = journal.importState(ListState.snapshot(JournalFixture.entries(500), 500));
      assertTrue(why.isPresent() && why.get().startsWith("it holds entries"), why.toString());
      ListState state = new ListState();
      journal.recover(state);
      assertEquals(JournalFixture.entries(3), state.entries);
    }
    assertTrue(names().containsAll(before), names().toString());
  }

  @Test
  void aJournalWithACheckpointIsLeftAsItIs() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      journal.importState(ListState.snapshot(JournalFixture.entries(10), 10));
    }
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      Optional<String> why = journal.importState(ListState.snapshot(JournalFixture.entries(20), 20));
      assertEquals(Optional.of("it holds checkpoint checkpoint-0000000000000000010.qckpt"), why);
    }
  }

  @Test
  void aStateThatFailsWhileItIsCopiedLeavesTheJournalAsItWas() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      journal.recover(new ListState()); // the first start writes the empty log file
    }
    List<String> before = names();
    StateSnapshot damaged = new StateSnapshot() {
      @Override
      public long sequence() {
        return 99;
      }

      @Override
      public long writeTo(OutputStream out) throws IOException {
        out.write(new byte[100_000]);
        throw new IOException("backup damaged at chunk 3");
      }
    };
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      IOException e = assertThrows(IOException.class, () -> journal.importState(damaged));
      assertEquals("backup damaged at chunk 3", e.getMessage());
    }
    assertEquals(before, names());
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      ListState state = new ListState();
      journal.recover(state);
      assertEquals(List.of(), state.entries);
      assertEquals(1, journal.append("entry-1".getBytes(StandardCharsets.UTF_8)));
    }
  }
}
