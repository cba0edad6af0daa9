package io.quire.restore.internal;

import io.quire.journal.Journal;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The restore bundle's importer in-process, for the restore benchmarks: the same
 * {@link Restorer} {@code start -i} runs, over local folders. Lives in the bundle's package on
 * the harness's class path only.
 */
public final class BenchRestore {

  private BenchRestore() {}

  /** Imports the backup at {@code uri} into the just-formatted {@code journal}. */
  public static long importInto(Journal journal, String uri) throws IOException {
    return new Restorer(folder -> new LocalJournalStorage(Path.of(folder)), Clock.systemUTC())
        .importInto(journal, uri);
  }
}
