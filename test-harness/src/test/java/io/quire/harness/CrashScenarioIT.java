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
    long seed = Long.getLong("quire.crash.seed", System.nanoTime() % 1_000_000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    boolean held = new CrashScenario(new QuireHome(Path.of(System.getenv("QUIRE_HOME"))), work,
        out, 4, 300).run(seed, iterations);
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertTrue(held, "seed " + seed + ":\n" + report);
    assertTrue(report.matches("(?s).*HELD\\s+AckedMutationsSurviveCrash.*"), report);
    assertTrue(!report.contains("VIOLATED"), report);
  }

  @Test
  void acknowledgedMutationsSurviveKillNineWithTheJournalOnNfs() throws Exception {
    int iterations = Integer.getInteger("quire.crash.nfs.iterations", 1);
    long seed = Long.getLong("quire.crash.seed", System.nanoTime() % 1_000_000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    QuireHome home = new QuireHome(Path.of(System.getenv("QUIRE_HOME")));
    boolean held;
    try (JournalBackend nfs = JournalBackend.Kind.NFS.open(home, work)) {
      held = new CrashScenario(home, work, out, 4, 300, null, nfs).run(seed, iterations);
    }
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertTrue(held, "seed " + seed + ":\n" + report);
    assertFalse(report.contains("VIOLATED"), report);
    for (String invariant : new String[] {"RestartSucceeds", "AckedMutationsSurviveCrash",
        "NoRefusalBeforeCrash", "SequenceNumbersAreContiguous"}) {
      assertTrue(report.matches("(?s).*HELD\\s+" + invariant + ":.*"), invariant + "\n" + report);
    }
  }
}
