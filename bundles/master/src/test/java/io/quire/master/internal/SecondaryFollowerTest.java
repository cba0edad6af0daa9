package io.quire.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A secondary's namespace following a primary's journal, and what it reports when it cannot. */
class SecondaryFollowerTest {
  private final HandClock clock = new HandClock();
  private final MemoryJournal primaryJournal = new MemoryJournal();
  private final Namespace primary = new Namespace(primaryJournal, Clock.systemUTC());
  private final MemoryJournal secondaryJournal = MemoryJournal.followerOf(primaryJournal);
  private final Namespace secondary = new Namespace(secondaryJournal, Clock.systemUTC());

  @BeforeEach
  void start() throws Exception {
    primary.recover();
    primary.mkdir(FsPath.parse("/before"), false, "alice", 0755);
    secondary.recover();
  }

  @Test
  void appliesThePrimarysNewEntriesAndKeepsUp() throws Exception {
    SecondaryFollower follower = new SecondaryFollower(secondary, clock);
    primary.mkdir(FsPath.parse("/a/b/c"), true, "bob", 0700);
    primary.createFile(FsPath.parse("/a/b/c/f"), "bob", 0600);
    primary.rename(FsPath.parse("/a/b"), FsPath.parse("/before/b"));

    follower.tick();

    assertEquals(Listing.of(primary.snapshot()), Listing.of(secondary.snapshot()));
    assertEquals(primary.snapshot().lastAppliedSequence(),
        secondary.snapshot().lastAppliedSequence());
    assertEquals("", follower.problem());
    clock.advance(Duration.ofMinutes(5));
    follower.tick();
    assertEquals(0, follower.lagMillis(), "each read that reaches the end resets the lag");
    assertFalse(follower.fallingBehind());
  }

  @Test
  void aFailingReadIsReportedRetriedWithAPauseAndFlaggedAsFallingBehind() throws Exception {
    SecondaryFollower follower = new SecondaryFollower(secondary, clock);
    secondaryJournal.failFollow(new IOException("storage unreachable"));
    primary.mkdir(FsPath.parse("/later"), false, "alice", 0755);

    follower.tick();
    assertTrue(follower.problem().contains("storage unreachable"), follower.problem());
    clock.advance(Duration.ofSeconds(31));
    follower.tick();
    assertTrue(follower.fallingBehind());
    assertTrue(follower.lagMillis() >= 31_000);

    secondaryJournal.failFollow(null);
    clock.advance(Duration.ofMinutes(1)); // past the retry pause
    follower.tick();
    assertFalse(follower.fallingBehind());
    assertEquals("", follower.problem());
    assertEquals(Listing.of(primary.snapshot()), Listing.of(secondary.snapshot()));
  }

  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
