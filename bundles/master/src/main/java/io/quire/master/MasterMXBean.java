package io.quire.master;

/**
 * {@code quire:type=Master}: the master's role and namespace. Times are ISO-8601 strings in UTC,
 * empty while the event has not happened.
 */
public interface MasterMXBean {
  /** {@link Role} name: {@code PRIMARY}, {@code STANDBY} or {@code SECONDARY}. */
  String getRole();

  /** {@code RECOVERING}, {@code SERVING}, {@code FAILED} or {@code STOPPED}. */
  String getState();

  /** Why the master failed; empty unless {@link #getState()} is {@code FAILED}. */
  String getFailure();

  /** Inodes in the namespace, the root directory included. */
  long getInodeCount();

  /** Sequence number of the last journal entry applied to the namespace. */
  long getLastAppliedSequenceNumber();

  /** When this master component started. */
  String getStartTime();

  /** When recovery finished and the master began to serve clients. */
  String getServingSince();

  /** Journal entries replayed by the last recovery. */
  long getEntriesReplayed();

  /** How long the last recovery took. */
  long getRecoveryMillis();
}
