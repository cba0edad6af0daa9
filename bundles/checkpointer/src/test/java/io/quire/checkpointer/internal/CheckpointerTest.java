package io.quire.checkpointer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quire.journal.JournalFolder;
import io.quire.journal.JournalFormat;
import io.quire.journal.StateSnapshot;
import io.quire.journal.StateSource;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.storage.local.LocalJournalStorage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpointer's decisions against a real journal on local disk; time is a hand-moved clock,
 * so retry pauses and the overdue flag are exercised without waiting.
 */
class CheckpointerTest {
  private static final long PERIOD = 100;
  private static final Duration OVERDUE_AFTER = Duration.ofMinutes(10);

  @TempDir Path folder;
  private SegmentedJournal journal;
  private final CountingState state = new CountingState();
  private final HandClock clock = new HandClock();

  @BeforeEach
  void openJournal() throws IOException {
    LocalJournalStorage storage = new LocalJournalStorage(folder);
    JournalFolder.format(storage, Clock.systemUTC());
    // small log files, so that a checkpoint covers some of them wholly
    journal = new SegmentedJournal(storage, new SegmentedJournal.Options(4096, 10_000, 1 << 20),
        Clock.systemUTC());
    journal.recover((sequence, entry) -> state.applied = sequence);
  }

  @AfterEach
  void closeJournal() throws Exception {
    journal.close();
  }

  @Test
  void writesACheckpointOnceThePeriodIsReachedAndDeletesTheLogsThePreviousOneCovers()
      throws Exception {
    Checkpointer checkpointer = checkpointer();
    append(PERIOD - 1);
    checkpointer.tick();
    assertEquals(0, checkpointer.getCheckpointsWritten(), "one entry short of the period");
    assertEquals(PERIOD - 1, checkpointer.getEntriesSinceCheckpoint());

    append(1);
    checkpointer.tick();

    assertEquals(1, checkpointer.getCheckpointsWritten());
    assertEquals(PERIOD, checkpointer.getLastCheckpointSequenceNumber());
    assertEquals(0, checkpointer.getEntriesSinceCheckpoint());
    assertTrue(checkpointer.getLastCheckpointBytes() > 0);
    assertTrue(checkpointer.getLastCheckpointDurationMillis() >= 0);
    assertFalse(checkpointer.getLastCheckpointTime().isEmpty());
    assertTrue(Files.exists(folder.resolve(JournalFormat.checkpointName(PERIOD))));
    assertTrue(logFiles().anyMatch(range -> range[0] == 1),
        "with no older checkpoint, the logs from the first entry on are the fallback");
    assertEquals("", checkpointer.getLastFailure());

    append(PERIOD);
    checkpointer.tick();
    assertEquals(2, checkpointer.getCheckpointsWritten());
    assertEquals(2 * PERIOD, checkpointer.getLastCheckpointSequenceNumber());
    assertTrue(logFiles().allMatch(range -> range[1] == -1 || range[1] > PERIOD),
        "log files wholly covered by the older kept checkpoint are gone");
    assertTrue(Files.exists(folder.resolve(JournalFormat.checkpointName(PERIOD))),
        "the previous checkpoint is kept");
  }

  @Test
  void aRequestedCheckpointReturnsItsSequenceAndIsNotRewrittenWhenNothingFollowed()
      throws Exception {
    Checkpointer checkpointer = checkpointer();
    append(7);
    assertEquals(7, checkpointer.checkpoint());
    assertEquals(7, checkpointer.checkpoint(), "the newest checkpoint already covers everything");
    assertEquals(1, checkpointer.getCheckpointsWritten());
    append(3);
    assertEquals(10, checkpointer.checkpoint());
    assertEquals(2, checkpointer.getCheckpointsWritten());
  }

