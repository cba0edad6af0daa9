package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalClosedException;
import io.quire.journal.storage.AppendableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
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

  private static GroupCommitLog open(CountingFile file) {
    return new GroupCommitLog(file, 0, 1 << 20, (current, durable) -> current);
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

  @Test
  void aFailedSyncWakesEveryParkedWriterWithTheFailure() throws Exception {
    CountingFile file = new CountingFile();
    file.syncPermits = new Semaphore(0);
    GroupCommitLog log = open(file);
    int writers = 32;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch appended = new CountDownLatch(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(pool.submit(() -> {
        long sequence = log.append(new byte[8]);
        appended.countDown();
        log.awaitDurable(sequence);
        return null;
      }));
    }
    assertTrue(appended.await(30, TimeUnit.SECONDS));
    file.syncFailure = new IOException("disk gone");
    file.syncPermits.release(Integer.MAX_VALUE / 2);
    for (Future<?> f : done) {
      Exception e = assertThrows(Exception.class, () -> f.get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof JournalClosedException, e::toString);
    }
    pool.shutdown();
    assertEquals(0, log.durableSequence());
    assertThrows(JournalClosedException.class, () -> log.append(new byte[1]));
    assertThrows(JournalClosedException.class, log::close);
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
