package io.quire.harness.load;

import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Invariants on what the clients wrote to a master that was never killed (the storage swap and
 * HDFS fault scenarios). The clients were stopped between two commands ({@link ClientLoad#stop}),
 * so each one's count of acknowledged commands is exact: its subtree must hold exactly their
 * effect, with one exception, a client that stopped at an error, whose refused command may have
 * become durable ({@code NOT_DURABLE}: the outcome is unknown). {@link #stopAndVerify}, the
 * check every scenario ends with, serves the crash scenarios too.
 */
public final class WriteChecks {

  private WriteChecks() {}

  /** Each subtree equals the state after exactly its client's acknowledged commands. */
  public static Invariant acknowledgedExactly(String name, MasterProcess master,
      List<FsBatchClient> drivers) throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    long acknowledged = 0;
    Map<String, TreeSet<String>> listings = Subtrees.listings(master,
        drivers.stream().map(d -> d.workload().root()).toList());
    for (FsBatchClient driver : drivers) {
      ClientWorkload workload = driver.workload();
      TreeSet<String> actual = listings.get(workload.root());
      int k = driver.acknowledged();
      acknowledged += k;
      boolean exact = actual.equals(workload.stateAfter(k));
      boolean refusedApplied = driver.error() != null && actual.equals(workload.stateAfter(k + 1));
      if (!exact && !refusedApplied) {
        problems.add(workload.root() + " after " + k + " acknowledged: "
            + Subtrees.difference(workload.stateAfter(k), actual));
      }
    }
    return new Invariant(name, problems.isEmpty(), problems.isEmpty()
        ? drivers.size() + " subtrees hold exactly their " + acknowledged
            + " acknowledged mutations" : String.join("; ", problems));
  }

  /**
   * {@code CleanRestartSucceeds}: {@code bin/quire stop} exits 0 and {@code bin/quire start}
   * serves again within {@code timeout}.
   */
  public static Invariant stopAndStart(MasterProcess master, Duration timeout)
      throws InterruptedException {
    return stopAndStart(master, timeout, null);
  }

  /**
   * {@code CleanRestartSucceeds} after the journal moved: {@code bin/quire stop} exits 0, the
   * master's site file is pointed at {@code journalFolder} (as the operator must after a move),
   * and {@code bin/quire start} serves again within {@code timeout}.
   *
   * @param journalFolder the folder to start on; null to leave the site file as it is
   */
  public static Invariant stopAndStart(MasterProcess master, Duration timeout,
      String journalFolder) throws InterruptedException {
    int stopped = -1;
    try {
      stopped = master.stop();
      if (journalFolder != null) {
        QuireHome.setJournalFolder(master.conf(), journalFolder);
      }
      long start = System.nanoTime();
      master.start(timeout);
      return new Invariant("CleanRestartSucceeds", stopped == 0, String.format(Locale.ROOT,
          "graceful stop exit %d; %sserving again after %.1f s", stopped,
          journalFolder == null ? "" : "started on " + journalFolder + ", ",
          (System.nanoTime() - start) / 1e9));
    } catch (IOException e) {
      return new Invariant("CleanRestartSucceeds", false, "graceful stop exit " + stopped + "; "
          + e.getMessage());
    }
  }

  /**
   * {@code SequenceNumbersAreContiguous}: {@code bin/quire stop} exits 0, then
   * {@code bin/quire journal verify} of the folder (checksums, sequence continuity) exits 0.
   *
   * @param journal the folder, a path or a URI
   */
  public static Invariant stopAndVerify(MasterProcess master, String journal)
      throws IOException, InterruptedException {
    int stopped = master.stop();
    Commands.Result verify = master.run(Duration.ofMinutes(2), "journal", "verify", journal);
    return new Invariant("SequenceNumbersAreContiguous", stopped == 0 && verify.exitCode() == 0,
        "graceful stop exit " + stopped + "; journal verify exit " + verify.exitCode() + ": "
            + verify.oneLine());
  }

  /** No client saw an error: every command it sent was acknowledged. */
  public static Invariant noClientErrors(String name, List<FsBatchClient> drivers) {
    List<String> errors = new ArrayList<>();
    for (FsBatchClient driver : drivers) {
      if (driver.error() != null) {
        errors.add(driver.workload().root() + ": " + driver.error());
      }
    }
    int acknowledged = drivers.stream().mapToInt(FsBatchClient::acknowledged).sum();
    return new Invariant(name, errors.isEmpty(), errors.isEmpty()
        ? "all " + acknowledged + " commands the " + drivers.size()
            + " clients sent were acknowledged, none failed" : errors.toString());
  }
}