  @Test
  void aFailureIsReportedRetriedWithAPauseAndFlaggedOverdueUntilACheckpointSucceeds()
      throws Exception {
    Checkpointer checkpointer = checkpointer();
    state.failing = true;
    append(PERIOD);

    checkpointer.tick();
    assertEquals(1, state.attempts);
    assertTrue(checkpointer.getLastFailure().contains("disk says no"),
        checkpointer.getLastFailure());
    assertFalse(checkpointer.isOverdue());
    assertEquals(0, checkpointer.getLastCheckpointSequenceNumber());
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("checkpoint-"))
          .count(), "a failed checkpoint leaves no file behind, not even a temporary one");
    }

    checkpointer.tick();
    assertEquals(1, state.attempts, "no second attempt before the retry pause");
    clock.advance(Duration.ofSeconds(1));
    checkpointer.tick();
    assertEquals(2, state.attempts);
    clock.advance(Duration.ofSeconds(1));
    checkpointer.tick();
    assertEquals(2, state.attempts, "the pause doubled to 2 s");

    clock.advance(OVERDUE_AFTER);
    checkpointer.tick();
    assertTrue(checkpointer.isOverdue());

    state.failing = false;
    clock.advance(Duration.ofMinutes(1));
    checkpointer.tick();
    assertEquals(1, checkpointer.getCheckpointsWritten());
    assertEquals(PERIOD, checkpointer.getLastCheckpointSequenceNumber());
    assertEquals("", checkpointer.getLastFailure());
    assertFalse(checkpointer.isOverdue());
  }

  @Test
  void aFailedRequestNamesTheReason() {
    Checkpointer checkpointer = checkpointer();
    state.failing = true;
    Exception failure = assertThrows(Exception.class, checkpointer::checkpoint);
    assertTrue(failure.getMessage().contains("disk says no"), failure.getMessage());
    assertEquals(Exception.class, failure.getClass(), "JMX clients get only JDK types");
  }

  @Test
  void aCheckpointWrittenElsewhereIsSeenAndCountsAsTheNewest() throws Exception {
    Checkpointer checkpointer = checkpointer();
    append(30);
    long created = journal.checkpoint(state.snapshot()).createdMillis(); // as a secondary would
    clock.set(Instant.ofEpochMilli(created).plusSeconds(10));
    assertEquals(30, checkpointer.getLastCheckpointSequenceNumber());
    assertEquals(10, checkpointer.getLastCheckpointAgeSeconds(), "age follows the clock");
    assertEquals(0, checkpointer.getCheckpointsWritten(), "not written by this checkpointer");
  }

  @Test
  void aCheckpointFoundAtStartIsNoReasonToDefer() throws Exception {
    append(PERIOD);
    journal.checkpoint(state.snapshot()); // this master's own, before a restart
    Checkpointer checkpointer = checkpointer();
    append(PERIOD);
    checkpointer.tick();
    assertFalse(checkpointer.isDeferringToSecondary());
    assertEquals(1, checkpointer.getCheckpointsWritten());
  }

  @Test
  void aPrimaryLeavesCheckpointsToASecondaryUntilTwiceThePeriod() throws Exception {
    Checkpointer checkpointer = checkpointer();
    checkpointer.tick(); // starts with no checkpoint
    append(PERIOD);
    journal.checkpoint(state.snapshot()); // a secondary's, at PERIOD
    append(PERIOD);
    checkpointer.tick();
    assertTrue(checkpointer.isDeferringToSecondary());
    assertEquals(0, checkpointer.getCheckpointsWritten(), "the secondary is expected to write it");

    append(PERIOD); // the secondary stopped: twice the period passes
    checkpointer.tick();
    assertEquals(1, checkpointer.getCheckpointsWritten());
    assertEquals(3 * PERIOD, checkpointer.getLastCheckpointSequenceNumber());
    checkpointer.tick();
    assertFalse(checkpointer.isDeferringToSecondary(), "the newest checkpoint is its own");
  }

  @Test
  void theCheckpointAMoveWroteIsThisMastersOwn(@TempDir Path elsewhere) throws Exception {
    Checkpointer checkpointer = checkpointer();
    checkpointer.tick();
    append(PERIOD / 2);
    journal.moveTo(new LocalJournalStorage(elsewhere), state.snapshot());
    append(PERIOD);
    checkpointer.tick();
    assertFalse(checkpointer.isDeferringToSecondary(), "the move's checkpoint is no secondary's");
    assertEquals(1, checkpointer.getCheckpointsWritten(), "the period counts from the move's");
    assertTrue(Files.exists(elsewhere.resolve(JournalFormat.checkpointName(PERIOD / 2 + PERIOD))));
  }

  @Test
  void aSecondaryNeverDefers() throws Exception {
    Checkpointer secondary = new Checkpointer(journal, state, PERIOD, OVERDUE_AFTER, clock, false);
    append(PERIOD);
    journal.checkpoint(state.snapshot()); // the primary's
    append(PERIOD);
    secondary.tick();
    assertFalse(secondary.isDeferringToSecondary());
    assertEquals(2 * PERIOD, secondary.getLastCheckpointSequenceNumber());
  }

  @Test
  void timesEachCheckpointItWritesAndPublishesTheNewest() throws Exception {
    Checkpointer checkpointer = checkpointer();
    MeterRegistry registry = meters(checkpointer);
    assertEquals(0, gauge(registry, "quire.checkpoint.last.sequence"));
    assertTrue(Double.isNaN(gauge(registry, "quire.checkpoint.age")), "no checkpoint yet");

    append(PERIOD);
    checkpointer.tick(); // periodic
    assertEquals(PERIOD, checkpointer.checkpoint(), "nothing followed: none is written");
    append(3);
    checkpointer.checkpoint(); // requested

    Timer ok = checkpoints(registry, "ok");
    assertEquals(2, ok.count(), "the periodic and the requested one, not the one not written");
    assertTrue(ok.totalTime(TimeUnit.NANOSECONDS) > 0);
    assertEquals(0, checkpoints(registry, "failed").count());
    assertEquals(PERIOD + 3, gauge(registry, "quire.checkpoint.last.sequence"));
    assertEquals(0, gauge(registry, "quire.checkpoint.overdue"));
    clock.set(Instant.ofEpochMilli(journal.status().lastCheckpoint().createdMillis())
        .plusSeconds(42));
    assertEquals(42, gauge(registry, "quire.checkpoint.age"));
  }

  @Test
  void aFailedCheckpointIsTimedAsFailedAndTheOverdueGaugeRises() throws Exception {
    Checkpointer checkpointer = checkpointer();
    MeterRegistry registry = meters(checkpointer);
    state.failing = true;
    append(PERIOD);

    checkpointer.tick();
    assertThrows(Exception.class, checkpointer::checkpoint);
    assertEquals(2, checkpoints(registry, "failed").count(), "the periodic and the requested");
    assertEquals(0, checkpoints(registry, "ok").count());
    clock.advance(OVERDUE_AFTER.plusSeconds(1));
    checkpointer.tick();
    assertEquals(3, checkpoints(registry, "failed").count());
    assertEquals(1, gauge(registry, "quire.checkpoint.overdue"));

    state.failing = false;
    clock.advance(Duration.ofMinutes(1));
    checkpointer.tick();
    assertEquals(1, checkpoints(registry, "ok").count());
    assertEquals(0, gauge(registry, "quire.checkpoint.overdue"));
  }

  @Test
  void recordsNothingUntilBoundAndOnlyIntoTheRegistryBoundLast() throws Exception {
    Checkpointer checkpointer = checkpointer();
    CheckpointerMetrics metrics = new CheckpointerMetrics(checkpointer);
    checkpointer.observe(metrics);
    append(PERIOD);
    checkpointer.tick(); // observed, not bound yet: written, not timed
    assertEquals(1, checkpointer.getCheckpointsWritten());

    MeterRegistry first = new SimpleMeterRegistry();
    metrics.bindTo(first);
    assertEquals(0, checkpoints(first, "ok").count());
    MeterRegistry second = new SimpleMeterRegistry();
    metrics.bindTo(second);
    append(PERIOD);
    checkpointer.tick();
    assertEquals(0, checkpoints(first, "ok").count(), "the first binding's timers are replaced");
    assertEquals(1, checkpoints(second, "ok").count());

    checkpointer.observe(null); // the component stops
    append(PERIOD);
    checkpointer.tick();
    assertEquals(3, checkpointer.getCheckpointsWritten());
    assertEquals(1, checkpoints(second, "ok").count(), "no longer observed: not recorded");
  }

  /** A registry with the meters of {@code checkpointer}, as the component wires them. */
  private static MeterRegistry meters(Checkpointer checkpointer) {
    CheckpointerMetrics metrics = new CheckpointerMetrics(checkpointer);
    checkpointer.observe(metrics);
    MeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    return registry;
  }

  private static Timer checkpoints(MeterRegistry registry, String result) {
    return registry.get("quire.checkpoint").tag("result", result).timer();
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }

  private Checkpointer checkpointer() {
    return new Checkpointer(journal, state, PERIOD, OVERDUE_AFTER, clock, true);
  }

  private void append(long count) throws Exception {
    long last = 0;
    for (long i = 0; i < count; i++) {
      last = journal.append(("entry of some length to fill log files " + i)
          .getBytes(StandardCharsets.UTF_8));
    }
    journal.awaitDurable(last);
    state.applied = last;
  }

  /** The {first, last} ranges of the log files in the folder (last -1 for the open one). */
  private Stream<long[]> logFiles() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> JournalFormat.parseSegmentName(f.getFileName().toString()))
          .filter(range -> range != null).toList().stream();
    }
  }

  /** A state that is just the count of applied entries; its checkpoint holds one record each. */
  private static final class CountingState implements StateSource {
    volatile long applied;
    volatile boolean failing;
    int attempts;

    @Override
    public StateSnapshot snapshot() {
      long sequence = applied;
      return new StateSnapshot() {
        @Override
        public long sequence() {
          return sequence;
        }

        @Override
        public long writeTo(OutputStream out) throws IOException {
          attempts++;
          if (failing) {
            throw new IOException("disk says no");
          }
          DataOutputStream data = new DataOutputStream(out);
          for (long i = 1; i <= sequence; i++) {
            data.writeLong(i);
          }
          data.flush();
          return sequence;
        }
      };
    }
  }

  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

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
}
