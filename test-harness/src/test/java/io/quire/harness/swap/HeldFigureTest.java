package io.quire.harness.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The journal's own figures, read from its log lines as the master writes them. */
class HeldFigureTest {
  private static final String MOVED = "2026-11-29T18:37:33.131Z INFO  [RMI TCP Connection(3)-"
      + "127.0.0.1] i.q.j.internal.SegmentedJournal - Journal moved from hdfs://127.0.0.1:43077/"
      + "quire/move-01-hdfs to file:///tmp/w/moves/move-02-local/journal/ after sequence 654 "
      + "(checkpoint checkpoint-0000000000000000653.qckpt, 1 entries copied, 1338 ms, writes held "
      + "1295 ms for the switch); hdfs://127.0.0.1:43077/quire/move-01-hdfs holds the journal up "
      + "to the switch";
  private static final String BACK = "2026-11-29T18:33:32.542Z INFO  [quire-journal-sync] "
      + "i.q.journal.internal.GroupCommitLog - Journal storage is back after 59 ms; entries up to "
      + "sequence 263 are durable, writes resume";

  @Test
  void readsTheWritesHeldForTheSwitchOfAMove() {
    assertEquals(OptionalLong.of(1295), JournalMoves.HELD.millis(MOVED));
    assertEquals("checkpoint checkpoint-0000000000000000653.qckpt, 1 entries copied, 1338 ms, "
        + "writes held 1295 ms for the switch", JournalMoves.HELD.quote(MOVED));
  }

  @Test
  void readsWhenTheStorageWasBackAfterABundleUpdate() {
    assertEquals(OptionalLong.of(59), SameBundleUpdate.BACK.millis(BACK));
    assertEquals("Journal storage is back after 59 ms", SameBundleUpdate.BACK.quote(BACK));
  }

  @Test
  void findsNoFigureInOtherLines() {
    String bound = "2026-11-29T18:37:27.405Z INFO  [RMI TCP Connection(3)-127.0.0.1] "
        + "i.q.j.internal.JournalComponent - Journal storage bound: hdfs at hdfs://127.0.0.1:43077/"
        + "quire/move-01-hdfs";
    assertEquals(OptionalLong.empty(), JournalMoves.HELD.millis(bound));
    assertEquals(OptionalLong.empty(), JournalMoves.HELD.millis(BACK));
    assertEquals(OptionalLong.empty(), SameBundleUpdate.BACK.millis(MOVED));
    assertNull(JournalMoves.HELD.quote(bound));
  }
}
