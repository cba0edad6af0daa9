package io.quire.harness.bench;

import io.quire.harness.hdfs.MiniHdfs;
import io.quire.storage.hdfs.Hadoop;
import io.quire.storage.hdfs.HdfsJournalStorage;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * {@code bench --hdfs}: the journal on a real HDFS, a MiniDFSCluster (one NameNode, one
 * DataNode) started in this JVM. HDFS's own figure first, as the yardstick: one thread's 64-byte
 * write + {@code hsync} per second; then durable appends at each writer count, and the replay
 * rate. The cluster shares this machine's cores with the writers, as a single-host HDFS would.
 */
final class HdfsSuite {
  private final PrintStream out;
  private final Path root;
  private final double seconds;

  HdfsSuite(PrintStream out, Path root, double seconds) {
    this.out = out;
    this.root = root;
    this.seconds = seconds;
  }

  int run(int[] writers, long replayEntries) throws Exception {
    out.println("machine: " + MachineInfo.describe(root));
    out.println("command: bin/quire-harness bench --hdfs --seconds " + seconds + " --writers "
        + BenchCommand.join(IntStream.of(writers).asLongStream(), ",") + " --replay-entries "
        + replayEntries);
    try (MiniHdfs hdfs = MiniHdfs.start(BenchCommand.fresh(root, "minihdfs"), 0, 1)) {
      String conf = hdfs.clientConfDir().toString();
      out.println("HDFS: MiniDFSCluster in this JVM, 1 DataNode, dfs.replication=1, at " + hdfs.uri());
      out.println();
      out.println("| measured | per second | p50 ms | p99 ms |");
      out.println("|---|---|---|---|");
      try (DistributedFileSystem fs = HdfsJournalStorage.connect(URI.create(hdfs.uri()),
          Hadoop.configuration(conf))) {
        print(hsyncRate(fs));
        int n = 0;
        for (int w : writers) {
          URI folder = URI.create(hdfs.uri() + "/bench/journal-" + w + "-" + n++);
          print(JournalBench.durableAppends(storage(fs, folder), "journal on HDFS, " + w
              + " writer(s)", w, seconds));
        }
        print(JournalBench.replay(storage(fs, URI.create(hdfs.uri() + "/bench/replay")),
            "journal replay from HDFS", replayEntries));
      }
    }
    return 0;
  }

  private static HdfsJournalStorage storage(DistributedFileSystem fs, URI folder) {
    return new HdfsJournalStorage(fs, folder, Duration.ofSeconds(60));
  }

  private void print(Throughput t) {
    out.println(t.row());
    out.flush();
  }

  /** One thread: write 64 bytes, hsync, as many times as fit in the time. */
  private Throughput hsyncRate(DistributedFileSystem fs) throws Exception {
    Latencies latencies = new Latencies();
    byte[] bytes = new byte[64];
    long count = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/bench/hsync.tmp");
    try (FSDataOutputStream stream = Hadoop.call(() -> fs.create(file, true))) {
      while (System.nanoTime() < end) {
        long t = System.nanoTime();
        stream.write(bytes);
        stream.hsync();
        latencies.record(System.nanoTime() - t);
        count++;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Latencies sorted = Latencies.merge(List.of(latencies));
    return new Throughput("HDFS: 64-byte write + hsync, 1 thread", count, elapsed,
        sorted.quantileMillis(0.5), sorted.quantileMillis(0.99));
  }
}
