package io.quire.journal;

/**
 * A point-in-time view of the journal for {@code quire:type=Journal} and {@code fsadmin report}.
 *
 * @param folder where the journal lives
 * @param storageType {@code local}, {@code nfs} or {@code hdfs}
 * @param lastSequence last appended sequence number
 * @param durableSequence last sequence number known durable
 * @param entriesSinceCheckpoint entries after the newest checkpoint (all of them while none exists)
 * @param logFileCount segment files in the folder
 * @param logBytes bytes in segment files
 * @param failure why the journal stopped accepting writes, or null while healthy
 * @param lastCheckpoint the newest good checkpoint in the folder, or null while there is none
 * @param checkpointCount checkpoint files in the folder
 */
public record JournalStatus(String folder, String storageType, long lastSequence,
    long durableSequence, long entriesSinceCheckpoint, int logFileCount, long logBytes,
    String failure, CheckpointInfo lastCheckpoint, int checkpointCount) {}
