package io.quire.journal;

import java.io.IOException;

/**
 * The journal's storage did not take an entry within the storage timeout
 * ({@code quire.journal.storage.timeout}): it is unreachable, full or failing. The journal keeps
 * retrying and resumes when the storage returns; nothing acknowledged is lost. The message says
 * whether the entry was buffered (its outcome is unknown until the storage returns) or refused
 * (it was not appended).
 */
public class StorageUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, IOException cause) {
    super(message, cause);
  }
}
