package io.quire.journal.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalClosedException;
import io.quire.journal.StorageUnavailableException;
import io.quire.journal.storage.AppendableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The log against an in-memory file that records what each sync covered. */
class GroupCommitLogTest {

  /** Counts appended records; {@code synced} is the last sequence a returned sync covers. */
  static final class CountingFile implements AppendableFile {
    final AtomicLong written = new AtomicLong();
    final AtomicLong synced = new AtomicLong();
    final AtomicLong syncs = new AtomicLong();
    volatile Semaphore syncPermits; // when set, each sync waits for a permit
    volatile IOException syncFailure;
    private long position;

    @Override
    public void append(ByteBuffer data) {
      while (data.hasRemaining()) {
        int length = data.getInt();
        data.position(data.position() + 4 + 8 + length);
        written.incrementAndGet();
      }
      position += data.limit();
    }

    @Override
    public void flush() {}

    @Override
    public void sync() throws IOException {
      Semaphore permits = syncPermits;
      if (permits != null) {
        permits.acquireUninterruptibly();
      }
      if (syncFailure != null) {
        throw syncFailure;
      }
      synced.set(written.get());
      syncs.incrementAndGet();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public void close() {}
  }

  /** How a test's roller reopens after a failure. */
  @FunctionalInterface
  interface Reopen {
    AppendableFile reopen(long durableSequence) throws IOException;
  }

  /** A roller that never rolls and reopens as {@code reopen} says. */
  static GroupCommitLog.Roller reopening(Reopen reopen) {
    return new GroupCommitLog.Roller() {
      @Override
      public AppendableFile afterSync(AppendableFile current, long durableSequence) {
        return current;
      }

      @Override
      public AppendableFile reopen(AppendableFile failed, long durableSequence) throws IOException {
        return reopen.reopen(durableSequence);
      }
    };
  }

  /** Never rolls; a test that reaches reopen has a failure it did not plan. */
  private static final GroupCommitLog.Roller ROLL_NOTHING = reopening(durable -> {
    throw new JournalClosedException("this test's file never fails");
  });

  private static GroupCommitLog open(CountingFile file) {
    return new GroupCommitLog(file, 0, 1 << 20, Duration.ofSeconds(60), ROLL_NOTHING);
  }

  /** A fence that refuses from its {@code refusing}th call on (two calls per batch). */
  private static GroupCommitLog.Fence lostTheFolderAtCall(long refusing) {
    AtomicLong calls = new AtomicLong();
    return () -> {
      if (calls.incrementAndGet() >= refusing) {
        throw new JournalClosedException("lost the journal folder to another master");
      }
    };
  }

  @Test
  void aBatchTheFenceRefusesBeforeTheWriteIsNotWritten() throws Exception {
    CountingFile file = new CountingFile();
    GroupCommitLog log = new GroupCommitLog(file, 0, 1 << 20, Duration.ofSeconds(60),
        ROLL_NOTHING, new GroupCommitLog.BatchStats(), lostTheFolderAtCall(3));
    log.awaitDurable(log.append(new byte[8])); // the first batch passes both checks

    long refused = log.append(new byte[8]);
    assertThrows(JournalClosedException.class, () -> log.awaitDurable(refused));

    assertEquals(1, file.written.get(), "the refused batch was written");
    assertEquals(1, log.durableSequence());
    assertThrows(JournalClosedException.class, log::close);
  }

  @Test
  void aBatchTheFenceRefusesIsNeverAcknowledgedAndTheLogFails() throws Exception {
    CountingFile file = new CountingFile();
    GroupCommitLog.Fence lostTheFolder = lostTheFolderAtCall(4); // the second batch, once synced
    GroupCommitLog log = new GroupCommitLog(file, 0, 1 << 20, Duration.ofSeconds(60),
        ROLL_NOTHING, new GroupCommitLog.BatchStats(), lostTheFolder);
    log.awaitDurable(log.append(new byte[8])); // the first batch passes the fence

    long refused = log.append(new byte[8]);
    JournalClosedException e = assertThrows(JournalClosedException.class,
        () -> log.awaitDurable(refused));

    assertTrue(e.getMessage().contains("lost the journal folder"), e.getMessage());
    assertEquals(1, log.durableSequence(), "synced, but never acknowledged");
    assertEquals(2, file.synced.get());
    assertThrows(JournalClosedException.class, () -> log.append(new byte[8]));
    assertThrows(JournalClosedException.class, log::close);
  }

