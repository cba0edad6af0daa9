package io.quire.dailybackup;

/**
 * {@code quire:type=DailyBackup}: a backup every day at a fixed UTC time, then retention. Times
 * are ISO-8601 in UTC.
 */
public interface DailyBackupMXBean {
  /** {@code alluxio.master.daily.backup.enabled}. */
  boolean isEnabled();

  /** {@code alluxio.master.daily.backup.time}, {@code HH:mm} in UTC. */
  String getTime();

  /** {@code alluxio.master.daily.backup.files.retained}. */
  int getFilesRetained();

  /** When the next daily backup runs; empty when daily backups are off. */
  String getNextRunTime();

  /** The last run (scheduled or {@link #runNow}), one line: when, and the backup or the failure. */
  String getLastResult();

  /** Whether the last run failed. */
  boolean isLastRunFailed();

  /** Runs a daily backup (backup, then retention) now, whether or not the schedule is on. */
  String runNow();
}
