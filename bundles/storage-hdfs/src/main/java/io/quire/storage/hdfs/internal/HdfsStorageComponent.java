package io.quire.storage.hdfs.internal;

import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageView;
import io.quire.storage.hdfs.Hadoop;
import io.quire.storage.hdfs.HdfsJournalStorage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Hashtable;
import javax.management.DynamicMBean;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HDFS journal storage as a service ({@code quire.journal.storage=hdfs}), active only while
 * configuration PID {@code io.quire.storage.hdfs} exists, that is while the launcher selected
 * HDFS storage; the HDFS client settings come from {@code quire.hadoop.conf.dir} in PID
 * {@code io.quire}. Registers {@code quire:type=JournalStorage,name=hdfs}.
 */
@Component(service = {}, configurationPid = {"io.quire", "io.quire.storage.hdfs"},
    configurationPolicy = ConfigurationPolicy.REQUIRE)
public class HdfsStorageComponent {
  private static final Logger LOG = LoggerFactory.getLogger(HdfsStorageComponent.class);

  /** Configuration of PID {@code io.quire.storage.hdfs}. */
  public @interface Config {
    /** The journal folder, {@code hdfs://host:port/dir}. */
    String folder();

    /** A folder with the HDFS client's core-site.xml and hdfs-site.xml (from PID {@code io.quire}). */
    String quire_hadoop_conf_dir() default "";

    /** How long taking over a file a dead master left open may take. */
    long lease_recovery_timeout_millis() default 60_000;
  }

  private final DistributedFileSystem fs;
  private final ServiceRegistration<JournalStorage> service;
  private final ServiceRegistration<DynamicMBean> mbean;

  @Activate
  public HdfsStorageComponent(Config config, BundleContext context)
      throws IOException {
    URI folder = URI.create(config.folder());
    fs = HdfsJournalStorage.connect(folder, Hadoop.configuration(config.quire_hadoop_conf_dir()));
    HdfsJournalStorage storage = new HdfsJournalStorage(fs, folder,
        Duration.ofMillis(config.lease_recovery_timeout_millis()));
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(JournalStorage.TYPE_PROPERTY, storage.type());
    service = context.registerService(JournalStorage.class, storage, properties);
    mbean = StorageView.register(context, storage);
  }

  @Deactivate
  void deactivate() {
    mbean.unregister();
    service.unregister();
    try {
      Hadoop.close(fs);
    } catch (IOException e) {
      LOG.warn("Closing the HDFS client of the journal failed: {}", e.getMessage());
    }
  }
}
