package io.quire.journal;

import java.time.Instant;

/**
 * What the moved record ({@value JournalFormat#MOVED}) of a journal folder says: the journal
 * went on in another folder, and this one holds it only up to the switch.
 *
 * @param to the folder the journal continues in
 * @param clusterId the journal's cluster id (the same in both folders)
 * @param lastSequence the last entry written to this folder; the other folder has it too
 * @param at when the journal switched
 */
public record JournalMoved(String to, String clusterId, long lastSequence, Instant at) {}
