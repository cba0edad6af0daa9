package io.quire.harness.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quire.journal.JournalFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalListingTest {

  private static final String MARKER = JournalFormat.FORMAT_MARKER;

  @Test
  void aTemporaryLeftMeansACheckpointWriteWasCutOff() {
    JournalListing listing = JournalListing.of(List.of(MARKER, JournalFormat.checkpointName(100),
        JournalFormat.checkpointTemporaryName(300, "0badcafe"),
        JournalFormat.openSegmentName(90)));

    assertEquals(List.of("checkpoint-0000000000000000300.qckpt.0badcafe.tmp"),
        listing.temporaries());
    assertEquals(JournalListing.Interrupted.CHECKPOINT_WRITE, listing.interrupted());
  }

  @Test
  void threeCheckpointsMeanCleanUpHadNotDeletedAnything() {
    JournalListing listing = JournalListing.of(List.of(JournalFormat.checkpointName(100),
        JournalFormat.checkpointName(300), JournalFormat.checkpointName(200)));

    assertEquals(List.of(JournalFormat.checkpointName(300), JournalFormat.checkpointName(200),
        JournalFormat.checkpointName(100)), listing.checkpoints());
    assertEquals(JournalFormat.checkpointName(300), listing.newestCheckpoint());
    assertEquals(JournalListing.Interrupted.BEFORE_CLEAN_UP, listing.interrupted());
  }

  @Test
  void sealedLogsUpToTheOlderKeptCheckpointAwaitCleanUp() {
    JournalListing listing = JournalListing.of(List.of(JournalFormat.checkpointName(200),
        JournalFormat.checkpointName(100), JournalFormat.sealedSegmentName(51, 100),
        JournalFormat.sealedSegmentName(101, 150), JournalFormat.openSegmentName(151)));

    assertEquals(List.of(JournalFormat.sealedSegmentName(51, 100)), listing.staleLogs());
    assertEquals(JournalListing.Interrupted.CLEAN_UP, listing.interrupted());
  }

  @Test
  void aFolderAfterAFinishedCleanUpHasNothingPending() {
    JournalListing listing = JournalListing.of(List.of(MARKER, JournalFormat.checkpointName(200),
        JournalFormat.checkpointName(100), JournalFormat.sealedSegmentName(95, 140),
        JournalFormat.openSegmentName(141)));

    assertEquals(List.of(), listing.staleLogs());
    assertEquals(JournalListing.Interrupted.NOTHING, listing.interrupted());
  }

  @Test
  void withOneCheckpointNoLogIsStale() {
    JournalListing listing = JournalListing.of(List.of(JournalFormat.checkpointName(200),
        JournalFormat.sealedSegmentName(1, 100)));

    assertEquals(List.of(), listing.staleLogs());
    assertEquals(JournalListing.Interrupted.NOTHING, listing.interrupted());
    assertNull(JournalListing.of(List.of(MARKER)).newestCheckpoint());
  }
}
