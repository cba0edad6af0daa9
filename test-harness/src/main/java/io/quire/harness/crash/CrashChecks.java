package io.quire.harness.crash;

import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.load.ClientWorkload;
import io.quire.harness.load.FsBatchClient;
import io.quire.harness.load.Subtrees;
import io.quire.launcher.ProcessExit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The invariants every crash iteration checks:
 * <ul>
 *   <li>{@code RestartSucceeds}: the master serves again after the kill, with no manual repair.
 *   <li>{@code DeadMastersLeasesTakenOver} (storage with leases, HDFS): the files the dead
 *       master left open under its lease are, once the new master serves, no longer held by it.
 *   <li>{@code AckedMutationsSurviveCrash}: each client's subtree equals the state after its
 *       acknowledged commands, or after one more (the command in flight at the kill may have
 *       become durable without its answer arriving).
 *   <li>{@code NoRefusalBeforeCrash}: no command was refused while the master was alive.
 *   <li>{@code SequenceNumbersAreContiguous}: {@code bin/quire journal verify} accepts the folder
 *       after a graceful stop.
 * </ul>
 */
final class CrashChecks {

  private CrashChecks() {}

  static Invariant restart(MasterProcess master, long killedPid) {
    try {
      if (ProcessHandle.of(killedPid).map(p -> !ProcessExit.exited(p)).orElse(false)) {
        return new Invariant("RestartSucceeds", false, "killed pid " + killedPid + " still runs");
      }
      long start = System.nanoTime();
      master.start(Duration.ofMinutes(2));
      return new Invariant("RestartSucceeds", master.pid() != killedPid, String.format(
          Locale.ROOT, "serving again as pid %d (killed pid %d), start took %.1f s",
          master.pid(), killedPid, (System.nanoTime() - start) / 1e9));
    } catch (IOException | InterruptedException e) {
      return new Invariant("RestartSucceeds", false, e.getMessage());
    }
  }

  /**
   * @param leftOpen the files open after the kill, by lease holder: the dead master's
   * @param now the files open now that the new master serves, by lease holder
   */
  static Invariant leasesTakenOver(Map<String, String> leftOpen, Map<String, String> now) {
    List<String> stillHeld = new ArrayList<>();
    for (Map.Entry<String, String> file : leftOpen.entrySet()) {
      if (file.getValue().equals(now.get(file.getKey()))) {
        stillHeld.add(file.getKey() + " (" + file.getValue() + ")");
      }
    }
    boolean held = !leftOpen.isEmpty() && stillHeld.isEmpty();
    return new Invariant("DeadMastersLeasesTakenOver", held, leftOpen.isEmpty()
        ? "the kill left no file open: nothing was being written?"
        : stillHeld.isEmpty() ? leftOpen.size() + " file(s) the dead master held open were taken "
            + "over; open now: " + now
            : "still under the dead master's lease: " + stillHeld);
  }

  static Invariant checkSubtrees(MasterProcess master, List<FsBatchClient> drivers)
      throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    int inFlightApplied = 0;
    for (FsBatchClient driver : drivers) {
      ClientWorkload workload = driver.workload();
      TreeSet<String> actual = Subtrees.listing(master, workload.root());
      int k = driver.acknowledged();
      if (actual.equals(workload.stateAfter(k))) {
        continue;
      }
      if (k < workload.commands().size() && actual.equals(workload.stateAfter(k + 1))) {
        inFlightApplied++;
        continue;
      }
      problems.add(workload.root() + " after " + k + " acknowledged: "
          + Subtrees.difference(workload.stateAfter(k), actual));
    }
    return new Invariant("AckedMutationsSurviveCrash", problems.isEmpty(), problems.isEmpty()
        ? drivers.size() + " subtrees match their acknowledged commands (" + inFlightApplied
            + " also hold the command in flight)" : String.join("; ", problems));
  }

  static Invariant noRefusals(List<FsBatchClient> drivers) {
    List<String> refused = new ArrayList<>();
    for (FsBatchClient driver : drivers) {
      if (driver.error() != null) {
        refused.add(driver.error());
      }
    }
    return new Invariant("NoRefusalBeforeCrash", refused.isEmpty(),
        refused.isEmpty() ? "every command answered before the kill was ok" : refused.toString());
  }


}
