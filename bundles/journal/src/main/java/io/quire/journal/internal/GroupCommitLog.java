package io.quire.journal.internal;

import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFormat;
import io.quire.journal.StorageUnavailableException;
import io.quire.journal.storage.AppendableFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: appenders fill one buffer while a single sync thread writes and syncs the other.
 *
 * <p>Each appender pays for one sync at most, however many others append at the same time: while
 * the sync thread forces batch N, appenders fill batch N+1, and the next force covers all of
 * them. Each batch carries a {@link BatchLatch} that the sync thread opens once the batch is
 * durable; a waiter parks on its batch's latch, so a sync wakes exactly the writers it covers,
 * with no lock to re-acquire (a {@code signalAll} on one lock would make 64 woken writers queue
 * for it one after another), and the woken writers wake each other, so the sync thread is back
 * at the storage after two wake-ups, not 64. A waiter finds its batch without the lock.
 *
 * <p>Invariant: every entry up to {@code durableSequence} has been synced to the storage.
 *
 * <p>When a write or sync fails (the storage is unreachable, full, or failing), the batch is not
 * retried on the same file: an fsync error may have dropped dirty pages, and a broken HDFS
 * pipeline cannot be trusted. The sync thread asks the {@link Roller} to reopen the file cut back
 * to its last durable byte, writes the whole batch again from memory and syncs it; it retries so,
 * with back-off, until it succeeds. Meanwhile writers wait, each at most the storage timeout:
 * a writer whose entry is not durable within it gets {@link StorageUnavailableException} (the
 * entry stays buffered and becomes durable if the storage returns, so its outcome is unknown),
 * and once the storage has been unavailable for longer than the timeout, appends are refused at
 * once with that exception (nothing is buffered, so their outcome is known). A failure that
 * retrying cannot mend (the folder was taken over, a durable byte is missing) fails the log for
 * good, and every waiter and later appender gets it.
 */
public final class GroupCommitLog implements AutoCloseable {

  /** Called by the sync thread: rolls segments, and reopens the file after a failure. */
  public interface Roller {
    /**
     * After a batch is durable: may seal and start segments.
     *
     * @return the file to write the next batch to (the same one unless it rolled)
     */
    AppendableFile afterSync(AppendableFile current, long durableSequence) throws IOException;

    /**
     * After a failed write, sync or roll: closes {@code failed} as far as it can and returns a
     * file to write the entries after {@code durableSequence} to, ending at the last durable
     * byte (the open segment cut back to it, or a new segment that starts after it).
     *
     * @throws JournalClosedException when retrying cannot help: the log fails for good
     * @throws IOException the storage still fails: retried after a pause
     */
    AppendableFile reopen(AppendableFile failed, long durableSequence) throws IOException;
  }

  /**
   * Asked before each batch is written and again after it is synced, before it is
   * acknowledged, whether this master may still write the folder (see {@link HolderLease}).
   */
  @FunctionalInterface
  public interface Fence {
    Fence NONE = () -> { };

    /**
     * @throws JournalClosedException never: another master holds the folder now, and the log
     *     fails without writing or acknowledging the batch
     * @throws IOException not now: handled as a storage failure (the batch is written again
     *     once the storage answers, and asked about again)
     */
    void check() throws IOException;
  }

  /** Work the sync thread does between two batches, with nothing being written: see {@link #between}. */
  @FunctionalInterface
  public interface Between {
    /**
     * @param current the file the next batch would go to
     * @param durableSequence every entry up to this one is durable in {@code current}
     * @return the file to write the next batch to
     * @throws IOException nothing changed: the log goes on with {@code current}
     */
    AppendableFile run(AppendableFile current, long durableSequence) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitLog.class);
  private static final long FIRST_RETRY_PAUSE_MILLIS = 50;
  private static final long MAX_RETRY_PAUSE_MILLIS = 2_000;
  /** A waiter looks at the storage's state this often while its entry is not durable. */
  private static final long WAIT_SLICE_NANOS = 100_000_000;

