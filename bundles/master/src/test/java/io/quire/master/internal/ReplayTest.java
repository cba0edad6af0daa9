package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayTest {
  /** A clock that moves forward by a random step on every read. */
  private static Clock ticking(Random random) {
    return new Clock() {
      private long now = 1_700_000_000_000L;

      @Override
      public long millis() {
        now += random.nextInt(1000);
        return now;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis());
      }

      @Override
      public ZoneId getZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /**
   * The live namespace is built by persistent application of each mutation; replay applies the
   * same entries in an edit session, creations of ASCII paths straight from the entry's bytes.
   * Every inode, with its mtime and subtree size, must come out the same.
   */
  @Test
  void replayingTheJournalRebuildsTheSameNamespace() throws Exception {
    for (int run = 0; run < 10; run++) {
      long seed = System.nanoTime();
      Random random = new Random(seed);
      MemoryJournal journal = new MemoryJournal();
      Namespace live = new Namespace(journal, ticking(random));
      live.recover();
      int applied = RandomOperations.run(live, random, 5000);

      Namespace replayed = new Namespace(new MemoryJournal(journal.entries()),
          Clock.systemUTC());
      replayed.recover();
      assertEquals(Listing.of(live.snapshot()), Listing.of(replayed.snapshot()), "seed " + seed);
      assertEquals(journal.entries().size(), replayed.snapshot().lastAppliedSequence());
      assertTrue(applied > 1000, "only " + applied + " operations applied, seed " + seed);
    }
  }

  /** A master stopped while it recovers gives up within a few thousand entries. */
  @Test
  void aCancelledRecoveryStopsReplayingSoon() throws Exception {
    EntryEncoder encoder = new EntryEncoder();
    List<byte[]> entries = new ArrayList<>();
    for (int i = 1; i <= 100_000; i++) {
      entries.add(encoder.encode(new Mutation.Mkdir(path("/d" + i), false, "u", 0755, 1, i)));
    }
    int[] looked = new int[1];
    NamespaceRecovery recovery = new NamespaceRecovery(new SharedStrings(),
        () -> ++looked[0] > 2);
    MemoryJournal journal = new MemoryJournal(entries);
    RecoveryCancelledException e = assertThrows(RecoveryCancelledException.class,
        () -> journal.recover(recovery));
    assertEquals("recovery cancelled: the master is stopping", e.getMessage());
    assertEquals(3, looked[0], "it looked at the flag until the flag said stop");
    assertTrue(recovery.result().lastAppliedSequence() < 100_000,
        "replayed " + recovery.result().lastAppliedSequence() + " of 100,000 entries");
  }

  @Test
  void aCreationWithAnotherIdThanTheCounterStopsRecovery() throws Exception {
    EntryEncoder encoder = new EntryEncoder();
    List<byte[]> entries = List.of(
        encoder.encode(new Mutation.Mkdir(path("/a"), false, "u", 0755, 1, 1)),
        encoder.encode(new Mutation.CreateFile(path("/a/f"), "u", 0644, 2, 7)));
    Namespace replayed = new Namespace(new MemoryJournal(entries), Clock.systemUTC());
    ReplayException e = assertThrows(ReplayException.class, replayed::recover);
    assertEquals(2, e.sequence());
    assertTrue(e.getMessage().startsWith("journal entry 2 cannot be replayed: CreateFile /a/f "
        + "does not apply: entry for '/a/f' creates inode id 7 but the namespace allocates 2 "
        + "next"), e.getMessage());
  }

  @Test
  void aCreationOfAnExistingNameStopsRecovery() throws Exception {
    EntryEncoder encoder = new EntryEncoder();
    List<byte[]> entries = List.of(
        encoder.encode(new Mutation.Mkdir(path("/name"), false, "u", 0755, 1, 1)),
        encoder.encode(new Mutation.CreateFile(path("/name"), "u", 0644, 2, 2)));
    Namespace replayed = new Namespace(new MemoryJournal(entries), Clock.systemUTC());
    ReplayException e = assertThrows(ReplayException.class, replayed::recover);
    assertEquals(2, e.sequence());
    assertTrue(e.getMessage().startsWith("journal entry 2 cannot be replayed: CreateFile /name "
        + "does not apply: already exists: /name"), e.getMessage());
  }

  @Test
  void aCreationBelowAFileStopsRecovery() throws Exception {
    EntryEncoder encoder = new EntryEncoder();
    List<byte[]> entries = List.of(
        encoder.encode(new Mutation.CreateFile(path("/f"), "u", 0644, 1, 1)),
        encoder.encode(new Mutation.Mkdir(path("/f/d"), false, "u", 0755, 2, 2)));
    Namespace replayed = new Namespace(new MemoryJournal(entries), Clock.systemUTC());
    ReplayException e = assertThrows(ReplayException.class, replayed::recover);
    assertEquals(2, e.sequence());
    assertTrue(e.getMessage().startsWith("journal entry 2 cannot be replayed: Mkdir /f/d does not "
        + "apply: not a directory: /f"), e.getMessage());
  }

  @Test
  void anEntryThatDoesNotApplyStopsRecoveryNamingItsSequence() throws Exception {
    MemoryJournal journal = new MemoryJournal();
    Namespace live = new Namespace(journal, Clock.systemUTC());
    live.recover();
    live.mkdir(path("/a"), false, "u", 0755);
    List<byte[]> entries = new ArrayList<>(journal.entries());
    entries.add(entries.get(0)); // creating /a twice
    Namespace replayed = new Namespace(new MemoryJournal(entries), Clock.systemUTC());
    ReplayException e = assertThrows(ReplayException.class, replayed::recover);
    assertEquals(2, e.sequence());
    assertTrue(e.getMessage().startsWith("journal entry 2 cannot be replayed: Mkdir /a does not "
        + "apply: already exists: /a"), e.getMessage());
  }

  @Test
  void anUndecodableEntryStopsRecoveryNamingItsSequence() {
    Namespace replayed = new Namespace(new MemoryJournal(List.of(new byte[] {1, 42})),
        Clock.systemUTC());
    ReplayException e = assertThrows(ReplayException.class, replayed::recover);
    assertEquals("journal entry 1 cannot be replayed: unknown opcode 42; run 'bin/quire journal "
        + "dump' on the journal folder", e.getMessage());
  }
}
