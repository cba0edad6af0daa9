package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFormat;
import io.quire.launcher.ProcessExit;
import io.quire.launcher.config.SiteConfigLoader;
import io.quire.storage.nfs.NfsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real masters (started through {@code bin/quire}) on a journal on a real NFS server
 * (nfs-ganesha on 127.0.0.1, started for this class by {@code test-harness/scripts/nfs-server.sh}),
 * reached through the NFS storage's own NFSv3 client: the machines that run this have no NFS
 * client in their kernel.
 */
class NfsJournalIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @RegisterExtension
  static final NfsServer NFS = new NfsServer();

  @TempDir
  Path home;

  private QuireCommand quire;
  private String folder;
  private final List<Path> started = new ArrayList<>();

  @BeforeEach
  void setUp(TestInfo test) {
    quire = new QuireCommand(home);
    folder = NFS.folder(test.getTestMethod().orElseThrow().getName()).toString();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Path conf : started) {
      quire.run(conf, "stop");
    }
    quire.killLeftovers();
  }

  /**
   * Format and start on an {@code nfs://} folder, a COMMIT per acknowledged write, kill -9 and a
   * restart that takes the folder over and serves every acknowledged directory, {@code journal
   * verify} of the NFS folder, and another master (its own home) on the same folder coming up in
   * the state the old one left.
   */
  @Test
  void aMasterOnNfsServesSurvivesKillMinus9AndMovesToAnotherHome() throws Exception {
    Path conf = quire.configure("conf", "alluxio.master.journal.folder=" + folder);
    QuireCommand.Result format = quire.run(conf, "format");
    assertEquals(0, format.exit(), format::toString);
    assertTrue(Files.exists(NFS.backing().resolve(folderName()).resolve(JournalFormat.FORMAT_MARKER)),
        "the format marker is on the server's disk");
    assertEquals(0, start(conf).exit());
    quire.mkdirs(conf, "/n", 20);
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(conf, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName storage = new ObjectName("quire:type=JournalStorage,name=nfs");
      await().atMost(PATIENCE).until(() -> server.isRegistered(storage));
      assertEquals(folder, server.getAttribute(storage, "Uri"));
      assertEquals(Boolean.TRUE, server.getAttribute(storage, "Healthy"));
      assertTrue((Long) server.getAttribute(storage, "Syncs") >= 20, "a COMMIT per acknowledged write");
    }
    String before = quire.run(conf, "fs", "ls", "-R", "/").out();

    long pid = quire.pidOf(conf);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    await().atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(ProcessExit::exited).orElse(true));
    QuireCommand.Result restart = start(conf);
    assertEquals(0, restart.exit(), restart::toString);
    assertEquals(before, quire.run(conf, "fs", "ls", "-R", "/").out(), "every acknowledged mkdir");
    quire.mkdirs(conf, "/after", 1);
    String listing = quire.run(conf, "fs", "ls", "-R", "/").out();
    assertEquals(0, quire.run(conf, "stop").exit());

    QuireCommand.Result verify = quire.run(conf, "journal", "verify", folder);
    assertEquals(0, verify.exit(), verify::toString);
    assertTrue(verify.out().contains("journal " + folder + ": valid"), verify::toString);

    QuireCommand elsewhere = new QuireCommand(Files.createDirectories(home.resolve("elsewhere")));
    Path other = elsewhere.configure("conf", "alluxio.master.journal.folder=" + folder);
    try {
      assertEquals(0, elsewhere.run(other, "start").exit());
      assertEquals(listing, elsewhere.run(other, "fs", "ls", "-R", "/").out());
    } finally {
      elsewhere.run(other, "stop");
    }
    assertEquals(List.of(), errors(conf), "no errors in the log");
  }

  /**
   * The NFS server stopped and started again while four clients write: the master holds the
   * writes (none fails, as the outage is shorter than the storage timeout), resumes by itself,
   * and a restart serves exactly what was acknowledged.
   */
  @Test
  void writesAreHeldWhileTheServerIsDownAndResumeWhenItIsBack() throws Exception {
    int clients = 4;
    int mkdirs = 1000;
    Path conf = quire.configure("conf", "alluxio.master.journal.folder=" + folder,
        "quire.nfs.call.timeout=2s");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, start(conf).exit());
    List<QuireCommand.Running> writers = quire.spawnMkdirClients(conf, "w", clients, mkdirs);
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(conf, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName journal = new ObjectName("quire:type=Journal");
      ObjectName storage = new ObjectName("quire:type=JournalStorage,name=nfs");
      await().atMost(PATIENCE).until(() -> (Long) server.getAttribute(journal, "DurableSequenceNumber") >= 300);
      NFS.stop();
      // down for longer than one storage call retries (quire.nfs.call.timeout=2s), so that the
      // journal holds the writes and retries; unhealthy all along
      await().atMost(PATIENCE).until(() -> Boolean.FALSE.equals(server.getAttribute(storage, "Healthy")));
      await().during(Duration.ofSeconds(5)).atMost(PATIENCE)
          .until(() -> Boolean.FALSE.equals(server.getAttribute(storage, "Healthy")));
      long held = (Long) server.getAttribute(journal, "DurableSequenceNumber");
      NFS.start();
      await().atMost(PATIENCE).until(() -> (Long) server.getAttribute(journal, "DurableSequenceNumber") > held);
      assertTrue((Long) server.getAttribute(journal, "LastSequenceNumber") < clients * (mkdirs + 1),
          "the clients were still writing when the server came back");
    }
    for (QuireCommand.Running writer : writers) {
      QuireCommand.Result result = writer.result();
      assertEquals(0, result.exit(), "no write failed during the outage: " + result);
    }
    String listing = quire.run(conf, "fs", "ls", "-R", "/").out();
    assertEquals(clients * (mkdirs + 1), listing.lines().count(), "every acknowledged mkdir");
    assertEquals(0, quire.run(conf, "stop").exit());
    assertEquals(0, start(conf).exit());
    assertEquals(listing, quire.run(conf, "fs", "ls", "-R", "/").out(),
        "a restart serves exactly the acknowledged namespace");
    String log = Files.readString(quire.logFile(conf));
    assertTrue(log.contains("Journal storage is back after"), "the outage and its end are logged");
  }

  private QuireCommand.Result start(Path conf) throws Exception {
    started.add(conf);
    return quire.run(conf, "start");
  }

  private String folderName() {
    return folder.substring(folder.lastIndexOf('/') + 1);
  }

  private List<String> errors(Path conf) throws Exception {
    return Files.readAllLines(quire.logFile(conf)).stream()
        .filter(line -> line.contains(" ERROR ")).toList();
  }
}
