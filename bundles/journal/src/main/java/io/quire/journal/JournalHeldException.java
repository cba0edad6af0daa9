package io.quire.journal;

import java.io.IOException;

/** Thrown when another live master holds the journal folder. */
public class JournalHeldException extends IOException {
  private static final long serialVersionUID = 1L;

  public JournalHeldException(String message) {
    super(message);
  }

  public JournalHeldException(String message, Throwable cause) {
    super(message, cause);
  }
}
