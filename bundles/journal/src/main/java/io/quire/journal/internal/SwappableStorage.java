package io.quire.journal.internal;

import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The journal's view of its storage service, which may be replaced while the master runs (the
 * storage bundle updated, or stopped and started).
 *
 * <p>While no storage is bound, a call waits for one, at most the bind wait, then fails like an
 * unreachable storage; the journal's retries turn that into writes held, not failed. Files are
 * stamped with the binding they were opened through: once the storage is replaced, every call
 * on an older file fails, so the journal reopens its log through the new service (cut back to
 * its synced length) instead of writing on through a bundle that has stopped. Only a storage
 * of the same folder may take over; a storage of another folder is refused with an ERROR until
 * the journal can move to it.
 */
final class SwappableStorage implements JournalStorage {
  private volatile long bindWaitMillis;
  private final Runnable onBind;
  private JournalStorage current; // guarded by this
  /** Written under this; read without it on every append and sync of a stamped file. */
  private volatile long generation;
  private volatile JournalStorage last;

  /**
   * @param bindWaitMillis how long a call waits for a storage while none is bound
   * @param onBind run after a storage is bound (to wake a journal waiting to retry)
   */
  SwappableStorage(long bindWaitMillis, Runnable onBind) {
    this.bindWaitMillis = bindWaitMillis;
    this.onBind = onBind;
  }

  /**
   * A storage service appeared (or replaced the one bound).
   *
   * @return false when it serves another folder than the one bound before, and is not used
   */
  boolean bind(JournalStorage storage) {
    synchronized (this) {
      JournalStorage before = last;
      if (before != null && !before.uri().equals(storage.uri())) {
        return false;
      }
      current = storage;
      last = storage;
      generation++;
      notifyAll();
    }
    onBind.run();
    return true;
  }

  /** A storage service went away. */
  synchronized void unbind(JournalStorage storage) {
    if (current == storage) {
      current = null;
      generation++;
    }
  }

  /** How long a call waits for a storage while none is bound. */
  void bindWait(long millis) {
    bindWaitMillis = millis;
  }

  /** Whether a storage is bound now. */
  synchronized boolean isBound() {
    return current != null;
  }

  private record Binding(JournalStorage storage, long generation) {}

  private synchronized Binding bound() throws IOException {
    long deadline = System.nanoTime() + bindWaitMillis * 1_000_000;
    while (current == null) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new IOException("no journal storage service is bound (its bundle is stopped or "
            + "being replaced); waited " + bindWaitMillis + " ms");
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a journal storage");
      }
    }
    return new Binding(current, generation);
  }

  private JournalStorage storage() throws IOException {
    return bound().storage();
  }

  private void checkCurrent(long stamp, String name) throws IOException {
    if (stamp != generation) {
      throw new IOException("the journal storage was replaced; " + name + " must be reopened "
          + "through the new one");
    }
  }

  @Override
  public String type() {
    JournalStorage known = last;
    return known == null ? "unbound" : known.type();
  }

  @Override
  public URI uri() {
    JournalStorage known = last;
    return known == null ? URI.create("unbound:/") : known.uri();
  }

  @Override
  public List<String> list() throws IOException {
    return storage().list();
  }

  @Override
  public boolean folderExists() throws IOException {
    return storage().folderExists();
  }

  @Override
  public void createFolder() throws IOException {
    storage().createFolder();
  }

  @Override
  public long size(String name) throws IOException {
    return storage().size(name);
  }

  @Override
  public boolean exists(String name) throws IOException {
    return storage().exists(name);
  }

  @Override
  public AppendableFile create(String name) throws IOException {
    Binding binding = bound();
    return new StampedFile(binding.storage().create(name), binding.generation());
  }

  @Override
  public AppendableFile openForAppend(String name) throws IOException {
    Binding binding = bound();
    return new StampedFile(binding.storage().openForAppend(name), binding.generation());
  }

  @Override
  public InputStream openRead(String name, long offset) throws IOException {
    return storage().openRead(name, offset);
  }

  @Override
  public void rename(String source, String target) throws IOException {
    storage().rename(source, target);
  }

  @Override
  public void delete(String name) throws IOException {
    storage().delete(name);
  }

  @Override
  public void truncate(String name, long length) throws IOException {
    storage().truncate(name, length);
  }

  @Override
  public void recover(String name) throws IOException {
    storage().recover(name);
  }

  @Override
  public void detachWriters(String name) throws IOException {
    storage().detachWriters(name);
  }

  @Override
  public void writeAtomically(String name, byte[] content) throws IOException {
    storage().writeAtomically(name, content);
  }

  @Override
  public byte[] readFully(String name) throws IOException {
    return storage().readFully(name);
  }

  @Override
  public Optional<AutoCloseable> tryLock(String name) throws IOException {
    return storage().tryLock(name);
  }

  @Override
  public StorageStats stats() {
    JournalStorage known = last;
    return known == null ? new StorageStats(0, 0, false) : known.stats();
  }

  /** A file of one binding: usable until the storage is replaced. */
  private final class StampedFile implements AppendableFile {
    private final AppendableFile file;
    private final long stamp;

    StampedFile(AppendableFile file, long stamp) {
      this.file = file;
      this.stamp = stamp;
    }

    @Override
    public void append(ByteBuffer data) throws IOException {
      checkCurrent(stamp, file.name());
      file.append(data);
    }

    @Override
    public void flush() throws IOException {
      checkCurrent(stamp, file.name());
      file.flush();
    }

    @Override
    public void sync() throws IOException {
      checkCurrent(stamp, file.name());
      file.sync();
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public String name() {
      return file.name();
    }

    @Override
    public void close() throws IOException {
      file.close(); // always: releases the old bundle's handle
    }
  }
}
