package io.quire.dailybackup.internal;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.backup.Backups;
import io.quire.dailybackup.DailyBackupMXBean;
import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.FolderStorages;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link DailyBackup} schedule while a primary offers {@link Backups}, and registers
 * {@code quire:type=DailyBackup} and its meters ({@link DailyBackupMetrics}). The schedule looks
 * at the clock every second.
 */
@Component(configurationPid = "io.quire", configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true, service = {})
public final class DailyBackupComponent {
  private static final Logger LOG = LoggerFactory.getLogger(DailyBackupComponent.class);
  private static final long TICK_MILLIS = 1000;

  /** The keys of PID {@code io.quire} that the schedule reads. */
  @interface Config {
    boolean alluxio_master_daily_backup_enabled() default false;

    String alluxio_master_daily_backup_time() default "05:00";

    int alluxio_master_daily_backup_files_retained() default 3;

    String quire_master_role() default "PRIMARY";
  }

  private final FolderStorages folders = new FolderStorages();
  private final ScheduledExecutorService thread;
  private final ServiceRegistration<DynamicMBean> mbean;
  private final ServiceRegistration<MeterBinder> metrics;

  @Activate
  public DailyBackupComponent(@Reference Backups backups, Config config, BundleContext context)
      throws NotCompliantMBeanException {
    Clock clock = Clock.systemUTC();
    // a secondary offers Backups that refuse; its schedule stays off
    boolean enabled = config.alluxio_master_daily_backup_enabled()
        && "PRIMARY".equalsIgnoreCase(config.quire_master_role().trim());
    DailyBackup daily = new DailyBackup(backups, folders, enabled,
        LocalTime.parse(config.alluxio_master_daily_backup_time().trim()),
        config.alluxio_master_daily_backup_files_retained());
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", "quire:type=DailyBackup");
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(new View(daily, clock), DailyBackupMXBean.class, true), properties);
    metrics = context.registerService(MeterBinder.class, new DailyBackupMetrics(daily, clock),
        null);
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quire-daily-backup");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(() -> {
      try {
        daily.tick(clock.instant());
      } catch (RuntimeException e) {
        LOG.error("Daily backup schedule failed a tick", e); // the next tick goes on
      }
    }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    folders.add(factory, properties);
  }

  void removeFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    folders.remove(factory, properties);
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    mbean.unregister();
    metrics.unregister();
    thread.shutdown();
    if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
      LOG.warn("A daily backup was still running after 60 s; stopping without it");
      thread.shutdownNow();
    }
  }

  /** {@code quire:type=DailyBackup} over the schedule. */
  static final class View implements DailyBackupMXBean {
    private final DailyBackup daily;
    private final Clock clock;

    View(DailyBackup daily, Clock clock) {
      this.daily = daily;
      this.clock = clock;
    }

    @Override
    public boolean isEnabled() {
      return daily.enabled();
    }

    @Override
    public String getTime() {
      return daily.time().toString();
    }

    @Override
    public int getFilesRetained() {
      return daily.retained();
    }

    @Override
    public String getNextRunTime() {
      Instant next = daily.nextRun();
      return next == null ? "" : next.toString();
    }

    @Override
    public String getLastResult() {
      return daily.lastResult();
    }

    @Override
    public boolean isLastRunFailed() {
      return daily.lastFailed();
    }

    @Override
    public String runNow() {
      return daily.runNow(clock.instant());
    }
  }
}
