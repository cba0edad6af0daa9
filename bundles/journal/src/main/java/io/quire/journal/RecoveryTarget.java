package io.quire.journal;

import io.quire.journal.state.StateFileHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * What {@link Journal#recover} rebuilds: first the newest valid checkpoint, if there is one,
 * through {@link #loadCheckpoint}, then every later entry through {@link #accept}.
 */
public interface RecoveryTarget extends EntryConsumer {

  /**
   * Replaces the state with a checkpoint's. The body's bytes are checked (chunk checksums) before
   * they are handed out; the journal checks the rest of the file after this returns.
   *
   * @param source the checkpoint's file name, for messages
   * @return how many records were read, which the journal compares with the count at the file's
   *     end; -1 if the target does not count them
   * @throws io.quire.journal.state.CorruptStateFileException the body is damaged or malformed;
   *     the journal then calls {@link #reset} and falls back to an older checkpoint
   */
  long loadCheckpoint(String source, StateFileHeader header, InputStream body)
      throws IOException;

  /** Drops whatever a failed {@link #loadCheckpoint} left: back to the empty state. */
  void reset();

  /** A target for a journal without checkpoints to load, such as a new one: entries only. */
  static RecoveryTarget entriesOnly(EntryConsumer consumer) {
    return new RecoveryTarget() {
      @Override
      public long loadCheckpoint(String source, StateFileHeader header, InputStream body)
          throws IOException {
        throw new IOException("cannot load checkpoint " + source + ": this reader takes "
            + "journal entries only");
      }

      @Override
      public void reset() {}

      @Override
      public void accept(long sequence, ByteBuffer entry) throws IOException {
        consumer.accept(sequence, entry);
      }
    };
  }
}
