package io.quire.harness.crash;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.harness.crash.KillPlan.Trigger;
import io.quire.journal.JournalFormat;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KillPlanTest {

  @Test
  void anyFourConsecutiveIterationsAimAtEveryTrigger() {
    for (long seed : new long[] {0, 1, 42, -7, 987_654_321}) {
      for (int first = 1; first <= 4; first++) {
        Set<Trigger> seen = EnumSet.noneOf(Trigger.class);
        for (int i = first; i < first + 4; i++) {
          seen.add(KillPlan.draw(seed, i, new Random(i), 1600).trigger());
        }
        assertEquals(EnumSet.allOf(Trigger.class), seen, "seed " + seed + " from " + first);
      }
    }
  }

  @Test
  void armsWithinTheFirstThirdOfTheLoadAfterACheckpointOrMore() {
    Random random = new Random(3);
    for (int i = 0; i < 1000; i++) {
      KillPlan plan = KillPlan.draw(5, i, random, 1600);
      assertTrue(plan.armAfterAcks() >= 20 && plan.armAfterAcks() < 20 + 1600 / 3, plan.toString());
      assertTrue(plan.delayMicros() >= 0 && plan.delayMicros() <= 3_000, plan.toString());
      if (plan.trigger() == Trigger.ACKNOWLEDGED) {
        assertEquals(0, plan.armAfterCheckpoints(), plan.toString());
      } else {
        assertTrue(plan.armAfterCheckpoints() >= 1 && plan.armAfterCheckpoints() <= 3,
            plan.toString());
      }
    }
  }

  @Test
  void temporaryTriggerFiresOnTheTemporaryNotOnTheRenamedCheckpoint() {
    String temporary = JournalFormat.checkpointTemporaryName(300, "0123abcd");
    assertTrue(Trigger.TEMPORARY_CREATED.matches(ENTRY_CREATE, temporary));
    assertFalse(Trigger.TEMPORARY_CREATED.matches(ENTRY_DELETE, temporary));
    assertFalse(Trigger.TEMPORARY_CREATED.matches(ENTRY_CREATE, JournalFormat.checkpointName(300)));
    assertTrue(Trigger.CHECKPOINT_RENAMED.matches(ENTRY_CREATE, JournalFormat.checkpointName(300)));
    assertFalse(Trigger.CHECKPOINT_RENAMED.matches(ENTRY_CREATE, temporary));
  }

  @Test
  void cleanUpTriggerIgnoresLogRollsAndTemporaryRenames() {
    Trigger cleanUp = Trigger.CLEAN_UP_DELETES;
    assertTrue(cleanUp.matches(ENTRY_DELETE, JournalFormat.sealedSegmentName(1, 40)));
    assertTrue(cleanUp.matches(ENTRY_DELETE, JournalFormat.checkpointName(100)));
    assertFalse(cleanUp.matches(ENTRY_DELETE, JournalFormat.openSegmentName(41)));
    assertFalse(cleanUp.matches(ENTRY_DELETE, JournalFormat.checkpointTemporaryName(9, "00000000")));
    assertFalse(cleanUp.matches(ENTRY_CREATE, JournalFormat.sealedSegmentName(1, 40)));
    assertFalse(Trigger.ACKNOWLEDGED.matches(ENTRY_CREATE, JournalFormat.checkpointName(100)));
  }
}
