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

  /**
   * A secondary master: milliseconds since its reading of the primary's journal last reached
   * the end of the logs (a few hundred while it keeps up); 0 on other roles.
   */
  long getFollowLagMillis();

  /**
   * A secondary master whose {@link #getFollowLagMillis()} passed 30 s, because reading failed,
   * stalled or cannot keep up; also logged as a WARN. Always false on other roles.
   */
  boolean isFallingBehind();

  /** Why a secondary master's reading of the journal stopped or failed; empty while it reads. */
  String getFollowProblem();
}
