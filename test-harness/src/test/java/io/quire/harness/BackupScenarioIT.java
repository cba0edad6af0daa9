package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.backup.BackupScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code backup} scenario once against the distribution this build assembled: a backup
 * of a master that 50,000 directories and four writing clients fill, format, {@code start -i},
 * and the namespace compared with the one at the backup's sequence number.
 * {@code bin/quire-harness backup} runs more iterations on a larger namespace.
 */
class BackupScenarioIT {

  @TempDir
  Path work;

  @Test
  void theRestoredNamespaceIsTheOneAtTheBackupsSequenceNumber() throws Exception {
    long seed = Long.getLong("quire.backup.seed", System.nanoTime() % 1_000_000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    boolean held = new BackupScenario(new QuireHome(Path.of(System.getenv("QUIRE_HOME"))), work,
        out, 4, 250, 50_000).run(seed, 1);
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertTrue(held, "seed " + seed + ":\n" + report);
    assertTrue(report.matches("(?s).*HELD\\s+RestoredEqualsStateAtBackupSequence.*"), report);
    assertFalse(report.contains("VIOLATED"), report);
  }
}
