package io.quire.harness.swap;

import static org.awaitility.Awaitility.await;

import io.quire.harness.Invariant;
import io.quire.harness.MasterJmx;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.harness.load.AckTimes;
import io.quire.harness.load.ClientLoad;
import io.quire.harness.load.WriteChecks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code swap}: a real master, {@code fs -} clients writing, and the journal's storage replaced
 * under them ({@link StorageSwap}) again and again at seeded moments: its bundle updated in
 * place, or the journal moved to another folder ({@code swap --moves}). Nothing acknowledged may
 * be lost and no write may fail: while no storage is bound, or while a move switches folders, the
 * journal holds writes.
 *
 * <p>Steps:
 * <ol>
 *   <li>Format, start the master, start the clients (they write until the scenario stops them).
 *   <li>For each swap: wait for a drawn number ({@value #MIN_ACKS_BETWEEN} to
 *       {@value #MAX_ACKS_BETWEEN}) of further acknowledgements, replace the storage, and wait
 *       until the journal bound the new storage (its log says so) and writes through it.
 *   <li>Wait for {@value #MIN_ACKS_BETWEEN} more acknowledgements, so the last swap's stall has
 *       an end, and stop the clients between two commands: each one's acknowledged count is exact.
 *   <li>Check, stop, point the site file at the folder the journal is in now (after moves: the
 *       last one), start, check again, stop, verify the journal. After moves, verify each folder
 *       left behind, and start a master on one of them, drawn, which must refuse
 *       ({@link LeftBehind}).
 * </ol>
 *
 * <p>The stall of a swap is the longest gap between two acknowledgements (any clients') around
 * it: from the last before the swap began to the first after the journal wrote through the new
 * storage, if writes stopped throughout ({@link AckTimes#longestGap}).
 *
 * <p>Invariants: {@code EverySwapTookOver}, {@code WritesHeldNotFailed},
 * {@code AckedMutationsSurviveSwaps}, {@code CleanRestartSucceeds},
 * {@code RestartServesExactlyTheAcknowledged}, {@code SequenceNumbersAreContiguous},
 * {@code NoErrorsLogged}; after moves also {@code StorageMBeanFollowsTheMove}
 * ({@link JournalMoves}), {@code FoldersLeftBehindAreValid} and
 * {@code FolderLeftBehindRefusesAStart} ({@link LeftBehind}).
 */
public final class SwapScenario {
  static final int MIN_ACKS_BETWEEN = 50;
  static final int MAX_ACKS_BETWEEN = 500;
  private static final String BOUND = "Journal storage bound";
  private static final Duration START = Duration.ofMinutes(2);
  private static final Duration TAKE_OVER = Duration.ofSeconds(60);

  /**
   * One swap's instants ({@link System#nanoTime}).
   *
   * @param heldLine the journal's own figure's log line for this swap; null if none was logged
   *     by the time it wrote through the new storage
   */
  record Swap(int number, int ackedBefore, long started, long performed, long writing,
      String heldLine) {}

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

  /**
   * @param swap how the storage is replaced; a caller that opened it (moves' backends) closes
   *     it after the run
   */
  public SwapScenario(QuireHome home, Path work, PrintStream out, int clients,
      int operationsPerClient, StorageSwap swap) {
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
    try (MasterProcess master = new MasterProcess(home, QuireHome.writeConf(work,
        swap.firstFolder(work), swap.siteProperties()))) {
      master.format();
      master.start(START);
      ClientLoad load = new ClientLoad(master, seed, clients, operationsPerClient);
      List<Swap> done;
      Footprint before = Footprint.of(master.pid());
      Footprint after;
      try (MasterJmx jmx = MasterJmx.connect(master)) {
        done = swapUnderLoad(master, jmx, load, random, swaps);
        load.counter().awaitAtLeast(load.counter().count() + MIN_ACKS_BETWEEN);
        after = Footprint.of(master.pid());
      } finally {
        load.stop();
      }
      out.printf("swap: the master had %s before the first swap, %s after the last%n", before,
          after);
      AckTimes times = load.counter().times();
      results.add(tookOver(done, swaps, times));
      results.addAll(swap.invariants());
      report(done, times, master);
      results.add(WriteChecks.noClientErrors("WritesHeldNotFailed", load.drivers()));
      results.add(WriteChecks.acknowledgedExactly("AckedMutationsSurviveSwaps", master,
          load.drivers()));
      results.addAll(restartAndVerify(master, load, random));
    }
    boolean held = true;
    for (Invariant invariant : results) {
      out.println("  " + invariant.line());
      held &= invariant.held();
    }
    if (!held) {
      out.printf("FAILED; reproduce with: swap --seed %d --swaps %d --clients %d "
          + "--operations %d%s%n", seed, swaps, clients, operationsPerClient,
          swap.options().isEmpty() ? "" : " " + swap.options());
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
      int held = heldLines(master).size();
      int acked = load.counter().count();
      long started = System.nanoTime();
      try {
        swap.perform(jmx);
      } catch (IOException | JMException | RuntimeException e) {
        out.printf("  swap %d failed: %s%n", n, e.getCause() == null ? e : e + ", caused by "
            + e.getCause());
        break;
      }
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
      long writing = System.nanoTime();
      List<String> heldLines = heldLines(master);
      done.add(new Swap(n, acked, started, performed, writing,
          heldLines.size() > held ? heldLines.get(held) : null));
    }
    return done;
  }

  private List<String> heldLines(MasterProcess master) throws IOException {
    return master.logLines("").stream()
        .filter(line -> swap.heldFigure().millis(line).isPresent()).toList();
  }

  private void report(List<Swap> done, AckTimes times, MasterProcess master) throws Exception {
    List<Long> stalls = new ArrayList<>();
    List<String> folders = folders();
    for (Swap s : done) {
      long stall = times.longestGap(s.started(), s.writing());
      stalls.add(stall);
      out.printf(Locale.ROOT, "  swap %2d after %6d acknowledged: %s%s in %4.0f ms, journal "
          + "writing through the new storage after %4.0f ms; stall %s; journal: %s%n",
          s.number(), s.ackedBefore(), s.number() < folders.size() ? "moved to "
              + folders.get(s.number()) + ", " : "", swap.movedTo().isEmpty() ? "framework done"
              : "moveTo returned", (s.performed() - s.started()) / 1e6,
          (s.writing() - s.started()) / 1e6,
          stall < 0 ? "unknown (no acknowledgement after it)" : Stalls.millis(stall) + " ms",
          s.heldLine() == null ? "nothing logged yet" : swap.heldFigure().quote(s.heldLine()));
    }
    out.printf(Locale.ROOT, "swap: %d acknowledged, %.0f per second%n", times.count(),
        times.perSecond());
    out.println("swap: " + Stalls.summary("stall (longest gap between acknowledgements around "
        + "a swap)", stalls) + "; the issue's target is at most 1000 ms");
    List<Long> held = heldLines(master).stream()
        .map(line -> swap.heldFigure().millis(line).getAsLong() * 1_000_000).toList();
    out.println("swap: " + Stalls.summary(swap.heldFigure().name() + " (" + held.size()
        + " logged)", held));
  }

  /** Every folder the journal was in, in order: the first, then those it moved to. */
  private List<String> folders() {
    List<String> folders = new ArrayList<>();
    folders.add(swap.firstFolder(work));
    folders.addAll(swap.movedTo());
    return folders;
  }

  private static Invariant tookOver(List<Swap> done, int swaps, AckTimes times) {
    long resumed = done.stream().filter(s -> times.longestGap(s.started(), s.writing()) >= 0)
        .count();
    return new Invariant("EverySwapTookOver", done.size() == swaps && resumed == swaps,
        done.size() + " of " + swaps + " swaps: the journal bound the new storage and synced "
            + "through it; after " + resumed + " of them the clients' writes went on");
  }

  private List<Invariant> restartAndVerify(MasterProcess master, ClientLoad load, Random random)
      throws Exception {
    List<Invariant> results = new ArrayList<>();
    List<String> folders = folders();
    String last = folders.get(folders.size() - 1);
    results.add(WriteChecks.stopAndStart(master, START, folders.size() > 1 ? last : null));
    if (results.get(0).held()) {
      results.add(WriteChecks.acknowledgedExactly("RestartServesExactlyTheAcknowledged", master,
          load.drivers()));
      results.add(WriteChecks.stopAndVerify(master, last));
    }
    results.add(noErrorsLogged(master));
    if (folders.size() > 1) {
      results.add(LeftBehind.verified(master, folders));
      results.add(LeftBehind.refusesStart(home, work.resolve("left-behind"),
          swap.siteProperties(), folders, random.nextInt(folders.size() - 1)));
    }
    return results;
  }

  private static Invariant noErrorsLogged(MasterProcess master) throws Exception {
    List<String> errors = master.logLines(" ERROR ");
    return new Invariant("NoErrorsLogged", errors.isEmpty(), errors.isEmpty()
        ? "no ERROR in the master's log" : errors.size() + " ERROR line(s), first: "
            + errors.get(0));
  }
}
