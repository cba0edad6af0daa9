package io.quire.storage.hdfs;

import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageStats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;

/**
 * A journal folder on HDFS.
 *
 * <p>{@code sync} is {@code hsync}: every datanode of the pipeline has the bytes on its disk
 * before an entry is acknowledged. Creating, renaming and deleting are NameNode operations that
 * are in its edit log when the call returns, so they are durable then.
 *
 * <p>A file a dead master left open is still under its lease: before appending to it or cutting
 * it, the lease is recovered ({@code recoverLease}, then waiting until the NameNode reports the
 * file closed, within the lease recovery timeout). Sizes are the length readers can see now
 * (including hflushed bytes of a file still being written), read afresh on every call.
 *
 * <p>Hadoop finds its file system implementations through the thread context class loader, so
 * every call runs with it set to Hadoop's own loader (see {@code docs/storage.md}).
 */
public final class HdfsJournalStorage implements JournalStorage {

  /**
   * HDFS's answer to creating a name that a writer holds open; it reaches the client wrapped in
   * a {@code RemoteException} (a class the Hadoop library bundle does not export), hence by name.
   */
  private static final String ALREADY_BEING_CREATED = "AlreadyBeingCreatedException";

  private final URI uri;
  private final DistributedFileSystem fs;
  private final Path folder;
  private final Duration leaseRecoveryTimeout;
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder syncs = new LongAdder();
  private volatile boolean healthy = true;

  /**
   * @param fs the file system (its owner closes it)
   * @param folder the journal folder's URI, {@code hdfs://host:port/dir}
   */
  public HdfsJournalStorage(DistributedFileSystem fs, URI folder, Duration leaseRecoveryTimeout) {
    this.uri = folder;
    this.fs = fs;
    this.folder = new Path(folder);
    this.leaseRecoveryTimeout = leaseRecoveryTimeout;
  }

  /**
   * A new HDFS client for the file system of {@code folder}, not shared with other users of
   * Hadoop's file system cache (its owner closes it).
   */
  public static DistributedFileSystem connect(URI folder, Configuration conf) throws IOException {
    requireHdfsFolder(folder);
    Configuration settings = new Configuration(conf);
    // Hadoop would close every client from a JVM shutdown hook of its own, while the journal,
    // stopping on the same signal, still closes its files through this one: its owner closes it
    settings.setBoolean(CommonConfigurationKeysPublic.FS_AUTOMATIC_CLOSE_KEY, false);
    return Hadoop.call(() -> {
      FileSystem fs = FileSystem.newInstance(folder, settings);
      if (!(fs instanceof DistributedFileSystem dfs)) {
        fs.close();
        throw new IOException(folder + " is served by " + fs.getClass().getName()
            + ", not by HDFS");
      }
      return dfs;
    });
  }

  /** Fails unless {@code folder} is an {@code hdfs://host:port/dir} URI. */
  public static void requireHdfsFolder(URI folder) throws IOException {
    if (!"hdfs".equals(folder.getScheme()) || folder.getAuthority() == null) {
      throw new IOException("not an HDFS folder: '" + folder + "'; give hdfs://host:port/dir");
    }
  }

