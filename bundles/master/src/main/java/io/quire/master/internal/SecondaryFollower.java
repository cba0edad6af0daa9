package io.quire.master.internal;

import io.quire.journal.FollowProgress;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secondary master's reading of the primary's logs: {@link #tick()} runs on its own thread a
 * few times a second and applies what the journal gained. It keeps what an operator needs to see
 * that the secondary keeps up: the lag (time since reading last reached the end of the logs),
 * and why reading stopped, if it did. Once the lag passes {@link #FALLING_BEHIND} a WARN says
 * so, repeated each time that much more passes; catching up again is an INFO.
 *
 * <p>After a failed read the next attempt waits, from 1 s doubling to a minute: a re-read from
 * the newest checkpoint is not free.
 */
final class SecondaryFollower {
  static final Duration FALLING_BEHIND = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(SecondaryFollower.class);
  private static final long FIRST_RETRY_MILLIS = 1_000;
  private static final long LAST_RETRY_MILLIS = 60_000;

  private final Namespace namespace;
  private final Clock clock;
  private volatile long caughtUpAt; // when the last read that reached the end of the logs began
  private volatile String problem = "";
  // confined to the following thread
  private long nextAttempt;
  private long retryMillis = FIRST_RETRY_MILLIS;
  private long lastWarning;

  SecondaryFollower(Namespace namespace, Clock clock) {
    this.namespace = namespace;
    this.clock = clock;
    this.caughtUpAt = clock.millis();
  }

  void tick() {
    long started = clock.millis();
    if (started < nextAttempt) {
      watch(started);
      return;
    }
    try {
      FollowProgress progress = namespace.follow();
      if (progress.stalled() == null) {
        caughtUpAt = started;
        if (!problem.isEmpty()) {
          LOG.info("Reading the journal again after: {}", problem);
        }
        problem = "";
      } else {
        problem = "reading stopped at a record that fails its checks, waiting for the primary: "
            + progress.stalled();
      }
      retryMillis = FIRST_RETRY_MILLIS;
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (problem.isEmpty()) {
        LOG.error("Secondary master cannot read the journal; retrying", e);
      }
      problem = message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
      nextAttempt = started + retryMillis;
      retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
    }
    watch(clock.millis());
  }

  private void watch(long now) {
    long lag = now - caughtUpAt;
    if (lag > FALLING_BEHIND.toMillis()) {
      if (now - lastWarning >= FALLING_BEHIND.toMillis()) {
        lastWarning = now;
        LOG.warn("Secondary master is falling behind: it last read to the end of the journal "
            + "{} s ago, at sequence {}{}", lag / 1000,
            namespace.snapshot().lastAppliedSequence(), problem.isEmpty() ? "" : "; " + problem);
      }
    } else if (lastWarning != 0) {
      lastWarning = 0;
      LOG.info("Secondary master caught up with the journal at sequence {}",
          namespace.snapshot().lastAppliedSequence());
    }
  }

  /** Milliseconds since a read that reached the end of the logs began. */
  long lagMillis() {
    return Math.max(0, clock.millis() - caughtUpAt);
  }

  boolean fallingBehind() {
    return lagMillis() > FALLING_BEHIND.toMillis();
  }

  /** Why reading stopped or failed; empty while it keeps up. */
  String problem() {
    return problem;
  }
}
