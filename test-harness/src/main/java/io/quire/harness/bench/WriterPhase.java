package io.quire.harness.bench;

import io.quire.master.internal.BenchNamespace;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * {@code writers} threads doing the master's mkdir in-process for a while, each under its own
 * directory {@code /latency/w<n>}, with a latency per acknowledged mkdir; optionally while a
 * {@link BackToBack} runs checkpoints or backups. Any failure fails the measurement.
 */
final class WriterPhase {

  private WriterPhase() {}

  /** @param phase a name part that keeps this phase's directories apart from other phases' */
  static Throughput run(BenchNamespace namespace, String phase, int writers, double seconds,
      BackToBack background) throws Exception {
    for (int w = 0; w < writers; w++) {
      namespace.mkdir(dir(phase, w));
    }
    if (background != null) {
      background.start();
    }
    try {
      return TimedWriters.run(phase, writers, seconds,
          (writer, i) -> namespace.mkdir(dir(phase, writer) + "/d" + i));
    } finally {
      if (background != null) {
        background.stop();
      }
    }
  }

  /** The heading of {@link #compare}'s table. */
  static void printHeading(PrintStream out, int writers, double seconds) {
    out.println();
    out.printf(Locale.ROOT, "Acknowledgement latency, %d in-process writers (mkdir through the "
        + "master's Namespace: journal, apply, wait until durable), %.0f s per row%n%n", writers,
        seconds);
    out.println("| measured | mutations/s | p50 ms | p99 ms |");
    out.println("|---|---|---|---|");
  }

  /**
   * The latency comparison of the checkpoint and backup benchmarks: {@code writers} on
   * {@code namespace} after a warm-up with nothing in the background, then while
   * {@code background} runs, then with nothing again (to see drift); each row reported as it is
   * measured.
   *
   * @param operation what runs in the background, for the rows' names ("checkpoint", "backup")
   */
  static List<Throughput> compare(BenchNamespace namespace, int writers, double seconds,
      String operation, BackToBack background, UnaryOperator<Throughput> report)
      throws Exception {
    namespace.mkdir("/latency");
    for (int w = 0; w < writers; w++) {
      namespace.mkdir("/latency/w" + w);
    }
    run(namespace, "warm-up", writers, Math.min(seconds, 3), null);
    String what = String.format(Locale.ROOT, "namespace mkdir in-process, %d writers, %,d "
        + "inodes", writers, namespace.inodes());
    List<Throughput> results = new ArrayList<>();
    results.add(report.apply(run(namespace, "a", writers, seconds, null)
        .named(what + ", no " + operation)));
    Throughput during = run(namespace, "b", writers, seconds, background);
    results.add(report.apply(during.named(what + ", " + operation + "s back to back: "
        + background.summary())));
    results.add(report.apply(run(namespace, "c", writers, seconds, null)
        .named(what + ", no " + operation + " (again)")));
    return results;
  }

  private static String dir(String phase, int writer) {
    return "/latency/w" + writer + "/" + phase;
  }
}
