package io.quire.journal.internal;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.FormatMarker;
import io.quire.journal.Journal;
import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFolder;
import io.quire.journal.JournalFormat;
import io.quire.journal.JournalMoved;
import io.quire.journal.JournalStatus;
import io.quire.journal.RecoveryResult;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.StateSnapshot;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal of segment files: recovery at start, then group-committed appends to one open
 * segment, sealed and replaced once it passes the configured size.
 *
 * <p>Rolling happens on the sync thread, between batches, so a segment always ends at a record
 * boundary and every record in a sealed segment is durable. Order on roll: sync the batch; close;
 * rename {@code log-F.qlog.open} to {@code log-F-L.qlog} (atomic, folder forced); create
 * {@code log-(L+1).qlog.open}. A crash between the rename and the create leaves only sealed
 * segments, and the next start opens a new segment after them.
 */
public final class SegmentedJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentedJournal.class);
  /**
   * A checkpoint temporary that has not grown for this long is a crashed writer's (a
   * secondary's; this master's own are removed at its start): a live writer writes without
   * pause and renames within seconds.
   */
  static final long STRAY_TEMPORARY_MILLIS = 10 * 60_000;

  /**
   * @param maxLogBytes roll the open segment once it is larger than this
   * @param leaseMillis how long the holder record binds after a heartbeat
   * @param maxPendingBytes appenders wait while this much is buffered and not yet written
   * @param storageTimeoutMillis how long a writer waits for a failing storage (see
   *     {@link GroupCommitLog})
   */
  public record Options(long maxLogBytes, long leaseMillis, long maxPendingBytes,
      long storageTimeoutMillis) {
    /** The default storage timeout: a minute. */
    public static final long STORAGE_TIMEOUT_MILLIS = 60_000;

    public Options(long maxLogBytes, long leaseMillis, long maxPendingBytes) {
      this(maxLogBytes, leaseMillis, maxPendingBytes, STORAGE_TIMEOUT_MILLIS);
    }

    public static Options defaults() {
      return new Options(10L << 20, 10_000, 8L << 20);
    }
  }

  /** The folder written; another one once the journal moved (see {@link #moveTo}). */
  private volatile JournalStorage storage;
  private final Options options;
  private final Clock clock;
  private final ConcurrentSkipListMap<Long, Sealed> sealed = new ConcurrentSkipListMap<>();
  /**
   * Checkpoint temporaries of other writers, by name: the size last seen and since when it has
   * not changed; guarded by {@link #maintenance}.
   */
  private final Map<String, long[]> temporaries = new HashMap<>();
  /** Serializes checkpoints and clean-ups; never taken on the write path. */
  private final Object maintenance = new Object();
  private volatile FormatMarker marker;
  private volatile long openSegmentBytes;
  private volatile long openSegmentFirst;
  private volatile int checkpointCount;
  private volatile CheckpointStore checkpoints;
  private volatile HolderLease lease;
  private volatile GroupCommitLog log;
  private final GroupCommitLog.BatchStats batchStats = new GroupCommitLog.BatchStats();
  private volatile boolean closed;

  /** A sealed segment and its size, which never changes. */
  private record Sealed(SegmentInfo segment, long bytes) {}

  public SegmentedJournal(JournalStorage storage, Options options, Clock clock) {
    this.storage = storage;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public synchronized RecoveryResult recover(RecoveryTarget target) throws IOException {
    if (log != null) {
      throw new IllegalStateException("recover() was already called");
    }
    long start = System.nanoTime();
    holdLease();
    try {
      checkpoints = new CheckpointStore(storage, clusterId(), clock);
      Recovery.Result result = new Recovery(storage, clusterId(), checkpoints)
          .run(target, Recovery.Mode.HOLDER);
      if (lease.tookOverFromRunningHolder()) {
        detachOldWriters(result);
      }
      AppendableFile file = openSegmentFor(result);
      if (result.checkpoint() != null) {
        checkpoints.remember(result.checkpoint());
      }
      checkpointCount = CheckpointStore.newestFirst(storage.list()).size();
      log = new GroupCommitLog(file, result.lastSequence(), options.maxPendingBytes(),
          Duration.ofMillis(options.storageTimeoutMillis()), new GroupCommitLog.Roller() {
            @Override
            public AppendableFile afterSync(AppendableFile current, long durableSequence)
                throws IOException {
              return roll(current, durableSequence);
            }

            @Override
            public AppendableFile reopen(AppendableFile failed, long durableSequence)
                throws IOException {
              return SegmentedJournal.this.reopen(failed, durableSequence);
            }
          }, batchStats, this::checkStillHolder);
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.info("Journal {} recovered: {}{} entries replayed, last sequence {}, {} ms",
          storage.uri(), result.checkpoint() == null ? "" : "checkpoint "
              + result.checkpoint().name() + " loaded, ", result.entries(),
          result.lastSequence(), millis);
      return new RecoveryResult(result.lastSequence(), result.entries(), result.checkpoint(),
          result.repairs(), result.skippedCheckpoints(), millis);
    } catch (IOException | RuntimeException e) {
      lease.close();
      lease = null;
      throw e;
    }
  }

  /** Reads the format marker and takes the holder lease, once. */
  private void holdLease() throws IOException {
    if (lease == null) {
      marker = JournalFolder.readMarkerToServe(storage);
      lease = HolderLease.acquire(storage, clock, options.leaseMillis(), this::onLeaseLost);
    }
  }

  @Override
  public synchronized Optional<String> importState(StateSnapshot state) throws IOException {
    if (log != null) {
      throw new IllegalStateException("importState() after recover()");
    }
    holdLease();
    List<String> names = storage.list();
    List<String> emptySegments = new ArrayList<>();
    for (String name : names) {
      if (JournalFormat.parseCheckpointName(name) >= 0
          || name.endsWith(JournalFormat.corruptCheckpointName(""))) {
        return Optional.of("it holds checkpoint " + name);
      }
      long[] range = JournalFormat.parseSegmentName(name);
      if (range != null) {
        if (range[1] >= range[0] || storage.size(name) > JournalFormat.SEGMENT_HEADER_BYTES) {
          return Optional.of("it holds entries (" + name + ")");
        }
        emptySegments.add(name);
      }
    }
    // No entry anywhere. The empty log file would number from 1, before the imported state;
    // without it, recovery opens the first log file after the checkpoint. It goes once the state
    // is written and synced under the checkpoint's temporary name, so a damaged backup (found
    // while it is copied) leaves the journal as it was, and a crash before the rename leaves
    // an empty one whose temporary file the next start removes.
    checkpoints = new CheckpointStore(storage, clusterId(), clock);
    CheckpointInfo imported = checkpoints.write(state, () -> {
      for (String name : emptySegments) {
        storage.delete(name);
      }
    });
    LOG.info("Journal {} starts from imported state at sequence {}: {} ({} records, {} bytes)",
        storage.uri(), imported.sequence(), imported.name(), imported.entries(),
        imported.bytes());
    return Optional.empty();
  }

  private AppendableFile openSegmentFor(Recovery.Result result) throws IOException {
    AppendableFile open = null;
    for (SegmentInfo segment : result.segments()) {
      if (segment.open()) {
        open = storage.openForAppend(segment.name());
        openSegmentFirst = segment.first();
        openSegmentBytes = storage.size(segment.name());
      } else {
        sealed.put(segment.first(), new Sealed(segment, storage.size(segment.name())));
      }
    }
    return open != null ? open : startSegment(result.lastSequence() + 1);
  }

  /**
   * After a takeover from a holder that may still be running: the open segment (its torn tail
   * already cut) is put out of the old holder's reach before this master appends to it
   * ({@link JournalStorage#detachWriters}; on NFS, written anew under its name). The old holder
   * checks its lease before each write (see {@link HolderLease}); one paused exactly between
   * that check and its write would still write once through the file it holds.
   */
  private void detachOldWriters(Recovery.Result result) throws IOException {
    for (SegmentInfo segment : result.segments()) {
      if (segment.open()) {
        storage.detachWriters(segment.name());
      }
    }
  }

  private AppendableFile startSegment(long first) throws IOException {
    AppendableFile file = storage.create(JournalFormat.openSegmentName(first));
    file.append(RecordEncoder.segmentHeader(first, clusterId()));
    openSegmentFirst = first;
    openSegmentBytes = file.position();
    return file;
  }

  /** Runs on the sync thread after each durable batch. */
  private AppendableFile roll(AppendableFile current, long durableSequence) throws IOException {
    long size = current.position();
    openSegmentBytes = size;
    if (size < options.maxLogBytes()) {
      return current;
    }
    current.close();
    SegmentInfo done = new SegmentInfo(
        JournalFormat.sealedSegmentName(openSegmentFirst, durableSequence), openSegmentFirst,
        durableSequence);
    storage.rename(current.name(), done.name());
    sealed.put(done.first(), new Sealed(done, size));
    return startSegment(durableSequence + 1);
  }

  /**
   * After a failed write, sync or roll (see {@link GroupCommitLog.Roller#reopen}): the open
   * segment cut back to its durable bytes and opened for append, or, when the roll had already
   * sealed it, a new segment after {@code durableSequence}. Only while this master still holds
   * the folder: a master that lost it must not cut a file another master now writes.
   */
  private AppendableFile reopen(AppendableFile failed, long durableSequence) throws IOException {
    try {
      failed.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing the failed journal file {}: {}", failed.name(), e.toString());
    }
    if (closed) {
      throw new JournalClosedException("the journal is closed");
    }
    lease.checkHeld();
    String open = JournalFormat.openSegmentName(openSegmentFirst);
    if (!storage.exists(open)) {
      if (!sealed.containsKey(openSegmentFirst)) {
        throw new JournalClosedException("the open journal segment " + open + " of "
            + storage.uri() + " is gone while entries up to " + durableSequence
            + " are durable in it");
      }
      // the roll sealed it and then failed before the next segment was whole
      return startSegmentAgain(durableSequence + 1);
    }
    long durableBytes = openSegmentBytes;
    storage.recover(open); // HDFS: until its lease is recovered, its length is not final
    long size = storage.size(open);
    if (size < durableBytes) {
      if (openSegmentFirst == durableSequence + 1) {
        // a new segment whose header never became durable: nothing durable is in it
        return startSegmentAgain(openSegmentFirst);
      }
      throw new JournalClosedException("journal segment " + open + " of " + storage.uri()
          + " holds " + size + " bytes but " + durableBytes + " were synced (entries to sequence "
          + durableSequence + "): run bin/quire journal verify");
    }
    if (size > durableBytes) {
      storage.truncate(open, durableBytes);
    }
    LOG.info("Journal storage: reopened {} at its durable length {} (sequence {})", open,
        durableBytes, durableSequence);
    return storage.openForAppend(open);
  }

  /** Starts segment {@code first} anew, over an unfinished one that holds nothing durable. */
  private AppendableFile startSegmentAgain(long first) throws IOException {
    String name = JournalFormat.openSegmentName(first);
    if (storage.exists(name)) {
      storage.delete(name);
    }
    LOG.info("Journal storage: starting segment {} again", name);
    return startSegment(first);
  }

  /** A storage service was bound (see {@link SwappableStorage}): retry a held write now. */
  void storageBound() {
    GroupCommitLog current = log;
    if (current != null) {
      current.retryNow();
    }
  }

  /** The log's fence: the lease of the folder being written (it changes with a move). */
  private void checkStillHolder() throws IOException {
    HolderLease current = lease;
    if (current != null) {
      current.checkWritable();
    }
  }

  private void onLeaseLost(String why) {
    LOG.error("Stopping journal writes: {}", why);
    GroupCommitLog current = log;
    if (current != null) {
      current.fail(new JournalClosedException(why));
    }
  }

  @Override
  public long append(byte[] entry) throws IOException {
    return writer().append(entry);
  }

  @Override
  public void awaitDurable(long sequence) throws IOException, InterruptedException {
    writer().awaitDurable(sequence);
  }

  private GroupCommitLog writer() throws JournalClosedException {
    GroupCommitLog current = log;
    if (current == null) {
      throw new JournalClosedException("the journal has not been recovered yet");
    }
    return current;
  }

  @Override
  public CheckpointInfo checkpoint(StateSnapshot snapshot)
      throws IOException, InterruptedException {
    long sequence = snapshot.sequence();
    if (sequence > 0) {
      writer().awaitDurable(sequence); // a checkpoint never holds what a crash could take back
    }
    synchronized (maintenance) {
      checkWritable();
      CheckpointInfo written = checkpoints.writeIfNewer(snapshot);
      cleanUp();
      return written;
    }
  }

  @Override
  public void cleanUp() throws IOException {
    synchronized (maintenance) {
      checkWritable();
      List<String> names = storage.list();
      List<CheckpointInfo> kept = new ArrayList<>(2);
      int remaining = 0;
      for (String name : CheckpointStore.newestFirst(names)) {
        if (kept.size() == 2) {
          LOG.info("Deleting checkpoint {}: two newer checkpoints are kept", name);
          storage.delete(name);
          checkpoints.forget(name);
          continue;
        }
        CheckpointInfo info;
        try {
          info = checkpoints.checkOnce(name);
        } catch (CorruptStateFileException e) {
          String aside = JournalFormat.corruptCheckpointName(name);
          LOG.warn("Checkpoint {} fails its checks ({}); renamed to {} and not used",
              name, e.getMessage(), aside);
          storage.rename(name, aside);
          continue;
        }
        kept.add(info);
        remaining++;
      }
      checkpointCount = remaining;
      removeStrayTemporaries(names);
      // A checkpoint a follower wrote may run ahead of what this master has synced; until the
      // logs durably reach it, it may yet be set aside (see Recovery), so it frees nothing.
      if (kept.size() == 2 && kept.get(0).sequence() <= writer().durableSequence()) {
        deleteLogsUpTo(kept.get(1).sequence());
      }
    }
  }

  private void removeStrayTemporaries(List<String> names) throws IOException {
    long now = clock.millis();
    temporaries.keySet().retainAll(names);
    for (String name : names) {
      if (!JournalFormat.isCheckpointTemporary(name)) {
        continue;
      }
      long size;
      try {
        size = storage.size(name);
      } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException renamed) {
        continue; // its writer finished it meanwhile
      }
      long[] seen = temporaries.get(name);
      if (seen == null || seen[0] != size) {
        temporaries.put(name, new long[] {size, now});
      } else if (now - seen[1] >= STRAY_TEMPORARY_MILLIS) {
        LOG.info("Removing {}: a checkpoint another master began and left unfinished ({} bytes, "
            + "unchanged for {} s)", name, size, (now - seen[1]) / 1000);
        storage.delete(name);
        temporaries.remove(name);
      }
    }
  }

  /** Deletes sealed segments whose every entry is at or before {@code sequence}, oldest first. */
  private void deleteLogsUpTo(long sequence) throws IOException {
    for (Sealed s : sealed.values()) {
      if (s.segment().last() > sequence) {
        break;
      }
      checkWritable(); // a master that lost the folder deletes nothing more
      storage.delete(s.segment().name());
      sealed.remove(s.segment().first());
      LOG.debug("Deleted {}: covered by checkpoint {}", s.segment().name(), sequence);
    }
  }

  @Override
  public JournalMoved moveTo(JournalStorage target, StateSnapshot snapshot)
      throws IOException, InterruptedException {
    synchronized (maintenance) { // no checkpoint or clean-up of the folder being left meanwhile
      checkWritable();
      JournalStorage from = storage;
      if (target.uri().equals(from.uri())) {
        throw new IOException("the journal is in " + from.uri() + " already");
      }
      long start = System.nanoTime();
      long base = snapshot.sequence();
      if (base > 0) {
        writer().awaitDurable(base); // the new folder starts from durable state only
      }
      prepareMoveTarget(target);
      Move move = new Move(from, target, base);
      move.lease = HolderLease.acquire(target, clock, options.leaseMillis(), move::leaseLost);
      try {
        move.checkpoints = new CheckpointStore(target, clusterId(), clock);
        move.checkpoint = move.checkpoints.write(snapshot);
        // the moved record, whole under its temporary name, so that the switch is one rename
        writeWhole(from, MOVED_TEMPORARY, MovedRecordCodec.encode(new JournalMoved(
            target.uri().toString(), marker.clusterId(), JournalMoved.UNKNOWN, clock.instant())));
        writer().between(move::switchOver);
      } catch (IOException | RuntimeException | InterruptedException e) {
        if (!move.switched) {
          move.lease.close();
          deleteQuietly(from, MOVED_TEMPORARY);
          LOG.warn("Moving the journal to {} failed before the switch; it stays in {}: {}",
              target.uri(), from.uri(), e.toString());
        }
        throw e;
      }
      move.afterSwitch();
      LOG.info("Journal moved from {} to {} after sequence {} (checkpoint {}, {} entries copied, "
          + "{} ms, writes held {} ms for the switch); {} holds the journal up to the switch",
          from.uri(), target.uri(), move.moved.lastSequence(), move.checkpoint.name(),
          move.copied, (System.nanoTime() - start) / 1_000_000, move.heldMillis, from.uri());
      return move.moved;
    }
  }

  /**
   * Refuses a folder that holds journal entries, files Quire did not write, or a live master;
   * otherwise clears the Quire files in it (an earlier attempt's checkpoint, a format marker of
   * {@code bin/quire format}) and gives it this journal's format marker.
   */
  private void prepareMoveTarget(JournalStorage target) throws IOException {
    List<String> names = target.list();
    for (String name : names) {
      if (JournalFormat.parseSegmentName(name) != null) {
        throw new IOException("refusing to move the journal to " + target.uri()
            + ": it holds journal entries (" + name + "); give an empty or freshly formatted folder");
      }
      if (!JournalFormat.isQuireFile(name)) {
        throw new IOException("refusing to move the journal to " + target.uri()
            + ": it holds '" + name + "', which Quire did not write; give an empty folder");
      }
    }
    HolderLease.checkNotHeld(target, clock);
    target.createFolder();
    for (String name : names) {
      if (!name.equals(JournalFormat.LOCK)) {
        target.delete(name);
      }
    }
    target.writeAtomically(JournalFormat.FORMAT_MARKER, FormatMarkerCodec.encode(marker));
  }

  /** One move to another folder, while it runs. */
  private final class Move {
    final JournalStorage from;
    final JournalStorage target;
    final long base;
    HolderLease lease;
    CheckpointStore checkpoints;
    CheckpointInfo checkpoint;
    volatile boolean switched;
    JournalMoved moved;
    long copied;
    long heldMillis;
    AppendableFile leftFile;
    HolderLease left;

    Move(JournalStorage from, JournalStorage target, long base) {
      this.from = from;
      this.target = target;
      this.base = base;
    }

    /** The target's lease lost before the switch fails the move; after it, the journal. */
    void leaseLost(String why) {
      if (switched) {
        onLeaseLost(why);
      } else {
        LOG.warn("While moving the journal: {}", why);
      }
    }

    /**
     * On the sync thread, between batches: the entries after the checkpoint into the target's
     * first segment, synced; then the moved record here (the switch); then the target is the
     * journal's folder.
     */
    AppendableFile switchOver(AppendableFile current, long durable) throws IOException {
      long start = System.nanoTime();
      String name = JournalFormat.openSegmentName(base + 1);
      AppendableFile next = target.create(name);
      try {
        next.append(RecordEncoder.segmentHeader(base + 1, clusterId()));
        copied = copyEntries(from, base + 1, durable, next);
        next.flush();
        next.sync();
        lease.checkHeld();
        from.rename(MOVED_TEMPORARY, JournalFormat.MOVED); // the switch
        moved = new JournalMoved(target.uri().toString(), marker.clusterId(), durable,
            clock.instant());
      } catch (IOException | RuntimeException e) {
        closeQuietly(next);
        try {
          target.delete(name);
        } catch (IOException | RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      switched = true;
      leftFile = current; // every byte of it is durable; closed once writes go on
      left = SegmentedJournal.this.lease;
      SegmentedJournal.this.lease = lease;
      storage = target;
      checkpoints.remember(checkpoint);
      SegmentedJournal.this.checkpoints = checkpoints;
      checkpointCount = 1;
      sealed.clear();
      temporaries.clear();
      openSegmentFirst = base + 1;
      openSegmentBytes = next.position();
      heldMillis = (System.nanoTime() - start) / 1_000_000;
      return next;
    }

    /**
     * Once writes go on in the new folder: what need not hold them. The old log is closed and
     * the old folder released (free for inspection at once), and the moved record there gets
     * the last sequence number, which it could not know before the switch.
     */
    void afterSwitch() {
      closeQuietly(leftFile);
      try {
        left.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Releasing {} after the move: {}", from.uri(), e.toString());
      }
      try {
        from.writeAtomically(JournalFormat.MOVED, MovedRecordCodec.encode(moved));
      } catch (IOException | RuntimeException e) {
        LOG.warn("The moved record in {} does not say the last sequence number {} (it still "
            + "names {}): {}", from.uri(), moved.lastSequence(), moved.to(), e.toString());
      }
    }
  }

  /**
   * Appends the records {@code first..last} of {@code folder}'s segments (this journal's own,
   * all durable) to {@code into}.
   *
   * @return how many were copied
   */
  private long copyEntries(JournalStorage folder, long first, long last, AppendableFile into)
      throws IOException {
    if (first > last) {
      return 0;
    }
    List<SegmentInfo> segments = new ArrayList<>();
    for (Sealed s : sealed.values()) {
      if (s.segment().last() >= first) {
        segments.add(s.segment());
      }
    }
    segments.add(new SegmentInfo(JournalFormat.openSegmentName(openSegmentFirst),
        openSegmentFirst, -1));
    ByteBuffer buffer = ByteBuffer.allocate(JournalFormat.RECORD_HEADER_BYTES + JournalFormat.MAX_ENTRY_BYTES);
    long[] next = {first};
    for (SegmentInfo segment : segments) {
      if (segment.first() > last) {
        break;
      }
      SegmentReader reader = new SegmentReader(folder, segment.name());
      SegmentReader.Outcome outcome = reader.read(segment.first(), clusterId(), false,
          (sequence, entry) -> {
            if (sequence < next[0] || sequence > last) {
              return;
            }
            byte[] payload = new byte[entry.remaining()];
            entry.get(payload);
            if (buffer.remaining() < RecordEncoder.recordBytes(payload)) {
              buffer.flip();
              into.append(buffer);
              buffer.clear();
            }
            RecordEncoder.putRecord(buffer, sequence, payload);
            next[0] = sequence + 1;
          });
      if (outcome.failure() != null && next[0] <= last) {
        throw reader.corruption(outcome.failure());
      }
    }
    buffer.flip();
    into.append(buffer);
    if (next[0] != last + 1) {
      throw new IOException("copying entries " + first + " to " + last + " from " + folder.uri()
          + " found them only up to " + (next[0] - 1));
    }
    return last - first + 1;
  }

  /** The moved record under its temporary name, ready for the switch's rename. */
  private static final String MOVED_TEMPORARY = JournalFormat.MOVED + ".tmp";

  /** Writes a small file whole under {@code name} (created anew), synced. */
  private static void writeWhole(JournalStorage folder, String name, byte[] content)
      throws IOException {
    deleteQuietly(folder, name);
    try (AppendableFile file = folder.create(name)) {
      file.append(ByteBuffer.wrap(content));
      file.flush();
      file.sync();
    }
  }

  private static void deleteQuietly(JournalStorage folder, String name) {
    try {
      folder.delete(name);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Deleting {} in {}: {}", name, folder.uri(), e.toString());
    }
  }

  private static void closeQuietly(AppendableFile file) {
    try {
      file.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing {}: {}", file.name(), e.toString());
    }
  }

  /** Refuses maintenance unless this journal is open and still holds the folder. */
  private void checkWritable() throws JournalClosedException {
    if (closed) {
      throw new JournalClosedException("the journal is closed");
    }
    GroupCommitLog current = writer();
    IOException failure = current.failure();
    if (failure != null) {
      throw new JournalClosedException("the journal stopped: " + failure.getMessage());
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
    GroupCommitLog current = log;
    long last = current == null ? 0 : current.lastSequence();
    IOException failure = current == null ? null : current.failure();
    long logBytes = openSegmentBytes;
    for (Sealed s : sealed.values()) {
      logBytes += s.bytes();
    }
    CheckpointStore store = checkpoints;
    CheckpointInfo checkpoint = store == null ? null : store.newest();
    long sinceCheckpoint = last - (checkpoint == null ? 0 : checkpoint.sequence());
    return new JournalStatus(storage.uri().toString(), storage.type(), last,
        current == null ? 0 : current.durableSequence(), Math.max(0, sinceCheckpoint),
        sealed.size() + 1, logBytes, failure == null ? null : failure.getMessage(), checkpoint,
        checkpointCount);
  }

  /** The storage's last error while writes are held for it to come back; empty otherwise. */
  public Optional<IOException> storageProblem() {
    GroupCommitLog current = log;
    return current == null ? Optional.empty() : current.storageProblem();
  }

  /** How many times the storage began failing and writes were held until it came back. */
  public long storageOutages() {
    GroupCommitLog current = log;
    return current == null ? 0 : current.outages();
  }

  /** What the sync thread wrote since this journal opened; observable before recovery. */
  public GroupCommitLog.BatchStats batchStats() {
    return batchStats;
  }

  @Override
  public synchronized void close() throws IOException {
    if (log == null) {
      if (lease != null && !closed) {
        closed = true; // held for an import, never recovered
        lease.close();
      }
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    synchronized (maintenance) {
      // a checkpoint or clean-up in progress ends before the lease is released, so that no
      // file is deleted once another master may hold the folder
    }
    try {
      log.close();
    } finally {
      try {
        log.file().close();
      } finally {
        lease.close();
      }
    }
  }
}
