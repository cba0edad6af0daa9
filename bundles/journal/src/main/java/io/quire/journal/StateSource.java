package io.quire.journal;

/**
 * The owner of the journaled state (the master), offered as an OSGi service once it serves or
 * follows, so that the checkpointer and the backup bundle can take consistent snapshots of it.
 */
public interface StateSource {

  /** The state now; cheap, and does not pause writes. */
  StateSnapshot snapshot();
}
