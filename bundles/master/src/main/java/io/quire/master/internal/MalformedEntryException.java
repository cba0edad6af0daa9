package io.quire.master.internal;

import java.io.IOException;

/** A journal entry does not follow the {@link EntryFormat} grammar; the message says where. */
final class MalformedEntryException extends IOException {
  private static final long serialVersionUID = 1L;

  MalformedEntryException(String message) {
    super(message);
  }
}