  @Override
  public String type() {
    return "hdfs";
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public List<String> list() throws IOException {
    return io(() -> {
      List<String> names = new ArrayList<>();
      try {
        for (FileStatus status : fs.listStatus(folder)) {
          names.add(status.getPath().getName());
        }
      } catch (FileNotFoundException e) {
        return List.<String>of();
      }
      return names;
    });
  }

  @Override
  public boolean folderExists() throws IOException {
    return io(() -> {
      try {
        return fs.getFileStatus(folder).isDirectory();
      } catch (FileNotFoundException e) {
        return false;
      }
    });
  }

  @Override
  public void createFolder() throws IOException {
    io(() -> {
      if (!fs.mkdirs(folder)) {
        throw new IOException("could not create folder " + uri);
      }
      return null;
    });
  }

  @Override
  public long size(String name) throws IOException {
    Path path = resolve(name);
    return io(() -> {
      try (FSDataInputStream in = fs.open(path)) {
        return in instanceof HdfsDataInputStream hdfs ? hdfs.getVisibleLength()
            : fs.getFileStatus(path).getLen();
      }
    });
  }

  @Override
  public boolean exists(String name) throws IOException {
    Path path = resolve(name);
    return io(() -> fs.exists(path));
  }

  @Override
  public AppendableFile create(String name) throws IOException {
    Path path = resolve(name);
    return io(() -> new HdfsFile(name, fs.create(path, false)));
  }

  @Override
  public AppendableFile openForAppend(String name) throws IOException {
    Path path = resolve(name);
    return io(() -> {
      recoverLease(path);
      return new HdfsFile(name, fs.append(path));
    });
  }

  @Override
  public InputStream openRead(String name, long offset) throws IOException {
    Path path = resolve(name);
    return io(() -> {
      FSDataInputStream in = fs.open(path);
      try {
        in.seek(offset);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
      return new HadoopInput(in);
    });
  }

  @Override
  public void rename(String source, String target) throws IOException {
    Path from = resolve(source);
    Path to = resolve(target);
    io(() -> {
      fs.rename(from, to, Options.Rename.OVERWRITE);
      return null;
    });
  }

  @Override
  public void delete(String name) throws IOException {
    Path path = resolve(name);
    io(() -> {
      fs.delete(path, false);
      return null;
    });
  }

  @Override
  public void truncate(String name, long length) throws IOException {
    Path path = resolve(name);
    io(() -> {
      recoverLease(path);
      if (!fs.truncate(path, length)) {
        // the last block is being recovered to its new length: done once the file is closed
        awaitClosed(path, "truncating");
      }
      return null;
    });
  }

  @Override
  public void recover(String name) throws IOException {
    Path path = resolve(name);
    io(() -> {
      recoverLease(path);
      return null;
    });
  }

  @Override
  public StorageStats stats() {
    return new StorageStats(bytesWritten.sum(), syncs.sum(), healthy);
  }

  /**
   * Takes over a file a dead (or gone) writer left open: asks the NameNode to recover its lease
   * and waits until the file is closed.
   */
  private void recoverLease(Path path) throws IOException {
    if (fs.isFileClosed(path)) {
      return;
    }
    if (!fs.recoverLease(path)) {
      awaitClosed(path, "recovering the lease of");
    }
  }

  private void awaitClosed(Path path, String doing) throws IOException {
    long deadline = System.nanoTime() + leaseRecoveryTimeout.toNanos();
    long pause = 20;
    while (!fs.isFileClosed(path)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("HDFS did not close " + path + " within "
            + leaseRecoveryTimeout.toMillis() + " ms of " + doing + " it (the previous "
            + "writer's lease or block recovery is still running)");
      }
      try {
        Thread.sleep(pause); // the NameNode offers no notification; poll with back-off
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(doing + " " + path + " was interrupted");
      }
      pause = Math.min(pause * 2, 500);
    }
  }

  private Path resolve(String name) {
    if (JournalStorage.plainName(name).contains(":")) { // a Hadoop Path would read a scheme
      throw new IllegalArgumentException("not a plain file name: '" + name + "'");
    }
    return new Path(folder, name);
  }

  /** Runs a Hadoop call as {@link Hadoop#call} does, and keeps the health flag. */
  private <T> T io(Hadoop.Call<T> call) throws IOException {
    try {
      T result = Hadoop.call(call);
      healthy = true;
      return result;
    } catch (FileNotFoundException e) {
      healthy = true; // the storage answered: the file is not there
      NoSuchFileException missing = new NoSuchFileException(e.getMessage());
      missing.initCause(e);
      throw missing;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      healthy = true;
      FileAlreadyExistsException exists = new FileAlreadyExistsException(e.getMessage());
      exists.initCause(e);
      throw exists;
    } catch (IOException e) {
      if (e.toString().contains(ALREADY_BEING_CREATED)) {
        // a file still open under a writer's lease (a dead master's temporary, or this client's
        // own after a failed close): the name exists, as the SPI says it
        healthy = true;
        FileAlreadyExistsException exists = new FileAlreadyExistsException(e.getMessage());
        exists.initCause(e);
        throw exists;
      }
      healthy = false;
      throw e;
    } catch (RuntimeException e) {
      // Hadoop's client throws unchecked exceptions from broken pipelines too; to the journal
      // they are I/O failures like any other
      healthy = false;
      throw new IOException("HDFS call on " + uri + " failed: " + e, e);
    }
  }

  /** A log or checkpoint being written. */
  private final class HdfsFile implements AppendableFile {
    private final String name;
    private final FSDataOutputStream out;
    private byte[] copy = new byte[0];

    HdfsFile(String name, FSDataOutputStream out) {
      this.name = name;
      this.out = out;
    }

    @Override
    public void append(ByteBuffer data) throws IOException {
      int length = data.remaining();
      io(() -> {
        if (data.hasArray()) {
          out.write(data.array(), data.arrayOffset() + data.position(), length);
          data.position(data.limit());
        } else {
          if (copy.length < length) {
            copy = new byte[Math.max(length, 64 << 10)];
          }
          data.get(copy, 0, length);
          out.write(copy, 0, length);
        }
        return null;
      });
      bytesWritten.add(length);
    }

    @Override
    public void flush() throws IOException {
      io(() -> {
        out.hflush();
        return null;
      });
    }

    @Override
    public void sync() throws IOException {
      io(() -> {
        out.hsync();
        return null;
      });
      syncs.increment();
    }

    @Override
    public long position() {
      return out.getPos();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void close() throws IOException {
      try {
        io(() -> {
          out.close();
          return null;
        });
      } catch (IOException e) {
        // a failed stream rethrows the one exception it stored, which the failed append or
        // sync already threw: a new one, so that try-with-resources can add it as suppressed
        throw new IOException("closing " + name + " in " + uri + " failed: " + e.getMessage(), e);
      }
    }
  }

  /** Reads with the thread context class loader set, as every Hadoop call here does. */
  private static final class HadoopInput extends InputStream {
    private final FSDataInputStream in;

    HadoopInput(FSDataInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      return Hadoop.call(in::read);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return Hadoop.call(() -> in.read(b, off, len));
    }

    @Override
    public long skip(long n) throws IOException {
      return Hadoop.call(() -> in.skip(n));
    }

    @Override
    public int available() throws IOException {
      return Hadoop.call(in::available);
    }

    @Override
    public void close() throws IOException {
      Hadoop.close(in);
    }
  }
}
