package io.quire.harness;

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
 * processes killed with SIGKILL under concurrent {@code fs -} clients. CI runs a few iterations
 * ({@code -Dquire.crash.iterations}); {@code bin/quire-harness crash --iterations 50} runs more.
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
}
