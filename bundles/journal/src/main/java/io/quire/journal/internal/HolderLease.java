package io.quire.journal.internal;

import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFormat;
import io.quire.journal.JournalHeldException;
import io.quire.journal.LocalProcesses;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The holder lease on a journal folder: at most one live master writes a folder.
 *
 * <p>OS file locks are not exclusive across NFS clients, so the lease rests on a holder record in
 * the folder itself, rewritten (atomically) on a heartbeat. A record is binding while its last
 * heartbeat is younger than its lease, unless it names a process on this host that no longer
 * exists (a master killed with {@code kill -9} is taken over at once, not after the lease). Where
 * the backend can enforce an OS lock (local disk), the lease takes that too, which closes the
 * race of two masters starting at the same instant on one host.
 *
 * <p>A holder that finds someone else's record on a heartbeat has lost the folder: it reports
 * that through {@code onLost} and stops heartbeating, and its journal must stop writing.
 *
 * <p><b>Fencing a paused holder.</b> A master paused for longer than its lease (a stopped
 * process, a long GC pause, a frozen virtual machine) may be taken over while it sleeps, and
 * when it wakes its sync thread may finish a batch before its heartbeat notices. Two rules keep
 * it from acknowledging an entry the new master does not see:
 * <ol>
 *   <li>The holder writes a batch, and acknowledges it once synced, only within a <em>window</em>
 *       of half its lease after it last read its own record ({@link #checkWritable}, asked
 *       before the write and again before the acknowledgement): the heartbeat keeps that window
 *       open (it reads the record every quarter lease), and once it has lapsed the sync thread
 *       reads the record itself first, and gives up the folder if the record is someone else's.
 *   <li>A master that takes the folder over from a holder that may still be running (on another
 *       host, or a process on this host that still exists) waits that holder's acknowledgement
 *       window, and a tenth of its lease for the clocks' rates, after writing its own record and
 *       before it reads or repairs anything. Whatever the old holder read last, it read it before
 *       the new record existed, so its window ends before the wait does: every batch it
 *       acknowledged was synced before the new master reads the logs, and it begins no write
 *       after the new master appends to them (unless it is paused for longer than the tenth
 *       exactly between its check and its write).
 * </ol>
 * Only durations on each master's own monotonic clock matter, not agreement between the hosts'
 * wall clocks. A holder known to have exited (a process on this host that no longer exists)
 * costs no wait.
 */
public final class HolderLease implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HolderLease.class);
  /** {@link #readOthers}'s answer when the folder has no holder record. */
  private static final HolderRecord NOBODY = new HolderRecord("", "", 0, java.time.Instant.EPOCH,
      0, 0);

  /** The lease's time: a monotonic clock, and pauses; a test's own in place of the system's. */
  interface Ticker {
    Ticker SYSTEM = new Ticker() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
      }
    };

    long nanoTime();

    void sleep(long millis) throws InterruptedException;
  }

  private final JournalStorage storage;
  private final Clock clock;
  private final Ticker ticker;
  private final long leaseMillis;
  private final HolderRecord mine;
  private AutoCloseable osLock;
  private ScheduledExecutorService heartbeat;
  /** When ({@link Ticker#nanoTime}) a read last found this master's own record. */
  private final AtomicLong confirmedNanos = new AtomicLong();
  /** Whether this master took the folder from a holder that may still be running. */
  private volatile boolean tookOverFromRunningHolder;

  private HolderLease(JournalStorage storage, Clock clock, Ticker ticker, long leaseMillis) {
    this.storage = storage;
    this.clock = clock;
    this.ticker = ticker;
    this.leaseMillis = leaseMillis;
    this.mine = new HolderRecord(UUID.randomUUID().toString(), localHost(),
        ProcessHandle.current().pid(), clock.instant(), clock.millis(), leaseMillis);
  }

  /**
   * Takes the folder or refuses naming the holder.
   *
   * @param onLost called once, from the heartbeat thread, if another master takes the folder
   */
  public static HolderLease acquire(JournalStorage storage, Clock clock, long leaseMillis,
      Consumer<String> onLost) throws IOException {
    return acquire(storage, clock, Ticker.SYSTEM, leaseMillis, onLost);
  }

  static HolderLease acquire(JournalStorage storage, Clock clock, Ticker ticker,
      long leaseMillis, Consumer<String> onLost) throws IOException {
    HolderLease lease = new HolderLease(storage, clock, ticker, leaseMillis);
    lease.take();
    lease.startHeartbeat(onLost);
    return lease;
  }

  /** Refuses with {@link JournalHeldException} if a live master holds the folder now. */
  public static void checkNotHeld(JournalStorage storage, Clock clock) throws IOException {
    if (!storage.folderExists()) {
      return;
    }
    AutoCloseable lock = lockOrRefuse(storage, clock);
    try {
      currentUnlessLive(storage, clock);
    } finally {
      closeQuietly(lock);
    }
  }

  /**
   * Takes the OS lock where the backend enforces one, or refuses naming the holder.
   *
   * @return the lock to release, or null where the backend has none
   */
  private static AutoCloseable lockOrRefuse(JournalStorage storage, Clock clock)
      throws IOException {
    Optional<AutoCloseable> lock = storage.tryLock(JournalFormat.LOCK);
    if (lock.isEmpty() && supportsLock(storage)) {
      throw held(storage, readHolder(storage), clock);
    }
    return lock.orElse(null);
  }

  /** Refuses if the holder record names a live master; otherwise returns it (or null). */
  private static HolderRecord currentUnlessLive(JournalStorage storage, Clock clock)
      throws IOException {
    HolderRecord current = readHolder(storage);
    if (current != null && isLive(current, clock.millis())) {
      throw held(storage, current, clock);
    }
    return current;
  }

  private void take() throws IOException {
    osLock = lockOrRefuse(storage, clock);
    try {
      HolderRecord current = currentUnlessLive(storage, clock);
      if (current != null) {
        LOG.info("Taking over journal folder {} from {}, which is no longer live", storage.uri(),
            current.describe(clock.millis()));
      }
      storage.writeAtomically(JournalFormat.HOLDER, mine.encode());
      HolderRecord other = readOthers();
      if (other != null) {
        throw held(storage, other == NOBODY ? null : other, clock);
      }
      if (current != null && !knownExited(current)) {
        waitOutAcknowledgements(current);
        tookOverFromRunningHolder = true;
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(osLock);
      throw e;
    }
  }

  /**
   * Rule 2 of the class comment: the previous holder may still be running. Renews this master's
   * own record meanwhile (the previous holder's lease may be longer than this one's).
   */
  private void waitOutAcknowledgements(HolderRecord previous) throws IOException {
    long millis = windowMillis(previous.leaseMillis()) + previous.leaseMillis() / 10;
    LOG.info("Waiting {} ms before reading journal folder {}: its previous holder ({}) may still be "
        + "running, and must not acknowledge a write this master would not see", millis,
        storage.uri(), previous.describe(clock.millis()));
    long deadline = ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      for (long left = millis; left > 0;
          left = TimeUnit.NANOSECONDS.toMillis(deadline - ticker.nanoTime())) {
        ticker.sleep(Math.min(left, heartbeatMillis()));
        HolderRecord other = renewOnce();
        if (other != null) {
          throw other == NOBODY ? lost(other, " while taking it over") : held(storage, other, clock);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while taking over journal folder "
          + storage.uri());
    }
  }

  private long heartbeatMillis() {
    return Math.max(50, leaseMillis / 4);
  }

  /**
   * Whether the previous holder may still be running: it could still write once, if it is paused
   * exactly between its check and its write, through the file it has open (see
   * {@link SegmentedJournal#recover}).
   */
  public boolean tookOverFromRunningHolder() {
    return tookOverFromRunningHolder;
  }

  /** How long after reading its own record a holder may write and acknowledge without looking. */
  static long windowMillis(long leaseMillis) {
    return leaseMillis / 2;
  }

  /**
   * Reads the holder record; if it is this master's, notes when the read began (the start of the
   * window of {@link #checkWritable}).
   *
   * @return null when the record is this master's; else the record found ({@link #NOBODY} when
   *     there is none)
   */
  private HolderRecord readOthers() throws IOException {
    long beforeRead = ticker.nanoTime();
    HolderRecord current = readHolder(storage);
    if (current == null) {
      return NOBODY;
    }
    if (!current.id().equals(mine.id())) {
      return current;
    }
    confirmedNanos.accumulateAndGet(beforeRead, (was, now) -> now - was > 0 ? now : was);
    return null;
  }

  /**
   * Rule 1 of the class comment, called before a batch is written and again after it is synced,
   * before it is acknowledged: returns at once within the window, else reads the holder record.
   *
   * @throws JournalClosedException another master (or nobody) holds the folder now: the batch
   *     must not be written, or acknowledged
   * @throws IOException the record could not be read: the batch is not acknowledged yet
   */
  public void checkWritable() throws IOException {
    long windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis(leaseMillis));
    long sinceNanos = ticker.nanoTime() - confirmedNanos.get();
    if (sinceNanos < windowNanos) {
      return;
    }
    long sinceMillis = TimeUnit.NANOSECONDS.toMillis(sinceNanos);
    HolderRecord other = readOthers();
    if (other != null) {
      throw lost(other, "; this master had not confirmed its lease for " + sinceMillis
          + " ms (was it paused?): the entries not yet acknowledged stay so");
    }
    LOG.warn("The holder lease on {} had not been confirmed for {} ms (lease {} ms; a pause of "
        + "the process or a slow storage?); this master still holds the folder and writes on",
        storage.uri(), sinceMillis, leaseMillis);
  }

  private void startHeartbeat(Consumer<String> onLost) {
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quire-journal-holder-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long period = heartbeatMillis();
    heartbeat.scheduleWithFixedDelay(() -> renew(onLost), period, period, TimeUnit.MILLISECONDS);
  }

  private void renew(Consumer<String> onLost) {
    try {
      HolderRecord other = renewOnce();
      if (other != null) {
        heartbeat.shutdown();
        onLost.accept(lost(other, "").getMessage());
      }
    } catch (IOException e) {
      // A missed heartbeat is not yet a lost lease; the next one retries.
      LOG.warn("Could not renew the holder lease on {}: {}", storage.uri(), e.toString());
    }
  }

  /**
   * Reads the holder record and, if it is still this master's, writes it again with a new
   * heartbeat.
   *
   * @return null when renewed; else the record found ({@link #NOBODY} when there is none)
   */
  private HolderRecord renewOnce() throws IOException {
    HolderRecord other = readOthers();
    if (other != null) {
      return other;
    }
    HolderRecord renewed = new HolderRecord(mine.id(), mine.host(), mine.pid(), mine.started(),
        clock.millis(), leaseMillis);
    storage.writeAtomically(JournalFormat.HOLDER, renewed.encode());
    return null;
  }

  /**
   * Fails unless the holder record still names this master: what a master checks before it
   * repairs files after a storage failure, since another master may have taken the folder
   * while the storage was out of its reach.
   *
   * @throws JournalClosedException another master (or nobody) holds the folder now
   */
  public void checkHeld() throws IOException {
    HolderRecord other = readOthers();
    if (other != null) {
      throw lost(other, "");
    }
  }

  /** @param other what {@link #readOthers} found instead of this master's record */
  private JournalClosedException lost(HolderRecord other, String detail) {
    return new JournalClosedException("lost the journal folder " + storage.uri()
        + " to " + (other == NOBODY ? "nobody (the holder record is gone)"
            : other.describe(clock.millis())) + detail);
  }

  /** Stops heartbeating and removes this master's record, so the next master starts at once. */
  @Override
  public void close() throws IOException {
    if (heartbeat != null) {
      // a renewal in flight finishes (interrupting it would break the storage's stream); one
      // that hangs on a storage gone away is interrupted after a few seconds
      heartbeat.shutdown();
      try {
        if (!heartbeat.awaitTermination(5, TimeUnit.SECONDS)) {
          heartbeat.shutdownNow();
          heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      HolderRecord current = readHolder(storage);
      if (current != null && current.id().equals(mine.id())) {
        storage.delete(JournalFormat.HOLDER);
      }
    } finally {
      closeQuietly(osLock);
    }
  }

  static boolean isLive(HolderRecord holder, long nowMillis) {
    if (knownExited(holder)) {
      return false;
    }
    return nowMillis - holder.heartbeatMillis() <= holder.leaseMillis();
  }

  /** A holder on this host whose process no longer exists: it writes nothing any more. */
  private static boolean knownExited(HolderRecord holder) {
    return holder.host().equals(localHost()) && LocalProcesses.exited(holder.pid());
  }

  private static HolderRecord readHolder(JournalStorage storage) throws IOException {
    try {
      return storage.exists(JournalFormat.HOLDER)
          ? HolderRecord.decode(storage.readFully(JournalFormat.HOLDER)) : null;
    } catch (java.nio.file.NoSuchFileException raced) {
      return null;
    }
  }

  private static boolean supportsLock(JournalStorage storage) {
    return "local".equals(storage.type());
  }

  private static JournalHeldException held(JournalStorage storage, HolderRecord holder,
      Clock clock) {
    String who = holder == null ? "another process on this host (it holds "
        + JournalFormat.LOCK + ")" : holder.describe(clock.millis());
    return new JournalHeldException("journal folder " + storage.uri() + " is held by " + who
        + "; stop that master first");
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Could not release the journal folder lock: {}", e.toString());
    }
  }
}
