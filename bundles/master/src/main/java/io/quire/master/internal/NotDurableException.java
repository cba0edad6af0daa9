package io.quire.master.internal;

import java.io.IOException;

/**
 * A mutation was applied and journaled, but the journal failed before the entry was durable:
 * whether it survives a restart is unknown, and the journal accepts nothing more.
 */
final class NotDurableException extends IOException {
  private static final long serialVersionUID = 1L;

  NotDurableException(long sequence, IOException cause) {
    super("journal entry " + sequence + " was applied but the journal failed before it was "
        + "durable, so the outcome is unknown: " + cause.getMessage(), cause);
  }
}
