package io.quire.harness.crash;

import io.quire.harness.Invariant;
import io.quire.harness.JournalBackend;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.harness.load.ClientLoad;
import io.quire.harness.load.WriteChecks;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code crash}: a real master under concurrent {@code fs -} clients is killed with SIGKILL at a
 * seeded moment, restarted, and checked ({@link CrashChecks} names the invariants).
 *
 * <p>With a {@link CheckpointLoad} ({@code crash --checkpoints}) the master checkpoints every few
 * hundred entries and the kills are aimed at checkpoint writes and clean-ups; see
 * {@link CheckpointIteration} and {@link CheckpointChecks}.
 *
 * <p>The journal is on local disk or, with {@code --storage hdfs}, in a {@link JournalBackend}
 * whose files are leased to their writer: then the kill leaves the open log under the dead
 * master's lease, and the restart must take it over ({@code DeadMastersLeasesTakenOver}). With
 * {@code --storage nfs} it is on the machine's NFS server, written through the master's own
 * NFSv3 client: no leases there, the holder record alone hands the folder over.
 */
public final class CrashScenario {

  private final QuireHome home;
  private final Path work;
  private final PrintStream out;
  private final int clients;
  private final int operationsPerClient;
  private final CheckpointLoad checkpoints;
  private final JournalBackend backend;

  public CrashScenario(QuireHome home, Path work, PrintStream out, int clients,
      int operationsPerClient) {
    this(home, work, out, clients, operationsPerClient, null);
  }

  /** @param checkpoints the checkpoint mode's settings; null for the plain scenario */
  public CrashScenario(QuireHome home, Path work, PrintStream out, int clients,
      int operationsPerClient, CheckpointLoad checkpoints) {
    this(home, work, out, clients, operationsPerClient, checkpoints,
        new JournalBackend.LocalDisk());
  }

  /**
   * @param checkpoints the checkpoint mode's settings; null for the plain scenario
   * @param backend where the journals go; the checkpoint mode watches a local folder's file
   *     events, so it takes local disk only
   */
  public CrashScenario(QuireHome home, Path work, PrintStream out, int clients,
      int operationsPerClient, CheckpointLoad checkpoints, JournalBackend backend) {
    if (checkpoints != null && !(backend instanceof JournalBackend.LocalDisk)) {
      throw new IllegalArgumentException("the checkpoint mode follows a local journal folder's "
          + "file events: it takes no --storage but local");
    }
    this.home = home;
    this.work = work;
    this.out = out;
    this.clients = clients;
    this.operationsPerClient = operationsPerClient;
    this.checkpoints = checkpoints;
    this.backend = backend;
  }

  /** @return true if every invariant of every iteration held */
  public boolean run(long seed, int iterations) throws Exception {
    long start = System.nanoTime();
    Map<JournalListing.Interrupted, Integer> cutOff = new EnumMap<>(JournalListing.Interrupted.class);
    int missedTriggers = 0;
    boolean allHeld = true;
    for (int i = 1; i <= iterations && allHeld; i++) {
      long iterationSeed = seed * 1_000_003L + i;
      out.printf("crash iteration %d/%d (seed %d)%n", i, iterations, seed);
      List<Invariant> results;
      if (checkpoints == null) {
        results = iteration(iterationSeed, work.resolve("iteration-" + i));
      } else {
        Random random = new Random(iterationSeed);
        KillPlan plan = KillPlan.draw(seed, i, random, clients * operationsPerClient);
        CheckpointIteration.Outcome outcome = new CheckpointIteration(home, out, checkpoints,
            clients, operationsPerClient).run(plan, iterationSeed, random,
                work.resolve("iteration-" + i));
        results = outcome.results();
        cutOff.merge(outcome.interrupted(), 1, Integer::sum);
        missedTriggers += outcome.triggered() ? 0 : 1;
      }
      for (Invariant invariant : results) {
        out.println("  " + invariant.line());
        allHeld &= invariant.held();
      }
      if (!allHeld) {
        out.printf("FAILED at iteration %d; reproduce with: crash --seed %d --iterations %d "
            + "--clients %d --operations %d%s%s%n", i, seed, i, clients, operationsPerClient,
            checkpoints == null ? "" : " " + checkpoints.options(),
            backend.kind() == JournalBackend.Kind.LOCAL ? ""
                : " --storage " + backend.kind().option());
      }
    }
    if (checkpoints != null) {
      printTally(cutOff, missedTriggers, (System.nanoTime() - start) / 1e9);
    }
    return allHeld;
  }

  private void printTally(Map<JournalListing.Interrupted, Integer> cutOff, int missedTriggers,
      double seconds) {
    int total = cutOff.values().stream().mapToInt(Integer::intValue).sum();
    out.printf(Locale.ROOT, "crash --checkpoints: %d iteration(s) in %.0f s; the kill cut off:%n",
        total, seconds);
    for (JournalListing.Interrupted kind : JournalListing.Interrupted.values()) {
      out.printf("  %3d  %s%n", cutOff.getOrDefault(kind, 0), kind.description());
    }
    out.printf("  (%d trigger(s) not reached before the load ended: killed after it)%n",
        missedTriggers);
  }

  private List<Invariant> iteration(long seed, Path dir) throws Exception {
    Random random = new Random(seed);
    Files.createDirectories(dir);
    String journal = backend.journalFolder(dir);
    List<Invariant> results = new ArrayList<>();
    try (MasterProcess master = new MasterProcess(home,
        QuireHome.writeConf(dir, journal, backend.siteProperties()))) {
      master.format();
      master.start(Duration.ofMinutes(2));
      int killAfter = 20 + random.nextInt(clients * operationsPerClient / 2);
      ClientLoad load = new ClientLoad(master, seed, clients, operationsPerClient);
      load.counter().awaitAtLeast(killAfter);
      long killedPid = master.pid();
      load.killMaster(master);
      out.printf("  killed pid %d after %d acknowledged mutations (target %d)%n", killedPid,
          load.acknowledged(), killAfter);
      Map<String, String> leftOpen = backend.leaseHolders(journal);
      if (backend.leasesFiles()) {
        out.printf("  the kill left open under the dead master's lease: %s%n", leftOpen);
      }
      results.add(CrashChecks.restart(master, killedPid));
      if (!results.get(0).held()) {
        return results;
      }
      if (backend.leasesFiles()) {
        results.add(CrashChecks.leasesTakenOver(leftOpen, backend.leaseHolders(journal)));
      }
      results.add(CrashChecks.checkSubtrees(master, load.drivers()));
      results.add(CrashChecks.noRefusals(load.drivers()));
      results.add(WriteChecks.stopAndVerify(master, journal));
    }
    return results;
  }
}
