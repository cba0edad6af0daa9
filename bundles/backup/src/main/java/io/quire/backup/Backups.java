package io.quire.backup;

import java.io.IOException;

/**
 * Writes backups of the state the master serves; an OSGi service while a primary serves. One
 * backup at a time: a second request while one runs fails at once.
 */
public interface Backups {

  /**
   * Writes a backup into {@code targetDir} (see {@link BackupMXBean#backup}) and checks it by
   * reading it back. The file appears whole under its final name or not at all.
   */
  BackupResult backup(String targetDir) throws IOException;
}
