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

  /** Empty while healthy; otherwise why writes stopped. */
  String getFailure();
}
