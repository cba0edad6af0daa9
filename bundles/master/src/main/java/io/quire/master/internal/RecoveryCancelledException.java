package io.quire.master.internal;

import java.io.InterruptedIOException;

/** A start's recovery given up because the master is stopping (not a journal problem). */
final class RecoveryCancelledException extends InterruptedIOException {
  private static final long serialVersionUID = 1L;

  RecoveryCancelledException() {
    super("recovery cancelled: the master is stopping");
  }
}
