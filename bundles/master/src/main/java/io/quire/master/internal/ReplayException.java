package io.quire.master.internal;

import java.io.IOException;

/**
 * A journal entry could not be decoded or applied during recovery. Fatal: the journal does not
 * describe a namespace this master can rebuild, so the master must not serve.
 */
final class ReplayException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long sequence;

  ReplayException(long sequence, String problem, Throwable cause) {
    super("journal entry " + sequence + " cannot be replayed: " + problem
        + "; run 'bin/quire journal dump' on the journal folder", cause);
    this.sequence = sequence;
  }

  long sequence() {
    return sequence;
  }
}
