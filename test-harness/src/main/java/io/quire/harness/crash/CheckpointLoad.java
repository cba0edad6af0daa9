package io.quire.harness.crash;

/**
 * The settings of the crash scenario's checkpoint mode, which keeps checkpoints and clean-ups
 * running continuously under the load.
 *
 * @param periodEntries {@code alluxio.master.journal.checkpoint.period.entries}: a few hundred,
 *     so a checkpoint follows every few hundred acknowledged mutations
 * @param logSizeMax {@code alluxio.master.journal.log.size.bytes.max}, e.g. {@code 2KB}: many
 *     small sealed logs, so every clean-up has several to delete
 * @param baseInodes directories journaled before the master starts (0: none), so that each
 *     checkpoint carries a namespace large enough that writing and checking it take a while
 *     for a kill to land in
 */
public record CheckpointLoad(long periodEntries, String logSizeMax, long baseInodes) {

  /** The master's configuration lines for these settings. */
  String properties() {
    return "alluxio.master.journal.checkpoint.period.entries=" + periodEntries + "\n"
        + "alluxio.master.journal.log.size.bytes.max=" + logSizeMax + "\n";
  }

  /** The harness options that repeat these settings. */
  public String options() {
    return "--checkpoints --checkpoint-period " + periodEntries + " --log-size " + logSizeMax
        + " --base-inodes " + baseInodes;
  }
}