  @Test
  void aFenceThatCannotAnswerYetHoldsTheBatchUntilItCan() throws Exception {
    CountingFile first = new CountingFile();
    CountingFile reopened = new CountingFile();
    AtomicLong calls = new AtomicLong();
    GroupCommitLog.Fence slowStorage = () -> {
      if (calls.incrementAndGet() == 2) { // after the first sync
        throw new IOException("cannot read the holder record");
      }
    };
    try (GroupCommitLog log = new GroupCommitLog(first, 0, 1 << 20, Duration.ofSeconds(60),
        reopening(durable -> reopened), new GroupCommitLog.BatchStats(), slowStorage)) {
      long sequence = log.append(new byte[8]);

      log.awaitDurable(sequence);

      assertEquals(1, log.durableSequence());
      assertEquals(1, reopened.synced.get(), "written again to the reopened file and synced");
      assertEquals(4, calls.get(), "asked again before and after the second write");
    }
  }

  @Test
  void manyWritersAreAcknowledgedOnlyAfterTheSyncThatCoversThemAndNoneIsLost() throws Exception {
    CountingFile file = new CountingFile();
    int writers = 64;
    int perWriter = 500;
    ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    try (GroupCommitLog log = open(file)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            long sequence = log.append(new byte[16]);
            log.awaitDurable(sequence);
            if (file.synced.get() < sequence) {
              violations.add("sequence " + sequence + " acknowledged with only "
                  + file.synced.get() + " synced");
            }
            acknowledged.add(sequence);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
      assertEquals(writers * perWriter, acknowledged.size());
      assertEquals(writers * perWriter, acknowledged.stream().distinct().count());
      assertEquals(writers * perWriter, log.durableSequence());
      assertTrue(file.syncs.get() < writers * perWriter, "writers shared no sync");
    }
  }

