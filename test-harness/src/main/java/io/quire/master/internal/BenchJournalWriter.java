package io.quire.master.internal;

import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.storage.local.LocalJournalStorage;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes a journal of real master entries for the restart benchmark: {@code directories} mkdirs
 * spread over 1,000 parents, encoded by the master's own encoder, exactly as a master would have
 * journaled them. Lives in the master's package on the harness's class path only (the package is
 * private to the master bundle inside the framework), so the benchmark needs no test hooks in the
 * product.
 */
public final class BenchJournalWriter {

  private BenchJournalWriter() {}

  /** Formats {@code folder} and fills it; returns the last sequence number. */
  public static long write(Path folder, long directories) throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(folder);
    JournalFolder.format(storage, Clock.systemUTC());
    EntryEncoder encoder = new EntryEncoder();
    NamespaceSnapshot state = NamespaceSnapshot.empty();
    long last = 0;
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        SegmentedJournal.Options.defaults(), Clock.systemUTC())) {
      journal.recover((seq, entry) -> { });
      long mtime = System.currentTimeMillis();
      for (long i = 0; i < directories; i++) {
        String path = i < 1000 ? "/p" + i : "/p" + (i % 1000) + "/d" + i;
        Mutation m = new Mutation.Mkdir(FsPath.parse(path), false, "quire", 0755, mtime,
            state.nextInodeId());
        state = MutationApplier.apply(state, m);
        last = journal.append(encoder.encode(m));
      }
      journal.awaitDurable(last);
    }
    return last;
  }
}
