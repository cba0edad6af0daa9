package io.quire.journal.internal;

import io.quire.journal.EntryConsumer;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Reads the segments a recovery needs on a thread of its own, ahead of the thread that applies
 * their entries. Reading a segment (I/O, framing, a CRC32C per record, sequence checks) costs
 * about a quarter of a replay's time on one core; with the reading on another core, a restart
 * pays for the applying only, and the reading of the logs overlaps the load of the checkpoint
 * before them.
 *
 * <p>The reader thread checks each record exactly as {@link SegmentReader} always did and copies
 * the valid ones into batches; the applying thread takes the batches in order and hands each
 * entry on as a slice of its batch, then takes the segment's {@link SegmentReader.Outcome} and
 * decides about it as before (cut a torn tail, report corruption). The reader stops after a
 * segment that failed, since a failure ends the recovery or is the journal's last segment.
 *
 * <p>Bounded: the batches read and not yet applied hold at most {@link #BUDGET_BYTES} (their
 * arrays counted whole); the reader waits for the applier beyond that. Batches of the usual size
 * are reused. {@link #close} stops the reader wherever it is (the applier failed, was cancelled,
 * or is done), interrupting a wait in the storage (an HDFS lease recovery of the open log), and
 * waits for it, so no thread or open file outlives the recovery.
 */
final class ReadAhead implements AutoCloseable {

  /** One segment to read, in the order of the plan. */
  record Planned(SegmentInfo segment, boolean recoverFirst) {}

  /** What reading a segment came to: the reader (name, size) and where and why it stopped. */
  record Read(SegmentReader reader, SegmentReader.Outcome outcome) {}

  static final int BATCH_BYTES = 256 * 1024;
  static final int BUDGET_BYTES = 64 << 20;

  /** Records per usual batch; a batch of entries shorter than 32 bytes fills by count first. */
  private static final int MAX_RECORDS = BATCH_BYTES / 32;
  /** The reader thread's last word: nothing follows. */
  private static final Object END = new Object();

  private final JournalStorage storage;
  private final UUID clusterId;
  private final List<Planned> plan;
  private final long base;
  private final BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
  private final BlockingQueue<Batch> free = new LinkedBlockingQueue<>();
  private final int budgetKib;
  private final Semaphore room; // in KiB of batches read and not yet applied
  private final Thread reader;
  private volatile boolean closed;
  private Batch filling; // the reader thread's
  private int next; // the applier's: index of the next planned segment

  /**
   * Starts reading {@code plan} at once.
   *
   * @param base entries up to this sequence number are checked but not handed on (a
   *     checkpoint covers them)
   */
  ReadAhead(JournalStorage storage, UUID clusterId, List<Planned> plan, long base) {
    this(storage, clusterId, plan, base, BUDGET_BYTES);
  }

  ReadAhead(JournalStorage storage, UUID clusterId, List<Planned> plan, long base,
      int budgetBytes) {
    this.storage = storage;
    this.clusterId = clusterId;
    this.plan = List.copyOf(plan);
    this.base = base;
    this.budgetKib = Math.max(1, budgetBytes >> 10);
    this.room = new Semaphore(budgetKib);
    this.reader = new Thread(this::readAll, "quire-journal-read-ahead");
    reader.setDaemon(true);
    reader.start();
  }

  /** For tests: what the reader thread is doing (WAITING for room, TERMINATED when done). */
  Thread.State readerState() {
    return reader.getState();
  }

  /** For tests: the bytes of the batches read and not yet taken, their arrays counted whole. */
  long bytesQueued() {
    return ready.stream().filter(Batch.class::isInstance)
        .mapToLong(item -> (long) ((Batch) item).footprintKib() << 10).sum();
  }

  /**
   * Hands the entries of the plan's next segment, which must be {@code segment}, to
   * {@code consumer}, and returns how reading it ended.
   *
   * @throws IOException what reading it threw (the storage's failure, unchanged)
   */
  Read replay(SegmentInfo segment, EntryConsumer consumer) throws IOException {
    if (next >= plan.size() || !plan.get(next).segment().equals(segment)) {
      throw new IllegalStateException("read ahead " + plan + " but asked for " + segment
          + " as segment " + next);
    }
    next++;
    while (true) {
      Object item = take();
      if (item instanceof Batch batch) {
        try {
          batch.replay(consumer);
        } finally {
          int permits = batch.permits;
          if (batch.pooled()) {
            free.add(batch.reset());
          }
          room.release(permits);
        }
      } else if (item instanceof Read read) {
        return read;
      } else if (item instanceof IOException e) {
        throw handedOver(e);
      } else if (item instanceof RuntimeException e) {
        throw handedOver(e);
      } else if (item instanceof Error e) {
        throw handedOver(e);
      } else {
        // the reader stops after a segment that failed, which ends a recovery
        throw new IllegalStateException("the journal's reader stopped before " + segment);
      }
    }
  }

