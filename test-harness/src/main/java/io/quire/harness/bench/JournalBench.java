package io.quire.harness.bench;

import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.local.LocalJournalStorage;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The journal in-process: {@code writers} threads each append an entry and wait until it is
 * durable, as the master does per mutation; and the replay rate of a journal of many entries.
 */
final class JournalBench {

  /** About the size of a master's mkdir entry for a path of three short components. */
  static final int ENTRY_BYTES = 48;

  private JournalBench() {}

  static Throughput durableAppends(Path dir, int writers, double seconds) throws Exception {
    return durableAppends(new LocalJournalStorage(dir), "journal in-process, " + writers
        + " writer(s)", writers, seconds);
  }

  /** Formats {@code storage}, then times {@code writers} threads appending durably. */
  static Throughput durableAppends(JournalStorage storage, String what, int writers,
      double seconds) throws Exception {
    JournalFolder.format(storage, Clock.systemUTC());
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        SegmentedJournal.Options.defaults(), Clock.systemUTC())) {
      journal.recover((seq, entry) -> { });
      byte[] entry = new byte[ENTRY_BYTES];
      return TimedWriters.run(what, writers, seconds,
          (writer, i) -> journal.awaitDurable(journal.append(entry)));
    }
  }

  /** Writes {@code entries} entries, then times a recovery that replays all of them. */
  static Throughput replay(Path dir, long entries) throws Exception {
    return replay(new LocalJournalStorage(dir), "journal replay (decode + CRC32C)", entries);
  }

  /**
   * Formats {@code storage}, writes {@code entries} entries, then times a recovery that replays
   * all of them, which must see every one.
   */
  static Throughput replay(JournalStorage storage, String what, long entries) throws Exception {
    JournalFolder.format(storage, Clock.systemUTC());
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        SegmentedJournal.Options.defaults(), Clock.systemUTC())) {
      journal.recover((seq, entry) -> { });
      byte[] entry = new byte[ENTRY_BYTES];
      long last = 0;
      for (long i = 0; i < entries; i++) {
        last = journal.append(entry);
      }
      journal.awaitDurable(last);
    }
    long[] seen = {0};
    long start = System.nanoTime();
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        SegmentedJournal.Options.defaults(), Clock.systemUTC())) {
      journal.recover((seq, entry) -> seen[0]++);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (seen[0] != entries) {
      throw new IllegalStateException("replayed " + seen[0] + " of " + entries + " entries");
    }
    return new Throughput(what + ", " + entries + " entries of " + ENTRY_BYTES + " bytes",
        entries, elapsed, Double.NaN, Double.NaN);
  }
}
