package io.quire.console;

/**
 * MXBean interfaces with the attributes of the operator contract, declared here rather than taken
 * from the server bundles: the console must work from the names and open types alone.
 */
final class FakeMBeans {
  private FakeMBeans() {}

  public interface Master {
    String getRole();

    long getInodeCount();

    String getStartTime();
  }

  public interface Journal {
    String getFolder();

    String getStorageType();

    long getLastSequenceNumber();

    long getEntriesSinceCheckpoint();

    int getLogFileCount();

    long getLogBytes();

    String getFailure();
  }

  public interface JournalStorage {
    String getUri();

    boolean isHealthy();

    long getBytesWritten();

    long getSyncs();
  }

  public interface Checkpointer {
    long getPeriodEntries();

    long getLastCheckpointSequenceNumber();

    String getLastCheckpointTime();

    long getLastCheckpointAgeSeconds();

    boolean isOverdue();

    String getLastFailure();

    long checkpoint();
  }

  public interface Backup {
    String getLastBackupUri();

    String getLastBackupTime();

    long getLastBackupEntryCount();

    boolean isInProgress();

    long getProgressBytes();

    String backup(String targetDirUri);
  }

  public interface DailyBackup {
    boolean isEnabled();

    String getTime();

    int getFilesRetained();

    String getNextRunTime();

    String getLastResult();

    boolean isLastRunFailed();

    String runNow();
  }

  public interface Restore {
    String getImportedFrom();

    long getEntriesRestored();

    long getRestoredSequenceNumber();

    String getRestoreTime();

    String getLastOutcome();

    String validate(String backupUri) throws java.io.IOException;
  }

  /** A storage of a newer server: attributes the console has no names for. */
  public interface NewerJournalStorage extends JournalStorage {
    String getType();

    long getLastSyncMicros();
  }

  static final class MasterBean implements Master {
    @Override public String getRole() { return "PRIMARY"; }
    @Override public long getInodeCount() { return 1234; }
    @Override public String getStartTime() { return "2026-11-02T08:00:00Z"; }
  }

  static final class JournalBean implements Journal {
    @Override public String getFolder() { return "/var/quire/journal"; }
    @Override public String getStorageType() { return "local"; }
    @Override public long getLastSequenceNumber() { return 987654; }
    @Override public long getEntriesSinceCheckpoint() { return 4321; }
    @Override public int getLogFileCount() { return 3; }
    @Override public long getLogBytes() { return 10_485_760L; }
    @Override public String getFailure() { return ""; }
  }

  static final class StorageBean implements JournalStorage {
    private final String uri;

    StorageBean(String uri) {
      this.uri = uri;
    }

    @Override public String getUri() { return uri; }
    @Override public boolean isHealthy() { return true; }
    @Override public long getBytesWritten() { return 42; }
    @Override public long getSyncs() { return 7; }
  }

  static final class CheckpointerBean implements Checkpointer {
    private volatile long last = 983333;

    @Override public long getPeriodEntries() { return 2_000_000; }
    @Override public long getLastCheckpointSequenceNumber() { return last; }
    @Override public String getLastCheckpointTime() { return "2026-11-02T09:30:00Z"; }
    @Override public long getLastCheckpointAgeSeconds() { return 5400; }
    @Override public boolean isOverdue() { return true; }
    @Override public String getLastFailure() { return "No space left on device"; }

    @Override
    public long checkpoint() {
      last = 987654;
      return last;
    }
  }

  static final class BackupBean implements Backup {
    volatile String lastTarget;
    private volatile String lastUri = "file:/backups/alluxio-journal-2026-11-01-1761976800000.gz";

    @Override public String getLastBackupUri() { return lastUri; }
    @Override public String getLastBackupTime() { return "2026-11-01T05:00:00Z"; }
    @Override public long getLastBackupEntryCount() { return 5000; }
    /** Progress reads a slow backup waits for before it ends; 0: it ends at once. */
    volatile java.util.concurrent.CountDownLatch progressReads = new java.util.concurrent.CountDownLatch(0);
    private volatile boolean inProgress;

    @Override public boolean isInProgress() { return inProgress; }

    @Override
    public long getProgressBytes() {
      progressReads.countDown();
      return 3_500_000 * (2 - progressReads.getCount());
    }

    @Override
    public String backup(String targetDirUri) {
      inProgress = true;
      try {
        if (!progressReads.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new IllegalStateException("nobody read the progress");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inProgress = false;
      }
      lastTarget = targetDirUri;
      String dir = targetDirUri.isEmpty() ? "file:/backups" : targetDirUri;
      lastUri = dir + "/alluxio-journal-2026-11-02-1762070400000.gz";
      return lastUri;
    }
  }

  static final class DailyBackupBean implements DailyBackup {
    /** What the next runNow() reports: null for a good run, else why it failed. */
    volatile String nextFailure;
    private volatile String lastResult = "";
    private volatile boolean lastRunFailed;

    @Override public boolean isEnabled() { return true; }
    @Override public String getTime() { return "05:00"; }
    @Override public int getFilesRetained() { return 3; }
    @Override public String getNextRunTime() { return "2026-11-03T05:00:00Z"; }
    @Override public String getLastResult() { return lastResult; }
    @Override public boolean isLastRunFailed() { return lastRunFailed; }

    @Override
    public String runNow() {
      lastRunFailed = nextFailure != null;
      lastResult = lastRunFailed
          ? "2026-11-02T10:00:00Z FAILED: " + nextFailure + "; next run 2026-11-03T05:00:00Z"
          : "2026-11-02T10:00:00Z ok: file:/backups/alluxio-journal-2026-11-02-1762077600000.gz (5000 entries)";
      return lastResult;
    }
  }

  static final class RestoreBean implements Restore {
    static final String GOOD = "file:/backups/alluxio-journal-2026-11-01-1761976800000.gz";

    @Override public String getImportedFrom() { return GOOD; }
    @Override public long getEntriesRestored() { return 5000; }
    @Override public long getRestoredSequenceNumber() { return 4999; }
    @Override public String getRestoreTime() { return "2026-11-02T08:00:01Z"; }
    @Override public String getLastOutcome() { return "imported 5000 entries from " + GOOD; }

    /** The good backup passes; any other is missing (a message naming it, as the server's does). */
    @Override
    public String validate(String backupUri) throws java.io.IOException {
      if (!GOOD.equals(backupUri)) {
        throw new java.io.IOException("backup " + backupUri + " is truncated: 120 bytes, no end record",
            new java.io.EOFException("at byte 120"));
      }
      return backupUri + ": a good backup of 5000 entries, state at sequence 4999";
    }
  }

  static final class NewerStorageBean implements NewerJournalStorage {
    @Override public String getUri() { return "hdfs://nn:8020/quire/journal"; }
    @Override public String getType() { return "hdfs"; }
    @Override public boolean isHealthy() { return false; }
    @Override public long getBytesWritten() { return 4096; }
    @Override public long getSyncs() { return 9; }
    @Override public long getLastSyncMicros() { return 1250; }
  }
}
