package io.quire.harness;

import io.quire.harness.hdfs.HdfsJournals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a scenario's masters keep their journals: a local folder beside each master's
 * configuration, or a folder in an HDFS that the harness runs in its own JVM.
 */
public interface JournalBackend extends AutoCloseable {

  /** What {@code --storage} chooses. */
  enum Kind {
    LOCAL, HDFS;

    /** Opens the backend, with anything it runs (an HDFS) under {@code work}. */
    public JournalBackend open(Path work) throws IOException {
      return this == LOCAL ? new LocalDisk() : HdfsJournals.start(work.resolve("minihdfs"), 1);
    }
  }

  /** For the report, e.g. {@code "local disk"}. */
  String describe();

  /** The journal folder of the master that works in {@code dir}: a path or a URI. */
  String journalFolder(Path dir);

  /** Site properties the master needs beyond the folder (lines ending in a newline). */
  String siteProperties();

  /** Whether files open for writing are leased to their writer, as in HDFS. */
  boolean leasesFiles();

  /**
   * The names of {@code folder}'s files open for writing, each with the client holding its
   * lease; empty where files have no leases ({@link #leasesFiles()} false).
   */
  Map<String, String> leaseHolders(String folder) throws IOException;

  @Override
  void close();

  /** The journal in {@code <dir>/journal} on this machine's disk. */
  final class LocalDisk implements JournalBackend {
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
    public boolean leasesFiles() {
      return false;
    }

    @Override
    public Map<String, String> leaseHolders(String folder) {
      return Map.of();
    }

    @Override
    public void close() {}
  }
}
