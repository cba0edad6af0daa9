package io.quire.harness;

import io.quire.harness.crash.CrashScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code crash} scenario against the distribution this build assembled: real master
 * processes killed with SIGKILL under concurrent {@code fs -} clients, with the journal on local
 * disk and on the machine's NFS server (nfs-ganesha, started by {@code
 * test-harness/scripts/nfs-server.sh}: it needs root and installs Debian's packages if missing).
 * CI runs a few iterations ({@code -Dquire.crash.iterations}, {@code
 * -Dquire.crash.nfs.iterations}); {@code bin/quire-harness crash --iterations 50} runs more.
 */
class CrashScenarioIT {

  @TempDir
  Path work;

  @Test
  void acknowledgedMutationsSurviveKillNine() throws Exception {
    int iterations = Integer.getInteger("quire.crash.iterations", 2);
    long seed = ScenarioRun.seed("quire.crash.seed");
    ScenarioRun.assertHeld(seed, out -> new CrashScenario(ScenarioRun.home(), work, out, 4, 300)
        .run(seed, iterations), "AckedMutationsSurviveCrash");
  }

  @Test
  void acknowledgedMutationsSurviveKillNineWithTheJournalOnNfs() throws Exception {
    ScenarioRun.assertCrashHeld(JournalBackend.Kind.NFS, work, "quire.crash.nfs.iterations",
        "RestartSucceeds", "AckedMutationsSurviveCrash", "NoRefusalBeforeCrash",
        "SequenceNumbersAreContiguous");
  }
}
