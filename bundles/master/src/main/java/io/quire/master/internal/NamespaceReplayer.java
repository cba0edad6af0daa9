package io.quire.master.internal;

import io.quire.journal.EntryConsumer;
import java.nio.ByteBuffer;

/**
 * Rebuilds a namespace from journal entries with the same {@link MutationApplier} as live
 * mutations. Keeps the tree in a plain field and publishes nothing: the caller publishes
 * {@link #result()} once recovery is complete. Confined to the recovering thread.
 */
final class NamespaceReplayer implements EntryConsumer {
  private final EntryDecoder decoder;
  private NamespaceSnapshot current;
  private long lastSequence;
  private long applied;

  NamespaceReplayer(NamespaceSnapshot start, SharedStrings owners) {
    this.decoder = new EntryDecoder(owners);
    this.current = start;
    this.lastSequence = start.lastAppliedSequence();
  }

  @Override
  public void accept(long sequence, ByteBuffer entry) throws ReplayException {
    Mutation m;
    try {
      m = decoder.decode(entry);
    } catch (MalformedEntryException e) {
      throw new ReplayException(sequence, e.getMessage(), e);
    }
    try {
      current = MutationApplier.apply(current, m);
    } catch (NamespaceException | IllegalStateException e) {
      // Live, this mutation was validated against the same state: failing now means the
      // journal and the namespace disagree.
      throw new ReplayException(sequence, m.getClass().getSimpleName() + " " + m.path()
          + " does not apply: " + e.getMessage(), e);
    }
    lastSequence = sequence;
    applied++;
  }

  /** The namespace after every entry accepted so far. */
  NamespaceSnapshot result() {
    return current.withSequence(lastSequence);
  }

  long applied() {
    return applied;
  }
}
