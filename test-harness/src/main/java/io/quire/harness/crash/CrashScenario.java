package io.quire.harness.crash;

import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * {@code crash}: a real master under concurrent {@code fs -} clients is killed with SIGKILL at a
 * seeded moment, restarted, and checked.
 *
 * <p>Invariants per iteration:
 * <ul>
 *   <li>{@code RestartSucceeds}: the master serves again after the kill, with no manual repair.
 *   <li>{@code AckedMutationsSurviveCrash}: each client's subtree equals the state after its
 *       acknowledged commands, or after one more (the command in flight at the kill may have
 *       become durable without its answer arriving).
 *   <li>{@code NoRefusalBeforeCrash}: no command was refused while the master was alive.
 *   <li>{@code SequenceNumbersAreContiguous}: {@code bin/quire journal verify} accepts the folder
 *       after a graceful stop.
 * </ul>
 */
public final class CrashScenario {

  private final QuireHome home;
  private final Path work;
  private final PrintStream out;
  private final int clients;
  private final int operationsPerClient;

  public CrashScenario(QuireHome home, Path work, PrintStream out, int clients,
      int operationsPerClient) {
    this.home = home;
    this.work = work;
    this.out = out;
    this.clients = clients;
    this.operationsPerClient = operationsPerClient;
  }

  /** @return true if every invariant of every iteration held */
  public boolean run(long seed, int iterations) throws Exception {
    boolean allHeld = true;
    for (int i = 1; i <= iterations; i++) {
      long iterationSeed = seed * 1_000_003L + i;
      out.printf("crash iteration %d/%d (seed %d)%n", i, iterations, seed);
      List<Invariant> results = iteration(iterationSeed, work.resolve("iteration-" + i));
      for (Invariant invariant : results) {
        out.println("  " + invariant.line());
        allHeld &= invariant.held();
      }
      if (!allHeld) {
        out.printf("FAILED at iteration %d; reproduce with: crash --seed %d --iterations %d%n",
            i, seed, i);
        return false;
      }
    }
    return true;
  }

  private List<Invariant> iteration(long seed, Path dir) throws Exception {
    Random random = new Random(seed);
    Files.createDirectories(dir);
    List<Invariant> results = new ArrayList<>();
    try (MasterProcess master = new MasterProcess(home, QuireHome.writeConf(dir, ""))) {
      master.format();
      master.start(Duration.ofMinutes(2));
      int killAfter = 20 + random.nextInt(clients * operationsPerClient / 2);
      boolean[] killed = {false};
      List<FsBatchClient> drivers = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      AckCounter counter = new AckCounter();
      for (int c = 0; c < clients; c++) {
        FsBatchClient driver = new FsBatchClient(master.command("fs", "-"),
            new ClientWorkload(c, seed, operationsPerClient), () -> killed[0], counter);
        drivers.add(driver);
        Thread thread = new Thread(driver, "fs-client-" + c);
        threads.add(thread);
        thread.start();
      }
      counter.awaitAtLeast(killAfter);
      killed[0] = true;
      long killedPid = master.pid();
      master.kill();
      for (Thread thread : threads) {
        thread.join();
      }
      int acked = drivers.stream().mapToInt(FsBatchClient::acknowledged).sum();
      out.printf("  killed pid %d after %d acknowledged mutations (target %d)%n", killedPid,
          acked, killAfter);
      results.add(restart(master, killedPid));
      if (!results.get(0).held()) {
        return results;
      }
      results.add(checkSubtrees(master, drivers));
      results.add(noRefusals(drivers));
      results.add(verifyJournal(master, dir.resolve("journal")));
    }
    return results;
  }

  private static Invariant restart(MasterProcess master, long killedPid) {
    try {
      if (ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false)) {
        return new Invariant("RestartSucceeds", false, "killed pid " + killedPid + " still runs");
      }
      master.start(Duration.ofMinutes(2));
      return new Invariant("RestartSucceeds", master.pid() != killedPid,
          "serving again as pid " + master.pid() + " (killed pid " + killedPid + ")");
    } catch (IOException | InterruptedException e) {
      return new Invariant("RestartSucceeds", false, e.getMessage());
    }
  }

  private Invariant checkSubtrees(MasterProcess master, List<FsBatchClient> drivers)
      throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    int inFlightApplied = 0;
    for (FsBatchClient driver : drivers) {
      ClientWorkload workload = driver.workload();
      TreeSet<String> actual = listing(master, workload.root());
      int k = driver.acknowledged();
      if (actual.equals(workload.stateAfter(k))) {
        continue;
      }
      if (k < workload.commands().size() && actual.equals(workload.stateAfter(k + 1))) {
        inFlightApplied++;
        continue;
      }
      TreeSet<String> missing = new TreeSet<>(workload.stateAfter(k));
      missing.removeAll(actual);
      TreeSet<String> extra = new TreeSet<>(actual);
      extra.removeAll(workload.stateAfter(k));
      problems.add(workload.root() + " after " + k + " acknowledged: missing " + first(missing)
          + ", unexpected " + first(extra));
    }
    return new Invariant("AckedMutationsSurviveCrash", problems.isEmpty(), problems.isEmpty()
        ? drivers.size() + " subtrees match their acknowledged commands (" + inFlightApplied
            + " also hold the command in flight)" : String.join("; ", problems));
  }

  private static String first(TreeSet<String> entries) {
    return entries.isEmpty() ? "none" : entries.size() + " e.g. " + entries.first();
  }

  /** {@code fs ls -R root} as entries {@code "d path"} / {@code "f path"}, root included. */
  private static TreeSet<String> listing(MasterProcess master, String root)
      throws IOException, InterruptedException {
    TreeSet<String> entries = new TreeSet<>();
    Commands.Result stat = master.run(Duration.ofSeconds(30), "fs", "stat", root);
    if (stat.exitCode() != 0) {
      return entries; // the subtree's first mkdir was not acknowledged before the kill
    }
    entries.add("d " + root);
    String ls = master.run(Duration.ofSeconds(60), "fs", "ls", "-R", root).requireSuccess();
    for (String line : ls.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 2) {
        entries.add((fields[0].startsWith("d") ? "d " : "f ") + fields[fields.length - 1]);
      }
    }
    return entries;
  }

  private static Invariant noRefusals(List<FsBatchClient> drivers) {
    List<String> refused = new ArrayList<>();
    for (FsBatchClient driver : drivers) {
      if (driver.error() != null) {
        refused.add(driver.error());
      }
    }
    return new Invariant("NoRefusalBeforeCrash", refused.isEmpty(),
        refused.isEmpty() ? "every command answered before the kill was ok" : refused.toString());
  }

  private static Invariant verifyJournal(MasterProcess master, Path journal)
      throws IOException, InterruptedException {
    int stopped = master.stop();
    Commands.Result verify = master.run(Duration.ofMinutes(2), "journal", "verify",
        journal.toString());
    return new Invariant("SequenceNumbersAreContiguous", verify.exitCode() == 0,
        "graceful stop exit " + stopped + "; journal verify exit " + verify.exitCode() + ": "
            + (verify.stdout() + verify.stderr()).strip().replace('\n', ' '));
  }
}
