package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.crash.CrashScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A harness scenario run inside a test, against the distribution this build assembled: its report
 * is captured, echoed to the test's output, and checked as the harness's own exit code would be.
 */
final class ScenarioRun {
  private ScenarioRun() {}

  /** A scenario, writing its report to {@code out}; true if every invariant held. */
  @FunctionalInterface
  interface Scenario {
    boolean run(PrintStream out) throws Exception;
  }

  /** The Quire home the build assembled ({@code $QUIRE_HOME}). */
  static QuireHome home() {
    return new QuireHome(Path.of(System.getenv("QUIRE_HOME")));
  }

  /** The seed named by {@code property}, else a random one (the report prints it). */
  static long seed(String property) {
    return Long.getLong(property, System.nanoTime() % 1_000_000);
  }

  /**
   * The {@code crash} scenario (4 clients, 300 mutations before each kill) with the journal on
   * {@code backend}, for the iterations {@code iterationsProperty} names (1 by default), checked
   * as {@link #assertHeld} does.
   */
  static void assertCrashHeld(JournalBackend.Kind backend, Path work, String iterationsProperty,
      String... invariants) throws Exception {
    int iterations = Integer.getInteger(iterationsProperty, 1);
    long seed = seed("quire.crash.seed");
    QuireHome home = home();
    assertHeld(seed, out -> {
      try (JournalBackend journal = backend.open(home, work)) {
        return new CrashScenario(home, work, out, 4, 300, null, journal).run(seed, iterations);
      }
    }, invariants);
  }

  /**
   * Runs the scenario and checks that it held, that no invariant was violated, and that each of
   * {@code invariants} is reported as held.
   *
   * @return the report, for checks of its own
   */
  static String assertHeld(long seed, Scenario scenario, String... invariants) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    boolean held = scenario.run(new PrintStream(log, true, StandardCharsets.UTF_8));
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertTrue(held, "seed " + seed + ":\n" + report);
    assertFalse(report.contains("VIOLATED"), report);
    for (String invariant : invariants) {
      assertTrue(report.matches("(?s).*HELD\\s+" + invariant + ":.*"), invariant + "\n" + report);
    }
    return report;
  }
}
