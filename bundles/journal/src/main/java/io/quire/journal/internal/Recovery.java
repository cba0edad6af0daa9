package io.quire.journal.internal;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.EntryConsumer;
import io.quire.journal.JournalFormat;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
 *   <li>Order segments by first sequence. At most one may be open, and only the last; each must
 *       start right after the previous one ends. Anything else is corruption.
 *   <li>Replay each segment. In a sealed segment every record must be valid and the count must
 *       match the name's range.
 *   <li>In the open segment, a failure is classified by {@link SegmentReader}: a torn tail is cut
 *       at the last valid record after its bytes are copied to a side file (synced first, so the
 *       evidence survives the cut); any other failure is corruption and stops the start.
 * </ol>
 */
public final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** What recovery leaves for the writer. */
  public record Result(long lastSequence, long entries, List<SegmentInfo> segments,
      List<String> repairs) {}

  private final JournalStorage storage;
  private final UUID clusterId;

  public Recovery(JournalStorage storage, UUID clusterId) {
    this.storage = storage;
    this.clusterId = clusterId;
  }

  /**
   * @param repair false for the offline verifier: report a torn tail, change nothing
   */
  public Result run(EntryConsumer consumer, boolean repair) throws IOException {
    List<String> names = storage.list();
    if (repair) {
      removeTemporaries(names);
    }
    List<SegmentInfo> segments = orderedSegments(names);
    long expected = segments.isEmpty() ? 1 : segments.get(0).first();
    long entries = 0;
    List<String> repairs = new ArrayList<>();
    List<SegmentInfo> kept = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      SegmentInfo segment = segments.get(i);
      if (segment.first() != expected) {
        throw new CorruptJournalException(segment.name(), 0, expected, "gap in sequence numbers: "
            + "expected a segment starting at " + expected + ", found one starting at "
            + segment.first());
      }
      SegmentReader reader = new SegmentReader(storage, segment.name());
      SegmentReader.Outcome outcome = reader.read(segment.first(), clusterId, segment.open(), consumer);
      entries += outcome.records();
      if (outcome.failure() != null) {
        if (!outcome.failure().torn()) {
          throw reader.corruption(outcome.failure());
        }
        repairs.add(repair ? cutTornTail(reader, outcome) : describeTorn(reader, outcome));
        if (outcome.validLength() == 0) {
          expected = outcome.lastSequence() + 1;
          continue; // the whole file was a torn header: it is gone
        }
      } else if (!segment.open() && outcome.lastSequence() != segment.last()) {
        throw new CorruptJournalException(segment.name(), outcome.validLength(),
            outcome.lastSequence() + 1, "segment name promises entries up to " + segment.last()
            + " but the file ends after " + outcome.lastSequence());
      }
      kept.add(segment);
      expected = outcome.lastSequence() + 1;
    }
    return new Result(expected - 1, entries, kept, repairs);
  }

  private List<SegmentInfo> orderedSegments(List<String> names) throws CorruptJournalException {
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
