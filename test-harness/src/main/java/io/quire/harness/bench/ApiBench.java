package io.quire.harness.bench;

import io.quire.client.QuireClient;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Durable mutations through the client API: a real master process on local disk, and
 * {@code writers} threads, each with its own keep-alive {@link QuireClient}, creating directories
 * as fast as the master acknowledges them.
 */
final class ApiBench {

  private ApiBench() {}

  static List<Throughput> run(Path home, Path work, int[] writers, double seconds,
      UnaryOperator<Throughput> report) throws Exception {
    List<Throughput> results = new ArrayList<>();
    try (MasterProcess master = new MasterProcess(new QuireHome(home),
        QuireHome.writeConf(work, ""))) {
      master.format();
      master.start(Duration.ofMinutes(2));
      String address = master.clientAddress();
      warmUp(address, seconds);
      for (int w : writers) {
        results.add(report.apply(measure(address, w, seconds)));
      }
      master.stop();
    }
    return results;
  }

  private static void warmUp(String address, double seconds) throws Exception {
    measure(address, 16, Math.min(seconds, 3));
  }

  private static Throughput measure(String address, int writers, double seconds)
      throws Exception {
    List<Latencies> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    LongAdder done = new LongAdder();
    String run = "/bench-" + System.nanoTime();
    new QuireClient(address, null, Duration.ofSeconds(30)).mkdir(run, true);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    for (int w = 0; w < writers; w++) {
      Latencies latencies = new Latencies();
      perThread.add(latencies);
      String dir = run + "/w" + w;
      Thread thread = new Thread(() -> mkdirsUntil(address, dir, end, latencies, done));
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Latencies all = Latencies.merge(perThread);
    return new Throughput("client API (HTTP/JSON, mkdir), " + writers + " client(s)", done.sum(),
        elapsed, all.quantileMillis(0.5), all.quantileMillis(0.99));
  }

  private static void mkdirsUntil(String address, String dir, long end, Latencies latencies,
      LongAdder done) {
    QuireClient client = new QuireClient(address, null, Duration.ofSeconds(30));
    try {
      client.mkdir(dir, true);
      for (int i = 0; System.nanoTime() < end; i++) {
        long t = System.nanoTime();
        client.mkdir(dir + "/d" + i, false);
        latencies.record(System.nanoTime() - t);
        done.increment();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
