package io.quire.storage.hdfs.internal;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.hdfs.Hadoop;
import io.quire.storage.hdfs.HdfsJournalStorage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HDFS folders ({@code hdfs:} URIs) for backups and restores: one HDFS client per NameNode,
 * opened on first use and closed with the bundle.
 */
@Component(property = FolderStorageFactory.SCHEME_PROPERTY + "=hdfs")
public class HdfsFolderFactory implements FolderStorageFactory {
  private static final Logger LOG = LoggerFactory.getLogger(HdfsFolderFactory.class);
  private static final Duration LEASE_RECOVERY = Duration.ofSeconds(60);

  private final Map<String, DistributedFileSystem> clients = new HashMap<>();

  @Override
  public JournalStorage open(URI folder) throws IOException {
    HdfsJournalStorage.requireHdfsFolder(folder);
    DistributedFileSystem fs;
    synchronized (clients) {
      fs = clients.get(folder.getAuthority());
      if (fs == null) {
        fs = HdfsJournalStorage.connect(folder, Hadoop.call(Configuration::new));
        clients.put(folder.getAuthority(), fs);
      }
    }
    return new HdfsJournalStorage(fs, folder, LEASE_RECOVERY);
  }

  @Deactivate
  void deactivate() {
    synchronized (clients) {
      for (DistributedFileSystem fs : clients.values()) {
        try {
          Hadoop.close(fs);
        } catch (IOException e) {
          LOG.warn("Closing an HDFS client failed: {}", e.getMessage());
        }
      }
      clients.clear();
    }
  }
}
