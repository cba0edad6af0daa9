package io.quire.backup;

import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Backup files: {@code alluxio-journal-YYYY-MM-DD-<epoch millis>.gz} (the UTC date and the
 * moment the backup was taken), holding a gzip-compressed state file of kind {@code BACKUP}
 * (format in {@code docs/backups.md}): its header gives the format version, the cluster id, the
 * sequence number the state corresponds to and the time it was written; its end, the record
 * count and a checksum. So a backup is checked by reading it, without restoring it.
 */
public final class BackupFiles {
  /** The names backups get; retention counts and deletes only names of this pattern. */
  public static final Pattern NAME = Pattern.compile("alluxio-journal-(\\d{4}-\\d{2}-\\d{2})-(\\d+)\\.gz");

  private static final int GZIP_BUFFER = 64 << 10;
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private BackupFiles() {}

  /** The name of a backup taken at {@code created}. */
  public static String name(Instant created) {
    return "alluxio-journal-" + LocalDate.ofInstant(created, ZoneOffset.UTC) + "-"
        + created.toEpochMilli() + ".gz";
  }

  public static boolean isBackupName(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Whether a backup location the operator gave starts with a URI scheme ({@code file:},
   * {@code hdfs:}) rather than being a plain path.
   */
  public static boolean hasScheme(String location) {
    return SCHEME.matcher(location).find();
  }

  /** The epoch millis a backup's name carries. */
  public static long createdMillis(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a backup file name: " + name);
    }
    return Long.parseLong(m.group(2));
  }

  /**
   * Opens a backup for reading its state: decompresses, reads and checks the header (a Quire
   * state file, of this format version, a backup). The caller reads the body, then
   * {@link StateFileReader#finish()} checks the end; {@link #failure} turns what the
   * decompression throws meanwhile into a clear problem.
   *
   * @throws CorruptStateFileException not a backup, or of a newer format
   */
  public static StateFileReader open(InputStream compressed, String source) throws IOException {
    GZIPInputStream decompressed;
    try {
      decompressed = new GZIPInputStream(compressed, GZIP_BUFFER);
    } catch (EOFException e) {
      throw new CorruptStateFileException(source, 0, "not a Quire backup: empty, or too short "
          + "for a gzip header");
    } catch (IOException e) {
      throw failure(e, source);
    }
    StateFileReader reader;
    try {
      reader = StateFileReader.open(decompressed, source);
    } catch (IOException e) {
      throw failure(e, source);
    }
    if (reader.header().kind() != StateFileHeader.Kind.BACKUP) {
      throw new CorruptStateFileException(source, 0, "a " + reader.header().kind()
          + " state file, not a backup");
    }
    return reader;
  }

  /** Reads a whole backup and checks every checksum, the record count and the end. */
  public static BackupSummary check(InputStream compressed, String source) throws IOException {
    StateFileReader reader = open(compressed, source);
    long entries;
    try {
      entries = reader.finish();
    } catch (IOException e) {
      throw failure(e, source);
    }
    StateFileHeader header = reader.header();
    return new BackupSummary(source, header.sequence(), header.clusterId(),
        Instant.ofEpochMilli(header.createdMillis()), entries, reader.bodyBytes());
  }

  /**
   * What reading a backup threw, as a problem that names the backup: decompression errors
   * become "not gzip" or "truncated"; the state file's own findings pass as they are.
   */
  public static IOException failure(IOException e, String source) {
    if (e instanceof CorruptStateFileException) {
      return e;
    }
    if (e instanceof ZipException) {
      return new CorruptStateFileException(source, -1, "not a Quire backup: the gzip "
          + "compression is damaged or missing (" + e.getMessage() + ")");
    }
    if (e instanceof EOFException) {
      return new CorruptStateFileException(source, -1, "truncated: the compressed data ends "
          + "before the backup does");
    }
    return e;
  }
}
