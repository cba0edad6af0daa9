package io.quire.harness;

import io.quire.harness.backup.BackupScenario;
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
    long seed = ScenarioRun.seed("quire.backup.seed");
    ScenarioRun.assertHeld(seed, out -> new BackupScenario(ScenarioRun.home(), work, out, 4, 250,
        50_000).run(seed, 1), "RestoredEqualsStateAtBackupSequence");
  }
}
