package io.quire.journal;

import java.io.IOException;

/**
 * Fills a just-formatted journal from a backup before the master recovers
 * ({@code bin/quire start -i BACKUP_URI}). Offered by the restore bundle; the primary's master
 * calls it once, on its recovery thread, when the configuration names a backup.
 */
public interface StateImporter {

  /**
   * Imports the backup at {@code uri} through {@link Journal#importState} if the journal holds
   * nothing yet, and logs {@code Restored N entries from backup}; if the journal holds entries
   * or checkpoints, changes nothing and logs a WARN that says why.
   *
   * @return the entries restored, or -1 when the journal was not empty
   * @throws IOException the backup is missing, unreadable, truncated, damaged, not a backup or
   *     of a newer format; the message names the URI and the problem, and the journal is as it
   *     was
   */
  long importInto(Journal journal, String uri) throws IOException;
}
