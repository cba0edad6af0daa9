package io.quire.storage.nfs;

import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durable appends per second through the real journal on a real NFS server (nfs-ganesha on
 * 127.0.0.1, through the Java client), at 1, 16 and 64 writers, each appending a 48-byte entry
 * and waiting until it is durable, as the master does per mutation. Run by hand (see
 * docs/storage.md, NFS); not a test.
 *
 * <p>{@code NfsJournalBench [SECONDS_PER_RUN]} (default 10).
 */
public final class NfsJournalBench {

  private static final int ENTRY_BYTES = 48;

  private NfsJournalBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    NfsServer server = new NfsServer();
    server.open(Path.of("target", "nfs-bench-" + ProcessHandle.current().pid()));
    try (Mounts mounts = new Mounts()) {
      for (int writers : new int[] {1, 16, 64}) {
        URI folder = server.folder("bench-" + writers);
        JournalFolder.format(mounts.master(folder), Clock.systemUTC());
        NfsJournalStorage storage = mounts.master(folder);
        double rate = durableAppends(storage, writers, seconds);
        System.out.printf("journal on NFS (ganesha, 127.0.0.1), %d writer(s): %,.0f durable "
            + "appends/s (%d COMMITs, %.1f entries per COMMIT)%n", writers, rate,
            storage.stats().syncs(), rate * seconds / Math.max(1, storage.stats().syncs()));
      }
    } finally {
      server.close();
    }
    // Netty 3's connect-timeout timer (a thread of the client library's, not a daemon) would
    // keep this JVM alive; the server's launcher exits with System.exit as well
    System.exit(0);
  }

  private static double durableAppends(NfsJournalStorage storage, int writers, double seconds)
      throws Exception {
    LongAdder durable = new LongAdder();
    AtomicBoolean running = new AtomicBoolean(true);
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        SegmentedJournal.Options.defaults(), Clock.systemUTC())) {
      journal.recover((seq, entry) -> { });
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          byte[] entry = new byte[ENTRY_BYTES];
          while (running.get()) {
            journal.awaitDurable(journal.append(entry));
            durable.increment();
          }
          return null;
        }));
      }
      Thread.sleep((long) (seconds * 1000)); // the measured interval itself
      running.set(false);
      long elapsed = System.nanoTime() - start;
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      return durable.sum() / (elapsed / 1e9);
    }
  }
}
