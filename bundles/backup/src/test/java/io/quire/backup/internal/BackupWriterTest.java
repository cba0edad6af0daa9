package io.quire.backup.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quire.backup.BackupFiles;
import io.quire.backup.BackupResult;
import io.quire.backup.BackupSummary;
import io.quire.journal.JournalFolder;
import io.quire.journal.StateSnapshot;
import io.quire.journal.StateSource;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.journal.state.BackupStateFile;
import io.quire.journal.state.StateFileReader;
import io.quire.storage.local.LocalJournalStorage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupWriterTest {
  private static final Instant NOW = Instant.parse("2026-11-29T23:59:59.123Z");

  @TempDir Path journalFolder;
  @TempDir Path root;
  private SegmentedJournal journal;
  private final RecordsState state = new RecordsState();

  @BeforeEach
  void openJournal() throws IOException {
    LocalJournalStorage storage = new LocalJournalStorage(journalFolder);
    JournalFolder.format(storage, Clock.systemUTC());
    journal = new SegmentedJournal(storage, new SegmentedJournal.Options(1 << 20, 10_000, 1 << 20),
        Clock.systemUTC());
    journal.recover((sequence, entry) -> { });
  }

  @AfterEach
  void closeJournal() throws Exception {
    journal.close();
  }

  private BackupWriter writer(String notPrimary) {
    return new BackupWriter(journal, state, folder -> new LocalJournalStorage(Path.of(folder)),
        Clock.fixed(NOW, ZoneOffset.UTC), "/alluxio_backups", root.toString(), notPrimary);
  }

  @Test
  void writesTheStateUnderItsDatedNameInTheDefaultDirectoryWithinTheRootUnderStorage()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      state.sequence = journal.append(("entry " + i).getBytes());
    }
    state.records = 1000;
    BackupResult result = writer(null).backup("");

    Path file = root.resolve("alluxio_backups").resolve("alluxio-journal-2026-11-29-"
        + NOW.toEpochMilli() + ".gz");
    assertEquals(file.toUri(), result.uri());
    assertEquals(List.of(file), list(file.getParent()), "no temporary file is left");
    assertEquals(5, result.sequence());
    assertEquals(1000, result.entries());
    assertEquals(Files.size(file), result.bytes());

    try (InputStream in = Files.newInputStream(file)) {
      StateFileReader reader = BackupStateFile.open(in, file.toString());
      assertEquals(5, reader.header().sequence());
      assertEquals(UUID.fromString(journal.format().clusterId()), reader.header().clusterId());
      assertEquals(NOW.toEpochMilli(), reader.header().createdMillis());
      assertArrayEquals(state.bytes(), reader.body().readAllBytes(), "the state, byte for byte");
      assertEquals(1000, reader.finish());
    }
  }

  @Test
  void aUriOrAPathChoosesTheDirectory() throws Exception {
    Path elsewhere = root.resolve("elsewhere");
    assertEquals(elsewhere, Path.of(writer(null).backup(elsewhere.toUri().toString()).uri())
        .getParent());
    assertEquals(root.resolve("nightly/db"), Path.of(writer(null).backup("nightly/db").uri())
        .getParent());
  }

  @Test
  void aFailingSnapshotLeavesNoFileBehind() throws Exception {
    state.records = 100_000;
    state.failAfter = 50_000;
    BackupWriter writer = writer(null);
    IOException e = assertThrows(IOException.class, () -> writer.backup(""));
    assertEquals("disk says no", e.getMessage());
    assertEquals(List.of(), list(root.resolve("alluxio_backups")));
    assertEquals("disk says no", writer.lastFailure());
    assertEquals(null, writer.last());
  }

  @Test
  void aSecondaryRefusesWithItsReason() {
    IOException e = assertThrows(IOException.class,
        () -> writer("backups are taken by the primary master; this master is SECONDARY")
            .backup(""));
    assertTrue(e.getMessage().contains("this master is SECONDARY"), e.getMessage());
  }

  @Test
  void aSecondBackupWhileOneRunsIsRefused() throws Exception {
    state.records = 10;
    state.pause = new CountDownLatch(1);
    state.paused = new CountDownLatch(1);
    BackupWriter writer = writer(null);
    Thread first = new Thread(() -> {
      try {
        writer.backup("");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    first.start();
    state.paused.await();
    IOException e = assertThrows(IOException.class, () -> writer.backup(""));
    assertTrue(e.getMessage().contains("in progress"), e.getMessage());
    state.pause.countDown();
    first.join();
    assertEquals(10, writer.last().entries());
  }

  @Test
  void aLeftoverTemporaryOfAnInterruptedBackupIsDeletedByTheNextOne() throws Exception {
    Path dir = Files.createDirectories(root.resolve("alluxio_backups"));
    Path stray = Files.writeString(dir.resolve("alluxio-journal-2026-11-28-1764374400000.gz"
        + ".0badf00d.tmp"), "half a backup");
    Path other = Files.writeString(dir.resolve("notes.tmp"), "not ours");
    BackupResult result = writer(null).backup("");
    assertEquals(List.of(Path.of(result.uri()), other), list(dir));
    assertTrue(Files.notExists(stray));
  }

  @Test
  void theSummaryOfACheckedBackupMatchesWhatWasWritten() throws Exception {
    state.sequence = journal.append("one".getBytes());
    state.records = 77;
    BackupResult result = writer(null).backup("");
    try (InputStream in = Files.newInputStream(Path.of(result.uri()))) {
      BackupSummary summary = BackupFiles.check(in, result.uri().toString());
      assertEquals(77, summary.entries());
      assertEquals(1, summary.sequence());
      assertEquals(NOW, summary.created());
      assertEquals(state.bytes().length, summary.stateBytes());
    }
  }

  @Test
  void timesEachBackupAndRecordsItsEntriesAndBytes() throws Exception {
    BackupWriter writer = writer(null);
    MeterRegistry registry = meters(writer);
    state.records = 1000;
    BackupResult first = writer.backup("");
    state.records = 10;
    BackupResult second = writer.backup("nightly"); // the clock stands still: another folder

    assertEquals(2, backups(registry, "ok").count());
    assertEquals(0, backups(registry, "failed").count());
    assertEquals(2, registry.get("quire.backup.entries").summary().count());
    assertEquals(1010, registry.get("quire.backup.entries").summary().totalAmount());
    assertEquals(1000, registry.get("quire.backup.entries").summary().max());
    assertEquals(first.bytes() + second.bytes(),
        registry.get("quire.backup.bytes").summary().totalAmount());
  }

  @Test
  void aFailedBackupIsTimedAsFailedAndARefusalIsNotCounted() {
    BackupWriter writer = writer(null);
    MeterRegistry registry = meters(writer);
    state.records = 100_000;
    state.failAfter = 50_000;
    assertThrows(IOException.class, () -> writer.backup(""));

    assertEquals(1, backups(registry, "failed").count());
    assertEquals(0, backups(registry, "ok").count());
    assertEquals(0, registry.get("quire.backup.entries").summary().count());

    BackupWriter secondary = writer("backups are taken by the primary master");
    MeterRegistry secondaryRegistry = meters(secondary);
    assertThrows(IOException.class, () -> secondary.backup(""));
    assertEquals(0, backups(secondaryRegistry, "failed").count(), "refused, not attempted");
  }

  @Test
  void recordsNothingBeforeItIsBound() throws Exception {
    BackupWriter writer = writer(null);
    BackupMetrics metrics = new BackupMetrics();
    writer.observe(metrics);
    writer.backup("");
    MeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    assertEquals(0, backups(registry, "ok").count());
    writer.backup("later");
    assertEquals(1, backups(registry, "ok").count());
  }

  /** A registry with the meters of {@code writer}, as the component wires them. */
  private static MeterRegistry meters(BackupWriter writer) {
    BackupMetrics metrics = new BackupMetrics();
    writer.observe(metrics);
    MeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    return registry;
  }

  private static Timer backups(MeterRegistry registry, String result) {
    return registry.get("quire.backup").tag("result", result).timer();
  }

  private static List<Path> list(Path dir) throws IOException {
    if (Files.notExists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /** {@code records} longs 1..n as the state; optionally fails or pauses while written. */
  private static final class RecordsState implements StateSource {
    volatile long sequence;
    volatile long records;
    volatile long failAfter = -1;
    volatile CountDownLatch pause;
    volatile CountDownLatch paused;

    byte[] bytes() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      write(out, records, -1);
      return out.toByteArray();
    }

    private static void write(OutputStream out, long records, long failAfter) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      for (long i = 1; i <= records; i++) {
        if (i == failAfter) {
          throw new IOException("disk says no");
        }
        data.writeLong(i);
      }
      data.flush();
    }

    @Override
    public StateSnapshot snapshot() {
      long at = sequence;
      long n = records;
      return new StateSnapshot() {
        @Override
        public long sequence() {
          return at;
        }

        @Override
        public long writeTo(OutputStream out) throws IOException {
          if (paused != null) {
            paused.countDown();
            try {
              pause.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
          write(out, n, failAfter);
          return n;
        }
      };
    }
  }
}
