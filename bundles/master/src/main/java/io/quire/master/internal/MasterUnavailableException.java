package io.quire.master.internal;

import java.io.IOException;

/** The master accepts no mutations now (recovering, stopping or stopped); nothing was done. */
final class MasterUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  MasterUnavailableException(String message) {
    super(message);
  }
}
