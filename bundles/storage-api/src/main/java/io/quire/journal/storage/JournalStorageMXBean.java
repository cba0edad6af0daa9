package io.quire.journal.storage;

/** {@code quire:type=JournalStorage,name=<local|nfs|hdfs>}: one backend as operators see it. */
public interface JournalStorageMXBean {
  String getUri();

  String getType();

  boolean isHealthy();

  long getBytesWritten();

  long getSyncs();
}
