package io.quire.master.internal;

import io.quire.journal.EntryConsumer;
import java.nio.ByteBuffer;

/**
 * Rebuilds a namespace from journal entries with the same {@link MutationApplier} as live
 * mutations. Nobody reads the tree before recovery ends, so the entries are applied inside one
 * {@link EditSession}: directories change in place instead of being copied per entry.
 * {@link #result()} freezes the tree into a persistent snapshot, which the caller publishes;
 * after that the replayer takes no more entries. Confined to the recovering thread.
 */
final class NamespaceReplayer implements EntryConsumer {
  private final EntryDecoder decoder;
  private final EditSession session = new EditSession();
  private NamespaceSnapshot current; // inside the session: not to be published
  private NamespaceSnapshot result;
  private long lastSequence;
  private long applied;

  NamespaceReplayer(NamespaceSnapshot start, SharedStrings owners) {
    this.decoder = new EntryDecoder(owners);
    this.current = start;
    this.lastSequence = start.lastAppliedSequence();
  }

  @Override
  public void accept(long sequence, ByteBuffer entry) throws ReplayException {
    if (result != null) {
      throw new IllegalStateException("the replay result was taken; no more entries");
    }
    Mutation m;
    try {
      m = decoder.decode(entry);
    } catch (MalformedEntryException e) {
      throw new ReplayException(sequence, e.getMessage(), e);
    }
    try {
      current = MutationApplier.apply(current, m, session);
    } catch (NamespaceException | IllegalStateException e) {
      // Live, this mutation was validated against the same state: failing now means the
      // journal and the namespace disagree.
      throw new ReplayException(sequence, m.getClass().getSimpleName() + " " + m.path()
          + " does not apply: " + e.getMessage(), e);
    }
    lastSequence = sequence;
    applied++;
  }

  /** The namespace after every entry accepted; ends the replay. */
  NamespaceSnapshot result() {
    if (result == null) {
      result = new NamespaceSnapshot(session.freeze(current.root()), lastSequence,
          current.nextInodeId());
    }
    return result;
  }

  long applied() {
    return applied;
  }
}
