package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFormat;
import io.quire.journal.JournalHeldException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fencing rules of {@link HolderLease} on a real local folder, with a test's own ticker. */
class HolderLeaseTest {

  private static final long LEASE = 1_000;

  @TempDir
  Path folder;

  /** Monotonic time that moves only when a test says so, or when the lease sleeps. */
  private static final class ManualTicker implements HolderLease.Ticker {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    @Override
    public void sleep(long millis) {
      sleeps.add(millis);
      advance(millis);
    }

    void advance(long millis) {
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    long slept() {
      return sleeps.stream().mapToLong(Long::longValue).sum();
    }
  }

  private final ManualTicker ticker = new ManualTicker();
  private final List<String> lost = new CopyOnWriteArrayList<>();

  private HolderLease acquire(JournalFixture fixture) throws Exception {
    return HolderLease.acquire(fixture.storage, Clock.systemUTC(), ticker, LEASE, lost::add);
  }

  private static void writeRecord(JournalFixture fixture, HolderRecord record) throws Exception {
    fixture.storage.writeAtomically(JournalFormat.HOLDER, record.encode());
  }

  private static HolderRecord otherMaster(String host, long pid, long heartbeatMillis) {
    return new HolderRecord("other", host, pid, Instant.now(), heartbeatMillis, LEASE);
  }

  @Test
  void withinTheWindowAfterConfirmingItsRecordAHolderWritesWithoutLooking() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (HolderLease lease = acquire(fixture)) {
      ticker.advance(HolderLease.windowMillis(LEASE) - 1);

      // a taker waits out this window before it reads anything: no read is needed yet
      assertDoesNotThrow(lease::checkWritable);
    }
  }

  /** A paused master wakes up after another master took the folder: it must not write on. */
  @Test
  void aHolderWhoseWindowLapsedReadsTheRecordAndRefusesWhenItLostTheFolder() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    HolderLease lease = acquire(fixture);
    writeRecord(fixture, otherMaster("elsewhere.example", 1, System.currentTimeMillis()));
    ticker.advance(HolderLease.windowMillis(LEASE));

    JournalClosedException e = assertThrows(JournalClosedException.class,
        lease::checkWritable);

    assertTrue(e.getMessage().contains("elsewhere.example"), e.getMessage());
    assertTrue(e.getMessage().contains("had not confirmed its lease for 500 ms"), e.getMessage());
    lease.close();
  }

  @Test
  void aHolderWhoseWindowLapsedButStillHoldsTheFolderGoesOn() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (HolderLease lease = acquire(fixture)) {
      ticker.advance(10 * LEASE);

      assertDoesNotThrow(lease::checkWritable);
      // the read opened a new window
      writeRecord(fixture, otherMaster("elsewhere.example", 1, System.currentTimeMillis()));
      assertDoesNotThrow(lease::checkWritable);
      ticker.advance(HolderLease.windowMillis(LEASE));
      assertThrows(JournalClosedException.class, lease::checkWritable);
    }
  }

  @Test
  void takingOverFromAHolderThatMayStillRunWaitsOutItsWindowBeforeReadingAnything()
      throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    // expired on another host: it may be paused, not dead
    writeRecord(fixture, otherMaster("elsewhere.example", 1, System.currentTimeMillis() - 10 * LEASE));

    try (HolderLease lease = acquire(fixture)) {
      assertEquals(HolderLease.windowMillis(LEASE) + LEASE / 10, ticker.slept());
      assertTrue(ticker.sleeps.stream().allMatch(s -> s <= LEASE / 4),
          "renews its own record while it waits: " + ticker.sleeps);
      assertDoesNotThrow(lease::checkHeld);
    }
  }

  @Test
  void takingOverFromAStoppedProcessOnThisHostWaitsToo() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    // this test's own process exists: a master stopped with SIGSTOP looks like this
    writeRecord(fixture, otherMaster(InetAddress.getLocalHost().getHostName(),
        ProcessHandle.current().pid(), System.currentTimeMillis() - 10 * LEASE));

    try (HolderLease lease = acquire(fixture)) {
      assertEquals(HolderLease.windowMillis(LEASE) + LEASE / 10, ticker.slept());
    }
  }

  @Test
  void takingOverFromAProcessThatExitedOrAFolderLeftCleanlyCostsNoWait() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    writeRecord(fixture, otherMaster(InetAddress.getLocalHost().getHostName(),
        Long.MAX_VALUE / 2, System.currentTimeMillis()));
    try (HolderLease lease = acquire(fixture)) {
      assertEquals(0, ticker.slept());
    }
    // close() removed the record: the next master finds none
    try (HolderLease lease = acquire(fixture)) {
      assertEquals(0, ticker.slept());
    }
  }

  @Test
  void aMasterThatTakesTheFolderWhileATakerWaitsWinsAndTheTakerRefuses() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    writeRecord(fixture, otherMaster("elsewhere.example", 1, System.currentTimeMillis() - 10 * LEASE));
    HolderLease.Ticker racing = new HolderLease.Ticker() {
      @Override
      public long nanoTime() {
        return ticker.nanoTime();
      }

      @Override
      public void sleep(long millis) throws InterruptedException {
        ticker.sleep(millis);
        writeRecord(fixture, otherMaster("third.example", 3, System.currentTimeMillis()));
      }

      private void writeRecord(JournalFixture f, HolderRecord r) throws InterruptedException {
        try {
          HolderLeaseTest.writeRecord(f, r);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };

    JournalHeldException e = assertThrows(JournalHeldException.class,
        () -> HolderLease.acquire(fixture.storage, Clock.systemUTC(), racing, LEASE, lost::add));
    assertTrue(e.getMessage().contains("third.example"), e.getMessage());
  }
}
