package io.quire.master.internal;

import io.quire.journal.RecoveryTarget;
import io.quire.journal.state.StateFileHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * What the journal rebuilds the namespace into on start: a checkpoint's image, if there is one,
 * then a {@link NamespaceReplayer} for the entries after it. A secondary master's follower uses
 * one per batch of new entries, starting from the namespace it has. Confined to one thread.
 */
final class NamespaceRecovery implements RecoveryTarget {
  /** Entries between two looks at the cancellation flag: a few milliseconds of replay. */
  private static final int CANCEL_CHECK_MASK = (1 << 14) - 1;
  private static final BooleanSupplier NEVER = () -> false;

  private final SharedStrings owners;
  private final BooleanSupplier cancelled;
  private long accepted;
  private NamespaceSnapshot start = NamespaceSnapshot.empty();
  private NamespaceReplayer replayer;
  private long inodesLoaded;

  /** A start's recovery, given up with {@link RecoveryCancelledException} once {@code cancelled}. */
  NamespaceRecovery(SharedStrings owners, BooleanSupplier cancelled) {
    this.owners = owners;
    this.cancelled = cancelled;
  }

  /** Goes on from {@code start} (a follower's next batch) unless the journal resets it. */
  NamespaceRecovery(SharedStrings owners, NamespaceSnapshot start) {
    this.owners = owners;
    this.start = start;
    this.cancelled = NEVER;
  }

  @Override
  public long loadCheckpoint(String source, StateFileHeader header, InputStream body)
      throws IOException {
    if (replayer != null) {
      throw new IllegalStateException("a checkpoint after entries were replayed");
    }
    checkCancelled();
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
    if ((++accepted & CANCEL_CHECK_MASK) == 0) {
      checkCancelled();
    }
    replayer.accept(sequence, entry);
  }

  private void checkCancelled() throws RecoveryCancelledException {
    if (cancelled.getAsBoolean()) {
      throw new RecoveryCancelledException();
    }
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
