package io.quire.journal;

import java.io.IOException;
import java.util.Optional;

/**
 * The write-ahead journal of one master.
 *
 * <p>Life cycle: {@link #recover} once (takes the folder's holder lease, replays, repairs a torn
 * tail), then any number of {@link #append} and {@link #awaitDurable} calls from any thread, then
 * {@link #close()}. A mutation is acknowledged to a client only after {@code awaitDurable} for
 * its sequence number has returned.
 */
public interface Journal extends AutoCloseable {

  /**
   * Takes the folder's holder lease, loads the newest good checkpoint into {@code target},
   * streams every later entry to it in sequence order, repairs a torn tail, and opens the
   * journal for appends.
   *
   * @throws JournalHeldException another live master holds the folder
   * @throws NotFormattedException the folder holds no format marker
   * @throws CorruptJournalException an entry failed its checks somewhere other than the tail, or
   *     the entries after the checkpoint loaded are not all there
   */
  RecoveryResult recover(RecoveryTarget target) throws IOException;

  /**
   * {@link #recover(RecoveryTarget)} for a reader of entries only (tools, benchmarks, a new
   * journal): fails if the folder holds a checkpoint.
   */
  default RecoveryResult recover(EntryConsumer consumer) throws IOException {
    return recover(RecoveryTarget.entriesOnly(consumer));
  }

  /**
   * Before {@link #recover}: makes a journal that holds nothing yet (just formatted: no entry,
   * no checkpoint) start from {@code state} instead, by writing it as the journal's first
   * checkpoint, so that {@code recover} loads it and appends after its sequence number; a
   * restart keeps it. Takes the holder lease, which {@code recover} then keeps. A failure
   * while {@code state} is written (a damaged backup) leaves the journal as it was.
   *
   * @return empty when imported; otherwise why the journal is not empty (nothing was changed)
   * @throws UnsupportedOperationException this journal only follows
   */
  default Optional<String> importState(StateSnapshot state) throws IOException {
    throw new UnsupportedOperationException("this journal follows another master's; it does "
        + "not import");
  }

  /**
   * For the writer only: moves the running journal to {@code target}, another (empty) folder,
   * on any backend. Writes go on while the state in {@code snapshot} is written there as its
   * first checkpoint; then, between two batches, the entries after it are copied over, this
   * folder gets a moved record ({@value JournalFormat#MOVED}, the switch), and later entries go
   * to {@code target} only. This folder stays a valid journal up to the switch, and no master
   * starts on it while the moved record is there. A failure before the switch leaves the
   * journal where it was.
   *
   * @param snapshot the journal's state now (its owner's), at or after the last durable entry
   * @return what the moved record says
   * @throws UnsupportedOperationException this journal only follows
   */
  default JournalMoved moveTo(io.quire.journal.storage.JournalStorage target,
      StateSnapshot snapshot) throws IOException, InterruptedException {
    throw new UnsupportedOperationException("this journal follows another master's; it does "
        + "not move");
  }

  /**
   * For a follower only (a secondary master, whose journal reads a folder another master
   * writes): hands {@code target} the entries appended since {@link #recover} or the last call,
   * up to what the logs hold now. If the logs no longer hold the next entry, resets the target
   * and loads it again from the newest checkpoint.
   *
   * @throws CorruptJournalException a sealed log file fails its checks
   * @throws UnsupportedOperationException this journal is the writer
   */
  default FollowProgress follow(RecoveryTarget target) throws IOException {
    throw new UnsupportedOperationException("this journal is the writer; it does not follow");
  }

  /**
   * Writes a checkpoint of {@code snapshot} once every entry it covers is durable, checks it by
   * reading it back, then deletes what the checkpoints kept make unnecessary (see
   * {@link #cleanUp}). Does not pause appends. Returns the newest checkpoint without writing
   * one if that already covers {@code snapshot}'s sequence number.
   */
  CheckpointInfo checkpoint(StateSnapshot snapshot) throws IOException, InterruptedException;

  /**
   * Applies the retention rule to the checkpoints in the folder, including those another master
   * (a secondary) wrote: keeps the two newest good checkpoints and every log after the older of
   * them, so that a damaged newest checkpoint can still fall back without loss; deletes older
   * logs and checkpoints; renames a checkpoint that fails its checks to {@code .corrupt}.
   */
  void cleanUp() throws IOException;

  /**
   * Numbers {@code entry} and queues it for the next sync. Cheap: no I/O happens on the calling
   * thread. The caller must serialize appends with the state changes they describe, so that
   * sequence order is the order of application.
   *
   * @return the entry's sequence number
   * @throws JournalClosedException the journal failed or was closed; nothing was queued
   */
  long append(byte[] entry) throws IOException;

  /**
   * Blocks until every entry up to {@code sequence} is durable. Concurrent callers share syncs.
   *
   * @throws IOException the sync failed; the journal is now failed and no later entry is durable
   */
  void awaitDurable(long sequence) throws IOException, InterruptedException;

  /** The folder's format marker: cluster id and format version. */
  FormatMarker format();

  /** A point-in-time view for operators. */
  JournalStatus status();

  /** Stops accepting appends, syncs what was appended, releases the holder lease. */
  @Override
  void close() throws IOException;
}
