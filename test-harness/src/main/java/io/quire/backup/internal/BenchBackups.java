package io.quire.backup.internal;

import io.quire.backup.Backups;
import io.quire.journal.Journal;
import io.quire.journal.StateSource;
import io.quire.storage.local.LocalJournalStorage;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The backup bundle's writer in-process, for the backup benchmarks: the same
 * {@link BackupWriter} a primary runs, over local folders, without the framework around it.
 * Lives in the bundle's package on the harness's class path only.
 */
public final class BenchBackups {

  private BenchBackups() {}

  /** A primary's backup writer; give {@link Backups#backup} a {@code file:} URI. */
  public static Backups writer(Journal journal, StateSource state) {
    return new BackupWriter(journal, state, folder -> new LocalJournalStorage(Path.of(folder)),
        Clock.systemUTC(), "/alluxio_backups", "/nonexistent-root-ufs", null);
  }
}
