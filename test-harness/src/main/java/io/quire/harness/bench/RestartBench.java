package io.quire.harness.bench;

import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.master.internal.BenchJournalWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restart of a real master on a journal of {@code entries} mkdirs: the whole {@code bin/quire
 * start} (JVM, framework, bundles, replay, serving) and the replay alone as the master logs it
 * (journal decode and CRC plus applying every entry to the namespace).
 */
final class RestartBench {

  private static final Pattern REPLAYED = Pattern.compile("replayed (\\d+) entries in (\\d+) ms");

  private RestartBench() {}

  static List<Throughput> run(Path home, Path work, long entries) throws Exception {
    Path conf = QuireHome.writeConf(work, "");
    BenchJournalWriter.write(work.resolve("journal"), entries);
    try (MasterProcess master = new MasterProcess(new QuireHome(home), conf)) {
      long start = System.nanoTime();
      master.start(Duration.ofMinutes(5));
      double startSeconds = (System.nanoTime() - start) / 1e9;
      Matcher replayed = REPLAYED.matcher(Files.readString(master.logFile()));
      master.stop();
      if (!replayed.find()) {
        throw new IOException("the master's log has no 'replayed N entries in M ms' line");
      }
      long count = Long.parseLong(replayed.group(1));
      double replaySeconds = Long.parseLong(replayed.group(2)) / 1e3;
      return List.of(
          new Throughput("master replay on restart (decode + apply), " + count + " entries",
              count, replaySeconds, Double.NaN, Double.NaN),
          new Throughput(String.format(java.util.Locale.ROOT,
              "bin/quire start to serving with %d entries: %.2f s (entries/s of the whole start)",
              count, startSeconds), count, startSeconds, Double.NaN, Double.NaN));
    }
  }
}
