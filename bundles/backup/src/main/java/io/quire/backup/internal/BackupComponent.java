package io.quire.backup.internal;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.backup.BackupMXBean;
import io.quire.backup.BackupResult;
import io.quire.backup.Backups;
import io.quire.journal.Journal;
import io.quire.journal.StateSource;
import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.FolderStorages;
import java.io.IOException;
import java.time.Clock;
import java.util.Hashtable;
import java.util.Map;
import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Offers {@link Backups}, {@code quire:type=Backup} and the backup meters ({@link BackupMetrics})
 * while the master serves its state (the {@link StateSource} service comes and goes with it).
 * Backup folders are opened by the storage bundle that serves their URI scheme
 * ({@link FolderStorageFactory}).
 */
@Component(configurationPid = "io.quire", configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true, service = {})
public final class BackupComponent {

  /** The keys of PID {@code io.quire} that backups read. */
  @interface Config {
    String alluxio_master_backup_directory() default "/alluxio_backups";

    String alluxio_master_mount_table_root_ufs();

    String quire_master_role() default "PRIMARY";
  }

  private final FolderStorages folders = new FolderStorages();
  @Reference
  private Journal journal;
  @Reference
  private StateSource state;
  private ServiceRegistration<Backups> service;
  private ServiceRegistration<DynamicMBean> mbean;
  private BackupWriter writer;
  private ServiceRegistration<MeterBinder> metrics;

  /**
   * Registers the backup service once SCR has bound the folder factories present (it binds
   * dynamic references after construction, before this).
   */
  @Activate
  void activate(Config config, BundleContext context) throws NotCompliantMBeanException {
    String role = config.quire_master_role().trim();
    writer = new BackupWriter(journal, state, folders, Clock.systemUTC(),
        config.alluxio_master_backup_directory(), config.alluxio_master_mount_table_root_ufs(),
        "PRIMARY".equalsIgnoreCase(role) ? null
            : "backups are taken by the primary master; this master is " + role);
    service = context.registerService(Backups.class, writer, null);
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", "quire:type=Backup");
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(new View(writer), BackupMXBean.class, true), properties);
    BackupMetrics meters = new BackupMetrics();
    writer.observe(meters);
    metrics = context.registerService(MeterBinder.class, meters, null);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    folders.add(factory, properties);
  }

  void removeFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    folders.remove(factory, properties);
  }


  @Deactivate
  void deactivate() {
    mbean.unregister();
    metrics.unregister();
    writer.observe(null);
    service.unregister();
  }

  /** {@code quire:type=Backup} over the writer. */
  static final class View implements BackupMXBean {
    private final BackupWriter writer;

    View(BackupWriter writer) {
      this.writer = writer;
    }

    @Override
    public String getLastBackupUri() {
      BackupResult last = writer.last();
      return last == null ? "" : last.uri().toString();
    }

    @Override
    public String getLastBackupTime() {
      BackupResult last = writer.last();
      return last == null ? "" : last.created().toString();
    }

    @Override
    public long getLastBackupEntryCount() {
      BackupResult last = writer.last();
      return last == null ? 0 : last.entries();
    }

    @Override
    public long getLastBackupSequenceNumber() {
      BackupResult last = writer.last();
      return last == null ? 0 : last.sequence();
    }

    @Override
    public long getLastBackupBytes() {
      BackupResult last = writer.last();
      return last == null ? 0 : last.bytes();
    }

    @Override
    public long getLastBackupDurationMillis() {
      BackupResult last = writer.last();
      return last == null ? 0 : last.millis();
    }

    @Override
    public String getLastFailure() {
      return writer.lastFailure();
    }

    @Override
    public boolean isInProgress() {
      return writer.inProgress();
    }

    @Override
    public long getProgressBytes() {
      return writer.progressBytes();
    }

    @Override
    public String backup(String targetDirUri) throws IOException {
      try {
        return writer.backup(targetDirUri).uri().toString();
      } catch (IOException | RuntimeException e) {
        // JConsole has only the JDK's classes: the reason crosses JMX as a plain message
        throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
  }
}
