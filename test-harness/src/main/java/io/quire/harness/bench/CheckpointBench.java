package io.quire.harness.bench;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.JournalFolder;
import io.quire.journal.internal.CheckpointStore;
import io.quire.master.internal.BenchJournalWriter;
import io.quire.master.internal.BenchNamespace;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Checkpoints in-process, on the master's own namespace and journal ({@link BenchNamespace}):
 * how long writing one takes and how large it is, and what checkpoints running back to back do
 * to the acknowledgement latency of concurrent writers.
 *
 * <p>The namespace is built the way a master builds it: a journal of mkdirs written with the
 * master's encoder ({@link BenchJournalWriter}: 1,000 top directories, the rest spread below
 * them), then recovered.
 */
final class CheckpointBench {

  /** Checkpoints written per namespace size: the first includes the JIT's warm-up. */
  static final int RUNS = 3;

  private CheckpointBench() {}

  /**
   * One namespace size: its recovery, the image's serialization alone, and {@link #RUNS}
   * checkpoints (write, sync, rename, read-back check), with a mkdir between two so that each
   * is at a new sequence number.
   */
  record Size(long directories, long inodes, long recoveryMillis, long serializeMillis, long bytes,
      List<Long> checkpointMillis, long checkMillis) {

    long medianMillis() {
      List<Long> sorted = new ArrayList<>(checkpointMillis);
      sorted.sort(null);
      return sorted.get(sorted.size() / 2);
    }

    String row() {
      return String.format(Locale.ROOT, "| %,d | %,d | %.1f | %s | %d | %d | %,d |", inodes,
          bytes, bytes / (double) inodes, BenchCommand.join(checkpointMillis.stream().mapToLong(Long::longValue), ", "), serializeMillis, checkMillis,
          recoveryMillis);
    }

    static String header() {
      return "| inodes | checkpoint bytes | bytes/inode | checkpoint ms (write + sync + rename + "
          + "read-back check), " + RUNS + " runs | serialize only ms | read-back check only ms "
          + "| recovery ms (replay of the journal) |\n|---|---|---|---|---|---|---|";
    }
  }

  static Size size(Path dir, long directories) throws Exception {
    BenchJournalWriter.write(dir, directories);
    try (BenchNamespace namespace = BenchNamespace.open(dir)) {
      long recoveryMillis = namespace.recovery().millis();
      List<Long> millis = new ArrayList<>();
      CheckpointInfo last = null;
      for (int run = 0; run < RUNS; run++) {
        if (run > 0) {
          namespace.mkdir("/checkpoint-bench-" + run);
        }
        last = namespace.checkpoint();
        millis.add(last.durationMillis());
      }
      // the phases alone, after the checkpoints warmed up the code they run
      long start = System.nanoTime();
      namespace.writeImage(new CountingSink());
      long serializeMillis = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      checkpoints(dir).check(last.name());
      long checkMillis = (System.nanoTime() - start) / 1_000_000;
      return new Size(directories, namespace.inodes(), recoveryMillis, serializeMillis, last.bytes(), millis,
          checkMillis);
    }
  }

  /**
   * Acknowledgement latency of {@code writers} threads each doing the master's mkdir (journal,
   * apply, wait until durable) on a namespace of {@code directories}: with no checkpoint, then
   * while checkpoints run back to back on another thread, then with none again (to see drift).
   */
  static List<Throughput> latency(Path dir, long directories, int writers, double seconds,
      UnaryOperator<Throughput> report) throws Exception {
    BenchJournalWriter.write(dir, directories);
    try (BenchNamespace namespace = BenchNamespace.open(dir)) {
      return WriterPhase.compare(namespace, writers, seconds, "checkpoint", new BackToBack(() -> {
        CheckpointInfo info = namespace.checkpoint();
        return new BackToBack.Run(info.durationMillis(), info.bytes());
      }), report);
    }
  }

  private static CheckpointStore checkpoints(Path dir) throws IOException {
    LocalJournalStorage storage = new LocalJournalStorage(dir);
    UUID cluster = UUID.fromString(JournalFolder.readMarker(storage).clusterId());
    return new CheckpointStore(storage, cluster, Clock.systemUTC());
  }

  /** Counts bytes and drops them. */
  private static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
