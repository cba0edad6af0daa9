package io.quire.restore;

import java.io.IOException;

/**
 * {@code quire:type=Restore}: what {@code bin/quire start -i} imported into this master's
 * journal, and a check of any backup without importing it. Times are ISO-8601 in UTC; empty when
 * nothing was imported.
 */
public interface RestoreMXBean {
  /** The backup imported at this start; empty when none was. */
  String getImportedFrom();

  long getEntriesRestored();

  /** The sequence number of the imported state (the journal goes on after it). */
  long getRestoredSequenceNumber();

  String getRestoreTime();

  /** What happened to {@code -i} at this start, one line: imported, ignored (why) or failed. */
  String getLastOutcome();

  /**
   * Reads the backup whole and checks it (header, every checksum, the entry count), importing
   * nothing. Returns a one-line summary: entries, sequence number, cluster, when it was taken.
   *
   * @throws IOException the backup is missing, unreadable or damaged; the message says how
   */
  String validate(String backupUri) throws IOException;
}
