package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.launcher.config.SiteConfig;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code bin/quire fsadmin} command against one real master, in human output and in
 * {@code --json}, with its exit codes ({@code move-journal} is covered by the journal move
 * scenarios). The master checks logins and access levels with the JDK's files, as an operator
 * sets it up with {@code quire.jmx.password.file} and {@code quire.jmx.access.file}: {@code admin}
 * may do everything, {@code monitor} only read. It was started with {@code -i} from a backup of
 * its own earlier namespace, so that {@code restore status} has something to show.
 */
class ConsoleIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int DIRECTORIES = 20;
  private static final ObjectName DAILY_BACKUP = name("quire:type=DailyBackup");

  @TempDir
  static Path home;

  private static QuireCommand quire;
  private static Path conf;
  private static String backupUri;

  @BeforeAll
  static void startARestoredMaster() throws Exception {
    quire = new QuireCommand(home);
    Path passwords = secret("jmxremote.password", "admin admin-pw\nmonitor monitor-pw\n");
    Path access = secret("jmxremote.access", "admin readwrite\nmonitor readonly\n");
    secret("admin.pw", "admin-pw\n");
    secret("monitor.pw", "monitor-pw\n");
    secret("wrong.pw", "not-the-password\n");
    conf = quire.configure("conf", "quire.jmx.password.file=" + passwords, "quire.jmx.access.file=" + access,
        "alluxio.master.daily.backup.enabled=true", "alluxio.master.daily.backup.time=03:30",
        "alluxio.master.daily.backup.files.retained=10");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, quire.run(conf, "start").exit());
    quire.mkdirs(conf, "/c", DIRECTORIES);
    QuireCommand.Result backup = fsadmin("backup", "--json");
    assertEquals(0, backup.exit(), backup::toString);
    backupUri = jsonText(backup.out(), "backupUri");
    assertEquals(DIRECTORIES + 1, jsonNumber(backup.out(), "entryCount"), backup::toString);
    assertEquals(0, quire.run(conf, "stop").exit());

    assertEquals(0, quire.run(conf, "format").exit());
    QuireCommand.Result restored = quire.run(conf, "start", "-i", backupUri);
    assertEquals(0, restored.exit(), restored::toString);
  }

  @AfterAll
  static void stopTheMaster() throws Exception {
    QuireCommand.Result stop = quire.run(conf, "stop");
    quire.killLeftovers();
    assertEquals(0, stop.exit(), stop::toString);
    List<String> errors = Files.readAllLines(quire.logFile(conf)).stream().filter(l -> l.contains(" ERROR ")).toList();
    assertEquals(List.of(), errors, "no errors in the master's log");
  }

  @Test
  void withoutACommandFsadminListsEveryCommand() throws Exception {
    QuireCommand.Result result = quire.run(conf, "fsadmin");

    assertEquals(2, result.exit(), result::toString);
    for (String command : List.of("report", "backup", "checkpoint", "move-journal", "daily-backup", "restore",
        "storage", "bundles")) {
      assertTrue(result.err().contains("\n  " + command + " "), command + ": " + result);
    }
  }

  @Test
  void report() throws Exception {
    QuireCommand.Result human = fsadmin("report");
    QuireCommand.Result json = fsadmin("report", "--json");

    assertEquals(0, human.exit(), human::toString);
    assertEquals("PRIMARY", line(human, "Role"));
    assertEquals("true", line(human, "Storage healthy"));
    assertEquals(0, json.exit(), json::toString);
    assertJsonObject(json);
    assertEquals("PRIMARY", jsonText(json.out(), "role"));
    assertTrue(jsonNumber(json.out(), "inodeCount") >= DIRECTORIES + 1, "the restored namespace: " + json);
  }

  @Test
  void backupAndCheckpoint() throws Exception {
    QuireCommand.Result backup = fsadmin("backup");
    QuireCommand.Result checkpoint = fsadmin("checkpoint");
    QuireCommand.Result checkpointJson = fsadmin("checkpoint", "--json");

    assertEquals(0, backup.exit(), backup::toString);
    assertTrue(line(backup, "Backup URI").matches("file:.*/alluxio-journal-\\d{4}-\\d\\d-\\d\\d-\\d+\\.gz"),
        backup::toString);
    assertTrue(Long.parseLong(line(backup, "Entry count")) >= DIRECTORIES + 1, backup::toString);
    assertEquals(0, checkpoint.exit(), checkpoint::toString);
    long sequence = Long.parseLong(line(checkpoint, "Checkpoint sequence"));
    assertEquals(0, checkpointJson.exit(), checkpointJson::toString);
    assertJsonObject(checkpointJson);
    assertEquals(sequence, jsonNumber(checkpointJson.out(), "sequenceNumber"), "nothing written since");
  }

  @Test
  void dailyBackupStatusAndRunNow() throws Exception {
    awaitDailyBackup();
    QuireCommand.Result status = fsadmin("daily-backup");
    QuireCommand.Result statusJson = fsadmin("daily-backup", "status", "--json");
    QuireCommand.Result run = fsadmin("daily-backup", "run-now");
    QuireCommand.Result runJson = fsadmin("daily-backup", "run-now", "--json");
    QuireCommand.Result after = fsadmin("daily-backup", "status");

    assertEquals(0, status.exit(), status::toString);
    assertEquals("true", line(status, "Enabled"));
    assertEquals("03:30", line(status, "Time (UTC)"));
    assertEquals("10", line(status, "Files retained"));
    assertTrue(line(status, "Next run").endsWith("T03:30:00Z"), status::toString);
    assertEquals(0, statusJson.exit(), statusJson::toString);
    assertJsonObject(statusJson);
    assertEquals("03:30", jsonText(statusJson.out(), "time"));
    assertEquals(10, jsonNumber(statusJson.out(), "filesRetained"));
    assertEquals(0, run.exit(), run::toString);
    assertTrue(line(run, "Result").contains(" ok: file:"), run::toString);
    assertEquals(0, runJson.exit(), runJson::toString);
    assertTrue(jsonText(runJson.out(), "result").contains(" ok: "), runJson::toString);
    assertEquals(jsonText(runJson.out(), "result"), line(after, "Last result"), "the master kept the run's result");
    assertEquals("false", line(after, "Last run failed"));
  }

  @Test
  void restoreStatusAndValidate() throws Exception {
    Path backup = Path.of(java.net.URI.create(backupUri));
    Path cut = home.resolve("cut.gz");
    byte[] whole = Files.readAllBytes(backup);
    Files.write(cut, Arrays.copyOf(whole, whole.length - 20));
    Path notes = Files.writeString(home.resolve("notes.gz"), "not a backup\n");

    QuireCommand.Result status = fsadmin("restore");
    QuireCommand.Result statusJson = fsadmin("restore", "status", "--json");
    QuireCommand.Result good = fsadmin("restore", "validate", backupUri);
    QuireCommand.Result goodJson = fsadmin("restore", "validate", backupUri, "--json");
    QuireCommand.Result truncated = fsadmin("restore", "validate", cut.toUri().toString());
    QuireCommand.Result notABackup = fsadmin("restore", "validate", notes.toString(), "--json");
    QuireCommand.Result relative = fsadmin("restore", "validate", "notes.gz");

    assertEquals(0, status.exit(), status::toString);
    assertEquals(backupUri, line(status, "Imported from"));
    assertEquals(Integer.toString(DIRECTORIES + 1), line(status, "Entries restored"));
    assertEquals(0, statusJson.exit(), statusJson::toString);
    assertJsonObject(statusJson);
    assertEquals(backupUri, jsonText(statusJson.out(), "importedFrom"));
    assertEquals(DIRECTORIES + 1, jsonNumber(statusJson.out(), "entriesRestored"));
    assertEquals(0, good.exit(), good::toString);
    assertEquals("true", line(good, "Valid"));
    assertTrue(line(good, "Summary").contains("a good backup of " + (DIRECTORIES + 1) + " entries"), good::toString);
    assertEquals(0, goodJson.exit(), goodJson::toString);
    assertTrue(goodJson.out().contains("\"valid\": true"), goodJson::toString);
    for (QuireCommand.Result bad : List.of(truncated, notABackup)) {
      assertEquals(1, bad.exit(), bad::toString);
      assertEquals("", bad.out(), bad::toString);
      assertEquals(1, bad.err().lines().count(), "one line: " + bad);
    }
    assertTrue(truncated.err().startsWith("fsadmin restore validate: ")
        && truncated.err().contains(cut.toUri().toString()), truncated::toString);
    assertTrue(notABackup.err().contains(notes.toString()), notABackup::toString);
    assertEquals(2, relative.exit(), relative::toString);
  }

  @Test
  void storage() throws Exception {
    QuireCommand.Result human = fsadmin("storage");
    QuireCommand.Result json = fsadmin("storage", "--json");

    assertEquals(0, human.exit(), human::toString);
    assertEquals("local", line(human, "Storage"));
    assertEquals(home.resolve("journal").toUri().toString(), line(human, "URI"));
    assertEquals("true", line(human, "Healthy"));
    assertTrue(Long.parseLong(line(human, "Bytes written")) > 0, human::toString);
    assertEquals(0, json.exit(), json::toString);
    assertTrue(json.out().startsWith("[") && json.out().strip().endsWith("]"), "an array: " + json);
    assertEquals("local", jsonText(json.out(), "name"));
    assertTrue(json.out().contains("\"healthy\": true"), json::toString);
  }

  /**
   * Stop, start and update the daily backup bundle, from its own jar in the distribution: its
   * MBean goes and comes back, and the master goes on serving.
   */
  @Test
  void bundlesListStopStartAndUpdate() throws Exception {
    QuireCommand.Result list = fsadmin("bundles");
    QuireCommand.Result listJson = fsadmin("bundles", "list", "--json");

    assertEquals(0, list.exit(), list::toString);
    List<String> rows = list.out().lines().toList();
    assertTrue(rows.get(0).matches("ID\\s+State\\s+Symbolic name\\s+Version"), list::toString);
    List<Long> ids = rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.split("\\s+")[0])).toList();
    assertEquals(ids.stream().sorted().toList(), ids, "sorted by id");
    String daily = rows.stream().filter(r -> r.contains(" quire-daily-backup ")).findFirst().orElseThrow();
    assertTrue(daily.matches("\\d+\\s+ACTIVE\\s+quire-daily-backup\\s+\\S+"), daily);
    String id = daily.split("\\s+")[0];
    assertEquals(0, listJson.exit(), listJson::toString);
    assertTrue(listJson.out().startsWith("[") && listJson.out().contains("\"symbolicName\": \"quire-daily-backup\""),
        listJson::toString);
    assertEquals(rows.size() - 1, count(listJson.out(), "\"symbolicName\""), "one object per bundle");

    String dailyRuns = "quire_backup_daily_runs_total{result=\"ok\"}";
    assertTrue(scrape().contains(dailyRuns), "the bundle's meters are scraped while it runs");
    QuireCommand.Result stop = fsadmin("bundles", "stop", "quire-daily-backup");
    assertEquals(0, stop.exit(), stop::toString);
    assertEquals("RESOLVED", line(stop, "State"));
    QuireCommand.Result withoutIt = fsadmin("daily-backup");
    assertEquals(1, withoutIt.exit(), withoutIt::toString);
    assertTrue(withoutIt.err().contains("no DailyBackup MBean"), withoutIt::toString);
    assertFalse(scrape().contains("quire_backup_daily_"), "a stopped bundle's meters leave with it");

    QuireCommand.Result start = fsadmin("bundles", "start", id, "--json");
    assertEquals(0, start.exit(), start::toString);
    assertEquals("ACTIVE", jsonText(start.out(), "state"));
    awaitDailyBackup();
    await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains(dailyRuns));

    Path jar = shippedJar("quire-daily-backup-");
    QuireCommand.Result update = fsadmin("bundles", "update", "quire-daily-backup", jar.toString());
    assertEquals(0, update.exit(), update::toString);
    assertEquals(id, line(update, "ID"));
    assertEquals("ACTIVE", line(update, "State"));
    assertEquals(jar.toUri().toString(), line(update, "Updated from"));
    QuireCommand.Result updateJson = fsadmin("bundles", "update", id, jar.toString(), "--json");
    assertEquals(0, updateJson.exit(), updateJson::toString);
    assertEquals("ACTIVE", jsonText(updateJson.out(), "state"));
    awaitDailyBackup();
    QuireCommand.Result status = fsadmin("daily-backup");
    assertEquals(0, status.exit(), status::toString);
    assertEquals("03:30", line(status, "Time (UTC)"), "the updated bundle has its configuration");
    QuireCommand.Result mkdir = quire.run(conf, "fs", "mkdir", "/after-update");
    assertEquals(0, mkdir.exit(), mkdir::toString);
    assertEquals(0, fsadmin("report").exit());
  }

  @Test
  void bundlesRefusesUnknownBundlesAndBadJars() throws Exception {
    Path text = Files.writeString(home.resolve("daily.jar"), "not a jar");

    QuireCommand.Result unknown = fsadmin("bundles", "start", "quire-nothing");
    QuireCommand.Result notAJar = fsadmin("bundles", "update", "quire-daily-backup", text.toString());
    QuireCommand.Result missing = fsadmin("bundles", "update", "quire-daily-backup",
        home.resolve("gone.jar").toString());
    QuireCommand.Result otherBundle = fsadmin("bundles", "update", "quire-daily-backup",
        shippedJar("quire-restore-").toString());

    assertEquals(1, unknown.exit(), unknown::toString);
    assertTrue(unknown.err().contains("'quire-nothing'"), unknown::toString);
    assertEquals(2, notAJar.exit(), notAJar::toString);
    assertTrue(notAJar.err().contains(text.toString()), notAJar::toString);
    assertEquals(2, missing.exit(), missing::toString);
    assertEquals(2, otherBundle.exit(), otherBundle::toString);
    assertTrue(otherBundle.err().contains("nothing was updated"), otherBundle::toString);
  }

  @Test
  void aReadOnlyUserReadsButMayNotInvokeAndAWrongPasswordIsRefused() throws Exception {
    QuireCommand.Result report = fsadminAs("monitor", "report");
    QuireCommand.Result backup = fsadminAs("monitor", "backup");
    QuireCommand.Result bundles = fsadminAs("monitor", "bundles", "list");
    QuireCommand.Result wrong = fsadminAs("wrong", "report");

    assertEquals(0, report.exit(), report::toString);
    assertEquals(3, backup.exit(), backup::toString);
    assertEquals("fsadmin backup: access denied at " + jmxUrl()
        + ": user 'monitor' may not invoke backup on quire:type=Backup", backup.err().strip());
    assertEquals(3, bundles.exit(), bundles::toString);
    assertTrue(bundles.err().contains("user 'monitor' may not invoke listBundles on osgi.core:type=bundleState"),
        bundles::toString);
    assertEquals(3, wrong.exit(), wrong::toString);
    assertTrue(wrong.err().startsWith("fsadmin report: authentication failed at " + jmxUrl()), wrong::toString);
    assertFalse(wrong.err().contains("not-the-password"), wrong::toString);
  }

  /** {@code bin/quire fsadmin ARGS} as the readwrite user. */
  private static QuireCommand.Result fsadmin(String... args) throws Exception {
    return fsadminAs("admin", args);
  }

  /** {@code bin/quire fsadmin ARGS}, logged in with the password in {@code <passwordName>.pw}. */
  private static QuireCommand.Result fsadminAs(String passwordName, String... args) throws Exception {
    String user = "wrong".equals(passwordName) ? "admin" : passwordName;
    List<String> all = new ArrayList<>(List.of("fsadmin"));
    all.addAll(List.of(args));
    all.addAll(List.of("--user", user, "--password-file", home.resolve(passwordName + ".pw").toString()));
    return quire.run(conf, all.toArray(String[]::new));
  }

  private static String jmxUrl() throws Exception {
    return SiteConfigLoader.load(conf, home).jmxServiceUrl();
  }

  /** The Prometheus scrape of the master's web port. */
  private static String scrape() throws Exception {
    SiteConfig config = SiteConfigLoader.loadForClient(conf, home);
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + config.webPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response::body);
    return response.body();
  }

  /** Waits for the DailyBackup MBean, which comes with its bundle's component. */
  private static void awaitDailyBackup() throws Exception {
    Map<String, Object> login = Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", "admin-pw"});
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl()), login)) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      await().atMost(PATIENCE).until(() -> server.isRegistered(DAILY_BACKUP)
          && !"".equals(server.getAttribute(DAILY_BACKUP, "NextRunTime")));
    }
  }

  /** The jar of a Quire bundle in the distribution's {@code lib/bundles}. */
  private static Path shippedJar(String prefix) throws IOException {
    Path bundles = Path.of(System.getProperty("quire.it.lib"), "bundles");
    try (var jars = Files.newDirectoryStream(bundles, prefix + "*.jar")) {
      return jars.iterator().next();
    }
  }

  /** A file only its owner reads, as the JDK wants of password files. */
  private static Path secret(String name, String content) throws IOException {
    Path file = Files.writeString(home.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** The value of an aligned {@code label: value} line of human output. */
  private static String line(QuireCommand.Result result, String label) {
    return result.out().lines().filter(l -> l.startsWith(label + ":")).findFirst()
        .map(l -> l.substring(label.length() + 1).strip())
        .orElseThrow(() -> new AssertionError("no '" + label + "' line in\n" + result));
  }

  private static void assertJsonObject(QuireCommand.Result result) {
    assertTrue(result.out().startsWith("{") && result.out().strip().endsWith("}"), "one JSON object: " + result);
  }

  private static String jsonText(String json, String key) {
    Matcher value = Pattern.compile("\"" + key + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    assertTrue(value.find(), key + " in " + json);
    return value.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private static long jsonNumber(String json, String key) {
    Matcher value = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(json);
    assertTrue(value.find(), key + " in " + json);
    return Long.parseLong(value.group(1));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  private static ObjectName name(String name) {
    try {
      return new ObjectName(name);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(name, e);
    }
  }
}
