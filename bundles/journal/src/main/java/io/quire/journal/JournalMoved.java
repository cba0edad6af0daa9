package io.quire.journal;

import java.time.Instant;

/**
 * What the moved record ({@value JournalFormat#MOVED}) of a journal folder says: the journal
 * went on in another folder, and this one holds it only up to the switch.
 *
 * @param to the folder the journal continues in
 * @param clusterId the journal's cluster id (the same in both folders)
 * @param lastSequence the last entry written to this folder (the other folder has it too), or
 *     {@link #UNKNOWN}: the record is written before the switch and completed just after it,
 *     and a crash in between leaves it without
 * @param at when the journal switched (or was about to)
 */
public record JournalMoved(String to, String clusterId, long lastSequence, Instant at) {
  /** The last sequence number, when the record does not say it. */
  public static final long UNKNOWN = -1;

  /** "after sequence N", or nothing when the record does not say. */
  public String afterSequence() {
    return lastSequence == UNKNOWN ? "" : " after sequence " + lastSequence;
  }
}
