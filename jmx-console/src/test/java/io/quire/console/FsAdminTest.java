package io.quire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.quire.console.ConsoleRun.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class FsAdminTest {
  private final Map<String, String> environment = new HashMap<>();
  private final FakeMBeans.BackupBean backup = new FakeMBeans.BackupBean();
  private FakeMaster master;

  @TempDir
  Path temp;

  @BeforeEach
  void startMaster() throws Exception {
    master = FakeMaster.start();
  }

  @AfterEach
  void stopMaster() throws IOException {
    master.close();
  }

  @Test
  void reportPrintsJournalAndMasterStatusAsAlignedLines() throws Exception {
    master.withAllMBeans(backup);

    Result result = fsadmin("report", "--url", master.url());

    assertEquals(0, result.exit(), result.err());
    assertEquals("", result.err());
    Map<String, String> lines = result.lines();
    assertEquals("PRIMARY", lines.get("Role"));
    assertEquals("/var/quire/journal", lines.get("Journal folder"));
    assertEquals("local", lines.get("Storage"));
    assertEquals("file:/var/quire/journal", lines.get("Storage URI"));
    assertEquals("987654", lines.get("Last sequence"));
    assertEquals("4321", lines.get("Entries since checkpoint"));
    assertEquals("3", lines.get("Log files"));
    assertEquals("10485760", lines.get("Log bytes"));
    assertEquals("983333", lines.get("Last checkpoint"));
    assertEquals("2026-11-02T09:30:00Z", lines.get("Last checkpoint time"));
    assertEquals("5400", lines.get("Last checkpoint age (s)"));
    assertEquals("true", lines.get("Checkpoint overdue"));
    assertEquals("No space left on device", lines.get("Checkpoint failure"));
    assertEquals("file:/backups/alluxio-journal-2026-11-01-1761976800000.gz", lines.get("Last backup"));
    assertEquals("2026-11-03T05:00:00Z", lines.get("Next backup"));
    assertEquals(1, result.out().lines().mapToInt(FsAdminTest::valueColumn).distinct().count(),
        "values start in one column:\n" + result.out());
  }

  @Test
  void reportAsJsonKeepsTypesForScripts() throws Exception {
    master.withAllMBeans(backup);

    Result result = fsadmin("report", "--json", "--url", master.url());

    assertEquals(0, result.exit(), result.err());
    Map<String, Object> json = JSON.std.mapFrom(result.out());
    assertEquals("PRIMARY", json.get("role"));
    assertEquals("/var/quire/journal", json.get("journalFolder"));
    assertEquals("local", json.get("storageType"));
    assertEquals(true, json.get("storageHealthy"));
    assertEquals(987654, ((Number) json.get("lastSequenceNumber")).intValue());
    assertEquals(4321, ((Number) json.get("entriesSinceCheckpoint")).intValue());
    assertEquals(10485760, ((Number) json.get("logBytes")).intValue());
    assertEquals("2026-11-01T05:00:00Z", json.get("lastBackupTime"));
    assertEquals("2026-11-03T05:00:00Z", json.get("nextBackupTime"));
  }

  @Test
  void reportShowsNotAvailableForMBeansTheMasterDoesNotHaveYet() throws Exception {
    master.withCoreMBeans();

    Result human = fsadmin("report", "--url", master.url());
    Result json = fsadmin("report", "--json", "--url", master.url());

    assertEquals(0, human.exit(), human.err());
    assertEquals("987654", human.lines().get("Last sequence"));
    assertEquals("n/a", human.lines().get("Last checkpoint"));
    assertEquals("n/a", human.lines().get("Last backup"));
    assertEquals("n/a", human.lines().get("Next backup"));
    assertEquals(0, json.exit(), json.err());
    Map<String, Object> values = JSON.std.mapFrom(json.out());
    assertTrue(values.containsKey("lastCheckpointSequenceNumber"));
    assertNull(values.get("lastCheckpointSequenceNumber"));
    assertNull(values.get("nextBackupTime"));
  }

  @Test
  void reportFindsTheMasterThroughTheConfigurationFolder() throws Exception {
    master.withCoreMBeans();
    Path conf = writeConf("quire.jmx.host=127.0.0.1\nquire.jmx.port=" + master.port() + "\n");

    Result result = fsadmin("report", "--conf", conf.toString());

    assertEquals(0, result.exit(), result.err());
    assertEquals("PRIMARY", result.lines().get("Role"));
  }

  @Test
  void secondaryReportsOnTheSecondaryJmxPortOfTheConfiguration() throws Exception {
    master.withCoreMBeans();
    // the primary's port points nowhere useful: only the secondary's port reaches the fake
    Path conf = writeConf("quire.jmx.port=1\nquire.secondary.jmx.port=" + master.port() + "\n");

    Result result = fsadmin("report", "--secondary", "--conf", conf.toString());

    assertEquals(0, result.exit(), result.err());
    assertEquals("PRIMARY", result.lines().get("Role"), "the fake master's role");
    Result both = fsadmin("report", "--secondary", "--url", "service:jmx:rmi:///jndi/rmi://x:1/jmxrmi");
    assertEquals(2, both.exit(), both.err());
    assertTrue(both.err().contains("--url and --secondary"), both.err());
  }

  @Test
  void honoursTheLaunchersConfOptionWhenRunAsItsSubcommand() throws Exception {
    master.withCoreMBeans();
    Path conf = writeConf("quire.jmx.port=" + master.port() + "\n");
    CommandLine launcher = new CommandLine(new Launcher()).addSubcommand(new FsAdmin(environment::get));

    Result result = run(launcher, "--conf", conf.toString(), "fsadmin", "report");

    assertEquals(0, result.exit(), result.err());
    assertEquals("PRIMARY", result.lines().get("Role"));
  }

  @Test
  void unreachableMasterExitsOneWithTheUrlOnStderr() throws Exception {
    String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + FakeMaster.freePort() + "/jmxrmi";

    Result result = fsadmin("report", "--url", url);

    assertEquals(1, result.exit());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains(url), result.err());
  }

  @Test
  void silentMasterExitsOneOnceTheConnectTimeoutPasses() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + silent.getLocalPort() + "/jmxrmi";

      Result result = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> fsadmin("report", "--timeout", "1", "--url", url));

      assertEquals(1, result.exit());
      assertTrue(result.err().contains(url) && result.err().contains("no answer within 1 s"), result.err());
    }
  }

  @Test
  void jvmWithoutQuireMBeansIsNotMistakenForAMaster() {
    Result result = fsadmin("report", "--url", master.url());

    assertEquals(1, result.exit());
    assertTrue(result.err().contains("no Quire MBeans") && result.err().contains(master.url()), result.err());
  }

  @Test
  void malformedPortInTheConfigurationIsAUsageErrorNamingKeyAndValue() throws Exception {
    Path conf = writeConf("quire.jmx.port=nineteen\n");

    Result result = fsadmin("report", "--conf", conf.toString());

    assertEquals(2, result.exit());
    assertTrue(result.err().contains("quire.jmx.port") && result.err().contains("nineteen"), result.err());
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(2, fsadmin("report", "--no-such-option").exit());
  }

  @Test
  void logsInWithThePasswordFromTheEnvironmentAndExitsThreeOnAWrongOneWithoutPrintingIt() throws Exception {
    master.close();
    master = FakeMaster.withLogin("operator", "s3cret-pw").withCoreMBeans();

    environment.put("QUIRE_JMX_PASSWORD", "s3cret-pw");
    Result ok = fsadmin("report", "--url", master.url(), "--user", "operator");
    environment.put("QUIRE_JMX_PASSWORD", "wrong-pw");
    Result refused = fsadmin("report", "--url", master.url(), "--user", "operator");

    assertEquals(0, ok.exit(), ok.err());
    assertEquals(3, refused.exit(), "refused: authentication failed");
    assertEquals("fsadmin report: authentication failed at " + master.url()
        + ": Invalid credentials (SecurityException)", refused.err().strip());
    assertFalse(refused.err().contains("wrong-pw") || refused.out().contains("wrong-pw"), refused.err());
  }

  @Test
  void readsThePasswordFromAFile() throws Exception {
    master.close();
    master = FakeMaster.withLogin("operator", "s3cret-pw").withCoreMBeans();
    Path passwordFile = Files.writeString(temp.resolve("jmx.password"), "s3cret-pw\n");

    Result result = fsadmin("report", "--url", master.url(), "--user", "operator",
        "--password-file", passwordFile.toString());

    assertEquals(0, result.exit(), result.err());
  }

  @Test
  void userWithoutAnyPasswordIsAUsageError() {
    Result result = fsadmin("report", "--url", master.url(), "--user", "operator");

    assertEquals(2, result.exit());
    assertTrue(result.err().contains("QUIRE_JMX_PASSWORD"), result.err());
  }

  @Test
  void backupWithoutBackupMBeanExitsOneWithTheDocumentedMessage() throws Exception {
    master.withCoreMBeans();

    Result result = fsadmin("backup", "--url", master.url());

    assertEquals(1, result.exit());
    assertEquals("fsadmin backup: this master has no Backup MBean (quire:type=Backup)", result.err().strip());
  }

  @Test
  void backupPrintsTheUriAndEntryCount() throws Exception {
    master.withAllMBeans(backup);

    Result result = fsadmin("backup", "--url", master.url());

    assertEquals(0, result.exit(), result.err());
    assertEquals("", backup.lastTarget, "no directory: the master's default");
    assertEquals("file:/backups/alluxio-journal-2026-11-02-1762070400000.gz", result.lines().get("Backup URI"));
    assertEquals("5000", result.lines().get("Entry count"));
  }

  @Test
  void aLongBackupPrintsItsProgressOnStderrBeforeTheResult() throws Exception {
    backup.progressReads = new java.util.concurrent.CountDownLatch(2);
    master.withAllMBeans(backup);

    Result result = fsadmin("backup", "--json", "--progress-every", "20", "--url", master.url());

    assertEquals(0, result.exit(), result.err());
    List<String> progress = result.err().lines().toList();
    assertTrue(progress.size() >= 2, result.err());
    assertEquals(List.of("backup: 3.5 MB of state written so far", "backup: 7.0 MB of state written so far"),
        progress.subList(0, 2));
    assertTrue(progress.stream().allMatch(line -> line.startsWith("backup: ")), result.err());
    assertEquals("file:/backups/alluxio-journal-2026-11-02-1762070400000.gz",
        JSON.std.mapFrom(result.out()).get("backupUri"), "stdout holds the JSON object alone");
  }

  @Test
  void localBackupSendsAFileUriOfTheDirectory() throws Exception {
    master.withAllMBeans(backup);

    Result result = fsadmin("backup", "/opt/quire/backups", "--local", "--json", "--url", master.url());

    assertEquals(0, result.exit(), result.err());
    assertEquals("file:///opt/quire/backups", backup.lastTarget);
    assertEquals("file:///opt/quire/backups/alluxio-journal-2026-11-02-1762070400000.gz",
        JSON.std.mapFrom(result.out()).get("backupUri"));
  }

  @Test
  void localBackupRefusesARemoteUri() {
    Result result = fsadmin("backup", "hdfs://nn:8020/backups", "--local", "--url", master.url());

    assertEquals(2, result.exit());
  }

  @Test
  void checkpointPrintsItsSequenceNumber() throws Exception {
    master.withAllMBeans(backup);

    Result result = fsadmin("checkpoint", "--url", master.url());

    assertEquals(0, result.exit(), result.err());
    assertEquals("987654", result.lines().get("Checkpoint sequence"));
  }

  @Test
  void checkpointWithoutCheckpointerMBeanExitsOne() throws Exception {
    master.withCoreMBeans();

    Result result = fsadmin("checkpoint", "--url", master.url());

    assertEquals(1, result.exit());
    assertEquals("fsadmin checkpoint: this master has no Checkpointer MBean (quire:type=Checkpointer)",
        result.err().strip());
  }

  @Test
  void withoutACommandPrintsEveryCommandOnStderrAndExitsTwo() {
    Result result = fsadmin();

    assertEquals(2, result.exit());
    assertEquals("", result.out());
    for (String command : List.of("report", "backup", "checkpoint", "move-journal", "daily-backup", "restore",
        "storage", "bundles")) {
      assertTrue(result.err().lines().anyMatch(line -> line.startsWith("  " + command + " ")), command + ":\n"
          + result.err());
    }
    assertTrue(result.err().contains("3 refused"), result.err());
  }

  @Test
  void everyCommandHasHelpJsonAndItsExitCodesInTheFooter() {
    List<CommandLine> commands = new ArrayList<>();
    collect(new CommandLine(new FsAdmin(environment::get)), commands);
    assertEquals(17, commands.size(), "fsadmin, 8 commands, 8 subcommands of daily-backup, restore, bundles");
    for (CommandLine command : commands.subList(1, commands.size())) {
      String name = command.getCommandSpec().qualifiedName();
      assertTrue(command.getCommandSpec().findOption("--json") != null, name + " has --json");
      String footer = String.join(" ", command.getCommandSpec().usageMessage().footer());
      assertTrue(footer.startsWith("Exit codes: 0 ") && footer.contains(" 1 ") && footer.contains(" 2 usage error")
          && footer.contains(" 3 refused: authentication failed or access denied"), name + ": " + footer);

      List<String> path = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
      path.add("--help");
      Result help = fsadmin(path.toArray(String[]::new));
      assertEquals(0, help.exit(), name + " --help: " + help);
      assertTrue(help.out().startsWith("Usage: " + name) && help.out().contains("Exit codes: 0"), name + ": " + help);
    }
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  private Path writeConf(String properties) throws IOException {
    Path conf = Files.createDirectories(temp.resolve("conf"));
    Files.writeString(conf.resolve("quire-site.properties"), properties);
    return conf;
  }

  private Result fsadmin(String... args) {
    return ConsoleRun.fsadmin(environment, args);
  }

  private static Result run(CommandLine commandLine, String... args) {
    return ConsoleRun.run(commandLine, args);
  }

  private static int valueColumn(String line) {
    int colon = line.indexOf(':');
    int column = colon + 1;
    while (column < line.length() && line.charAt(column) == ' ') {
      column++;
    }
    return column;
  }

  /** Stands in for bin/quire: a top-level command with its own --conf. */
  @Command(name = "quire")
  static final class Launcher {
    @Option(names = "--conf")
    Path conf;
  }

}
