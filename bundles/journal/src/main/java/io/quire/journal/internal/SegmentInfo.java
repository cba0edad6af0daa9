package io.quire.journal.internal;

/**
 * A segment file as the folder listing shows it.
 *
 * @param name file name
 * @param first first sequence number
 * @param last last sequence number, or -1 while the segment is open
 */
public record SegmentInfo(String name, long first, long last) {
  public boolean open() {
    return last < 0;
  }

  /** Whether a checkpoint at {@code sequence} holds every entry of this (sealed) segment. */
  public boolean coveredBy(long sequence) {
    return !open() && last <= sequence;
  }
}
