package io.quire.backup;

import io.quire.journal.state.BackupStateFile;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** Reads a whole backup and checks every checksum, the record count and the end. */
  public static BackupSummary check(InputStream compressed, String source) throws IOException {
    StateFileReader reader = BackupStateFile.open(compressed, source);
    long entries;
    try {
      entries = reader.finish();
    } catch (IOException e) {
      throw BackupStateFile.failure(e, source);
    }
    StateFileHeader header = reader.header();
    return new BackupSummary(source, header.sequence(), header.clusterId(),
        Instant.ofEpochMilli(header.createdMillis()), entries, reader.bodyBytes());
  }
}
