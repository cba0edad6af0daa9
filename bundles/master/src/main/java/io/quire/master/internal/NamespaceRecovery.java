package io.quire.master.internal;

import io.quire.journal.RecoveryTarget;
import io.quire.journal.state.StateFileHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * What the journal rebuilds the namespace into on start: a checkpoint's image, if there is one,
 * then a {@link NamespaceReplayer} for the entries after it. A secondary master's follower uses
 * one per batch of new entries, starting from the namespace it has. Confined to one thread.
 */
final class NamespaceRecovery implements RecoveryTarget {
  private final SharedStrings owners;
  private NamespaceSnapshot start = NamespaceSnapshot.empty();
  private NamespaceReplayer replayer;
  private long inodesLoaded;

  NamespaceRecovery(SharedStrings owners) {
    this.owners = owners;
  }

  /** Goes on from {@code start} (a follower's next batch) unless the journal resets it. */
  NamespaceRecovery(SharedStrings owners, NamespaceSnapshot start) {
    this.owners = owners;
    this.start = start;
  }

  @Override
  public long loadCheckpoint(String source, StateFileHeader header, InputStream body)
      throws IOException {
    if (replayer != null) {
      throw new IllegalStateException("a checkpoint after entries were replayed");
    }
    start = ImageReader.read(body, source, header.sequence(), owners);
    inodesLoaded = start.inodeCount();
    return inodesLoaded;
  }

  @Override
  public void reset() {
    start = NamespaceSnapshot.empty();
    replayer = null;
    inodesLoaded = 0;
  }

  @Override
  public void accept(long sequence, ByteBuffer entry) throws IOException {
    if (replayer == null) {
      replayer = new NamespaceReplayer(start, owners);
    }
    replayer.accept(sequence, entry);
  }

  /** The namespace after the checkpoint and every entry; ends the recovery. */
  NamespaceSnapshot result() {
    return replayer == null ? start : replayer.result();
  }

  /** Inodes the checkpoint held; 0 when none was loaded. */
  long inodesLoaded() {
    return inodesLoaded;
  }
}