  private static final int INITIAL_BUFFER = 1 << 16;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition dataAvailable = lock.newCondition();
  private final Condition spaceAvailable = lock.newCondition();
  /** Signalled on close, failure and {@link #retryNow}: ends a pause between retries. */
  private final Condition wake = lock.newCondition();
  private final long maxPendingBytes;
  private final long storageTimeoutNanos;
  private final Roller roller;
  private final Fence fence;
  private final Thread syncThread;
  private final BatchStats stats;

  private ByteBuffer filling = ByteBuffer.allocate(INITIAL_BUFFER);
  private ByteBuffer writing = ByteBuffer.allocate(INITIAL_BUFFER);
  /** Guarded by {@link #lock}. */
  private Batch fillingBatch = new Batch();
  /**
   * The batch the sync thread writes (or last wrote), read by waiters without the lock; its
   * {@code next} is the filling batch, and both are set before this is.
   */
  private volatile Batch writingBatch;
  private AppendableFile file;
  /** Written under {@link #lock}; volatile for the check of {@link #awaitDurable}. */
  private volatile long lastSequence;
  private volatile long durableSequence;
  private volatile IOException failure;
  /** When the storage began failing ({@link System#nanoTime}), while it does; else 0. */
  private volatile long unavailableSince;
  private volatile IOException storageError;
  private final LongAdder outages = new LongAdder();
  private boolean closing;
  /** Work waiting for the sync thread to run it between batches; guarded by {@link #lock}. */
  private final ArrayDeque<Pending> betweenBatches = new ArrayDeque<>();

  private record Pending(Between work, CompletableFuture<Void> done) {}

  /**
   * @param storageTimeout how long a writer waits for the storage to take its entry before it
   *     gets {@link StorageUnavailableException}
   */
  public GroupCommitLog(AppendableFile file, long lastSequence, long maxPendingBytes,
      Duration storageTimeout, Roller roller) {
    this(file, lastSequence, maxPendingBytes, storageTimeout, roller, new BatchStats(),
        Fence.NONE);
  }

  /**
   * @param stats where the sync thread counts its batches (shared with the journal that owns it)
   * @param fence asked before each batch is written and after its sync, before it is
   *     acknowledged
   */
  public GroupCommitLog(AppendableFile file, long lastSequence, long maxPendingBytes,
      Duration storageTimeout, Roller roller, BatchStats stats, Fence fence) {
    this.stats = stats;
    this.fence = fence;
    this.file = file;
    this.lastSequence = lastSequence;
    this.durableSequence = lastSequence;
    Batch durable = new Batch();
    durable.lastSequence = lastSequence;
    durable.next = fillingBatch;
    durable.durable.durable();
    this.writingBatch = durable;
    this.maxPendingBytes = maxPendingBytes;
    this.storageTimeoutNanos = storageTimeout.toNanos();
    this.roller = roller;
    this.syncThread = new Thread(this::runSyncLoop, "quire-journal-sync");
    this.syncThread.setDaemon(true);
    this.syncThread.start();
  }

