package io.quire.master.internal;

import io.quire.journal.FollowProgress;
import io.quire.journal.Journal;
import io.quire.journal.RecoveryResult;
import io.quire.journal.StateSnapshot;
import io.quire.master.internal.Mutation.CreateFile;
import io.quire.master.internal.Mutation.Delete;
import io.quire.master.internal.Mutation.Mkdir;
import io.quire.master.internal.Mutation.Rename;
import io.quire.master.internal.Mutation.SetAttributes;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The master's namespace: the current {@link NamespaceSnapshot} behind one volatile field, and
 * the write path that journals each change before acknowledging it.
 *
 * <p>A mutation:
 * <ol>
 *   <li>takes the state lock (one writer at a time, so sequence order is apply order);
 *   <li>builds the {@link Mutation} with the time and the next inode id, and applies it to the
 *       current snapshot, which validates it; a refusal leaves everything untouched;
 *   <li>appends the encoded entry to the journal (no I/O) and publishes the new snapshot;
 *   <li>releases the lock and waits until the entry is durable (group commit);
 *   <li>only then returns, which acknowledges it.
 * </ol>
 * Readers take the volatile snapshot without locking; they may see a change a few milliseconds
 * before it is durable, as in HDFS.
 */
final class Namespace {
  private final Journal journal;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final EntryEncoder encoder = new EntryEncoder(); // guarded by lock
  private final SharedStrings owners = new SharedStrings(); // guarded by lock
  private volatile NamespaceSnapshot snapshot = NamespaceSnapshot.empty();
  private boolean accepting; // guarded by lock
  private volatile boolean recoveryCancelled;

  Namespace(Journal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
  }

  /** Replays the journal into the namespace, then accepts mutations. Call once. */
  RecoveryResult recover() throws IOException {
    lock.lock();
    try {
      NamespaceRecovery recovery = new NamespaceRecovery(owners, () -> recoveryCancelled);
      RecoveryResult result = journal.recover(recovery);
      snapshot = recovery.result();
      accepting = true;
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes a {@link #recover} in progress on another thread give up soon, with
   * {@link RecoveryCancelledException}: the master is stopping and nobody waits for its state.
   */
  void cancelRecovery() {
    recoveryCancelled = true;
  }

  /**
   * A secondary master: applies the entries the journal (a follower) has gained since the last
   * call, publishing one new snapshot for the batch.
   */
  FollowProgress follow() throws IOException {
    lock.lock();
    try {
      NamespaceRecovery batch = new NamespaceRecovery(owners, snapshot);
      FollowProgress progress = journal.follow(batch);
      if (progress.entries() > 0 || progress.restarted()) {
        snapshot = batch.result();
      }
      return progress;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further mutations; those already appended still complete. */
  void stop() {
    lock.lock();
    try {
      accepting = false;
    } finally {
      lock.unlock();
    }
  }

  /** The current namespace; consistent and immutable, free to take. */
  NamespaceSnapshot snapshot() {
    return snapshot;
  }

  /** The current namespace as the journal's checkpoints and backups take it. */
  StateSnapshot stateSnapshot() {
    NamespaceSnapshot taken = snapshot;
    return new StateSnapshot() {
      @Override
      public long sequence() {
        return taken.lastAppliedSequence();
      }

      @Override
      public long writeTo(OutputStream out) throws IOException {
        return ImageWriter.write(taken, out);
      }
    };
  }

  /** @return the sequence number that made the change durable */
  long mkdir(FsPath path, boolean parents, String owner, int mode)
      throws NamespaceException, IOException, InterruptedException {
    return awaitDurable(appendMkdir(path, parents, owner, mode));
  }

  long createFile(FsPath path, String owner, int mode)
      throws NamespaceException, IOException, InterruptedException {
    return awaitDurable(appendCreateFile(path, owner, mode));
  }

  long rename(FsPath source, FsPath destination)
      throws NamespaceException, IOException, InterruptedException {
    return awaitDurable(appendRename(source, destination));
  }

  long delete(FsPath path, boolean recursive)
      throws NamespaceException, IOException, InterruptedException {
    return awaitDurable(appendDelete(path, recursive));
  }

  /** A null owner, a negative mode or a null mtime leaves that attribute as it is. */
  long setAttributes(FsPath path, String owner, int mode, Long mtime)
      throws NamespaceException, IOException, InterruptedException {
    return awaitDurable(appendSetAttributes(path, owner, mode, mtime));
  }

  // The append* methods do steps 1 to 4 and return at once, for a caller that waits for
  // durability elsewhere (the client API's acknowledger): they return the sequence number to
  // pass to awaitDurable before acknowledging, 0 when there is nothing to wait for.

  long appendMkdir(FsPath path, boolean parents, String owner, int mode)
      throws NamespaceException, IOException {
    return append((nextId, now) -> new Mkdir(path, parents, owners.share(owner), mode, now,
        nextId));
  }

  long appendCreateFile(FsPath path, String owner, int mode)
      throws NamespaceException, IOException {
    return append((nextId, now) -> new CreateFile(path, owners.share(owner), mode, now, nextId));
  }

  long appendRename(FsPath source, FsPath destination) throws NamespaceException, IOException {
    return append((nextId, now) -> new Rename(source, destination, now));
  }

  long appendDelete(FsPath path, boolean recursive) throws NamespaceException, IOException {
    return append((nextId, now) -> new Delete(path, recursive, now));
  }

  long appendSetAttributes(FsPath path, String owner, int mode, Long mtime)
      throws NamespaceException, IOException {
    return append((nextId, now) -> new SetAttributes(path,
        owner == null ? null : owners.share(owner), mode, mtime));
  }

  /**
   * Step 5: returns once everything up to {@code sequence} is durable.
   *
   * @return {@code sequence}
   * @throws NotDurableException when the journal failed: the outcome is unknown
   */
  long awaitDurable(long sequence) throws NotDurableException, InterruptedException {
    if (sequence > 0) {
      try {
        journal.awaitDurable(sequence);
      } catch (IOException e) {
        throw new NotDurableException(sequence, e);
      }
    }
    return sequence;
  }

  private long append(MutationFactory factory) throws NamespaceException, IOException {
    lock.lock();
    try {
      if (!accepting) {
        throw new MasterUnavailableException("the master is not serving mutations now");
      }
      NamespaceSnapshot current = snapshot;
      Mutation m = factory.create(current.nextInodeId(), clock.millis());
      NamespaceSnapshot next = MutationApplier.apply(current, m);
      if (next == current) {
        // Nothing changes (mkdir -p of an existing directory), but what made it so may not be
        // durable yet: wait for everything applied so far.
        return current.lastAppliedSequence();
      }
      long sequence = journal.append(encoder.encode(m));
      snapshot = next.withSequence(sequence);
      return sequence;
    } finally {
      lock.unlock();
    }
  }

  /** Builds a mutation under the lock, from the values only the lock holder may read. */
  @FunctionalInterface
  private interface MutationFactory {
    Mutation create(long nextInodeId, long nowMillis);
  }
}
