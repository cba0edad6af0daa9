package io.quire.harness.bench;

import io.quire.backup.BackupResult;
import io.quire.backup.Backups;
import io.quire.backup.internal.BenchBackups;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.master.internal.BenchJournalWriter;
import io.quire.master.internal.BenchNamespace;
import io.quire.restore.internal.BenchRestore;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --backups}: backup time and size of a namespace, in-process with the backup
 * bundle's own writer; restore of that backup in-process (import into a formatted journal, then
 * the master's load of what was imported) and through a real master ({@code format}, then
 * {@code bin/quire start -i} to serving); and writers' acknowledgement latency with and without
 * backups running back to back. Each table is followed by the target it is held against.
 */
final class BackupSuite {

  static final int RUNS = 3;
  private static final long TARGET_BACKUP_MILLIS = 2_000;
  private static final double TARGET_RESTORE_SECONDS = 3;
  private static final double TARGET_P99_INCREASE_MILLIS = 50;
  private static final Pattern RESTORED = Pattern.compile("Restored (\\d+) entries from backup "
      + "\\S+ \\(state at sequence \\d+, taken \\S+\\) in (\\d+) ms");

  private final PrintStream out;
  private final Path root;
  private final Path home;
  private final double seconds;

  BackupSuite(PrintStream out, Path root, Path home, double seconds) {
    this.out = out;
    this.root = root;
    this.home = home;
    this.seconds = seconds;
  }

  int run(long inodes, int writers) throws Exception {
    if (!MachineInfo.heapHolds(inodes, "bench --backups", out)) {
      return 2;
    }
    out.println("machine: " + MachineInfo.describe(root));
    out.println("command: bin/quire-harness bench --backups --backup-inodes " + inodes
        + " --latency-writers " + writers + " --seconds " + seconds);

    Path source = BenchCommand.fresh(root, "backup-source");
    BenchJournalWriter.write(source, inodes);
    Path backups = BenchCommand.fresh(root, "backups");
    List<BackupResult> written = new ArrayList<>();
    List<Throughput> latency = new ArrayList<>();
    try (BenchNamespace namespace = BenchNamespace.open(source)) {
      Backups writer = BenchBackups.writer(namespace.journal(), namespace.stateSource());
      written.addAll(backups(namespace, writer, backups));
      latency.addAll(latency(namespace, writer, backups, writers));
    }
    String uri = written.get(0).uri().toString();
    List<long[]> imports = imports(uri);
    List<long[]> starts = starts(uri);
    printTargets(written, imports, starts, latency);
    return 0;
  }

