package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.CorruptJournalException;
import io.quire.journal.JournalFormat;
import io.quire.journal.RecoveryResult;
import io.quire.journal.StateSnapshot;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileWriter;
import io.quire.journal.storage.AppendableFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final long SMALL_SEGMENTS = 200; // a few entries per segment

  @TempDir
  Path folder;

  /** Recovers into a list, appends {@code count} entries, each durable; returns all entries. */
  private static List<String> appendEntries(SegmentedJournal journal, ListState state, int count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      long seq = journal.append(("entry-" + (state.lastSequence + 1))
          .getBytes(StandardCharsets.UTF_8));
      journal.awaitDurable(seq);
      state.accept(seq, ByteBuffer.wrap(("entry-" + seq).getBytes(StandardCharsets.UTF_8)));
    }
    return state.entries;
  }

  private List<String> names() throws IOException {
    return JournalFixture.names(folder);
  }

  private long count(String prefix, String suffix) throws IOException {
    return names().stream().filter(n -> n.startsWith(prefix) && n.endsWith(suffix)).count();
  }

  private ListState recoverFresh(JournalFixture fixture) throws IOException {
    ListState state = new ListState();
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      journal.recover(state);
    }
    return state;
  }

  @Test
  void restartLoadsTheCheckpointAndReplaysOnlyLaterEntries() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      appendEntries(journal, state, 30);
      CheckpointInfo info = journal.checkpoint(ListState.snapshot(state.entries, 30));
      assertEquals(30, info.sequence());
      assertEquals(30, info.entries());
      assertEquals(0, journal.status().entriesSinceCheckpoint());
      appendEntries(journal, state, 12);
      assertEquals(12, journal.status().entriesSinceCheckpoint());
      assertEquals(30, journal.status().lastCheckpoint().sequence());
    }
    ListState state = new ListState();
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      RecoveryResult result = journal.recover(state);
      assertEquals(JournalFormat.checkpointName(30), result.checkpoint().name());
      assertEquals(12, result.entriesReplayed());
      assertEquals(42, result.lastSequence());
      assertEquals(12, journal.status().entriesSinceCheckpoint());
    }
    assertEquals(1, state.checkpointsLoaded);
    assertEquals(JournalFixture.entries(42), state.entries);
  }

  @Test
  void aCheckpointAlreadyCoveringTheSequenceIsReturnedNotRewritten() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      appendEntries(journal, state, 5);
      CheckpointInfo first = journal.checkpoint(ListState.snapshot(state.entries, 5));
      CheckpointInfo again = journal.checkpoint(ListState.snapshot(state.entries, 5));
      assertEquals(first, again);
      assertEquals(1, count("checkpoint-", ".qckpt"));
    }
  }

  @Test
  void retentionKeepsTwoCheckpointsAndTheLogsAfterTheOlder() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      int total = 0;
      List<Long> checkpoints = new ArrayList<>();
      for (int round = 0; round < 6; round++) {
        appendEntries(journal, state, 20);
        total += 20;
        checkpoints.add(journal.checkpoint(ListState.snapshot(state.entries, total)).sequence());
        assertTrue(count("checkpoint-", ".qckpt") <= 2, names().toString());
        long older = checkpoints.size() >= 2 ? checkpoints.get(checkpoints.size() - 2) : 0;
        for (String name : names()) {
          long[] range = JournalFormat.parseSegmentName(name);
          if (range != null && range[1] >= 0) {
            assertTrue(range[1] > older, name + " is covered by checkpoint " + older
                + " and should have been deleted: " + names());
          }
        }
      }
      // bounded: two checkpoints and at most the segments of two rounds (plus the open one)
      long segments = names().stream().filter(n -> JournalFormat.parseSegmentName(n) != null)
          .count();
      assertTrue(segments <= 2 * 20 + 1, segments + " segments: " + names());
      assertEquals(2, journal.status().checkpointCount());
    }
    assertEquals(JournalFixture.entries(120), recoverFresh(fixture).entries);
  }

  @Test
  void aCorruptNewestCheckpointFallsBackToTheOlderOneAndItsLogs() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      appendEntries(journal, state, 20);
      journal.checkpoint(ListState.snapshot(state.entries, 20));
      appendEntries(journal, state, 20);
      journal.checkpoint(ListState.snapshot(state.entries, 40));
      appendEntries(journal, state, 5);
    }
    Path newest = folder.resolve(JournalFormat.checkpointName(40));
    try (RandomAccessFile file = new RandomAccessFile(newest.toFile(), "rw")) {
      file.seek(100);
      int b = file.read();
      file.seek(100);
      file.write(b ^ 0x40);
    }
    ListState state = new ListState();
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      RecoveryResult result = journal.recover(state);
      assertEquals(JournalFormat.checkpointName(20), result.checkpoint().name());
      assertEquals(25, result.entriesReplayed());
      assertEquals(1, result.skippedCheckpoints().size());
      assertTrue(result.skippedCheckpoints().get(0).contains(JournalFormat.checkpointName(40)),
          result.skippedCheckpoints().get(0));
      // the primary's next clean-up sets the damaged file aside and keeps the logs it needs
      journal.cleanUp();
      assertTrue(Files.exists(folder.resolve(JournalFormat.checkpointName(40) + ".corrupt")));
      assertEquals(20, journal.status().lastCheckpoint().sequence());
    }
    assertEquals(JournalFixture.entries(45), state.entries);
    assertEquals(JournalFixture.entries(45), recoverFresh(fixture).entries);
  }

  @Test
  void withEveryCheckpointDamagedTheLogsFromTheStartStillRecoverEverything() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      appendEntries(journal, state, 15);
      journal.checkpoint(ListState.snapshot(state.entries, 15));
      appendEntries(journal, state, 3);
    }
    Files.write(folder.resolve(JournalFormat.checkpointName(15)), new byte[10]);
    ListState state = recoverFresh(fixture);
    assertEquals(JournalFixture.entries(18), state.entries);
    assertEquals(0, state.checkpointsLoaded);
  }

  @Test
  void logsThatNoCheckpointCoversAreAGapNamedWithTheDamagedCheckpoint() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      for (int round = 1; round <= 3; round++) {
        appendEntries(journal, state, 10);
        journal.checkpoint(ListState.snapshot(state.entries, 10 * round));
      }
    }
    for (int s : new int[] {20, 30}) {
      Files.write(folder.resolve(JournalFormat.checkpointName(s)), new byte[] {1, 2, 3});
    }
    CorruptJournalException e = assertThrows(CorruptJournalException.class,
        () -> recoverFresh(fixture));
    assertTrue(e.getMessage().contains("no checkpoint covers"), e.getMessage());
    assertTrue(e.getMessage().contains(JournalFormat.checkpointName(30)), e.getMessage());
  }

  @Test
  void cleanUpUsesACheckpointAnotherMasterWrote() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      appendEntries(journal, state, 20);
      journal.checkpoint(ListState.snapshot(state.entries, 20));
      appendEntries(journal, state, 20);
      // a secondary master's checkpoint: same folder, its own writer
      CheckpointStore secondary = new CheckpointStore(fixture.storage,
          UUID.fromString(journal.format().clusterId()), Clock.systemUTC());
      secondary.write(ListState.snapshot(state.entries, 35));
      assertEquals(20, journal.status().lastCheckpoint().sequence());
      journal.cleanUp();
      assertEquals(35, journal.status().lastCheckpoint().sequence());
      assertEquals(5, journal.status().entriesSinceCheckpoint());
      for (String name : names()) {
        long[] range = JournalFormat.parseSegmentName(name);
        assertFalse(range != null && range[1] >= 0 && range[1] <= 20, name + " should be gone");
      }
    }
    ListState state = recoverFresh(fixture);
    assertEquals(JournalFixture.entries(40), state.entries);
  }

  @Test
  void aCheckpointOfAnotherClusterIsNotLoaded() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      ListState state = new ListState();
      journal.recover(state);
      appendEntries(journal, state, 8);
    }
    try (AppendableFile file = fixture.storage.create(JournalFormat.checkpointName(8))) {
      OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          file.append(ByteBuffer.wrap(new byte[] {(byte) b}));
        }
      };
      StateFileWriter writer = new StateFileWriter(out, new StateFileHeader(
          StateFileHeader.Kind.CHECKPOINT, 1, 8, UUID.randomUUID(), 0));
      writer.finish(0);
      file.sync();
    }
    ListState state = new ListState();
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      RecoveryResult result = journal.recover(state);
      assertNull(result.checkpoint());
      assertTrue(result.skippedCheckpoints().get(0).contains("cluster"),
          result.skippedCheckpoints().get(0));
    }
    assertEquals(JournalFixture.entries(8), state.entries);
  }

  /**
   * A crash at every change a checkpoint and its clean-up make (create, append, sync, rename,
   * each delete): the next start always recovers every entry, and removes a leftover
   * temporary file.
   */
  @Test
  void aCrashAtAnyStepOfCheckpointAndCleanUpLosesNothing() throws Exception {
    int crashPoint = 1;
    while (true) {
      Path run = Files.createDirectory(folder.resolve("run-" + crashPoint));
      JournalFixture fixture = new JournalFixture(run);
      FailingStorage storage = new FailingStorage(fixture.storage);
      SegmentedJournal journal = new SegmentedJournal(storage,
          new SegmentedJournal.Options(SMALL_SEGMENTS, 10_000, 1 << 20), Clock.systemUTC());
      ListState state = new ListState();
      journal.recover(state);
      appendEntries(journal, state, 10);
      journal.checkpoint(ListState.snapshot(state.entries, 10));
      appendEntries(journal, state, 10);
      journal.checkpoint(ListState.snapshot(state.entries, 20)); // now logs up to 10 can go
      appendEntries(journal, state, 10);
      storage.crashAt(crashPoint);
      try {
        journal.checkpoint(ListState.snapshot(state.entries, 30));
      } catch (IOException expectedCrash) {
        assertTrue(storage.crashed(), expectedCrash.toString());
      }
      boolean crashed = storage.crashed();
      journal.close(); // releases the lease; writes nothing a crash would not have left
      ListState recovered = new ListState();
      try (SegmentedJournal again = fixture.open(SMALL_SEGMENTS)) {
        again.recover(recovered);
        assertNotNull(again.status().lastCheckpoint(), "crash point " + crashPoint);
      }
      assertEquals(JournalFixture.entries(30), recovered.entries, "crash point " + crashPoint);
      try (Stream<Path> files = Files.list(run)) {
        assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")),
            "crash point " + crashPoint + " left a temporary file");
      }
      if (!crashed) {
        assertTrue(crashPoint > 5, "the checkpoint made only " + (crashPoint - 1) + " changes");
        return; // every change was a crash point once
      }
      crashPoint++;
    }
  }

  @Test
  void aTemporaryAnotherWriterLeftIsRemovedOnceItStopsGrowing() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    Path stray = folder.resolve(JournalFormat.checkpointTemporaryName(3, "0badf00d"));
    java.nio.file.Files.write(stray, new byte[100]);
    AtomicLong offset = new AtomicLong();
    Clock clock = new Clock() { // the system clock, moved on by hand
      @Override
      public java.time.Instant instant() {
        return Clock.systemUTC().instant().plusMillis(offset.get());
      }

      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        throw new UnsupportedOperationException();
      }
    };
    try (SegmentedJournal journal = new SegmentedJournal(fixture.storage,
        new SegmentedJournal.Options(SMALL_SEGMENTS, 10_000, 1 << 20), clock)) {
      journal.recover(new ListState()); // recovery removes leftover temporaries; a secondary
      java.nio.file.Files.write(stray, new byte[100]); // may begin one after it
      journal.cleanUp();
      offset.addAndGet(SegmentedJournal.STRAY_TEMPORARY_MILLIS / 2);
      java.nio.file.Files.write(stray, new byte[200]); // still growing: a live writer
      journal.cleanUp();
      offset.addAndGet(SegmentedJournal.STRAY_TEMPORARY_MILLIS / 2 + 1);
      journal.cleanUp();
      assertTrue(java.nio.file.Files.exists(stray), "unchanged for less than the limit");
      offset.addAndGet(SegmentedJournal.STRAY_TEMPORARY_MILLIS / 2);
      journal.cleanUp();
      assertFalse(java.nio.file.Files.exists(stray), "unchanged for longer: a crashed writer's");
    }
  }
}
