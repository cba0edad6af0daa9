package io.quire.harness.crash;

import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.harness.load.ClientLoad;
import io.quire.harness.load.WriteChecks;
import io.quire.master.internal.BenchJournalWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One iteration of {@code crash --checkpoints}: a master with a checkpoint every few hundred
 * entries and small logs, so that checkpoints and clean-ups run back to back under the load, is
 * killed at a moment aimed at that work ({@link KillPlan}), then checked with the plain
 * scenario's invariants ({@link CrashChecks}) and the checkpoint ones ({@link CheckpointChecks}).
 *
 * <p>Steps:
 * <ol>
 *   <li>Journal {@code baseInodes} directories in-process (the master's own encoder), start the
 *       master on that folder; its first checkpoint follows within a tick.
 *   <li>Watch the journal folder, start the clients, and kill the master at the plan's moment.
 *   <li>Read what the kill left (temporaries, checkpoints, logs awaiting clean-up) and verify
 *       the folder offline as it is.
 *   <li>Restart, then check: the newest checkpoint was loaded, the temporaries are gone, every
 *       acknowledged mutation and the base namespace are there, checkpoints stay bounded, and
 *       after a graceful stop the journal verifies.
 * </ol>
 */
final class CheckpointIteration {

  /** What an iteration found, and which checkpoint work its kill cut off. */
  record Outcome(List<Invariant> results, JournalListing.Interrupted interrupted,
      boolean triggered) {}

  private static final Duration SETTLE = Duration.ofSeconds(30);

  private final QuireHome home;
  private final PrintStream out;
  private final CheckpointLoad load;
  private final int clients;
  private final int operationsPerClient;

  CheckpointIteration(QuireHome home, PrintStream out, CheckpointLoad load, int clients,
      int operationsPerClient) {
    this.home = home;
    this.out = out;
    this.load = load;
    this.clients = clients;
    this.operationsPerClient = operationsPerClient;
  }

  Outcome run(KillPlan plan, long seed, Random random, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path journal = dir.resolve("journal");
    Path conf = QuireHome.writeConf(dir, load.properties());
    try (MasterProcess master = new MasterProcess(home, conf)) {
      if (load.baseInodes() > 0) {
        BenchJournalWriter.write(journal, load.baseInodes());
      } else {
        master.format();
      }
      master.start(Duration.ofMinutes(2));
      try (JournalWatch watch = new JournalWatch(journal)) {
        ClientLoad clientLoad = new ClientLoad(master, seed, clients, operationsPerClient);
        boolean triggered = watch.awaitKillMoment(plan, clientLoad.counter());
        long killedPid = master.pid();
        clientLoad.killMaster(master);
        watch.drain();
        JournalListing afterKill = JournalListing.read(journal);
        out.printf("  %s: %s; killed pid %d after %d acknowledged mutations%n", plan.describe(),
            !triggered ? "NOT reached before the load ended"
                : watch.firedBy() == null ? "reached" : "fired by " + watch.firedBy(),
            killedPid, clientLoad.acknowledged());
        out.printf("  the kill left %s: it cut off %s%n", afterKill.describe(),
            afterKill.interrupted().description());
        List<Invariant> results = check(master, journal, watch, clientLoad, afterKill, killedPid,
            random);
        return new Outcome(results, afterKill.interrupted(), triggered);
      }
    }
  }

  private List<Invariant> check(MasterProcess master, Path journal, JournalWatch watch,
      ClientLoad clientLoad, JournalListing afterKill, long killedPid, Random random)
      throws Exception {
    List<Invariant> results = new ArrayList<>();
    results.add(CheckpointChecks.folderValidAfterKill(master, journal));
    Invariant restarted = CrashChecks.restart(master, killedPid);
    results.add(restarted);
    if (!restarted.held()) {
      return results;
    }
    results.add(CheckpointChecks.restartLoadsNewestCheckpoint(master, afterKill));
    results.add(CheckpointChecks.noTemporarySurvives(afterKill, journal));
    results.add(CrashChecks.checkSubtrees(master, clientLoad.drivers()));
    results.add(CrashChecks.noRefusals(clientLoad.drivers()));
    results.add(CheckpointChecks.baseNamespaceSurvives(master, load.baseInodes(), random));
    results.add(CheckpointChecks.checkpointsStayBounded(watch, journal, SETTLE));
    results.add(WriteChecks.stopAndVerify(master, journal.toString()));
    return results;
  }
}
