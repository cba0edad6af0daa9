package io.quire.journal.internal;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.CorruptJournalException;
import io.quire.journal.FollowProgress;
import io.quire.journal.FormatMarker;
import io.quire.journal.Journal;
import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFolder;
import io.quire.journal.JournalFormat;
import io.quire.journal.JournalMoved;
import io.quire.journal.JournalMovedException;
import io.quire.journal.JournalStatus;
import io.quire.journal.RecoveryResult;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.StateSnapshot;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.storage.JournalStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal folder that another master (the holder) writes, read as it grows: what a secondary
 * master follows. It never takes the holder lease, never appends, and never repairs, renames or
 * deletes a file; the only files it writes are its own checkpoints (under its own temporary
 * names), which the holder then uses to delete old logs.
 *
 * <p>Following: after {@link #recover} the journal knows the segment and offset where the valid
 * records end; each {@link #follow} reads the records appended since, up to the size the file
 * has at that moment. A record the file ends inside of is a write in progress: reading stops
 * before it and tries again next time. When the holder seals the open segment (a rename), the
 * follower finds it under its sealed name and reads on at the same offset, then goes on to the
 * next segment. If the holder's clean-up deleted the segment the follower needs next (the
 * follower fell that far behind), it starts over from the newest checkpoint, as on start.
 *
 * <p>Only whole, checksummed records are read, and the holder's repair of a torn tail after a
 * crash cuts only a partial record, so what a follower applied stays in the logs. The one
 * exception, a machine crash that takes back written but unsynced bytes, is handled at the next
 * recovery, which sets aside a checkpoint that runs ahead of the logs.
 */
public final class FollowingJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(FollowingJournal.class);
  private static final String OVERTAKEN = "the logs no longer hold the next entry (the holder's "
      + "clean-up deleted them: this follower fell behind)";

  private final JournalStorage storage;
  private final Clock clock;
  private final Object maintenance = new Object();
  private final Set<String> reportedBad = new HashSet<>();
  private volatile FormatMarker marker;
  private volatile CheckpointStore checkpoints;
  private volatile boolean recovered;
  private volatile boolean closed;
  private volatile int checkpointCount;
  private volatile int logFileCount;
  private volatile long logBytes;
  // where reading goes on; guarded by this
  private SegmentInfo segment; // null: between segments, looking for the one after lastSequence
  private long offset; // 0: the segment's header is not read yet
  private volatile long lastSequence;
  private boolean mustRestart; // guarded by this

  public FollowingJournal(JournalStorage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * Loads the newest good checkpoint and the entries after it, as a master's start does, but
   * changes nothing in the folder: a torn tail is where the holder is writing, or, after its
   * crash, the holder's to cut.
   */
  @Override
  public synchronized RecoveryResult recover(RecoveryTarget target) throws IOException {
    if (recovered) {
      throw new IllegalStateException("recover() was already called");
    }
    marker = JournalFolder.readMarkerToServe(storage);
    checkpoints = new CheckpointStore(storage, clusterId(), clock);
    RecoveryResult result = load(target);
    recovered = true;
    refreshFolder();
    return result;
  }

  private RecoveryResult load(RecoveryTarget target) throws IOException {
    long start = System.nanoTime();
    Recovery.Result result = new Recovery(storage, clusterId(), checkpoints)
        .run(target, Recovery.Mode.FOLLOWER);
    lastSequence = result.lastSequence();
    if (result.tail() != null && result.tail().validLength() > 0) {
      segment = result.tail().segment();
      offset = result.tail().validLength();
    } else {
      segment = null;
      offset = 0;
    }
    if (result.checkpoint() != null) {
      checkpoints.remember(result.checkpoint());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.info("Journal {} followed from {}: {}{} entries read, last sequence {}, {} ms",
        storage.uri(), segment == null ? "the next segment" : segment.name() + " at " + offset,
        result.checkpoint() == null ? "" : "checkpoint " + result.checkpoint().name()
            + " loaded, ", result.entries(), result.lastSequence(), millis);
    return new RecoveryResult(result.lastSequence(), result.entries(), result.checkpoint(),
        List.of(), result.skippedCheckpoints(), millis);
  }

  @Override
  public synchronized FollowProgress follow(RecoveryTarget target) throws IOException {
    if (!recovered || closed) {
      throw new JournalClosedException(closed ? "the journal is closed"
          : "the journal has not been recovered yet");
    }
    if (mustRestart) {
      FollowProgress progress = restart(target, "a failed read left the follower's state unknown");
      mustRestart = false;
      return progress;
    }
    try {
      // the moved record is written after the last entry here is durable: read up to it first
      Optional<JournalMoved> moved = JournalFolder.readMoved(storage);
      FollowProgress progress = readOn(target);
      if (moved.isPresent() && lastSequence >= moved.get().lastSequence()) {
        throw new JournalMovedException(storage.uri().toString(), moved.get());
      }
      return progress;
    } catch (JournalMovedException e) {
      throw e; // everything up to the switch was read: nothing to read again
    } catch (IOException | RuntimeException e) {
      // the target may hold part of a batch whose entries this journal did not count as read
      mustRestart = true;
      throw e;
    }
  }

  private FollowProgress readOn(RecoveryTarget target) throws IOException {
    long before = lastSequence;
    while (true) {
      if (segment == null && !findNext()) {
        return new FollowProgress(lastSequence - before, false, null);
      }
      if (segment == null) { // the next segment is gone: the holder's clean-up overtook us
        return restart(target, OVERTAKEN);
      }
      SegmentReader reader;
      SegmentReader.Outcome outcome;
      long[] handedOn = {0};
      try {
        // the name may go at any moment: the holder seals the open segment by renaming it
        reader = new SegmentReader(storage, segment.name());
        outcome = reader.readFrom(offset, lastSequence + 1, segment.first(), clusterId(),
            (sequence, entry) -> {
              target.accept(sequence, entry);
              handedOn[0]++;
            });
      } catch (NoSuchFileException | FileNotFoundException gone) {
        if (handedOn[0] > 0) {
          throw gone; // the target holds entries this journal did not count: start over
        }
        if (segment.open() && findSealed(segment.first())) {
          continue; // sealed meanwhile: read on under its new name
        }
        return restart(target, OVERTAKEN);
      }
      lastSequence = Math.max(lastSequence, outcome.lastSequence());
      offset = Math.max(offset, outcome.validLength());
      if (outcome.failure() != null) {
        if (!segment.open()) {
          throw reader.corruption(outcome.failure());
        }
        // the holder is writing this record, or will cut it as a torn tail when it restarts
        String waiting = outcome.failure().torn() ? null
            : reader.corruption(outcome.failure()).getMessage();
        return new FollowProgress(lastSequence - before, false, waiting);
      }
      if (segment.open()) {
        return new FollowProgress(lastSequence - before, false, null);
      }
      if (lastSequence != segment.last()) {
        throw new CorruptJournalException(segment.name(), offset, lastSequence + 1,
            "segment name promises entries up to " + segment.last() + " but the file ends after "
                + lastSequence);
      }
      segment = null;
      offset = 0;
    }
  }

  /** Starts over from the newest checkpoint and the logs after it. */
  private FollowProgress restart(RecoveryTarget target, String why) throws IOException {
    LOG.warn("Following {} again from the newest checkpoint: {} (next entry needed: {})",
        storage.uri(), why, lastSequence + 1);
    target.reset();
    return new FollowProgress(load(target).entriesReplayed(), true, null);
  }

  /**
   * Looks for the segment holding the entry after {@link #lastSequence}.
   *
   * @return false if there is none yet (the holder has not written it); true with
   *     {@link #segment} set, or true with it null if later segments exist but not that one
   */
  private boolean findNext() throws IOException {
    long wanted = lastSequence + 1;
    boolean later = false;
    for (String name : storage.list()) {
      long[] range = JournalFormat.parseSegmentName(name);
      if (range == null) {
        continue;
      }
      boolean open = range[1] < 0;
      if (range[0] <= wanted && (open || range[1] >= wanted)) {
        segment = new SegmentInfo(name, range[0], range[1]);
        offset = 0;
        return true;
      }
      later |= range[0] > wanted;
    }
    return later;
  }

  private boolean findSealed(long first) throws IOException {
    for (String name : storage.list()) {
      long[] range = JournalFormat.parseSegmentName(name);
      if (range != null && range[0] == first && range[1] >= 0) {
        segment = new SegmentInfo(name, range[0], range[1]);
        return true;
      }
    }
    return false;
  }

  private Long sizeOrNull(String name) throws IOException {
    try {
      return storage.size(name);
    } catch (NoSuchFileException | FileNotFoundException e) {
      return null; // deleted by the holder's clean-up since the listing
    }
  }

  /**
   * Writes a checkpoint of the follower's state under this process's own temporary name. The
   * entries it covers were read from the logs, so they are there (see the class comment for the
   * one exception and how recovery handles it).
   */
  @Override
  public CheckpointInfo checkpoint(StateSnapshot snapshot) throws IOException {
    synchronized (maintenance) {
      if (closed) {
        throw new JournalClosedException("the journal is closed");
      }
      CheckpointInfo written = checkpoints.writeIfNewer(snapshot);
      refreshFolder();
      return written;
    }
  }

  /**
   * Deletes nothing (the holder does): looks at the folder again for checkpoints others wrote
   * and for the log files' count and size.
   */
  @Override
  public void cleanUp() throws IOException {
    synchronized (maintenance) {
      if (!closed && recovered) {
        refreshFolder();
      }
    }
  }

  private void refreshFolder() throws IOException {
    synchronized (maintenance) {
      List<String> names = storage.list();
      int files = 0;
      long bytes = 0;
      for (String name : names) {
        if (JournalFormat.parseSegmentName(name) != null) {
          Long size = sizeOrNull(name);
          if (size != null) {
            files++;
            bytes += size;
          }
        }
      }
      logFileCount = files;
      logBytes = bytes;
      int good = 0;
      for (String name : CheckpointStore.newestFirst(names)) {
        if (reportedBad.contains(name)) {
          continue;
        }
        try {
          checkpoints.checkOnce(name);
          good++;
        } catch (CorruptStateFileException e) {
          reportedBad.add(name);
          LOG.warn("Checkpoint {} fails its checks ({}); not used", name, e.getMessage());
        } catch (NoSuchFileException | FileNotFoundException e) {
          // deleted by the holder's clean-up meanwhile
        }
      }
      checkpoints.forgetAllBut(names);
      checkpointCount = good;
    }
  }

  @Override
  public long append(byte[] entry) throws IOException {
    throw new JournalClosedException("this master follows the journal (a secondary master) and "
        + "never writes entries");
  }

  @Override
  public void awaitDurable(long sequence) throws IOException {
    if (sequence > lastSequence) {
      throw new JournalClosedException("this master follows the journal and has read entries "
          + "up to " + lastSequence + " only");
    }
  }

  @Override
  public FormatMarker format() {
    return marker;
  }

  private UUID clusterId() {
    return UUID.fromString(marker.clusterId());
  }

  @Override
  public JournalStatus status() {
    long last = lastSequence;
    CheckpointStore store = checkpoints;
    CheckpointInfo checkpoint = store == null ? null : store.newest();
    long since = Math.max(0, last - (checkpoint == null ? 0 : checkpoint.sequence()));
    return new JournalStatus(storage.uri().toString(), storage.type(), last, last, since,
        logFileCount, logBytes, null, checkpoint, checkpointCount);
  }

  @Override
  public void close() {
    synchronized (maintenance) {
      closed = true; // a checkpoint being written ends first
    }
  }
}
