package io.quire.journal;

/**
 * A checkpoint in the journal folder.
 *
 * @param name its file name
 * @param sequence the last entry its state includes
 * @param createdMillis when it was written, epoch millis (from its header)
 * @param bytes its size
 * @param entries records of state it holds
 * @param durationMillis how long writing and checking it took; -1 when it was found, not written
 */
public record CheckpointInfo(String name, long sequence, long createdMillis, long bytes,
    long entries, long durationMillis) {}
