package io.quire.journal.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.storage.JournalStorage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadTest {

  @TempDir
  Path dir;

  /**
   * Entry {@code i} is {@code size(i)} bytes, each byte {@code i}: a slice handed on from the
   * wrong place or of the wrong length shows.
   */
  private static byte[] entry(long sequence) {
    int size = sequence % 97 == 0 ? ReadAhead.BATCH_BYTES + 1000 : 1 + (int) (sequence * 37 % 3000);
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) sequence);
    return bytes;
  }

  /** {@code count} entries in segments of about {@code maxLogBytes}; returns the segments. */
  private List<SegmentInfo> write(JournalFixture fixture, int count, long maxLogBytes)
      throws Exception {
    try (SegmentedJournal journal = fixture.open(maxLogBytes)) {
      journal.recover((sequence, entry) -> { });
      long last = 0;
      for (long i = 1; i <= count; i++) {
        last = journal.append(entry(i));
      }
      journal.awaitDurable(last);
    }
    return Recovery.orderedSegments(fixture.storage.list());
  }

  private static List<ReadAhead.Planned> plan(List<SegmentInfo> segments) {
    return segments.stream().map(s -> new ReadAhead.Planned(s, false)).toList();
  }

  private static UUID clusterId(JournalFixture fixture) throws IOException {
    return UUID.fromString(io.quire.journal.JournalFolder.readMarker(fixture.storage).clusterId());
  }

  @Test
  void handsOnEveryEntryAfterTheBaseInOrderAcrossBatchesAndSegments() throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    List<SegmentInfo> segments = write(fixture, 1500, 1 << 20);
    assertTrue(segments.size() > 2, "several segments: " + segments);
    long base = 333;
    // a budget of a few batches: batches are reused many times over
    assertEquals(expectedAfter(base), replayAll(fixture, segments, base, 1 << 20));
    assertEquals(expectedAfter(base), replayAll(fixture, segments, base,
        ReadAhead.BUDGET_BYTES));
  }

  /** Replays every segment, checking each entry's bytes; returns the sequences handed on. */
  private static List<Long> replayAll(JournalFixture fixture, List<SegmentInfo> segments,
      long base, int budget) throws Exception {
    List<Long> seen = new ArrayList<>();
    try (ReadAhead ahead = new ReadAhead(fixture.storage, clusterId(fixture), plan(segments),
        base, budget)) {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (SegmentInfo segment : segments) {
          ReadAhead.Read read = ahead.replay(segment, (sequence, entry) -> {
            byte[] bytes = new byte[entry.remaining()];
            entry.get(bytes);
            assertTrue(Arrays.equals(entry(sequence), bytes), "entry " + sequence);
            seen.add(sequence);
          });
          assertNull(read.outcome().failure());
          assertEquals(segment.name(), read.reader().name());
        }
      });
    }
    return seen;
  }

  private static List<Long> expectedAfter(long base) {
    List<Long> expected = new ArrayList<>();
    for (long s = base + 1; s <= 1500; s++) {
      expected.add(s);
    }
    return expected;
  }

  @Test
  void readsNoMoreThanItsBudgetAheadOfTheApplier() throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    List<SegmentInfo> segments = write(fixture, 1500, 1 << 20);
    assertBudgetHeld(fixture, segments, 1 << 20, 1500);
  }

  @Test
  void entriesLargerThanABatchCountWholeAgainstTheBudget() throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    try (SegmentedJournal journal = fixture.open(4 << 20)) {
      journal.recover((sequence, entry) -> { });
      long last = 0;
      for (int i = 0; i < 24; i++) {
        last = journal.append(new byte[900_000 + i]);
      }
      journal.awaitDurable(last);
    }
    assertBudgetHeld(fixture, Recovery.orderedSegments(fixture.storage.list()), 2 << 20, 24);
  }

  /**
   * With nothing applied, the reader stops with at most {@code budget} bytes read ahead; then
   * every entry arrives.
   */
  private static void assertBudgetHeld(JournalFixture fixture, List<SegmentInfo> segments,
      int budget, int entries) throws Exception {
    List<Long> seen = new ArrayList<>();
    try (ReadAhead ahead = new ReadAhead(fixture.storage, clusterId(fixture), plan(segments), 0,
        budget)) {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> ahead.readerState() == Thread.State.WAITING);
      assertTrue(ahead.bytesQueued() <= budget, "bytes read ahead: " + ahead.bytesQueued());
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (SegmentInfo segment : segments) {
          ahead.replay(segment, (sequence, entry) -> seen.add(sequence));
        }
      });
      await().atMost(Duration.ofSeconds(30))
          .until(() -> ahead.readerState() == Thread.State.TERMINATED);
    }
    assertEquals(entries, seen.size());
    assertEquals(entries, seen.get(seen.size() - 1));
  }

  @Test
  void closingAfterTheApplierFailedStopsAReaderWaitingForRoom() throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    List<SegmentInfo> segments = write(fixture, 1500, 1 << 20);
    ReadAhead ahead = new ReadAhead(fixture.storage, clusterId(fixture), plan(segments), 0, 1);
    // a budget of one byte: one batch at a time
    IOException refused = new IOException("entry 5 does not apply");
    IOException thrown = assertThrows(IOException.class, () -> assertTimeoutPreemptively(
        Duration.ofSeconds(60), () -> ahead.replay(segments.get(0), (sequence, entry) -> {
          if (sequence == 5) {
            throw refused;
          }
        })));
    assertSame(refused, thrown);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> ahead.readerState() == Thread.State.WAITING);
    assertTimeoutPreemptively(Duration.ofSeconds(30), ahead::close);
    assertEquals(Thread.State.TERMINATED, ahead.readerState());
  }

  @Test
  void aStorageFailureOnTheReaderReachesTheApplierUnchanged() throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    List<SegmentInfo> segments = write(fixture, 1500, 1 << 20);
    IOException gone = new IOException("the disk went away");
    JournalStorage failing = failingRead(fixture.storage, segments.get(1).name(), gone);
    try (ReadAhead ahead = new ReadAhead(failing, clusterId(fixture), plan(segments), 0)) {
      ReadAhead.Read first = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> ahead.replay(segments.get(0), (sequence, entry) -> { }));
      assertNull(first.outcome().failure());
      IOException thrown = assertThrows(IOException.class, () -> assertTimeoutPreemptively(
          Duration.ofSeconds(60), () -> ahead.replay(segments.get(1), (sequence, entry) -> { })));
      assertSame(gone, thrown);
    }
  }

  @Test
  void stopsAfterASegmentThatFailedAndSaysSoIfAskedForMore() throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    List<SegmentInfo> segments = write(fixture, 1500, 1 << 20);
    try (RandomAccessFile file = new RandomAccessFile(
        dir.resolve(segments.get(0).name()).toFile(), "rw")) {
      long at = file.length() / 2;
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ 0x5a);
    }
    try (ReadAhead ahead = new ReadAhead(fixture.storage, clusterId(fixture), plan(segments),
        0)) {
      ReadAhead.Read read = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> ahead.replay(segments.get(0), (sequence, entry) -> { }));
      assertNotNull(read.outcome().failure());
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> assertTimeoutPreemptively(Duration.ofSeconds(30),
              () -> ahead.replay(segments.get(1), (sequence, entry) -> { })));
      assertTrue(e.getMessage().contains(segments.get(1).name()), e.getMessage());
    }
  }

  @Test
  void refusesASegmentOutOfThePlansOrder() throws Exception {
    JournalFixture fixture = new JournalFixture(dir);
    List<SegmentInfo> segments = write(fixture, 1500, 1 << 20);
    try (ReadAhead ahead = new ReadAhead(fixture.storage, clusterId(fixture), plan(segments),
        0)) {
      assertThrows(IllegalStateException.class,
          () -> ahead.replay(segments.get(1), (sequence, entry) -> { }));
    }
  }

  /** {@code storage}, except that reading {@code name} throws {@code failure} after 4 KiB. */
  private static JournalStorage failingRead(JournalStorage storage, String name,
      IOException failure) {
    return (JournalStorage) Proxy.newProxyInstance(JournalStorage.class.getClassLoader(),
        new Class<?>[] {JournalStorage.class}, (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(storage, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("openRead") && name.equals(args[0])) {
            return new FilterInputStream((InputStream) result) {
              private long read;

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 4096) {
                  throw failure;
                }
                int n = super.read(b, off, (int) Math.min(len, 4096 - read));
                read += Math.max(n, 0);
                return n;
              }
            };
          }
          return result;
        });
  }
}
