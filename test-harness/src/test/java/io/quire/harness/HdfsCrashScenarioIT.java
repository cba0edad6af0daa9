package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.crash.CrashScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code crash --storage hdfs} against the distribution this build assembled: a master
 * with its journal on a MiniDFSCluster in this JVM is killed with SIGKILL under four
 * {@code fs -} clients, and the restart must take over the dead master's HDFS leases. CI runs
 * one iteration ({@code -Dquire.crash.hdfs.iterations}); the harness runs more.
 */
class HdfsCrashScenarioIT {

  @TempDir
  Path work;

  @Test
  void theRestartTakesOverTheDeadMastersLeaseAndKeepsEveryAcknowledgedMutation()
      throws Exception {
    int iterations = Integer.getInteger("quire.crash.hdfs.iterations", 1);
    long seed = Long.getLong("quire.crash.seed", System.nanoTime() % 1_000_000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    QuireHome home = new QuireHome(Path.of(System.getenv("QUIRE_HOME")));
    boolean held;
    try (JournalBackend hdfs = JournalBackend.Kind.HDFS.open(home, work)) {
      held = new CrashScenario(home, work, out, 4, 300, null, hdfs).run(seed, iterations);
    }
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertTrue(held, "seed " + seed + ":\n" + report);
    assertFalse(report.contains("VIOLATED"), report);
    for (String invariant : new String[] {"RestartSucceeds", "DeadMastersLeasesTakenOver",
        "AckedMutationsSurviveCrash", "NoRefusalBeforeCrash", "SequenceNumbersAreContiguous"}) {
      assertTrue(report.matches("(?s).*HELD\\s+" + invariant + ":.*"), invariant + "\n" + report);
    }
  }
}
