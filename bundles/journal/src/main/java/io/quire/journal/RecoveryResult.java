package io.quire.journal;

import java.util.List;

/**
 * What {@link Journal#recover} found.
 *
 * @param lastSequence the last entry's sequence number, 0 for an empty journal
 * @param entriesReplayed entries handed to the consumer (after the checkpoint, if one was loaded)
 * @param checkpoint the checkpoint the state was loaded from, or null
 * @param repairs torn tails that were cut, one line each (file, offset, bytes kept aside)
 * @param skippedCheckpoints checkpoints that failed their checks and were passed over, one line
 *     each (file and problem)
 * @param millis how long recovery took
 */
public record RecoveryResult(long lastSequence, long entriesReplayed, CheckpointInfo checkpoint,
    List<String> repairs, List<String> skippedCheckpoints, long millis) {}
