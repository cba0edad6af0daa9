package io.quire.journal.tool;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.EntryConsumer;
import io.quire.journal.FormatMarker;
import io.quire.journal.JournalFolder;
import io.quire.journal.JournalFormat;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.internal.CheckpointStore;
import io.quire.journal.internal.Recovery;
import io.quire.journal.internal.SegmentInfo;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileReader;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A journal folder opened for reading only: its marker, its checkpoints checked one by one, and
 * a replay of its logs by the master's own {@link Recovery} in report-only mode, so that what
 * the tool says a master would do is what a master does. Changes nothing.
 */
final class OfflineJournal {
  private final JournalStorage storage;
  private final FormatMarker marker;
  private final UUID clusterId;
  private final CheckpointStore checkpoints;
  private final CheckpointRenderer renderer;

  private OfflineJournal(JournalStorage storage, FormatMarker marker,
      CheckpointRenderer renderer) {
    this.storage = storage;
    this.marker = marker;
    this.clusterId = UUID.fromString(marker.clusterId());
    this.checkpoints = new CheckpointStore(storage, clusterId, Clock.systemUTC());
    this.renderer = renderer;
  }

  /**
   * Reads the format marker.
   *
   * @param renderer the master's decoder of checkpoint records; null when there is none
   */
  static OfflineJournal open(JournalStorage storage, CheckpointRenderer renderer)
      throws IOException {
    return new OfflineJournal(storage, JournalFolder.readMarker(storage), renderer);
  }

  JournalStorage storage() {
    return storage;
  }

  FormatMarker marker() {
    return marker;
  }

  UUID clusterId() {
    return clusterId;
  }

  /** Whether checkpoint records can be decoded (the master's renderer is present). */
  boolean decodesRecords() {
    return renderer != null;
  }

  /** Checkpoint file names, newest first: the order a master tries them in. */
  List<String> checkpointNames() throws IOException {
    return CheckpointStore.newestFirst(storage.list());
  }

  /** Segment files by first sequence number. */
  List<SegmentInfo> segments() throws IOException {
    List<SegmentInfo> segments = new ArrayList<>();
    for (String name : storage.list()) {
      long[] range = JournalFormat.parseSegmentName(name);
      if (range != null) {
        segments.add(new SegmentInfo(name, range[0], range[1]));
      }
    }
    segments.sort(Comparator.comparingLong(SegmentInfo::first));
    return segments;
  }

  /**
   * Checks one checkpoint completely, as a master's recovery does: header (a checkpoint of this
   * folder's cluster, at the sequence its name says), every chunk's checksum, the end record and
   * the body's checksum, and the record count.
   *
   * @param records null to check the container only; otherwise the master's renderer (where
   *     present) also decodes the records and hands each one here as a line
   * @return what was found; a failed check is a finding, not an exception
   * @throws IOException the file could not be read at all
   */
  CheckpointFinding inspect(String name, Consumer<String> records) throws IOException {
    long bytes = storage.size(name);
    StateFileHeader header;
    try (InputStream in = storage.openRead(name, 0)) {
      header = StateFileReader.open(in, name).header();
    } catch (CorruptStateFileException e) {
      return new CheckpointFinding(name, JournalFormat.parseCheckpointName(name), bytes, null,
          -1, e);
    }
    Consumer<String> decoded = renderer == null ? null : records;
    try {
      CheckpointInfo info = checkpoints.load(name, new RecoveryTarget() {
        @Override
        public long loadCheckpoint(String source, StateFileHeader found, InputStream body)
            throws IOException {
          return decoded == null ? -1 : renderer.render(source, found, body, decoded);
        }

        @Override
        public void reset() {}

        @Override
        public void accept(long sequence, ByteBuffer entry) {
          throw new IllegalStateException("loading a checkpoint hands out no entries");
        }
      });
      return new CheckpointFinding(name, header.sequence(), bytes, header, info.entries(), null);
    } catch (CorruptStateFileException e) {
      return new CheckpointFinding(name, header.sequence(), bytes, header, -1, e);
    }
  }

  /**
   * Replays the logs as a master's recovery would, reporting a torn tail instead of cutting it.
   * A checkpoint in {@code findings} that failed its checks is refused, so the replay falls back
   * exactly as a master does (which also refuses records its decoder rejects); the one it loads
   * is read once more for its container checks.
   *
   * @param each receives every entry after the loaded checkpoint
   * @throws io.quire.journal.CorruptJournalException the logs after the loaded checkpoint are
   *     broken: a gap, a damaged record, a sealed segment shorter than its name
   */
  Recovery.Result replay(List<CheckpointFinding> findings, EntryConsumer each)
      throws IOException {
    Map<String, CheckpointFinding> byName = new HashMap<>();
    findings.forEach(f -> byName.put(f.name(), f));
    return new Recovery(storage, clusterId, checkpoints).run(new RecoveryTarget() {
      @Override
      public long loadCheckpoint(String source, StateFileHeader header, InputStream body)
          throws IOException {
        CheckpointFinding found = byName.get(source);
        if (found != null && !found.usable()) {
          throw found.problem();
        }
        return -1;
      }

      @Override
      public void reset() {}

      @Override
      public void accept(long sequence, ByteBuffer entry) throws IOException {
        each.accept(sequence, entry);
      }
    }, Recovery.Mode.OFFLINE);
  }

  /**
   * The checkpoint an operator names: {@code newest}, a sequence number, or a file name (a path
   * to the file is fine too).
   *
   * @return its file name, or null if the folder holds no such checkpoint
   */
  String resolveCheckpoint(String wanted) throws IOException {
    List<String> names = checkpointNames();
    if (wanted.equals("newest")) {
      return names.isEmpty() ? null : names.get(0);
    }
    String name = wanted.matches("\\d{1,18}")
        ? JournalFormat.checkpointName(Long.parseLong(wanted))
        : String.valueOf(Path.of(wanted).getFileName());
    return names.contains(name) ? name : null;
  }
}
