package io.quire.journal.internal;

import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageStats;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A storage that stands for a crash: once armed, the {@code n}-th change to the folder (create,
 * append to a checkpoint, sync, rename, delete, truncate) and everything after it throw, as if
 * the process had died there. Each call of the real storage is durable when it returns, so the
 * folder holds exactly what a crash at that point leaves.
 */
final class FailingStorage implements JournalStorage {
  private final JournalStorage real;
  private int countdown = -1;
  private boolean crashed;

  FailingStorage(JournalStorage real) {
    this.real = real;
  }

  /** The {@code n}-th change from now on (1 = the next one) fails. */
  void crashAt(int n) {
    countdown = n;
  }

  boolean crashed() {
    return crashed;
  }

  /**
   * Runs {@code race} once, just before the next open for reading of {@code name} reaches the
   * real storage: another process changing the folder between a reader's listing and its open.
   */
  void beforeOpenReadOf(String name, IoAction race) {
    racedName = name;
    this.race = race;
  }

  /** A change to the folder that may fail. */
  interface IoAction {
    void run() throws IOException;
  }

  private String racedName;
  private IoAction race;

  private void change(String what) throws IOException {
    if (what.contains("quire-master.")) {
      return; // the holder lease's heartbeat: on its own clock, not part of what is tested
    }
    if (crashed) {
      throw new IOException("crashed earlier; refused " + what);
    }
    if (countdown > 0 && --countdown == 0) {
      crashed = true;
      throw new IOException("simulated crash at " + what);
    }
  }

  @Override
  public AppendableFile create(String name) throws IOException {
    change("create " + name);
    AppendableFile file = real.create(name);
    return name.startsWith("checkpoint") ? new Failing(file) : file;
  }

  @Override
  public void rename(String source, String target) throws IOException {
    change("rename " + source + " to " + target);
    real.rename(source, target);
  }

  @Override
  public void delete(String name) throws IOException {
    change("delete " + name);
    real.delete(name);
  }

  @Override
  public void truncate(String name, long length) throws IOException {
    change("truncate " + name);
    real.truncate(name, length);
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
    return real.list();
  }

  @Override
  public boolean folderExists() throws IOException {
    return real.folderExists();
  }

  @Override
  public void createFolder() throws IOException {
    real.createFolder();
  }

  @Override
  public long size(String name) throws IOException {
    return real.size(name);
  }

  @Override
  public boolean exists(String name) throws IOException {
    return real.exists(name);
  }

  @Override
  public AppendableFile openForAppend(String name) throws IOException {
    return real.openForAppend(name);
  }

  @Override
  public InputStream openRead(String name, long offset) throws IOException {
    if (race != null && name.equals(racedName)) {
      IoAction now = race;
      race = null;
      now.run();
    }
    return real.openRead(name, offset);
  }

  @Override
  public java.util.Optional<AutoCloseable> tryLock(String name) throws IOException {
    return real.tryLock(name);
  }

  @Override
  public StorageStats stats() {
    return real.stats();
  }

  /** A checkpoint file whose appends and sync are changes that can crash. */
  private final class Failing implements AppendableFile {
    private final AppendableFile file;

    Failing(AppendableFile file) {
      this.file = file;
    }

    @Override
    public void append(ByteBuffer data) throws IOException {
      change("append to " + file.name());
      file.append(data);
    }

    @Override
    public void flush() throws IOException {
      file.flush();
    }

    @Override
    public void sync() throws IOException {
      change("sync " + file.name());
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
      file.close();
    }
  }
}
