package io.quire.backup;

import java.time.Instant;
import java.util.UUID;

/**
 * What a backup holds, as read and checked from the file.
 *
 * @param source the file or URI read
 * @param sequence the journal sequence number the state corresponds to
 * @param clusterId the cluster the backup was taken of
 * @param created when the backup was written
 * @param entries records in the state
 * @param stateBytes bytes of state, uncompressed
 */
public record BackupSummary(String source, long sequence, UUID clusterId, Instant created,
    long entries, long stateBytes) {}
