package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.crash.CheckpointLoad;
import io.quire.harness.crash.CrashScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    long seed = Long.getLong("quire.crash.seed", System.nanoTime() % 1_000_000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    boolean held = new CrashScenario(new QuireHome(Path.of(System.getenv("QUIRE_HOME"))), work,
        out, 4, 300, new CheckpointLoad(200, "2KB", 20_000)).run(seed, iterations);
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertTrue(held, "seed " + seed + ":\n" + report);
    assertFalse(report.contains("VIOLATED"), report);
    for (String invariant : new String[] {"FolderValidAfterKill", "RestartLoadsNewestCheckpoint",
        "NoCheckpointTemporarySurvivesRestart", "CheckpointsStayBounded",
        "AckedMutationsSurviveCrash", "BaseNamespaceSurvivesCrash"}) {
      assertTrue(report.matches("(?s).*HELD\\s+" + invariant + ":.*"), invariant + "\n" + report);
    }
    // every kill aimed at checkpoint work found that work under the load
    assertTrue(report.contains("(0 trigger(s) not reached"), "seed " + seed + ":\n" + report);
  }
}
