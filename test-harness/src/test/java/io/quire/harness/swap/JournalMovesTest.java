package io.quire.harness.swap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JournalMovesTest {

  @Test
  void namesALocalFolderAsTheJournalDoesAsAFileUri() {
    assertTrue(JournalMoves.names("file:///tmp/w/moves/move-02-local/journal/",
        "/tmp/w/moves/move-02-local/journal"));
    assertTrue(JournalMoves.names("file:/tmp/w/journal", "/tmp/w/journal"));
    assertTrue(JournalMoves.names("/tmp/w/journal", "/tmp/w/journal"));
  }

  @Test
  void namesAFolderFollowedByTheRestOfAMessage() {
    String folder = "hdfs://127.0.0.1:43077/quire/move-01-hdfs";
    assertTrue(JournalMoves.names(folder, folder));
    assertTrue(JournalMoves.names(folder + " at 2026-11-29T18:37:30Z after sequence 496; set "
        + "alluxio.master.journal.folder=" + folder, folder));
    assertTrue(JournalMoves.names("file:///tmp/w/journal/ at 2026-11-29T18:37:30Z",
        "/tmp/w/journal"));
  }

  @Test
  void doesNotTakeALongerNameForTheFolder() {
    assertFalse(JournalMoves.names("file:///tmp/w/journal2/", "/tmp/w/journal"));
    assertFalse(JournalMoves.names("hdfs://127.0.0.1:43077/quire/move-01-hdfs-old",
        "hdfs://127.0.0.1:43077/quire/move-01-hdfs"));
    assertFalse(JournalMoves.names("file:///tmp/w/journal/sub", "/tmp/w/journal"));
    assertFalse(JournalMoves.names("hdfs://127.0.0.1:43077/quire/move-01-hdfs",
        "/tmp/w/journal"));
  }
}