  /** Numbers and buffers one entry; see {@link io.quire.journal.Journal#append}. */
  public long append(byte[] entry) throws IOException {
    if (entry.length > JournalFormat.MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException("journal entry of " + entry.length
          + " bytes exceeds the limit of " + JournalFormat.MAX_ENTRY_BYTES);
    }
    int bytes = RecordEncoder.recordBytes(entry);
    long deadline = System.nanoTime() + storageTimeoutNanos;
    lock.lock();
    try {
      checkOpen();
      checkAvailable();
      while (filling.position() + bytes > maxPendingBytes && filling.position() > 0
          && failure == null && !closing) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw unavailable("no room to buffer the entry within the storage timeout");
        }
        try {
          spaceAvailable.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting to append");
        }
      }
      checkOpen();
      if (filling.remaining() < bytes) {
        filling = grow(filling, bytes);
      }
      long sequence = lastSequence + 1;
      RecordEncoder.putRecord(filling, sequence, entry);
      lastSequence = sequence;
      dataAvailable.signal();
      return sequence;
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until {@code sequence} is durable or the log failed. */
  public void awaitDurable(long sequence) throws IOException, InterruptedException {
    // The writing batch first: once it is published, every batch before it is durable, so an
    // entry not yet durable is in it or in the one after it (the batch filling when it was
    // published: a later one did not exist yet when the entry was appended, before this call).
    Batch writing = writingBatch;
    if (durableSequence >= sequence) {
      return;
    }
    if (sequence > lastSequence) {
      throw new IllegalArgumentException("sequence " + sequence + " was never appended (last "
          + lastSequence + ")");
    }
    BatchLatch batchDurable = sequence <= writing.lastSequence ? writing.durable
        : writing.next.durable;
    // At most the timeout from this call, and no longer than the timeout from the moment the
    // storage began failing: once an outage is older than that, waiters are answered at once
    // (one thread answering many waiters in turn must not pay the timeout for each).
    long deadline = System.nanoTime() + storageTimeoutNanos;
    while (true) {
      long since = unavailableSince;
      long limit = since == 0 ? deadline : Math.min(deadline, since + storageTimeoutNanos);
      long left = limit - System.nanoTime();
      if (left <= 0) {
        throw unavailable("journal entry " + sequence + " was not durable within the storage "
            + "timeout; it stays buffered and is written if the storage returns");
      }
      try {
        if (batchDurable.await(Math.min(left, WAIT_SLICE_NANOS))) {
          return;
        }
        // else look again at whether the storage is failing, and since when
      } catch (IOException e) {
        throw new JournalClosedException("journal entry " + sequence + " is not durable: "
            + e.getMessage(), e);
      }
    }
  }

  /** Refuses appends once the storage has been failing for longer than the timeout. */
  private void checkAvailable() throws StorageUnavailableException {
    long since = unavailableSince;
    if (since != 0 && System.nanoTime() - since > storageTimeoutNanos) {
      throw unavailable("the entry was not appended");
    }
  }

  private StorageUnavailableException unavailable(String what) {
    long since = unavailableSince;
    IOException cause = storageError;
    String how = since == 0 ? "the journal storage is slow"
        : "the journal storage has been failing for " + (System.nanoTime() - since) / 1_000_000
            + " ms" + (cause == null ? "" : " (" + cause.getMessage() + ")");
    return new StorageUnavailableException(how + ": " + what, cause);
  }

  private void runSyncLoop() {
    try {
      while (true) {
        long batchLast;
        lock.lock();
        try {
          while (filling.position() == 0 && !closing && failure == null && betweenBatches.isEmpty()) {
            dataAvailable.awaitUninterruptibly();
          }
          if (failure != null || closing) {
            failBetween(failure != null ? failure : new JournalClosedException("the journal closed"));
          } else if (!betweenBatches.isEmpty()) {
            Pending work = betweenBatches.poll();
            lock.unlock();
            try {
              runBetween(work);
            } finally {
              lock.lock();
            }
            continue;
          }
          if (failure != null || (filling.position() == 0 && closing)) {
            fillingBatch.durable.failed(new JournalClosedException("the journal closed"));
            return;
          }
          ByteBuffer full = filling;
          filling = writing;
          writing = full;
          Batch sealed = fillingBatch;
          sealed.lastSequence = lastSequence;
          fillingBatch = new Batch();
          sealed.next = fillingBatch;
          writingBatch = sealed;
          batchLast = lastSequence;
          spaceAvailable.signalAll();
        } finally {
          lock.unlock();
        }
        writeDurably(batchLast);
      }
    } catch (IOException | RuntimeException e) {
      fail(asIo(e));
    }
  }

  /** Runs work between batches; its failure is the caller's, the log goes on with its file. */
  private void runBetween(Pending work) {
    try {
      file = work.work().run(file, durableSequence);
      work.done().complete(null);
    } catch (IOException | RuntimeException e) {
      work.done().completeExceptionally(e);
    }
  }

  /** Answers work that will never run; called with {@link #lock} held. */
  private void failBetween(IOException cause) {
    for (Pending pending; (pending = betweenBatches.poll()) != null; ) {
      pending.done().completeExceptionally(cause);
    }
  }

