package io.quire.harness.bench;

import io.quire.harness.Commands;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.master.internal.BenchJournalWriter;
import io.quire.master.internal.BenchNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restart of a real master from a checkpoint of {@code inodes} directories followed by
 * {@code entries} more mkdirs in the logs: the whole {@code bin/quire start} to serving, and the
 * recovery the master logs (checkpoint load, then replay), {@link #STARTS} times on the same
 * folder, after one start and stop that are not measured (they write the class-data archive). For comparison, the same from the checkpoint alone (the load without the replay) and
 * from an empty journal (everything a start does besides recovery).
 *
 * <p>The folder is prepared in-process with the master's own classes: a journal of
 * {@code inodes} mkdirs, recovered into a namespace, checkpointed, then {@code entries} more
 * mkdirs (1,000 new top directories {@code /q<n>} and the rest below them).
 */
final class CheckpointRestartBench {

  static final int STARTS = 5;
  private static final Pattern SERVING = Pattern.compile("loaded (no checkpoint|checkpoint "
      + "(\\S+) \\((\\d+) inodes\\)), replayed (\\d+) entries in (\\d+) ms");

  private CheckpointRestartBench() {}

  /** One start: wall time to serving, and what the master logged of its recovery. */
  record Start(String journal, int index, double toServingSeconds, String checkpoint,
      long checkpointInodes, long replayed, long recoveryMillis) {

    String row() {
      return String.format(Locale.ROOT, "| %s | %d | %.2f | %,d | %s | %,d | %,d |", journal,
          index, toServingSeconds, recoveryMillis, checkpoint, checkpointInodes, replayed);
    }

    static String header() {
      return "| journal | start | bin/quire start to serving, s | recovery ms (checkpoint load "
          + "+ replay, as logged) | checkpoint loaded | its inodes | log entries replayed |\n"
          + "|---|---|---|---|---|---|---|";
    }
  }

  /**
   * {@link #STARTS} starts from the checkpoint and its log entries, then as many on an empty
   * journal: the part of a start that is not recovery (JVMs, framework, bundles, serving).
   */
  static List<Start> run(Path home, Path work, long inodes, long entries) throws Exception {
    Path withEntries = work.resolve("checkpoint-and-entries");
    prepare(withEntries.resolve("journal"), inodes, entries);
    Path checkpointOnly = work.resolve("checkpoint-only");
    prepare(checkpointOnly.resolve("journal"), inodes, 0);
    Path empty = work.resolve("empty");
    List<Start> results = new ArrayList<>();
    settle();
    results.addAll(starts(home, withEntries, false, String.format(Locale.ROOT,
        "checkpoint of %,d inodes + %,d entries", inodes, entries)));
    results.addAll(starts(home, checkpointOnly, false, String.format(Locale.ROOT,
        "checkpoint of %,d inodes, no entry after it", inodes)));
    results.addAll(starts(home, empty, true, "empty (just formatted)"));
    return results;
  }

  private static List<Start> starts(Path home, Path work, boolean format, String journal)
      throws Exception {
    List<Start> results = new ArrayList<>();
    try (MasterProcess master = new MasterProcess(new QuireHome(home),
        QuireHome.writeConf(work, ""))) {
      if (format) {
        master.format();
      }
      // Not measured: a home's first start runs without the class-data archive, which its
      // first clean stop writes (see ClassDataArchive); every later start maps it.
      master.start(Duration.ofMinutes(5));
      master.stop();
      for (int i = 1; i <= STARTS; i++) {
        long start = System.nanoTime();
        master.start(Duration.ofMinutes(5));
        double startSeconds = (System.nanoTime() - start) / 1e9;
        String line = master.lastLogLine("Master serving as");
        master.stop();
        Matcher m = line == null ? null : SERVING.matcher(line);
        if (m == null || !m.find()) {
          throw new IOException("no recovery figures in the master's serving line: " + line);
        }
        boolean loaded = m.group(2) != null;
        results.add(new Start(journal, i, startSeconds, loaded ? m.group(2) : "none",
            loaded ? Long.parseLong(m.group(3)) : 0, Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5))));
      }
    }
    return results;
  }

  /**
   * Lets the writes of the preparation reach the disk before the clock runs, so that the starts
   * are not charged with their write-back.
   */
  private static void settle() throws IOException, InterruptedException {
    Commands.run(List.of("sync"), Duration.ofMinutes(5)).requireSuccess();
  }

  private static void prepare(Path journal, long inodes, long entries) throws Exception {
    BenchJournalWriter.write(journal, inodes);
    try (BenchNamespace namespace = BenchNamespace.open(journal)) {
      namespace.checkpoint();
      long last = 0;
      for (long i = 0; i < entries; i++) {
        last = namespace.appendMkdir(i < 1000 ? "/q" + i : "/q" + (i % 1000) + "/e" + i);
      }
      if (last > 0) {
        namespace.awaitDurable(last);
      }
    }
  }
}
