package io.quire.launcher;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Felix, embedded: created through {@code ServiceLoader<FrameworkFactory>}, bundles installed
 * with their start levels, and raised one level at a time so that the launcher can act between
 * levels (write the configuration before Quire's bundles start).
 */
final class EmbeddedFramework {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFramework.class);
  private static final long LEVEL_TIMEOUT_SECONDS = 60;

  private final Framework framework;
  private final FrameworkEvents events = new FrameworkEvents();

  private EmbeddedFramework(Framework framework) {
    this.framework = framework;
  }

  /**
   * Creates and initialises the framework (start level 0) and registers the platform
   * MBeanServer, which Aries JMX tracks to publish the framework MBeans and the whiteboard
   * MBeans.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static EmbeddedFramework init(Map<String, Object> properties) throws BundleException {
    FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
        .orElseThrow(() -> new BundleException("no OSGi FrameworkFactory on the class path"));
    // Felix accepts objects (the logger) in its launch properties; the API types them as strings.
    Framework framework = factory.newFramework((Map) properties);
    EmbeddedFramework embedded = new EmbeddedFramework(framework);
    framework.init(embedded.events);
    BundleContext context = framework.getBundleContext();
    context.addFrameworkListener(embedded.events);
    context.registerService(MBeanServer.class, ManagementFactory.getPlatformMBeanServer(), null);
    return embedded;
  }

  BundleContext context() {
    return framework.getBundleContext();
  }

  /** Installs every jar with its start level and marks it to start when its level is reached. */
  void install(List<Path> jars) throws BundleException {
    for (Path jar : jars) {
      Bundle bundle = context().installBundle(BundleJars.location(jar));
      int level = StartLevels.of(bundle.getSymbolicName());
      bundle.adapt(BundleStartLevel.class).setStartLevel(level);
      if (!isFragment(bundle)) {
        bundle.start();
      }
      LOG.debug("Installed {} {} at start level {}", bundle.getSymbolicName(), bundle.getVersion(), level);
    }
  }

  /** Starts the framework at start level 1. */
  void start() throws BundleException {
    framework.start();
  }

  /** Raises the start level and waits until every bundle of the new level has been started. */
  void raiseStartLevel(int level) throws InterruptedException, TimeoutException {
    CountDownLatch reached = new CountDownLatch(1);
    framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> reached.countDown());
    if (!reached.await(LEVEL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException("start level " + level + " not reached within " + LEVEL_TIMEOUT_SECONDS + " s");
    }
    LOG.info("Start level {} reached", level);
  }

  /** One line per bundle that should be active and is not, with the framework's reason. */
  List<String> inactiveBundles() {
    List<String> problems = new ArrayList<>();
    for (Bundle bundle : context().getBundles()) {
      if (bundle.getBundleId() != 0 && !isFragment(bundle) && bundle.getState() != Bundle.ACTIVE) {
        problems.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is not active: "
            + events.lastError(bundle));
      }
    }
    return problems;
  }

  /** Stops every bundle in reverse start-level order and waits for the framework to stop. */
  void stop(long timeoutMillis) throws BundleException, InterruptedException {
    if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
      return;
    }
    framework.stop();
    FrameworkEvent event = framework.waitForStop(timeoutMillis);
    if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
      LOG.warn("The framework did not stop within {} ms", timeoutMillis);
    }
  }

  /** Blocks until the framework stopped, for whatever reason (a stop over JMX included). */
  FrameworkEvent awaitStop() throws InterruptedException {
    return framework.waitForStop(0);
  }

  private static boolean isFragment(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
  }
}
