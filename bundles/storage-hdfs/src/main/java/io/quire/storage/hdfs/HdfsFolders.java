package io.quire.storage.hdfs;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * Any {@code hdfs:} folder as a {@link JournalStorage}, with one HDFS client per NameNode
 * address, opened on first use and closed with this object. Backups and restores use it inside
 * the server; {@code bin/quire format} and {@code journal verify|dump} use it from the command
 * line, where it is loaded by name ({@link #open(String)}) from Hadoop's jars.
 */
public final class HdfsFolders implements FolderStorageFactory, Closeable {
  /** How long taking over a file a dead writer left open may take. */
  public static final Duration LEASE_RECOVERY = Duration.ofSeconds(60);

  private final Configuration conf;
  private final Duration leaseRecoveryTimeout;
  private final Map<String, DistributedFileSystem> clients = new HashMap<>();
  private boolean closed;

  public HdfsFolders(Configuration conf, Duration leaseRecoveryTimeout) {
    this.conf = conf;
    this.leaseRecoveryTimeout = leaseRecoveryTimeout;
  }

  /**
   * Folders with the client settings of {@code hadoopConfDir} (see
   * {@link Hadoop#configuration}); what the command line calls.
   */
  public static HdfsFolders open(String hadoopConfDir) throws IOException {
    return new HdfsFolders(Hadoop.configuration(hadoopConfDir), LEASE_RECOVERY);
  }

  @Override
  public JournalStorage open(URI folder) throws IOException {
    HdfsJournalStorage.requireHdfsFolder(folder);
    DistributedFileSystem fs;
    synchronized (clients) {
      if (closed) {
        throw new IOException("the HDFS clients are closed; cannot open " + folder);
      }
      fs = clients.get(folder.getAuthority());
      if (fs == null) {
        fs = HdfsJournalStorage.connect(folder, conf);
        clients.put(folder.getAuthority(), fs);
      }
    }
    return new HdfsJournalStorage(fs, folder, leaseRecoveryTimeout);
  }

  /** Closes every client; the first failure is thrown once all were tried. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    synchronized (clients) {
      closed = true;
      for (DistributedFileSystem fs : clients.values()) {
        try {
          Hadoop.close(fs);
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      clients.clear();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
