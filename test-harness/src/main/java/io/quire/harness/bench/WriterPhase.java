package io.quire.harness.bench;

import io.quire.master.internal.BenchNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code writers} threads doing the master's mkdir in-process for a while, each under its own
 * directory {@code /latency/w<n>}, with a latency per acknowledged mkdir; optionally while a
 * {@link CheckpointLoop} runs. Any failure fails the measurement.
 */
final class WriterPhase {

  private WriterPhase() {}

  /** @param phase a name part that keeps this phase's directories apart from other phases' */
  static Throughput run(BenchNamespace namespace, String phase, int writers, double seconds,
      CheckpointLoop checkpoints) throws Exception {
    List<Latencies> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    LongAdder done = new LongAdder();
    AtomicReference<Exception> failure = new AtomicReference<>();
    if (checkpoints != null) {
      checkpoints.start();
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    for (int w = 0; w < writers; w++) {
      Latencies latencies = new Latencies();
      perThread.add(latencies);
      String dir = "/latency/w" + w + "/" + phase;
      Thread thread = new Thread(() -> mkdirsUntil(namespace, dir, end, latencies, done, failure),
          "writer-" + w);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (checkpoints != null) {
      checkpoints.stop();
    }
    if (failure.get() != null) {
      throw new IOException("writers failed in phase " + phase + ": " + failure.get(),
          failure.get());
    }
    Latencies all = Latencies.merge(perThread);
    return new Throughput(phase, done.sum(), elapsed, all.quantileMillis(0.5),
        all.quantileMillis(0.99));
  }

  private static void mkdirsUntil(BenchNamespace namespace, String dir, long end,
      Latencies latencies, LongAdder done, AtomicReference<Exception> failure) {
    try {
      namespace.mkdir(dir);
      for (int i = 0; System.nanoTime() < end && failure.get() == null; i++) {
        long t = System.nanoTime();
        namespace.mkdir(dir + "/d" + i);
        latencies.record(System.nanoTime() - t);
        done.increment();
      }
    } catch (IOException e) {
      failure.compareAndSet(null, e);
    } catch (InterruptedException e) {
      failure.compareAndSet(null, e);
      Thread.currentThread().interrupt();
    }
  }
}
