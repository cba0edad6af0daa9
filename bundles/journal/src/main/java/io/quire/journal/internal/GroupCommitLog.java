package io.quire.journal.internal;

import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFormat;
import io.quire.journal.storage.AppendableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: appenders fill one buffer while a single sync thread writes and syncs the other.
 *
 * <p>Each appender pays for one sync at most, however many others append at the same time: while
 * the sync thread forces batch N, appenders fill batch N+1, and the next force covers all of
 * them. Each batch carries a future that the sync thread completes once the batch is durable;
 * a waiter parks on its batch's future, so a sync wakes exactly the writers it covers, each
 * directly, with no lock to re-acquire (a {@code signalAll} on one lock would make 64 woken
 * writers queue for it one after another).
 *
 * <p>Invariant: every entry up to {@code durableSequence} has been synced to the storage. Once a
 * write or sync fails, the log is failed for good (an fsync error may have dropped dirty pages;
 * retrying could acknowledge data that is not on disk) and every waiter and later appender gets
 * the failure.
 */
public final class GroupCommitLog implements AutoCloseable {

  /** Called by the sync thread after a batch is durable: may seal and start segments. */
  public interface Roller {
    /** @return the file to write the next batch to (the same one unless it rolled) */
    AppendableFile afterSync(AppendableFile current, long durableSequence) throws IOException;
  }

  private static final int INITIAL_BUFFER = 1 << 16;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition dataAvailable = lock.newCondition();
  private final Condition spaceAvailable = lock.newCondition();
  private final long maxPendingBytes;
  private final Roller roller;
  private final Thread syncThread;
  private final BatchStats stats = new BatchStats();

  private ByteBuffer filling = ByteBuffer.allocate(INITIAL_BUFFER);
  private ByteBuffer writing = ByteBuffer.allocate(INITIAL_BUFFER);
  private Batch fillingBatch = new Batch();
  private Batch writingBatch = new Batch();
  private AppendableFile file;
  private long lastSequence;
  private volatile long durableSequence;
  private volatile IOException failure;
  private boolean closing;

  public GroupCommitLog(AppendableFile file, long lastSequence, long maxPendingBytes,
      Roller roller) {
    this.file = file;
    this.lastSequence = lastSequence;
    this.durableSequence = lastSequence;
    this.maxPendingBytes = maxPendingBytes;
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
    lock.lock();
    try {
      while (filling.position() + bytes > maxPendingBytes && filling.position() > 0
          && failure == null && !closing) {
        spaceAvailable.awaitUninterruptibly();
      }
      checkOpen();
      if (filling.remaining() < bytes) {
        filling = grow(filling, bytes);
      }
      long sequence = ++lastSequence;
      RecordEncoder.putRecord(filling, sequence, entry);
      fillingBatch.lastSequence = sequence;
      dataAvailable.signal();
      return sequence;
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until {@code sequence} is durable or the log failed. */
  public void awaitDurable(long sequence) throws IOException, InterruptedException {
    if (durableSequence >= sequence) {
      return;
    }
    CompletableFuture<Void> batchDurable;
    lock.lock();
    try {
      if (durableSequence >= sequence) {
        return;
      }
      if (sequence > lastSequence) {
        throw new IllegalArgumentException("sequence " + sequence + " was never appended (last "
            + lastSequence + ")");
      }
      // entries after durableSequence are in the batch being synced or in the one filling
      batchDurable = sequence <= writingBatch.lastSequence ? writingBatch.durable
          : fillingBatch.durable;
    } finally {
      lock.unlock();
    }
    try {
      batchDurable.get();
    } catch (ExecutionException e) {
      throw new JournalClosedException("journal entry " + sequence + " is not durable: "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  private void runSyncLoop() {
    try {
      while (true) {
        long batchLast;
        lock.lock();
        try {
          while (filling.position() == 0 && !closing && failure == null) {
            dataAvailable.awaitUninterruptibly();
          }
          if (failure != null || (filling.position() == 0 && closing)) {
            fillingBatch.durable.completeExceptionally(new JournalClosedException(
                "the journal closed"));
            return;
          }
          ByteBuffer full = filling;
          filling = writing;
          writing = full;
          writingBatch = fillingBatch;
          fillingBatch = new Batch();
          batchLast = lastSequence;
          spaceAvailable.signalAll();
        } finally {
          lock.unlock();
        }
        writeAndSync(batchLast);
      }
    } catch (IOException | RuntimeException e) {
      fail(e instanceof IOException io ? io : new IOException(e));
    }
  }

  private void writeAndSync(long batchLast) throws IOException {
    writing.flip();
    file.append(writing);
    file.flush();
    file.sync();
    stats.record();
    writing.clear();
    durableSequence = batchLast;
    writingBatch.durable.complete(null);
    file = roller.afterSync(file, batchLast);
  }

  /** Fails the log: no more appends, every waiter gets {@code cause}. */
  public void fail(IOException cause) {
    lock.lock();
    try {
      if (failure == null) {
        failure = cause;
      }
      writingBatch.durable.completeExceptionally(failure);
      fillingBatch.durable.completeExceptionally(failure);
      spaceAvailable.signalAll();
      dataAvailable.signalAll();
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

  public BatchStats stats() {
    return stats;
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

  /** Entries written and synced together, and the future their writers wait on. */
  private static final class Batch {
    final CompletableFuture<Void> durable = new CompletableFuture<>();
    long lastSequence;
  }

  /** How many batches the sync thread wrote; fewer batches than entries means syncs were shared. */
  public static final class BatchStats {
    private final java.util.concurrent.atomic.LongAdder batches =
        new java.util.concurrent.atomic.LongAdder();

    void record() {
      batches.increment();
    }

    public long batches() {
      return batches.sum();
    }
  }
}
