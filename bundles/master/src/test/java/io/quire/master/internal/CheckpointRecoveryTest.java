package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.JournalFolder;
import io.quire.journal.RecoveryResult;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.storage.local.LocalJournalStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's namespace through a real journal on local disk, with checkpoints. */
class CheckpointRecoveryTest {

  @TempDir
  Path folder;

  private SegmentedJournal open(LocalJournalStorage storage, long maxLogBytes) {
    return new SegmentedJournal(storage, new SegmentedJournal.Options(maxLogBytes, 10_000,
        1 << 20), Clock.systemUTC());
  }

  @Test
  void restartFromACheckpointGivesTheSameNamespace() throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(folder);
    JournalFolder.format(storage, Clock.systemUTC());
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> expected;
    try (SegmentedJournal journal = open(storage, 16 << 10)) {
      Namespace ns = new Namespace(journal, Clock.systemUTC());
      ns.recover();
      RandomOperations.run(ns, random, 2000);
      CheckpointInfo info = journal.checkpoint(ns.stateSnapshot());
      assertEquals(ns.snapshot().inodeCount(), info.entries());
      RandomOperations.run(ns, random, 500);
      ns.stop();
      expected = Listing.of(ns.snapshot());
    }
    try (SegmentedJournal journal = open(storage, 16 << 10)) {
      Namespace ns = new Namespace(journal, Clock.systemUTC());
      RecoveryResult result = ns.recover();
      assertNotNull(result.checkpoint(), "seed " + seed);
      assertEquals(expected, Listing.of(ns.snapshot()), "seed " + seed);
      // and it goes on from there
      ns.mkdir(path("/after-restart"), false, "u", 0755);
    }
  }

  /**
   * The seed's example, scaled down: create N files, delete two thirds of them, checkpoint:
   * what stays in the folder is about the surviving third, not every entry ever written.
   */
  @Test
  void aCreateDeleteWorkloadLeavesAJournalSizedByTheStateNotTheHistory() throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(folder);
    JournalFolder.format(storage, Clock.systemUTC());
    int files = 30_000;
    long logBytesBefore;
    try (SegmentedJournal journal = open(storage, 64 << 10)) {
      Namespace ns = new Namespace(journal, Clock.systemUTC());
      ns.recover();
      ns.mkdir(path("/d"), false, "u", 0755);
      long last = 0;
      for (int i = 0; i < files; i++) {
        last = ns.appendCreateFile(path("/d/f" + i), "u", 0644);
      }
      for (int i = 0; i < files; i++) {
        if (i % 3 != 0) {
          last = ns.appendDelete(path("/d/f" + i), false);
        }
      }
      ns.awaitDurable(last);
      logBytesBefore = journal.status().logBytes();
      journal.checkpoint(ns.stateSnapshot());
      ns.mkdir(path("/e"), false, "u", 0755);
      journal.checkpoint(ns.stateSnapshot()); // the second one lets the first one's logs go
      assertEquals(files / 3 + 3, ns.snapshot().inodeCount());
    }
    long total;
    try (Stream<Path> list = Files.list(folder)) {
      total = list.mapToLong(p -> p.toFile().length()).sum();
    }
    // two images of ~10k inodes plus one open segment: far below the history's logs
    assertEquals(true, total < logBytesBefore / 2, total + " bytes left of " + logBytesBefore);
    try (SegmentedJournal journal = open(storage, 64 << 10)) {
      Namespace ns = new Namespace(journal, Clock.systemUTC());
      ns.recover();
      assertEquals(files / 3 + 3, ns.snapshot().inodeCount());
      assertNotNull(ns.snapshot().resolve(path("/d/f3")));
    }
  }

  /**
   * A steady workload (each step creates a file and deletes the one created {@code live} steps
   * before) over many checkpoint periods: with a checkpoint every period, the folder stops
   * growing once two checkpoints exist, although the history keeps growing.
   */
  @Test
  void theFolderStaysBoundedOverManyCheckpointPeriods() throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(folder);
    JournalFolder.format(storage, Clock.systemUTC());
    int live = 2_000;
    int period = 3_000;
    int periods = 15;
    long segmentBytes = 32 << 10;
    long steadySize = 0;
    long historyBytes = 0;
    try (SegmentedJournal journal = open(storage, segmentBytes)) {
      Namespace ns = new Namespace(journal, Clock.systemUTC());
      ns.recover();
      ns.mkdir(path("/d"), false, "u", 0755);
      int created = 0;
      for (int p = 1; p <= periods; p++) {
        long last = 0;
        long entriesBefore = journal.status().lastSequence();
        long logBytesBefore = journal.status().logBytes();
        while (journal.status().lastSequence() - entriesBefore < period) {
          last = ns.appendCreateFile(path("/d/f" + created), "u", 0644);
          if (created >= live) {
            last = ns.appendDelete(path("/d/f" + (created - live)), false);
          }
          created++;
        }
        ns.awaitDurable(last);
        historyBytes += journal.status().logBytes() - logBytesBefore;
        journal.checkpoint(ns.stateSnapshot());
        long size = folderBytes();
        if (p == 3) {
          steadySize = size;
        } else if (p > 3) {
          assertTrue(size <= steadySize + 2 * segmentBytes, "period " + p + ": " + size
              + " bytes in the folder, " + steadySize + " at period 3");
        }
      }
      assertEquals(live + 2, ns.snapshot().inodeCount());
    }
    assertTrue(folderBytes() < historyBytes / 3, folderBytes() + " bytes left of a history of "
        + historyBytes);
  }

  private long folderBytes() throws java.io.IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
