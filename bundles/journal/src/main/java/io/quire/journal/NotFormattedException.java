package io.quire.journal;

import java.io.IOException;

/** Thrown when the journal folder was never formatted (no format marker). */
public class NotFormattedException extends IOException {
  private static final long serialVersionUID = 1L;

  public NotFormattedException(String message) {
    super(message);
  }

  public NotFormattedException(String message, Throwable cause) {
    super(message, cause);
  }
}
