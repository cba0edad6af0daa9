package io.quire.journal.internal;

import io.quire.journal.EntryConsumer;
import io.quire.journal.FormatMarker;
import io.quire.journal.Journal;
import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalFolder;
import io.quire.journal.JournalFormat;
import io.quire.journal.JournalStatus;
import io.quire.journal.RecoveryResult;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.time.Clock;
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
   * @param maxLogBytes roll the open segment once it is larger than this
   * @param leaseMillis how long the holder record binds after a heartbeat
   * @param maxPendingBytes appenders wait while this much is buffered and not yet written
   */
  public record Options(long maxLogBytes, long leaseMillis, long maxPendingBytes) {
    public static Options defaults() {
      return new Options(10L << 20, 10_000, 8L << 20);
    }
  }

  private final JournalStorage storage;
  private final Options options;
  private final Clock clock;
  private final ConcurrentSkipListMap<Long, SegmentInfo> sealed = new ConcurrentSkipListMap<>();
  private volatile FormatMarker marker;
  private volatile long sealedBytes;
  private volatile long openSegmentBytes;
  private volatile long openSegmentFirst;
  private HolderLease lease;
  private GroupCommitLog log;

  public SegmentedJournal(JournalStorage storage, Options options, Clock clock) {
    this.storage = storage;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public synchronized RecoveryResult recover(EntryConsumer consumer) throws IOException {
    if (log != null) {
      throw new IllegalStateException("recover() was already called");
    }
    long start = System.nanoTime();
    marker = JournalFolder.readMarker(storage);
    lease = HolderLease.acquire(storage, clock, options.leaseMillis(), this::onLeaseLost);
    try {
      Recovery.Result result = new Recovery(storage, clusterId()).run(consumer, true);
      AppendableFile file = openSegmentFor(result);
      log = new GroupCommitLog(file, result.lastSequence(), options.maxPendingBytes(), this::roll);
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.info("Journal {} recovered: {} entries replayed, last sequence {}, {} ms",
          storage.uri(), result.entries(), result.lastSequence(), millis);
      return new RecoveryResult(result.lastSequence(), result.entries(), result.repairs(), millis);
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private AppendableFile openSegmentFor(Recovery.Result result) throws IOException {
    AppendableFile open = null;
    for (SegmentInfo segment : result.segments()) {
      if (segment.open()) {
        open = storage.openForAppend(segment.name());
        openSegmentFirst = segment.first();
        openSegmentBytes = storage.size(segment.name());
      } else {
        sealed.put(segment.first(), segment);
        sealedBytes += storage.size(segment.name());
      }
    }
    return open != null ? open : startSegment(result.lastSequence() + 1);
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
    sealed.put(done.first(), done);
    sealedBytes += size;
    return startSegment(durableSequence + 1);
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
    return new JournalStatus(storage.uri().toString(), storage.type(), last,
        current == null ? 0 : current.durableSequence(), last, sealed.size() + 1,
        sealedBytes + openSegmentBytes, failure == null ? null : failure.getMessage());
  }

  /** Batches written by the sync thread. */
  public GroupCommitLog.BatchStats batchStats() {
    return log.stats();
  }

  @Override
  public synchronized void close() throws IOException {
    if (log == null) {
      return;
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
