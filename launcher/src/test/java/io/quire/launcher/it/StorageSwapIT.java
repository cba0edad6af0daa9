package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.launcher.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing the journal's storage bundle while clients write: the bundle is updated through the
 * Aries JMX framework MBean over the remote connector, as an operator does from JConsole. Writes
 * are held while no storage is bound, none fails, and a restart serves exactly the acknowledged
 * namespace.
 */
class StorageSwapIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int CLIENTS = 4;
  private static final int MKDIRS = 1500;
  private static final int UPDATES = 3;

  @TempDir
  Path home;

  private QuireCommand quire;
  private Path conf;

  @BeforeEach
  void setUp() throws Exception {
    quire = new QuireCommand(home);
    conf = quire.configure("conf");
  }

  @AfterEach
  void stop() throws Exception {
    quire.run(conf, "stop");
    quire.killLeftovers();
  }

  @Test
  void updatingTheStorageBundleOverJmxWhileClientsWriteLosesNoWrite() throws Exception {
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, quire.run(conf, "start").exit());

    List<QuireCommand.Running> clients = quire.spawnMkdirClients(conf, "c", CLIENTS, MKDIRS);

    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(conf, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName framework = only(server, "osgi.core:type=framework,*");
      ObjectName bundles = only(server, "osgi.core:type=bundleState,*");
      long storageBundle = bundleId(server, bundles, "quire-storage-local");
      ObjectName storageMBean = new ObjectName("quire:type=JournalStorage,name=local");
      ObjectName journal = new ObjectName("quire:type=Journal");
      for (int update = 1; update <= UPDATES; update++) {
        // each update lands while the clients write: a few hundred more entries first
        long now = (Long) server.getAttribute(journal, "LastSequenceNumber");
        await().atMost(PATIENCE).until(() ->
            (Long) server.getAttribute(journal, "LastSequenceNumber") >= now + 300);
        int bound = count(quire.logFile(conf), "Journal storage bound");
        server.invoke(framework, "updateBundle", new Object[] {storageBundle},
            new String[] {long.class.getName()});
        int expected = bound + 1;
        await().atMost(PATIENCE).until(() -> count(quire.logFile(conf), "Journal storage bound") >= expected);
        await().atMost(PATIENCE).until(() -> server.isRegistered(storageMBean));
      }
      assertEquals(Boolean.TRUE, server.getAttribute(storageMBean, "Healthy"));
      assertTrue((Long) server.getAttribute(journal, "LastSequenceNumber") < CLIENTS * (MKDIRS + 1),
          "the clients were still writing after the last update");
    }

    for (QuireCommand.Running client : clients) {
      QuireCommand.Result result = client.result();
      assertEquals(0, result.exit(), "no write failed during the swaps: " + result);
    }
    String log = Files.readString(quire.logFile(conf));
    assertEquals(UPDATES, count(log, "Journal storage unbound"), "one unbind per update");
    String listing = quire.run(conf, "fs", "ls", "-R", "/").out();
    assertEquals(CLIENTS * (MKDIRS + 1), listing.lines().count(), "every acknowledged mkdir");

    assertEquals(0, quire.run(conf, "stop").exit());
    assertEquals(0, quire.run(conf, "start").exit());
    assertEquals(listing, quire.run(conf, "fs", "ls", "-R", "/").out(),
        "a restart replays exactly the acknowledged namespace");
    QuireCommand.Result verify = quire.run(conf, "stop");
    assertEquals(0, verify.exit(), verify::toString);
    QuireCommand.Result journal = quire.run(conf, "journal", "verify", home.resolve("journal").toString());
    assertEquals(0, journal.exit(), journal::toString);
    assertTrue(Files.readAllLines(quire.logFile(conf)).stream().noneMatch(l -> l.contains(" ERROR ")),
        "no errors in the log");
  }

  /**
   * A new build of the storage bundle dropped into {@code deploy/} while clients write updates
   * the running bundle (File Install hands the jar to Quire's artifact installer) instead of
   * installing a second copy; removing the jar goes back to the shipped build. No write fails,
   * and a restart serves exactly the acknowledged namespace.
   */
  @Test
  void aJarDroppedIntoTheDeployFolderUpdatesTheStorageBundleWhileClientsWrite() throws Exception {
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, quire.run(conf, "start").exit());
    List<QuireCommand.Running> clients = quire.spawnMkdirClients(conf, "c", CLIENTS, MKDIRS);
    Path shipped;
    try (var jars = Files.newDirectoryStream(Path.of(System.getProperty("quire.it.lib"), "bundles"),
        "quire-storage-local-*.jar")) {
      shipped = jars.iterator().next();
    }
    Path log = quire.logFile(conf);
    Path deployed = quire.home().resolve("deploy").resolve("quire-storage-local-next.jar");
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(conf, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName journal = new ObjectName("quire:type=Journal");
      await().atMost(PATIENCE).until(() -> (Long) server.getAttribute(journal, "LastSequenceNumber") >= 300);
      int bound = count(log, "Journal storage bound");
      Path partial = Files.copy(shipped, deployed.resolveSibling("next.part"));
      Files.move(partial, deployed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      await().atMost(PATIENCE).until(() -> count(log, "Updated bundle quire-storage-local from") == 1);
      await().atMost(PATIENCE).until(() -> count(log, "Journal storage bound") == bound + 1);

      long now = (Long) server.getAttribute(journal, "LastSequenceNumber");
      await().atMost(PATIENCE).until(() -> (Long) server.getAttribute(journal, "LastSequenceNumber") >= now + 300);
      Files.delete(deployed);
      await().atMost(PATIENCE).until(() -> count(log, "was removed from the deploy folder") == 1);
      await().atMost(PATIENCE).until(() -> count(log, "Journal storage bound") == bound + 2);
      assertTrue((Long) server.getAttribute(journal, "LastSequenceNumber") < CLIENTS * (MKDIRS + 1),
          "the clients were still writing after the jar went");
      ObjectName bundles = only(server, "osgi.core:type=bundleState,*");
      TabularData all = (TabularData) server.invoke(bundles, "listBundles", new Object[0], new String[0]);
      long copies = all.values().stream()
          .filter(row -> "quire-storage-local".equals(((CompositeData) row).get("SymbolicName")))
          .count();
      assertEquals(1, copies, "the jar updated the bundle, it did not install a second one");
    }
    for (QuireCommand.Running client : clients) {
      QuireCommand.Result result = client.result();
      assertEquals(0, result.exit(), "no write failed during the swaps: " + result);
    }
    String listing = quire.run(conf, "fs", "ls", "-R", "/").out();
    assertEquals(CLIENTS * (MKDIRS + 1), listing.lines().count(), "every acknowledged mkdir");
    assertEquals(0, quire.run(conf, "stop").exit());
    assertEquals(0, quire.run(conf, "start").exit());
    assertEquals(listing, quire.run(conf, "fs", "ls", "-R", "/").out(),
        "a restart replays exactly the acknowledged namespace");
    assertTrue(Files.readAllLines(log).stream().noneMatch(l -> l.contains(" ERROR ")),
        "no errors in the log");
  }

  private static ObjectName only(MBeanServerConnection server, String pattern) throws Exception {
    var names = server.queryNames(new ObjectName(pattern), null);
    assertEquals(1, names.size(), pattern + ": " + names);
    return names.iterator().next();
  }

  private static long bundleId(MBeanServerConnection server, ObjectName bundles, String symbolicName)
      throws Exception {
    TabularData all = (TabularData) server.invoke(bundles, "listBundles", new Object[0], new String[0]);
    for (Object row : all.values()) {
      CompositeData bundle = (CompositeData) row;
      if (symbolicName.equals(bundle.get("SymbolicName"))) {
        return (Long) bundle.get("Identifier");
      }
    }
    throw new AssertionError("no bundle " + symbolicName);
  }

  private static int count(Path log, String text) throws java.io.IOException {
    return count(Files.readString(log), text);
  }

  private static int count(String log, String text) {
    int n = 0;
    for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1)) {
      n++;
    }
    return n;
  }
}
