package io.quire.harness.bench;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * {@code bench --checkpoints}: checkpoint time and size per namespace size, a real master's
 * restart from a checkpoint plus log entries, and writers' acknowledgement latency with and
 * without checkpoints running, each printed as a table with the targets it is held against.
 */
final class CheckpointSuite {

  /** Heap a namespace needs per inode while it is built and checkpointed, with headroom. */
  private static final long TARGET_CHECKPOINT_MILLIS = 1_000;
  private static final double TARGET_START_SECONDS = 2;
  private static final double TARGET_P99_INCREASE_MILLIS = 50;

  private final PrintStream out;
  private final Path root;
  private final Path home;
  private final double seconds;

  CheckpointSuite(PrintStream out, Path root, Path home, double seconds) {
    this.out = out;
    this.root = root;
    this.home = home;
    this.seconds = seconds;
  }

  int run(long[] sizes, long restartInodes, long restartEntries, long latencyInodes,
      int writers) throws Exception {
    long largest = latencyInodes;
    for (long n : sizes) {
      largest = Math.max(largest, n);
    }
    if (!MachineInfo.heapHolds(largest, "bench --checkpoints", out)) {
      return 2;
    }
    printHeading(sizes, restartInodes, restartEntries, latencyInodes, writers);
    // the real master's starts first, before the large namespaces leave garbage and write-back
    List<CheckpointRestartBench.Start> starts = restart(restartInodes, restartEntries);
    List<CheckpointBench.Size> measured = checkpointSizes(sizes);
    List<Throughput> latency = latency(latencyInodes, writers);
    printTargets(measured, starts, latency);
    return 0;
  }

  private void printHeading(long[] sizes, long restartInodes, long restartEntries,
      long latencyInodes, int writers) {
    out.println("machine: " + MachineInfo.describe(root));
    out.printf(Locale.ROOT, "harness JVM: max heap %.1f GiB, GC %s%n",
        Runtime.getRuntime().maxMemory() / (double) (1L << 30), collectors());
    out.println("command: bin/quire-harness bench --checkpoints --checkpoint-inodes "
        + BenchCommand.join(LongStream.of(sizes), ",")
        + " --restart-inodes " + restartInodes + " --restart-entries " + restartEntries
        + " --latency-inodes " + latencyInodes + " --latency-writers " + writers
        + " --seconds " + seconds);
  }

  private List<CheckpointBench.Size> checkpointSizes(long[] sizes) throws Exception {
    out.println();
    out.println("Checkpoint time and size (in-process, SegmentedJournal.checkpoint of the "
        + "master's namespace)");
    out.println();
    out.println(CheckpointBench.Size.header());
    List<CheckpointBench.Size> measured = new ArrayList<>();
    for (long n : sizes) {
      CheckpointBench.Size size = CheckpointBench.size(BenchCommand.fresh(root, "checkpoint-" + n),
          n);
      out.println(size.row());
      out.flush();
      measured.add(size);
    }
    return measured;
  }

  private List<CheckpointRestartBench.Start> restart(long inodes, long entries) throws Exception {
    out.println();
    out.printf(Locale.ROOT, "Restart from a checkpoint of %,d inodes and %,d log entries after "
        + "it, from the checkpoint alone and from an empty journal (a real master, bin/quire "
        + "start)%n%n", inodes, entries);
    out.println(CheckpointRestartBench.Start.header());
    List<CheckpointRestartBench.Start> starts = CheckpointRestartBench.run(home,
        BenchCommand.fresh(root, "checkpoint-restart"), inodes, entries);
    starts.forEach(s -> out.println(s.row()));
    return starts;
  }

  private List<Throughput> latency(long inodes, int writers) throws Exception {
    WriterPhase.printHeading(out, writers, seconds);
    return CheckpointBench.latency(BenchCommand.fresh(root, "checkpoint-latency"), inodes,
        writers, seconds, t -> {
          out.println(t.row());
          out.flush();
          return t;
        });
  }

  private void printTargets(List<CheckpointBench.Size> sizes,
      List<CheckpointRestartBench.Start> starts, List<Throughput> latency) {
    out.println();
    for (CheckpointBench.Size size : sizes) {
      if (size.directories() == 1_000_000) {
        out.printf(Locale.ROOT, "target: checkpoint of %,d inodes within %d ms: median of %d "
            + "runs %d ms, %s%n", size.inodes(), TARGET_CHECKPOINT_MILLIS, CheckpointBench.RUNS,
            size.medianMillis(), size.medianMillis() <= TARGET_CHECKPOINT_MILLIS ? "met"
                : "NOT met");
      }
    }
    double[] toServing = starts.stream().filter(s -> s.checkpointInodes() > 0 && s.replayed() > 0)
        .mapToDouble(CheckpointRestartBench.Start::toServingSeconds).sorted().toArray();
    double median = toServing[toServing.length / 2];
    out.printf(Locale.ROOT, "target: start to serving within %.0f s: median of %d starts %.2f s "
        + "(fastest %.2f), %s%n", TARGET_START_SECONDS, toServing.length, median, toServing[0],
        median <= TARGET_START_SECONDS ? "met" : "NOT met");
    double increase = latency.get(1).p99Millis() - latency.get(0).p99Millis();
    out.printf(Locale.ROOT, "target: p99 during checkpoints within %.0f ms of normal: %+.2f ms "
        + "(%.2f against %.2f), %s%n", TARGET_P99_INCREASE_MILLIS, increase,
        latency.get(1).p99Millis(), latency.get(0).p99Millis(),
        increase <= TARGET_P99_INCREASE_MILLIS ? "met" : "NOT met");
  }

  private static String collectors() {
    StringBuilder names = new StringBuilder();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      names.append(names.length() == 0 ? "" : ", ").append(gc.getName());
    }
    return names.toString();
  }
}
