package io.quire.journal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A flat folder of byte files in which one journal lives.
 *
 * <p>Names are plain file names (no separators). Every method that changes the folder's
 * listing ({@link #create}, {@link #rename}, {@link #delete}) returns only once that change
 * is durable, so the journal core can reason about crash ordering without knowing the backend.
 *
 * <p>Implementations are registered as OSGi services with the property {@value #TYPE_PROPERTY}
 * naming the backend ({@code local}, {@code nfs}, {@code hdfs}).
 */
public interface JournalStorage {

  /** Service property naming the backend type. */
  String TYPE_PROPERTY = "quire.journal.storage";

  /** The backend type: {@code local}, {@code nfs} or {@code hdfs}. */
  String type();

  /** Where the folder is, as the operator configured it. */
  URI uri();

  /** Names of the files in the folder, in no particular order; empty if the folder does not exist. */
  List<String> list() throws IOException;

  /** Whether the folder itself exists. */
  boolean folderExists() throws IOException;

  /** Creates the folder (and its parents) if missing; durable when this returns. */
  void createFolder() throws IOException;

  /** Size in bytes as the backend sees it now (re-read, never a cached value). */
  long size(String name) throws IOException;

  boolean exists(String name) throws IOException;

  /**
   * Creates a new, empty file for appending. Fails with
   * {@link java.nio.file.FileAlreadyExistsException} if the name exists. The new name is
   * durable when this returns.
   */
  AppendableFile create(String name) throws IOException;

  /** Opens an existing file for appending at its current end. */
  AppendableFile openForAppend(String name) throws IOException;

  /** Opens a file for sequential reading from {@code offset}. */
  InputStream openRead(String name, long offset) throws IOException;

  /**
   * Renames atomically, replacing {@code target} if it exists; durable when this returns.
   * Readers see either the old name or the new one, never a partial file.
   */
  void rename(String source, String target) throws IOException;

  /** Deletes a file if it exists; durable when this returns. */
  void delete(String name) throws IOException;

  /** Cuts a file to {@code length} bytes and syncs it. Used only to repair a torn tail. */
  void truncate(String name, long length) throws IOException;

  /**
   * Makes a file that a failed writer left open (this process's own writer after a failed
   * write, or a dead master's) whole again, so that its size is final and it can be cut and
   * appended to: on HDFS, recovers the file's lease and waits until it is closed. Only the
   * folder's holder calls it, never a follower (it would break the writer's stream). Nothing to
   * do where a file needs no recovery (local disk).
   */
  default void recover(String name) throws IOException {}

  /**
   * Puts {@code name} out of reach of writers that had it open before this call (a previous
   * holder of the folder that may still be running), where nothing else does: afterwards a late
   * write of theirs cannot change the file under this name. Only the folder's holder calls it,
   * after taking the folder over. Nothing to do where the holder's lock (local disk) or
   * {@link #recover} (HDFS lease recovery) already keeps an old writer out.
   */
  default void detachWriters(String name) throws IOException {}

  /**
   * Writes a small file whole: a temporary name, forced, renamed over {@code name}, folder
   * forced. Readers see the old content or the new, never a mix.
   */
  default void writeAtomically(String name, byte[] content) throws IOException {
    String temporary = name + ".tmp";
    try (AppendableFile file = create(temporary)) {
      file.append(java.nio.ByteBuffer.wrap(content));
      file.sync();
    } catch (java.nio.file.FileAlreadyExistsException stale) {
      delete(temporary);
      writeAtomically(name, content);
      return;
    }
    rename(temporary, name);
  }

  /** Reads a small file whole. */
  default byte[] readFully(String name) throws IOException {
    try (InputStream in = openRead(name, 0)) {
      return in.readAllBytes();
    }
  }

  /**
   * An exclusive lock on {@code name} that this backend can enforce, if it can. The local
   * backend offers an OS file lock; NFS and HDFS offer none, because OS locks are not exclusive
   * across their clients. The journal never relies on this alone.
   */
  default Optional<AutoCloseable> tryLock(String name) throws IOException {
    return Optional.empty();
  }

  /** Counters for {@code quire:type=JournalStorage}. */
  StorageStats stats();

  /**
   * {@code name} if it is a plain file name (what every method here takes: no separator, not
   * {@code .} or {@code ..}, no NUL); otherwise {@link IllegalArgumentException} naming it.
   */
  static String plainName(String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")
        || name.equals(".") || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a plain file name: '" + name + "'");
    }
    return name;
  }
}
