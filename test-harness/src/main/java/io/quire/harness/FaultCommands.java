package io.quire.harness;

import io.quire.harness.fault.FaultScenario;
import io.quire.harness.fault.FaultTarget;
import io.quire.harness.hdfs.HdfsJournals;
import io.quire.harness.hdfs.NodeRestarts;
import io.quire.harness.nfs.NfsJournals;
import io.quire.harness.nfs.ServerStop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The storage fault scenarios' commands, {@code hdfs-faults} and {@code nfs-faults}: each starts
 * its storage, names the faults to put it through, and runs a {@link FaultScenario}.
 */
final class FaultCommands {

  private FaultCommands() {}

  @Command(name = "hdfs-faults", mixinStandardHelpOptions = true,
      description = "A master with its journal on a MiniDFSCluster in this JVM while fs clients "
          + "write: restart a DataNode, then the NameNode; check that writes resumed after "
          + "each, then stop, restart and check that every acknowledged mutation is there. "
          + "Reports the longest gap between acknowledgements and the client errors per fault.")
  static final class HdfsFaults implements Callable<Integer> {
    @Mixin
    FaultOptions run;

    @Option(names = "--datanodes", description = "DataNodes, dfs.replication as many (at most "
        + "3). 1: a DataNode restart is a full outage that the journal itself must ride out; "
        + "2 or more: HDFS's pipeline goes on without the node (default ${DEFAULT-VALUE})")
    int dataNodes = 1;

    @Override
    public Integer call() throws Exception {
      if (dataNodes < 1) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--datanodes must be at least 1");
      }
      FaultScenario.Settings settings = run.settings();
      long s = run.seed();
      Path dir = run.work("quire-hdfs-faults");
      System.out.printf("hdfs-faults: seed %d, work folder %s%n", s, dir);
      boolean held;
      try (HdfsJournals hdfs = HdfsJournals.start(dir.resolve("minihdfs"), dataNodes)) {
        held = new FaultScenario(run.home(), dir, System.out, settings, new FaultTarget(
            "hdfs-faults", hdfs, NodeRestarts.of(hdfs.hdfs()), "--datanodes " + dataNodes))
            .run(s);
      }
      return Harness.verdict("hdfs-faults", held, s);
    }
  }

  @Command(name = "nfs-faults", mixinStandardHelpOptions = true,
      description = "A master with its journal on the machine's NFS server (nfs-ganesha on "
          + "127.0.0.1:2049, started for the run) while fs clients write: stop the server for "
          + "a seeded 3 to 10 s and start it again; check that writes resumed, then stop, "
          + "restart and check that every acknowledged mutation is there. Reports the longest "
          + "gap between acknowledgements and the client errors. One NFS run per machine at a "
          + "time.")
  static final class NfsFaults implements Callable<Integer> {
    @Mixin
    FaultOptions run;

    @Option(names = "--call-timeout", description = "the master's quire.nfs.call.timeout in "
        + "seconds: how long one storage call retries the server before the journal sees it "
        + "fail (default: the master's, 15 s, longer than the outage, so the storage rides it "
        + "out; below the outage, the journal's own outage handling does)")
    Integer callTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
      if (callTimeoutSeconds != null && callTimeoutSeconds < 1) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--call-timeout must be at least 1");
      }
      FaultScenario.Settings settings = run.settings();
      long s = run.seed();
      Path dir = run.work("quire-nfs-faults");
      System.out.printf("nfs-faults: seed %d, work folder %s%n", s, dir);
      boolean held;
      try (NfsJournals nfs = NfsJournals.start(run.home(), dir.resolve("nfs-server"),
          callTimeoutSeconds == null ? null : Duration.ofSeconds(callTimeoutSeconds))) {
        held = new FaultScenario(run.home(), dir, System.out, settings, new FaultTarget(
            "nfs-faults", nfs, List.of(ServerStop.of(nfs.server())),
            callTimeoutSeconds == null ? "" : "--call-timeout " + callTimeoutSeconds)).run(s);
      }
      return Harness.verdict("nfs-faults", held, s);
    }
  }

  /** What the storage fault scenarios take beyond {@link Harness.RunOptions}. */
  static final class FaultOptions extends Harness.RunOptions {
    @Option(names = "--log-size", description = "the master's log roll size: small, so that "
        + "rolls, which create and rename files, keep coming while the storage is down "
        + "(default ${DEFAULT-VALUE})")
    String logSize = "4KB";

    @Option(names = "--storage-timeout", description = "the master's "
        + "quire.journal.storage.timeout in seconds (default ${DEFAULT-VALUE}, the master's). "
        + "Below a fault's outage, clients get 503s and stop at them (the outcome of a "
        + "NOT_DURABLE is unknown), so writes cannot be seen resuming: for checking which "
        + "errors come and that nothing acknowledged is lost")
    int storageTimeoutSeconds = 60;

    @Option(names = "--operations", description = "the most commands per client: the clients "
        + "write until the faults are done (default ${DEFAULT-VALUE})")
    int operations = 50_000;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    FaultScenario.Settings settings() {
      if (storageTimeoutSeconds < 1) {
        throw new CommandLine.ParameterException(command.commandLine(),
            "--storage-timeout must be at least 1");
      }
      return new FaultScenario.Settings(clients, operations, logSize,
          Duration.ofSeconds(storageTimeoutSeconds));
    }
  }
}
