package io.quire.storage.hdfs;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * The HDFS clients a test opens, one per "master", so that another master is another client as
 * it is across machines; all closed after the test.
 */
final class MasterClients implements AutoCloseable {
  private static final Duration LEASE_RECOVERY = Duration.ofSeconds(60);

  private final List<DistributedFileSystem> clients = new ArrayList<>();

  /** The folder as one master sees it: through a client of its own. */
  HdfsJournalStorage master(URI folder) throws IOException {
    DistributedFileSystem fs = HdfsJournalStorage.connect(folder, HdfsJournalStorageTest.clientConf());
    clients.add(fs);
    return new HdfsJournalStorage(fs, folder, LEASE_RECOVERY);
  }

  @Override
  public void close() {
    for (DistributedFileSystem fs : clients) {
      try {
        fs.close();
      } catch (IOException e) {
        // a client whose file another client took over, or whose stream broke, may fail to
        // close it; nothing to keep
      }
    }
    clients.clear();
  }
}
