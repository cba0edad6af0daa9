package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.crash.CheckpointLoad;
import io.quire.harness.crash.CrashScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code crash --checkpoints} against the distribution this build assembled: a master
 * checkpointing every 200 entries with 2 KB logs, killed with SIGKILL at moments aimed at
 * checkpoint writes, the new checkpoint's check and clean-up, and clean-up's deletes (consecutive
 * iterations take the triggers in turn). CI runs a few iterations
 * ({@code -Dquire.crash.checkpoint.iterations}); the harness runs more.
 */
class CheckpointCrashScenarioIT {

  @TempDir
  Path work;

  @Test
  void acknowledgedMutationsAndAValidFolderSurviveKillsDuringCheckpointWork() throws Exception {
    int iterations = Integer.getInteger("quire.crash.checkpoint.iterations", 3);
    long seed = ScenarioRun.seed("quire.crash.seed");
    String report = ScenarioRun.assertHeld(seed, out -> new CrashScenario(ScenarioRun.home(), work,
        out, 4, 300, new CheckpointLoad(200, "2KB", 20_000)).run(seed, iterations),
        "FolderValidAfterKill", "RestartLoadsNewestCheckpoint", "NoCheckpointTemporarySurvivesRestart",
        "CheckpointsStayBounded", "AckedMutationsSurviveCrash", "BaseNamespaceSurvivesCrash");
    // every kill aimed at checkpoint work found that work under the load
    assertTrue(report.contains("(0 trigger(s) not reached"), "seed " + seed + ":\n" + report);
  }
}
