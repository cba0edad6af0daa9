package io.quire.journal.internal;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.CorruptJournalException;
import io.quire.journal.JournalFormat;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a journal folder and repairs a torn tail.
 *
 * <ol>
 *   <li>List the folder; remove Quire's own leftover temporary files (a crash before a rename).
 *   <li>Load the newest checkpoint that passes every check. One that fails is reported (WARN,
 *       with file and problem), the target is reset, and the next older one is tried; with none
 *       left, the state starts empty and the logs must start at sequence 1.
 *   <li>Order segments by first sequence. At most one may be open, and only the last. Segments
 *       wholly covered by the checkpoint are not read; from there on each segment must start
 *       right after the previous one ends, and the first one read must reach back to the entry
 *       after the checkpoint. Anything else is corruption.
 *   <li>Replay each segment, handing on only entries after the checkpoint. In a sealed segment
 *       every record must be valid and the count must match the name's range. The segments are
 *       read and checked by a {@link ReadAhead} thread, which starts while the checkpoint loads,
 *       and applied on the calling thread.
 *   <li>In the open segment, a failure is classified by {@link SegmentReader}: a torn tail is cut
 *       at the last valid record after its bytes are copied to a side file (synced first, so the
 *       evidence survives the cut); any other failure is corruption and stops the start.
 * </ol>
 */
