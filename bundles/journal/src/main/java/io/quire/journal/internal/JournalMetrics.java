package io.quire.journal.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.journal.Journal;
import io.quire.journal.JournalStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The journal's meters, registered as a {@link MeterBinder} service for the metrics bundle:
 * <ul>
 *   <li>{@code quire.journal.appends}: entries made durable (a counter; its rate is appends/s);</li>
 *   <li>{@code quire.journal.written}: bytes written and synced;</li>
 *   <li>{@code quire.journal.sync}: how long each sync took (fsync, NFS COMMIT, HDFS hsync), as a
 *       histogram;</li>
 *   <li>{@code quire.journal.batch.entries}: entries per group-commit batch, as a histogram;</li>
 *   <li>gauges {@code quire.journal.last.sequence}, {@code .log.bytes}, {@code .log.files},
 *       {@code .entries.since.checkpoint} and {@code .healthy} (0 once the journal stopped for
 *       good);</li>
 *   <li>{@code quire.journal.storage.available}: 0 while the storage fails and writes are held
 *       (an outage), and {@code quire.journal.storage.outages}, how many outages there were.</li>
 * </ul>
 * A secondary master's journal writes nothing, so it has the gauges only.
 */
final class JournalMetrics implements MeterBinder {
  /** Histogram buckets of sync times: from a fast SSD's fsync to a storage outage. */
  private static final Duration[] SYNC_BUCKETS = Stream.of(
      "PT0.0001S", "PT0.00025S", "PT0.0005S", "PT0.001S", "PT0.0025S", "PT0.005S", "PT0.01S",
      "PT0.025S", "PT0.05S", "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S", "PT10S", "PT30S")
      .map(Duration::parse).toArray(Duration[]::new);

  private final Journal journal;
  private final SegmentedJournal writer;

  /** @param writer the journal that writes, or null for one that only reads (a secondary's) */
  JournalMetrics(Journal journal, SegmentedJournal writer) {
    this.journal = journal;
    this.writer = writer;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "quire.journal.last.sequence", "last appended sequence number", null, JournalStatus::lastSequence);
    gauge(registry, "quire.journal.log.bytes", "bytes in the journal's log files", "bytes", JournalStatus::logBytes);
    gauge(registry, "quire.journal.log.files", "log files in the journal folder", "files", JournalStatus::logFileCount);
    gauge(registry, "quire.journal.entries.since.checkpoint", "entries after the newest checkpoint", null,
        JournalStatus::entriesSinceCheckpoint);
    gauge(registry, "quire.journal.healthy", "0 once the journal has stopped for good (a failure it cannot "
        + "retry), else 1", null, s -> s.failure() == null ? 1 : 0);
    if (writer == null) {
      return;
    }
    Gauge.builder("quire.journal.storage.available", writer, w -> w.storageProblem().isPresent() ? 0 : 1)
        .description("0 while the journal storage fails and writes are held until it is back, else 1")
        .strongReference(true).register(registry);
    FunctionCounter.builder("quire.journal.storage.outages", writer, SegmentedJournal::storageOutages)
        .description("times the journal storage began failing and writes were held until it came back")
        .register(registry);
    GroupCommitLog.BatchStats stats = writer.batchStats();
    FunctionCounter.builder("quire.journal.appends", stats, GroupCommitLog.BatchStats::entries)
        .description("journal entries appended and made durable").register(registry);
    FunctionCounter.builder("quire.journal.written", stats, GroupCommitLog.BatchStats::bytes)
        .description("bytes written to the journal and synced").baseUnit("bytes").register(registry);
    Timer sync = Timer.builder("quire.journal.sync")
        .description("time the journal storage took to make one batch durable (fsync, COMMIT or hsync)")
        .serviceLevelObjectives(SYNC_BUCKETS)
        .register(registry);
    DistributionSummary batch = DistributionSummary.builder("quire.journal.batch.entries")
        .description("entries made durable by one sync (group commit)").baseUnit("entries")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384)
        .register(registry);
    stats.observe((entries, bytes, syncNanos) -> {
      sync.record(syncNanos, TimeUnit.NANOSECONDS);
      batch.record(entries);
    });
  }

  /** Stops feeding the meters (the journal closes or the metrics went away). */
  void unbind() {
    if (writer != null) {
      writer.batchStats().observe(null);
    }
  }

  private void gauge(MeterRegistry registry, String name, String description, String unit,
      ToDoubleFunction<JournalStatus> value) {
    Gauge.builder(name, journal, j -> value.applyAsDouble(j.status()))
        .description(description).baseUnit(unit).strongReference(true).register(registry);
  }
}
