package io.quire.dailybackup.internal;

import io.quire.backup.BackupFiles;
import io.quire.backup.BackupResult;
import io.quire.backup.Backups;
import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily backup: at {@code time} UTC every day, a backup into the default backup directory,
 * then retention there: the newest {@code retained} files named like backups stay, older ones
 * are deleted, files of any other name are never touched. A failed run is an ERROR and the
 * {@code LastResult}; the next day's run tries again. The time comes from the caller
 * ({@link #tick(Instant)}), so tests need no real clock.
 */
final class DailyBackup {
  private static final Logger LOG = LoggerFactory.getLogger(DailyBackup.class);


  private final Backups backups;
  private final FolderStorageFactory folders;
  private final boolean enabled;
  private final LocalTime time;
  private final int retained;
  private final AtomicLong runsOk = new AtomicLong();
  private final AtomicLong runsFailed = new AtomicLong();
  private volatile Instant nextRun; // written under this; null until the first tick or when off
  private volatile String lastResult = "";
  private volatile boolean lastFailed;

  DailyBackup(Backups backups, FolderStorageFactory folders, boolean enabled, LocalTime time,
      int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("alluxio.master.daily.backup.files.retained must be "
          + "at least 1, not " + retained);
    }
    this.backups = backups;
    this.folders = folders;
    this.enabled = enabled;
    this.time = time;
    this.retained = retained;
  }

  /** The first moment after {@code now} whose UTC time of day is {@code at}. */
  static Instant nextAfter(Instant now, LocalTime at) {
    ZonedDateTime candidate = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(at)
        .atZone(ZoneOffset.UTC);
    if (!candidate.toInstant().isAfter(now)) {
      candidate = candidate.plusDays(1);
    }
    return candidate.toInstant();
  }

  /** Called every second or so: schedules on the first call, runs when the time has come. */
  synchronized void tick(Instant now) {
    if (!enabled) {
      return;
    }
    if (nextRun == null) {
      nextRun = nextAfter(now, time);
      LOG.info("Daily backup at {} UTC, keeping {} backups; next run {}", time, retained,
          nextRun);
      return;
    }
    if (!now.isBefore(nextRun)) {
      nextRun = nextAfter(now, time);
      run(now);
    }
  }

  /** A run now, outside the schedule (which stays as it is). */
  synchronized String runNow(Instant now) {
    run(now);
    return lastResult;
  }

  private void run(Instant now) {
    try {
      BackupResult backup = backups.backup("");
      List<String> deleted = applyRetention(backup.uri());
      lastResult = now + " ok: " + backup.uri() + " (" + backup.entries() + " entries)"
          + (deleted.isEmpty() ? "" : "; deleted " + String.join(", ", deleted));
      lastFailed = false;
      runsOk.incrementAndGet();
      LOG.info("Daily backup written: {}", lastResult);
    } catch (IOException | RuntimeException e) {
      String why = String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ");
      lastResult = now + " FAILED: " + why + (enabled && nextRun != null ? "; next run "
          + nextRun : "");
      lastFailed = true;
      runsFailed.incrementAndGet();
      LOG.error("Daily backup failed: {}; the master goes on, and the next run tries again",
          why, e);
    }
  }

  /** Deletes the oldest backups in the new backup's folder beyond the retained count. */
  private List<String> applyRetention(URI backup) throws IOException {
    URI folder = backup.resolve(".");
    JournalStorage storage = folders.open(folder);
    List<String> names = new ArrayList<>();
    for (String name : storage.list()) {
      if (BackupFiles.isBackupName(name)) {
        names.add(name);
      }
    }
    names.sort(Comparator.comparingLong(BackupFiles::createdMillis).reversed());
    List<String> deleted = new ArrayList<>();
    List<String> beyond = new ArrayList<>(names.subList(Math.min(retained, names.size()),
        names.size()));
    Collections.reverse(beyond); // oldest first
    for (String name : beyond) {
      storage.delete(name);
      deleted.add(name);
      LOG.info("Deleted backup {} in {}: beyond the {} retained", name, folder, retained);
    }
    return deleted;
  }

  boolean enabled() {
    return enabled;
  }

  LocalTime time() {
    return time;
  }

  int retained() {
    return retained;
  }

  Instant nextRun() {
    return nextRun;
  }

  String lastResult() {
    return lastResult;
  }

  boolean lastFailed() {
    return lastFailed;
  }

  /** Runs (scheduled or {@link #runNow}) since this schedule was made that succeeded or failed. */
  long runs(boolean failed) {
    return (failed ? runsFailed : runsOk).get();
  }
}
