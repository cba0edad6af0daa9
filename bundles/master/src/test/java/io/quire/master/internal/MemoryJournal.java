package io.quire.master.internal;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.FormatMarker;
import io.quire.journal.Journal;
import io.quire.journal.JournalClosedException;
import io.quire.journal.JournalStatus;
import io.quire.journal.RecoveryResult;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.StateSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link Journal} test double that keeps entries in memory; syncs can be made to fail. */
final class MemoryJournal implements Journal {
  private final List<byte[]> entries = new ArrayList<>();
  private boolean recovered;
  private boolean closed;
  private IOException syncFailure;
  private IOException appendFailure;
  private long durable;
  private boolean syncsHeld;

  private MemoryJournal source; // a follower's: the journal it reads
  private int followed;
  private IOException followFailure;

  MemoryJournal() {}

  /** A follower (a secondary's journal) of {@code source}: it reads what source holds. */
  static MemoryJournal followerOf(MemoryJournal source) {
    MemoryJournal follower = new MemoryJournal();
    follower.source = source;
    return follower;
  }

  synchronized void failFollow(IOException failure) {
    followFailure = failure;
  }

  @Override
  public synchronized io.quire.journal.FollowProgress follow(RecoveryTarget target)
      throws IOException {
    if (followFailure != null) {
      throw followFailure;
    }
    List<byte[]> all = source.entries();
    int from = followed;
    for (; followed < all.size(); followed++) {
      target.accept(followed + 1, ByteBuffer.wrap(all.get(followed)));
    }
    return new io.quire.journal.FollowProgress(followed - from, false, null);
  }

  MemoryJournal(List<byte[]> existing) {
    entries.addAll(existing);
  }

  synchronized List<byte[]> entries() {
    return new ArrayList<>(entries);
  }

  /** Makes {@link #append} throw {@code failure} (null: append again). */
  synchronized void failAppends(IOException failure) {
    appendFailure = failure;
  }

  synchronized void failSyncs(IOException failure) {
    syncFailure = failure;
  }

  /** Makes {@link #awaitDurable} wait until {@link #releaseSyncs}, like a slow disk. */
  synchronized void holdSyncs() {
    syncsHeld = true;
  }

  synchronized void releaseSyncs() {
    syncsHeld = false;
    notifyAll();
  }

  synchronized void closeForAppends() {
    closed = true;
  }

  @Override
  public synchronized RecoveryResult recover(RecoveryTarget consumer) throws IOException {
    if (recovered) {
      throw new IllegalStateException("recover called twice");
    }
    recovered = true;
    if (source != null) {
      follow(consumer);
      return new RecoveryResult(followed, followed, null, List.of(), List.of(), 0);
    }
    for (int i = 0; i < entries.size(); i++) {
      consumer.accept(i + 1, ByteBuffer.wrap(entries.get(i)));
    }
    durable = entries.size();
    return new RecoveryResult(entries.size(), entries.size(), null, List.of(), List.of(), 0);
  }

  @Override
  public synchronized long append(byte[] entry) throws IOException {
    if (!recovered || closed) {
      throw new JournalClosedException("journal is closed");
    }
    if (appendFailure != null) {
      throw appendFailure;
    }
    entries.add(entry);
    return entries.size();
  }

  @Override
  public synchronized void awaitDurable(long sequence) throws IOException, InterruptedException {
    while (syncsHeld && syncFailure == null) {
      wait();
    }
    if (syncFailure != null) {
      throw syncFailure;
    }
    durable = Math.max(durable, sequence);
  }

  synchronized long durable() {
    return durable;
  }

  @Override
  public FormatMarker format() {
    return new FormatMarker("memory", 1, Instant.EPOCH);
  }

  @Override
  public synchronized JournalStatus status() {
    return new JournalStatus("memory", "memory", entries.size(), durable, entries.size(), 0, 0,
        null, null, 0);
  }

  @Override
  public CheckpointInfo checkpoint(StateSnapshot snapshot) {
    throw new UnsupportedOperationException("the memory journal keeps no checkpoints");
  }

  @Override
  public void cleanUp() {}

  @Override
  public synchronized void close() {
    closed = true;
  }
}
