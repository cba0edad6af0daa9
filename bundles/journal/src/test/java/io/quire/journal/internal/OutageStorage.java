package io.quire.journal.internal;

import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageStats;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storage that can be taken out of reach and brought back, in front of a real one: while it
 * is down every call fails, except that an append first hands half of its bytes to the real
 * file (a write that reached the storage in part, as a broken pipeline or a full disk leaves).
 */
final class OutageStorage implements JournalStorage {
  private final JournalStorage real;
  private volatile boolean down;
  final AtomicLong refused = new AtomicLong();

  OutageStorage(JournalStorage real) {
    this.real = real;
  }

  void down() {
    down = true;
  }

  void up() {
    down = false;
  }

  private void reachable(String what) throws IOException {
    if (down) {
      refused.incrementAndGet();
      throw new IOException("storage unreachable: " + what);
    }
  }

  @Override
  public String type() {
    return real.type();
  }

  @Override
  public URI uri() {
    return real.uri();
  }

  @Override
  public List<String> list() throws IOException {
    reachable("list");
    return real.list();
  }

  @Override
  public boolean folderExists() throws IOException {
    reachable("folderExists");
    return real.folderExists();
  }

  @Override
  public void createFolder() throws IOException {
    reachable("createFolder");
    real.createFolder();
  }

  @Override
  public long size(String name) throws IOException {
    reachable("size " + name);
    return real.size(name);
  }

  @Override
  public boolean exists(String name) throws IOException {
    reachable("exists " + name);
    return real.exists(name);
  }

  @Override
  public AppendableFile create(String name) throws IOException {
    reachable("create " + name);
    return new File(real.create(name));
  }

  @Override
  public AppendableFile openForAppend(String name) throws IOException {
    reachable("openForAppend " + name);
    return new File(real.openForAppend(name));
  }

  @Override
  public InputStream openRead(String name, long offset) throws IOException {
    reachable("openRead " + name);
    return real.openRead(name, offset);
  }

  @Override
  public void rename(String source, String target) throws IOException {
    reachable("rename " + source);
    real.rename(source, target);
  }

  @Override
  public void delete(String name) throws IOException {
    reachable("delete " + name);
    real.delete(name);
  }

  @Override
  public void truncate(String name, long length) throws IOException {
    reachable("truncate " + name);
    real.truncate(name, length);
  }

  @Override
  public void recover(String name) throws IOException {
    reachable("recover " + name);
    real.recover(name);
  }

  @Override
  public Optional<AutoCloseable> tryLock(String name) throws IOException {
    return real.tryLock(name);
  }

  @Override
  public StorageStats stats() {
    return real.stats();
  }

  private final class File implements AppendableFile {
    private final AppendableFile file;

    File(AppendableFile file) {
      this.file = file;
    }

    @Override
    public void append(ByteBuffer data) throws IOException {
      if (down) {
        ByteBuffer half = data.duplicate();
        half.limit(half.position() + half.remaining() / 2);
        file.append(half);
        file.flush();
        reachable("append to " + file.name());
      }
      file.append(data);
    }

    @Override
    public void flush() throws IOException {
      reachable("flush " + file.name());
      file.flush();
    }

    @Override
    public void sync() throws IOException {
      reachable("sync " + file.name());
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
      file.close(); // closing always works: the real file's handle is local
    }
  }
}
