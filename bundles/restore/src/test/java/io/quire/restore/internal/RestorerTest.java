package io.quire.restore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quire.journal.JournalFolder;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileWriter;
import io.quire.storage.local.LocalJournalStorage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorerTest {
  private static final int RECORDS = 20_000;
  private static final long SEQUENCE = 31_337;

  @TempDir Path journalFolder;
  @TempDir Path backups;
  private LocalJournalStorage storage;
  private final Restorer restorer = new Restorer(folder -> new LocalJournalStorage(Path.of(folder)),
      Clock.systemUTC());

  @BeforeEach
  void format() throws IOException {
    storage = new LocalJournalStorage(journalFolder);
    JournalFolder.format(storage, Clock.systemUTC());
  }

  private SegmentedJournal journal() {
    return new SegmentedJournal(storage, new SegmentedJournal.Options(1 << 20, 10_000, 1 << 20),
        Clock.systemUTC());
  }

  @Test
  void importsAGoodBackupWhichTheJournalThenStartsFrom() throws Exception {
    Path backup = Files.write(backups.resolve("alluxio-journal-2026-11-29-1.gz"), backup());
    try (SegmentedJournal journal = journal()) {
      assertEquals(RECORDS, restorer.importInto(journal, backup.toUri().toString()));
      Longs state = new Longs();
      journal.recover(state);
      assertEquals(RECORDS, state.values.size());
      assertEquals(7919L * RECORDS, state.values.get(RECORDS - 1));
      assertEquals(SEQUENCE + 1, journal.append(new byte[] {1}), "numbering goes on");
    }
    Restorer.Outcome outcome = restorer.outcome();
    assertEquals(backup.toUri().toString(), outcome.uri());
    assertEquals(RECORDS, outcome.entries());
    assertEquals(SEQUENCE, outcome.sequence());
  }

  @Test
  void aLongImportReportsItsProgress() throws Exception {
    Path backup = Files.write(backups.resolve("alluxio-journal-2026-11-29-1.gz"), backup());
    List<Long> reports = new CopyOnWriteArrayList<>();
    Restorer reporting = new Restorer(folder -> new LocalJournalStorage(Path.of(folder)),
        Clock.systemUTC(), Duration.ZERO, (uri, bytes) -> {
          assertEquals(backup.toUri().toString(), uri);
          reports.add(bytes);
        });
    try (SegmentedJournal journal = journal()) {
      assertEquals(RECORDS, reporting.importInto(journal, backup.toUri().toString()));
    }
    assertTrue(reports.size() > 1, reports::toString);
    for (int i = 1; i < reports.size(); i++) {
      assertTrue(reports.get(i) > reports.get(i - 1), reports::toString);
    }
    assertTrue(reports.get(reports.size() - 1) <= RECORDS * 8L, reports::toString);
  }

  @Test
  void aJournalThatIsNotEmptyIgnoresTheBackup() throws Exception {
    try (SegmentedJournal journal = journal()) {
      journal.recover(new Longs());
      journal.awaitDurable(journal.append(new byte[] {1}));
    }
    Path backup = Files.write(backups.resolve("b.gz"), backup());
    List<String> before = names();
    try (SegmentedJournal journal = journal()) {
      assertEquals(-1, restorer.importInto(journal, backup.toString()));
    }
    assertEquals(before, names());
    assertTrue(restorer.outcome().line().contains("the journal is not empty"),
        restorer.outcome().line());
  }

  @Test
  void aMissingBackupIsAnErrorNamingIt() throws Exception {
    String uri = backups.resolve("nothing-here.gz").toUri().toString();
    List<String> before = names();
    try (SegmentedJournal journal = journal()) {
      IOException e = assertThrows(IOException.class, () -> restorer.importInto(journal, uri));
      assertEquals("backup " + uri + " does not exist", e.getMessage());
    }
    assertEquals(before, names());
  }

  @Test
  void aTruncatedBackupFailsAndLeavesTheJournalAsItWas() throws Exception {
    try (SegmentedJournal journal = journal()) {
      journal.recover(new Longs()); // the first start's empty log file
    }
    byte[] good = backup();
    Path backup = Files.write(backups.resolve("cut.gz"), Arrays.copyOf(good, good.length / 2));
    List<String> before = names();
    try (SegmentedJournal journal = journal()) {
      IOException e = assertThrows(IOException.class,
          () -> restorer.importInto(journal, backup.toUri().toString()));
      assertTrue(e.getMessage().contains(backup.toUri().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
    assertEquals(before, names());
    try (SegmentedJournal journal = journal()) {
      Longs state = new Longs();
      journal.recover(state);
      assertEquals(List.of(), state.values, "still the empty journal");
    }
    assertTrue(restorer.outcome().line().startsWith("failed: "), restorer.outcome().line());
  }

  @Test
  void validateChecksWithoutImporting() throws Exception {
    Path backup = Files.write(backups.resolve("v.gz"), backup());
    String summary = restorer.validate(backup.toUri().toString());
    assertTrue(summary.contains("a good backup of " + RECORDS + " entries, state at sequence "
        + SEQUENCE), summary);
    byte[] flipped = backup();
    flipped[flipped.length / 2] ^= 0x40;
    Path bad = Files.write(backups.resolve("bad.gz"), flipped);
    IOException e = assertThrows(IOException.class, () -> restorer.validate(bad.toString()));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertEquals(null, restorer.outcome(), "validate imports nothing");
  }

  @Test
  void aRelativePathIsRefused() {
    IOException e = assertThrows(IOException.class, () -> restorer.validate("backups/v.gz"));
    assertEquals("backup backups/v.gz: give a URI or an absolute path", e.getMessage());
  }

  @Test
  void countsImportsByResultAndTheEntriesImported() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    new RestoreMetrics(restorer.counts()).bindTo(registry);
    String backup = Files.write(backups.resolve("alluxio-journal-2026-11-29-1.gz"), backup())
        .toUri().toString();
    try (SegmentedJournal journal = journal()) {
      restorer.importInto(journal, backup);
    }
    try (SegmentedJournal journal = journal()) {
      assertEquals(-1, restorer.importInto(journal, backup), "the journal holds the import now");
    }
    String missing = backups.resolve("nothing-here.gz").toUri().toString();
    try (SegmentedJournal journal = journal()) {
      assertThrows(IOException.class, () -> restorer.importInto(journal, missing));
    }

    assertEquals(1, count(registry, "quire.restore.imports", "ok"));
    assertEquals(1, count(registry, "quire.restore.imports", "skipped"));
    assertEquals(1, count(registry, "quire.restore.imports", "failed"));
    assertEquals(RECORDS, registry.get("quire.restore.entries").functionCounter().count());
  }

  @Test
  void aFailedImportIsCountedAsFailedWithNoEntries() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    new RestoreMetrics(restorer.counts()).bindTo(registry);
    byte[] good = backup();
    Path cut = Files.write(backups.resolve("cut.gz"), Arrays.copyOf(good, good.length / 2));
    try (SegmentedJournal journal = journal()) {
      assertThrows(IOException.class, () -> restorer.importInto(journal, cut.toString()));
    }
    assertEquals(1, count(registry, "quire.restore.imports", "failed"));
    assertEquals(0, count(registry, "quire.restore.imports", "ok"));
    assertEquals(0, registry.get("quire.restore.entries").functionCounter().count());
  }

  @Test
  void anImportBeforeTheMetricsAreBoundStillCounts() throws Exception {
    Path backup = Files.write(backups.resolve("alluxio-journal-2026-11-29-1.gz"), backup());
    try (SegmentedJournal journal = journal()) {
      restorer.importInto(journal, backup.toString()); // at start, before the metrics bundle
    }
    MeterRegistry registry = new SimpleMeterRegistry();
    new RestoreMetrics(restorer.counts()).bindTo(registry);
    assertEquals(1, count(registry, "quire.restore.imports", "ok"));
    assertEquals(RECORDS, registry.get("quire.restore.entries").functionCounter().count());
  }

  @Test
  void countsValidationsByResult() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    new RestoreMetrics(restorer.counts()).bindTo(registry);
    Path good = Files.write(backups.resolve("v.gz"), backup());
    byte[] flipped = backup();
    flipped[flipped.length / 2] ^= 0x40;
    Path bad = Files.write(backups.resolve("bad.gz"), flipped);

    restorer.validate(good.toString());
    restorer.validate(good.toUri().toString());
    assertThrows(IOException.class, () -> restorer.validate(bad.toString()));
    assertThrows(IOException.class, () -> restorer.validate("backups/v.gz"));

    assertEquals(2, count(registry, "quire.restore.validations", "ok"));
    assertEquals(2, count(registry, "quire.restore.validations", "failed"));
    assertEquals(0, count(registry, "quire.restore.imports", "ok"), "validate imports nothing");
  }

  private static double count(MeterRegistry registry, String name, String result) {
    return registry.get(name).tag("result", result).functionCounter().count();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(journalFolder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A backup of {@link #RECORDS} longs at {@link #SEQUENCE}. */
  private static byte[] backup() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      StateFileWriter writer = new StateFileWriter(gzip, new StateFileHeader(
          StateFileHeader.Kind.BACKUP, 0, SEQUENCE, UUID.randomUUID(), 1_764_374_400_000L));
      DataOutputStream body = new DataOutputStream(writer.body());
      for (long i = 1; i <= RECORDS; i++) {
        body.writeLong(i * 7919);
      }
      body.flush();
      writer.finish(RECORDS);
    }
    return out.toByteArray();
  }

  /** Reads a state of longs back. */
  private static final class Longs implements RecoveryTarget {
    final List<Long> values = new ArrayList<>();

    @Override
    public long loadCheckpoint(String source, StateFileHeader header, InputStream body)
        throws IOException {
      DataInputStream in = new DataInputStream(body);
      while (true) {
        try {
          values.add(in.readLong());
        } catch (EOFException end) {
          return values.size();
        }
      }
    }

    @Override
    public void reset() {
      values.clear();
    }

    @Override
    public void accept(long sequence, ByteBuffer entry) {
      values.add(-sequence);
    }
  }
}
