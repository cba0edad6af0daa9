package io.quire.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AckTimesTest {

  /** Acknowledgements at 0, 10, 20, 30, then none until 500, then 510. */
  private final AckTimes times = new AckTimes(new long[] {0, 10, 20, 30, 500, 510});

  @Test
  void theGapAroundAnEventSpansFromTheLastAcknowledgementBeforeToTheFirstAfter() {
    assertEquals(470, times.longestGap(35, 100));
    assertEquals(470, times.longestGap(30, 500));
  }

  @Test
  void anEventThatHeldNoWritesHasTheGapsOfItsNeighbours() {
    assertEquals(10, times.longestGap(12, 15));
    assertEquals(10, times.longestGap(505, 505));
  }

  @Test
  void anEventSpanningSeveralGapsHasTheLongest() {
    assertEquals(470, times.longestGap(5, 505));
  }

  @Test
  void theGapIsUnknownWithoutAnAcknowledgementOnEachSide() {
    assertEquals(-1, times.longestGap(511, 600));
    assertEquals(-1, times.longestGap(-5, -1));
    assertEquals(-1, new AckTimes(new long[0]).longestGap(0, 1));
  }

  @Test
  void countsTheAcknowledgementsInAStretchBothEndsIncluded() {
    assertEquals(3, times.countBetween(10, 30));
    assertEquals(0, times.countBetween(31, 499));
    assertEquals(6, times.countBetween(0, 510));
  }

  @Test
  void theRateCountsTheIntervalsBetweenTheFirstAndTheLast() {
    assertEquals(5 * 1e9 / 510, times.perSecond(), 1e-6);
    assertEquals(0, new AckTimes(new long[] {7}).perSecond());
  }
}
