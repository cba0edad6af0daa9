package io.quire.journal.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.StorageUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a real local folder behind a storage that goes out of reach and comes back
 * while writers write: partial appends, failed syncs and failed rolls are mended by reopening
 * the open segment at its durable length, and a restart replays exactly what was acknowledged.
 */
class StorageOutageTest {

  @TempDir
  Path dir;

  private SegmentedJournal open(OutageStorage storage, long maxLogBytes, Duration timeout) {
    return new SegmentedJournal(storage, new SegmentedJournal.Options(maxLogBytes, 10_000, 1 << 20,
        timeout.toMillis()), Clock.systemUTC());
  }

  @Test
  void whatWasAcknowledgedAcrossOutagesIsExactlyWhatARestartReplays() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    JournalFixture fixture = new JournalFixture(dir);
    OutageStorage storage = new OutageStorage(fixture.storage);
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    int writers = 8;
    int perWriter = 300;
    try (SegmentedJournal journal = open(storage, 2048, Duration.ofSeconds(60))) {
      journal.recover((sequence, entry) -> { });
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            String text = "w" + writer + "-" + i;
            long sequence = journal.append(text.getBytes(StandardCharsets.UTF_8));
            journal.awaitDurable(sequence);
            acknowledged.add(text);
          }
          return null;
        }));
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      int outages = 0;
      while (writing.get() && outages < 12) {
        Thread.sleep(20 + random.nextInt(40)); // let some batches through between outages
        storage.down();
        Thread.sleep(30 + random.nextInt(100));
        storage.up();
        outages++;
        writing.set(done.stream().anyMatch(f -> !f.isDone()));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertTrue(storage.refused.get() > 0, "the storage refused calls (seed " + seed + ")");
    }
    List<String> replayed = fixture.replay();
    assertEquals(writers * perWriter, acknowledged.size());
    assertEquals(acknowledged.stream().sorted().toList(), replayed.stream().sorted().toList(),
        "replayed exactly the acknowledged entries, once each (seed " + seed + ")");
  }

  @Test
  void aLongOutageFailsWritersAfterTheTimeoutAndTheJournalResumesWhenTheStorageReturns()
      throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    OutageStorage storage = new OutageStorage(fixture.storage);
    try (SegmentedJournal journal = open(storage, 1 << 20, Duration.ofMillis(300))) {
      journal.recover((sequence, entry) -> { });
      long before = journal.append("before".getBytes(StandardCharsets.UTF_8));
      journal.awaitDurable(before);

      storage.down();
      long during = journal.append("during".getBytes(StandardCharsets.UTF_8));
      StorageUnavailableException waited = assertThrows(StorageUnavailableException.class,
          () -> journal.awaitDurable(during));
      assertTrue(waited.getMessage().contains("storage unreachable"), waited::getMessage);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThrows(
          StorageUnavailableException.class,
          () -> journal.append("refused".getBytes(StandardCharsets.UTF_8))));

      storage.up();
      await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(StorageUnavailableException.class)
          .untilAsserted(() -> journal.awaitDurable(during));
      long after = journal.append("after".getBytes(StandardCharsets.UTF_8));
      journal.awaitDurable(after);
      assertEquals(during + 1, after);
    }
    assertEquals(List.of("before", "during", "after"), fixture.replay(),
        "the entry that waited through the outage is durable; the refused one never was");
  }
}