public final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  /** A follower's listings that went stale in a row before it gives up. */
  private static final int MAX_RELISTS = 10;

  /**
   * What recovery leaves for the writer.
   *
   * @param checkpoint the checkpoint loaded, or null
   * @param repairs torn tails cut, one line each
   * @param skippedCheckpoints checkpoints that failed their checks, one line each
   */
  public record Result(long lastSequence, long entries, List<SegmentInfo> segments,
      CheckpointInfo checkpoint, List<String> repairs, List<String> skippedCheckpoints,
      Tail tail) {}

  /**
   * The last segment read and where its valid records end (where a follower goes on reading),
   * or null when no segment was read.
   */
  public record Tail(SegmentInfo segment, long validLength) {}

  private final JournalStorage storage;
  private final UUID clusterId;
  private final CheckpointStore checkpoints;

  public Recovery(JournalStorage storage, UUID clusterId, CheckpointStore checkpoints) {
    this.storage = storage;
    this.clusterId = clusterId;
    this.checkpoints = checkpoints;
  }

  /** Who recovers, which decides what a recovery may change and how it meets a busy folder. */
  public enum Mode {
    /** The folder's holder: removes leftover temporaries and cuts a torn tail. */
    HOLDER,
    /**
     * A secondary master's follower: changes nothing, and lists the folder again (up to
     * {@value #MAX_RELISTS} times in a row) when a file it listed goes while it reads, since
     * the holder seals the open log and deletes logs a newer checkpoint covers at any moment.
     */
    FOLLOWER,
    /** The offline tools: change nothing and report what they find, a vanished file too. */
    OFFLINE
  }

  public Result run(RecoveryTarget target, Mode mode) throws IOException {
    boolean repair = mode == Mode.HOLDER;
    List<String> names = storage.list();
    if (repair) {
      removeTemporaries(names);
    }
    List<String> skipped = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    int relisted = 0;
    while (true) {
      Result result;
      try {
        result = run(names, target, repair, skipped, excluded);
      } catch (NoSuchFileException | FileNotFoundException gone) {
        if (mode != Mode.FOLLOWER || ++relisted > MAX_RELISTS) {
          throw gone;
        }
        LOG.debug("Journal recovery: {} went while reading {}; reading the folder again",
            gone.getMessage(), storage.uri());
        target.reset();
        names = storage.list();
        continue;
      }
      if (result != null) {
        return result;
      }
    }
  }

  /** @return null when the checkpoint loaded turned out to be ahead of the logs: run again */
  private Result run(List<String> names, RecoveryTarget target, boolean repair,
      List<String> skipped, List<String> excluded) throws IOException {
    List<SegmentInfo> segments = orderedSegments(names);
    List<String> candidates = CheckpointStore.newestFirst(names);
    candidates.removeAll(excluded);
    // The logs after the newest checkpoint are read while it loads; if it fails to load, they
    // are read again from where the one that loads leaves off.
    long newest = candidates.isEmpty() ? 0 : JournalFormat.parseCheckpointName(candidates.get(0));
    ReadAhead ahead = readAhead(segments, newest, repair);
    try {
      CheckpointInfo checkpoint = loadNewestGood(candidates, target, skipped, excluded);
      long base = checkpoint == null ? 0 : checkpoint.sequence();
      if (base != newest) {
        ahead.close();
        ahead = readAhead(segments, base, repair);
      }
      return replay(segments, checkpoint, ahead, target, repair, skipped, excluded);
    } finally {
      ahead.close(); // whatever ended the recovery, Errors included
    }
  }

  /** The segments after {@code base}, read on a thread of their own from now on. */
  private ReadAhead readAhead(List<SegmentInfo> segments, long base, boolean repair) {
    List<ReadAhead.Planned> plan = new ArrayList<>();
    for (SegmentInfo segment : segments) {
      if (!segment.coveredBy(base)) {
        plan.add(new ReadAhead.Planned(segment, repair && segment.open()));
      }
    }
    return new ReadAhead(storage, clusterId, plan, base);
  }

  private Result replay(List<SegmentInfo> segments, CheckpointInfo checkpoint, ReadAhead ahead,
      RecoveryTarget target, boolean repair, List<String> skipped, List<String> excluded)
      throws IOException {
    long base = checkpoint == null ? 0 : checkpoint.sequence();
    long expected = base + 1;
    long entries = 0;
    List<String> repairs = new ArrayList<>();
    List<SegmentInfo> kept = new ArrayList<>();
    boolean reading = false;
    long logEnd = 0; // the last entry the logs hold
    Tail tail = null;
    for (SegmentInfo segment : segments) {
      if (segment.coveredBy(base)) {
        kept.add(segment); // covered by the checkpoint: not needed, not read
        logEnd = Math.max(logEnd, segment.last());
        continue;
      }
      boolean fits = reading ? segment.first() == expected : segment.first() <= expected;
      if (!fits) {
        throw new CorruptJournalException(segment.name(), 0, expected, "gap in sequence numbers: "
            + "expected a segment holding entry " + expected + ", found one starting at "
            + segment.first() + describeBase(checkpoint, skipped));
      }
      reading = true;
      ReadAhead.Read read = ahead.replay(segment, target);
      SegmentReader reader = read.reader();
      SegmentReader.Outcome outcome = read.outcome();
      entries += Math.max(0, outcome.lastSequence() - Math.max(base, segment.first() - 1));
      logEnd = Math.max(logEnd, outcome.lastSequence());
      tail = new Tail(segment, outcome.validLength());
      if (outcome.failure() != null) {
        if (!outcome.failure().torn()) {
          throw reader.corruption(outcome.failure());
        }
        repairs.add(repair ? cutTornTail(reader, outcome) : describeTorn(reader, outcome));
        if (outcome.validLength() == 0) {
          expected = Math.max(expected, outcome.lastSequence() + 1);
          tail = repair ? null : tail;
          continue; // the whole file was a torn header: it is gone
        }
      } else if (!segment.open() && outcome.lastSequence() != segment.last()) {
        throw new CorruptJournalException(segment.name(), outcome.validLength(),
            outcome.lastSequence() + 1, "segment name promises entries up to " + segment.last()
            + " but the file ends after " + outcome.lastSequence());
      }
      kept.add(segment);
      expected = Math.max(expected, outcome.lastSequence() + 1);
    }
    if (checkpoint != null && !segments.isEmpty() && logEnd < base) {
      setAside(checkpoint, logEnd, repair, skipped, excluded);
      target.reset();
      return null;
    }
    return new Result(expected - 1, entries, kept, checkpoint, repairs, skipped, tail);
  }

  /**
   * A checkpoint of entries the logs no longer hold: a machine crash took back log bytes that
   * were written but not yet synced, after a follower (a secondary master) read them and
   * checkpointed. Those entries were never acknowledged; the logs are the truth. The checkpoint
   * is set aside (in repair mode, renamed, so that new entries with those numbers cannot later
   * be mistaken for its contents) and recovery starts over from an older one.
   */
  private void setAside(CheckpointInfo checkpoint, long logEnd, boolean repair,
      List<String> skipped, List<String> excluded) throws IOException {
    String line = "checkpoint " + checkpoint.name() + " covers entries up to "
        + checkpoint.sequence() + " but the logs end at " + logEnd + " (entries lost in a crash "
        + "before they were synced, so never acknowledged)";
    if (repair) {
      String aside = JournalFormat.corruptCheckpointName(checkpoint.name());
      storage.rename(checkpoint.name(), aside);
      line += "; renamed to " + aside;
    }
    line += "; falling back to an older checkpoint and the logs after it";
    LOG.warn("Journal recovery: {}", line);
    skipped.add(line);
    excluded.add(checkpoint.name());
  }

  /**
   * Tries {@code candidates} in order (newest first); a failed one is reported, excluded and the
   * target reset.
   */
  private CheckpointInfo loadNewestGood(List<String> candidates, RecoveryTarget target,
      List<String> skipped, List<String> excluded) throws IOException {
    for (String name : candidates) {
      try {
        return checkpoints.load(name, target);
      } catch (CorruptStateFileException e) {
        excluded.add(name);
        String line = "checkpoint " + name + " is unusable (" + e.getMessage()
            + "); falling back to an older checkpoint and the logs after it";
        LOG.warn("Journal recovery: {}", line);
        skipped.add(line);
        target.reset();
      }
    }
    return null;
  }

  private static String describeBase(CheckpointInfo checkpoint, List<String> skipped) {
    String base = checkpoint == null
        ? "; no checkpoint covers the entries before it"
        : " after checkpoint " + checkpoint.name();
    return skipped.isEmpty() ? base : base + " (skipped: " + String.join("; ", skipped) + ")";
  }

  /** Segment files of {@code names} by first sequence; only the last may be open. */
  static List<SegmentInfo> orderedSegments(List<String> names) throws CorruptJournalException {
    List<SegmentInfo> segments = new ArrayList<>();
    for (String name : names) {
      long[] range = JournalFormat.parseSegmentName(name);
      if (range != null) {
        segments.add(new SegmentInfo(name, range[0], range[1]));
      }
    }
    segments.sort(Comparator.comparingLong(SegmentInfo::first));
    for (int i = 0; i < segments.size() - 1; i++) {
      if (segments.get(i).open()) {
        throw new CorruptJournalException(segments.get(i).name(), 0, segments.get(i).first(),
            "an open segment is followed by " + segments.get(i + 1).name()
                + "; only the last segment may be open");
      }
    }
    return segments;
  }

  private void removeTemporaries(List<String> names) throws IOException {
    for (String name : names) {
      if (name.endsWith(".tmp") && JournalFormat.isQuireFile(name)) {
        // A checkpoint temporary may be another master's write in progress (a secondary's):
        // that write fails at its rename and is retried; a crashed one is never finished.
        LOG.info("Removing leftover temporary file {} in {}", name, storage.uri());
        storage.delete(name);
      }
    }
  }

  private String cutTornTail(SegmentReader reader, SegmentReader.Outcome outcome)
      throws IOException {
    long from = outcome.validLength();
    long cut = reader.size() - from;
    String side = JournalFormat.tornSideFileName(reader.name(), from);
    storage.delete(side);
    try (InputStream in = storage.openRead(reader.name(), from);
        AppendableFile out = storage.create(side)) {
      out.append(ByteBuffer.wrap(in.readAllBytes()));
      out.sync();
    }
    if (from == 0) {
      storage.delete(reader.name());
    } else {
      storage.truncate(reader.name(), from);
    }
    String line = "cut a torn tail of " + cut + " bytes from " + reader.name() + " at offset "
        + from + " (" + outcome.failure().problem() + "); the bytes are kept in " + side;
    LOG.warn("Journal repair: {}", line);
    return line;
  }

  private static String describeTorn(SegmentReader reader, SegmentReader.Outcome outcome) {
    return "torn tail of " + (reader.size() - outcome.validLength()) + " bytes in "
        + reader.name() + " at offset " + outcome.validLength() + " ("
        + outcome.failure().problem() + "); a master would cut it on start";
  }
}
