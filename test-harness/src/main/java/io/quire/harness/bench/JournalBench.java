package io.quire.harness.bench;

import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The journal in-process: {@code writers} threads each append an entry and wait until it is
 * durable, as the master does per mutation; and the replay rate of a journal of many entries.
 */
final class JournalBench {

  /** About the size of a master's mkdir entry for a path of three short components. */
  static final int ENTRY_BYTES = 48;

  private JournalBench() {}

  static Throughput durableAppends(Path dir, int writers, double seconds) throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(dir);
    JournalFolder.format(storage, Clock.systemUTC());
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        SegmentedJournal.Options.defaults(), Clock.systemUTC())) {
      journal.recover((seq, entry) -> { });
      List<Latencies> perThread = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      LongAdder done = new LongAdder();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long start = System.nanoTime();
      for (int w = 0; w < writers; w++) {
        Latencies latencies = new Latencies();
        perThread.add(latencies);
        Thread thread = new Thread(() -> appendUntil(journal, end, latencies, done));
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Latencies all = Latencies.merge(perThread);
      return new Throughput("journal in-process, " + writers + " writer(s)", done.sum(), elapsed,
          all.quantileMillis(0.5), all.quantileMillis(0.99));
    }
  }

  private static void appendUntil(SegmentedJournal journal, long end, Latencies latencies,
      LongAdder done) {
    byte[] entry = new byte[ENTRY_BYTES];
    try {
      while (System.nanoTime() < end) {
        long t = System.nanoTime();
        journal.awaitDurable(journal.append(entry));
        latencies.record(System.nanoTime() - t);
        done.increment();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes {@code entries} entries, then times a recovery that replays all of them. */
  static Throughput replay(Path dir, long entries) throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(dir);
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
      journal.recover((seq, entry) -> seen[0] += entry.remaining());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Throughput("journal replay (decode + CRC32C), " + entries + " entries of "
        + ENTRY_BYTES + " bytes", entries, elapsed, Double.NaN, Double.NaN);
  }
}
