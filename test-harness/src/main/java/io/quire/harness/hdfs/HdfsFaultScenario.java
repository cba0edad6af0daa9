package io.quire.harness.hdfs;

import static org.awaitility.Awaitility.await;

import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.harness.load.AckTimes;
import io.quire.harness.load.ClientLoad;
import io.quire.harness.load.FsBatchClient;
import io.quire.harness.load.WriteChecks;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code hdfs-faults}: a real master with its journal on a {@link MiniHdfs} in this JVM,
 * {@code fs -} clients writing, and the cluster's nodes restarted under them: a DataNode, then
 * the NameNode ({@link HdfsFault}).
 *
 * <p>Steps:
 * <ol>
 *   <li>Start HDFS; format and start the master with small logs (so that rolls, which need the
 *       NameNode, keep coming while it is down); start the clients, which write until stopped.
 *   <li>For each fault: wait for a drawn number of further acknowledgements; stop the node; wait
 *       until the master notices (it logs its storage failing) or writes on regardless
 *       ({@value #WRITES_ON} acknowledgements: the pipeline went on without the node), at most
 *       {@link #NOTICE}; start the node again; wait until {@value #RESUME_ACKS} more
 *       acknowledgements show that writes resumed.
 *   <li>Stop the clients between two commands; check; stop the master, start it, check again;
 *       stop, and verify the HDFS folder with {@code journal verify}.
 * </ol>
 *
 * <p>Invariants: {@code WritesResumeAfterEachFault}, {@code ErrorsOnlyAfterTheStorageTimeout}
 * (a client may see a 503, {@code UNAVAILABLE} or {@code NOT_DURABLE}, only during a fault whose
 * gap between acknowledgements exceeded {@code quire.journal.storage.timeout}),
 * {@code AckedMutationsSurviveFaults}, {@code CleanRestartSucceeds},
 * {@code RestartServesExactlyTheAcknowledged}, {@code SequenceNumbersAreContiguous}.
 */
public final class HdfsFaultScenario {
  static final int WRITES_ON = 200;
  static final int RESUME_ACKS = 100;
  /** Logged by the journal (GroupCommitLog) when a write or sync fails. */
  private static final String STORAGE_FAILED = "Journal storage failed with entries";
  /** Well below the storage timeout: the node comes back long before writers give up. */
  private static final Duration NOTICE = Duration.ofSeconds(10);
  private static final Duration START = Duration.ofMinutes(2);
  private static final int MIN_ACKS_BEFORE = 100;
  private static final int MAX_ACKS_BEFORE = 600;

  /**
   * @param clients concurrent {@code fs -} clients
   * @param operationsPerClient the most commands a client sends (they are stopped at the end)
   * @param dataNodes the cluster's DataNodes; 1 makes a DataNode's restart a full outage
   * @param logSize the master's {@code alluxio.master.journal.log.size.bytes.max}
   * @param storageTimeout the master's {@code quire.journal.storage.timeout}
   */
  public record Settings(int clients, int operationsPerClient, int dataNodes, String logSize,
      Duration storageTimeout) {
    String siteProperties() {
      return "alluxio.master.journal.log.size.bytes.max=" + logSize + "\n"
          + "quire.journal.storage.timeout=" + storageTimeout.toMillis() + "ms\n";
    }

    String options() {
      return "--clients " + clients + " --operations " + operationsPerClient + " --datanodes "
          + dataNodes + " --log-size " + logSize + " --storage-timeout "
          + storageTimeout.toSeconds();
    }
  }

  private final QuireHome home;
  private final Path work;
  private final PrintStream out;
  private final Settings settings;

  public HdfsFaultScenario(QuireHome home, Path work, PrintStream out, Settings settings) {
    this.home = home;
    this.work = work;
    this.out = out;
    this.settings = settings;
  }

  /** @return true if every invariant held */
  public boolean run(long seed) throws Exception {
    Random random = new Random(seed);
    Files.createDirectories(work);
    List<Invariant> results;
    try (HdfsJournals hdfs = HdfsJournals.start(work.resolve("minihdfs"), settings.dataNodes())) {
      out.printf("hdfs-faults: journal on %s; %s%n", hdfs.describe(), settings.options());
      Path dir = work.resolve("master");
      String journal = hdfs.journalFolder(dir);
      try (MasterProcess master = new MasterProcess(home, QuireHome.writeConf(dir, journal,
          hdfs.siteProperties() + settings.siteProperties()))) {
        results = run(master, hdfs.hdfs(), journal, seed, random);
      }
    }
    boolean held = true;
    for (Invariant invariant : results) {
      out.println("  " + invariant.line());
      held &= invariant.held();
    }
    if (!held) {
      out.printf("FAILED; reproduce with: hdfs-faults --seed %d %s%n", seed, settings.options());
    }
    return held;
  }

  private List<Invariant> run(MasterProcess master, MiniHdfs hdfs, String journal, long seed,
      Random random) throws Exception {
    master.format();
    master.start(START);
    ClientLoad load = new ClientLoad(master, seed, settings.clients(),
        settings.operationsPerClient());
    List<FaultOutcome> outcomes = new ArrayList<>();
    try {
      for (HdfsFault fault : HdfsFault.values()) {
        int target = load.counter().count() + MIN_ACKS_BEFORE
            + random.nextInt(MAX_ACKS_BEFORE - MIN_ACKS_BEFORE + 1);
        load.counter().awaitAtLeast(target);
        if (load.counter().allStopped()) {
          out.println("  the clients stopped before the " + fault.description());
          break;
        }
        outcomes.add(inject(fault, hdfs, master, load, random));
      }
    } finally {
      load.stop();
    }
    AckTimes times = load.counter().times();
    for (FaultOutcome outcome : outcomes) {
      out.println("  " + outcome.describe(times, load.drivers()));
    }
    List<Invariant> results = new ArrayList<>();
    results.add(resumed(outcomes, times));
    results.add(errorsOnlyAfterTimeout(outcomes, times, load.drivers()));
    results.add(WriteChecks.acknowledgedExactly("AckedMutationsSurviveFaults", master,
        load.drivers()));
    results.add(WriteChecks.stopAndStart(master, START));
    if (!results.get(results.size() - 1).held()) {
      return results;
    }
    results.add(WriteChecks.acknowledgedExactly("RestartServesExactlyTheAcknowledged", master,
        load.drivers()));
    int stopped = master.stop();
    Commands.Result verify = master.run(Duration.ofMinutes(2), "journal", "verify", journal);
    results.add(new Invariant("SequenceNumbersAreContiguous", stopped == 0
        && verify.exitCode() == 0, "graceful stop exit " + stopped + "; journal verify exit "
            + verify.exitCode() + ": " + verify.oneLine()));
    return results;
  }

  private FaultOutcome inject(HdfsFault fault, MiniHdfs hdfs, MasterProcess master,
      ClientLoad load, Random random) throws Exception {
    int before = load.counter().count();
    int failuresBefore = master.logLines(STORAGE_FAILED).size();
    long began = System.nanoTime();
    HdfsFault.Outage outage = fault.begin(hdfs, random);
    String noticed = awaitNoticed(master, load, failuresBefore, began);
    outage.end();
    long restarted = System.nanoTime();
    Duration patience = settings.storageTimeout().plusMinutes(1);
    boolean resumed = load.counter().awaitAtLeast(load.counter().count() + RESUME_ACKS, patience);
    return new FaultOutcome(fault, outage.node(), before, began, restarted, noticed,
        resumed ? System.nanoTime() : -1);
  }

  /**
   * Waits until the master logs that its storage failed with entries not yet durable, or it
   * wrote on without that. (Its storage MBean's {@code Healthy} is no signal: the journal's
   * retries call the NameNode, which answers, and turn it true again within milliseconds.)
   */
  private String awaitNoticed(MasterProcess master, ClientLoad load, int failuresBefore,
      long began) throws Exception {
    int writesOn = load.counter().count() + WRITES_ON;
    try {
      await().atMost(NOTICE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
          .until(() -> load.counter().count() >= writesOn
              || master.logLines(STORAGE_FAILED).size() > failuresBefore);
    } catch (ConditionTimeoutException e) {
      return "the master neither logged a storage failure nor wrote on within "
          + NOTICE.toSeconds() + " s";
    }
    long millis = (System.nanoTime() - began) / 1_000_000;
    return load.counter().count() >= writesOn
        ? "the master wrote on: " + WRITES_ON + " acknowledged within " + millis + " ms"
        : "the master logged its storage failing after " + millis + " ms";
  }

  private static Invariant resumed(List<FaultOutcome> outcomes, AckTimes times) {
    List<String> gaps = new ArrayList<>();
    boolean held = outcomes.size() == HdfsFault.values().length;
    for (FaultOutcome outcome : outcomes) {
      held &= outcome.resumed() >= 0;
      long gap = outcome.gap(times);
      gaps.add(outcome.fault().description() + (outcome.resumed() < 0 ? ": writes did not resume"
          : ": longest gap " + (gap / 1_000_000) + " ms"));
    }
    return new Invariant("WritesResumeAfterEachFault", held, String.join("; ", gaps));
  }

  /**
   * A client error is allowed only during a fault whose outage, measured as its longest gap
   * between acknowledgements, exceeded the storage timeout, and only as a 503.
   */
  private Invariant errorsOnlyAfterTimeout(List<FaultOutcome> outcomes, AckTimes times,
      List<FsBatchClient> drivers) {
    List<String> allowed = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    long timeout = settings.storageTimeout().toNanos();
    for (FsBatchClient driver : drivers) {
      if (driver.error() == null) {
        continue;
      }
      String error = driver.workload().root() + ": " + driver.error();
      FaultOutcome during = outcomes.stream().filter(o -> o.covers(driver.errorAt()))
          .findFirst().orElse(null);
      boolean unavailable = driver.error().contains("UNAVAILABLE")
          || driver.error().contains("NOT_DURABLE");
      long outage = during == null ? -1 : during.gap(times) >= 0 ? during.gap(times)
          : driver.errorAt() - during.began();
      (unavailable && outage > timeout ? allowed : wrong).add(error);
    }
    return new Invariant("ErrorsOnlyAfterTheStorageTimeout", wrong.isEmpty(),
        allowed.isEmpty() && wrong.isEmpty() ? "no client saw an error"
            : "allowed (outage past the " + settings.storageTimeout().toSeconds()
                + " s storage timeout): " + allowed + "; not allowed: " + wrong);
  }
}
