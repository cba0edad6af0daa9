package io.quire.harness.swap;

import static org.awaitility.Awaitility.await;

import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterJmx;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.harness.load.AckTimes;
import io.quire.harness.load.ClientLoad;
import io.quire.harness.load.WriteChecks;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.management.MalformedObjectNameException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code swap}: a real master on a local journal, {@code fs -} clients writing, and the journal's
 * storage replaced under them ({@link StorageSwap}) again and again at seeded moments. Nothing
 * acknowledged may be lost and no write may fail: while no storage is bound, the journal holds
 * writes.
 *
 * <p>Steps:
 * <ol>
 *   <li>Format, start the master, start the clients (they write until the scenario stops them).
 *   <li>For each swap: wait for a drawn number ({@value #MIN_ACKS_BETWEEN} to
 *       {@value #MAX_ACKS_BETWEEN}) of further acknowledgements, replace the storage, and wait
 *       until the journal bound the new storage (its log says so) and synced through it.
 *   <li>Wait for {@value #MIN_ACKS_BETWEEN} more acknowledgements, so the last swap's stall has
 *       an end, and stop the clients between two commands: each one's acknowledged count is exact.
 *   <li>Check, stop, start, check again, stop, verify the journal.
 * </ol>
 *
 * <p>The stall of a swap is the longest gap between two acknowledgements (any clients') around
 * it: from the last before the swap began to the first after the journal wrote through the new
 * storage, if writes stopped throughout ({@link AckTimes#longestGap}).
 *
 * <p>Invariants: {@code EverySwapTookOver}, {@code WritesHeldNotFailed},
 * {@code AckedMutationsSurviveSwaps}, {@code CleanRestartSucceeds},
 * {@code RestartServesExactlyTheAcknowledged}, {@code SequenceNumbersAreContiguous},
 * {@code NoErrorsLogged}.
 */
public final class SwapScenario {
  static final int MIN_ACKS_BETWEEN = 50;
  static final int MAX_ACKS_BETWEEN = 500;
  private static final String BOUND = "Journal storage bound";
  private static final String BACK = "Journal storage is back after ";
  private static final Duration START = Duration.ofMinutes(2);
  private static final Duration TAKE_OVER = Duration.ofSeconds(60);

  /** One swap's instants ({@link System#nanoTime}). */
  record Swap(int number, int ackedBefore, long started, long performed, long writing) {}

  private final QuireHome home;
  private final Path work;
  private final PrintStream out;
  private final int clients;
  private final int operationsPerClient;
  private final StorageSwap swap;

  /**
   * @param operationsPerClient the most commands a client sends; the clients are stopped once
   *     the swaps are done, and a workload that ends before is a failed run
   */
  public SwapScenario(QuireHome home, Path work, PrintStream out, int clients,
      int operationsPerClient) throws MalformedObjectNameException {
    this(home, work, out, clients, operationsPerClient, SameBundleUpdate.localStorage());
  }

  SwapScenario(QuireHome home, Path work, PrintStream out, int clients, int operationsPerClient,
      StorageSwap swap) {
    this.home = home;
    this.work = work;
    this.out = out;
    this.clients = clients;
    this.operationsPerClient = operationsPerClient;
    this.swap = swap;
  }

  /** @return true if every invariant held */
  public boolean run(long seed, int swaps) throws Exception {
    Random random = new Random(seed);
    Files.createDirectories(work);
    out.printf("swap: %s, %d time(s), %d clients writing%n", swap.describe(), swaps, clients);
    List<Invariant> results = new ArrayList<>();
    try (MasterProcess master = new MasterProcess(home, QuireHome.writeConf(work, ""))) {
      master.format();
      master.start(START);
      ClientLoad load = new ClientLoad(master, seed, clients, operationsPerClient);
      List<Swap> done;
      try (MasterJmx jmx = MasterJmx.connect(master)) {
        done = swapUnderLoad(master, jmx, load, random, swaps);
        load.counter().awaitAtLeast(load.counter().count() + MIN_ACKS_BETWEEN);
      } finally {
        load.stop();
      }
      AckTimes times = load.counter().times();
      results.add(tookOver(done, swaps, times));
      report(done, times, master);
      results.add(WriteChecks.noClientErrors("WritesHeldNotFailed", load.drivers()));
      results.add(WriteChecks.acknowledgedExactly("AckedMutationsSurviveSwaps", master,
          load.drivers()));
      results.addAll(restartAndVerify(master, load));
    }
    boolean held = true;
    for (Invariant invariant : results) {
      out.println("  " + invariant.line());
      held &= invariant.held();
    }
    if (!held) {
      out.printf("FAILED; reproduce with: swap --seed %d --swaps %d --clients %d "
          + "--operations %d%n", seed, swaps, clients, operationsPerClient);
    }
    return held;
  }

  private List<Swap> swapUnderLoad(MasterProcess master, MasterJmx jmx, ClientLoad load,
      Random random, int swaps) throws Exception {
    List<Swap> done = new ArrayList<>();
    for (int n = 1; n <= swaps; n++) {
      int target = load.counter().count() + MIN_ACKS_BETWEEN
          + random.nextInt(MAX_ACKS_BETWEEN - MIN_ACKS_BETWEEN + 1);
      load.counter().awaitAtLeast(target);
      if (load.counter().allStopped()) {
        out.printf("  the clients stopped before swap %d (an error, or their workloads "
            + "ended: raise --operations)%n", n);
        break;
      }
      int bound = master.logLines(BOUND).size();
      int acked = load.counter().count();
      long started = System.nanoTime();
      swap.perform(jmx);
      long performed = System.nanoTime();
      try {
        await().atMost(TAKE_OVER).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
            .ignoreExceptions().until(() -> master.logLines(BOUND).size() > bound
                && swap.writesThroughNewStorage(jmx));
      } catch (ConditionTimeoutException e) {
        out.printf("  swap %d: the journal did not write through a new storage within %d s%n",
            n, TAKE_OVER.toSeconds());
        break;
      }
      done.add(new Swap(n, acked, started, performed, System.nanoTime()));
    }
    return done;
  }

  private void report(List<Swap> done, AckTimes times, MasterProcess master) throws Exception {
    List<Long> stalls = new ArrayList<>();
    for (Swap s : done) {
      long stall = times.longestGap(s.started(), s.writing());
      stalls.add(stall);
      out.printf("  swap %2d after %6d acknowledged: framework done in %4.0f ms, journal "
          + "writing through the new storage after %4.0f ms; stall %s%n", s.number(),
          s.ackedBefore(), (s.performed() - s.started()) / 1e6, (s.writing() - s.started()) / 1e6,
          stall < 0 ? "unknown (no acknowledgement after it)" : Stalls.millis(stall) + " ms");
    }
    out.printf(Locale.ROOT, "swap: %d acknowledged, %.0f per second%n", times.count(),
        times.perSecond());
    out.println("swap: " + Stalls.summary("stall (longest gap between acknowledgements around "
        + "a swap)", stalls) + "; the issue's target is at most 1000 ms");
    List<Long> back = new ArrayList<>();
    for (String line : master.logLines(BACK)) {
      String after = line.substring(line.indexOf(BACK) + BACK.length());
      back.add(Long.parseLong(after.substring(0, after.indexOf(' '))) * 1_000_000);
    }
    out.println("swap: " + Stalls.summary("the journal's own 'storage is back after N ms' ("
        + back.size() + " logged)", back));
  }

  private static Invariant tookOver(List<Swap> done, int swaps, AckTimes times) {
    long resumed = done.stream().filter(s -> times.longestGap(s.started(), s.writing()) >= 0)
        .count();
    return new Invariant("EverySwapTookOver", done.size() == swaps && resumed == swaps,
        done.size() + " of " + swaps + " swaps: the journal bound the new storage and synced "
            + "through it; after " + resumed + " of them the clients' writes went on");
  }

  private List<Invariant> restartAndVerify(MasterProcess master, ClientLoad load)
      throws Exception {
    List<Invariant> results = new ArrayList<>();
    results.add(WriteChecks.stopAndStart(master, START));
    if (results.get(0).held()) {
      results.add(WriteChecks.acknowledgedExactly("RestartServesExactlyTheAcknowledged", master,
          load.drivers()));
      int stopped = master.stop();
      Commands.Result verify = master.run(Duration.ofMinutes(2), "journal", "verify",
          work.resolve("journal").toString());
      results.add(new Invariant("SequenceNumbersAreContiguous", stopped == 0
          && verify.exitCode() == 0, "graceful stop exit " + stopped + "; journal verify exit "
              + verify.exitCode() + ": " + verify.oneLine()));
    }
    results.add(noErrorsLogged(master));
    return results;
  }

  private static Invariant noErrorsLogged(MasterProcess master) throws Exception {
    List<String> errors = master.logLines(" ERROR ");
    return new Invariant("NoErrorsLogged", errors.isEmpty(), errors.isEmpty()
        ? "no ERROR in the master's log" : errors.size() + " ERROR line(s), first: "
            + errors.get(0));
  }
}
