package io.quire.journal;

import java.io.IOException;

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
   * Takes the folder's holder lease, streams every stored entry to {@code consumer} in sequence
   * order, repairs a torn tail, and opens the journal for appends.
   *
   * @throws JournalHeldException another live master holds the folder
   * @throws NotFormattedException the folder holds no format marker
   * @throws CorruptJournalException an entry failed its checks somewhere other than the tail
   */
  RecoveryResult recover(EntryConsumer consumer) throws IOException;

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
