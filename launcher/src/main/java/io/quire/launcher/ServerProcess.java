package io.quire.launcher;

import io.quire.launcher.config.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.FrameworkEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a master process, from a validated configuration to exit.
 *
 * <p>Start, in this order:
 * <ol>
 *   <li>refuse if the pid file names a live server; write the pid file;</li>
 *   <li>open the JMX connector (a taken port fails here, before anything else runs);</li>
 *   <li>initialise Felix, register the MBeanServer, route the OSGi log, watch readiness;</li>
 *   <li>install the bundles; raise the start level to 1, 2 (Config Admin); write the
 *       configuration into Config Admin; raise to 3 (SCR, JMX, HTTP), then 4 (Quire's bundles);</li>
 *   <li>wait for the master's readiness service: {@code SERVING} writes the status file,
 *       {@code FAILED} (or no answer within {@code quire.startup.timeout}) stops everything and
 *       exits 1.</li>
 * </ol>
 * A SIGTERM runs {@link #shutdown()}: bundles stop in reverse start-level order, so the master
 * deactivates and the journal syncs before the process ends.
 */
final class ServerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
  private static final long STOP_TIMEOUT_MILLIS = 60_000;
  private static final String MASTER_BUNDLE = "quire-master";

  private final SiteConfig config;
  private final InstanceFiles files;
  private final Optional<String> restoreUri;
  private final Path bundlesDir;
  private final PidFile pidFile;
  private final StatusFile statusFile;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile EmbeddedFramework framework;
  private volatile JmxConnector jmx;
  private volatile Readiness readiness;
  private volatile boolean failed;
  private volatile boolean served;

  ServerProcess(SiteConfig config, InstanceFiles files, Optional<String> restoreUri, Path bundlesDir) {
    this.config = config;
    this.files = files;
    this.restoreUri = restoreUri;
    this.bundlesDir = bundlesDir;
    this.pidFile = new PidFile(files.pidFile());
    this.statusFile = new StatusFile(files.statusFile());
  }

  int run() {
    try {
      Optional<ProcessHandle> running = pidFile.liveProcess();
      if (running.isPresent()) {
        // The running server owns the status file: report without touching it.
        String reason = "a " + files.role().commandName() + " for this configuration is already running as pid "
            + running.get().pid() + " (" + pidFile.path() + ")";
        LOG.error(reason);
        System.err.println("quire: " + reason);
        return QuireServer.EXIT_FAILED;
      }
      pidFile.writeCurrent();
      statusFile.delete();
      Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "quire-shutdown"));
      start();
      return awaitOutcome();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while starting");
    } catch (Exception e) {
      LOG.error("Start-up failed", e);
      return fail(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private void start() throws Exception {
    LOG.info("Starting Quire {} (home {}, configuration {}, journal {} on {})", files.role().commandName(),
        config.home(), config.confDir(), config.journalFolder(), config.storageType());
    Files.createDirectories(files.deployDir());
    jmx = JmxConnector.open(config);
    LOG.info("JMX connector listening at {}", config.jmxServiceUrl());
    EmbeddedFramework fw = EmbeddedFramework.init(FrameworkProperties.of(config, files));
    framework = fw;
    new OsgiLogBridge(fw.context()).open();
    readiness = new Readiness(fw.context());
    readiness.open();
    List<Path> jars = BundleJars.list(bundlesDir);
    BundleJars.require(jars, MASTER_BUNDLE);
    fw.install(jars);
    fw.start();
    fw.raiseStartLevel(2);
    // Config Admin runs from level 2: the configuration is in place before Quire's bundles
    // (levels 4 and 5) start, so each starts once, configured.
    ConfigPublisher.publish(fw.context(), config, files.role(), restoreUri);
    fw.raiseStartLevel(3);
    fw.raiseStartLevel(StartLevels.STORAGE);
    fw.raiseStartLevel(StartLevels.APPLICATION);
    fw.raiseStartLevel(StartLevels.SERVICES);
    List<String> inactive = fw.inactiveBundles();
    if (!inactive.isEmpty()) {
      inactive.forEach(problem -> LOG.error("Bundle problem: {}", problem));
      throw new IllegalStateException(inactive.get(0));
    }
  }

  private int awaitOutcome() throws IOException, InterruptedException {
    long timeout = config.startupTimeout().toMillis();
    try {
      CompletableFuture.anyOf(readiness.serving(), readiness.failed()).get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail("the master neither served nor failed within " + config.startupTimeout().toSeconds()
          + " s (quire.startup.timeout); see " + files.logFile());
    } catch (ExecutionException e) {
      throw new IllegalStateException("readiness tracking failed", e.getCause());
    }
    if (readiness.failed().isDone()) {
      return fail(readiness.failed().getNow(""));
    }
    String where = (files.role() == Role.SECONDARY_MASTER
        ? "following the journal " + config.journalFolder() + " (no client API)"
        : "client API " + config.clientApiUrl()) + ", JMX " + config.jmxServiceUrl();
    statusFile.write(StatusFile.State.SERVING, where);
    served = true;
    LOG.info("Quire {} serving: {}", files.role().commandName(), where);
    return awaitEnd();
  }

  /** After serving: ends with the framework (SIGTERM, or a stop over JMX) or with a later failure. */
  private int awaitEnd() throws InterruptedException {
    CompletableFuture<FrameworkEvent> frameworkStopped = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        frameworkStopped.complete(framework.awaitStop());
      } catch (InterruptedException e) {
        frameworkStopped.completeExceptionally(e);
      }
    }, "quire-framework-wait");
    waiter.setDaemon(true);
    waiter.start();
    try {
      CompletableFuture.anyOf(frameworkStopped, readiness.failed()).get();
    } catch (ExecutionException e) {
      LOG.warn("Waiting for the framework to stop failed", e.getCause());
    }
    if (readiness.failed().isDone() && !stopped.get()) {
      return fail(readiness.failed().getNow(""));
    }
    shutdown();
    return 0;
  }

  /** Logs the reason at ERROR, prints it on stderr, records it for {@code bin/quire start}, stops. */
  private int fail(String reason) {
    if (stopped.get()) {
      // A SIGTERM during start-up stopped the framework under our feet: a stop, not a failure.
      LOG.info("Start-up ended by a stop request ({})", reason);
      return QuireServer.EXIT_FAILED;
    }
    failed = true;
    LOG.error("Quire {} failed: {}", files.role().commandName(), reason);
    System.err.println("quire: " + reason);
    try {
      statusFile.write(StatusFile.State.FAILED, reason);
    } catch (IOException e) {
      LOG.error("Cannot write the status file {}", statusFile.path(), e);
    }
    shutdown();
    return QuireServer.EXIT_FAILED;
  }

  /** Stops the framework, closes the connector, removes the pid file. Runs once. */
  private void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    LOG.info("Stopping Quire {}", files.role().commandName());
    if (served && !failed) {
      ClassDataArchive.writeIfRequested(); // while the bundles' classes are all loaded
    }
    try {
      if (framework != null) {
        framework.stop(STOP_TIMEOUT_MILLIS);
      }
    } catch (Exception e) {
      LOG.error("The framework did not stop cleanly", e);
    }
    try {
      if (jmx != null) {
        jmx.close();
      }
      if (!failed) {
        statusFile.delete();
      }
      pidFile.deleteIfCurrent();
    } catch (IOException e) {
      LOG.warn("Cleanup after stop was incomplete", e);
    }
    LOG.info("Quire {} stopped", files.role().commandName());
  }
}
