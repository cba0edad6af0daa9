package io.quire.journal.state;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reading backups: a gzip-compressed state file of kind {@code BACKUP} (see
 * {@code docs/backups.md}). Here rather than in the backup bundle so that the offline
 * {@code journal verify|dump} reads backups with the same checks a restore makes.
 */
public final class BackupStateFile {
  private static final int GZIP_BUFFER = 64 << 10;

  private BackupStateFile() {}

  /**
   * Decompresses {@code compressed} and reads and checks the header: a Quire state file, of this
   * format version, a backup. The caller reads the body, then {@link StateFileReader#finish()}
   * checks the end; {@link #failure} turns what the decompression throws meanwhile into a
   * problem that names the backup.
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
