package io.quire.checkpointer.internal;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.checkpointer.CheckpointerMXBean;
import io.quire.journal.Journal;
import io.quire.journal.StateSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Checkpointer} while a master serves its state (the {@link StateSource}
 * service comes and goes with it) and registers {@code quire:type=Checkpointer} and its meters
 * ({@link CheckpointerMetrics}).
 */
@Component(configurationPid = "io.quire", configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true, service = {})
public final class CheckpointerComponent {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointerComponent.class);
  private static final long TICK_MILLIS = 250;

  /** The keys of PID {@code io.quire} that the checkpointer reads. */
  @interface Config {
    long alluxio_master_journal_checkpoint_period_entries() default 2_000_000;

    /** Milliseconds (the launcher turns the configured duration into them). */
    long quire_checkpoint_overdue_after() default 3_600_000;

    String quire_master_role() default "PRIMARY";
  }

  private final ScheduledExecutorService thread;
  private final ServiceRegistration<DynamicMBean> mbean;
  private final Checkpointer checkpointer;
  private final ServiceRegistration<MeterBinder> metrics;

  @Activate
  public CheckpointerComponent(@Reference Journal journal, @Reference StateSource source,
      Config config, BundleContext context) throws NotCompliantMBeanException {
    checkpointer = new Checkpointer(journal, source,
        config.alluxio_master_journal_checkpoint_period_entries(),
        Duration.ofMillis(config.quire_checkpoint_overdue_after()), Clock.systemUTC(),
        "PRIMARY".equalsIgnoreCase(config.quire_master_role().trim()));
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", "quire:type=Checkpointer");
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(checkpointer, CheckpointerMXBean.class, true), properties);
    CheckpointerMetrics meters = new CheckpointerMetrics(checkpointer);
    checkpointer.observe(meters);
    metrics = context.registerService(MeterBinder.class, meters, null);
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quire-checkpointer");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(() -> {
      try {
        checkpointer.tick();
      } catch (RuntimeException e) {
        LOG.error("Checkpointer tick failed", e); // and the next tick tries again
      }
    }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info("Checkpointer started: a checkpoint every {} entries",
        config.alluxio_master_journal_checkpoint_period_entries());
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    mbean.unregister();
    metrics.unregister();
    checkpointer.observe(null);
    thread.shutdown();
    if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
      LOG.warn("A checkpoint was still being written after 60 s; stopping without it");
      thread.shutdownNow();
    }
  }
}
