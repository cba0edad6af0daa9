package io.quire.journal.internal;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.JournalFormat;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.StateSnapshot;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileReader;
import io.quire.journal.state.StateFileWriter;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.AppendableFileOutput;
import io.quire.journal.storage.JournalStorage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint files in a journal folder: writing one so that it appears whole or not at all,
 * checking one, and loading the newest good one.
 *
 * <p>Writing, in this order: create {@code checkpoint-S.qckpt.<writer>.tmp}; write header, state
 * and end; sync; rename to {@code checkpoint-S.qckpt} (the storage forces the folder); read it
 * back and check every checksum and the record count. Only a checkpoint that passed that check
 * is ever used to delete anything (see {@link SegmentedJournal#cleanUp}). A crash before the
 * rename leaves a temporary file that the next recovery removes; after it, a whole checkpoint.
 */
public final class CheckpointStore {
  private static final int IO_BUFFER = 256 << 10;
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  private final JournalStorage storage;
  private final UUID clusterId;
  private final Clock clock;
  private final String writer;
  /** Checkpoints known to pass every check, by name: each file is checked once. */
  private final Map<String, CheckpointInfo> good = new HashMap<>(); // guarded by this
  private volatile CheckpointInfo newest;

  public CheckpointStore(JournalStorage storage, UUID clusterId, Clock clock) {
    this.storage = storage;
    this.clusterId = clusterId;
    this.clock = clock;
    this.writer = String.format("%08x", ThreadLocalRandom.current().nextInt());
  }

  /**
   * The newest good checkpoint this store knows of (written, checked, or loaded by a recovery
   * and then {@link #remember remembered}), or null.
   */
  public CheckpointInfo newest() {
    return newest;
  }

  /** Records a checkpoint known to be good (one a recovery loaded). */
  public synchronized void remember(CheckpointInfo info) {
    good.put(info.name(), info);
    CheckpointInfo current = newest;
    if (current == null || info.sequence() > current.sequence()) {
      newest = info;
    }
  }

  /** Drops what is known about a deleted checkpoint. */
  public synchronized void forget(String name) {
    good.remove(name);
  }

  /** Drops what is known about checkpoints not among {@code names} (deleted files). */
  public synchronized void forgetAllBut(Collection<String> names) {
    good.keySet().retainAll(names);
  }

  /**
   * Writes a checkpoint of {@code snapshot} (see {@link #write}) unless the newest known one
   * already covers its sequence number, which is then returned.
   */
  public synchronized CheckpointInfo writeIfNewer(StateSnapshot snapshot) throws IOException {
    CheckpointInfo current = newest;
    if (current != null && current.sequence() >= snapshot.sequence()) {
      return current;
    }
    CheckpointInfo written = write(snapshot);
    remember(written);
    LOG.info("Checkpoint {} written and checked: {} records, {} bytes, {} ms", written.name(),
        written.entries(), written.bytes(), written.durationMillis());
    return written;
  }

  /** {@link #check}, but only the first time a file passes: then its result is remembered. */
  public synchronized CheckpointInfo checkOnce(String name) throws IOException {
    CheckpointInfo info = good.get(name);
    if (info == null) {
      info = check(name);
      remember(info);
    }
    return info;
  }

  /** Checkpoint file names in {@code names}, newest (highest sequence) first. */
  public static List<String> newestFirst(List<String> names) {
    List<String> checkpoints = new ArrayList<>();
    for (String name : names) {
      if (JournalFormat.parseCheckpointName(name) >= 0) {
        checkpoints.add(name);
      }
    }
    checkpoints.sort(Comparator.comparingLong(JournalFormat::parseCheckpointName).reversed());
    return checkpoints;
  }

  /** Writes, renames and checks a checkpoint of {@code snapshot}. */
  public CheckpointInfo write(StateSnapshot snapshot) throws IOException {
    return write(snapshot, () -> { });
  }

  /** What runs between a checkpoint's sync under its temporary name and its rename. */
  @FunctionalInterface
  public interface BeforeRename {
    void run() throws IOException;
  }

  /**
   * {@link #write(StateSnapshot)}, with {@code beforeRename} run once the checkpoint is whole
   * and synced under its temporary name (if it throws, the temporary file is deleted).
   */
  public CheckpointInfo write(StateSnapshot snapshot, BeforeRename beforeRename)
      throws IOException {
    long start = System.nanoTime();
    long sequence = snapshot.sequence();
    String temporary = JournalFormat.checkpointTemporaryName(sequence, writer);
    String name = JournalFormat.checkpointName(sequence);
    long created = clock.millis();
    long entries;
    try {
      try (AppendableFile file = storage.create(temporary)) {
        AppendableFileOutput out = new AppendableFileOutput(file, IO_BUFFER);
        StateFileWriter state = new StateFileWriter(out, new StateFileHeader(
            StateFileHeader.Kind.CHECKPOINT, 0, sequence, clusterId, created));
        entries = snapshot.writeTo(state.body());
        state.finish(entries);
        file.sync();
      }
      beforeRename.run();
      storage.rename(temporary, name);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary, e);
      throw e;
    }
    try {
      CheckpointInfo found = check(name);
      if (found.entries() != entries) {
        throw new CorruptStateFileException(name, 0, "read back " + found.entries()
            + " records, wrote " + entries);
      }
    } catch (CorruptStateFileException e) {
      // Never leave a checkpoint that failed its own read-back where recovery would try it.
      deleteQuietly(name, e);
      throw new IOException("checkpoint " + name + " failed its read-back check and was deleted: "
          + e.getMessage(), e);
    }
    return new CheckpointInfo(name, sequence, created, storage.size(name), entries,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Reads a checkpoint whole and checks it: header (a checkpoint of this cluster, at the
   * sequence its name says), every chunk, the end.
   *
   * @throws CorruptStateFileException it failed a check
   */
  public CheckpointInfo check(String name) throws IOException {
    try (InputStream in = new BufferedInputStream(storage.openRead(name, 0), IO_BUFFER)) {
      StateFileReader reader = open(in, name);
      long entries = reader.finish();
      return new CheckpointInfo(name, reader.header().sequence(),
          reader.header().createdMillis(), storage.size(name), entries, -1);
    }
  }

  /**
   * Loads {@code name} into {@code target}.
   *
   * @throws CorruptStateFileException the file or the records in it failed a check
   */
  public CheckpointInfo load(String name, RecoveryTarget target) throws IOException {
    try (InputStream in = new BufferedInputStream(storage.openRead(name, 0), IO_BUFFER)) {
      StateFileReader reader = open(in, name);
      long read = target.loadCheckpoint(name, reader.header(), reader.body());
      long entries = reader.finish();
      if (read >= 0 && read != entries) {
        throw new CorruptStateFileException(name, 0, "its end counts " + entries
            + " records, but the body held " + read);
      }
      return new CheckpointInfo(name, reader.header().sequence(),
          reader.header().createdMillis(), storage.size(name), entries, -1);
    }
  }

  private StateFileReader open(InputStream in, String name) throws IOException {
    StateFileReader reader = StateFileReader.open(in, name);
    StateFileHeader header = reader.header();
    if (header.kind() != StateFileHeader.Kind.CHECKPOINT) {
      throw new CorruptStateFileException(name, 0, "a " + header.kind() + " file, not a "
          + "checkpoint");
    }
    if (!header.clusterId().equals(clusterId)) {
      throw new CorruptStateFileException(name, 0, "written for cluster " + header.clusterId()
          + ", this journal is cluster " + clusterId);
    }
    long named = JournalFormat.parseCheckpointName(name);
    if (header.sequence() != named) {
      throw new CorruptStateFileException(name, 0, "holds the state at sequence "
          + header.sequence() + ", its name says " + named);
    }
    return reader;
  }

  private void deleteQuietly(String name, Exception cause) {
    try {
      storage.delete(name);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
