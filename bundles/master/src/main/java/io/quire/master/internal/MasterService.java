package io.quire.master.internal;

import io.quire.journal.Journal;
import io.quire.journal.RecoveryResult;
import io.quire.journal.StateImporter;
import io.quire.journal.StateSource;
import io.quire.master.MasterMXBean;
import io.quire.master.Role;
import java.io.IOException;
import java.time.Clock;
import java.util.Dictionary;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master: recovers the namespace from the journal, then serves it; or, as a secondary
 * master, follows the journal another master writes and offers its state to the checkpointer,
 * never serving clients (no namespace service, so no client API) and never appending.
 *
 * <p>Start-up, per {@code docs/design-contracts.md}:
 * <ol>
 *   <li>register {@code quire:type=Master} (state RECOVERING), so a slow recovery is visible;
 *   <li>replay the journal into a new {@link Namespace}, on a thread of its own (activation
 *       returns at once; deactivation cancels the replay and waits for that thread);
 *   <li>register the namespace as a service, which activates the client API servlet;
 *   <li>register the readiness marker {@code quire.master.state=SERVING}, or, when recovery
 *       failed, {@code FAILED} with a one-line {@code quire.master.failure}: the launcher stops
 *       the framework on it, so activation itself never throws.
 * </ol>
 */
@Component(configurationPid = "io.quire", configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true, service = {})
@Designate(ocd = MasterService.Config.class)
public final class MasterService {
  static final String STATE = "quire.master.state";
  static final String FAILURE = "quire.master.failure";
  static final String OBJECT_NAME = "quire:type=Master";

  private static final Logger LOG = LoggerFactory.getLogger(MasterService.class);
  private static final long FOLLOW_MILLIS = 100;
  /** The restore bundle starts at the master's start level; it is there in moments. */
  private static final long IMPORTER_WAIT_MILLIS = 30_000;

  @ObjectClassDefinition(name = "Quire master", description = "From conf/quire-site.properties")
  @interface Config {
    @AttributeDefinition(description = "PRIMARY or SECONDARY, from the start command")
    String quire_master_role() default "PRIMARY";

    @AttributeDefinition(description = "Where the client API listens")
    String alluxio_master_hostname() default "localhost";

    @AttributeDefinition(description = "Port of the client API")
    int alluxio_master_web_port() default 19999;

    @AttributeDefinition(description = "bin/quire start -i: the backup to import into an empty "
        + "journal before recovering", required = false)
    String quire_restore_uri() default "";
  }

  private final BundleContext context;
  private final Namespace namespace;
  private final MasterStatus status;
  private final ServiceRegistration<DynamicMBean> mbean;
  private final Thread recovery; // null when the configuration names no role
  private volatile boolean stopping;
  // Written by the recovery thread; read by deactivate after joining it.
  private ServiceRegistration<Namespace> namespaceService;
  private ServiceRegistration<StateSource> stateSource;
  private ServiceRegistration<Object> readiness;
  private ScheduledExecutorService followerThread;

