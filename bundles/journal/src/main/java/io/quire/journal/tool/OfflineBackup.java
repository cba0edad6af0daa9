package io.quire.journal.tool;

import io.quire.journal.state.BackupStateFile;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A backup file as {@code journal verify|dump} reads it: with the checks a restore makes
 * (gzip, header, every chunk, the end) and, where the master's decoder is present, its records
 * decoded one by one, so a backup that passes here is one a restore accepts.
 */
final class OfflineBackup {
  private static final int BUFFER = 256 << 10;

  /**
   * @param header what the backup says about itself
   * @param records how many records its end counts
   * @param stateBytes the uncompressed body's length
   * @param decoded whether the records were decoded (the master's decoder was present)
   */
  record Summary(StateFileHeader header, long records, long stateBytes, boolean decoded) {
    String headerLine(Path file) {
      return "backup " + file + ": sequence " + header.sequence() + ", cluster "
          + header.clusterId() + ", created " + Instant.ofEpochMilli(header.createdMillis())
          + ", format version " + header.version();
    }
  }

  private final Path file;
  private final CheckpointRenderer renderer;

  OfflineBackup(Path file, CheckpointRenderer renderer) {
    this.file = file;
    this.renderer = renderer;
  }

  /**
   * Reads the whole backup and checks it.
   *
   * @param lines receives each record as a line when the records can be decoded; null to check
   *     only (they are still decoded where possible, and a malformed one is a finding)
   * @throws CorruptStateFileException it failed a check
   */
  Summary read(Consumer<String> lines) throws IOException {
    String source = file.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      StateFileReader reader = BackupStateFile.open(in, source);
      try {
        long decoded = -1;
        if (renderer != null) {
          decoded = renderer.render(source, reader.header(), reader.body(),
              lines == null ? line -> { } : lines);
        }
        long records = reader.finish();
        if (decoded >= 0 && decoded != records) {
          throw new CorruptStateFileException(source, -1, "its end counts " + records
              + " records, but the body held " + decoded);
        }
        return new Summary(reader.header(), records, reader.bodyBytes(), renderer != null);
      } catch (IOException e) {
        throw BackupStateFile.failure(e, source);
      }
    }
  }
}
