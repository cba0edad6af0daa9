package io.quire.harness.bench;

import io.quire.client.QuireClient;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Durable mutations through the client API: a real master process on local disk, and
 * {@code writers} threads sharing one {@link QuireClient} (as applications are meant to), each
 * on its own keep-alive connection from the client's pool, creating directories as fast as the
 * master acknowledges them. A latency is the client's whole call: building the JSON, the HTTP
 * exchange, the master's work and its fsync, and reading the answer.
 *
 * <p>The load runs on the same machine as the master and competes with it for the CPU, so the
 * figures are a lower bound of what the master serves to remote clients. Any failed call fails
 * the whole measurement: a rate from writers that died part-way would look better than it is.
 */
final class ApiBench {
  static final String CLIENT = "QuireClient, HTTP/1.1 keep-alive";

  private ApiBench() {}

  static List<Throughput> run(Path home, Path work, int[] writers, double seconds,
      UnaryOperator<Throughput> report) throws Exception {
    List<Throughput> results = new ArrayList<>();
    try (MasterProcess master = new MasterProcess(new QuireHome(home),
        QuireHome.writeConf(work, ""));
        QuireClient client = new QuireClient(master.clientAddress(), null,
            Duration.ofSeconds(30))) {
      master.format();
      master.start(Duration.ofMinutes(2));
      warmUp(client, writers, seconds);
      for (int w : writers) {
        results.add(report.apply(measure(client, w, seconds)));
      }
      master.stop();
    }
    return results;
  }

  /** Lets both JITs compile the request path and the master's thread pool grow. */
  private static void warmUp(QuireClient client, int[] writers, double seconds)
      throws Exception {
    int most = 1;
    for (int w : writers) {
      most = Math.max(most, w);
    }
    measure(client, most, Math.min(seconds, 3));
  }

  private static Throughput measure(QuireClient client, int writers, double seconds)
      throws Exception {
    String run = "/bench-" + System.nanoTime();
    client.mkdir(run, true);
    for (int w = 0; w < writers; w++) {
      client.mkdir(run + "/w" + w, false);
    }
    return TimedWriters.run("client API (HTTP/JSON mkdir, " + CLIENT + "), " + writers
        + " client(s)", writers, seconds,
        (writer, i) -> client.mkdir(run + "/w" + writer + "/d" + i, false));
  }
}
