package io.quire.backup;

import java.io.IOException;

/**
 * {@code quire:type=Backup}: manual backups of the primary's state, written while writes go on.
 * Times are ISO-8601 in UTC; empty before the first backup.
 */
public interface BackupMXBean {
  String getLastBackupUri();

  String getLastBackupTime();

  long getLastBackupEntryCount();

  long getLastBackupSequenceNumber();

  long getLastBackupBytes();

  long getLastBackupDurationMillis();

  /** The last backup's failure, one line; empty when the last backup succeeded. */
  String getLastFailure();

  boolean isInProgress();

  /** Bytes of state written by the backup in progress so far (before compression). */
  long getProgressBytes();

  /**
   * Writes a backup and returns its URI.
   *
   * @param targetDirUri empty: {@code alluxio.master.backup.directory} within the root
   *     under-storage; a path: that directory within the root under-storage; a URI
   *     ({@code file:///...}, {@code hdfs://...}): that directory
   */
  String backup(String targetDirUri) throws IOException;
}
