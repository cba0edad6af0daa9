package io.quire.backup.internal;

import io.quire.backup.BackupFiles;
import io.quire.backup.BackupResult;
import io.quire.backup.BackupSummary;
import io.quire.backup.Backups;
import io.quire.journal.Journal;
import io.quire.journal.StateSnapshot;
import io.quire.journal.StateSource;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileWriter;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.AppendableFileOutput;
import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes backups: a snapshot of the master's state (taken without pausing writes, as a
 * checkpoint's is), once every entry it covers is durable, compressed into
 * {@code <name>.<writer>.tmp}, synced, renamed to its final name, then read back and checked.
 * A backup that fails its read-back is deleted; a failure at any step leaves no file under a
 * backup's name. One backup at a time.
 */
final class BackupWriter implements Backups {
  private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);
  private static final int FILE_BUFFER = 256 << 10;
  private static final int GZIP_BUFFER = 64 << 10;
  private static final Pattern TEMPORARY =
      Pattern.compile(BackupFiles.NAME.pattern() + "\\.[0-9a-f]{8}\\.tmp");


  private final Journal journal;
  private final StateSource state;
  private final FolderStorageFactory folders;
  private final Clock clock;
  private final String defaultDir;
  private final String rootUfs;
  private final String notPrimary; // null on a primary
  private final String writer = String.format("%08x", ThreadLocalRandom.current().nextInt());
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong progressBytes = new AtomicLong();
  private volatile Listener listener;
  private volatile BackupResult last;
  private volatile String lastFailure = "";

  /**
   * Told of each backup that was written and checked or that failed, with how long it took; a
   * request refused at once (on a secondary, or while another backup runs) is neither.
   */
  interface Listener {
    void backupWritten(BackupResult backup, long nanos);

    void backupFailed(long nanos);
  }

  /**
   * @param notPrimary why this master takes no backups (a secondary), or null on a primary
   */
  BackupWriter(Journal journal, StateSource state, FolderStorageFactory folders, Clock clock,
      String defaultDir, String rootUfs, String notPrimary) {
    this.journal = journal;
    this.state = state;
    this.folders = folders;
    this.clock = clock;
    this.defaultDir = defaultDir;
    this.rootUfs = rootUfs;
    this.notPrimary = notPrimary;
  }

  @Override
  public BackupResult backup(String targetDir) throws IOException {
    if (notPrimary != null) {
      throw new IOException(notPrimary);
    }
    if (!running.compareAndSet(false, true)) {
      throw new IOException("a backup is in progress already; try again when it has finished");
    }
    progressBytes.set(0);
    long start = System.nanoTime();
    BackupResult result;
    try {
      result = write(targetDir);
      last = result;
      lastFailure = "";
      LOG.info("Backup {} written: state at sequence {}, {} entries, {} bytes, {} ms",
          result.uri(), result.sequence(), result.entries(), result.bytes(), result.millis());
    } catch (IOException | RuntimeException e) {
      lastFailure = String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ");
      LOG.error("Backup to '{}' failed: {}", targetDir, lastFailure, e);
      tell(told -> told.backupFailed(System.nanoTime() - start));
      throw e;
    } finally {
      running.set(false);
    }
    tell(told -> told.backupWritten(result, System.nanoTime() - start));
    return result;
  }

  /** Tells the listener (the metrics) of a backup; its failure never changes the backup's outcome. */
  private void tell(Consumer<Listener> event) {
    Listener told = listener;
    if (told == null) {
      return;
    }
    try {
      event.accept(told);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Backup metrics were not recorded: {}", e.toString());
    }
  }

  private BackupResult write(String targetDir) throws IOException {
    long start = System.nanoTime();
    URI folder;
    try {
      folder = BackupLocation.resolve(targetDir, defaultDir, rootUfs);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    JournalStorage storage = folders.open(folder);
    storage.createFolder();
    Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the name has it
    String name = BackupFiles.name(created);
    URI uri = URI.create(folder.toString().replaceAll("/+$", "") + "/" + name);
    StateSnapshot snapshot = state.snapshot();
    try {
      journal.awaitDurable(snapshot.sequence()); // never back up what a crash could take back
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for entries to be durable");
    }
    String temporary = name + "." + writer + ".tmp";
    long entries;
    try (AppendableFile file = storage.create(temporary)) {
      AppendableFileOutput out = new AppendableFileOutput(file, FILE_BUFFER);
      GZIPOutputStream gzip = new GZIPOutputStream(out, GZIP_BUFFER);
      StateFileWriter stateFile = new StateFileWriter(gzip, new StateFileHeader(
          StateFileHeader.Kind.BACKUP, 0, snapshot.sequence(),
          UUID.fromString(journal.format().clusterId()), created.toEpochMilli()));
      entries = snapshot.writeTo(new Progress(stateFile.body(), progressBytes));
      stateFile.finish(entries);
      gzip.finish();
      out.flush();
      file.sync();
    } catch (IOException | RuntimeException e) {
      deleteQuietly(storage, temporary, e);
      throw e;
    }
    storage.rename(temporary, name);
    BackupSummary summary;
    try (InputStream in = new BufferedInputStream(storage.openRead(name, 0), FILE_BUFFER)) {
      summary = BackupFiles.check(in, uri.toString());
      if (summary.entries() != entries || summary.sequence() != snapshot.sequence()) {
        throw new CorruptStateFileException(uri.toString(), -1, "read back " + summary.entries()
            + " entries at sequence " + summary.sequence() + ", wrote " + entries + " at "
            + snapshot.sequence());
      }
    } catch (CorruptStateFileException e) {
      deleteQuietly(storage, name, e);
      throw new IOException("backup " + uri + " failed its read-back check and was deleted: "
          + e.getMessage(), e);
    }
    deleteStrayTemporaries(storage, temporary);
    return new BackupResult(uri, snapshot.sequence(), entries, storage.size(name), created,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Temporaries of backups that a crash or kill interrupted (another writer id). */
  private static void deleteStrayTemporaries(JournalStorage storage, String mine) {
    try {
      for (String name : storage.list()) {
        if (!name.equals(mine) && TEMPORARY.matcher(name).matches()) {
          LOG.info("Deleting {} in {}: an interrupted backup's temporary file", name,
              storage.uri());
          storage.delete(name);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not clean up interrupted backups in {}: {}", storage.uri(), e.toString());
    }
  }

  private static void deleteQuietly(JournalStorage storage, String name, Exception cause) {
    try {
      storage.delete(name);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /** Tells {@code listener} (null: no one) of each backup's end, on the backup's thread. */
  void observe(Listener listener) {
    this.listener = listener;
  }

  BackupResult last() {
    return last;
  }

  String lastFailure() {
    return lastFailure;
  }

  boolean inProgress() {
    return running.get();
  }

  long progressBytes() {
    return progressBytes.get();
  }

  /** Counts the state's bytes as they are written; publishes the count every 64 KiB. */
  private static final class Progress extends FilterOutputStream {
    private static final long PUBLISH_BYTES = 64 << 10;
    private final AtomicLong published;
    private long written;

    Progress(OutputStream out, AtomicLong published) {
      super(out);
      this.published = published;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count(len);
    }

    private void count(int bytes) {
      written += bytes;
      if (written - published.get() >= PUBLISH_BYTES) {
        published.set(written);
      }
    }
  }
}
