package io.quire.journal.internal;

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
 */
public final class HolderLease implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HolderLease.class);

  private final JournalStorage storage;
  private final Clock clock;
  private final long leaseMillis;
  private final HolderRecord mine;
  private AutoCloseable osLock;
  private ScheduledExecutorService heartbeat;

  private HolderLease(JournalStorage storage, Clock clock, long leaseMillis) {
    this.storage = storage;
    this.clock = clock;
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
    HolderLease lease = new HolderLease(storage, clock, leaseMillis);
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
      HolderRecord after = readHolder(storage);
      if (after == null || !after.id().equals(mine.id())) {
        throw held(storage, after, clock);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(osLock);
      throw e;
    }
  }

  private void startHeartbeat(Consumer<String> onLost) {
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quire-journal-holder-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(50, leaseMillis / 4);
    heartbeat.scheduleWithFixedDelay(() -> renew(onLost), period, period, TimeUnit.MILLISECONDS);
  }

  private void renew(Consumer<String> onLost) {
    try {
      HolderRecord current = readHolder(storage);
      if (current == null || !current.id().equals(mine.id())) {
        String who = current == null ? "nobody (the holder record is gone)"
            : current.describe(clock.millis());
        heartbeat.shutdown();
        onLost.accept("lost the journal folder " + storage.uri() + " to " + who);
        return;
      }
      HolderRecord renewed = new HolderRecord(mine.id(), mine.host(), mine.pid(), mine.started(),
          clock.millis(), leaseMillis);
      storage.writeAtomically(JournalFormat.HOLDER, renewed.encode());
    } catch (IOException e) {
      // A missed heartbeat is not yet a lost lease; the next one retries.
      LOG.warn("Could not renew the holder lease on {}: {}", storage.uri(), e.toString());
    }
  }

  /**
   * Fails unless the holder record still names this master: what a master checks before it
   * repairs files after a storage failure, since another master may have taken the folder
   * while the storage was out of its reach.
   *
   * @throws JournalClosedException another master (or nobody) holds the folder now
   */
  public void checkHeld() throws IOException {
    HolderRecord current = readHolder(storage);
    if (current == null || !current.id().equals(mine.id())) {
      throw new io.quire.journal.JournalClosedException("lost the journal folder " + storage.uri()
          + " to " + (current == null ? "nobody (the holder record is gone)"
              : current.describe(clock.millis())));
    }
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
    if (holder.host().equals(localHost()) && LocalProcesses.exited(holder.pid())) {
      return false;
    }
    return nowMillis - holder.heartbeatMillis() <= holder.leaseMillis();
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
