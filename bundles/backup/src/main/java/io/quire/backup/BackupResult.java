package io.quire.backup;

import java.net.URI;
import java.time.Instant;

/**
 * A backup written and checked.
 *
 * @param uri the file
 * @param sequence the journal sequence number the state corresponds to
 * @param entries records in the state
 * @param bytes the file's size
 * @param created when it was started (the time its name carries)
 * @param millis how long writing and checking took
 */
public record BackupResult(URI uri, long sequence, long entries, long bytes, Instant created,
    long millis) {}
