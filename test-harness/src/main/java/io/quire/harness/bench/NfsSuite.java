package io.quire.harness.bench;

import io.quire.harness.QuireHome;
import io.quire.harness.nfs.NfsServerProcess;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.nfs.NfsFolders;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code bench --nfs}: the journal on a real NFS server (nfs-ganesha, NFSv3 on 127.0.0.1, started
 * for the run by {@code test-harness/scripts/nfs-server.sh}), reached through the NFS storage's
 * own client as a master reaches an {@code nfs://} folder. The storage's own figure first, as the
 * yardstick: one thread's 64-byte append + sync (a WRITE and a COMMIT) per second; then durable
 * appends at each writer count, and the replay rate.
 */
final class NfsSuite {
  private final PrintStream out;
  private final Path root;
  private final QuireHome home;
  private final double seconds;

  NfsSuite(PrintStream out, Path root, QuireHome home, double seconds) {
    this.out = out;
    this.root = root;
    this.home = home;
    this.seconds = seconds;
  }

  int run(int[] writers, long replayEntries) throws Exception {
    out.println("machine: " + MachineInfo.describe(root));
    out.println("command: bin/quire-harness bench --nfs --seconds " + seconds + " --writers "
        + BenchCommand.join(IntStream.of(writers).asLongStream(), ",") + " --replay-entries "
        + replayEntries);
    try (NfsServerProcess server = NfsServerProcess.start(home, BenchCommand.fresh(root, "nfs"));
        NfsFolders folders = NfsFolders.open()) {
      out.println("NFS: nfs-ganesha (NFSv3, VFS backend) on 127.0.0.1, export " + server.export());
      out.println();
      out.println("| measured | per second | p50 ms | p99 ms |");
      out.println("|---|---|---|---|");
      print(syncRate(folders.open(URI.create(server.folder("sync")))));
      int n = 0;
      for (int w : writers) {
        JournalStorage storage = folders.open(URI.create(server.folder("journal-" + w + "-" + n++)));
        print(JournalBench.durableAppends(storage, "journal on NFS, " + w + " writer(s)", w, seconds));
      }
      print(JournalBench.replay(folders.open(URI.create(server.folder("replay"))),
          "journal replay from NFS", replayEntries));
    }
    return 0;
  }

  private void print(Throughput t) {
    out.println(t.row());
    out.flush();
  }

  /** One thread: append 64 bytes, sync, as many times as fit in the time. */
  private Throughput syncRate(JournalStorage storage) throws Exception {
    storage.createFolder();
    Latencies latencies = new Latencies();
    ByteBuffer bytes = ByteBuffer.allocate(64);
    long count = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    try (AppendableFile file = storage.create("sync.tmp")) {
      while (System.nanoTime() < end) {
        long t = System.nanoTime();
        file.append(bytes.clear());
        file.sync();
        latencies.record(System.nanoTime() - t);
        count++;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Latencies sorted = Latencies.merge(List.of(latencies));
    return new Throughput("NFS: 64-byte append + sync (WRITE + COMMIT), 1 thread", count, elapsed,
        sorted.quantileMillis(0.5), sorted.quantileMillis(0.99));
  }
}
