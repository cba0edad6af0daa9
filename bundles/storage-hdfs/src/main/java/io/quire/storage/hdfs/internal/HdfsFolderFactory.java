package io.quire.storage.hdfs.internal;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.hdfs.Hadoop;
import io.quire.storage.hdfs.HdfsFolders;
import java.io.IOException;
import java.net.URI;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HDFS folders ({@code hdfs:} URIs) for backups and restores, with the HDFS client settings of
 * {@code quire.hadoop.conf.dir} (configuration PID {@code io.quire}, where the launcher put it).
 */
@Component(property = FolderStorageFactory.SCHEME_PROPERTY + "=hdfs", configurationPid = "io.quire",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class HdfsFolderFactory implements FolderStorageFactory {
  private static final Logger LOG = LoggerFactory.getLogger(HdfsFolderFactory.class);

  /** What this component reads of PID {@code io.quire}. */
  public @interface Config {
    /** A folder with the HDFS client's core-site.xml and hdfs-site.xml; empty for Hadoop's defaults. */
    String quire_hadoop_conf_dir() default "";
  }

  private final HdfsFolders folders;

  @Activate
  public HdfsFolderFactory(Config config) throws IOException {
    folders = new HdfsFolders(Hadoop.configuration(config.quire_hadoop_conf_dir()), HdfsFolders.LEASE_RECOVERY);
  }

  @Override
  public JournalStorage open(URI folder) throws IOException {
    return folders.open(folder);
  }

  @Deactivate
  void deactivate() {
    try {
      folders.close();
    } catch (IOException e) {
      LOG.warn("Closing an HDFS client failed: {}", e.getMessage());
    }
  }
}
