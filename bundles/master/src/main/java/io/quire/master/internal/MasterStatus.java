package io.quire.master.internal;

import io.quire.journal.RecoveryResult;
import io.quire.master.MasterMXBean;
import io.quire.master.Role;
import java.time.Instant;

/** Backs {@code quire:type=Master}; written by {@link MasterService}, read by JMX threads. */
final class MasterStatus implements MasterMXBean {
  enum State { RECOVERING, SERVING, FAILED, STOPPED }

  private final Role role;
  private final Instant startTime;
  private final Namespace namespace;
  private volatile State state = State.RECOVERING;
  private volatile String failure = "";
  private volatile Instant servingSince;
  private volatile long entriesReplayed;
  private volatile long recoveryMillis;
  private volatile SecondaryFollower follower;

  MasterStatus(Role role, Instant startTime, Namespace namespace) {
    this.role = role;
    this.startTime = startTime;
    this.namespace = namespace;
  }

  void serving(RecoveryResult recovery, Instant since) {
    entriesReplayed = recovery.entriesReplayed();
    recoveryMillis = recovery.millis();
    servingSince = since;
    state = State.SERVING;
  }

  void following(SecondaryFollower follower) {
    this.follower = follower;
  }

  void failed(String reason) {
    failure = reason;
    state = State.FAILED;
  }

  void stopped() {
    if (state != State.FAILED) {
      state = State.STOPPED;
    }
  }

  @Override
  public String getRole() {
    return role.name();
  }

  @Override
  public String getState() {
    return state.name();
  }

  @Override
  public String getFailure() {
    return failure;
  }

  @Override
  public long getInodeCount() {
    return namespace.snapshot().inodeCount();
  }

  @Override
  public long getLastAppliedSequenceNumber() {
    return namespace.snapshot().lastAppliedSequence();
  }

  @Override
  public String getStartTime() {
    return startTime.toString();
  }

  @Override
  public String getServingSince() {
    Instant since = servingSince;
    return since == null ? "" : since.toString();
  }

  @Override
  public long getEntriesReplayed() {
    return entriesReplayed;
  }

  @Override
  public long getRecoveryMillis() {
    return recoveryMillis;
  }

  @Override
  public long getFollowLagMillis() {
    SecondaryFollower f = follower;
    return f == null ? 0 : f.lagMillis();
  }

  @Override
  public boolean isFallingBehind() {
    SecondaryFollower f = follower;
    return f != null && f.fallingBehind();
  }

  @Override
  public String getFollowProblem() {
    SecondaryFollower f = follower;
    return f == null ? "" : f.problem();
  }
}
