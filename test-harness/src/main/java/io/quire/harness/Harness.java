package io.quire.harness;

import io.quire.harness.backup.BackupScenario;
import io.quire.harness.bench.BenchCommand;
import io.quire.harness.crash.CheckpointLoad;
import io.quire.harness.crash.CrashScenario;
import io.quire.harness.hdfs.MiniHdfs;
import io.quire.harness.swap.JournalMoves;
import io.quire.harness.swap.SwapScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/quire-harness <scenario> [--seed S] [--iterations N]}. Exit 0 only if all held. */
@Command(name = "quire-harness", mixinStandardHelpOptions = true,
    description = "Failure scenarios against real Quire processes, and benchmarks.",
    subcommands = {Harness.ListScenarios.class, Harness.Crash.class, Harness.Backup.class,
        Harness.Swap.class, FaultCommands.HdfsFaults.class, FaultCommands.NfsFaults.class,
        Harness.MiniHdfsCommand.class})
public final class Harness implements Callable<Integer> {

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 2;
  }

  @Command(name = "list", description = "Name the scenarios.")
  static final class ListScenarios implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.println("crash      kill -9 a master under concurrent fs clients, restart, check "
          + "that every acknowledged mutation survived and the journal verifies; with "
          + "--checkpoints, kills aimed at checkpoint writes and clean-ups; with --storage "
          + "hdfs, the journal on a MiniDFSCluster and the restart taking over the dead "
          + "master's lease; with --storage nfs, the journal on the machine's NFS server");
      System.out.println("backup     a backup taken while fs clients write, then format and "
          + "start -i: the restored namespace must be the one at the backup's sequence number");
      System.out.println("swap       the journal's storage bundle updated over JMX again and "
          + "again while fs clients write, or with --moves the running journal moved between "
          + "local and HDFS folders: no write fails, none acknowledged is lost; the stall of "
          + "each");
      System.out.println("hdfs-faults  a DataNode and then the NameNode restarted under a "
          + "master writing to HDFS: writes resume, none acknowledged is lost; the gap of each");
      System.out.println("nfs-faults   the NFS server stopped for a few seconds and started "
          + "again under a master writing to it: writes resume, none acknowledged is lost; "
          + "the gap");
      System.out.println("bench      benchmarks (not a scenario): see 'bench --help'");
      System.out.println("minihdfs   a real single-node HDFS in the foreground (not a scenario), "
          + "for trying an hdfs:// journal by hand");
      return 0;
    }
  }

  @Command(name = "crash", mixinStandardHelpOptions = true,
      description = "kill -9 a real master under load at a seeded moment, restart, check invariants.")
  static final class Crash implements Callable<Integer> {
    @Mixin
    ScenarioOptions run;

    @Option(names = "--checkpoints", description = "checkpoint mode: the master checkpoints "
        + "every --checkpoint-period entries with --log-size logs, and each kill is aimed at a "
        + "checkpoint write, the new checkpoint's check and clean-up, clean-up's deletes, or a "
        + "random moment, in turn")
    boolean checkpoints;

    @Option(names = "--checkpoint-period", description = "with --checkpoints: entries between "
        + "checkpoints (default ${DEFAULT-VALUE})")
    long checkpointPeriod = 200;

    @Option(names = "--log-size", description = "with --checkpoints: log roll size "
        + "(default ${DEFAULT-VALUE})")
    String logSize = "2KB";

    @Option(names = "--base-inodes", description = "with --checkpoints: directories journaled "
        + "before the master starts, so that each checkpoint takes a while to write "
        + "(default ${DEFAULT-VALUE})")
    long baseInodes = 20_000;

    @Option(names = "--storage", description = "where the journal is: local (a folder beside "
        + "each master), hdfs (a MiniDFSCluster in this JVM, 1 DataNode) or nfs (nfs-ganesha "
        + "on 127.0.0.1:2049, started for the run by test-harness/scripts/nfs-server.sh: one "
        + "NFS run per machine at a time); --checkpoints takes local only (default "
        + "${DEFAULT-VALUE})")
    JournalBackend.Kind storage = JournalBackend.Kind.LOCAL;

    @Override
    public Integer call() throws Exception {
      if (checkpoints && storage != JournalBackend.Kind.LOCAL) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--checkpoints follows a local journal folder's file events: no --storage "
                + storage.option());
      }
      long s = run.seed();
      Path dir = run.work("quire-crash");
      CheckpointLoad load = checkpoints
          ? new CheckpointLoad(checkpointPeriod, logSize, baseInodes) : null;
      try (JournalBackend backend = storage.open(run.home(), dir)) {
        System.out.printf("crash: seed %d, %d iteration(s), work folder %s, journal on %s%s%n",
            s, run.iterations, dir, backend.describe(), load == null ? "" : ", " + load.options());
        boolean held = new CrashScenario(run.home(), dir, System.out, run.clients,
            run.operations, load, backend).run(s, run.iterations);
        return verdict("crash", held, s);
      }
    }
  }

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "Back up a real master while clients write, format, restore with start -i, "
          + "and check the namespace against the one at the backup's sequence number.")
  static final class Backup implements Callable<Integer> {
    @Mixin
    ScenarioOptions run;

    @Option(names = "--base-inodes", description = "directories journaled before the master "
        + "starts, so that the backup takes a while and the clients' writes overlap it "
        + "(default ${DEFAULT-VALUE})")
    long baseInodes = 200_000;


    @Override
    public Integer call() throws Exception {
      long s = run.seed();
      Path dir = run.work("quire-backup");
      System.out.printf("backup: seed %d, %d iteration(s), work folder %s%n", s, run.iterations,
          dir);
      boolean held = new BackupScenario(run.home(), dir, System.out, run.clients,
          run.operations, baseInodes).run(s, run.iterations);
      return verdict("backup", held, s);
    }
  }

  @Command(name = "swap", mixinStandardHelpOptions = true,
      description = "Update the journal's storage bundle (quire-storage-local, the same jar) "
          + "over JMX again and again at seeded moments while fs clients write; or, with "
          + "--moves, move the running journal to a fresh folder each time (moveTo of "
          + "quire:type=Journal), local disk and HDFS in turn. Then stop, restart (after moves: "
          + "on the last folder) and check that every acknowledged mutation is there and no "
          + "write failed. Reports the stall of each swap.")
  static final class Swap implements Callable<Integer> {
    @Mixin
    RunOptions run;

    @Option(names = "--swaps", description = "storage bundle updates, or moves "
        + "(default ${DEFAULT-VALUE})")
    int swaps = 20;

    @Option(names = "--operations", description = "the most commands per client: the clients "
        + "write until the swaps are done, and must not run out before (default "
        + "${DEFAULT-VALUE})")
    int operations = 50_000;

    @Option(names = "--moves", description = "move the running journal instead of updating "
        + "the storage bundle: each time to a fresh folder on the next backend of "
        + "--move-storage; after the restart on the last folder, every folder left behind "
        + "must verify, and one of them refuse a start")
    boolean moves;

    @Option(names = "--move-storage", split = ",", description = "with --moves: the backends "
        + "of the folders, in turn, the first holding the one the master is formatted on: "
        + "local (beside the master), hdfs (a MiniDFSCluster in this JVM), nfs (the machine's "
        + "NFS server, started for the run); 'local' alone moves between local folders "
        + "(default: local,hdfs)")
    List<JournalBackend.Kind> moveStorage = List.of(JournalBackend.Kind.LOCAL,
        JournalBackend.Kind.HDFS);

    @Override
    public Integer call() throws Exception {
      long s = run.seed();
      Path dir = run.work("quire-swap");
      System.out.printf("swap: seed %d, %d %s, work folder %s%n", s, swaps,
          moves ? "move(s)" : "swap(s)", dir);
      boolean held;
      if (moves) {
        try (JournalMoves journalMoves = JournalMoves.open(moveStorage, run.home(), dir)) {
          held = new SwapScenario(run.home(), dir, System.out, run.clients, operations,
              journalMoves).run(s, swaps);
        }
      } else {
        held = new SwapScenario(run.home(), dir, System.out, run.clients, operations)
            .run(s, swaps);
      }
      return verdict("swap", held, s);
    }
  }

  @Command(name = "minihdfs", mixinStandardHelpOptions = true,
      description = "Run a real HDFS (Hadoop's minicluster: a NameNode and DataNodes in this "
          + "process) in the foreground until Ctrl-C, for trying an hdfs:// journal by hand.")
  static final class MiniHdfsCommand implements Callable<Integer> {
    @Option(names = "--port", description = "the NameNode's port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int port = 8020;

    @Option(names = "--datanodes", description = "DataNodes (default ${DEFAULT-VALUE})")
    int dataNodes = 1;

    @Option(names = "--dir", description = "where its data and client configuration go "
        + "(default: a new temporary folder)")
    Path dir;

    @Override
    public Integer call() throws Exception {
      if (dataNodes < 1) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--datanodes must be at least 1");
      }
      Path work = dir != null ? dir : Files.createTempDirectory("quire-minihdfs");
      System.out.printf("minihdfs: starting a NameNode on 127.0.0.1:%d and %d DataNode(s) in %s%n",
          port, dataNodes, work);
      try (MiniHdfs hdfs = MiniHdfs.start(work, port, dataNodes)) {
        System.out.printf("minihdfs: running at %s. For a journal on it, put in "
            + "conf/quire-site.properties:%n  alluxio.master.journal.folder=%s/quire/journal%n"
            + "  quire.hadoop.conf.dir=%s%nthen bin/quire format and bin/quire start. "
            + "Ctrl-C stops it.%n", hdfs.uri(), hdfs.uri(), hdfs.clientConfDir());
        hdfs.runUntilStopped();
      }
      return 0;
    }
  }

  /** What the iterated scenarios take beyond {@link RunOptions}: iterations and their load. */
  static final class ScenarioOptions extends RunOptions {
    @Option(names = "--iterations", description = "iterations (default ${DEFAULT-VALUE})")
    int iterations = 3;

    @Option(names = "--operations", description = "commands per client (default ${DEFAULT-VALUE})")
    int operations = 400;
  }

  /**
   * Prints a scenario's last line, "{@code <name>}: all invariants held" or
   * "{@code <name>}: FAILED (seed S)", and returns the exit code that goes with it.
   */
  static int verdict(String name, boolean held, long seed) {
    System.out.println(held ? name + ": all invariants held" : name + ": FAILED (seed " + seed + ")");
    return held ? 0 : 1;
  }

  /** What every scenario takes: seed, clients, where Quire is and where to work. */
  static class RunOptions {
    @Option(names = "--seed", description = "seed (default: random, printed)")
    Long seed;

    @Option(names = "--clients", description = "concurrent fs - clients (default ${DEFAULT-VALUE})")
    int clients = 4;

    @Option(names = "--home", description = "Quire home with bin/quire (default: $QUIRE_HOME)")
    Path home;

    @Option(names = "--work", description = "scratch folder (default: a new temporary folder)")
    Path work;

    long seed() {
      return seed != null ? seed : System.nanoTime() % 1_000_000;
    }

    Path work(String prefix) throws IOException {
      return work != null ? work : Files.createTempDirectory(prefix);
    }

    QuireHome home() {
      return new QuireHome(Harness.home(home));
    }
  }

  static Path home(Path option) {
    if (option != null) {
      return option;
    }
    String env = System.getenv("QUIRE_HOME");
    if (env == null) {
      throw new CommandLine.ParameterException(new CommandLine(new Harness()),
          "no Quire home: pass --home or set QUIRE_HOME");
    }
    return Path.of(env);
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Harness());
    commandLine.addSubcommand("bench", new BenchCommand(System.out));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    System.exit(commandLine.execute(args));
  }
}
