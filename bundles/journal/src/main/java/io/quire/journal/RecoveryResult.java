package io.quire.journal;

import java.util.List;

/**
 * What {@link Journal#recover} found.
 *
 * @param lastSequence the last entry's sequence number, 0 for an empty journal
 * @param entriesReplayed entries handed to the consumer
 * @param repairs torn tails that were cut, one line each (file, offset, bytes kept aside)
 * @param millis how long recovery took
 */
public record RecoveryResult(long lastSequence, long entriesReplayed, List<String> repairs,
    long millis) {}
