package io.quire.harness;

import io.quire.harness.hdfs.HdfsJournals;
import io.quire.harness.nfs.NfsJournals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a scenario's masters keep their journals: a local folder beside each master's
 * configuration, a folder in an HDFS that the harness runs in its own JVM, or a folder on the
 * machine's NFS server that the harness starts.
 */
public interface JournalBackend extends AutoCloseable {

  /** What {@code --storage} chooses. */
  enum Kind {
    LOCAL, HDFS, NFS;

    /**
     * Opens the backend, with anything it runs (an HDFS, an NFS server) under {@code work}.
     *
     * @param home the Quire source tree: the NFS server is its {@code nfs-server.sh}
     */
    public JournalBackend open(QuireHome home, Path work) throws IOException, InterruptedException {
      return switch (this) {
        case LOCAL -> new LocalDisk();
        case HDFS -> HdfsJournals.start(work.resolve("minihdfs"), 1);
        case NFS -> NfsJournals.start(home, work.resolve("nfs-server"), null);
      };
    }

    /** As {@code --storage} takes it: {@code local}, {@code hdfs}, {@code nfs}. */
    public String option() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which of {@code --storage}'s choices this is. */
  Kind kind();

  /** For the report, e.g. {@code "local disk"}. */
  String describe();

  /** The journal folder of the master that works in {@code dir}: a path or a URI. */
  String journalFolder(Path dir);

  /** Site properties the master needs beyond the folder (lines ending in a newline). */
  String siteProperties();

  /** Whether files open for writing are leased to their writer, as in HDFS (not local disk or NFS). */
  default boolean leasesFiles() {
    return false;
  }

  /**
   * The names of {@code folder}'s files open for writing, each with the client holding its
   * lease; empty where files have no leases ({@link #leasesFiles()} false).
   */
  default Map<String, String> leaseHolders(String folder) throws IOException {
    return Map.of();
  }

  /** Stops what the backend runs (an HDFS, an NFS server); the journals stay on disk. */
  @Override
  void close() throws IOException, InterruptedException;

  /** The journal in {@code <dir>/journal} on this machine's disk. */
  final class LocalDisk implements JournalBackend {
    @Override
    public Kind kind() {
      return Kind.LOCAL;
    }

    @Override
    public String describe() {
      return "local disk";
    }

    @Override
    public String journalFolder(Path dir) {
      return dir.resolve("journal").toString();
    }

    @Override
    public String siteProperties() {
      return "";
    }

    @Override
    public void close() {}
  }
}
