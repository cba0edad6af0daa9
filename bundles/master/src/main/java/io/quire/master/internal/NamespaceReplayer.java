package io.quire.master.internal;

import io.quire.journal.EntryConsumer;
import java.nio.ByteBuffer;

/**
 * Rebuilds a namespace from journal entries with the same {@link MutationApplier} as live
 * mutations. Nobody reads the tree before recovery ends, so the entries are applied inside one
 * {@link EditSession}: directories change in place instead of being copied per entry.
 * {@link #result()} freezes the tree into a persistent snapshot, which the caller publishes;
 * after that the replayer takes no more entries. Confined to the recovering thread.
 *
 * <p>Most entries of any journal create one inode below existing directories. Those go through
 * {@link MutationApplier#applyCreation}, straight from the entry's bytes; every other entry, and
 * a creation that is not that plain case, is decoded into a {@link Mutation} and applied by
 * {@link MutationApplier#apply}, which also names any refusal. (In {@code ReplayBench}'s
 * million mkdirs, the shortcut took the bytes allocated per entry from 525 to 325: no mutation,
 * path, parent name, walk array or snapshot per entry.)
 */
final class NamespaceReplayer implements EntryConsumer {
  private final EntryDecoder decoder;
  private final EditSession session = new EditSession();
  // inside the session: not to be published
  private Inode root;
  private long nextInodeId;
  private Inode[] chain = new Inode[16]; // applyCreation's scratch
  private NamespaceSnapshot result;
  private long lastSequence;
  private long applied;

  NamespaceReplayer(NamespaceSnapshot start, SharedStrings owners) {
    this.decoder = new EntryDecoder(owners);
    this.root = start.root();
    this.nextInodeId = start.nextInodeId();
    this.lastSequence = start.lastAppliedSequence();
  }

  @Override
  public void accept(long sequence, ByteBuffer entry) throws ReplayException {
    if (result != null) {
      throw new IllegalStateException("the replay result was taken; no more entries");
    }
    if (!applyCreation(entry)) {
      applyMutation(sequence, entry);
    }
    lastSequence = sequence;
    applied++;
  }

  private boolean applyCreation(ByteBuffer entry) {
    if (!decoder.decodeCreation(entry)) {
      return false;
    }
    EntryDecoder.Creation c = decoder.creation();
    if (chain.length < c.depth) {
      chain = new Inode[c.depth];
    }
    Inode changed = MutationApplier.applyCreation(root, nextInodeId, c, chain, session);
    if (changed == null) {
      return false;
    }
    root = changed;
    nextInodeId = c.id + 1;
    return true;
  }

  private void applyMutation(long sequence, ByteBuffer entry) throws ReplayException {
    Mutation m;
    try {
      m = decoder.decode(entry);
    } catch (MalformedEntryException e) {
      throw new ReplayException(sequence, e.getMessage(), e);
    }
    try {
      NamespaceSnapshot next = MutationApplier.apply(
          new NamespaceSnapshot(root, lastSequence, nextInodeId), m, session);
      root = next.root();
      nextInodeId = next.nextInodeId();
    } catch (NamespaceException | IllegalStateException e) {
      // Live, this mutation was validated against the same state: failing now means the
      // journal and the namespace disagree.
      throw new ReplayException(sequence, m.getClass().getSimpleName() + " " + m.path()
          + " does not apply: " + e.getMessage(), e);
    }
  }

  /** The namespace after every entry accepted; ends the replay. */
  NamespaceSnapshot result() {
    if (result == null) {
      result = new NamespaceSnapshot(session.freeze(root), lastSequence, nextInodeId);
    }
    return result;
  }

  long applied() {
    return applied;
  }
}
