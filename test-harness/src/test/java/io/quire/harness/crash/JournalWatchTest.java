package io.quire.harness.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.crash.KillPlan.Trigger;
import io.quire.harness.load.AckCounter;
import io.quire.journal.JournalFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class JournalWatchTest {

  @TempDir
  Path folder;

  @Test
  @Timeout(30) // a missed event would keep the watch waiting for the load to end
  void firesOnACheckpointTemporaryOnceArmed() throws Exception {
    AckCounter counter = counterWith(5);
    try (JournalWatch watch = new JournalWatch(folder)) {
      Files.createFile(folder.resolve(JournalFormat.openSegmentName(1)));
      Files.createFile(folder.resolve(JournalFormat.checkpointTemporaryName(7, "0123abcd")));

      assertTrue(watch.awaitKillMoment(new KillPlan(Trigger.TEMPORARY_CREATED, 5, 0, 0), counter));
      assertEquals(1, watch.mostTemporaries());
    }
  }

  @Test
  @Timeout(30)
  void aTriggerArmedAfterACheckpointIgnoresTheTemporariesBeforeIt() throws Exception {
    AckCounter counter = counterWith(5);
    try (JournalWatch watch = new JournalWatch(folder)) {
      Path first = folder.resolve(JournalFormat.checkpointTemporaryName(7, "0123abcd"));
      Files.createFile(first);
      Files.move(first, folder.resolve(JournalFormat.checkpointName(7)));
      Files.createFile(folder.resolve(JournalFormat.checkpointTemporaryName(9, "0123abcd")));

      assertTrue(watch.awaitKillMoment(new KillPlan(Trigger.TEMPORARY_CREATED, 5, 1, 0), counter));
      assertEquals("ENTRY_CREATE " + JournalFormat.checkpointTemporaryName(9, "0123abcd"),
          watch.firedBy());
    }
  }

  @Test
  void reportsALoadThatEndedBeforeTheTrigger() throws Exception {
    AckCounter counter = counterWith(5);
    counter.clientStopped();
    try (JournalWatch watch = new JournalWatch(folder)) {
      Files.createFile(folder.resolve(JournalFormat.checkpointTemporaryName(7, "0123abcd")));

      assertFalse(watch.awaitKillMoment(new KillPlan(Trigger.TEMPORARY_CREATED, 5, 0, 0), counter));
    }
  }

  @Test
  void countsCheckpointsWrittenAndCleanUpDeletes() throws Exception {
    try (JournalWatch watch = new JournalWatch(folder)) {
      for (long sequence : new long[] {100, 200, 300}) {
        Path temporary = folder.resolve(JournalFormat.checkpointTemporaryName(sequence, "0badcafe"));
        Files.createFile(temporary);
        Files.move(temporary, folder.resolve(JournalFormat.checkpointName(sequence)));
      }
      Files.createFile(folder.resolve(JournalFormat.sealedSegmentName(1, 40)));
      Files.delete(folder.resolve(JournalFormat.checkpointName(100)));
      Files.delete(folder.resolve(JournalFormat.sealedSegmentName(1, 40)));

      JournalListing settled = watch.awaitListing(l -> l.checkpoints().size() == 2,
          Duration.ofSeconds(10));
      // file events arrive asynchronously; the watch is confined to this thread
      await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
        watch.drain();
        return watch.cleanUpDeletes() >= 2;
      });

      assertEquals(2, settled.checkpoints().size());
      assertEquals(3, watch.checkpointsWritten());
      assertEquals(2, watch.cleanUpDeletes());
      assertEquals(3, watch.mostCheckpoints());
      assertEquals(1, watch.mostTemporaries());
    }
  }

  private static AckCounter counterWith(int acknowledged) {
    AckCounter counter = new AckCounter();
    counter.clientStarted();
    for (int i = 0; i < acknowledged; i++) {
      counter.acknowledged();
    }
    return counter;
  }
}
