package io.quire.checkpointer;

/**
 * {@code quire:type=Checkpointer}: when checkpoints are taken, the newest one, and whether they
 * keep up. Times are ISO-8601 in UTC, empty while there is none.
 */
public interface CheckpointerMXBean {

  /** A checkpoint is written once this many entries follow the newest one. */
  long getPeriodEntries();

  /** Sequence number of the newest good checkpoint in the journal folder; 0 while none. */
  long getLastCheckpointSequenceNumber();

  /** When the newest checkpoint was written. */
  String getLastCheckpointTime();

  /** Seconds since the newest checkpoint was written; -1 while there is none. */
  long getLastCheckpointAgeSeconds();

  /** How long this master's last checkpoint took to write and check; -1 before its first. */
  long getLastCheckpointDurationMillis();

  /** Size of the newest checkpoint file. */
  long getLastCheckpointBytes();

  /** Journal entries after the newest checkpoint. */
  long getEntriesSinceCheckpoint();

  /** Checkpoints this master has written since it started. */
  long getCheckpointsWritten();

  boolean isInProgress();

  /**
   * True while a checkpoint has been due (at least {@link #getPeriodEntries()} entries since
   * the newest) for longer than {@code quire.checkpoint.overdue.after} without one being written.
   */
  boolean isOverdue();

  /**
   * True on a primary while the newest checkpoint is one another master (a secondary) wrote:
   * this master then checkpoints only at twice the period, as a fall-back.
   */
  boolean isDeferringToSecondary();

  /** Why the last attempt failed; empty once one has succeeded since. */
  String getLastFailure();

  /**
   * Writes a checkpoint now (or returns the newest one if it already covers every entry).
   *
   * @return its sequence number
   */
  long checkpoint() throws Exception;
}
