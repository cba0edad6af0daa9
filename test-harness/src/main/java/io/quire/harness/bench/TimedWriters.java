package io.quire.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measuring loop the throughput benchmarks share: {@code writers} threads, each repeating
 * one operation until a deadline and timing every call. The first failure stops every writer
 * and fails the measurement, so a point is never reported from writers that quietly died.
 */
final class TimedWriters {

  /** The {@code i}-th operation of writer {@code writer}; it returns once acknowledged. */
  interface Operation {
    void run(int writer, long i) throws Exception;
  }

  private TimedWriters() {}

  /** @param what the point's name, also in the threads' names and a failure's message */
  static Throughput run(String what, int writers, double seconds, Operation operation)
      throws IOException, InterruptedException {
    List<Latencies> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    LongAdder done = new LongAdder();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    for (int w = 0; w < writers; w++) {
      Latencies latencies = new Latencies();
      perThread.add(latencies);
      int writer = w;
      Thread thread = new Thread(() -> {
        try {
          for (long i = 0; System.nanoTime() < end && failure.get() == null; i++) {
            long t = System.nanoTime();
            operation.run(writer, i);
            latencies.record(System.nanoTime() - t);
            done.increment();
          }
        } catch (InterruptedException e) {
          failure.compareAndSet(null, e);
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      }, what + " #" + w);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failure.get() != null) {
      throw new IOException(what + " failed: " + failure.get(), failure.get());
    }
    Latencies all = Latencies.merge(perThread);
    return new Throughput(what, done.sum(), elapsed, all.quantileMillis(0.5),
        all.quantileMillis(0.99));
  }
}
