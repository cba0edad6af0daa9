package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFormat;
import io.quire.journal.JournalHeldException;
import io.quire.journal.NotFormattedException;
import io.quire.storage.local.LocalJournalStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedJournalTest {

  @TempDir
  Path folder;

  @Test
  void concurrentWritersShareSyncsAndEveryAcknowledgedEntryIsReplayedInOrder() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    int writers = 16;
    int perWriter = 200;
    long syncs;
    try (SegmentedJournal journal = fixture.open(64 << 10)) {
      journal.recover((seq, entry) -> { });
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            long seq = journal.append(("s" + Thread.currentThread().getId())
                .getBytes(StandardCharsets.UTF_8));
            journal.awaitDurable(seq);
            acknowledged.add(seq);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      syncs = journal.batchStats().batches();
      assertEquals(writers * perWriter, journal.status().lastSequence());
    }
    assertEquals(writers * perWriter, acknowledged.size());
    assertTrue(syncs < writers * perWriter,
        "group commit: " + syncs + " syncs for " + writers * perWriter + " entries");
    List<Long> replayed = new ArrayList<>();
    try (SegmentedJournal journal = fixture.open(64 << 10)) {
      journal.recover((seq, entry) -> replayed.add(seq));
    }
    assertEquals(writers * perWriter, replayed.size());
    for (int i = 0; i < replayed.size(); i++) {
      assertEquals(i + 1, replayed.get(i));
    }
  }

  @Test
  void rollsSegmentsWhoseNamesShowTheirRanges() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    List<String> written = fixture.write(100, 256);
    List<String> names;
    try (Stream<Path> files = Files.list(folder)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    long sealed = names.stream().filter(n -> n.endsWith(".qlog")).count();
    assertTrue(sealed > 3, "segments: " + names);
    long expectedFirst = 1;
    for (String name : names) {
      long[] range = JournalFormat.parseSegmentName(name);
      if (range != null) {
        assertEquals(expectedFirst, range[0], name);
        expectedFirst = range[1] + 1;
        if (range[1] < 0) {
          break;
        }
      }
    }
    assertEquals(written, fixture.replay());
  }

  @Test
  void refusesASecondMasterOnTheSameFolderNamingTheHolder() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    try (SegmentedJournal first = fixture.open(1 << 20)) {
      first.recover((seq, entry) -> { });
      SegmentedJournal second = fixture.open(1 << 20);
      JournalHeldException e = assertThrows(JournalHeldException.class,
          () -> second.recover((seq, entry) -> { }));
      assertTrue(e.getMessage().contains("held by"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    }
    assertEquals(List.of(), fixture.replay(), "free again once the first master closed");
  }

  @Test
  void formatRefusesWhileHeldAndDeletesNothing() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    fixture.write(10, 1 << 20);
    List<String> before = listing();
    try (SegmentedJournal held = fixture.open(1 << 20)) {
      held.recover((seq, entry) -> { });
      assertThrows(JournalHeldException.class,
          () -> io.quire.journal.JournalFolder.format(fixture.storage, Clock.systemUTC()));
      assertTrue(listing().containsAll(before));
    }
  }

  @Test
  void startingOnAnUnformattedFolderSaysToRunFormat() {
    SegmentedJournal journal = new SegmentedJournal(new LocalJournalStorage(folder.resolve("none")),
        SegmentedJournal.Options.defaults(), Clock.systemUTC());
    NotFormattedException e = assertThrows(NotFormattedException.class,
        () -> journal.recover((seq, entry) -> { }));
    assertTrue(e.getMessage().contains("bin/quire format"), e.getMessage());
  }

  @Test
  void formatRefusesAFolderThatIsNotAJournalAndKeepsOnlyForeignFilesOfAJournal() throws Exception {
    Path foreign = folder.resolve("home");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("notes.txt"), "precious");
    java.io.IOException e = assertThrows(java.io.IOException.class,
        () -> io.quire.journal.JournalFolder.format(new LocalJournalStorage(foreign),
            Clock.systemUTC()));
    assertTrue(e.getMessage().contains("does not look like a Quire journal"), e.getMessage());
    assertEquals("precious", Files.readString(foreign.resolve("notes.txt")));

    JournalFixture fixture = new JournalFixture(folder.resolve("journal"));
    fixture.write(5, 1 << 20);
    Files.writeString(fixture.folder.resolve("README"), "operator's note");
    io.quire.journal.JournalFolder.format(fixture.storage, Clock.systemUTC());
    assertEquals(List.of(), fixture.replay());
    assertEquals("operator's note", Files.readString(fixture.folder.resolve("README")));
  }

  @Test
  void aMasterKilledOnThisHostIsTakenOverAtOnce() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    // a holder record naming a process that does not exist, with a fresh heartbeat
    HolderRecord dead = new HolderRecord("dead", java.net.InetAddress.getLocalHost().getHostName(),
        Long.MAX_VALUE / 2, java.time.Instant.now(), System.currentTimeMillis(), 60_000);
    fixture.storage.writeAtomically(JournalFormat.HOLDER, dead.encode());
    assertEquals(List.of(), fixture.replay());
  }

  @Test
  void aLiveHolderOnAnotherHostBindsUntilItsLeaseExpires() throws Exception {
    JournalFixture fixture = new JournalFixture(folder);
    HolderRecord remote = new HolderRecord("remote", "elsewhere.example", 1,
        java.time.Instant.now(), System.currentTimeMillis(), 60_000);
    fixture.storage.writeAtomically(JournalFormat.HOLDER, remote.encode());
    JournalHeldException e = assertThrows(JournalHeldException.class, fixture::replay);
    assertTrue(e.getMessage().contains("elsewhere.example"), e.getMessage());
    // expired; it may still run (paused), so the taker waits out its acknowledgement window
    HolderRecord expired = new HolderRecord("remote", "elsewhere.example", 1,
        java.time.Instant.now(), System.currentTimeMillis() - 120_000, 1_000);
    fixture.storage.writeAtomically(JournalFormat.HOLDER, expired.encode());
    long start = System.nanoTime();
    assertEquals(List.of(), fixture.replay());
    assertTrue(System.nanoTime() - start >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(600),
        "took over without waiting out the previous holder's acknowledgement window");
  }

  private List<String> listing() throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
