package io.quire.journal;

/**
 * What one {@link Journal#follow} call read.
 *
 * @param entries entries handed to the target (after a restart: every entry after the
 *     checkpoint loaded)
 * @param restarted the logs no longer held the next entry (the holder's clean-up overtook the
 *     follower), so the target was reset and loaded again from the newest checkpoint
 * @param stalled null when reading reached the end of what the logs held; otherwise why it
 *     stopped before: a whole record in the open segment that fails its checks, which the
 *     holder may still be writing (it is read again next time)
 */
public record FollowProgress(long entries, boolean restarted, String stalled) {}
