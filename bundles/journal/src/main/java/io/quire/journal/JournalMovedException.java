package io.quire.journal;

import java.io.IOException;

/**
 * A master was started on a folder its journal has moved away from (see {@link JournalMoved}):
 * serving it would go back to the state at the switch and lose every write after it.
 */
public class JournalMovedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient JournalMoved moved;

  public JournalMovedException(String folder, JournalMoved moved) {
    super("the journal in " + folder + " moved to " + moved.to() + " at " + moved.at()
        + moved.afterSequence() + "; set alluxio.master.journal.folder="
        + moved.to() + " (this folder holds the journal only up to the switch; to go back to "
        + "that state on purpose, delete " + JournalFormat.MOVED + " from it)");
    this.moved = moved;
  }

  public JournalMoved moved() {
    return moved;
  }
}
