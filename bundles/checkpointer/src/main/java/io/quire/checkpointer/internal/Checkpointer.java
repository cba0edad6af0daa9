package io.quire.checkpointer.internal;

import io.quire.checkpointer.CheckpointerMXBean;
import io.quire.journal.CheckpointInfo;
import io.quire.journal.Journal;
import io.quire.journal.JournalStatus;
import io.quire.journal.StateSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to checkpoint and keeps the record an operator reads.
 *
 * <p>{@link #tick()} runs on the checkpointer's own thread a few times a second: once the
 * journal holds {@code period} entries after its newest checkpoint, it writes one (through
 * {@link Journal#checkpoint}, which also deletes what the checkpoint makes unnecessary). A
 * failed attempt is an ERROR and {@link #getLastFailure()}, and is retried with a growing pause
 * (up to a minute) rather than on every tick. While a checkpoint has been due for longer than
 * {@code overdueAfter}, {@link #isOverdue()} is true and a WARN repeats once per
 * {@code overdueAfter}: a master that has stopped checkpointing says so. Every few seconds the
 * tick also lets the journal pick up checkpoints another master (a secondary) wrote.
 *
 * <p>Writes never wait for any of this: the state snapshot is immutable and taking it costs a
 * volatile read.
 */
final class Checkpointer implements CheckpointerMXBean {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofMinutes(1);
  private static final Duration CLEAN_UP_EVERY = Duration.ofSeconds(5);

  private final Journal journal;
  private final StateSource source;
  private final long period;
  private final Duration overdueAfter;
  private final Clock clock;
  private final boolean primary;
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicLong written = new AtomicLong();
  private volatile Listener listener;
  private volatile boolean inProgress;
  private volatile long lastDurationMillis = -1;
  private volatile String lastFailure = "";
  private volatile boolean overdue;
  private volatile boolean deferring;
  private volatile long lastWrittenSequence = -1;
  // the newest checkpoint when this master started: its own from before a restart, or anyone's
  private long newestAtStart = -1;
  // the tick's own bookkeeping, confined to the checkpointer's thread
  private Instant dueSince;
  private Instant nextAttempt = Instant.MIN;
  private Duration retryPause = FIRST_RETRY;
  private Instant lastOverdueWarning = Instant.MIN;
  private Instant nextCleanUp = Instant.MIN;

  /**
   * Told of each checkpoint attempt that wrote one or failed, with how long it took from the
   * snapshot to the checked file (an attempt the newest checkpoint already covered is neither).
   */
  interface Listener {
    void checkpointWritten(long nanos);

    void checkpointFailed(long nanos);
  }

  /**
   * @param primary whether this master writes the journal: then, while the newest checkpoint
   *     is one it did not write (a secondary master's), it leaves checkpoints to that one and
   *     writes its own only at twice the period, so that the journal stays bounded if the
   *     secondary stops
   */
  /** The journal's folder when {@link #newestAtStart} was taken. */
  private String folder;

  Checkpointer(Journal journal, StateSource source, long period, Duration overdueAfter,
      Clock clock, boolean primary) {
    this.journal = journal;
    this.primary = primary;
    this.source = source;
    this.period = period;
    this.overdueAfter = overdueAfter;
    this.clock = clock;
  }

  /** One look at the journal: checkpoint if due, watch for overdue, pick up others' work. */
  void tick() {
    JournalStatus status = journal.status();
    if (status.failure() != null) {
      return; // the journal stopped; the master reports why
    }
    Instant now = clock.instant();
    CheckpointInfo newest = status.lastCheckpoint();
    if (newestAtStart < 0 || !status.folder().equals(folder)) {
      // at start, and after the journal moved to another folder (whose first checkpoint the
      // move wrote, for this master): what is there now is no other master's
      newestAtStart = newest == null ? 0 : newest.sequence();
      folder = status.folder();
    }
    // a checkpoint that appeared while this master runs and that it did not write: a secondary's
    boolean defer = primary && newest != null && newest.sequence() > newestAtStart
        && newest.sequence() != lastWrittenSequence;
    if (defer != deferring) {
      deferring = defer;
      LOG.info(defer ? "Checkpoint {} was written by another master (a secondary): this master "
          + "writes its own only after twice the period" : "Checkpoints are this master's again "
          + "(the newest, {}, is its own)", newest == null ? "none" : newest.name());
    }
    long due = defer ? 2 * period : period;
    if (status.entriesSinceCheckpoint() < due) {
      dueSince = null;
    } else {
      if (dueSince == null) {
        dueSince = now;
      }
      if (!now.isBefore(nextAttempt)) {
        attempt(status, now);
      }
    }
    watchOverdue(now);
    if (!now.isBefore(nextCleanUp)) {
      nextCleanUp = now.plus(CLEAN_UP_EVERY);
      try {
        journal.cleanUp();
      } catch (IOException e) {
        LOG.warn("Journal clean-up failed, retrying in {} s: {}", CLEAN_UP_EVERY.toSeconds(),
            e.getMessage());
      }
    }
  }

  private void attempt(JournalStatus status, Instant now) {
    try {
      write((deferring ? "twice the period of " : "period of ") + period + " entries reached: "
          + status.entriesSinceCheckpoint() + " entries since the last checkpoint");
      dueSince = null;
      retryPause = FIRST_RETRY;
      nextAttempt = Instant.MIN;
    } catch (IOException | RuntimeException e) {
      nextAttempt = now.plus(retryPause);
      LOG.error("Checkpoint failed; next attempt in {} s", retryPause.toSeconds(), e);
      retryPause = retryPause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY
          : retryPause.multipliedBy(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void watchOverdue(Instant now) {
    boolean late = dueSince != null && Duration.between(dueSince, now).compareTo(overdueAfter) > 0;
    if (late && !Duration.between(lastOverdueWarning, now).minus(overdueAfter).isNegative()) {
      lastOverdueWarning = now;
      JournalStatus status = journal.status();
      LOG.warn("Checkpoints are overdue: {} entries since the last checkpoint (period {}), a "
          + "checkpoint has been due since {} and none was written{}", status.entriesSinceCheckpoint(),
          period, dueSince, lastFailure.isEmpty() ? "" : "; last failure: " + lastFailure);
    }
    if (!late && overdue) {
      LOG.info("Checkpoints are no longer overdue");
      lastOverdueWarning = Instant.MIN;
    }
    overdue = late;
  }

  /** Tells the listener (the metrics); its failure never changes the checkpoint's outcome. */
  private void tell(Consumer<Listener> event) {
    Listener told = listener;
    if (told == null) {
      return;
    }
    try {
      event.accept(told);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Checkpoint metrics were not recorded: {}", e.toString());
    }
  }

  /** Writes a checkpoint of the state now; one at a time. */
  private CheckpointInfo write(String why) throws IOException, InterruptedException {
    writing.lockInterruptibly();
    inProgress = true;
    long start = System.nanoTime();
    try {
      CheckpointInfo before = journal.status().lastCheckpoint();
      CheckpointInfo info = journal.checkpoint(source.snapshot());
      if (before == null || info.sequence() > before.sequence()) {
        lastWrittenSequence = info.sequence();
        written.incrementAndGet();
        lastDurationMillis = info.durationMillis();
        LOG.info("Checkpoint at sequence {} ({}): {} inodes, {} bytes, {} ms", info.sequence(),
            why, info.entries(), info.bytes(), info.durationMillis());
        tell(told -> told.checkpointWritten(System.nanoTime() - start));
      }
      lastFailure = "";
      return info;
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      lastFailure = message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
      tell(told -> told.checkpointFailed(System.nanoTime() - start));
      throw e;
    } finally {
      inProgress = false;
      writing.unlock();
    }
  }

  /**
   * Tells {@code listener} (null: no one) of each checkpoint this master writes or fails to
   * write, on the writing thread.
   */
  void observe(Listener listener) {
    this.listener = listener;
  }

  @Override
  public long checkpoint() throws Exception {
    try {
      return write("requested").sequence();
    } catch (IOException | RuntimeException e) {
      LOG.error("Requested checkpoint failed", e);
      // MXBean clients see only JDK types: keep the reason, drop the cause's class
      throw new Exception("checkpoint failed: " + lastFailure);
    }
  }

  @Override
  public long getPeriodEntries() {
    return period;
  }

  @Override
  public long getLastCheckpointSequenceNumber() {
    CheckpointInfo last = journal.status().lastCheckpoint();
    return last == null ? 0 : last.sequence();
  }

  @Override
  public String getLastCheckpointTime() {
    CheckpointInfo last = journal.status().lastCheckpoint();
    return last == null ? "" : Instant.ofEpochMilli(last.createdMillis()).toString();
  }

  @Override
  public long getLastCheckpointAgeSeconds() {
    CheckpointInfo last = journal.status().lastCheckpoint();
    return last == null ? -1 : Math.max(0, (clock.millis() - last.createdMillis()) / 1000);
  }

  @Override
  public long getLastCheckpointDurationMillis() {
    return lastDurationMillis;
  }

  @Override
  public long getLastCheckpointBytes() {
    CheckpointInfo last = journal.status().lastCheckpoint();
    return last == null ? 0 : last.bytes();
  }

  @Override
  public long getEntriesSinceCheckpoint() {
    return journal.status().entriesSinceCheckpoint();
  }

  @Override
  public long getCheckpointsWritten() {
    return written.get();
  }

  @Override
  public boolean isInProgress() {
    return inProgress;
  }

  @Override
  public boolean isOverdue() {
    return overdue;
  }

  @Override
  public boolean isDeferringToSecondary() {
    return deferring;
  }

  @Override
  public String getLastFailure() {
    return lastFailure;
  }
}
