package io.quire.harness.bench;

import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the benchmarks of the journal on another backend ({@code bench --hdfs}, {@code --nfs})
 * share: the header, the backend's own one-thread durable-write rate as the yardstick, durable
 * appends at each writer count, and the replay rate, as rows of one table.
 */
final class StorageRuns {
  /** A journal folder of the backend, fresh for each measurement. */
  interface Folders {
    JournalStorage folder(String name) throws IOException;
  }

  /** One durable write of the backend's own (write and sync). */
  interface DurableWrite {
    void run() throws IOException;
  }

  private final PrintStream out;
  private final double seconds;

  StorageRuns(PrintStream out, double seconds) {
    this.out = out;
    this.seconds = seconds;
  }

  void header(Path root, String flag, int[] writers, long replayEntries, String backend) {
    out.println("machine: " + MachineInfo.describe(root));
    out.println("command: bin/quire-harness bench " + flag + " --seconds " + seconds
        + " --writers " + BenchCommand.join(IntStream.of(writers).asLongStream(), ",")
        + " --replay-entries " + replayEntries);
    out.println(backend);
    out.println();
    out.println("| measured | per second | p50 ms | p99 ms |");
    out.println("|---|---|---|---|");
  }

  /** The backend's own rate: {@code write} on one thread, as many times as fit in the time. */
  void yardstick(String what, DurableWrite write) throws IOException {
    Latencies latencies = new Latencies();
    long count = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      long t = System.nanoTime();
      write.run();
      latencies.record(System.nanoTime() - t);
      count++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Latencies sorted = Latencies.merge(List.of(latencies));
    print(new Throughput(what, count, elapsed, sorted.quantileMillis(0.5),
        sorted.quantileMillis(0.99)));
  }

  /** Durable appends at each writer count, then the replay, each in a folder of its own. */
  void journal(String on, Folders folders, int[] writers, long replayEntries) throws Exception {
    int n = 0;
    for (int w : writers) {
      print(JournalBench.durableAppends(folders.folder("journal-" + w + "-" + n++),
          "journal on " + on + ", " + w + " writer(s)", w, seconds));
    }
    print(JournalBench.replay(folders.folder("replay"), "journal replay from " + on,
        replayEntries));
  }

  private void print(Throughput t) {
    out.println(t.row());
    out.flush();
  }
}
