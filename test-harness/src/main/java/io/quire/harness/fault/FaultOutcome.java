package io.quire.harness.fault;

import io.quire.harness.load.AckTimes;
import io.quire.harness.load.FsBatchClient;
import java.util.List;
import java.util.Locale;

/**
 * What one fault did to the writes, from the clients' side. Instants are {@link System#nanoTime}.
 *
 * @param fault which fault
 * @param part which part of the storage was down
 * @param ackedBefore acknowledgements before the part went down
 * @param began when it was taken down
 * @param restarted when it served again
 * @param noticed what the master did while the part was down
 * @param journal what the journal logged of its storage from the fault until writes resumed
 * @param resumed when the clients' writes were seen going on after the restart; -1 if they did
 *     not within the scenario's patience
 */
record FaultOutcome(StorageFault fault, String part, int ackedBefore, long began, long restarted,
    String noticed, String journal, long resumed) {

  /** The longest gap between acknowledgements around the fault, in ns; -1 if none came after. */
  long gap(AckTimes times) {
    return times.longestGap(began, restarted);
  }

  /** Whether a client error seen at {@code instant} falls in this fault's stretch of time. */
  boolean covers(long instant) {
    return instant >= began && (resumed < 0 || instant <= resumed);
  }

  /** The errors clients saw during this fault. */
  List<String> errors(List<FsBatchClient> drivers) {
    return drivers.stream().filter(d -> d.error() != null && covers(d.errorAt()))
        .map(d -> d.workload().root() + ": " + d.error()).toList();
  }

  String describe(AckTimes times, List<FsBatchClient> drivers) {
    long gap = gap(times);
    List<String> errors = errors(drivers);
    return String.format(Locale.ROOT, "%s (%s) after %d acknowledged: down for %.1f s, %s; "
        + "longest gap between acknowledgements %s; %s; %s; client errors: %s",
        fault.description(), part, ackedBefore, (restarted - began) / 1e9, noticed,
        gap < 0 ? "unknown (none after it)" : String.format(Locale.ROOT, "%.0f ms", gap / 1e6),
        resumed < 0 ? "writes did NOT resume" : String.format(Locale.ROOT,
            "writes resumed (%d more acknowledged within %.1f s of the restart)",
            times.countBetween(restarted, resumed), (resumed - restarted) / 1e9),
        journal, errors.isEmpty() ? "none" : errors);
  }
}
