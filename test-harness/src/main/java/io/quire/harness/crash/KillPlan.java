package io.quire.harness.crash;

import io.quire.journal.JournalFormat;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.Random;

/**
 * When the checkpoint mode kills the master: on a file event of checkpoint work, once at least
 * {@code armAfterAcks} mutations were acknowledged and {@code armAfterCheckpoints} checkpoints
 * were written under the load, {@code delayMicros} after the event.
 *
 * @param trigger the event that kills
 * @param armAfterAcks acknowledged mutations before the trigger counts (for
 *     {@link Trigger#ACKNOWLEDGED}, the kill point itself)
 * @param armAfterCheckpoints checkpoints seen written before the trigger counts, so that most
 *     kills find two older checkpoints and logs for clean-up to delete
 * @param delayMicros pause between the event and the kill, to spread kills over the work the
 *     event starts
 */
record KillPlan(Trigger trigger, int armAfterAcks, int armAfterCheckpoints, long delayMicros) {

  /**
   * Iteration {@code iteration} of a run gets trigger {@code (seed + iteration) mod 4}, so that
   * any four consecutive iterations cover every trigger; the rest is drawn from {@code random}.
   *
   * @param mutations all the clients' commands together
   */
  static KillPlan draw(long seed, int iteration, Random random, int mutations) {
    Trigger[] triggers = Trigger.values();
    Trigger trigger = triggers[(int) Math.floorMod(seed + iteration, (long) triggers.length)];
    int acks = 20 + random.nextInt(Math.max(1, mutations / 3));
    int checkpoints = trigger == Trigger.ACKNOWLEDGED ? 0 : 1 + random.nextInt(3);
    return new KillPlan(trigger, acks, checkpoints, random.nextLong(trigger.maxDelayMicros + 1));
  }

  String describe() {
    return trigger.description + (trigger == Trigger.ACKNOWLEDGED ? " (" + armAfterAcks + ")"
        : ", once " + armAfterAcks + " mutations were acknowledged and " + armAfterCheckpoints
            + " checkpoint(s) written, " + delayMicros + " µs after");
  }

  /** The file event that kills. */
  enum Trigger {
    /** A checkpoint's temporary is created: the kill lands in its write, sync or rename. */
    TEMPORARY_CREATED("kill when a checkpoint temporary appears", 2_000),
    /** A temporary is renamed to a checkpoint: its read-back check and clean-up follow. */
    CHECKPOINT_RENAMED("kill when a new checkpoint appears", 3_000),
    /** Clean-up deletes an old checkpoint or a sealed log: the kill lands among its deletes. */
    CLEAN_UP_DELETES("kill when clean-up deletes a file", 1_000),
    /** A random number of acknowledged mutations, as in the plain scenario. */
    ACKNOWLEDGED("kill after a random number of acknowledged mutations", 0);

    private final String description;
    private final long maxDelayMicros;

    Trigger(String description, long maxDelayMicros) {
      this.description = description;
      this.maxDelayMicros = maxDelayMicros;
    }

    /** Whether a file event in the journal folder is this trigger's. */
    boolean matches(WatchEvent.Kind<?> kind, String name) {
      return switch (this) {
        case TEMPORARY_CREATED -> kind == StandardWatchEventKinds.ENTRY_CREATE
            && JournalFormat.isCheckpointTemporary(name);
        case CHECKPOINT_RENAMED -> kind == StandardWatchEventKinds.ENTRY_CREATE
            && JournalFormat.parseCheckpointName(name) >= 0;
        case CLEAN_UP_DELETES -> kind == StandardWatchEventKinds.ENTRY_DELETE
            && isDeletedOnlyByCleanUp(name);
        case ACKNOWLEDGED -> false;
      };
    }

    /** Checkpoints and sealed logs disappear only in clean-up (a roll renames an open log). */
    private static boolean isDeletedOnlyByCleanUp(String name) {
      long[] range = JournalFormat.parseSegmentName(name);
      return JournalFormat.parseCheckpointName(name) >= 0 || (range != null && range[1] >= 0);
    }
  }
}
