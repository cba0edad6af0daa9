package io.quire.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives entries in sequence order during recovery or a read of the journal. */
@FunctionalInterface
public interface EntryConsumer {
  /**
   * @param sequence the entry's sequence number
   * @param entry the entry's bytes; valid only during this call
   */
  void accept(long sequence, ByteBuffer entry) throws IOException;
}
