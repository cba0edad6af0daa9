package io.quire.harness.load;

/**
 * The instants ({@link System#nanoTime}, ascending) at which the clients saw acknowledgements,
 * and what they say about a stretch of time in which something happened to the master: a storage
 * swap, a DataNode restart.
 */
public final class AckTimes {
  private final long[] instants;

  AckTimes(long[] instants) {
    this.instants = instants;
  }

  public int count() {
    return instants.length;
  }

  /** Acknowledgements per second from the first to the last; 0 with fewer than two. */
  public double perSecond() {
    return instants.length < 2 ? 0
        : (instants.length - 1) * 1e9 / (instants[instants.length - 1] - instants[0]);
  }

  /**
   * The longest time without an acknowledgement around the event that ran from {@code from} to
   * {@code to}: the longest gap between consecutive acknowledgements among those gaps that end
   * at or after {@code from} and begin at or before {@code to}. So it spans from the last
   * acknowledgement before the event to the first after it, if writes stopped throughout.
   *
   * @return the gap in nanoseconds; -1 if there is no acknowledgement after {@code to} yet
   *     (writes did not resume) or none before {@code from}
   */
  public long longestGap(long from, long to) {
    int first = firstAtOrAfter(from);
    int resumed = firstAtOrAfter(to + 1);
    if (first == 0 || resumed == instants.length) {
      return -1;
    }
    // gap i runs from instant i - 1 to instant i: it ends at or after from when i >= first,
    // and begins at or before to when i - 1 < resumed
    long longest = 0;
    for (int i = first; i <= resumed; i++) {
      longest = Math.max(longest, instants[i] - instants[i - 1]);
    }
    return longest;
  }

  /** How many acknowledgements came between {@code from} and {@code to}. */
  public int countBetween(long from, long to) {
    return firstAtOrAfter(to + 1) - firstAtOrAfter(from);
  }

  /** The index of the first instant at or after {@code instant}; the count if there is none. */
  private int firstAtOrAfter(long instant) {
    int low = 0;
    int high = instants.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (instants[mid] < instant) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
