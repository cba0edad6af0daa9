package io.quire.journal.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file open for appending. One writer at a time; not thread-safe.
 *
 * <p>{@link #flush()} hands bytes to the OS or the pipeline (they survive a process crash but
 * not a power loss); {@link #sync()} makes everything appended so far durable (fsync on local
 * and NFS, hsync on HDFS). A journal entry is acknowledged only after {@code sync}.
 */
public interface AppendableFile extends Closeable {

  /** Appends all remaining bytes of {@code data}. */
  void append(ByteBuffer data) throws IOException;

  /** Hands appended bytes to the OS or the pipeline. */
  void flush() throws IOException;

  /** Makes all appended bytes durable. */
  void sync() throws IOException;

  /** Bytes in the file, counting everything appended. */
  long position() throws IOException;

  /** The file's name within its folder. */
  String name();
}
