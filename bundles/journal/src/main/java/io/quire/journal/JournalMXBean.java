package io.quire.journal;

/** {@code quire:type=Journal}: the journal as operators see it. */
public interface JournalMXBean {
  String getFolder();

  String getStorageType();

  String getClusterId();

  long getLastSequenceNumber();

  long getDurableSequenceNumber();

  long getEntriesSinceCheckpoint();

  int getLogFileCount();

  long getLogBytes();

  /** Empty while healthy; otherwise why writes stopped for good. */
  String getFailure();

  /**
   * Empty while the storage takes writes; during an outage (writes held, retried until the
   * storage is back or {@code quire.journal.storage.timeout} fails them) the storage's last error.
   */
  String getStorageProblem();

  /** Empty until the journal moved while running; then the folder it was started on. */
  String getMovedFrom();

  /**
   * Moves the running journal to {@code folder} (a local path, or a URI a storage bundle serves:
   * {@code hdfs://host:port/dir}, {@code nfs://host/export/dir}), an empty or freshly formatted
   * folder. Writes are held, not failed, during the switch; the old folder stays a valid
   * journal up to it and no master starts on it again (see {@code docs/operations.md}).
   *
   * @return what happened, naming the site-file change to make before the next start
   */
  String moveTo(String folder);
}
