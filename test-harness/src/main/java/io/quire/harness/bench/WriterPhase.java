package io.quire.harness.bench;

import io.quire.master.internal.BenchNamespace;

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

  private static String dir(String phase, int writer) {
    return "/latency/w" + writer + "/" + phase;
  }
}