  /**
   * A failed sync is not retried on the same file: the roller reopens (here after two more
   * failures), the whole batch is written again to the new file and synced, and every writer
   * parked meanwhile is acknowledged.
   */
  @Test
  void aFailedSyncIsWrittenAgainToTheReopenedFileAndTheParkedWritersAreAcknowledged()
      throws Exception {
    CountingFile broken = new CountingFile();
    broken.syncPermits = new Semaphore(0);
    CountingFile reopened = new CountingFile();
    AtomicLong reopens = new AtomicLong();
    AtomicLong reopenedAt = new AtomicLong(-1);
    GroupCommitLog.Roller roller = reopening(durableSequence -> {
      if (reopens.incrementAndGet() < 3) {
        throw new IOException("storage still away");
      }
      reopenedAt.set(durableSequence);
      return reopened;
    });
    try (GroupCommitLog log = new GroupCommitLog(broken, 0, 1 << 20, Duration.ofSeconds(60), roller)) {
      int writers = 16;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      CountDownLatch appended = new CountDownLatch(writers);
      List<Future<Long>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(() -> {
          long sequence = log.append(new byte[8]);
          appended.countDown();
          log.awaitDurable(sequence);
          return sequence;
        }));
      }
      assertTrue(appended.await(30, TimeUnit.SECONDS));
      broken.syncFailure = new IOException("disk gone");
      broken.syncPermits.release(Integer.MAX_VALUE / 2);
      for (Future<Long> f : done) {
        assertTrue(f.get(30, TimeUnit.SECONDS) <= writers);
      }
      pool.shutdown();
      assertEquals(writers, log.durableSequence());
      assertEquals(3, reopens.get(), "two failed reopens, then one that worked");
      assertEquals(0, reopenedAt.get(), "reopened at the last durable sequence");
      assertEquals(writers, reopened.synced.get(), "every entry of the failed batches, synced again");
      assertEquals(1, log.outages());
      assertTrue(log.storageProblem().isEmpty(), "the storage is back");
      assertEquals(writers + 1, log.append(new byte[8]), "appends go on in sequence");
    }
  }

  /**
   * While the storage stays away, a writer waits at most the storage timeout and gets
   * StorageUnavailableException with its entry still buffered; once the storage has been away
   * longer than the timeout, appends are refused at once; when it returns, the buffered entry
   * becomes durable and appends are taken again.
   */
  @Test
  void writersWaitAtMostTheStorageTimeoutAndTheLogResumesWhenTheStorageReturns() throws Exception {
    CountingFile broken = new CountingFile();
    broken.syncFailure = new IOException("no route to storage");
    CountingFile back = new CountingFile();
    java.util.concurrent.atomic.AtomicBoolean storageBack = new java.util.concurrent.atomic.AtomicBoolean();
    GroupCommitLog.Roller roller = reopening(durableSequence -> {
      if (!storageBack.get()) {
        throw new IOException("no route to storage");
      }
      return back;
    });
    try (GroupCommitLog log = new GroupCommitLog(broken, 0, 1 << 20, Duration.ofMillis(300), roller)) {
      long first = log.append(new byte[8]);
      StorageUnavailableException waited = assertThrows(StorageUnavailableException.class,
          () -> log.awaitDurable(first));
      assertTrue(waited.getMessage().contains("stays buffered"), waited::getMessage);
      assertTrue(waited.getMessage().contains("no route to storage"), waited::getMessage);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        StorageUnavailableException refused = assertThrows(StorageUnavailableException.class,
            () -> log.append(new byte[8]));
        assertTrue(refused.getMessage().contains("not appended"), refused::getMessage);
      });
      assertTrue(log.storageProblem().isPresent());
      assertEquals(0, log.durableSequence());

      storageBack.set(true);
      await().atMost(Duration.ofSeconds(30)).until(() -> log.durableSequence() == first);
      assertEquals(1, back.synced.get(), "the buffered entry, written to the reopened file");
      long next = log.append(new byte[8]);
      assertEquals(first + 1, next, "the refused appends took no sequence numbers");
      log.awaitDurable(next);
      assertTrue(log.storageProblem().isEmpty());
    }
  }

  /** A reopen that says retrying cannot help fails the log for good: waiters and appenders hear it. */
  @Test
  void aFailureThatRetryingCannotMendFailsTheLogForGood() throws Exception {
    CountingFile file = new CountingFile();
    file.syncFailure = new IOException("disk gone");
    GroupCommitLog log = new GroupCommitLog(file, 0, 1 << 20, Duration.ofSeconds(60),
        reopening(durableSequence -> {
          throw new JournalClosedException("lost the journal folder to another master");
        }));
    long sequence = log.append(new byte[8]);
    JournalClosedException e = assertThrows(JournalClosedException.class, () -> log.awaitDurable(sequence));
    assertTrue(e.getMessage().contains("another master"), e::getMessage);
    assertEquals(0, log.durableSequence());
    assertThrows(JournalClosedException.class, () -> log.append(new byte[1]));
    assertThrows(JournalClosedException.class, log::close);
  }

  /** Closing while the storage is away gives up once the timeout has passed, never hangs. */
  @Test
  void closingWhileTheStorageIsAwayGivesUpAfterTheTimeout() throws Exception {
    CountingFile file = new CountingFile();
    file.syncFailure = new IOException("disk gone");
    GroupCommitLog log = new GroupCommitLog(file, 0, 1 << 20, Duration.ofMillis(200),
        reopening(durableSequence -> {
          throw new IOException("disk still gone");
        }));
    log.append(new byte[8]);
    JournalClosedException e = assertThrows(JournalClosedException.class, log::close);
    assertTrue(e.getMessage().contains("never acknowledged"), e::getMessage);
  }

  @Test
  void anInterruptedWaiterLeavesAndTheOthersAreStillReleased() throws Exception {
    CountingFile file = new CountingFile();
    file.syncPermits = new Semaphore(0);
    try (GroupCommitLog log = open(file)) {
      long first = log.append(new byte[8]);
      long second = log.append(new byte[8]);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch parked = new CountDownLatch(1);
      Thread[] interruptee = new Thread[1];
      Future<?> interrupted = pool.submit(() -> {
        interruptee[0] = Thread.currentThread();
        parked.countDown();
        log.awaitDurable(first);
        return null;
      });
      Future<?> patient = pool.submit(() -> {
        log.awaitDurable(second);
        return null;
      });
      assertTrue(parked.await(30, TimeUnit.SECONDS));
      interruptee[0].interrupt();
      Exception e = assertThrows(Exception.class, () -> interrupted.get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof InterruptedException, e::toString);
      file.syncPermits.release(Integer.MAX_VALUE / 2);
      patient.get(30, TimeUnit.SECONDS);
      assertEquals(second, log.durableSequence());
      pool.shutdown();
    }
  }
}