  /**
   * Has the sync thread run {@code work} between two batches (the one being written is durable,
   * the next not yet begun) and waits for it. Appends go on meanwhile and are buffered (up to the
   * pending limit), so the work holds writes, it does not fail them: the journal moves to another
   * folder so, at a batch boundary. While the storage fails, the sync thread retries its batch
   * and runs no work: a caller waits at most the storage timeout for it to begin.
   *
   * @throws IOException what {@code work} threw (the log goes on as before), the work did not
   *     begin within the storage timeout (and never will), or the log failed or closed first
   */
  public void between(Between work) throws IOException, InterruptedException {
    Pending pending = new Pending(work, new CompletableFuture<>());
    lock.lock();
    try {
      checkOpen();
      betweenBatches.add(pending);
      dataAvailable.signal();
    } finally {
      lock.unlock();
    }
    try {
      try {
        pending.done().get(storageTimeoutNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        lock.lock();
        try {
          if (betweenBatches.remove(pending)) {
            throw unavailable("the journal's sync thread did not reach a batch boundary");
          }
        } finally {
          lock.unlock();
        }
        pending.done().get(); // it began: it ends as the work does
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new IOException(cause.toString(), cause);
    }
  }

  /** An unchecked failure of a storage call (Hadoop throws some) as the I/O failure it is. */
  private static IOException asIo(Exception e) {
    return e instanceof IOException io ? io : new IOException(e.toString(), e);
  }

  /**
   * Writes and syncs the batch, then lets the roller roll; on a storage failure reopens and
   * does it again until it succeeds, the log fails for good, or it closes with the storage gone.
   */
  private void writeDurably(long batchLast) throws IOException {
    writing.flip();
    boolean durable = false;
    long pause = FIRST_RETRY_PAUSE_MILLIS;
    while (true) {
      try {
        if (!durable) {
          fence.check(); // a master that slept through its lease looks before it writes
          writing.rewind();
          int bytes = writing.remaining();
          file.append(writing);
          file.flush();
          long syncStart = System.nanoTime();
          file.sync();
          long syncNanos = System.nanoTime() - syncStart;
          fence.check(); // and before it acknowledges
          long entries = batchLast - durableSequence;
          durableSequence = batchLast;
          durable = true;
          writingBatch.durable.durable();
          stats.record(entries, bytes, syncNanos); // after the writers are on their way
        }
        file = roller.afterSync(file, batchLast);
        break;
      } catch (JournalClosedException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        storageFailed(asIo(e), batchLast);
        pause = reopenWithRetries(pause);
      }
    }
    writing.clear();
    if (unavailableSince != 0) {
      long millis = (System.nanoTime() - unavailableSince) / 1_000_000;
      unavailableSince = 0;
      LOG.info("Journal storage is back after {} ms; entries up to sequence {} are durable, "
          + "writes resume", millis, durableSequence);
    }
  }

  private void storageFailed(IOException error, long batchLast) throws IOException {
    if (failure != null) {
      throw failure;
    }
    storageError = error;
    if (unavailableSince == 0) {
      unavailableSince = System.nanoTime();
      outages.increment();
      LOG.warn("Journal storage failed with entries {} to {} not yet durable ({}); holding "
          + "them and retrying, writers wait up to {} ms", durableSequence + 1, batchLast,
          error.toString(), storageTimeoutNanos / 1_000_000);
    }
  }

  /** Pauses and reopens until the roller gives a file; returns the next pause. */
  private long reopenWithRetries(long pause) throws IOException {
    while (true) {
      awaitRetry(pause);
      pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MILLIS);
      try {
        file = roller.reopen(file, durableSequence);
        return pause;
      } catch (JournalClosedException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        storageError = asIo(e);
        LOG.debug("Reopening the journal file failed: {}", e.toString());
      }
    }
  }

  /**
   * Sleeps before a retry; gives up (failing the log) once the log is closing and the storage
   * has been failing for longer than the timeout, so that a stop is never held forever.
   */
  private void awaitRetry(long pauseMillis) throws IOException {
    lock.lock();
    try {
      if (failure != null) {
        throw failure;
      }
      if (closing && System.nanoTime() - unavailableSince > storageTimeoutNanos) {
        throw new JournalClosedException("the journal closed while its storage was failing; "
            + "entries after sequence " + durableSequence + " were never acknowledged and are "
            + "not written: " + (storageError == null ? "" : storageError.getMessage()));
      }
      wake.await(pauseMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalClosedException("interrupted while the journal storage was failing", e);
    } finally {
      lock.unlock();
    }
  }

  /** Fails the log: no more appends, every waiter gets {@code cause}. */
  public void fail(IOException cause) {
    lock.lock();
    try {
      if (failure == null) {
        failure = cause;
      }
      writingBatch.durable.failed(failure);
      fillingBatch.durable.failed(failure);
      failBetween(failure);
      spaceAvailable.signalAll();
      dataAvailable.signalAll();
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void checkOpen() throws JournalClosedException {
    if (failure != null) {
      throw new JournalClosedException("the journal failed and accepts no writes: "
          + failure.getMessage(), failure);
    }
    if (closing) {
      throw new JournalClosedException("the journal is closed");
    }
  }

  private static ByteBuffer grow(ByteBuffer buffer, int needed) {
    long size = Math.max((long) buffer.capacity() * 2, (long) buffer.position() + needed);
    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size));
    buffer.flip();
    return bigger.put(buffer);
  }

  public long lastSequence() {
    lock.lock();
    try {
      return lastSequence;
    } finally {
      lock.unlock();
    }
  }

  public long durableSequence() {
    return durableSequence;
  }

  public IOException failure() {
    return failure;
  }

  /** Ends the pause before the next retry, if the log is retrying: a storage became available. */
  public void retryNow() {
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The storage's last error while it is failing and the log retries; empty when it is not. */
  public Optional<IOException> storageProblem() {
    return unavailableSince == 0 ? Optional.empty() : Optional.ofNullable(storageError);
  }

  /** How many times the storage began failing and the log held writes until it came back. */
  public long outages() {
    return outages.sum();
  }

  /** The file the sync thread writes; valid only after {@link #close()}. */
  public AppendableFile file() {
    return file;
  }

  /** Syncs what was appended, stops the sync thread. Appends after this fail. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      closing = true;
      dataAvailable.signalAll();
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      syncThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalClosedException("interrupted while closing the journal", e);
    }
    if (failure != null) {
      throw new JournalClosedException("the journal had failed: " + failure.getMessage(), failure);
    }
  }

  /** Entries written and synced together, and the latch their writers wait on. */
  private static final class Batch {
    final BatchLatch durable = new BatchLatch();
    /** Set when the batch is sealed for writing, before it is published as the writing batch. */
    long lastSequence;
    /** The batch after this one; set before this is published as the writing batch. */
    Batch next;
  }

  /**
   * What the sync thread wrote: batches, entries and bytes, and an optional observer told of each
   * durable batch (the journal's metrics). Fewer batches than entries means syncs were shared.
   */
  public static final class BatchStats {
    /** Told of each durable batch on the sync thread: must be quick and must not throw. */
    public interface Observer {
      /**
       * @param entries entries the batch made durable
       * @param bytes bytes written for them
       * @param syncNanos how long the storage's sync (fsync, COMMIT or hsync) took
       */
      void batchDurable(long entries, long bytes, long syncNanos);
    }

    private final LongAdder batches = new LongAdder();
    private final LongAdder entries = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private volatile Observer observer;
    private final AtomicBoolean observerFailed = new AtomicBoolean();

    void record(long batchEntries, long batchBytes, long syncNanos) {
      batches.increment();
      entries.add(batchEntries);
      bytes.add(batchBytes);
      Observer current = observer;
      if (current != null) {
        try {
          current.batchDurable(batchEntries, batchBytes, syncNanos);
        } catch (RuntimeException | LinkageError e) {
          // a metrics failure must never fail a durable batch; said once, not once per batch
          if (observerFailed.compareAndSet(false, true)) {
            LOG.warn("Journal metrics are not recorded: {}", e.toString());
          }
        }
      }
    }

    /** Sets (or, with null, removes) the observer of durable batches. */
    public void observe(Observer observer) {
      this.observer = observer;
      observerFailed.set(false);
    }

    public long batches() {
      return batches.sum();
    }

    /** Entries made durable by the sync thread since the journal opened. */
    public long entries() {
      return entries.sum();
    }

    /** Bytes the sync thread wrote and synced since the journal opened. */
    public long bytes() {
      return bytes.sum();
    }
  }
}
