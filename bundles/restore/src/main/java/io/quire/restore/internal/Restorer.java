package io.quire.restore.internal;

import io.quire.backup.BackupFiles;
import io.quire.backup.BackupSummary;
import io.quire.journal.Journal;
import io.quire.journal.StateImporter;
import io.quire.journal.StateSnapshot;
import io.quire.journal.state.BackupStateFile;
import io.quire.journal.state.StateFileReader;
import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports backups into just-formatted journals ({@code start -i}) and checks backups without
 * importing them. The backup is read once: its state is copied into the journal's first
 * checkpoint while every chunk's checksum and the end are checked, so a damaged backup fails the
 * import before the checkpoint exists (see {@link Journal#importState}).
 */
final class Restorer implements StateImporter {
  private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);
  private static final int BUFFER = 256 << 10;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
  private static final Progress LOG_PROGRESS = (uri, bytes) ->
      LOG.info("Restoring from {}: {} MB of state copied", uri, bytes >> 20);

  /** What happened at this start, for {@code quire:type=Restore}. */
  record Outcome(String uri, long entries, long sequence, Instant time, String line) {}

  /** Told, every so often during a long import, how far it has got. */
  @FunctionalInterface
  interface Progress {
    void copied(String uri, long stateBytes);
  }

  private final FolderStorageFactory folders;
  private final Clock clock;
  private final long progressNanos;
  private final Progress progress;
  private final RestoreCounts counts = new RestoreCounts();
  private volatile Outcome outcome;

  /** A restorer that logs an import's progress every 2 s. */
  Restorer(FolderStorageFactory folders, Clock clock) {
    this(folders, clock, PROGRESS_EVERY, LOG_PROGRESS);
  }

  Restorer(FolderStorageFactory folders, Clock clock, Duration progressEvery, Progress progress) {
    this.folders = folders;
    this.clock = clock;
    this.progressNanos = progressEvery.toNanos();
    this.progress = progress;
  }

  @Override
  public long importInto(Journal journal, String uri) throws IOException {
    long start = System.nanoTime();
    try (InputStream in = open(uri)) {
      StateFileReader reader = BackupStateFile.open(in, uri);
      BackupState state = new BackupState(reader, uri, progressNanos, progress);
      Optional<String> notEmpty = journal.importState(state);
      if (notEmpty.isPresent()) {
        String line = "ignored -i " + uri + ": the journal is not empty (" + notEmpty.get()
            + "); format it first to restore";
        LOG.warn("Restore {}; the master starts from the journal's own contents", line);
        outcome = new Outcome("", 0, 0, null, line);
        counts.importSkipped();
        return -1;
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.info("Restored {} entries from backup {} (state at sequence {}, taken {}) in {} ms",
          state.entries, uri, state.sequence(),
          Instant.ofEpochMilli(reader.header().createdMillis()), millis);
      outcome = new Outcome(uri, state.entries, state.sequence(), clock.instant(),
          "imported " + state.entries + " entries from " + uri);
      counts.imported(state.entries);
      return state.entries;
    } catch (IOException | RuntimeException e) {
      outcome = new Outcome("", 0, 0, null, "failed: " + e.getMessage());
      counts.importFailed();
      throw e;
    }
  }

  /** Reads {@code uri} whole and checks it; a one-line summary. */
  String validate(String uri) throws IOException {
    BackupSummary s;
    try (InputStream in = open(uri)) {
      s = BackupFiles.check(in, uri);
    } catch (IOException | RuntimeException e) {
      counts.validated(false);
      throw e;
    }
    counts.validated(true);
    return uri + ": a good backup of " + s.entries() + " entries, state at sequence "
        + s.sequence() + ", cluster " + s.clusterId() + ", taken " + s.created() + ", "
        + s.stateBytes() + " bytes of state";
  }

  Outcome outcome() {
    return outcome;
  }

  /** What this restorer has done, for the component to offer as meters. */
  RestoreCounts counts() {
    return counts;
  }

  /** The backup's bytes; a missing file or folder is an error naming the URI. */
  private InputStream open(String uri) throws IOException {
    URI file = parse(uri);
    String path = file.getPath();
    int slash = path.lastIndexOf('/');
    if (slash < 0 || slash == path.length() - 1) {
      throw new IOException("backup " + uri + " names a directory, not a backup file");
    }
    String name = path.substring(slash + 1);
    JournalStorage storage = folders.open(file.resolve("."));
    try {
      if (!storage.exists(name)) {
        throw new NoSuchFileException(uri);
      }
      return new BufferedInputStream(storage.openRead(name, 0), BUFFER);
    } catch (NoSuchFileException e) {
      throw new IOException("backup " + uri + " does not exist", e);
    }
  }

  private static URI parse(String uri) throws IOException {
    if (uri == null || uri.isBlank()) {
      throw new IOException("no backup URI given");
    }
    if (!BackupFiles.hasScheme(uri)) {
      Path path = Path.of(uri);
      if (!path.isAbsolute()) {
        throw new IOException("backup " + uri + ": give a URI or an absolute path");
      }
      return path.toUri();
    }
    try {
      URI parsed = new URI(uri);
      if (parsed.getPath() == null) {
        throw new IOException("backup " + uri + " names no file");
      }
      return parsed;
    } catch (URISyntaxException e) {
      throw new IOException("backup " + uri + " is not a URI: " + e.getMessage(), e);
    }
  }

  /** The backup's state, copied out as it is checked, reporting progress as it goes. */
  private static final class BackupState implements StateSnapshot {
    private final StateFileReader reader;
    private final String uri;
    private final long progressNanos;
    private final Progress progress;
    long entries;

    BackupState(StateFileReader reader, String uri, long progressNanos, Progress progress) {
      this.reader = reader;
      this.uri = uri;
      this.progressNanos = progressNanos;
      this.progress = progress;
    }

    @Override
    public long sequence() {
      return reader.header().sequence();
    }

    @Override
    public long writeTo(OutputStream out) throws IOException {
      byte[] buffer = new byte[64 << 10];
      long copied = 0;
      long lastReport = System.nanoTime();
      try {
        InputStream body = reader.body();
        for (int n; (n = body.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          copied += n;
          if (System.nanoTime() - lastReport >= progressNanos) {
            lastReport = System.nanoTime();
            progress.copied(uri, copied);
          }
        }
        entries = reader.finish();
      } catch (IOException e) {
        throw BackupStateFile.failure(e, uri);
      }
      return entries;
    }
  }
}
