package io.quire.harness.crash;

import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.load.ClientWorkload;
import io.quire.harness.load.FsBatchClient;
import io.quire.harness.load.Subtrees;
import io.quire.launcher.ProcessExit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The invariants every crash iteration checks:
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
final class CrashChecks {

  private CrashChecks() {}

  static Invariant restart(MasterProcess master, long killedPid) {
    try {
      if (ProcessHandle.of(killedPid).map(p -> !ProcessExit.exited(p)).orElse(false)) {
        return new Invariant("RestartSucceeds", false, "killed pid " + killedPid + " still runs");
      }
      master.start(Duration.ofMinutes(2));
      return new Invariant("RestartSucceeds", master.pid() != killedPid,
          "serving again as pid " + master.pid() + " (killed pid " + killedPid + ")");
    } catch (IOException | InterruptedException e) {
      return new Invariant("RestartSucceeds", false, e.getMessage());
    }
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

  static Invariant verifyJournal(MasterProcess master, Path journal)
      throws IOException, InterruptedException {
    int stopped = master.stop();
    Commands.Result verify = master.run(Duration.ofMinutes(2), "journal", "verify",
        journal.toString());
    return new Invariant("SequenceNumbersAreContiguous", verify.exitCode() == 0,
        "graceful stop exit " + stopped + "; journal verify exit " + verify.exitCode() + ": "
            + verify.oneLine());
  }
}
