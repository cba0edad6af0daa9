package io.quire.journal.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFolder;
import io.quire.journal.JournalFormat;
import io.quire.journal.JournalMoved;
import io.quire.journal.JournalMovedException;
import io.quire.journal.StateSnapshot;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a running journal to another folder: {@link SegmentedJournal#moveTo}. */
class MoveTest {
  private static final long SMALL_SEGMENTS = 400; // the copied tail spans several segments
  private static final int WRITERS = 4;

  @TempDir
  Path from;
  @TempDir
  Path to;

  /** What the writers had acknowledged, by sequence number. */
  private final Map<Long, String> acknowledged = new ConcurrentSkipListMap<>();

  @Test
  void movesWhileWritersGoOnAndLeavesTheOldFolderValidUpToTheSwitch() throws Exception {
    JournalFixture fixture = new JournalFixture(from);
    JournalMoved moved;
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      journal.recover(new ListState());
      try (Writers writers = new Writers(journal)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 300);
        moved = journal.moveTo(new LocalJournalStorage(to), snapshot(journal));
        long switched = moved.lastSequence();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= switched + 300);
        assertEquals(0, writers.failures(), "no write failed during the move");
      }
      assertEquals(to.toUri().toString(), journal.status().folder());
      // checkpoints and clean-up go on in the new folder
      long newer = journal.checkpoint(snapshot(journal)).sequence();
      journal.cleanUp();
      assertEquals(2, journal.status().checkpointCount());
      assertTrue(Files.exists(to.resolve(JournalFormat.checkpointName(newer))));
    }

    List<String> expected = new ArrayList<>(acknowledged.values());
    ListState there = recover(new JournalFixture(to, false));
    assertEquals(expected, there.entries, "the new folder holds every acknowledged entry, in order");
    assertEquals(1, there.checkpointsLoaded, "it starts from the checkpoint the move wrote");

    JournalStorage old = new LocalJournalStorage(from);
    assertEquals(moved, JournalFolder.readMoved(old).orElseThrow());
    JournalMovedException refused = assertThrows(JournalMovedException.class,
        () -> new JournalFixture(from, false).replay());
    assertTrue(refused.getMessage().contains(to.toUri().toString()), refused.getMessage());

    // the folder left behind is a whole journal up to the switch
    Files.delete(from.resolve(JournalFormat.MOVED));
    ListState before = recover(new JournalFixture(from, false));
    assertEquals(moved.lastSequence(), before.lastSequence);
    assertEquals(expected.subList(0, (int) moved.lastSequence()), before.entries);
  }

  @Test
  void aFollowerOfTheOldFolderReadsUpToTheSwitchThenSaysWhereTheJournalWent() throws Exception {
    JournalFixture fixture = new JournalFixture(from);
    ListState followed = new ListState();
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS);
        FollowingJournal follower = new FollowingJournal(new LocalJournalStorage(from),
            Clock.systemUTC())) {
      journal.recover(new ListState());
      append(journal, 30);
      follower.recover(followed);
      append(journal, 30);
      JournalMoved moved = journal.moveTo(new LocalJournalStorage(to), snapshot(journal));
      append(journal, 30);
      JournalMovedException e = assertThrows(JournalMovedException.class,
          () -> follower.follow(followed));
      assertEquals(moved, e.moved());
      assertEquals(moved.lastSequence(), followed.lastSequence, "it read everything up to the switch");
      assertThrows(JournalMovedException.class, () -> follower.follow(followed));
    }
    assertEquals(new ArrayList<>(acknowledged.values()).subList(0, 60), followed.entries);
  }

  @Test
  void refusesAFolderThatHoldsEntriesAndGoesOnWhereItWas() throws Exception {
    new JournalFixture(to).write(3, 1 << 20);
    JournalFixture fixture = new JournalFixture(from);
    try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
      journal.recover(new ListState());
      append(journal, 20);
      IOException e = assertThrows(IOException.class,
          () -> journal.moveTo(new LocalJournalStorage(to), snapshot(journal)));
      assertTrue(e.getMessage().contains("holds journal entries"), e.getMessage());
      append(journal, 20);
    }
    assertFalse(Files.exists(from.resolve(JournalFormat.MOVED)));
    assertEquals(new ArrayList<>(acknowledged.values()), recover(fixture).entries);
    assertEquals(JournalFixture.entries(3), new JournalFixture(to, false).replay(),
        "the refused folder is untouched");
  }

  @Test
  void aFailureAtAnyStepBeforeTheSwitchLeavesTheJournalWhereItWas() throws Exception {
    JournalFixture fixture = new JournalFixture(from);
    int step = 1;
    while (true) {
      FailingStorage target = new FailingStorage(new LocalJournalStorage(to.resolve("try-" + step)));
      try (SegmentedJournal journal = fixture.open(SMALL_SEGMENTS)) {
        journal.recover((sequence, entry) -> { }); // acknowledged holds earlier rounds' entries
        append(journal, 10);
        target.crashAt(step);
        try {
          journal.moveTo(target, snapshot(journal));
        } catch (IOException failed) {
          assertTrue(target.crashed(), "only the injected failure stops the move: " + failed);
          assertFalse(Files.exists(from.resolve(JournalFormat.MOVED)), "no switch at step " + step);
          assertFalse(Files.exists(from.resolve(JournalFormat.MOVED + ".tmp")),
              "nothing of the move left here at step " + step);
          append(journal, 10); // the journal writes on where it was
          step++;
          continue;
        }
        assertFalse(target.crashed(), "the move succeeded, so no step failed");
        append(journal, 10);
        break;
      }
    }
    assertTrue(step > 3, "the move has several steps that can fail: " + step);
    ListState there = recover(new JournalFixture(to.resolve("try-" + step), false));
    assertEquals(new ArrayList<>(acknowledged.values()), there.entries);
  }

  private ListState recover(JournalFixture fixture) throws IOException {
    ListState state = new ListState();
    try (SegmentedJournal journal = fixture.open(1 << 20)) {
      journal.recover(state);
    }
    return state;
  }

  private void append(SegmentedJournal journal, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      String text = "single-" + acknowledged.size();
      long sequence = journal.append(text.getBytes(StandardCharsets.UTF_8));
      journal.awaitDurable(sequence);
      acknowledged.put(sequence, text);
    }
  }

  /**
   * The state at the journal's durable sequence now: the texts acknowledged up to it (writers
   * record an entry once it is durable, so wait until each is in).
   */
  private StateSnapshot snapshot(SegmentedJournal journal) {
    long sequence = journal.status().durableSequence();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        acknowledged.keySet().stream().filter(s -> s <= sequence).count() == sequence);
    List<String> texts = new ArrayList<>();
    acknowledged.forEach((s, text) -> {
      if (s <= sequence) {
        texts.add(text);
      }
    });
    return ListState.snapshot(texts, texts.size());
  }

  /** Threads that append and await durability without pause until closed. */
  private final class Writers implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failed = java.util.Collections.synchronizedList(new ArrayList<>());

    Writers(SegmentedJournal journal) {
      for (int w = 0; w < WRITERS; w++) {
        String name = "w" + w;
        Thread thread = new Thread(() -> {
          for (int i = 0; !stop.get(); i++) {
            String text = name + "-" + i;
            try {
              long sequence = journal.append(text.getBytes(StandardCharsets.UTF_8));
              journal.awaitDurable(sequence);
              acknowledged.put(sequence, text);
            } catch (Exception e) {
              failed.add(e);
              return;
            }
          }
        }, name);
        thread.start();
        threads.add(thread);
      }
    }

    int failures() {
      return failed.size();
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(List.of(), failed);
    }
  }
}
