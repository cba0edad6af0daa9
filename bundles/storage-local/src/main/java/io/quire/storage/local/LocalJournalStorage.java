package io.quire.storage.local;

import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A journal folder on a local file system.
 *
 * <p>{@code sync} is {@link FileChannel#force(boolean) force(false)} (fdatasync: the data and
 * the size needed to read it back). Changes to the listing force the folder itself, because on
 * Linux a new or renamed name survives a power loss only once its directory is fsynced.
 */
public class LocalJournalStorage implements JournalStorage {

  private final Path folder;
  private final String type;
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder syncs = new LongAdder();
  private volatile boolean healthy = true;

  public LocalJournalStorage(Path folder) {
    this(folder, "local");
  }

  /** For backends that are a local path underneath (an NFS mount). */
  protected LocalJournalStorage(Path folder, String type) {
    this.folder = folder.toAbsolutePath().normalize();
    this.type = type;
  }

  public Path folder() {
    return folder;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public URI uri() {
    return folder.toUri();
  }

  @Override
  public List<String> list() throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    return io(() -> {
      try (Stream<Path> files = Files.list(folder)) {
        List<String> names = new ArrayList<>();
        files.forEach(p -> names.add(p.getFileName().toString()));
        return names;
      }
    });
  }

  @Override
  public boolean folderExists() {
    return Files.isDirectory(folder);
  }

  @Override
  public void createFolder() throws IOException {
    io(() -> {
      Path missing = folder;
      while (missing.getParent() != null && !Files.exists(missing.getParent())) {
        missing = missing.getParent();
      }
      Files.createDirectories(folder);
      forceDirectory(folder);
      forceDirectory(missing.getParent() == null ? missing : missing.getParent());
      return null;
    });
  }

  @Override
  public long size(String name) throws IOException {
    return io(() -> Files.size(resolve(name)));
  }

  @Override
  public boolean exists(String name) {
    return Files.exists(resolve(name));
  }

  @Override
  public AppendableFile create(String name) throws IOException {
    return io(() -> {
      FileChannel channel = FileChannel.open(resolve(name),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      forceDirectory(folder);
      return new LocalFile(name, channel);
    });
  }

  @Override
  public AppendableFile openForAppend(String name) throws IOException {
    return io(() -> {
      FileChannel channel = FileChannel.open(resolve(name), StandardOpenOption.WRITE);
      channel.position(channel.size());
      return new LocalFile(name, channel);
    });
  }

  @Override
  public InputStream openRead(String name, long offset) throws IOException {
    return io(() -> {
      FileChannel channel = FileChannel.open(resolve(name), StandardOpenOption.READ);
      channel.position(offset);
      return Channels.newInputStream(channel);
    });
  }

  @Override
  public void rename(String source, String target) throws IOException {
    io(() -> {
      Files.move(resolve(source), resolve(target), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(folder);
      return null;
    });
  }

  @Override
  public void delete(String name) throws IOException {
    io(() -> {
      if (Files.deleteIfExists(resolve(name))) {
        forceDirectory(folder);
      }
      return null;
    });
  }

  @Override
  public void truncate(String name, long length) throws IOException {
    io(() -> {
      try (FileChannel channel = FileChannel.open(resolve(name), StandardOpenOption.WRITE)) {
        channel.truncate(length);
        channel.force(true);
      }
      return null;
    });
  }

  @Override
  public Optional<AutoCloseable> tryLock(String name) throws IOException {
    return io(() -> {
      FileChannel channel = FileChannel.open(resolve(name),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          channel.close();
          return Optional.empty();
        }
        return Optional.of(() -> {
          lock.release();
          channel.close();
        });
      } catch (OverlappingFileLockException heldInThisJvm) {
        channel.close();
        return Optional.empty();
      }
    });
  }

  @Override
  public StorageStats stats() {
    return new StorageStats(bytesWritten.sum(), syncs.sum(), healthy);
  }

  /** The path of a file of the folder; {@code name} must be a plain file name. */
  protected Path resolve(String name) {
    return folder.resolve(JournalStorage.plainName(name));
  }

  private static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  /** Runs one I/O call and keeps {@code healthy} current; "not found" is not ill health. */
  private <T> T io(IoCall<T> call) throws IOException {
    try {
      T result = call.call();
      healthy = true;
      return result;
    } catch (NoSuchFileException | FileAlreadyExistsException expected) {
      throw expected;
    } catch (IOException | UncheckedIOException e) {
      healthy = false;
      throw e;
    }
  }

  private final class LocalFile implements AppendableFile {
    private final String name;
    private final FileChannel channel;

    LocalFile(String name, FileChannel channel) {
      this.name = name;
      this.channel = channel;
    }

    @Override
    public void append(ByteBuffer data) throws IOException {
      io(() -> {
        int written = 0;
        while (data.hasRemaining()) {
          written += channel.write(data);
        }
        bytesWritten.add(written);
        return null;
      });
    }

    @Override
    public void flush() {
      // FileChannel.write already hands bytes to the OS: nothing is buffered in the JVM.
    }

    @Override
    public void sync() throws IOException {
      io(() -> {
        channel.force(false);
        syncs.increment();
        return null;
      });
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
