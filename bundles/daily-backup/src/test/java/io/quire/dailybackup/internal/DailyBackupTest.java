package io.quire.dailybackup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quire.backup.BackupFiles;
import io.quire.backup.BackupResult;
import io.quire.backup.Backups;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyBackupTest {
  @TempDir Path folder;
  private TimeZone zone;
  /** The moment the fake backup takes its name from (the schedule's caller sets it). */
  private Instant now;
  private boolean failing;
  private final List<Instant> taken = new ArrayList<>();

  /** Writes an empty file under the name a backup taken {@link #now} gets. */
  private final Backups backups = targetDir -> {
    if (failing) {
      throw new IOException("the backup disk is full");
    }
    Path file = Files.writeString(folder.resolve(BackupFiles.name(now)), "state");
    taken.add(now);
    return new BackupResult(file.toUri(), 7, 1, 5, now, 3);
  };

  @BeforeEach
  void notInUtc() {
    // the master's own time zone must not matter: the schedule is in UTC
    zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
  }

  @AfterEach
  void restoreZone() {
    TimeZone.setDefault(zone);
  }

  private DailyBackup daily(boolean enabled, String time, int retained) {
    return new DailyBackup(backups, uri -> new LocalJournalStorage(Path.of(uri)), enabled,
        LocalTime.parse(time), retained);
  }

  private DailyBackup tick(DailyBackup daily, String at) {
    now = Instant.parse(at);
    daily.tick(now);
    return daily;
  }

  @Test
  void theNextRunIsTheNextTimeOfDayInUtc() {
    LocalTime five = LocalTime.parse("05:00");
    assertEquals(Instant.parse("2026-11-29T05:00:00Z"),
        DailyBackup.nextAfter(Instant.parse("2026-11-29T04:59:59Z"), five));
    assertEquals(Instant.parse("2026-11-30T05:00:00Z"),
        DailyBackup.nextAfter(Instant.parse("2026-11-29T05:00:00Z"), five), "not twice at 05:00");
    assertEquals(Instant.parse("2026-12-01T00:15:00Z"),
        DailyBackup.nextAfter(Instant.parse("2026-11-30T23:30:00Z"), LocalTime.parse("00:15")),
        "across midnight and the end of a month");
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"),
        DailyBackup.nextAfter(Instant.parse("2026-12-31T23:59:59.999Z"), LocalTime.MIDNIGHT),
        "across the end of a year");
  }

  @Test
  void runsOnceWhenTheTimeComesAcrossMidnightThenAgainTheNextDay() {
    DailyBackup daily = daily(true, "00:00", 3);
    tick(daily, "2026-11-29T23:58:00Z");
    assertEquals(Instant.parse("2026-11-30T00:00:00Z"), daily.nextRun());
    tick(daily, "2026-11-29T23:59:59Z");
    assertEquals(List.of(), taken);
    tick(daily, "2026-11-30T00:00:00.500Z");
    tick(daily, "2026-11-30T00:00:01.500Z");
    assertEquals(List.of(Instant.parse("2026-11-30T00:00:00.500Z")), taken);
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), daily.nextRun());
    assertTrue(daily.lastResult().startsWith("2026-11-30T00:00:00.500Z ok: "), daily.lastResult());
    tick(daily, "2026-12-01T00:00:02Z");
    assertEquals(2, taken.size());
  }

  @Test
  void retentionKeepsTheNewestBackupsAndNeverTouchesOtherFiles() throws IOException {
    List<String> others = List.of("notes.txt", "alluxio-journal-2026-11-01.gz",
        "alluxio-journal-2026-11-01-1761955200000.gz.0badf00d.tmp",
        "my-alluxio-journal-2026-11-01-1761955200000.gz");
    for (String name : others) {
      Files.writeString(folder.resolve(name), "not a backup of ours");
    }
    for (int day = 1; day <= 4; day++) {
      Instant then = Instant.parse("2026-11-2" + day + "T05:00:00Z");
      Files.writeString(folder.resolve(BackupFiles.name(then)), "old state");
    }
    DailyBackup daily = daily(true, "05:00", 3);
    tick(daily, "2026-11-29T04:00:00Z");
    tick(daily, "2026-11-29T05:00:00Z");

    List<String> names = names();
    List<String> expected = new ArrayList<>(others);
    expected.add(BackupFiles.name(Instant.parse("2026-11-23T05:00:00Z")));
    expected.add(BackupFiles.name(Instant.parse("2026-11-24T05:00:00Z")));
    expected.add(BackupFiles.name(Instant.parse("2026-11-29T05:00:00Z")));
    assertEquals(expected.stream().sorted().toList(), names);
    assertTrue(daily.lastResult().endsWith("; deleted "
        + BackupFiles.name(Instant.parse("2026-11-21T05:00:00Z")) + ", "
        + BackupFiles.name(Instant.parse("2026-11-22T05:00:00Z"))), daily.lastResult());
  }

  @Test
  void aFailedRunIsReportedAndTheNextRunTriesAgain() {
    DailyBackup daily = daily(true, "05:00", 3);
    tick(daily, "2026-11-29T04:00:00Z");
    failing = true;
    tick(daily, "2026-11-29T05:00:01Z");
    assertTrue(daily.lastFailed());
    assertEquals("2026-11-29T05:00:01Z FAILED: the backup disk is full; next run "
        + "2026-11-30T05:00:00Z", daily.lastResult());
    failing = false;
    tick(daily, "2026-11-30T05:00:00Z");
    assertFalse(daily.lastFailed());
    assertEquals(1, taken.size());
  }

  @Test
  void offMeansNoScheduleButRunNowStillRuns() {
    DailyBackup daily = daily(false, "05:00", 3);
    tick(daily, "2026-11-29T04:00:00Z");
    tick(daily, "2026-11-29T05:00:00Z");
    assertNull(daily.nextRun());
    assertEquals(List.of(), taken);
    now = Instant.parse("2026-11-29T06:00:00Z");
    assertTrue(daily.runNow(now).startsWith("2026-11-29T06:00:00Z ok: "));
    assertEquals(1, taken.size());
  }

  @Test
  void retainingNothingIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> daily(true, "05:00", 0));
    assertTrue(e.getMessage().contains("files.retained"), e.getMessage());
  }

  @Test
  void countsRunsByResultScheduledOrRequested() {
    DailyBackup daily = daily(true, "05:00", 3);
    MeterRegistry registry = new SimpleMeterRegistry();
    new DailyBackupMetrics(daily, new TestClock()).bindTo(registry);
    tick(daily, "2026-11-29T04:00:00Z");
    failing = true;
    tick(daily, "2026-11-29T05:00:01Z");
    assertEquals(1, runs(registry, "failed"));
    assertEquals(0, runs(registry, "ok"));
    failing = false;
    tick(daily, "2026-11-30T05:00:00Z");
    now = Instant.parse("2026-11-30T06:00:00Z");
    daily.runNow(now);
    assertEquals(2, runs(registry, "ok"), "the scheduled run and the requested one");
    assertEquals(1, runs(registry, "failed"));
  }

  @Test
  void theSecondsUntilTheNextRunHaveNoValueWhileOff() {
    DailyBackup daily = daily(true, "05:00", 3);
    MeterRegistry registry = new SimpleMeterRegistry();
    new DailyBackupMetrics(daily, new TestClock()).bindTo(registry);
    now = Instant.parse("2026-11-29T03:00:00Z");
    assertTrue(Double.isNaN(untilNextRun(registry)), "not scheduled before the first tick");
    tick(daily, "2026-11-29T03:30:00Z");
    assertEquals(5400, untilNextRun(registry));
    now = Instant.parse("2026-11-29T04:59:59.500Z");
    assertEquals(0.5, untilNextRun(registry));

    DailyBackup off = daily(false, "05:00", 3);
    MeterRegistry offRegistry = new SimpleMeterRegistry();
    new DailyBackupMetrics(off, new TestClock()).bindTo(offRegistry);
    tick(off, "2026-11-29T04:00:00Z");
    assertTrue(Double.isNaN(untilNextRun(offRegistry)));
  }

  private static double runs(MeterRegistry registry, String result) {
    return registry.get("quire.backup.daily.runs").tag("result", result).functionCounter().count();
  }

  private static double untilNextRun(MeterRegistry registry) {
    return registry.get("quire.backup.daily.until.next.run").gauge().value();
  }

  /** The clock the meters read: the test's {@link #now}. */
  private final class TestClock extends Clock {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
