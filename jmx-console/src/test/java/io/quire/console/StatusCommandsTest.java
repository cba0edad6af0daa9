package io.quire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.quire.console.ConsoleRun.Result;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fsadmin daily-backup}, {@code restore} and {@code storage} against a fake master. */
class StatusCommandsTest {
  private final FakeMBeans.DailyBackupBean daily = new FakeMBeans.DailyBackupBean();
  private FakeMaster master;

  @BeforeEach
  void startMaster() throws Exception {
    master = FakeMaster.start();
  }

  @AfterEach
  void stopMaster() throws IOException {
    master.close();
  }

  @Test
  void dailyBackupPrintsItsScheduleAndLastRunWithOrWithoutTheWordStatus() throws Exception {
    master.withAllMBeans(new FakeMBeans.BackupBean(), daily);

    Result bare = fsadmin("daily-backup", "--url", master.url());
    Result status = fsadmin("daily-backup", "status", "--url", master.url());

    assertEquals(0, bare.exit(), bare::toString);
    assertEquals(bare.out(), status.out());
    assertEquals(List.of("Enabled", "Time (UTC)", "Files retained", "Next run", "Last result", "Last run failed"),
        List.copyOf(bare.lines().keySet()));
    assertEquals("true", bare.lines().get("Enabled"));
    assertEquals("05:00", bare.lines().get("Time (UTC)"));
    assertEquals("3", bare.lines().get("Files retained"));
    assertEquals("2026-11-03T05:00:00Z", bare.lines().get("Next run"));
    assertEquals("(none)", bare.lines().get("Last result"));
    assertEquals("false", bare.lines().get("Last run failed"));
  }

  @Test
  void dailyBackupStatusAsJsonKeepsTypes() throws Exception {
    master.withAllMBeans(new FakeMBeans.BackupBean(), daily);

    Result result = fsadmin("daily-backup", "status", "--json", "--url", master.url());

    assertEquals(0, result.exit(), result::toString);
    Map<String, Object> json = JSON.std.mapFrom(result.out());
    assertEquals(true, json.get("enabled"));
    assertEquals("05:00", json.get("time"));
    assertEquals(3, json.get("filesRetained"));
    assertEquals("2026-11-03T05:00:00Z", json.get("nextRunTime"));
    assertEquals("", json.get("lastResult"));
    assertEquals(false, json.get("lastRunFailed"));
  }

  @Test
  void runNowPrintsTheResultOfTheRun() throws Exception {
    master.withAllMBeans(new FakeMBeans.BackupBean(), daily);

    Result human = fsadmin("daily-backup", "run-now", "--url", master.url());
    Result json = fsadmin("daily-backup", "run-now", "--json", "--url", master.url());

    assertEquals(0, human.exit(), human::toString);
    assertTrue(human.lines().get("Result").contains(" ok: file:/backups/alluxio-journal-"), human::toString);
    assertEquals("2026-11-03T05:00:00Z", human.lines().get("Next run"));
    assertEquals(0, json.exit(), json::toString);
    assertTrue(((String) JSON.std.mapFrom(json.out()).get("result")).contains(" ok: "), json::toString);
  }

  @Test
  void aFailedRunExitsOneWithTheMastersReasonOnOneLine() throws Exception {
    daily.nextFailure = "No space left on device";
    master.withAllMBeans(new FakeMBeans.BackupBean(), daily);

    Result result = fsadmin("daily-backup", "run-now", "--url", master.url());

    assertEquals(1, result.exit(), result::toString);
    assertEquals("", result.out());
    assertEquals(List.of("fsadmin daily-backup run-now: the daily backup run failed: 2026-11-02T10:00:00Z FAILED:"
        + " No space left on device; next run 2026-11-03T05:00:00Z"), result.errLines());
  }

  @Test
  void dailyBackupWithoutItsMBeanExitsOne() throws Exception {
    master.withCoreMBeans();

    Result status = fsadmin("daily-backup", "--url", master.url());
    Result runNow = fsadmin("daily-backup", "run-now", "--url", master.url());

    assertEquals(1, status.exit());
    assertEquals("fsadmin daily-backup: this master has no DailyBackup MBean (quire:type=DailyBackup)",
        status.err().strip());
    assertEquals(1, runNow.exit());
    assertEquals("fsadmin daily-backup run-now: this master has no DailyBackup MBean (quire:type=DailyBackup)",
        runNow.err().strip());
  }

  @Test
  void optionsBeforeTheSubcommandAreAUsageErrorThatSaysWhereTheyGo() throws Exception {
    master.withAllMBeans(new FakeMBeans.BackupBean(), daily);

    Result result = fsadmin("daily-backup", "--json", "run-now", "--url", master.url());

    assertEquals(2, result.exit(), result::toString);
    assertEquals("fsadmin daily-backup run-now: give --json after the subcommand:"
        + " fsadmin daily-backup run-now --json ...", result.err().strip());
    assertEquals("", daily.getLastResult(), "nothing ran");
  }

  @Test
  void restoreStatusPrintsWhatStartDashIImported() throws Exception {
    master.withAllMBeans(new FakeMBeans.BackupBean());

    Result human = fsadmin("restore", "--url", master.url());
    Result json = fsadmin("restore", "status", "--json", "--url", master.url());

    assertEquals(0, human.exit(), human::toString);
    assertEquals(FakeMBeans.RestoreBean.GOOD, human.lines().get("Imported from"));
    assertEquals("5000", human.lines().get("Entries restored"));
    assertEquals("4999", human.lines().get("Restored sequence"));
    assertEquals("2026-11-02T08:00:01Z", human.lines().get("Restore time"));
    assertEquals(0, json.exit(), json::toString);
    Map<String, Object> values = JSON.std.mapFrom(json.out());
    assertEquals(FakeMBeans.RestoreBean.GOOD, values.get("importedFrom"));
    assertEquals(5000, values.get("entriesRestored"));
    assertEquals("2026-11-02T08:00:01Z", values.get("restoreTime"));
  }

