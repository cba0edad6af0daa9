package io.quire.harness;

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
    ScenarioRun.assertCrashHeld(JournalBackend.Kind.HDFS, work, "quire.crash.hdfs.iterations",
        "RestartSucceeds", "DeadMastersLeasesTakenOver", "AckedMutationsSurviveCrash",
        "NoRefusalBeforeCrash", "SequenceNumbersAreContiguous");
  }
}
