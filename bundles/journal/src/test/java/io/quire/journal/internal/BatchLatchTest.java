package io.quire.journal.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchLatchTest {

  private static final long LONG = TimeUnit.SECONDS.toNanos(30);

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void everyParkedWaiterReturnsOnceDurable() throws Exception {
    BatchLatch latch = new BatchLatch();
    AtomicInteger returned = new AtomicInteger();
    List<Future<Boolean>> waiters = startWaiters(latch, 100, LONG, returned);
    awaitParked(latch, waiters.size());

    assertEquals(0, returned.get());
    latch.durable();

    for (Future<Boolean> waiter : waiters) {
      assertTrue(waiter.get(30, TimeUnit.SECONDS));
    }
    assertEquals(100, returned.get());
  }

  @Test
  void aWaiterAfterTheOpeningReturnsAtOnce() throws Exception {
    BatchLatch latch = new BatchLatch();
    latch.durable();

    assertTrue(latch.isOpen());
    assertTrue(latch.await(0));
  }

  @Test
  void everyWaiterGetsTheFailure() throws Exception {
    BatchLatch latch = new BatchLatch();
    List<Future<Boolean>> waiters = startWaiters(latch, 20, LONG, new AtomicInteger());
    awaitParked(latch, waiters.size());
    IOException cause = new IOException("disk gone");

    latch.failed(cause);
    latch.durable(); // too late: the first opening holds

    for (Future<Boolean> waiter : waiters) {
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> waiter.get(30, TimeUnit.SECONDS));
      assertSame(cause, failed.getCause());
    }
    assertSame(cause, assertThrows(IOException.class, () -> latch.await(LONG)));
  }

  @Test
  void aWaiterWhoseTimeRanOutReturnsFalse() throws Exception {
    BatchLatch latch = new BatchLatch();

    assertFalse(latch.await(TimeUnit.MILLISECONDS.toNanos(20)));
    assertFalse(latch.isOpen());
  }

  /**
   * Waiters that gave up sit inside the tree of wake-ups: the waiters below them must be woken
   * all the same.
   */
  @Test
  void waitersThatGaveUpDoNotStrandTheOthers() throws Exception {
    BatchLatch latch = new BatchLatch();
    // every other waiter pushed gives up after a moment; the rest wait for long
    List<Future<Boolean>> patient = new ArrayList<>();
    List<Future<Boolean>> impatient = new ArrayList<>();
    AtomicInteger returned = new AtomicInteger();
    for (int i = 0; i < 40; i++) {
      patient.addAll(startWaiters(latch, 1, LONG, returned));
      impatient.addAll(startWaiters(latch, 1, TimeUnit.MILLISECONDS.toNanos(50), returned));
    }
    for (Future<Boolean> gaveUp : impatient) {
      assertFalse(gaveUp.get(30, TimeUnit.SECONDS));
    }
    awaitParked(latch, patient.size());

    latch.durable();

    for (Future<Boolean> waiter : patient) {
      assertTrue(waiter.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void anInterruptedWaiterStopsWaiting() throws Exception {
    BatchLatch latch = new BatchLatch();
    CountDownLatch started = new CountDownLatch(1);
    Future<?> waiter = pool.submit(() -> {
      started.countDown();
      return latch.await(LONG);
    });
    started.await();
    await().atMost(Duration.ofSeconds(30)).until(() -> parkedOn(latch) == 1);

    waiter.cancel(true);

    await().atMost(Duration.ofSeconds(30)).until(() -> parkedOn(latch) == 0);
    latch.durable(); // a waiter that left is skipped
    assertTrue(latch.await(0));
  }

  /** Many rounds of waiters racing the opening: none may be left behind or return early. */
  @Test
  void noWaiterIsLostWhenTheOpeningRacesThePush() throws Exception {
    for (int round = 0; round < 200; round++) {
      BatchLatch latch = new BatchLatch();
      AtomicInteger returned = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> waiters = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        waiters.add(pool.submit(() -> {
          go.await();
          boolean durable = latch.await(LONG);
          assertTrue(latch.isOpen());
          returned.incrementAndGet();
          return durable;
        }));
      }
      go.countDown();
      latch.durable();
      for (Future<Boolean> waiter : waiters) {
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
      }
      assertEquals(8, returned.get());
    }
  }

  private List<Future<Boolean>> startWaiters(BatchLatch latch, int count, long nanos,
      AtomicInteger returned) {
    List<Future<Boolean>> waiters = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      waiters.add(pool.submit(() -> {
        boolean durable = latch.await(nanos);
        returned.incrementAndGet();
        return durable;
      }));
    }
    return waiters;
  }

  private static void awaitParked(BatchLatch latch, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> parkedOn(latch) == count);
  }

  /** Threads parked in the latch, as {@code LockSupport.getBlocker} sees them. */
  private static long parkedOn(BatchLatch latch) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> LockSupport.getBlocker(t) == latch).count();
  }
}
