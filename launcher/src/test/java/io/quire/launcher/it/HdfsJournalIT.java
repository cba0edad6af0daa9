package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFormat;
import io.quire.launcher.ProcessExit;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real masters (started through {@code bin/quire}) on a journal in a real HDFS: Hadoop's
 * MiniDFSCluster, one NameNode and one DataNode in this test JVM, shared by the class. The
 * masters reach it as any HDFS, with {@code quire.hadoop.conf.dir} giving their client one
 * replica per block.
 */
class HdfsJournalIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  static Path shared;

  private static MiniDFSCluster cluster;
  private static Path hadoopConf;

  @TempDir
  Path home;

  private QuireCommand quire;
  private String folder;
  private final List<Path> started = new ArrayList<>();

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", 1);
    cluster = new MiniDFSCluster.Builder(conf, shared.resolve("hdfs").toFile()).numDataNodes(1).build();
    cluster.waitActive();
    hadoopConf = Files.createDirectories(shared.resolve("hadoop-conf"));
    Files.writeString(hadoopConf.resolve("hdfs-site.xml"), """
        <?xml version="1.0"?>
        <configuration>
          <property><name>dfs.replication</name><value>1</value></property>
        </configuration>
        """, StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @BeforeEach
  void setUp(TestInfo test) {
    quire = new QuireCommand(home);
    folder = hdfs("/quire/" + test.getTestMethod().orElseThrow().getName());
  }

  /** Stops what a test left running; a master that ignores SIGTERM fails the test. */
  @AfterEach
  void stopEverything() throws Exception {
    for (Path conf : started) {
      quire.run(conf, "stop");
    }
    quire.killLeftovers();
  }

  /**
   * Format and start on an {@code hdfs://} folder, serve and journal there (the storage MBean
   * says hdfs), survive kill -9 (the next master recovers the dead one's lease on the open log),
   * and pass {@code journal verify} of the HDFS folder.
   */
  @Test
  void aMasterOnHdfsFormatsServesAndSurvivesKillMinus9() throws Exception {
    Path conf = configure("conf", folder);
    QuireCommand.Result format = quire.run(conf, "format");
    assertEquals(0, format.exit(), format::toString);
    assertTrue(format.out().contains("Formatted journal " + folder + " (hdfs,"), format::toString);
    assertEquals("", format.err(), "nothing on stderr: " + format);
    assertTrue(hdfsFiles(folder).contains(JournalFormat.FORMAT_MARKER),
        "the format marker in HDFS: " + hdfsFiles(folder));

    assertEquals(0, start(conf).exit());
    mkdirs(conf, "/h", 20);
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(conf, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName storage = new ObjectName("quire:type=JournalStorage,name=hdfs");
      await().atMost(PATIENCE).until(() -> server.isRegistered(storage));
      assertEquals(folder, server.getAttribute(storage, "Uri"));
      assertEquals(Boolean.TRUE, server.getAttribute(storage, "Healthy"));
      assertTrue((Long) server.getAttribute(storage, "Syncs") >= 20, "an hsync per acknowledged write");
      assertEquals("hdfs", server.getAttribute(new ObjectName("quire:type=Journal"), "StorageType"));
    }
    String before = quire.run(conf, "fs", "ls", "-R", "/").out();

    long pid = quire.pidOf(conf);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    await().atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(ProcessExit::exited).orElse(true));

    QuireCommand.Result restart = start(conf);
    assertEquals(0, restart.exit(), restart::toString);
    assertEquals(before, quire.run(conf, "fs", "ls", "-R", "/").out(), "every acknowledged mkdir");
    mkdirs(conf, "/after", 1);
    assertEquals(0, quire.run(conf, "stop").exit());

    QuireCommand.Result verify = quire.run(conf, "journal", "verify", folder);
    assertEquals(0, verify.exit(), verify::toString);
    assertTrue(verify.out().contains("journal " + folder + ": valid"), verify::toString);
    QuireCommand.Result dump = quire.run(conf, "journal", "dump", "--path", "/after0", folder);
    assertEquals(0, dump.exit(), dump::toString);
    assertTrue(dump.out().contains("/after0"), dump::toString);
    List<String> errors = Files.readAllLines(quire.logFile(conf)).stream()
        .filter(line -> line.contains(" ERROR ")).toList();
    assertEquals(List.of(), errors, "no errors in the log");
  }

  /**
   * Moving a master: a master with its own home and configuration, pointed at the same HDFS
   * folder, comes up in the state the old one left. A backup written to an {@code hdfs://}
   * directory restores with {@code start -i} into another HDFS folder.
   */
  @Test
  void anotherMasterOnTheSameFolderComesUpInItsStateAndBackupsGoToHdfs() throws Exception {
    Path old = configure("old", folder);
    assertEquals(0, quire.run(old, "format").exit());
    assertEquals(0, start(old).exit());
    mkdirs(old, "/m", 10);
    String backups = hdfs("/backups");
    QuireCommand.Result backup = quire.run(old, "fsadmin", "backup", backups, "--json");
    assertEquals(0, backup.exit(), backup::toString);
    String uri = backup.out().replaceAll("(?s).*\"backupUri\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertTrue(uri.startsWith(backups + "/alluxio-journal-"), uri);
    mkdirs(old, "/late", 1);
    String listing = quire.run(old, "fs", "ls", "-R", "/").out();
    assertEquals(0, quire.run(old, "stop").exit());

    Path moved = Files.createDirectories(home.resolve("elsewhere"));
    QuireCommand elsewhere = new QuireCommand(moved);
    Path conf = elsewhere.configure("conf", "alluxio.master.journal.folder=" + folder,
        "quire.hadoop.conf.dir=" + hadoopConf);
    try {
      assertEquals(0, elsewhere.run(conf, "start").exit());
      assertEquals(listing, elsewhere.run(conf, "fs", "ls", "-R", "/").out());
    } finally {
      elsewhere.run(conf, "stop");
    }

    Path restored = configure("restored", hdfs("/quire/restored"));
    assertEquals(0, quire.run(restored, "format").exit());
    started.add(restored);
    QuireCommand.Result restore = quire.run(restored, "start", "-i", uri);
    assertEquals(0, restore.exit(), restore::toString);
    String back = quire.run(restored, "fs", "ls", "/").out();
    assertTrue(back.contains("/m9") && !back.contains("/late0"), back);
    assertTrue(Files.readString(quire.logFile(restored)).contains("Restored 11 entries from backup " + uri));
  }

  /**
   * A master journaling on local disk moves its running journal to HDFS with {@code fsadmin
   * move-journal} while four clients write: no write fails, the storage MBean follows, the old
   * folder refuses a start (naming the new one) yet passes {@code journal verify}, and a master
   * started on the HDFS folder serves every acknowledged directory.
   */
  @Test
  void aRunningJournalMovesFromLocalDiskToHdfsWhileClientsWrite() throws Exception {
    int clients = 4;
    int mkdirs = 1500;
    Path local = home.resolve("local-journal");
    Path conf = configure("conf", local.toString());
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, start(conf).exit());
    List<QuireCommand.Running> writers = quire.spawnMkdirClients(conf, "m", clients, mkdirs);
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(conf, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName journal = new ObjectName("quire:type=Journal");
      await().atMost(PATIENCE).until(() -> (Long) server.getAttribute(journal, "LastSequenceNumber") >= 500);

      QuireCommand.Result move = quire.run(conf, "fsadmin", "move-journal", folder);
      assertEquals(0, move.exit(), move::toString);
      assertTrue(move.out().contains("set alluxio.master.journal.folder=" + folder), move::toString);
      assertEquals(folder, server.getAttribute(journal, "Folder"));
      assertEquals("hdfs", server.getAttribute(journal, "StorageType"));
      assertEquals(local.toUri().toString(), server.getAttribute(journal, "MovedFrom"));
      ObjectName storage = new ObjectName("quire:type=JournalStorage,name=hdfs");
      assertEquals(folder, server.getAttribute(storage, "Uri"));
      assertTrue((Long) server.getAttribute(journal, "LastSequenceNumber") < clients * (mkdirs + 1),
          "the clients were still writing after the move");
      await().atMost(PATIENCE).until(() -> (Long) server.getAttribute(storage, "Syncs") > 10);
      assertEquals(Boolean.TRUE, server.getAttribute(storage, "Healthy"));
    }
    for (QuireCommand.Running writer : writers) {
      QuireCommand.Result result = writer.result();
      assertEquals(0, result.exit(), "no write failed during the move: " + result);
    }
    String listing = quire.run(conf, "fs", "ls", "-R", "/").out();
    assertEquals(clients * (mkdirs + 1), listing.lines().count(), "every acknowledged mkdir");
    assertEquals(0, quire.run(conf, "stop").exit());

    QuireCommand.Result stale = quire.run(conf, "start");
    assertTrue(stale.exit() != 0, "a master on the folder left behind must refuse: " + stale);
    assertTrue(stale.toString().contains("moved to " + folder), stale::toString);
    QuireCommand.Result verify = quire.run(conf, "journal", "verify", local.toString());
    assertEquals(0, verify.exit(), "the folder left behind is a valid journal: " + verify);
    assertTrue(verify.out().contains("moved to " + folder), verify::toString);

    Path moved = configure("moved", folder);
    assertEquals(0, start(moved).exit());
    assertEquals(listing, quire.run(moved, "fs", "ls", "-R", "/").out(),
        "the master on HDFS serves exactly the acknowledged namespace");
  }

  private Path configure(String name, String journal) throws IOException {
    return quire.configure(name, "alluxio.master.journal.folder=" + journal,
        "quire.hadoop.conf.dir=" + hadoopConf);
  }

  private QuireCommand.Result start(Path conf) throws Exception {
    started.add(conf);
    return quire.run(conf, "start");
  }

  private void mkdirs(Path conf, String prefix, int count) throws Exception {
    quire.mkdirs(conf, prefix, count);
  }

  private static String hdfs(String path) {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort() + path;
  }

  private static List<String> hdfsFiles(String folder) throws IOException {
    List<String> names = new ArrayList<>();
    try (FileSystem fs = FileSystem.newInstance(java.net.URI.create(folder), new Configuration())) {
      for (FileStatus status : fs.listStatus(new org.apache.hadoop.fs.Path(folder))) {
        names.add(status.getPath().getName());
      }
    }
    return names;
  }
}
