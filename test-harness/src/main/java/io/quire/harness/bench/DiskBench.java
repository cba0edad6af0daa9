package io.quire.harness.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's own figures, the yardstick for the journal: how many append+fdatasync calls a single
 * thread completes per second, and how many entries per second an ideal group commit (one write
 * and one fdatasync per batch of {@code batch} entries, no other work) can make durable.
 */
final class DiskBench {

  private DiskBench() {}

  static Throughput fsyncRate(Path dir, double seconds) throws IOException {
    return batches(dir, seconds, 1, 64, "disk: 64-byte append + fdatasync, 1 thread");
  }

  static Throughput groupCommitRate(Path dir, double seconds, int batch, int entryBytes)
      throws IOException {
    return batches(dir, seconds, batch, entryBytes, "disk: ideal group commit, batches of "
        + batch + " x " + entryBytes + " bytes (entries/s)");
  }

  private static Throughput batches(Path dir, double seconds, int batch, int entryBytes,
      String what) throws IOException {
    Path file = dir.resolve("disk-bench.tmp");
    Files.deleteIfExists(file);
    ByteBuffer buffer = ByteBuffer.allocate(batch * entryBytes);
    Latencies latencies = new Latencies();
    long entries = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      while (System.nanoTime() < end) {
        long t = System.nanoTime();
        buffer.clear();
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
        latencies.record(System.nanoTime() - t);
        entries += batch;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Latencies sorted = Latencies.merge(java.util.List.of(latencies));
    return new Throughput(what, entries, elapsed, sorted.quantileMillis(0.5),
        sorted.quantileMillis(0.99));
  }
}
