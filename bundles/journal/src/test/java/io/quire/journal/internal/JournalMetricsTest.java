package io.quire.journal.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalMetricsTest {

  @TempDir
  Path folder;

  @Test
  void countsDurableEntriesBatchesAndSyncTimesAndReadsTheStatus() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (SegmentedJournal journal = new JournalFixture(folder).open(64 << 10)) {
      JournalMetrics metrics = new JournalMetrics(journal, journal);
      metrics.bindTo(registry);
      journal.recover((seq, entry) -> { });
      for (int i = 0; i < 25; i++) {
        journal.awaitDurable(journal.append(("entry " + i).getBytes(StandardCharsets.UTF_8)));
      }

      // the sync thread records a batch just after it has woken the batch's writers
      DistributionSummary batch = registry.get("quire.journal.batch.entries").summary();
      await().untilAsserted(() -> assertEquals(25.0, batch.totalAmount(), "every durable entry in exactly one batch"));
      assertEquals(25.0, registry.get("quire.journal.appends").functionCounter().count());
      assertEquals(journal.batchStats().bytes(), registry.get("quire.journal.written").functionCounter().count());
      Timer sync = registry.get("quire.journal.sync").timer();
      assertEquals(journal.batchStats().batches(), sync.count());
      assertEquals(sync.count(), batch.count());
      assertTrue(sync.totalTime(TimeUnit.NANOSECONDS) > 0);
      assertEquals(25.0, registry.get("quire.journal.last.sequence").gauge().value());
      assertEquals(25.0, registry.get("quire.journal.entries.since.checkpoint").gauge().value());
      // the sync thread counts the open log's bytes just after it wakes the writers
      await().untilAsserted(() -> assertEquals(journal.status().logBytes(),
          registry.get("quire.journal.log.bytes").gauge().value()));
      assertEquals(1.0, registry.get("quire.journal.healthy").gauge().value());
      assertEquals(1.0, registry.get("quire.journal.storage.available").gauge().value());
      assertEquals(0.0, registry.get("quire.journal.storage.outages").functionCounter().count());

      metrics.unbind();
      journal.awaitDurable(journal.append("after".getBytes(StandardCharsets.UTF_8)));
      await().untilAsserted(() -> assertEquals(26.0, registry.get("quire.journal.appends").functionCounter().count()));
      assertEquals(25.0, batch.totalAmount(), "unbound: the histograms are no longer fed");
    }
  }

  @Test
  void anOutageShowsAsStorageUnavailableUntilTheStorageIsBack() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    JournalFixture fixture = new JournalFixture(folder);
    OutageStorage storage = new OutageStorage(fixture.storage);
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        new SegmentedJournal.Options(64 << 10, 10_000, 1 << 20, 60_000), Clock.systemUTC())) {
      new JournalMetrics(journal, journal).bindTo(registry);
      journal.recover((seq, entry) -> { });
      journal.awaitDurable(journal.append("before".getBytes(StandardCharsets.UTF_8)));

      storage.down();
      long held = journal.append("during".getBytes(StandardCharsets.UTF_8));
      await().untilAsserted(() -> assertEquals(0.0, registry.get("quire.journal.storage.available").gauge().value()));
      assertEquals(1.0, registry.get("quire.journal.healthy").gauge().value(), "held, not stopped");
      JournalComponent.JournalView mbean = new JournalComponent.JournalView(journal, null);
      assertTrue(mbean.getStorageProblem().startsWith("writes held: "), mbean.getStorageProblem());
      assertEquals("", mbean.getFailure());

      storage.up();
      journal.awaitDurable(held);
      await().untilAsserted(() -> assertEquals(1.0, registry.get("quire.journal.storage.available").gauge().value()));
      assertEquals(1.0, registry.get("quire.journal.storage.outages").functionCounter().count());
      assertEquals("", mbean.getStorageProblem());
    }
  }

  @Test
  void aJournalThatOnlyReadsHasTheGaugesOnly() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (SegmentedJournal journal = new JournalFixture(folder).open(64 << 10)) {
      new JournalMetrics(journal, null).bindTo(registry);
      assertEquals(0.0, registry.get("quire.journal.last.sequence").gauge().value());
      assertTrue(registry.find("quire.journal.sync").timer() == null);
      assertTrue(registry.find("quire.journal.appends").functionCounter() == null);
    }
  }
}