  private List<BackupResult> backups(BenchNamespace namespace, Backups writer, Path dir)
      throws Exception {
    out.println();
    out.println("Backup time and size (in-process: the backup bundle's writer on the master's "
        + "namespace: snapshot, gzip, sync, rename, read-back check)");
    out.println();
    out.println("| inodes | backup bytes | bytes/inode | backup ms, " + RUNS + " runs |");
    out.println("|---|---|---|---|");
    List<BackupResult> results = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      if (run > 0) {
        namespace.mkdir("/backup-bench-" + run);
      }
      results.add(writer.backup(dir.toUri().toString()));
    }
    BackupResult last = results.get(results.size() - 1);
    out.printf(Locale.ROOT, "| %,d | %,d | %.1f | %s |%n", last.entries(), last.bytes(),
        last.bytes() / (double) last.entries(), BenchCommand.join(results.stream()
            .mapToLong(BackupResult::millis), ", "));
    // keep the first (the one restored below) and delete the others
    for (BackupResult r : results.subList(1, results.size())) {
      Files.delete(Path.of(r.uri()));
    }
    return results;
  }

  private List<Throughput> latency(BenchNamespace namespace, Backups writer, Path dir,
      int writers) throws Exception {
    WriterPhase.printHeading(out, writers, seconds);
    Path scratch = BenchCommand.fresh(dir, "back-to-back");
    return WriterPhase.compare(namespace, writers, seconds, "backup", new BackToBack(() -> {
      BackupResult r = writer.backup(scratch.toUri().toString());
      Files.delete(Path.of(r.uri())); // keep the disk's use flat
      return new BackToBack.Run(r.millis(), r.bytes());
    }), this::print);
  }

  /** In-process: {import ms, load ms} per run, each into a freshly formatted journal. */
  private List<long[]> imports(String uri) throws Exception {
    out.println();
    out.println("Restore in-process: the restore bundle's import of the first backup into a "
        + "just-formatted journal (read, check, write and sync the first checkpoint), then the "
        + "master's load of that journal");
    out.println();
    out.println("| run | import ms | load ms (namespace recovery from the imported checkpoint) "
        + "| total ms |");
    out.println("|---|---|---|---|");
    List<long[]> results = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      Path folder = BenchCommand.fresh(root, "restored");
      LocalJournalStorage storage = new LocalJournalStorage(folder);
      JournalFolder.format(storage, Clock.systemUTC());
      long start = System.nanoTime();
      try (SegmentedJournal journal = new SegmentedJournal(storage,
          SegmentedJournal.Options.defaults(), Clock.systemUTC())) {
        BenchRestore.importInto(journal, uri);
      }
      long importMillis = (System.nanoTime() - start) / 1_000_000;
      long loadMillis;
      try (BenchNamespace restored = BenchNamespace.open(folder)) {
        loadMillis = restored.recovery().millis();
      }
      results.add(new long[] {importMillis, loadMillis});
      out.printf(Locale.ROOT, "| %d | %d | %d | %d |%n", run, importMillis, loadMillis,
          importMillis + loadMillis);
    }
    return results;
  }

  /**
   * A real master: {@code format}, then {@code bin/quire start -i} to serving, {@link #RUNS}
   * times after one that is not measured (it writes the class-data archive at its stop):
   * {wall ms, import ms as logged}.
   */
  private List<long[]> starts(String uri) throws Exception {
    out.println();
    out.println("Restore through a real master: bin/quire format, then bin/quire start -i "
        + "BACKUP_URI to serving");
    out.println();
    out.println("| run | format + start -i to serving, s | import ms (as logged) | entries |");
    out.println("|---|---|---|---|");
    List<long[]> results = new ArrayList<>();
    Path work = BenchCommand.fresh(root, "restore-start");
    try (MasterProcess master = new MasterProcess(new QuireHome(home),
        QuireHome.writeConf(work, ""))) {
      for (int run = 0; run <= RUNS; run++) {
        long start = System.nanoTime();
        master.format();
        master.startRestoring(uri, Duration.ofMinutes(5));
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        String line = master.lastLogLine("Restored ");
        if (master.stop() != 0) {
          throw new IOException("bin/quire stop failed after start -i");
        }
        Matcher m = line == null ? null : RESTORED.matcher(line);
        if (m == null || !m.find()) {
          throw new IOException("no 'Restored N entries' line after start -i: " + line);
        }
        if (run == 0) {
          continue; // writes the class-data archive at its stop; later starts map it
        }
        results.add(new long[] {wallMillis, Long.parseLong(m.group(2))});
        out.printf(Locale.ROOT, "| %d | %.2f | %s | %,d |%n", run, wallMillis / 1e3, m.group(2),
            Long.parseLong(m.group(1)));
      }
    }
    return results;
  }

  private void printTargets(List<BackupResult> written, List<long[]> imports,
      List<long[]> starts, List<Throughput> latency) {
    out.println();
    long backupMedian = median(written.stream().mapToLong(BackupResult::millis).toArray());
    out.printf(Locale.ROOT, "target: backup of %,d inodes within %d ms: median of %d runs %d "
        + "ms, %s%n", written.get(0).entries(), TARGET_BACKUP_MILLIS, written.size(),
        backupMedian, backupMedian <= TARGET_BACKUP_MILLIS ? "met" : "NOT met");
    long inProcess = median(imports.stream().mapToLong(r -> r[0] + r[1]).toArray());
    long whole = median(starts.stream().mapToLong(r -> r[0]).toArray());
    out.printf(Locale.ROOT, "target: restore within %.0f s: import + load median %d ms, %s; "
        + "format + start -i to serving median %.2f s, %s%n", TARGET_RESTORE_SECONDS,
        inProcess, inProcess <= TARGET_RESTORE_SECONDS * 1000 ? "met" : "NOT met", whole / 1e3,
        whole <= TARGET_RESTORE_SECONDS * 1000 ? "met" : "NOT met");
    double increase = latency.get(1).p99Millis() - latency.get(0).p99Millis();
    out.printf(Locale.ROOT, "target: p99 during backups within %.0f ms of normal: %+.2f ms "
        + "(%.2f against %.2f), %s%n", TARGET_P99_INCREASE_MILLIS, increase,
        latency.get(1).p99Millis(), latency.get(0).p99Millis(),
        increase <= TARGET_P99_INCREASE_MILLIS ? "met" : "NOT met");
  }

  private Throughput print(Throughput t) {
    out.println(t.row());
    out.flush();
    return t;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
