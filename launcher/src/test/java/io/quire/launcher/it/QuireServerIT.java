package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.backup.BackupFiles;
import io.quire.backup.BackupSummary;
import io.quire.launcher.ClassDataArchive;
import io.quire.launcher.InstanceFiles;
import io.quire.launcher.ProcessExit;
import io.quire.launcher.Role;
import io.quire.launcher.config.SiteConfig;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher with the real bundles, as separate processes started through
 * {@code bin/quire} from {@code launcher/target/dist}.
 */
class QuireServerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  Path home;

  private QuireCommand quire;
  private final List<Path> started = new ArrayList<>();
  private final List<Path> startedSecondaries = new ArrayList<>();

  @BeforeEach
  void setUp() {
    quire = new QuireCommand(home);
  }

  /** Stops whatever a test left running; a master that ignores SIGTERM is killed and fails the test. */
  @AfterEach
  void stopEverything() throws Exception {
    for (Path conf : startedSecondaries) {
      quire.run(conf, "stop", "secondary_master");
    }
    for (Path conf : started) {
      quire.run(conf, "stop");
    }
    quire.killLeftovers();
  }

  @Test
  void formatsStartsServesOverJmxAndClientsAndStopsCleanly() throws Exception {
    Path conf = quire.configure("conf");
    assertEquals(0, quire.run(conf, "format").exit());

    QuireCommand.Result start = start(conf);
    assertEquals(0, start.exit(), start::toString);
    assertTrue(start.out().contains("serving"), start::toString);
    long pid = pidOf(conf);

    SiteConfig config = SiteConfigLoader.load(conf, home);
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(config.jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      await().atMost(PATIENCE).until(() -> server.isRegistered(new ObjectName("quire:type=Master")));
      assertFalse(server.queryNames(new ObjectName("osgi.core:type=framework,*"), null).isEmpty(),
          "the framework MBean of Aries JMX");
      assertFalse(server.queryNames(new ObjectName("osgi.core:type=bundleState,*"), null).isEmpty(),
          "the bundle state MBean of Aries JMX");
      assertContractAttributes(server);
    }

    // fs and fsadmin find this master through --conf (its ports are not the defaults)
    QuireCommand.Result mkdir = quire.run(conf, "fs", "mkdir", "/it");
    assertEquals(0, mkdir.exit(), mkdir::toString);
    QuireCommand.Result report = quire.run(conf, "fsadmin", "report");
    assertEquals(0, report.exit(), report::toString);
    assertTrue(report.out().contains("PRIMARY"), report::toString);

    QuireCommand.Result again = quire.run(conf, "start");
    assertNotEquals(0, again.exit(), again::toString);
    assertTrue(again.err().contains("already running as pid " + pid), again::toString);

    QuireCommand.Result stop = quire.run(conf, "stop");
    assertEquals(0, stop.exit(), stop::toString);
    assertTrue(ProcessHandle.of(pid).map(ProcessExit::exited).orElse(true), "pid " + pid + " exited");
    assertFalse(Files.exists(pidFile(conf)), "pid file removed");
    String log = Files.readString(logFile(conf));
    assertTrue(log.contains("Quire master stopped"), "graceful stop is logged");
    assertFalse(log.contains(" ERROR "), "no errors in the log:\n" + log);
  }

  /**
   * {@code fsadmin backup} writes a checked backup of the serving master's state into the
   * default directory within the root under-storage, and into a directory given as a path;
   * {@code journal verify} and {@code dump} read the backup.
   */
  @Test
  void fsadminBackupWritesACheckedBackupOfTheState() throws Exception {
    Path conf = quire.configure("conf");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, start(conf).exit());
    mkdirs(conf, "/b", 50);

    QuireCommand.Result backup = quire.run(conf, "fsadmin", "backup");
    assertEquals(0, backup.exit(), backup::toString);
    Path folder = home.resolve("underFSStorage").resolve("alluxio_backups");
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.toList();
    }
    assertEquals(1, files.size(), files::toString);
    Path file = files.get(0);
    assertTrue(BackupFiles.isBackupName(file.getFileName().toString()), file::toString);
    assertTrue(backup.out().contains(file.toUri().toString()), backup::toString);
    BackupSummary summary;
    try (InputStream in = Files.newInputStream(file)) {
      summary = BackupFiles.check(in, file.toString());
    }
    assertEquals(51, summary.entries(), "the root and 50 directories");
    assertEquals(50, summary.sequence());
    assertTrue(backup.out().contains("51"), backup::toString);
    QuireCommand.Result verified = quire.run(conf, "journal", "verify", file.toString());
    assertEquals(0, verified.exit(), verified::toString);
    assertTrue(verified.out().contains("valid, 51 records"), verified::toString);
    QuireCommand.Result dumped = quire.run(conf, "journal", "dump", "--path", "/b7",
        file.toString());
    assertEquals(0, dumped.exit(), dumped::toString);
    assertEquals(2, dumped.out().lines().count(), "the header and /b7: " + dumped);

    QuireCommand.Result elsewhere = quire.run(conf, "fsadmin", "backup", "nightly");
    assertEquals(0, elsewhere.exit(), elsewhere::toString);
    try (Stream<Path> listed = Files.list(home.resolve("underFSStorage").resolve("nightly"))) {
      assertEquals(1, listed.filter(p -> BackupFiles.isBackupName(p.getFileName().toString()))
          .count());
    }
    assertEquals(0, quire.run(conf, "stop").exit());
    assertFalse(Files.readString(logFile(conf)).contains(" ERROR "));
  }

  /**
   * A backup taken while the master serves, imported by {@code start -i} into another formatted
   * journal: the namespace at the backup's sequence number, kept by a restart without
   * {@code -i}; {@code -i} on a journal with contents is ignored with a WARN; a truncated backup
   * fails the start with its URI and leaves the journal as it was.
   */
  @Test
  void startWithIRestoresABackupIntoAFormattedJournal() throws Exception {
    Path source = quire.configure("source", "alluxio.master.journal.folder=" + home.resolve("j1"));
    assertEquals(0, quire.run(source, "format").exit());
    assertEquals(0, start(source).exit());
    mkdirs(source, "/r", 30);
    QuireCommand.Result backup = quire.run(source, "fsadmin", "backup", "--json");
    assertEquals(0, backup.exit(), backup::toString);
    String uri = backup.out().replaceAll("(?s).*\"backupUri\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    mkdirs(source, "/after", 5);
    assertEquals(0, quire.run(source, "stop").exit());

    Path target = quire.configure("target", "alluxio.master.journal.folder=" + home.resolve("j2"));
    assertEquals(0, quire.run(target, "format").exit());
    started.add(target);
    QuireCommand.Result restored = quire.run(target, "start", "-i", uri);
    assertEquals(0, restored.exit(), restored::toString);
    String listing = quire.run(target, "fs", "ls", "/").out();
    assertTrue(listing.contains("/r29") && !listing.contains("/after"), listing);
    assertTrue(Files.readString(logFile(target)).contains("Restored 31 entries from backup "
        + uri));
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(target, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName restore = new ObjectName("quire:type=Restore");
      assertEquals(uri, server.getAttribute(restore, "ImportedFrom"));
      assertEquals(31L, server.getAttribute(restore, "EntriesRestored"));
      String checked = (String) server.invoke(restore, "validate", new Object[] {uri},
          new String[] {String.class.getName()});
      assertTrue(checked.contains("a good backup of 31 entries"), checked);
    }
    mkdirs(target, "/new", 2);
    assertEquals(0, quire.run(target, "stop").exit());

    assertEquals(0, start(target).exit(), "a restart without -i keeps the restored state");
    listing = quire.run(target, "fs", "ls", "/").out();
    assertTrue(listing.contains("/r0") && listing.contains("/new1"), listing);
    assertEquals(0, quire.run(target, "stop").exit());
    assertEquals(0, quire.run(target, "start", "-i", uri).exit());
    assertTrue(Files.readString(logFile(target)).contains("Restore ignored -i " + uri
        + ": the journal is not empty"));
    assertEquals(0, quire.run(target, "stop").exit());

    Path cut = home.resolve("cut.gz");
    byte[] whole = Files.readAllBytes(Path.of(java.net.URI.create(uri)));
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 20));
    Path third = quire.configure("third", "alluxio.master.journal.folder=" + home.resolve("j3"));
    assertEquals(0, quire.run(third, "format").exit());
    List<String> before;
    try (Stream<Path> files = Files.list(home.resolve("j3"))) {
      before = files.map(Path::toString).sorted().toList();
    }
    started.add(third);
    QuireCommand.Result failed = quire.run(third, "start", "-i", cut.toString());
    assertNotEquals(0, failed.exit(), failed::toString);
    assertTrue(failed.err().contains(cut.toUri().toString()) && failed.err().contains("truncated"),
        failed::toString);
    try (Stream<Path> files = Files.list(home.resolve("j3"))) {
      List<String> after = files.map(Path::toString).sorted()
          .filter(name -> !name.endsWith(".lock") && !name.endsWith(".holder")).toList();
      assertEquals(before, after, "the journal as it was");
    }
  }

  /**
   * A namespace built by a random mix of creations, moves and deletions comes back from its
   * backup exactly: every path, type, mode, owner and modification time.
   */
  @Test
  void aRandomisedNamespaceComesBackExactlyFromItsBackup() throws Exception {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      String dir = "/d" + random.nextInt(8) + (random.nextBoolean() ? "/e" + random.nextInt(8) : "");
      String other = "/d" + random.nextInt(8) + "/m" + random.nextInt(50);
      switch (random.nextInt(10)) {
        case 0, 1, 2 -> script.append("mkdir -p ").append(dir);
        case 3, 4, 5, 6 -> script.append("touch ").append(dir).append("/f").append(i);
        case 7, 8 -> script.append("mv ").append(dir).append(' ').append(other);
        // never a whole top directory: the namespace must stay large enough to be worth
        // comparing (with /dN removed, some seeds left fewer than 50 paths)
        default -> script.append("rm -R /d").append(random.nextInt(8)).append("/e")
            .append(random.nextInt(8));
      }
      script.append('\n');
    }
    Path source = quire.configure("source", "alluxio.master.journal.folder=" + home.resolve("j1"));
    assertEquals(0, quire.run(source, "format").exit());
    assertEquals(0, start(source).exit());
    quire.runWithInput(source, script.toString(), "fs", "-"); // some lines fail, by design
    String before = quire.run(source, "fs", "ls", "-R", "/").out();
    assertTrue(before.lines().count() > 50, "seed " + seed + ": only " + before);
    QuireCommand.Result backup = quire.run(source, "fsadmin", "backup", "--json");
    assertEquals(0, backup.exit(), backup::toString);
    String uri = backup.out().replaceAll("(?s).*\"backupUri\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertEquals(0, quire.run(source, "stop").exit());

    Path target = quire.configure("target", "alluxio.master.journal.folder=" + home.resolve("j2"));
    assertEquals(0, quire.run(target, "format").exit());
    started.add(target);
    assertEquals(0, quire.run(target, "start", "-i", uri).exit());
    assertEquals(before, quire.run(target, "fs", "ls", "-R", "/").out(), "seed " + seed);
  }

  /**
   * The daily backup bundle in the real framework: its schedule over JMX, {@code runNow()}
   * writes a backup and keeps only the newest files named like backups.
   */
  @Test
  void dailyBackupRunsNowAndKeepsTheRetainedNewestBackups() throws Exception {
    Path conf = quire.configure("conf", "alluxio.master.daily.backup.enabled=true",
        "alluxio.master.daily.backup.time=03:30", "alluxio.master.daily.backup.files.retained=2");
    Path folder = Files.createDirectories(home.resolve("underFSStorage").resolve("alluxio_backups"));
    for (String day : List.of("2026-11-01", "2026-11-02", "2026-11-03")) {
      java.time.Instant then = java.time.Instant.parse(day + "T03:30:00Z");
      Files.writeString(folder.resolve(BackupFiles.name(then)), "an older backup");
    }
    Files.writeString(folder.resolve("keep.txt"), "not a backup");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, start(conf).exit());
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
        SiteConfigLoader.load(conf, home).jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName daily = new ObjectName("quire:type=DailyBackup");
      await().atMost(PATIENCE).until(() -> server.isRegistered(daily)
          && !"".equals(server.getAttribute(daily, "NextRunTime")));
      assertEquals(Boolean.TRUE, server.getAttribute(daily, "Enabled"));
      assertEquals("03:30", server.getAttribute(daily, "Time"));
      assertEquals(2, server.getAttribute(daily, "FilesRetained"));
      assertTrue(((String) server.getAttribute(daily, "NextRunTime")).endsWith("T03:30:00Z"));
      String result = (String) server.invoke(daily, "runNow", new Object[0], new String[0]);
      assertTrue(result.contains(" ok: "), result);
      assertEquals(result, server.getAttribute(daily, "LastResult"));
    }
    List<String> names;
    try (Stream<Path> files = Files.list(folder)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(3, names.size(), names::toString);
    assertEquals(BackupFiles.name(java.time.Instant.parse("2026-11-03T03:30:00Z")), names.get(0));
    assertTrue(BackupFiles.isBackupName(names.get(1)), names::toString);
    assertEquals("keep.txt", names.get(2));
  }

  /**
   * The first clean stop writes the class-data archive; the next start maps it (its command
   * line names it) and the JVM reports no problem with it.
   */
  @Test
  void aCleanStopWritesTheClassDataArchiveThatTheNextStartMaps() throws Exception {
    Path conf = quire.configure("conf");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, start(conf).exit());
    assertTrue(commandLine(pidOf(conf)).contains("-XX:+RecordDynamicDumpInfo"));
    assertEquals(0, quire.run(conf, "stop").exit());

    List<Path> archives;
    try (Stream<Path> files = Files.list(ClassDataArchive.folder(home))) {
      archives = files.toList();
    }
    assertEquals(1, archives.size(), archives::toString);
    assertTrue(archives.get(0).getFileName().toString().matches("server-[0-9a-f]{16}\\.jsa"),
        archives::toString);
    assertTrue(Files.readString(logFile(conf)).contains("Wrote the class-data archive "
        + archives.get(0)));

    assertEquals(0, start(conf).exit());
    assertTrue(commandLine(pidOf(conf)).contains("-XX:SharedArchiveFile=" + archives.get(0)));
    QuireCommand.Result mkdir = quire.run(conf, "fs", "mkdir", "/mapped");
    assertEquals(0, mkdir.exit(), mkdir::toString);
    assertEquals(0, quire.run(conf, "stop").exit());
    String log = Files.readString(logFile(conf));
    assertFalse(log.contains("[error][cds"), log);
  }

  private static String commandLine(long pid) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
  }

  /** Each MBean of this issue, with the attributes the operator contract names, readable remotely. */
  private static void assertContractAttributes(MBeanServerConnection server) throws Exception {
    java.util.Map<String, List<String>> contract = java.util.Map.of(
        "quire:type=Master", List.of("Role", "InodeCount", "StartTime"),
        "quire:type=Journal", List.of("Folder", "StorageType", "LastSequenceNumber",
            "EntriesSinceCheckpoint", "LogFileCount", "LogBytes"),
        "quire:type=JournalStorage,name=local", List.of("Uri", "Healthy", "BytesWritten", "Syncs"),
        "quire:type=Checkpointer", List.of("PeriodEntries", "LastCheckpointSequenceNumber",
            "LastCheckpointTime", "LastCheckpointDurationMillis"),
        "quire:type=Backup", List.of("LastBackupUri", "LastBackupTime", "LastBackupEntryCount",
            "LastBackupDurationMillis", "InProgress"));
    for (var bean : contract.entrySet()) {
      ObjectName name = new ObjectName(bean.getKey());
      assertTrue(server.isRegistered(name), bean.getKey() + " is registered");
      for (String attribute : bean.getValue()) {
        Object value = server.getAttribute(name, attribute);
        assertTrue(value != null, bean.getKey() + " " + attribute + " has a value");
      }
    }
    assertEquals("PRIMARY", server.getAttribute(new ObjectName("quire:type=Master"), "Role"));
    assertEquals("local", server.getAttribute(new ObjectName("quire:type=Journal"), "StorageType"));
    assertEquals(Boolean.TRUE, server.getAttribute(
        new ObjectName("quire:type=JournalStorage,name=local"), "Healthy"));
  }

  @Test
  void aRestartedMasterAndOneOnACopyOfItsFolderServeTheNamespaceItStoppedWith() throws Exception {
    Path conf = quire.configure("conf");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, start(conf).exit());
    for (String path : List.of("/a", "/a/b", "/a/b/c")) {
      assertEquals(0, quire.run(conf, "fs", "mkdir", path).exit());
    }
    assertEquals(0, quire.run(conf, "fs", "touch", "/a/b/file").exit());
    assertEquals(0, quire.run(conf, "fs", "mv", "/a/b/file", "/a/moved").exit());
    assertEquals(0, quire.run(conf, "fs", "rm", "-R", "/a/b").exit());
    QuireCommand.Result before = quire.run(conf, "fs", "ls", "-R", "/");
    assertEquals(0, before.exit(), before::toString);
    assertTrue(before.out().contains("/a/moved") && !before.out().contains("/a/b"), before::toString);

    assertEquals(0, quire.run(conf, "stop").exit());
    assertEquals(0, start(conf).exit());

    QuireCommand.Result after = quire.run(conf, "fs", "ls", "-R", "/");
    assertEquals(before.out(), after.out(), "same listing, ids and mtimes after a restart");

    // moving a master with a local journal: stop, copy the folder, start elsewhere on the copy
    assertEquals(0, quire.run(conf, "stop").exit());
    Path copy = home.resolve("copied-journal");
    copyTree(home.resolve("journal"), copy);
    QuireCommand elsewhere = new QuireCommand(java.nio.file.Files.createDirectories(home.resolve("elsewhere")));
    Path moved = elsewhere.configure("conf", "alluxio.master.journal.folder=" + copy);
    try {
      assertEquals(0, elsewhere.run(moved, "start").exit());
      assertEquals(before.out(), elsewhere.run(moved, "fs", "ls", "-R", "/").out(),
          "a master on a copy of the folder comes up in the state the old one left");
    } finally {
      elsewhere.run(moved, "stop");
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(from)) {
      for (Path source : files.toList()) {
        java.nio.file.Files.copy(source, to.resolve(from.relativize(source).toString()),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  @Test
  void checkpointsOnThePeriodAndOnRequestAndRestartsFromTheNewest() throws Exception {
    Path conf = quire.configure("conf", "alluxio.master.journal.checkpoint.period.entries=100",
        "alluxio.master.journal.log.size.bytes.max=2KB");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, start(conf).exit());
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      script.append("mkdir /d").append(i).append('\n');
    }
    for (int i = 0; i < 250; i += 2) {
      script.append("rm /d").append(i).append('\n');
    }
    for (int i = 0; i < 25; i++) {
      script.append("mkdir /e").append(i).append('\n');
    }
    QuireCommand.Result batch = quire.runWithInput(conf, script.toString(), "fs", "-");
    assertEquals(0, batch.exit(), batch::toString);

    SiteConfig config = SiteConfigLoader.load(conf, home);
    ObjectName checkpointer = new ObjectName("quire:type=Checkpointer");
    ObjectName journal = new ObjectName("quire:type=Journal");
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(config.jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      // 400 entries, a period of 100: checkpoints come on their own wherever the checkpointer's
      // ticks fall, the newest fewer than 100 entries behind the last, so after entry 300
      await().atMost(PATIENCE).until(() ->
          (Long) server.getAttribute(checkpointer, "LastCheckpointSequenceNumber") >= 300);
      assertEquals(100L, server.getAttribute(checkpointer, "PeriodEntries"));
      assertEquals(Boolean.FALSE, server.getAttribute(checkpointer, "Overdue"));
      // the logs before the older of the two kept checkpoints are gone
      Path folder = home.resolve("journal");
      await().atMost(PATIENCE).until(() -> firstLogSequence(folder) > 1);
      List<String> checkpoints = checkpointFiles(folder);
      assertTrue(checkpoints.size() <= 2, () -> "checkpoints " + checkpoints);

      QuireCommand.Result checkpoint = quire.run(conf, "fsadmin", "checkpoint");
      assertEquals(0, checkpoint.exit(), checkpoint::toString);
      long last = (Long) server.getAttribute(journal, "LastSequenceNumber");
      assertTrue(checkpoint.out().matches("(?s).*Checkpoint sequence:\\s+" + last + "\\s.*"),
          () -> "the new checkpoint covers entry " + last + ":\n" + checkpoint);
      assertEquals(last, server.getAttribute(checkpointer, "LastCheckpointSequenceNumber"));
    }
    QuireCommand.Result report = quire.run(conf, "fsadmin", "report");
    assertTrue(report.out().matches("(?s).*Entries since checkpoint:\\s+0\\s.*"), report::toString);
    assertTrue(report.out().contains("Last checkpoint age (s)"), report::toString);

    QuireCommand.Result before = quire.run(conf, "fs", "ls", "/");
    assertEquals(0, quire.run(conf, "stop").exit());
    assertEquals(0, start(conf).exit());
    assertEquals(before.out(), quire.run(conf, "fs", "ls", "/").out());
    String log = Files.readString(logFile(conf));
    assertTrue(log.contains("loaded checkpoint checkpoint-"), "restart loads the checkpoint:\n" + log);
    assertTrue(log.contains("replayed 0 entries"), "and replays nothing after it:\n" + log);
  }

  @Test
  void aSecondaryMasterFollowsWritesCheckpointsAndThePrimaryCleansUpWithThem() throws Exception {
    // the primary's own period is out of reach: every checkpoint here is the secondary's
    Path primaryConf = quire.configure("primary",
        "alluxio.master.journal.checkpoint.period.entries=1000000",
        "alluxio.master.journal.log.size.bytes.max=2KB");
    Path secondaryConf = quire.configure("secondary",
        "alluxio.master.journal.checkpoint.period.entries=100",
        "alluxio.master.journal.log.size.bytes.max=2KB");
    assertEquals(0, quire.run(primaryConf, "format").exit());
    assertEquals(0, start(primaryConf).exit());
    startedSecondaries.add(secondaryConf);
    QuireCommand.Result secondaryStart = quire.run(secondaryConf, "start", "secondary_master");
    assertEquals(0, secondaryStart.exit(), secondaryStart::toString);
    assertTrue(secondaryStart.out().contains("following the journal"), secondaryStart::toString);

    mkdirs(primaryConf, "/s", 400);
    SiteConfig secondaryConfig = SiteConfigLoader.load(secondaryConf, home).asSecondary();
    SiteConfig primaryConfig = SiteConfigLoader.load(primaryConf, home);
    awaitSecondaryMatches(primaryConfig, secondaryConfig);

    ObjectName master = new ObjectName("quire:type=Master");
    ObjectName checkpointer = new ObjectName("quire:type=Checkpointer");
    try (JMXConnector toSecondary = JMXConnectorFactory.connect(
            new JMXServiceURL(secondaryConfig.jmxServiceUrl()));
        JMXConnector toPrimary = JMXConnectorFactory.connect(
            new JMXServiceURL(primaryConfig.jmxServiceUrl()))) {
      MBeanServerConnection secondary = toSecondary.getMBeanServerConnection();
      MBeanServerConnection primary = toPrimary.getMBeanServerConnection();
      assertEquals("SECONDARY", secondary.getAttribute(master, "Role"));
      assertEquals(Boolean.FALSE, secondary.getAttribute(master, "FallingBehind"));

      await().atMost(PATIENCE).until(() ->
          (Long) secondary.getAttribute(checkpointer, "CheckpointsWritten") >= 3);
      assertEquals(0L, primary.getAttribute(checkpointer, "CheckpointsWritten"));
      Path folder = home.resolve("journal");
      // the primary sees the secondary's checkpoints and deletes the logs they cover
      await().atMost(PATIENCE).until(() -> firstLogSequence(folder) > 1);
      await().atMost(PATIENCE).until(() ->
          (Long) primary.getAttribute(checkpointer, "LastCheckpointSequenceNumber") >= 300);
      await().atMost(PATIENCE).until(() ->
          primary.getAttribute(checkpointer, "DeferringToSecondary").equals(Boolean.TRUE));
    }
    QuireCommand.Result report = quire.run(secondaryConf, "fsadmin", "report", "--url",
        secondaryConfig.jmxServiceUrl());
    assertTrue(report.out().contains("SECONDARY"), report::toString);
    QuireCommand.Result mkdir = quire.run(secondaryConf, "fs", "mkdir", "/not-here");
    assertNotEquals(0, mkdir.exit(), "a secondary serves no clients:\n" + mkdir);

    assertEquals(0, quire.run(secondaryConf, "stop", "secondary_master").exit());
    String log = Files.readString(new InstanceFiles(home, Role.SECONDARY_MASTER,
        secondaryConfig.webPort()).logFile());
    assertTrue(log.contains("Master following the journal as SECONDARY"), log);
    assertFalse(log.contains(" ERROR "), "no errors in the secondary's log:\n" + log);
  }

  @Test
  void aSecondaryFollowsThePrimaryAcrossItsKillAndRestart() throws Exception {
    Path primaryConf = quire.configure("primary");
    Path secondaryConf = quire.configure("secondary");
    assertEquals(0, quire.run(primaryConf, "format").exit());
    assertEquals(0, start(primaryConf).exit());
    startedSecondaries.add(secondaryConf);
    assertEquals(0, quire.run(secondaryConf, "start", "secondary_master").exit());
    SiteConfig secondaryConfig = SiteConfigLoader.load(secondaryConf, home).asSecondary();
    SiteConfig primaryConfig = SiteConfigLoader.load(primaryConf, home);
    ObjectName master = new ObjectName("quire:type=Master");

    mkdirs(primaryConf, "/before", 200);
    awaitSecondaryMatches(primaryConfig, secondaryConfig);
    long pid = pidOf(primaryConf);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // kill -9
    await().atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(ProcessExit::exited).orElse(true));
    assertEquals(0, start(primaryConf).exit(), "the primary restarts on the same folder");
    mkdirs(primaryConf, "/after", 200);

    awaitSecondaryMatches(primaryConfig, secondaryConfig);
    try (JMXConnector toSecondary = JMXConnectorFactory.connect(
        new JMXServiceURL(secondaryConfig.jmxServiceUrl()))) {
      MBeanServerConnection secondary = toSecondary.getMBeanServerConnection();
      assertEquals(Boolean.FALSE, secondary.getAttribute(master, "FallingBehind"));
      assertEquals("", secondary.getAttribute(master, "FollowProblem"));
    }
    String log = Files.readString(new InstanceFiles(home, Role.SECONDARY_MASTER,
        secondaryConfig.webPort()).logFile());
    assertFalse(log.contains(" ERROR "), "the primary's crash is no error to the secondary:\n"
        + log);
  }

  private void mkdirs(Path conf, String prefix, int count) throws Exception {
    quire.mkdirs(conf, prefix, count);
  }

  /** Waits until the secondary has applied the primary's last entry and has its inode count. */
  private static void awaitSecondaryMatches(SiteConfig primaryConfig, SiteConfig secondaryConfig)
      throws Exception {
    ObjectName master = new ObjectName("quire:type=Master");
    try (JMXConnector toSecondary = JMXConnectorFactory.connect(
            new JMXServiceURL(secondaryConfig.jmxServiceUrl()));
        JMXConnector toPrimary = JMXConnectorFactory.connect(
            new JMXServiceURL(primaryConfig.jmxServiceUrl()))) {
      MBeanServerConnection secondary = toSecondary.getMBeanServerConnection();
      MBeanServerConnection primary = toPrimary.getMBeanServerConnection();
      long last = (Long) primary.getAttribute(master, "LastAppliedSequenceNumber");
      await().atMost(PATIENCE).until(() ->
          (Long) secondary.getAttribute(master, "LastAppliedSequenceNumber") == last);
      assertEquals(primary.getAttribute(master, "InodeCount"),
          secondary.getAttribute(master, "InodeCount"), "the same namespace");
    }
  }

  private static long firstLogSequence(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> io.quire.journal.JournalFormat.parseSegmentName(f.getFileName().toString()))
          .filter(range -> range != null).mapToLong(range -> range[0]).min().orElse(0);
    }
  }

  private static List<String> checkpointFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString())
          .filter(name -> name.startsWith("checkpoint-")).toList();
    }
  }

  @Test
  void startOnAnUnformattedFolderFailsAndSaysToRunFormat() throws Exception {
    Path conf = quire.configure("conf", "alluxio.master.journal.folder=" + home.resolve("never-formatted"));

    QuireCommand.Result start = start(conf);

    assertEquals(1, start.exit(), start::toString);
    assertTrue(start.err().contains("bin/quire format"), start::toString);
    assertEquals(1, start.err().strip().lines().count(), "one line on stderr: " + start.err());
    assertFalse(Files.exists(pidFile(conf)), "nothing left running");
  }

  @Test
  void aSecondMasterOnTheSameFolderRefusesAndNamesTheHolder() throws Exception {
    Path folder = home.resolve("shared-journal");
    Path first = quire.configure("conf-a", "alluxio.master.journal.folder=" + folder);
    Path second = quire.configure("conf-b", "alluxio.master.journal.folder=" + folder);
    assertEquals(0, quire.run(first, "format").exit());
    assertEquals(0, start(first).exit());
    long holder = pidOf(first);

    QuireCommand.Result refused = start(second);

    assertEquals(1, refused.exit(), refused::toString);
    assertTrue(refused.err().contains("held by") && refused.err().contains(Long.toString(holder)),
        refused::toString);
    assertTrue(ProcessHandle.of(holder).map(p -> !ProcessExit.exited(p)).orElse(false), "the holder keeps serving");
  }

  @Test
  void formatRefusesWhileAMasterRuns() throws Exception {
    Path conf = quire.configure("conf");
    assertEquals(0, quire.run(conf, "format").exit());
    Path marker = home.resolve("journal").resolve("quire-journal.format");
    String before = Files.readString(marker);
    assertEquals(0, start(conf).exit());

    QuireCommand.Result format = quire.run(conf, "format");

    assertNotEquals(0, format.exit(), format::toString);
    assertEquals(1, format.err().strip().lines().count(), "one line on stderr: " + format.err());
    assertTrue(format.err().contains("held"), format::toString);
    assertEquals(before, Files.readString(marker), "the journal is untouched");
  }

  @Test
  void aMalformedValueStopsTheStartNamingKeyAndValue() throws Exception {
    Path conf = quire.configure("conf", "alluxio.master.journal.log.size.bytes.max=ten");

    QuireCommand.Result start = start(conf);

    assertEquals(2, start.exit(), start::toString);
    assertTrue(start.err().contains("alluxio.master.journal.log.size.bytes.max=ten"), start::toString);
    assertFalse(Files.exists(home.resolve("logs")), "nothing started");
  }

  private QuireCommand.Result start(Path conf) throws Exception {
    started.add(conf);
    return quire.run(conf, "start");
  }

  private long pidOf(Path conf) throws Exception {
    return quire.pidOf(conf);
  }

  private Path pidFile(Path conf) throws Exception {
    return quire.pidFile(conf);
  }

  private Path logFile(Path conf) throws Exception {
    return quire.logFile(conf);
  }

  private List<Path> pidFiles() throws IOException {
    return quire.pidFiles();
  }
}