  /**
   * The reader's failure, unchanged (callers tell a vanished file from other failures by its
   * type), with this thread's stack added: the failure's own stack is the reader thread's.
   */
  private static <T extends Throwable> T handedOver(T failure) {
    failure.addSuppressed(new ReaderFailure(Thread.currentThread().getName()));
    return failure;
  }

  /** Where the reader's failure reached the recovering thread. */
  private static final class ReaderFailure extends Exception {
    ReaderFailure(String thread) {
      super("rethrown on thread " + thread + " by the journal's read-ahead");
    }
  }

  private Object take() throws InterruptedIOException {
    try {
      return ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the journal's reader");
    }
  }

  /**
   * Stops the reader thread if it still runs, and waits until it has. The reader is
   * interrupted: whatever it was doing, nobody waits for it any more.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      room.release(budgetKib); // a reader waiting for room wakes and sees closed
      reader.interrupt();
    }
    boolean interrupted = false;
    while (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void readAll() {
    try {
      for (Planned planned : plan) {
        SegmentInfo segment = planned.segment();
        if (planned.recoverFirst()) {
          // a log the last writer left open may not have a readable length until it is
          // recovered (HDFS, after a DataNode restart)
          storage.recover(segment.name());
        }
        SegmentReader segmentReader = new SegmentReader(storage, segment.name());
        SegmentReader.Outcome outcome = segmentReader.read(segment.first(), clusterId,
            segment.open(), this::add);
        handOver();
        ready.add(new Read(segmentReader, outcome));
        if (outcome.failure() != null) {
          return;
        }
      }
    } catch (Closed stop) {
      // the applier gave up: nobody waits for the rest
    } catch (IOException | RuntimeException | Error e) {
      if (!closed) {
        ready.add(e); // the applier throws it (an Error too: it is the applier's to handle)
      }
    } finally {
      ready.add(END);
    }
  }

  /** The reader thread's consumer: copies a checked record into the batch being filled. */
  private void add(long sequence, ByteBuffer entry) {
    if (sequence <= base) {
      if (closed) {
        throw new Closed();
      }
      return;
    }
    int length = entry.remaining();
    if (filling != null && !filling.fits(length)) {
      handOver();
    }
    if (filling == null) {
      filling = nextBatch(length);
    }
    filling.add(sequence, entry);
  }

  /** A batch for an entry of {@code length} bytes, once there is room for it. */
  private Batch nextBatch(int length) {
    Batch batch = length > BATCH_BYTES ? new Batch(length, 1) : free.poll();
    if (batch == null) {
      batch = new Batch(BATCH_BYTES, MAX_RECORDS);
    }
    // a batch larger than the whole budget waits until nothing else is read ahead
    batch.permits = Math.min(budgetKib, batch.footprintKib());
    try {
      room.acquire(batch.permits);
    } catch (InterruptedException e) {
      throw new Closed(); // only close() interrupts the reader
    }
    if (closed) {
      throw new Closed();
    }
    return batch;
  }

  private void handOver() {
    if (closed) {
      throw new Closed();
    }
    if (filling != null) {
      ready.add(filling);
      filling = null;
    }
  }

  /** Unwinds the reader thread out of {@link SegmentReader#read} once the applier has left. */
  private static final class Closed extends RuntimeException {
    Closed() {
      super(null, null, false, false);
    }
  }

  /** Consecutive entries of one segment, copied out of the reader's buffer. */
  private static final class Batch {
    private final byte[] bytes;
    private final int[] ends;
    private long firstSequence;
    private int records;
    private int used;
    int permits; // of the budget, while the batch is read ahead

    Batch(int capacity, int maxRecords) {
      bytes = new byte[capacity];
      ends = new int[maxRecords];
    }

    int footprintKib() {
      return (int) (((long) bytes.length + 4L * ends.length + 1023) >> 10);
    }

    boolean pooled() {
      return bytes.length == BATCH_BYTES;
    }

    boolean fits(int length) {
      return records < ends.length && used + length <= bytes.length;
    }

    void add(long sequence, ByteBuffer entry) {
      if (records == 0) {
        firstSequence = sequence;
      }
      int length = entry.remaining();
      entry.get(entry.position(), bytes, used, length);
      used += length;
      ends[records++] = used;
    }

    void replay(EntryConsumer consumer) throws IOException {
      int start = 0;
      for (int i = 0; i < records; i++) {
        consumer.accept(firstSequence + i, ByteBuffer.wrap(bytes, start, ends[i] - start).slice());
        start = ends[i];
      }
    }

    Batch reset() {
      records = 0;
      used = 0;
      return this;
    }
  }
}
