package io.quire.harness.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/quire-harness bench}: prints every figure with the machine and the command. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Durable mutations/s and latency (in-process and through the client API), "
        + "replay rate, and the disk's own fsync and group-commit rates, in one run.")
public class BenchCommand implements Callable<Integer> {

  @Option(names = "--dir", description = "folder on the disk to measure (default: a temporary "
      + "folder under ./target or /tmp)")
  Path dir;

  @Option(names = "--seconds", description = "seconds per measured point (default ${DEFAULT-VALUE})")
  double seconds = 5;

  @Option(names = "--writers", split = ",", description = "writer counts (default ${DEFAULT-VALUE})")
  int[] writers = {1, 16, 64};

  @Option(names = "--replay-entries", description = "entries for the replay figure (default ${DEFAULT-VALUE})")
  long replayEntries = 1_000_000;

  @Option(names = "--api", negatable = true, description = "also measure through the client API "
      + "against a real master process (default ${DEFAULT-VALUE})")
  boolean api = true;

  @Option(names = "--home", description = "Quire home with bin/quire, for the client API figures "
      + "(default: $QUIRE_HOME)")
  Path home;

  @Option(names = "--checkpoints", description = "measure checkpoints instead: time and size per "
      + "--checkpoint-inodes, restart from a checkpoint, and writers' latency while checkpoints "
      + "run back to back (10M inodes need a large heap: QUIRE_HARNESS_OPTS=-Xmx12g)")
  boolean checkpoints;

  @Option(names = "--checkpoint-inodes", split = ",", description = "with --checkpoints: "
      + "namespace sizes to checkpoint (default ${DEFAULT-VALUE})")
  long[] checkpointInodes = {1_000_000, 10_000_000};

  @Option(names = "--restart-inodes", description = "with --checkpoints: inodes in the "
      + "checkpoint a master restarts from (default ${DEFAULT-VALUE})")
  long restartInodes = 1_000_000;

  @Option(names = "--restart-entries", description = "with --checkpoints: log entries after "
      + "that checkpoint (default ${DEFAULT-VALUE})")
  long restartEntries = 1_000_000;

  @Option(names = "--latency-inodes", description = "with --checkpoints: namespace size for the "
      + "latency figures (default ${DEFAULT-VALUE})")
  long latencyInodes = 1_000_000;

  @Option(names = "--latency-writers", description = "with --checkpoints or --backups: concurrent in-process "
      + "writers (default ${DEFAULT-VALUE})")
  int latencyWriters = 16;

  @Option(names = "--hdfs", description = "measure the journal on a real HDFS instead (a "
      + "MiniDFSCluster in this JVM): HDFS's own hsync rate, durable appends at --writers, "
      + "replay of --replay-entries")
  boolean hdfs;

  @Option(names = "--nfs", description = "measure the journal on a real NFS server instead "
      + "(nfs-ganesha on 127.0.0.1, started for the run; needs root and nothing else on port "
      + "2049): the storage's own append + sync rate, durable appends at --writers, replay of "
      + "--replay-entries")
  boolean nfs;

  @Option(names = "--backups", description = "measure backups and restores instead: backup "
      + "time and size of --backup-inodes, restore in-process and through a real master "
      + "(start -i), and writers' latency while backups run back to back")
  boolean backups;

  @Option(names = "--backup-inodes", description = "with --backups: namespace size "
      + "(default ${DEFAULT-VALUE})")
  long backupInodes = 1_000_000;

  private final PrintStream out;

  public BenchCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Path root = dir != null ? dir : Files.createTempDirectory("quire-bench");
    Files.createDirectories(root);
    if (hdfs) {
      return new HdfsSuite(out, root, seconds).run(writers, replayEntries);
    }
    if (nfs) {
      return new NfsSuite(out, root, new io.quire.harness.QuireHome(homeOrEnv()), seconds).run(writers, replayEntries);
    }
    if (backups) {
      return new BackupSuite(out, root, homeOrEnv(), seconds).run(backupInodes, latencyWriters);
    }
    if (checkpoints) {
      return new CheckpointSuite(out, root, homeOrEnv(), seconds).run(checkpointInodes,
          restartInodes, restartEntries, latencyInodes, latencyWriters);
    }
    out.println("machine: " + MachineInfo.describe(root));
    out.println("command: bin/quire-harness bench --seconds " + seconds + " --writers "
        + join(IntStream.of(writers).asLongStream(), ",") + " --replay-entries " + replayEntries + (api ? "" : " --no-api"));
    out.println();
    out.println("| measured | per second | p50 ms | p99 ms |");
    out.println("|---|---|---|---|");
    print(DiskBench.fsyncRate(root, seconds));
    Throughput ideal = print(DiskBench.groupCommitRate(root, seconds, 64,
        JournalBench.ENTRY_BYTES + 16));
    Throughput journal64 = null;
    for (int w : writers) {
      Throughput t = print(JournalBench.durableAppends(fresh(root, "journal-" + w), w, seconds));
      if (w == 64) {
        journal64 = t;
      }
    }
    print(JournalBench.replay(fresh(root, "replay"), replayEntries));
    if (api) {
      ApiBench.run(homeOrEnv(), fresh(root, "api"), writers, seconds, this::print);
      for (Throughput t : RestartBench.run(homeOrEnv(), fresh(root, "restart"), replayEntries)) {
        print(t);
      }
    }
    out.println();
    if (journal64 != null) {
      out.printf(Locale.ROOT, "journal at 64 writers reaches %.0f%% of the disk's ideal group-commit rate%n",
          100 * journal64.perSecond() / ideal.perSecond());
    }
    return 0;
  }

  private Throughput print(Throughput t) {
    out.println(t.row());
    out.flush();
    return t;
  }

  private Path homeOrEnv() {
    if (home != null) {
      return home;
    }
    String env = System.getenv("QUIRE_HOME");
    if (env == null) {
      throw new IllegalArgumentException("--api needs --home or QUIRE_HOME (a folder with bin/quire)");
    }
    return Path.of(env);
  }

  /** The numbers as text, e.g. "1,16,64". */
  static String join(LongStream values, String separator) {
    return values.mapToObj(Long::toString).collect(Collectors.joining(separator));
  }

  static Path fresh(Path root, String name) throws IOException {
    Path dir = root.resolve(name + "-" + System.nanoTime());
    Files.createDirectories(dir);
    return dir;
  }
}
