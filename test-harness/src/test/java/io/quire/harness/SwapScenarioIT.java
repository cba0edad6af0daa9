package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.swap.JournalMoves;
import io.quire.harness.swap.SwapScenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code swap} scenario against the distribution this build assembled: three JMX
 * updates of {@code quire-storage-local} at seeded moments while four {@code fs -} clients
 * write, then a restart; and two moves of the running journal, local disk to HDFS (a
 * MiniDFSCluster in this JVM) and back to another local folder, then a restart on the last
 * folder. The stall of each swap is printed, not asserted; {@code bin/quire-harness swap
 * --swaps 20} and {@code swap --moves --swaps 20} measure it.
 */
class SwapScenarioIT {

  @TempDir
  Path work;

  @Test
  void storageSwapsUnderLoadFailNoWriteAndLoseNoAcknowledgedOne() throws Exception {
    long seed = ScenarioRun.seed("quire.swap.seed");
    String report = ScenarioRun.assertHeld(seed, out -> new SwapScenario(ScenarioRun.home(), work,
        out, 4, 50_000).run(seed, 3), "EverySwapTookOver", "WritesHeldNotFailed",
        "AckedMutationsSurviveSwaps", "CleanRestartSucceeds", "RestartServesExactlyTheAcknowledged",
        "SequenceNumbersAreContiguous", "NoErrorsLogged");
    assertTrue(report.contains("3 of 3 swaps"), report);
  }

  @Test
  void journalMovesBetweenLocalDiskAndHdfsUnderLoadFailNoWriteAndLoseNoAcknowledgedOne()
      throws Exception {
    long seed = ScenarioRun.seed("quire.swap.seed");
    QuireHome home = ScenarioRun.home();
    String report = ScenarioRun.assertHeld(seed, out -> {
      try (JournalMoves moves = JournalMoves.open(List.of(JournalBackend.Kind.LOCAL,
          JournalBackend.Kind.HDFS), home, work)) {
        return new SwapScenario(home, work, out, 4, 50_000, moves).run(seed, 2);
      }
    }, "EverySwapTookOver", "WritesHeldNotFailed", "AckedMutationsSurviveSwaps",
        "CleanRestartSucceeds", "RestartServesExactlyTheAcknowledged", "SequenceNumbersAreContiguous",
        "NoErrorsLogged", "FoldersLeftBehindAreValid", "FolderLeftBehindRefusesAStart");
    assertTrue(report.contains("2 of 2 swaps"), report);
  }
}
