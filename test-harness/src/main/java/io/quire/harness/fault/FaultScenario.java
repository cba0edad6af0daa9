package io.quire.harness.fault;

import static org.awaitility.Awaitility.await;

import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.harness.load.AckTimes;
import io.quire.harness.load.ClientLoad;
import io.quire.harness.load.FsBatchClient;
import io.quire.harness.load.WriteChecks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code hdfs-faults}, {@code nfs-faults}: a real master with its journal on a
 * {@link FaultTarget}'s backend, {@code fs -} clients writing, and the target's
 * {@link StorageFault}s put to it one after the other: an HDFS DataNode, then the NameNode
 * restarted; the NFS server stopped and started again.
 *
 * <p>Steps:
 * <ol>
 *   <li>Format and start the master with small logs (so that rolls, which create and rename
 *       files, keep coming while the storage is down); start the clients, which write until
 *       stopped.
 *   <li>For each fault: wait for a drawn number of further acknowledgements; take the part down;
 *       keep it down as its {@link Outage} says: until the master notices (it logs its storage
 *       failing, or writes on regardless: {@value #WRITES_ON} acknowledgements), or for a drawn
 *       length, noting what the master did meanwhile; bring it back; wait until
 *       {@value #RESUME_ACKS} more acknowledgements show that writes resumed.
 *   <li>Stop the clients between two commands; check; stop the master, start it, check again;
 *       stop, and verify the journal folder with {@code journal verify}.
 * </ol>
 *
 * <p>Invariants: {@code WritesResumeAfterEachFault}, {@code ErrorsOnlyAfterTheStorageTimeout}
 * (a client may see a 503, {@code UNAVAILABLE} or {@code NOT_DURABLE}, only during a fault whose
 * gap between acknowledgements exceeded {@code quire.journal.storage.timeout}),
 * {@code AckedMutationsSurviveFaults}, {@code CleanRestartSucceeds},
 * {@code RestartServesExactlyTheAcknowledged}, {@code SequenceNumbersAreContiguous}.
 */
public final class FaultScenario {
  static final int WRITES_ON = 200;
  static final int RESUME_ACKS = 100;
  /** Logged by the journal (GroupCommitLog) when a write or sync fails. */
  private static final String STORAGE_FAILED = "Journal storage failed with entries";
  /** Logged by the journal (GroupCommitLog) once a write or sync went through again. */
  private static final String STORAGE_BACK = "Journal storage is back after ";
  private static final Duration START = Duration.ofMinutes(2);
  private static final int MIN_ACKS_BEFORE = 100;
  private static final int MAX_ACKS_BEFORE = 600;

  /**
   * @param clients concurrent {@code fs -} clients
   * @param operationsPerClient the most commands a client sends (they are stopped at the end)
   * @param logSize the master's {@code alluxio.master.journal.log.size.bytes.max}
   * @param storageTimeout the master's {@code quire.journal.storage.timeout}
   */
  public record Settings(int clients, int operationsPerClient, String logSize,
      Duration storageTimeout) {
    String siteProperties() {
      return "alluxio.master.journal.log.size.bytes.max=" + logSize + "\n"
          + "quire.journal.storage.timeout=" + storageTimeout.toMillis() + "ms\n";
    }

    String options() {
      return "--clients " + clients + " --operations " + operationsPerClient + " --log-size "
          + logSize + " --storage-timeout " + storageTimeout.toSeconds();
    }
  }

  private final QuireHome home;
  private final Path work;
  private final PrintStream out;
  private final Settings settings;
  private final FaultTarget target;

  public FaultScenario(QuireHome home, Path work, PrintStream out, Settings settings,
      FaultTarget target) {
    this.home = home;
    this.work = work;
    this.out = out;
    this.settings = settings;
    this.target = target;
  }

  /** @return true if every invariant held */
  public boolean run(long seed) throws Exception {
    Random random = new Random(seed);
    Files.createDirectories(work);
    String options = settings.options() + (target.options().isEmpty() ? "" : " "
        + target.options());
    out.printf("%s: journal on %s; %s%n", target.scenario(), target.backend().describe(),
        options);
    Path dir = work.resolve("master");
    String journal = target.backend().journalFolder(dir);
    List<Invariant> results;
    try (MasterProcess master = new MasterProcess(home, QuireHome.writeConf(dir, journal,
        target.backend().siteProperties() + settings.siteProperties()))) {
      results = run(master, journal, seed, random);
    }
    boolean held = true;
    for (Invariant invariant : results) {
      out.println("  " + invariant.line());
      held &= invariant.held();
    }
    if (!held) {
      out.printf("FAILED; reproduce with: %s --seed %d %s%n", target.scenario(), seed, options);
    }
    return held;
  }

  private List<Invariant> run(MasterProcess master, String journal, long seed, Random random)
      throws Exception {
    master.format();
    master.start(START);
    ClientLoad load = new ClientLoad(master, seed, settings.clients(),
        settings.operationsPerClient());
    List<FaultOutcome> outcomes = new ArrayList<>();
    try {
      for (StorageFault fault : target.faults()) {
        int acks = load.counter().count() + MIN_ACKS_BEFORE
            + random.nextInt(MAX_ACKS_BEFORE - MIN_ACKS_BEFORE + 1);
        load.counter().awaitAtLeast(acks);
        if (load.counter().allStopped()) {
          out.println("  the clients stopped before the " + fault.description());
          break;
        }
        outcomes.add(inject(fault, master, load, random));
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
    results.add(WriteChecks.stopAndVerify(master, journal));
    return results;
  }

  private FaultOutcome inject(StorageFault fault, MasterProcess master, ClientLoad load,
      Random random) throws Exception {
    int before = load.counter().count();
    int failuresBefore = master.logLines(STORAGE_FAILED).size();
    int backBefore = master.logLines(STORAGE_BACK).size();
    long began = System.nanoTime();
    Outage outage = fault.begin(random);
    String noticed = watch(outage, master, load, failuresBefore, began);
    outage.end();
    long restarted = System.nanoTime();
    Duration patience = settings.storageTimeout().plusMinutes(1);
    boolean resumed = load.counter().awaitAtLeast(load.counter().count() + RESUME_ACKS, patience);
    long resumedAt = resumed ? System.nanoTime() : -1;
    return new FaultOutcome(fault, outage.part(), before, began, restarted, noticed,
        journalAccount(master, failuresBefore, backBefore), resumedAt);
  }

  /**
   * What the journal logged from the fault until writes resumed: its storage failures (the first
   * one's cause) and how long after each it was back. The failure may come only once the part is
   * back: a restarted NFS server's new write verifier fails the first COMMIT after it.
   */
  private static String journalAccount(MasterProcess master, int failuresBefore, int backBefore)
      throws IOException {
    List<String> failures = master.logLines(STORAGE_FAILED);
    List<String> back = master.logLines(STORAGE_BACK);
    failures = failures.subList(Math.min(failuresBefore, failures.size()), failures.size());
    back = back.subList(Math.min(backBefore, back.size()), back.size());
    if (failures.isEmpty() && back.isEmpty()) {
      return "the journal logged no storage failure";
    }
    List<String> backAfter = new ArrayList<>();
    for (String line : back) {
      String after = line.substring(line.indexOf(STORAGE_BACK) + STORAGE_BACK.length());
      backAfter.add(after.substring(0, after.indexOf(';') < 0 ? after.length()
          : after.indexOf(';')));
    }
    String first = failures.isEmpty() ? "" : failures.get(0);
    int cause = first.indexOf(STORAGE_FAILED);
    return "the journal logged " + failures.size() + " storage failure(s)" + (first.isEmpty() ? ""
        : " (first: '" + abbreviate(first.substring(cause), 240) + "')") + ", back after "
        + backAfter;
  }

  private static String abbreviate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length) + "...";
  }

  /**
   * Waits while the part is down: until the master logs that its storage failed with entries
   * not yet durable or writes on without the part, if the outage ends then, and at most the
   * outage's length. (Storage MBeans' {@code Healthy} is no signal: the journal's retries call
   * the HDFS NameNode, which answers, and turn it true again within milliseconds.)
   *
   * @return what the master did, for the report
   */
  private String watch(Outage outage, MasterProcess master, ClientLoad load, int failuresBefore,
      long began) {
    int before = load.counter().count();
    int writesOn = before + WRITES_ON;
    long deadline = began + outage.length().toNanos();
    AtomicLong failedAt = new AtomicLong(-1);
    AtomicLong wroteOnAt = new AtomicLong(-1);
    await().atMost(outage.length().plusSeconds(5)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10)).until(() -> {
          long now = System.nanoTime();
          if (failedAt.get() < 0 && master.logLines(STORAGE_FAILED).size() > failuresBefore) {
            failedAt.set(now);
          }
          if (wroteOnAt.get() < 0 && load.counter().count() >= writesOn) {
            wroteOnAt.set(now);
          }
          boolean noticed = failedAt.get() >= 0 || wroteOnAt.get() >= 0;
          return (outage.endsWhenNoticed() && noticed) || now >= deadline;
        });
    if (failedAt.get() >= 0) {
      return "the master logged its storage failing after " + (failedAt.get() - began) / 1_000_000
          + " ms";
    }
    if (wroteOnAt.get() >= 0) {
      return "the master wrote on: " + WRITES_ON + " acknowledged within "
          + (wroteOnAt.get() - began) / 1_000_000 + " ms";
    }
    return outage.endsWhenNoticed()
        ? "the master neither logged a storage failure nor wrote on within "
            + outage.length().toSeconds() + " s"
        : "the master logged no storage failure (" + (load.counter().count() - before)
            + " acknowledged while down)";
  }

  private Invariant resumed(List<FaultOutcome> outcomes, AckTimes times) {
    List<String> gaps = new ArrayList<>();
    boolean held = outcomes.size() == target.faults().size();
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
