package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.FollowProgress;
import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFormat;
import io.quire.journal.RecoveryResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower (a secondary master's journal) reading a folder a live writer appends to. */
class FollowingJournalTest {
  private static final int SMALL_SEGMENTS = 1024;

  @TempDir Path folder;
  private JournalFixture fixture;
  private final List<String> written = new ArrayList<>();

  @BeforeEach
  void format() throws IOException {
    fixture = new JournalFixture(folder);
  }

  @Test
  void readsWhatTheWriterAppendsAcrossSegmentRolls() throws Exception {
    try (SegmentedJournal writer = fixture.open(SMALL_SEGMENTS)) {
      writer.recover(new ListState());
      append(writer, 30);
      FollowingJournal follower = follower();
      ListState state = new ListState();
      RecoveryResult start = follower.recover(state);
      assertEquals(30, start.lastSequence());
      assertEquals(written, state.entries);

      append(writer, 100); // rolls several segments
      FollowProgress progress = follower.follow(state);
      assertEquals(100, progress.entries());
      assertFalse(progress.restarted());
      assertNull(progress.stalled());
      assertEquals(written, state.entries);
      assertEquals(130, follower.status().lastSequence());

      assertEquals(0, follower.follow(state).entries(), "nothing new");
      append(writer, 1);
      assertEquals(1, follower.follow(state).entries());
      assertEquals(written, state.entries);
    }
    assertTrue(segmentNames().size() > 3, "the test rolled segments: " + segmentNames());
  }

  @Test
  void aRecordTheWriterIsStillWritingIsLeftForTheNextCall() throws Exception {
    writeAndClose(5);
    FollowingJournal follower = follower();
    ListState state = new ListState();
    follower.recover(state);
    Path open = folder.resolve(JournalFormat.openSegmentName(1));
    long sizeBefore = Files.size(open);
    byte[] next = record(6);

    // the next record arrives in two writes: first its header and half its payload
    Files.write(open, java.util.Arrays.copyOf(next, 20), StandardOpenOption.APPEND);
    FollowProgress half = follower.follow(state);
    assertEquals(0, half.entries());
    assertNull(half.stalled(), "an incomplete record is a write in progress, not a problem");
    Files.write(open, java.util.Arrays.copyOfRange(next, 20, next.length),
        StandardOpenOption.APPEND);
    assertEquals(1, follower.follow(state).entries());
    assertEquals(6, state.lastSequence);
    assertEquals(sizeBefore + next.length, Files.size(open), "the follower wrote nothing");
  }

  @Test
  void theWriterDeletesLogsOnlyAfterTheFollowersCheckpoints() throws Exception {
    try (SegmentedJournal writer = fixture.open(SMALL_SEGMENTS)) {
      writer.recover(new ListState());
      append(writer, 60);
      FollowingJournal follower = follower();
      ListState state = new ListState();
      follower.recover(state);
      assertEquals(60, follower.checkpoint(ListState.snapshot(state.entries, 60)).sequence());
      append(writer, 60);
      follower.follow(state);
      follower.checkpoint(ListState.snapshot(state.entries, 120));
      assertTrue(segmentNames().stream().anyMatch(n -> n.startsWith(String.format(Locale.ROOT,
          "log-%019d", 1))), "the follower deletes nothing");

      writer.cleanUp();

      assertEquals(120, writer.status().lastCheckpoint().sequence());
      assertTrue(segments().allMatch(range -> range[1] < 0 || range[1] > 60),
          "logs covered by the older checkpoint are gone: " + segmentNames());
      assertEquals(0, writer.status().entriesSinceCheckpoint());
    }
    ListState restarted = new ListState();
    try (SegmentedJournal writer = fixture.open(SMALL_SEGMENTS)) {
      assertEquals(120, writer.recover(restarted).checkpoint().sequence());
    }
    assertEquals(written, restarted.entries, "a restart recovers everything");
  }

  @Test
  void aFollowerThatTheCleanUpOvertookStartsOverFromTheNewestCheckpoint() throws Exception {
    try (SegmentedJournal writer = fixture.open(SMALL_SEGMENTS)) {
      writer.recover(new ListState());
      append(writer, 20);
      FollowingJournal follower = follower();
      ListState state = new ListState();
      follower.recover(state);

      append(writer, 80);
      writer.checkpoint(ListState.snapshot(written, 50));
      writer.checkpoint(ListState.snapshot(written, 100)); // deletes the logs up to 50
      append(writer, 10);

      FollowProgress progress = follower.follow(state);

      assertTrue(progress.restarted());
      assertEquals(written, state.entries);
      assertEquals(110, follower.status().lastSequence());
      assertEquals(100, follower.status().lastCheckpoint().sequence());
    }
  }

  @Test
  void aCheckpointAheadOfTheLogsAfterAMachineCrashIsSetAsideAndNothingAcknowledgedIsLost()
      throws Exception {
    writeAndClose(40);
    FollowingJournal follower = follower();
    ListState followed = new ListState();
    follower.recover(followed);
    follower.checkpoint(ListState.snapshot(followed.entries, 40));
    // the machine crashed: the last 10 records had been written but not synced, and are gone
    Path open = folder.resolve(JournalFormat.openSegmentName(1));
    try (var channel = java.nio.channels.FileChannel.open(open, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(open) - 10L * recordBytes());
    }

    ListState recovered = new ListState();
    try (SegmentedJournal writer = fixture.open(1 << 20)) {
      RecoveryResult result = writer.recover(recovered);
      assertNull(result.checkpoint(), "the checkpoint of lost entries is not loaded");
      assertEquals(30, result.lastSequence());
      assertTrue(result.skippedCheckpoints().get(0).contains("the logs end at 30"),
          result.skippedCheckpoints().toString());
      assertEquals(written.subList(0, 30), recovered.entries);
      assertEquals(31, writer.append("entry-again".getBytes(StandardCharsets.UTF_8)));
    }
    assertFalse(Files.exists(folder.resolve(JournalFormat.checkpointName(40))),
        "set aside, so entries numbered 31 to 40 anew are not mistaken for its contents");
    assertTrue(Files.exists(folder.resolve(
        JournalFormat.corruptCheckpointName(JournalFormat.checkpointName(40)))));
  }

  @Test
  void aWriterThatCrashedMidRecordAndRestartedIsFollowedWithoutAGap() throws Exception {
    writeAndClose(10);
    FollowingJournal follower = follower();
    ListState state = new ListState();
    follower.recover(state);
    // the writer crashed while writing entry 11: half of its record reached the file
    Path open = folder.resolve(JournalFormat.openSegmentName(1));
    Files.write(open, java.util.Arrays.copyOf(record(11), 20), StandardOpenOption.APPEND);
    assertNull(follower.follow(state).stalled());
    assertEquals(10, state.lastSequence);

    try (SegmentedJournal restarted = fixture.open(1 << 20)) {
      RecoveryResult result = restarted.recover(new ListState()); // cuts the torn tail
      assertEquals(1, result.repairs().size(), result.repairs().toString());
      append(restarted, 5); // entries 11 to 15, where the torn record was
      FollowProgress progress = follower.follow(state);
      assertEquals(5, progress.entries());
      assertFalse(progress.restarted());
    }
    assertEquals(written, state.entries);
  }

  @Test
  void aSegmentSealedBetweenListingAndOpeningIsReadUnderItsNewName() throws Exception {
    writeAndClose(10);
    FailingStorage racing = new FailingStorage(fixture.storage);
    FollowingJournal follower = new FollowingJournal(racing, Clock.systemUTC());
    ListState state = new ListState();
    follower.recover(state);
    String open = JournalFormat.openSegmentName(1);
    // the writer seals the open segment just as the follower opens it
    racing.beforeOpenReadOf(open, () -> fixture.storage.rename(open,
        JournalFormat.sealedSegmentName(1, 10)));

    FollowProgress progress = follower.follow(state);

    assertEquals(0, progress.entries());
    assertFalse(progress.restarted());
    writeAndClose(5);
    assertEquals(5, follower.follow(state).entries());
    assertEquals(written, state.entries);
  }

  @Test
  void aLogSealedWhileTheFirstRecoveryReadsIsFoundByListingAgainWithoutRepeatingEntries() throws Exception {
    try (SegmentedJournal writer = fixture.open(SMALL_SEGMENTS)) {
      writer.recover(new ListState());
      append(writer, 40);
    }
    String open = JournalFixture.names(folder).stream().filter(n -> n.endsWith(".open"))
        .findFirst().orElseThrow();
    long first = JournalFormat.parseSegmentName(open)[0];
    assertTrue(first > 1, "entries before the open log: " + open);
    FailingStorage racing = new FailingStorage(fixture.storage);
    // read after the sealed logs' entries were handed on: they must not arrive twice
    racing.beforeOpenReadOf(open, () -> fixture.storage.rename(open,
        JournalFormat.sealedSegmentName(first, 40)));
    FollowingJournal follower = new FollowingJournal(racing, Clock.systemUTC());
    ListState state = new ListState();

    assertEquals(40, follower.recover(state).lastSequence());
    assertEquals(written, state.entries);
  }

  @Test
  void theHolderDoesNotListAgainWhenALogGoesWhileItRecovers() throws Exception {
    writeAndClose(10);
    FailingStorage racing = new FailingStorage(fixture.storage);
    String open = JournalFormat.openSegmentName(1);
    racing.beforeOpenReadOf(open, () -> fixture.storage.delete(open));
    Recovery recovery = new Recovery(racing, null, new CheckpointStore(racing, null,
        Clock.systemUTC()));
    // only the holder changes the folder: a log it listed that is gone is not a race
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> recovery.run(new ListState(), Recovery.Mode.HOLDER));
  }

  @Test
  void aFollowerNeverWritesEntries() throws Exception {
    fixture.write(3, 1 << 20);
    FollowingJournal follower = follower();
    follower.recover(new ListState());
    assertThrows(JournalClosedException.class,
        () -> follower.append("x".getBytes(StandardCharsets.UTF_8)));
  }

  /** A writer recovers the folder, appends {@code count} entries and closes. */
  private void writeAndClose(int count) throws Exception {
    try (SegmentedJournal writer = fixture.open(1 << 20)) {
      writer.recover(new ListState()); // after a sealed segment, goes on in a new one
      append(writer, count);
    }
  }

  private FollowingJournal follower() {
    return new FollowingJournal(fixture.storage, Clock.systemUTC());
  }

  /** Appends entries of one fixed size ("entry-NNNNN"), durably. */
  private void append(SegmentedJournal writer, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      String text = String.format(Locale.ROOT, "entry-%05d", written.size() + 1);
      long sequence = writer.append(text.getBytes(StandardCharsets.UTF_8));
      writer.awaitDurable(sequence);
      written.add(text);
    }
  }

  private static int recordBytes() {
    return JournalFormat.RECORD_HEADER_BYTES + "entry-00000".length();
  }

  /** The bytes of the record of entry {@code sequence} as the writer frames it. */
  private static byte[] record(long sequence) {
    byte[] payload = String.format(Locale.ROOT, "entry-%05d", sequence)
        .getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(recordBytes());
    record.putInt(payload.length);
    record.putInt(RecordEncoder.recordCrc(sequence, payload, 0, payload.length));
    record.putLong(sequence);
    record.put(payload);
    return record.array();
  }

  private List<String> segmentNames() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> JournalFormat.parseSegmentName(n) != null).sorted().toList();
    }
  }

  private Stream<long[]> segments() throws IOException {
    return segmentNames().stream().map(JournalFormat::parseSegmentName);
  }
}
