package io.quire.journal.storage;

/**
 * {@code quire:type=JournalStorage,name=<type>} over any backend: what each storage bundle
 * registers for the storage it offers.
 */
public final class StorageView implements JournalStorageMXBean {
  private final JournalStorage storage;

  public StorageView(JournalStorage storage) {
    this.storage = storage;
  }

  /** The MBean's name for {@code storage}. */
  public static String objectName(JournalStorage storage) {
    return "quire:type=JournalStorage,name=" + storage.type();
  }

  @Override
  public String getUri() {
    return storage.uri().toString();
  }

  @Override
  public String getType() {
    return storage.type();
  }

  @Override
  public boolean isHealthy() {
    return storage.stats().healthy();
  }

  @Override
  public long getBytesWritten() {
    return storage.stats().bytesWritten();
  }

  @Override
  public long getSyncs() {
    return storage.stats().syncs();
  }
}