  @Test
  void validatePrintsTheSummaryOfAGoodBackup() throws Exception {
    master.withAllMBeans(new FakeMBeans.BackupBean());

    Result human = fsadmin("restore", "validate", FakeMBeans.RestoreBean.GOOD, "--url", master.url());
    Result json = fsadmin("restore", "validate", "--json", FakeMBeans.RestoreBean.GOOD, "--url", master.url());

    assertEquals(0, human.exit(), human::toString);
    assertEquals(FakeMBeans.RestoreBean.GOOD, human.lines().get("Backup"));
    assertEquals("true", human.lines().get("Valid"));
    assertTrue(human.lines().get("Summary").contains("a good backup of 5000 entries"), human::toString);
    assertEquals(0, json.exit(), json::toString);
    Map<String, Object> values = JSON.std.mapFrom(json.out());
    assertEquals(true, values.get("valid"));
    assertEquals(FakeMBeans.RestoreBean.GOOD, values.get("backupUri"));
  }

  @Test
  void aBackupThatFailsValidationExitsOneWithOneLineNamingIt() throws Exception {
    master.withAllMBeans(new FakeMBeans.BackupBean());
    String cut = "file:/backups/cut.gz";

    Result result = fsadmin("restore", "validate", cut, "--json", "--url", master.url());

    assertEquals(1, result.exit(), result::toString);
    assertEquals("", result.out(), "no JSON for a failure");
    assertEquals(List.of("fsadmin restore validate: backup failed validation: backup " + cut
        + " is truncated: 120 bytes, no end record: at byte 120 (IOException)"), result.errLines(),
        "the master's message, then its cause's");
  }

  @Test
  void validateNeedsAUriOrAnAbsolutePath() {
    Result relative = fsadmin("restore", "validate", "backups/b.gz", "--url", master.url());
    Result none = fsadmin("restore", "validate", "--url", master.url());

    assertEquals(2, relative.exit(), relative::toString);
    assertTrue(relative.err().contains("'backups/b.gz'"), relative::toString);
    assertEquals(2, none.exit(), none::toString);
  }

  @Test
  void storagePrintsABlockPerStorageSortedByNameWithWhatEachHas() throws Exception {
    master.withCoreMBeans();
    master.register("quire:type=JournalStorage,name=hdfs", new FakeMBeans.NewerStorageBean(),
        FakeMBeans.NewerJournalStorage.class);

    Result result = fsadmin("storage", "--url", master.url());

    assertEquals(0, result.exit(), result::toString);
    String[] blocks = result.out().split("\\R\\R");
    assertEquals(2, blocks.length, result::toString);
    Map<String, String> hdfs = new Result(0, blocks[0], "").lines();
    Map<String, String> local = new Result(0, blocks[1], "").lines();
    assertEquals(List.of("Storage", "URI", "Type", "Healthy", "Bytes written", "Syncs", "Last sync micros"),
        List.copyOf(hdfs.keySet()), "the known attributes first, then the others");
    assertEquals("hdfs", hdfs.get("Storage"));
    assertEquals("hdfs://nn:8020/quire/journal", hdfs.get("URI"));
    assertEquals("false", hdfs.get("Healthy"));
    assertEquals("1250", hdfs.get("Last sync micros"), "an attribute the console has no name for");
    assertEquals("local", local.get("Storage"));
    assertEquals("file:/var/quire/journal", local.get("URI"));
    assertEquals("n/a", local.get("Type"), "an attribute this storage lacks");
    assertEquals("7", local.get("Syncs"));
    assertEquals(1, result.out().lines().filter(l -> !l.isBlank()).mapToInt(StatusCommandsTest::valueColumn)
        .distinct().count(), "values start in one column across the blocks:\n" + result.out());
  }

  @Test
  void storageAsJsonIsAnArrayWithAnObjectPerStorage() throws Exception {
    master.withCoreMBeans();
    master.register("quire:type=JournalStorage,name=hdfs", new FakeMBeans.NewerStorageBean(),
        FakeMBeans.NewerJournalStorage.class);

    Result result = fsadmin("storage", "--json", "--url", master.url());

    assertEquals(0, result.exit(), result::toString);
    List<Object> storages = JSON.std.listFrom(result.out());
    assertEquals(2, storages.size());
    @SuppressWarnings("unchecked")
    Map<String, Object> hdfs = (Map<String, Object>) storages.get(0);
    assertEquals("hdfs", hdfs.get("name"));
    assertEquals(false, hdfs.get("healthy"));
    assertEquals(4096, hdfs.get("bytesWritten"));
    assertEquals(1250, hdfs.get("lastSyncMicros"));
    @SuppressWarnings("unchecked")
    Map<String, Object> local = (Map<String, Object>) storages.get(1);
    assertEquals("local", local.get("name"));
    assertEquals("file:/var/quire/journal", local.get("uri"));
    assertEquals(7, local.get("syncs"));
  }

  @Test
  void storageWithoutAnyStorageMBeanExitsOne() {
    Result result = fsadmin("storage", "--url", master.url());

    assertEquals(1, result.exit());
    assertEquals("fsadmin storage: this master has no JournalStorage MBean (quire:type=JournalStorage,*)",
        result.err().strip());
  }

  private static int valueColumn(String line) {
    int column = line.indexOf(": ") + 1;
    while (line.charAt(column) == ' ') {
      column++;
    }
    return column;
  }

  private static Result fsadmin(String... args) {
    return ConsoleRun.fsadmin(Map.of(), args);
  }
}
