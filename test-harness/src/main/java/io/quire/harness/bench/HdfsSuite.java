package io.quire.harness.bench;

import io.quire.harness.hdfs.MiniHdfs;
import io.quire.storage.hdfs.Hadoop;
import io.quire.storage.hdfs.HdfsJournalStorage;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
    StorageRuns runs = new StorageRuns(out, seconds);
    try (MiniHdfs hdfs = MiniHdfs.start(BenchCommand.fresh(root, "minihdfs"), 0, 1)) {
      runs.header(root, "--hdfs", writers, replayEntries, "HDFS: MiniDFSCluster in this JVM, "
          + "1 DataNode, dfs.replication=1, at " + hdfs.uri());
      try (DistributedFileSystem fs = HdfsJournalStorage.connect(URI.create(hdfs.uri()),
          Hadoop.configuration(hdfs.clientConfDir().toString()))) {
        byte[] bytes = new byte[64];
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/bench/hsync.tmp");
        try (FSDataOutputStream stream = Hadoop.call(() -> fs.create(file, true))) {
          runs.yardstick("HDFS: 64-byte write + hsync, 1 thread", () -> {
            stream.write(bytes);
            stream.hsync();
          });
        }
        runs.journal("HDFS", name -> new HdfsJournalStorage(fs,
            URI.create(hdfs.uri() + "/bench/" + name), Duration.ofSeconds(60)), writers,
            replayEntries);
      }
    }
    return 0;
  }
}
