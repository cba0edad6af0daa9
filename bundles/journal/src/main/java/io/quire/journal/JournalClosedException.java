package io.quire.journal;

import java.io.IOException;

/** Thrown when the journal failed or was closed and accepts no more appends. */
public class JournalClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  public JournalClosedException(String message) {
    super(message);
  }

  public JournalClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