  /**
   * Registers the MBean and starts the recovery on its own thread, so that the bundles and the
   * client API's server (a later start level) start while the journal is read: on two cores that
   * took about 0.3 s off a start from a checkpoint of 1M inodes and 1M entries.
   */
  @Activate
  public MasterService(@Reference Journal journal, BundleContext context, Config config)
      throws NotCompliantMBeanException {
    this.context = context;
    Clock clock = Clock.systemUTC();
    namespace = new Namespace(journal, clock);
    Role role = parseRole(config.quire_master_role());
    status = new MasterStatus(role == null ? Role.PRIMARY : role, clock.instant(), namespace);
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(status, MasterMXBean.class, true), properties("jmx.objectname",
            OBJECT_NAME));
    if (role == null) {
      recovery = null;
      readiness = failedMarker(failed("quire.master.role: '" + config.quire_master_role()
          + "' is not one of PRIMARY, STANDBY, SECONDARY", null));
    } else {
      String restoreUri = config.quire_restore_uri().trim();
      recovery = new Thread(() -> recoverThenServe(role, clock, journal, restoreUri),
          "quire-recovery");
      recovery.start();
    }
  }

  private void recoverThenServe(Role role, Clock clock, Journal journal, String restoreUri) {
    String failure = restoreUri.isEmpty() ? null : importBackup(role, journal, restoreUri);
    if (failure == null) {
      failure = recover(clock);
    }
    if (stopping) {
      return; // deactivate is waiting for this thread; nothing to offer any more
    }
    if (failure != null) {
      readiness = failedMarker(failure);
      return;
    }
    // A secondary never serves clients: without the namespace service, no client API.
    namespaceService = role == Role.SECONDARY ? null
        : context.registerService(Namespace.class, namespace, null);
    followerThread = role == Role.SECONDARY ? follow(clock) : null;
    stateSource = context.registerService(StateSource.class, namespace::stateSnapshot, null);
    readiness = context.registerService(Object.class, new Object(), properties(STATE,
        "SERVING"));
  }

  private ServiceRegistration<Object> failedMarker(String failure) {
    Dictionary<String, Object> props = properties(STATE, "FAILED");
    props.put(FAILURE, failure);
    return context.registerService(Object.class, new Object(), props);
  }

  /** Starts applying the primary's new entries, a few times a second. */
  private ScheduledExecutorService follow(Clock clock) {
    SecondaryFollower follower = new SecondaryFollower(namespace, clock);
    status.following(follower);
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quire-follower");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(follower::tick, FOLLOW_MILLIS, FOLLOW_MILLIS,
        TimeUnit.MILLISECONDS);
    return thread;
  }

  /**
   * {@code start -i}: the primary has the restore importer fill its journal (if the journal is
   * empty) before recovering from it; any other master ignores the backup with a WARN.
   *
   * @return null to go on recovering, else the one-line reason the start fails
   */
  private String importBackup(Role role, Journal journal, String uri) {
    if (role != Role.PRIMARY) {
      LOG.warn("Ignoring -i {}: a {} master never imports a backup; the primary does", uri,
          role);
      return null;
    }
    ServiceTracker<StateImporter, StateImporter> importers =
        new ServiceTracker<>(context, StateImporter.class, null);
    importers.open();
    try {
      StateImporter importer = importers.waitForService(IMPORTER_WAIT_MILLIS);
      if (importer == null) {
        return failed("cannot restore from " + uri + ": no restore importer (bundle "
            + "quire-restore) is running", null);
      }
      importer.importInto(journal, uri);
      return null;
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      return failed("restore from backup failed: " + message, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted while waiting for the restore importer", e);
    } finally {
      importers.close();
    }
  }

  /** @return null when serving, else the one-line reason */
  private String recover(Clock clock) {
    try {
      RecoveryResult r = namespace.recover();
      status.serving(r, clock.instant());
      NamespaceSnapshot s = namespace.snapshot();
      String base = r.checkpoint() == null ? "no checkpoint" : "checkpoint "
          + r.checkpoint().name() + " (" + r.checkpoint().entries() + " inodes)";
      LOG.info("Master {} as {}: loaded {}, replayed {} entries in {} ms, last sequence {},"
          + " {} inodes", status.getRole().equals("SECONDARY") ? "following the journal"
          : "serving", status.getRole(), base, r.entriesReplayed(), r.millis(),
          s.lastAppliedSequence(), s.inodeCount());
      r.repairs().forEach(repair -> LOG.warn("Journal repaired during recovery: {}", repair));
      return null;
    } catch (RecoveryCancelledException e) {
      LOG.info("Master stopped while recovering: {}", e.getMessage());
      status.failed(e.getMessage());
      return e.getMessage();
    } catch (IOException | RuntimeException e) {
      // Reported through the readiness marker, which makes the launcher exit 1 with it.
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      return failed("journal recovery failed: " + message, e);
    }
  }

  private String failed(String why, Throwable cause) {
    String reason = oneLine(why);
    LOG.error("Master cannot serve: {}", reason, cause);
    status.failed(reason);
    return reason;
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    stopping = true;
    if (recovery != null) {
      namespace.cancelRecovery();
      recovery.join();
    }
    if (stateSource != null) {
      stateSource.unregister();
    }
    if (namespaceService != null) {
      namespaceService.unregister();
    }
    if (followerThread != null) {
      followerThread.shutdown();
      followerThread.awaitTermination(30, TimeUnit.SECONDS);
    }
    namespace.stop();
    status.stopped();
    if (readiness != null) {
      readiness.unregister();
    }
    mbean.unregister();
    LOG.info("Master stopped at sequence {}", namespace.snapshot().lastAppliedSequence());
  }

  /** @return null when {@code role} names no role */
  private static Role parseRole(String role) {
    for (Role r : Role.values()) {
      if (r.name().equalsIgnoreCase(role.trim())) {
        return r;
      }
    }
    return null;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  private static Dictionary<String, Object> properties(String key, Object value) {
    Dictionary<String, Object> props = new Hashtable<>();
    props.put(key, value);
    return props;
  }
}
