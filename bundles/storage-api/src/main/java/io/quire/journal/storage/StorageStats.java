package io.quire.journal.storage;

/**
 * Counters a backend keeps for operators.
 *
 * @param bytesWritten bytes appended since the backend started
 * @param syncs completed sync calls since the backend started
 * @param healthy false once an I/O call has failed and none has succeeded since
 */
public record StorageStats(long bytesWritten, long syncs, boolean healthy) {}
