package io.quire.journal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A consistent state at one sequence number, able to write itself out for a checkpoint or a
 * backup. Taking it must not pause writes; writing it may take a while and runs on the caller's
 * thread while the owner goes on changing its live state.
 */
public interface StateSnapshot {

  /** Every journal entry up to this one is in the state, none after it. */
  long sequence();

  /**
   * Writes the state's records, which only the owner reads back (see
   * {@link RecoveryTarget#loadCheckpoint}).
   *
   * @return how many records were written
   */
  long writeTo(OutputStream out) throws IOException;
}
